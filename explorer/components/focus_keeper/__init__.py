"""Focus that follows the learner: after a move, focus lands on the new concept or on what comes next.

An invisible Streamlit custom component (v2). Streamlit draws the new concept's buttons in place
of the old ones, so the button a keyboard user pressed is gone and focus falls to the page body;
this puts it on the new concept's heading instead (see ``focus_keeper.js``).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

__all__ = ["focus_keeper"]

_HERE = Path(__file__).resolve().parent

_component = st.components.v2.component(
    "kg_explorer.focus_keeper",
    js=(_HERE / "focus_keeper.js").read_text(encoding="utf-8"),
    isolate_styles=True,
)


def focus_keeper(move: str, pane: str, target: str = "h2", top: bool = True) -> None:
    """After ``move`` changes (say, the focus's name), put keyboard focus, if it was lost, on the
    first ``target`` (a CSS selector) in the container keyed ``pane``; with ``top`` scroll the
    container to its top first, else scroll the target into view."""
    _component(key=f"focus_keeper_{pane}", data={"move": move, "pane": pane, "target": target, "top": top}, height="content")
