"""Download the picture for a handout: PNG at print resolution, SVG and PDF, with title and legend."""

from __future__ import annotations

import re
from functools import partial

import streamlit as st

from graph.picture.handout import FORMATS, draw_handout
from graph.picture.payload import Picture

__all__ = ["downloads"]

_LABELS = {"png": "Picture for print (PNG)", "svg": "Picture to edit (SVG)", "pdf": "Picture as PDF"}


def downloads(payload: Picture, title: str) -> None:
    """Buttons that draw the picture shown (``payload``) as a handout in each format, when pressed."""
    subtitle = payload.get("aria_label", "")
    stem = re.sub(r"[^\w-]+", "-", str(payload.get("focus") or "concept-map")).strip("-") or "concept-map"
    for fmt, mime in FORMATS.items():
        st.download_button(
            _LABELS[fmt],
            partial(draw_handout, dict(payload), title, fmt, subtitle),
            file_name=f"{stem}.{fmt}",
            mime=mime,
            on_click="ignore",
            width="stretch",
            key=f"handout_{fmt}",
            help="The picture as shown, with a title and a legend, drawn for print.",
        )
