"""End-to-end tests of the graph view component on a five-concept demo app."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from tests.browser.helpers import GRAPH, click_edge, click_node, hover_node, wait_for_view

try:
    from playwright.sync_api import expect
except ImportError:  # the browser fixture then skips (or fails in CI) with the reason
    expect = None

# The names of the selected nodes (their ids are opaque: graph/picture/view.py for_browser).
SELECTED = "() => window.kgNetwork.getSelectedNodes().map((id) => window.kgNetwork.body.data.nodes.get(id).name)"

pytestmark = pytest.mark.browser

DEMO_APP = Path(__file__).with_name("demo_component_app.py")
HOSTILE_TITLE = '<img src=x onerror="window.__xss=1">'


@pytest.fixture(scope="module")
def demo_url(streamlit_app) -> str:
    return streamlit_app(DEMO_APP)


@pytest.fixture
def demo(page, demo_url):
    page.goto(demo_url)
    wait_for_view(page)
    expect(page.get_by_text("Runs: 1")).to_be_visible()
    return page


def shown(page, text: str):
    return expect(page.get_by_text(text, exact=True)).to_be_visible(timeout=10_000)


def run_over(page) -> None:
    """Wait until the app's script run is over (Streamlit marks the page when its last message arrives)."""
    expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning", timeout=10_000)


def after_network_event(page, event: str, act) -> None:
    """Do ``act`` and wait until vis-network has fired ``event`` (its own handlers have run by then)."""
    page.evaluate("(event) => { window.kgFired = false; window.kgNetwork.once(event, () => { window.kgFired = true; }); }", event)
    act()
    page.wait_for_function("() => window.kgFired === true", timeout=10_000)


def test_graph_is_drawn(demo):
    view = demo.locator(GRAPH)
    expect(demo.locator(f"{GRAPH} canvas")).to_be_visible()
    assert demo.evaluate("() => Object.keys(window.kgNetwork.getPositions()).length") == 5
    assert demo.evaluate(SELECTED) == ["A"]
    assert view.get_attribute("role") == "application"  # the picture takes the keyboard (keyboard.js)
    assert view.get_attribute("aria-roledescription") == "concept map"
    assert view.get_attribute("aria-label") == "Five concepts, focus on A"
    assert view.get_attribute("data-version")
    box = view.bounding_box()
    # At least the height asked for, and the window's height less the room the page reserves (300 px here).
    window = demo.evaluate("() => window.innerHeight")
    assert box["height"] == pytest.approx(max(420, window - 300), abs=1)
    assert box["width"] > 600  # fills the main column
    assert demo.kg_errors == []


def test_node_clicks_reach_python_every_time(demo):
    started = time.perf_counter()
    click_node(demo, "B")
    shown(demo, "Focus: B")
    print(f"\nclick -> Python -> shown: {(time.perf_counter() - started) * 1000:.0f} ms")
    # on_click ran before the rerun, so the view drawn by that rerun already shows B.
    expect(demo.locator(GRAPH)).to_have_attribute("aria-label", "Five concepts, focus on B")

    click_node(demo, "B")  # the same node again is a new event
    shown(demo, "Runs: 3")
    shown(demo, "Last event: node B")

    demo.get_by_role("button", name="Focus C").click()
    shown(demo, "Focus: C")
    demo.wait_for_function(f"() => ({SELECTED[6:]}).join() === 'C'")

    click_node(demo, "B")
    shown(demo, "Focus: B")
    shown(demo, "Last event: node B")
    assert demo.kg_errors == []


def test_edge_click_reports_the_edge(demo):
    click_edge(demo, "DA")
    shown(demo, "Last event: edge DA")
    shown(demo, "Focus: A")
    assert demo.kg_errors == []


def test_an_edge_drawn_for_a_link_reports_that_link(demo):
    click_edge(demo, "CE")
    shown(demo, "Last event: edge 42")
    assert demo.kg_errors == []


def test_empty_canvas_click_sends_nothing(demo):
    box = demo.locator(f"{GRAPH} canvas").bounding_box()
    after_network_event(demo, "click", lambda: demo.mouse.click(box["x"] + 5, box["y"] + 5))
    # Nothing happening has no end to wait for, so a node click follows: messages reach Python in order,
    # and had the empty click sent one, its run would be run 2 and the node's run 3.
    click_node(demo, "B")
    shown(demo, "Last event: node B")
    run_over(demo)
    expect(demo.get_by_text(re.compile(r"^Runs: \d+$"))).to_have_text("Runs: 2")


def test_hostile_title_is_shown_as_text(demo):
    hover_node(demo, "E")
    tooltip = demo.locator(f"{GRAPH} div.vis-tooltip")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_have_text(HOSTILE_TITLE)
    expect(tooltip).to_have_css("position", "absolute")  # vis-network's CSS reached the shadow root
    expect(tooltip).to_have_css("font-size", "16px")  # and so did ours
    assert tooltip.locator("img").count() == 0
    assert demo.evaluate("() => window.__xss") is None
    assert demo.kg_errors == []


def test_offline_loaded_once_and_small_reruns(page, demo_url):
    received: list[int] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda frame: received.append(len(frame))))
    page.goto(demo_url)
    first_version = wait_for_view(page)
    shown(page, "Runs: 1")
    run_over(page)
    first_load = sum(received)

    per_rerun = []
    for rerun, act in enumerate(
        [
            lambda: page.get_by_role("button", name="Focus C").click(),
            lambda: click_node(page, "B"),
            lambda: page.get_by_role("button", name="Add F").click(),
        ],
        start=2,
    ):
        before = sum(received)
        act()
        shown(page, f"Runs: {rerun}")
        run_over(page)  # the run's last frame has arrived
        per_rerun.append(sum(received) - before)

    assert wait_for_view(page) != first_version
    assert page.evaluate("() => Object.keys(window.kgNetwork.getPositions()).length") == 6
    print(f"\nwebsocket bytes received: first load {first_load}, then per rerun {per_rerun}")
    assert max(per_rerun) < 32_000

    vis_requests = [url for url in page.kg_requests if url.endswith("vis-network.min.js")]
    assert len(vis_requests) == 1
    assert re.match(r"http://127\.0\.0\.1:\d+/app/static/vendor/vis-9\.1\.2/", vis_requests[0])
    assert page.kg_blocked == []
    assert page.kg_errors == []


def test_picture_tools_sit_in_tab_order_and_zoom(demo):
    tools = demo.locator(".kg-tools button")
    expect(tools).to_have_text(["−", "+", "Fit", "Full screen", "Save picture (PNG)"])
    lefts = [tools.nth(i).bounding_box()["x"] for i in range(5)]
    assert lefts == sorted(lefts)  # Tab goes the way the eye does, left to right
    fitted = demo.evaluate("() => window.kgNetwork.getScale()")
    # Each zoom is a short animation; the next starts from where the last one ended.
    after_network_event(demo, "animationFinished", demo.get_by_role("button", name="Zoom in").click)
    assert demo.evaluate("() => window.kgNetwork.getScale()") > fitted * 1.2
    for _ in range(2):
        after_network_event(demo, "animationFinished", demo.get_by_role("button", name="Zoom out").click)
    assert demo.evaluate("() => window.kgNetwork.getScale()") < fitted * 0.9
    zoomed_out = demo.evaluate("() => window.kgNetwork.getScale()")
    demo.get_by_role("button", name="Fit the picture in view, names still readable").click()
    # Fit: bigger again, and every concept inside the frame.
    demo.wait_for_function(
        """(small) => { const net = window.kgNetwork, box = net.body.container.getBoundingClientRect();
            return net.getScale() > small * 1.1 && Object.values(net.getPositions()).every((p) => {
                const d = net.canvasToDOM(p); return d.x > 0 && d.y > 0 && d.x < box.width && d.y < box.height; }); }""",
        arg=zoomed_out,
    )
    assert demo.kg_errors == []
