"""The teacher link's edit key out of the address bar and out of the browser's history.

An invisible Streamlit custom component (v2), drawn before the page writes its address. The server
never writes the key back, but Streamlit adds the page's new address as a new history entry, so the
entry the teacher link opened, key and all, stayed one Back away (on a classroom computer, on a
projector). This replaces that entry's address with the same one without the key, before Streamlit
adds the next (see ``address_cleaner.js``). It loads later than Streamlit writes an address drawn
in the same run, so the page writes none while the key may be in the bar: the cleaner is drawn last,
and once the key is out it calls ``on_forgotten`` and asks for a rerun, which writes the address.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import streamlit as st

__all__ = ["forget_parameter"]

_HERE = Path(__file__).resolve().parent

_component = st.components.v2.component(
    "kg_explorer.address_cleaner",
    js=(_HERE / "address_cleaner.js").read_text(encoding="utf-8"),
    isolate_styles=True,
)


def forget_parameter(name: str, waiting: bool, on_forgotten: Callable[[], None]) -> None:
    """Remove the query parameter ``name`` from the address of the browser's current history entry.

    ``on_forgotten`` is called (and the script rerun) when it removed one, or, while the page is
    ``waiting`` for it, when there was none to remove (so that the page never waits for ever).
    """
    _component(
        key=f"address_cleaner_{name}",
        data={"param": name, "waiting": waiting},
        height="content",
        on_forgotten_change=on_forgotten,
    )
