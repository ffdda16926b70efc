"""Helpers for driving the graph view in a browser: wait for it, click a concept or a link."""

from __future__ import annotations

from playwright.sync_api import expect

GRAPH = ".kg-graph"  # Playwright's CSS locators pierce the component's open shadow root

# The picture keys its nodes by opaque ids ("n0", "n1", ...: a concept may be called "__proto__");
# each concept's node carries its name. `NODE_ID` is a JS expression for a concept's node id.
NODE_ID = "(window.kgNetwork.body.data.nodes.get({filter: (n) => n.name === name})[0] || {}).id"
DRAWN_NAMES = "() => window.kgNetwork.body.data.nodes.get().filter((n) => n.name !== undefined).map((n) => n.name)"


def node_id(page, name: str) -> str | None:
    """The id of concept ``name``'s node in the picture (None if it is not drawn)."""
    page.wait_for_function("() => window.kgNetwork !== undefined")
    return page.evaluate(f"(name) => {NODE_ID}", name)


def drawn_names(page) -> set[str]:
    """The names of the concepts drawn in the picture (linking phrases left out)."""
    return set(page.evaluate(DRAWN_NAMES))


def position(page, name: str) -> dict | None:
    """Concept ``name``'s position on the canvas, or None if it is not drawn."""
    return page.evaluate(
        f"(name) => {{ const id = {NODE_ID}; return id === undefined ? null : window.kgNetwork.getPositions([id])[id]; }}", name
    )


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


def node_point(page, name: str) -> tuple[float, float]:
    """Where concept ``name`` is on the page, in CSS pixels."""
    page.wait_for_function("() => window.kgNetwork !== undefined")
    point = page.evaluate(
        f"""(name) => {{
            const net = window.kgNetwork, id = {NODE_ID};
            return net.canvasToDOM(net.getPositions([id])[id]);
        }}""",
        name,
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


def click_node(page, name: str) -> None:
    page.mouse.click(*node_point(page, name))


def click_edge(page, edge_id: str) -> None:
    page.mouse.click(*edge_point(page, edge_id))


def hover_node(page, name: str) -> None:
    page.mouse.move(*node_point(page, name))


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
        f"(name) => {{ if (!window.kgNetwork) return false; const id = {NODE_ID}; const p = window.kgNetwork.getPositions([id])[id]; return p && p.x === 0 && p.y === 0; }}",
        arg=concept,
        timeout=15_000,
    )
    settled_view(page)
    assert position(page, concept) == {"x": 0, "y": 0}


def wait_for_run(page) -> None:
    """Wait for the script run the last action started (if it has not finished already) to end."""
    app = page.get_by_test_id("stApp")
    try:
        expect(app).to_have_attribute("data-test-script-state", "running", timeout=1_000)
    except AssertionError:
        pass  # it was over before we looked
    expect(app).to_have_attribute("data-test-script-state", "notRunning", timeout=15_000)
