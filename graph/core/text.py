"""Turning data into text that is safe to show: labels from a teacher's CSV are text, never markup."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["WORD_JOINER", "plain", "evidence_line", "visible"]

# Markdown that Streamlit acts on anywhere in a line, '<' and '>' included (HTML is not
# rendered, but escaping keeps it reading as typed).
_INLINE = re.compile(r"([\\`*_{}\[\]()#|~$<>&])")
# ':' where it would start a colour directive (:red[…]) or an emoji code (:smile:), or make
# a web address into a link (inside a link, escapes after it would show); likewise "www.".
_DIRECTIVE = re.compile(r":(?=[A-Za-z/])|(?<=www)\.", re.IGNORECASE)
# Streamlit's Markdown makes web and e-mail addresses into links after escapes are undone (GitHub's
# "autolink literal"), so no escape stops it; an invisible word joiner inside "https:", "www." and
# before "@" does, and the text still reads and copies as typed. No link is ever made from data.
_LINKISH = re.compile(r"\b(?:https?|ftps?|mailto|xmpp)(?=:\S)|\bwww(?=\.)|(?<=\S)(?=@\S)", re.IGNORECASE)
WORD_JOINER = "\u2060"
# Marks that matter only at the start of a line: lists, headings underlined, quotes.
_LINE_MARK = re.compile(r"^([ \t]*)([-+=>]|\d+(?=[.)]))", re.MULTILINE)


def plain(value: object) -> str:
    r"""``value`` as Markdown that renders as exactly its own text.

    Only what Markdown would act on is escaped, so that screen readers, which read
    labels as given, meet few backslashes; web and e-mail addresses get an invisible
    word joiner (:data:`WORD_JOINER`), so that they are not made into links.

    Example
    -------
    >>> print(plain("**bold** [x](javascript:go) 1. fine"))
    \*\*bold\*\* \[x\]\(javascript\:go\) 1. fine
    """
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    text = _LINKISH.sub(lambda m: m.group(0) + WORD_JOINER if m.group(0) else WORD_JOINER, text)
    text = _INLINE.sub(r"\\\1", text)
    text = _DIRECTIVE.sub(lambda m: "\\" + m.group(0), text)
    text = _LINE_MARK.sub(lambda m: m.group(1) + (m.group(2) + "\\" if m.group(2)[0].isdigit() else "\\" + m.group(2)), text)
    return text.replace("\n", "  \n")


def evidence_line(section: str, sources: tuple[int, ...]) -> str:
    """``Section: … · Sources: 1, 5`` (plain text), or an empty string when there is neither."""
    parts = []
    if section:
        parts.append(f"Section: {section}")
    if sources:
        parts.append("Source" + ("s" if len(sources) > 1 else "") + ": " + ", ".join(f"[{n}]" for n in sources))
    return " · ".join(parts)


# What cannot be seen: format characters (zero-width space, joiners, marks of direction), separators, controls.
_INVISIBLE = {"Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me", "Cn", "Co", "Cs"}


def visible(text: str) -> bool:
    """Whether ``text`` has a character a person can see (a zero-width space alone has none).

    Example
    -------
    >>> visible("Water cycle"), visible("\u200b "), visible("")
    (True, False, False)
    """
    return any(unicodedata.category(ch) not in _INVISIBLE for ch in text)
