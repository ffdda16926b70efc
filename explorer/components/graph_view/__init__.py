"""The clickable graph view: vis-network in a Streamlit custom component (v2).

The JavaScript side (``graph_view.js``) draws the view with vis-network (``graph.picture.view.VIS_VERSION``)
and sends each click on a concept or a link back to Python once. vis-network is not bundled or
fetched from a CDN: it is copied from the installed pyvis package into the app's
``static/vendor/vis-<version>/`` folder and served by Streamlit's static file serving
(``[server] enableStaticServing = true``), so the browser downloads it once per page.

The copy is made when a view is first drawn (by the script being run, beside it), never on import:
Streamlit looks each static file up when it is asked for, so a file that appears after the server
started is served (the run commands make the empty ``static/`` folder first only so that Streamlit
does not warn, on starting, that it has none).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable
from functools import cache, partial
from pathlib import Path
from typing import Literal, TypedDict

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from explorer.components import VIS_VENDOR, vis_loader_js
from graph.picture.payload import Payload, sent
from graph.picture.view import vis_folder

__all__ = ["ClickEvent", "graph_view"]

_HERE = Path(__file__).resolve().parent
_VIS_FILES = ("vis-network.min.js", "vis-network.css")


class ClickEvent(TypedDict):
    """A click in the view: on a concept (``"node"``) or on a link (``"edge"``)."""

    kind: Literal["node", "edge"]
    id: str | int


@cache
def _vendor_vis(static_dir: Path) -> None:
    """Copy vis-network from pyvis into ``static_dir`` unless an equal-sized copy is there."""
    target = static_dir / VIS_VENDOR
    target.mkdir(parents=True, exist_ok=True)
    for name in _VIS_FILES:
        source, dest = vis_folder() / name, target / name
        if dest.exists() and dest.stat().st_size == source.stat().st_size:
            continue
        # Copy then rename, so a second server starting at the same time never serves half a file.
        fd, tmp = tempfile.mkstemp(dir=target, prefix=f".{name}.")
        os.close(fd)
        shutil.copyfile(source, tmp)
        os.replace(tmp, dest)


def _ensure_vis_served() -> None:
    """Make vis-network available under ``app/static/`` of the script being run."""
    if not st.get_option("server.enableStaticServing"):
        raise RuntimeError(
            "The graph view needs Streamlit's static file serving: add "
            "'[server] enableStaticServing = true' to .streamlit/config.toml."
        )
    ctx = get_script_run_ctx()
    if ctx is not None:
        # Streamlit serves app/static/ from the folder beside the main script, which is
        # not the repository root for apps kept elsewhere (a test app, a benchmark).
        _vendor_vis(Path(ctx.main_script_path).resolve().parent / "static")


def _as_click_event(value: object) -> ClickEvent | None:
    if isinstance(value, dict) and value.get("kind") in ("node", "edge") and "id" in value:
        return ClickEvent(kind=value["kind"], id=value["id"])
    return None


def _on_click(key: str, on_click: Callable[[ClickEvent], None] | None) -> None:
    """Pass the click to ``on_click``; Streamlit sends a trigger back only if this exists."""
    event = _as_click_event(st.session_state[key].get("click"))
    if event is not None and on_click is not None:
        on_click(event)


_graph_component = st.components.v2.component(
    "kg_explorer.graph_view",
    # keyboard.js first: graph_view.js calls its functions (one module, so no import between them).
    js=vis_loader_js() + "".join((_HERE / name).read_text(encoding="utf-8") for name in ("keyboard.js", "graph_view.js")),
    css=(_HERE / "graph_view.css").read_text(encoding="utf-8"),
    isolate_styles=True,
)


def graph_view(
    payload: Payload,
    *,
    key: str = "main",
    height: int = 620,
    reserved: int = 340,
    on_click: Callable[[ClickEvent], None] | None = None,
) -> ClickEvent | None:
    """Show a graph view and return the click the user just made in it, if any.

    Parameters
    ----------
    payload : Mapping
        The view to draw, a :class:`graph.picture.payload.Picture` (each key documented there):
        ``nodes`` and ``edges`` (vis-network DataSet items with positions precomputed), ``options``
        (vis-network options, a dict or pyvis' JSON string), ``focus`` (the focus's name, or None),
        ``version`` (a string that changes exactly when nodes or edges change) and optionally
        ``keyboard``, ``aria_label``, ``title``, ``legend``, ``least_scale``, ``whole_map`` and ``note``.
        Only those keys are sent (:func:`graph.picture.payload.sent`); the server's own (``link_ids``,
        ``page``, …) stay here. An edge with a ``link`` is reported by that id when clicked. Node ids
        are names: the browser is sent opaque ids instead (``focus_id`` for the focus) and a click on a
        node is reported by its name, as given here.
    key : str
        The element's key. The view with key ``"main"`` is exposed to end-to-end tests
        as ``window.kgNetwork``.
    height : int
        The least height of the drawing in pixels; on a tall screen it grows to fill the window
        below the controls. It always fills the available width.
    reserved : int
        How much of the window's height (CSS px) the page keeps for what is above and below the
        picture (title, toolbar, the picture's buttons): on a tall screen the drawing is the
        window's height less this.
    on_click : callable, optional
        Called with the click event before the script reruns, so that state it changes
        (say, the focus) is already in the view drawn by that rerun.

    Returns
    -------
    ClickEvent or None
        ``{"kind": "node", "id": ...}`` or ``{"kind": "edge", "id": ...}`` in the rerun
        caused by a click, None otherwise (clicking empty canvas sends nothing). The same
        node clicked twice is reported twice.

    Raises
    ------
    ValueError
        If ``payload`` lacks ``nodes``, ``edges`` or ``version``.
    RuntimeError
        If static file serving is off in the Streamlit configuration.

    Examples
    --------
    >>> def refocus(event: ClickEvent) -> None:
    ...     if event["kind"] == "node":
    ...         st.session_state.focus = event["id"]
    >>> event = graph_view(view.to_vis(), key="main", on_click=refocus)  # doctest: +SKIP
    """
    missing = [name for name in ("nodes", "edges", "version") if name not in payload]
    if missing:
        raise ValueError(f"graph_view payload is missing {', '.join(missing)}.")
    options = payload.get("options") or {}
    if isinstance(options, str):
        options = json.loads(options)
    _ensure_vis_served()

    result = _graph_component(
        key=key,
        data={
            "payload": sent({**payload, "options": options}),
            "height": height,
            "reserved": reserved,
            "expose": key == "main",
        },
        # The drawing is at least `height` and grows on tall screens (see graph_view.js): let the element follow it.
        height="content",
        on_click_change=partial(_on_click, key, on_click),
    )
    return _as_click_event(result.get("click"))
