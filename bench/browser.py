"""The explorer in a real browser: ``streamlit run app.py`` driven by headless Chromium.

Measures, on the app as it is (it shows the article's graph):

- *drawn*: from ``page.goto`` until the view's container has ``data-ready="true"``
  (set by ``explorer/components/graph_view/graph_view.js`` after vis-network's first ``afterDrawing``);
  the first visit after the server starts (``cold``: the script loads the graph) and later visits;
- *click → details*: from a mouse click on a concept in the canvas until the details panel's
  heading (an ``h2``) names it;
- *bytes per rerun*: what the server sends over the websocket (every frame received), split
  into script runs by Streamlit's own ``new_session`` messages, decoded with its protobuf.

The server is started in its own session and stopped by its PID at the end.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path
from urllib.parse import urlsplit

from deploy.local import CHROMIUM_ARGS, start_streamlit, stop_streamlit

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "measure_browser"]

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
READY = '.kg-graph[data-ready="true"]'  # Playwright's CSS engine pierces the component's shadow root
QUIET_S = 0.4  # no frame for this long after the view is ready: the rerun is over


def measure_browser(log_dir: Path, visits: int = 5, clicks: int = 7, app: Path = REPO / "app.py") -> dict:
    """Start the app, measure it in Chromium, stop it; return the measurements."""
    log_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    server, url = start_streamlit(app, log_dir / "streamlit.log")
    try:
        result = {"server_start_s": time.perf_counter() - started, "url": url}
        result.update(_drive(url, visits, clicks))
        return result
    finally:
        stop_streamlit(server)


def _drive(url: str, visits: int, clicks: int, reloads_count: int = 3) -> dict:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            result: dict[str, object] = {"chromium": browser.version}
            timelines = []
            for visit in range(visits + 1):  # the first visit is the cold one
                page, frames = _new_page(browser)
                started = time.perf_counter()
                page.goto(url)
                page.locator(READY).wait_for(state="visible", timeout=60_000)
                page.kg_events["drawn"] = time.perf_counter()
                timelines.append(_timeline(started, page.kg_events, frames))
                if visit < visits:
                    page.context.close()
            result["drawn_cold_ms"] = timelines[0]["drawn"]
            warm = [t["drawn"] for t in timelines[1:]]
            result["drawn_warm_ms"] = warm
            result["drawn_warm_median_ms"] = statistics.median(warm) if visits else None
            result["timeline_cold_ms"] = timelines[0]
            result["timeline_warm_median_ms"] = (
                {step: statistics.median(t[step] for t in timelines[1:] if step in t) for step in timelines[-1]}
                if visits
                else None
            )
            _wait_quiet(frames)
            result["first_page"] = _runs(frames)
            # A returning visitor: the same browser reloads, its HTTP cache holding Streamlit's and vis-network's files.
            reloads = []
            for _ in range(reloads_count):
                page.kg_events.clear()
                first_frame = len(frames)
                started = time.perf_counter()
                page.reload()
                page.locator(READY).wait_for(state="visible", timeout=60_000)
                page.kg_events["drawn"] = time.perf_counter()
                reloads.append(_timeline(started, page.kg_events, frames[first_frame:]))
                _wait_quiet(frames)
            reloaded = [t["drawn"] for t in reloads]
            result["drawn_reload_ms"] = reloaded
            result["drawn_reload_median_ms"] = statistics.median(reloaded) if reloads else None
            result["timeline_reload_median_ms"] = (
                {step: statistics.median(t[step] for t in reloads if step in t) for step in reloads[-1]} if reloads else None
            )
            result["clicks"] = _click_around(page, frames, clicks)
            result["page_errors"] = page.kg_errors
            page.context.close()
            return result
        finally:
            browser.close()


def _new_page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    context.route("**/*", _only_local)
    page = context.new_page()
    frames: list[tuple[float, bytes]] = []
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    def received(data) -> None:
        frames.append((time.perf_counter(), data if isinstance(data, bytes) else data.encode()))

    def on_websocket(ws) -> None:
        ws.on("framereceived", received)

    page.on("websocket", on_websocket)
    events: dict[str, float] = {}
    page.on("domcontentloaded", lambda _: events.setdefault("domcontentloaded", time.perf_counter()))
    page.on("load", lambda _: events.setdefault("load", time.perf_counter()))
    page.on(
        "request",
        lambda request: (
            events.setdefault("vis_network_js_requested", time.perf_counter())
            if request.url.endswith("vis-network.min.js")
            else None
        ),
    )
    page.on(
        "requestfinished",
        lambda request: (
            events.setdefault("vis_network_js_received", time.perf_counter())
            if request.url.endswith("vis-network.min.js")
            else None
        ),
    )
    page.kg_errors = errors
    page.kg_events = events
    return page, frames


def _only_local(route) -> None:
    """Nothing leaves the machine: a request anywhere but the app's server is refused."""
    if urlsplit(route.request.url).hostname == "127.0.0.1":
        route.continue_()
    else:
        route.abort()


def _timeline(started: float, events: dict[str, float], frames: list[tuple[float, bytes]]) -> dict:
    """Milliseconds from ``page.goto`` to each step of the first visit, in the order they happen."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    steps = dict(events)
    if frames:
        steps["first_websocket_frame"] = frames[0][0]
    for at, payload in frames:
        message = ForwardMsg()
        try:
            message.ParseFromString(payload)
        except Exception:
            continue
        if message.WhichOneof("type") == "script_finished":
            steps["script_finished"] = at
            break
    return dict(sorted(((step, (at - started) * 1000) for step, at in steps.items()), key=lambda item: item[1]))


def _click_around(page, frames: list, clicks: int) -> list[dict]:
    """Click concepts one after another (never the focus, preferring ones not yet visited)."""
    visited: set[str] = set()
    done = []
    for _ in range(clicks):
        focus, target, point = page.evaluate(
            """(visited) => {
                // Node ids are opaque (graph/picture/view.py for_browser): concepts are found by their names.
                const net = window.kgNetwork, nodes = net.body.data.nodes;
                const focus = nodes.get(net.getSelectedNodes()[0]).name;
                const names = nodes.get().filter((n) => n.name !== undefined).map((n) => n.name).sort();
                const fresh = names.filter((name) => name !== focus && !visited.includes(name));
                const target = (fresh.length ? fresh : names.filter((name) => name !== focus))[0];
                const id = nodes.get({filter: (n) => n.name === target})[0].id;
                return [focus, target, net.canvasToDOM(net.getPositions([id])[id])];
            }""",
            sorted(visited),
        )
        visited.update((focus, target))
        canvas = page.locator(".kg-graph canvas").bounding_box()
        version = page.locator(".kg-graph").get_attribute("data-version")
        start_frame = len(frames)
        started = time.perf_counter()
        page.mouse.click(canvas["x"] + point["x"], canvas["y"] + point["y"])
        page.get_by_role("heading", level=2, name=target, exact=True).wait_for(state="visible", timeout=30_000)
        details_s = time.perf_counter() - started
        # The new view is ready once its fit animation has finished.
        page.locator(f'{READY}:not([data-version="{version}"])').wait_for(state="visible", timeout=30_000)
        redrawn_s = time.perf_counter() - started
        _wait_quiet(frames)
        done.append(
            {
                "from": focus,
                "to": target,
                "details_ms": details_s * 1000,
                "redrawn_ms": redrawn_s * 1000,
                **_runs(frames[start_frame:]),
            }
        )
    return done


def _runs(frames: list[tuple[float, bytes]]) -> dict:
    """Bytes received and how many script runs they belong to (Streamlit's new_session messages)."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    runs: list[int] = []
    kinds: dict[str, int] = {}
    for _, payload in frames:
        kind: str | None = None
        try:
            message = ForwardMsg()
            message.ParseFromString(payload)
            kind = message.WhichOneof("type")
        except Exception:  # a frame that is not a ForwardMsg still counts its bytes
            kind = "other"
        kinds[kind or "other"] = kinds.get(kind or "other", 0) + 1
        if kind == "new_session" or not runs:
            runs.append(0)
        runs[-1] += len(payload)
    return {"bytes": sum(len(p) for _, p in frames), "frames": len(frames), "runs": runs, "messages": kinds}


def _wait_quiet(frames: list, quiet: float = QUIET_S, limit: float = 15.0) -> None:
    deadline = time.perf_counter() + limit
    while time.perf_counter() < deadline:
        last = frames[-1][0] if frames else 0.0
        if time.perf_counter() - last >= quiet:
            return
        time.sleep(0.05)
