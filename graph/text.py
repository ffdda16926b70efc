"""Turning data into text that is safe to show: labels from a teacher's CSV are text, never markup."""

from __future__ import annotations

import re

__all__ = ["plain", "evidence_line"]

# Characters Streamlit's Markdown would act on, including ':' (emoji and colour directives)
# and '<' / '>' (HTML is not rendered, but is escaped anyway so it reads as typed).
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|~:<>$&])")


def plain(value: object) -> str:
    """``value`` as Markdown that renders as exactly its own text.

    Example
    -------
    >>> plain("**bold** [x](javascript:alert(1))")
    '\\\\*\\\\*bold\\\\*\\\\* \\\\[x\\\\]\\\\(javascript\\\\:alert\\\\(1\\\\)\\\\)'
    """
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return _MARKDOWN.sub(r"\\\1", text).replace("\n", "  \n")


def evidence_line(section: str, sources: tuple[int, ...]) -> str:
    """``Section: … · Sources: 1, 5`` (plain text), or an empty string when there is neither."""
    parts = []
    if section:
        parts.append(f"Section: {section}")
    if sources:
        parts.append("Source" + ("s" if len(sources) > 1 else "") + ": " + ", ".join(f"[{n}]" for n in sources))
    return " · ".join(parts)
