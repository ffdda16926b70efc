"""Helpers for driving the graph view in a browser: wait for it, click a concept or a link."""

from __future__ import annotations

from playwright.sync_api import expect

GRAPH = ".kg-graph"  # Playwright's CSS locators pierce the component's open shadow root


def wait_for_view(page, version: str | None = None, timeout_ms: float = 20_000) -> str:
    """Wait until the view (of ``version``, if given) is drawn and still; return its version."""
    selector = f'{GRAPH}[data-ready="true"]'
    if version is not None:
        selector += f'[data-version="{version}"]'
    view = page.locator(selector)
    view.wait_for(state="visible", timeout=timeout_ms)
    page.wait_for_function("() => window.kgNetwork !== undefined", timeout=timeout_ms)
    return view.get_attribute("data-version")


def _page_point(page, canvas_point: dict) -> tuple[float, float]:
    canvas = page.locator(f"{GRAPH} canvas")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    return box["x"] + canvas_point["x"], box["y"] + canvas_point["y"]


def node_point(page, node_id: str) -> tuple[float, float]:
    """Where node ``node_id`` is on the page, in CSS pixels."""
    page.wait_for_function("() => window.kgNetwork !== undefined")
    point = page.evaluate(
        """(id) => {
            const net = window.kgNetwork;
            return net.canvasToDOM(net.getPositions([id])[id]);
        }""",
        node_id,
    )
    return _page_point(page, point)


def edge_point(page, edge_id: str) -> tuple[float, float]:
    """The middle of straight edge ``edge_id`` on the page, in CSS pixels."""
    page.wait_for_function("() => window.kgNetwork !== undefined")
    point = page.evaluate(
        """(id) => {
            const net = window.kgNetwork;
            const [a, b] = net.getConnectedNodes(id).map((n) => net.getPositions([n])[n]);
            return net.canvasToDOM({x: (a.x + b.x) / 2, y: (a.y + b.y) / 2});
        }""",
        edge_id,
    )
    return _page_point(page, point)


def click_node(page, node_id: str) -> None:
    page.mouse.click(*node_point(page, node_id))


def click_edge(page, edge_id: str) -> None:
    page.mouse.click(*edge_point(page, edge_id))


def hover_node(page, node_id: str) -> None:
    page.mouse.move(*node_point(page, node_id))


def settled_view(page) -> str:
    """Wait until the run is over and one picture is drawn and still; return its version.

    (When an element before the picture comes or goes, Streamlit builds the picture anew and
    keeps the old one until the run ends.)
    """
    expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning", timeout=15_000)
    expect(page.locator(GRAPH)).to_have_count(1, timeout=15_000)
    return wait_for_view(page)


def wait_until_centred(page, concept: str) -> None:
    """Wait until ``concept`` is the middle of the picture (position 0, 0) and the view is still."""
    page.wait_for_function(
        "(id) => { const p = window.kgNetwork && window.kgNetwork.getPositions([id])[id]; return p && p.x === 0 && p.y === 0; }",
        arg=concept,
        timeout=15_000,
    )
    settled_view(page)
    assert page.evaluate("(id) => window.kgNetwork.getPositions([id])[id]", concept) == {"x": 0, "y": 0}


def wait_for_run(page) -> None:
    """Wait for the script run the last action started (if it has not finished already) to end."""
    app = page.get_by_test_id("stApp")
    try:
        expect(app).to_have_attribute("data-test-script-state", "running", timeout=1_000)
    except AssertionError:
        pass  # it was over before we looked
    expect(app).to_have_attribute("data-test-script-state", "notRunning", timeout=15_000)
