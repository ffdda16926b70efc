"""The app's Streamlit components: the clickable graph view and the map builder, both drawn by vis-network.

vis-network is loaded by ``vis_loader.js``, prepended to each component's module (:func:`vis_loader_js`).
"""

from __future__ import annotations

from pathlib import Path

from graph.picture.view import VIS_VERSION

__all__ = ["VIS_VENDOR", "vis_loader_js"]

VIS_VENDOR = Path("vendor") / f"vis-{VIS_VERSION}"
"""Where vis-network is served from, under the app's ``static/`` folder."""


def vis_loader_js() -> str:
    """The loader's JavaScript, for the vis-network version the views are built for (:data:`graph.picture.view.VIS_VERSION`)."""
    text = (Path(__file__).resolve().parent / "vis_loader.js").read_text(encoding="utf-8")
    return text.replace("__VIS_VENDOR__", VIS_VENDOR.as_posix())
