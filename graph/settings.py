"""The settings whoever runs the explorer may change, as ``KG_*`` environment variables: read,
checked and documented in one place.

A value that cannot be used never stops the app or the command line: it is reported in plain
words (the variable, what it holds, what it accepts) and the default is used instead.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["SETTINGS", "Setting", "is_set", "problems", "value"]


@dataclass(frozen=True)
class Setting:
    """One ``KG_*`` variable: its default, how it is read, and what it accepts (said to a person)."""

    name: str
    default: Any
    read: Callable[[str], Any]
    accepts: str
    meaning: str


def _whole(least: int, most: int) -> Callable[[str], int]:
    def read(text: str) -> int:
        text = text.strip().replace("_", "")
        if not (text.isascii() and text.isdigit()) or len(text) > 12 or not least <= int(text) <= most:
            raise ValueError
        return int(text)

    return read


def _number(least: float, most: float) -> Callable[[str], float]:
    def read(text: str) -> float:
        if len(text) > 20:
            raise ValueError
        number = float(text)
        if not least <= number <= most:  # also refuses nan
            raise ValueError
        return number

    return read


def _text(text: str) -> str:
    if not text.strip():
        raise ValueError
    return text.strip()


def _web_address(text: str) -> str:
    text = text.strip()
    # A query or a fragment would end up in the middle of every shared link ("…/?a=1/?map=ID").
    if not text.startswith(("http://", "https://")) or any(c in text for c in " ?#") or not text.isprintable():
        raise ValueError
    return text if text.endswith("/") else text + "/"


_ORIGIN = re.compile(r"'self'|'none'|https?://(?:\*\.)?[A-Za-z0-9.-]+(?::[0-9]{1,5})?")


def _frame_ancestors(text: str) -> str:
    # Written into a response header by the proxy: only origins, so nothing else can get into the header.
    origins = text.split()
    if not origins or not all(_ORIGIN.fullmatch(origin) for origin in origins):
        raise ValueError
    return " ".join(origins)


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in (
        Setting("KG_VIEW_CAP", 150, _whole(2, 2000), "a whole number from 2 to 2000", "the most concepts one picture shows"),
        Setting(
            "KG_MAX_ROWS",
            200_000,
            _whole(1, 5_000_000),
            "a whole number from 1 to 5000000",
            "the most links an uploaded, edited or published graph may have",
        ),
        Setting(
            "KG_MAX_UPLOAD_MB",
            20.0,
            _number(0.01, 1024),
            "a number of megabytes from 0.01 to 1024",
            "the largest file a teacher may upload",
        ),
        Setting(
            "KG_MAX_FILE_MB",
            200.0,
            _number(0.01, 16_384),
            "a number of megabytes from 0.01 to 16384",
            "the largest file the command line reads",
        ),
        Setting(
            "KG_DATABASE_URL",
            None,
            _text,
            "a SQLAlchemy database URL, e.g. sqlite:///var/maps.db or postgresql+psycopg://user@host/db",
            "where teachers' maps are kept (default: an SQLite file under var/)",
        ),
        Setting(
            "KG_PUBLIC_URL",
            "http://localhost:8501/",
            _web_address,
            "a web address starting http:// or https://",
            "the address learners open, used to write the links to shared maps",
        ),
        Setting(
            "KG_MAX_MAP_MB",
            100.0,
            _number(0.01, 1_048_576),
            "a number of megabytes from 0.01 to 1048576",
            "the most one classroom map may store, all its versions and tours together",
        ),
        Setting(
            "KG_MAX_STORAGE_MB",
            2000.0,
            _number(0.01, 1_048_576),
            "a number of megabytes from 0.01 to 1048576",
            "the most all classroom maps together may store in the database",
        ),
        Setting(
            "KG_MEMORY_BUDGET_MB",
            None,
            _number(64, 1_048_576),
            "a number of megabytes from 64 to 1048576",
            "the most memory one app process may hold before it answers that the server is busy "
            "(default: 60 % of this machine's memory)",
        ),
        Setting(
            "KG_FRAME_ANCESTORS",
            "'self'",
            _frame_ancestors,
            "'self', or 'self' and web origins such as https://moodle.school.example, separated by spaces",
            "which sites may show the explorer in a frame (set by the proxy of python -m deploy.serve)",
        ),
        Setting(
            "KG_MAX_SAVES_PER_MINUTE",
            6,
            _whole(1, 10_000),
            "a whole number from 1 to 10000",
            "how often one browser session may save a map each minute",
        ),
        Setting(
            "KG_RESULTS_DAYS",
            365,
            _whole(1, 36_500),
            "a whole number of days from 1 to 36500",
            "how long learners' hand-ins to a classroom map are kept",
        ),
        Setting(
            "KG_MAX_HANDINS_PER_MINUTE",
            10,
            _whole(1, 10_000),
            "a whole number from 1 to 10000",
            "how often one learner may hand in work to a classroom map each minute",
        ),
    )
}


def value(name: str, environ: Mapping[str, str] | None = None) -> Any:
    """The setting ``name`` as set in the environment, or its default when unset or unusable.

    Example
    -------
    >>> value("KG_VIEW_CAP", {"KG_VIEW_CAP": "80"})
    80
    >>> value("KG_VIEW_CAP", {"KG_VIEW_CAP": "lots"})
    150
    """
    setting = SETTINGS[name]
    raw = (os.environ if environ is None else environ).get(name)
    if raw is None or raw == "":
        return setting.default
    try:
        return setting.read(raw)
    except (ValueError, OverflowError):
        return setting.default


def is_set(name: str, environ: Mapping[str, str] | None = None) -> bool:
    """Whether the setting ``name`` is set to a value it accepts (and not left to its default).

    Example
    -------
    >>> is_set("KG_PUBLIC_URL", {"KG_PUBLIC_URL": "https://school.example/"}), is_set("KG_PUBLIC_URL", {})
    (True, False)
    """
    raw = (os.environ if environ is None else environ).get(name)
    if raw is None or raw == "":
        return False
    try:
        SETTINGS[name].read(raw)
    except (ValueError, OverflowError):
        return False
    return True


def problems(environ: Mapping[str, str] | None = None) -> list[str]:
    """A plain message for each ``KG_*`` variable that is set to something it does not accept.

    Example
    -------
    >>> problems({"KG_VIEW_CAP": "150.0"})
    ["KG_VIEW_CAP is '150.0', but it takes a whole number from 2 to 2000 (the most concepts one picture shows); using 150."]
    """
    environ = os.environ if environ is None else environ
    found = []
    for name, setting in SETTINGS.items():
        raw = environ.get(name)
        if raw is None or raw == "":
            continue
        try:
            setting.read(raw)
        except (ValueError, OverflowError):
            shown = raw if len(raw) <= 40 else raw[:40] + "…"
            default = (
                "its default"
                if setting.default is None
                else f"{setting.default:,}"
                if isinstance(setting.default, int)
                else str(setting.default)
            )
            found.append(f"{name} is {shown!r}, but it takes {setting.accepts} ({setting.meaning}); using {default}.")
    return found
