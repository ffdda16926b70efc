"""Which graph this session shows: the article's (shared by everyone, never modified) or the
session's own (an upload or an edit, kept in this session's state only)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import streamlit as st

from explorer.panels.caching import cache_data, cache_resource
from explorer.panels.session import session
from graph import memory, settings
from graph.core.model import KnowledgeGraph
from graph.core.query import explain_paths
from graph.files.load import ValidationError, is_tour_file, load_files, load_graph
from graph.params import ViewState
from graph.picture.payload import Picture, picture
from graph.picture.view import build_path_view, build_view
from graph.teaching.tours import Tour, tours_from_files

__all__ = [
    "ARTICLE",
    "Graph",
    "current_graph",
    "own_tours",
    "path_payload",
    "reference_name",
    "use_article",
    "use_files",
    "view_payload",
]

DATA = Path(__file__).resolve().parents[2] / "data"
_SETTING_OF = {
    "VIEW_CAP": "KG_VIEW_CAP",  # the most concepts one picture sends to the browser
    "MAX_ROWS": "KG_MAX_ROWS",  # the most links an uploaded or edited graph may have
}


def __getattr__(name: str) -> Any:
    """``VIEW_CAP`` and ``MAX_ROWS``: their settings as they are now, read when used (never frozen at import)."""
    if name in _SETTING_OF:
        return settings.value(_SETTING_OF[name])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


ARTICLE = DATA / "edges.csv"
ABOUT = json.loads((DATA / "about.json").read_text("utf-8"))


@dataclass(frozen=True)
class Graph:
    kg: KnowledgeGraph
    key: str
    title: str
    disclaimer: str = ""
    article: str = ""
    byline: str = ""
    files: tuple[tuple[str, bytes], ...] = field(default=(), repr=False)
    """An uploaded or edited graph's files (its tours among them); the article's are on disk."""


@st.cache_resource(show_spinner="Loading the graph…", max_entries=4)
def _load_article(stamp: tuple) -> KnowledgeGraph:
    """Loaded once per version of the data files (``stamp``: their names, times and sizes), shared by all sessions."""
    return load_graph(ARTICLE)


# Bounded: a 50,000-link graph holds about 100 MB, a 200,000-link one about 300 MB (measured by
# loading graphs of that size and reading the process's RSS); four for a quarter of an hour caps what uploads keep beyond the sessions that show them.
@st.cache_resource(show_spinner="Loading the graph…", max_entries=4, ttl=900)
def _load_files(digest: str, _files: tuple[tuple[str, bytes], ...]) -> KnowledgeGraph:
    """Keyed by the content's digest: a session only reaches a graph whose files it holds. Counted against the
    process's memory budget while it loads (:mod:`graph.memory`): a class's uploads and opened maps cannot take
    the server past it; beyond, the upload or map is refused as "the server is busy"."""
    with memory.reserved(memory.graph_cost(_files), _files[0][0] if _files else "upload"):
        return load_files(_files, max_rows=settings.value("KG_MAX_ROWS"))


@cache_resource(show_spinner=False, max_entries=4, ttl=900)
def _own_tours(key: str, _files: tuple[tuple[str, bytes], ...], kg: KnowledgeGraph) -> tuple[list[Tour], list]:
    """Keyed by the files' digest (``key``, the :attr:`Graph.key` that :func:`use_files` makes of ``_files``: the
    tours are among them; hashing megabytes of files again on every rerun would cost each move) and by the graph."""
    return tours_from_files(_files, kg)


def own_tours(graph: Graph) -> tuple[list[Tour], list]:
    """The tours uploaded with a teacher's graph, and the problems of any an edit no longer fits."""
    return _own_tours(graph.key, graph.files, graph.kg)


def _graph_of(files: tuple[tuple[str, bytes], ...]) -> KnowledgeGraph:
    """The graph of uploaded files, cached on the files that make it (so a corrected tour does not reload it)."""
    made_of = tuple(item for item in files if not is_tour_file(item[0]))
    return _load_files(digest_of(made_of), made_of)


def digest_of(files: tuple[tuple[str, bytes], ...]) -> str:
    sha = hashlib.sha256()
    for name, data in files:
        sha.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    return sha.hexdigest()[:20]


def current_graph() -> Graph:
    own = session().uploads.own_graph
    if own is not None:
        digest, files, title, about = own
        return Graph(_graph_of(files), f"own:{digest}", title, **about, files=files)
    stamp = tuple((f.name, f.stat().st_mtime_ns, f.stat().st_size) for f in sorted(DATA.glob("*.csv")))
    kg = _load_article(stamp)
    key = "article:" + hashlib.sha256(repr(stamp).encode()).hexdigest()[:12]
    return Graph(kg, key, ABOUT["title"], ABOUT["disclaimer"], ABOUT["article"], ABOUT["byline"])


def use_files(files: tuple[tuple[str, bytes], ...], title: str, based_on: Graph | None = None) -> str:
    """Validate the files and, only if they are valid, make them this session's graph; return its key.

    ``based_on``: the graph these files were edited from, whose disclaimer and article they keep.
    Raises ``ValidationError`` (and changes nothing) when they are not valid.
    """
    digest = digest_of(files)
    kg = _graph_of(files)
    _, problems = _own_tours(f"own:{digest}", files, kg)
    if problems and based_on is None:  # an upload is taken whole: its tours must fit its graph
        raise ValidationError(problems)
    about = (
        {} if based_on is None else {"disclaimer": based_on.disclaimer, "article": based_on.article, "byline": based_on.byline}
    )
    session().uploads.use(digest, files, title, about)
    return f"own:{digest}"


def use_article() -> None:
    session().uploads.use_article()


def reference_name() -> str:
    """What feedback calls the graph a learner is checked against: "the article", or a teacher's map by its
    own title (an edit of the article is the teacher's own map too: its links are no longer the article's)."""
    own = session().uploads.own_graph
    return "the article" if own is None else f"“{own[2]}”"


@cache_data(show_spinner=False, max_entries=256)
def view_payload(kg: KnowledgeGraph, state: ViewState) -> Picture:
    """The picture's data for a view; cached, so going back to a view costs nothing."""
    visible = set(kg.types) - state.hidden
    # A page past the last (a hand-edited URL) shows the last page rather than an empty picture (build_view).
    view = build_view(kg, state.focus, state.depth, visible, cap=settings.value("KG_VIEW_CAP"), page=state.page)
    return picture(kg, view, f"Concept map centred on {state.focus}, showing {len(view.concepts)} concepts.")


@cache_data(show_spinner=False, max_entries=64)
def path_payload(kg: KnowledgeGraph, start: str, end: str) -> Picture:
    """The picture's data for the shortest paths from ``start`` to ``end``."""
    view = build_path_view(kg, explain_paths(kg, start, end))
    return picture(kg, view, f"The shortest paths from {start} to {end}, read left to right.")
