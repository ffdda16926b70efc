"""Where a learner's token for a classroom map is kept between visits: this browser's localStorage.

An invisible Streamlit custom component (v2, ``learner_memory.js``). The token was kept in the address
(``me=``), so a learner who copied their address bar to a classmate handed over their identity too; in
the browser's storage it stays on this browser, survives a reload and a new tab, and is never in a link.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import streamlit as st

__all__ = ["held_token", "memory_key", "remember"]

_HERE = Path(__file__).resolve().parent
_TOKEN = re.compile(r"[A-Za-z0-9_-]{8,64}")
"""What a token looks like (graph.classroom.results makes them); anything else read back is ignored."""

_component = st.components.v2.component(
    "kg_explorer.learner_memory",
    js=(_HERE / "learner_memory.js").read_text(encoding="utf-8"),
    isolate_styles=True,
)


def held_token(map_id: str) -> str | None:
    """The token this browser said it holds for ``map_id`` (in an earlier run; None before it has answered)."""
    token = _held(map_id)
    return token if isinstance(token, str) and _TOKEN.fullmatch(token) else None


def _held(map_id: str):
    state = st.session_state.get(memory_key(map_id))
    return state.get("token") if state is not None else None


def remember(map_id: str, *, keep: str | None = None, forget: bool = False) -> None:
    """Have this browser keep ``keep`` as its token for ``map_id``, or forget the one it holds (``forget``).

    The browser answers with what it then holds (:func:`held_token`), in a rerun where that changed.
    """
    _component(
        key=memory_key(map_id),
        data={"map": map_id, "keep": keep, "forget": forget, "held": _held(map_id)},
        height="content",
        on_token_change=lambda: None,
    )


def memory_key(map_id: str) -> str:
    """The element's key: by a digest of the map id, since a component's key must not hold "__" and an id may."""
    return "learner_memory_" + hashlib.sha256(map_id.encode()).hexdigest()[:16]
