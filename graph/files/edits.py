"""Edit a map as a teacher edits it in the picture: add, change and delete concepts and links, undo and redo.

A map here is what an upload is: its files, ``(name, bytes)`` pairs (the links file, ``nodes.csv``,
and whatever else came with it: sources, relation vocabulary, tours). An edit makes new files from
the map's tables and loads them with :func:`graph.files.load.load_files`, the upload's own checks;
so a change that would make the map invalid raises the upload's :class:`ValidationError`, with its
reasons, and the files the caller holds stay as they were. :class:`History` keeps the files before
and after each edit for undo and redo.

Example
-------
>>> files = (("water.csv", b"source,source_type,relation,target,target_type\\nRain,weather,feeds,River,place\\n"),)
>>> files, kg = apply_edit(files, load_files(files), AddConcept("Sea", "place"))
>>> files, kg = apply_edit(files, kg, AddLink("River", "flows into", "Sea"))
>>> sorted(kg.graph.edges())
[('Rain', 'River'), ('River', 'Sea')]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from graph.core.model import KnowledgeGraph
from graph.core.problems import Problem, ValidationError
from graph.files.export import safe_csv
from graph.files.load import EDGE_COLUMNS, extra_columns, is_tour_file, load_files

__all__ = [
    "AddConcept",
    "AddLink",
    "ChangeConcept",
    "ChangeLink",
    "DeleteConcept",
    "DeleteLink",
    "Edit",
    "Files",
    "History",
    "apply_edit",
    "links_file_name",
]

Files = tuple[tuple[str, bytes], ...]
"""A map's files, as an upload gives them."""

NODES_FILE = "nodes.csv"
_KEPT_STEMS = ("sources", "relations")
"""Files an edit carries over unchanged (with the tours)."""
_EDITED = "This change"
"""What a refusal names when an edit itself, not a file, is at fault."""


@dataclass(frozen=True)
class AddConcept:
    """A new concept, not linked yet."""

    name: str
    kind: str
    description: str = ""


@dataclass(frozen=True)
class ChangeConcept:
    """Rename a concept, or change its kind or description; its links follow it."""

    name: str
    new_name: str
    kind: str
    description: str = ""


@dataclass(frozen=True)
class DeleteConcept:
    """Delete a concept and every link it has."""

    name: str


@dataclass(frozen=True)
class AddLink:
    """A link between two concepts the map has."""

    source: str
    relation: str
    target: str
    explanation: str = ""


@dataclass(frozen=True)
class ChangeLink:
    """Change a link's relation or explanation (``link_id``: its id in ``KnowledgeGraph.links``)."""

    link_id: int
    relation: str
    explanation: str = ""


@dataclass(frozen=True)
class DeleteLink:
    """Delete one link (``link_id``: its id in ``KnowledgeGraph.links``)."""

    link_id: int


Edit = AddConcept | ChangeConcept | DeleteConcept | AddLink | ChangeLink | DeleteLink


def apply_edit(files: Files, kg: KnowledgeGraph, edit: Edit, max_rows: int | None = None) -> tuple[Files, KnowledgeGraph]:
    """The map's files after ``edit``, and the graph they load as.

    Parameters
    ----------
    files : the map's files now.
    kg : the graph ``files`` load as (``load_files(files)``), whose tables are edited.
    edit : what to change.
    max_rows : the most links the edited map may have (as for an upload).

    Returns
    -------
    The new files and their graph; ``files`` and ``kg`` are left as they were.

    Raises
    ------
    ValidationError
        When the edit names a concept or link the map does not have, would repeat a name, leaves a
        name or a relation empty, or makes files that the upload's checks refuse (with their reasons).
    """
    links, concepts = _tables(kg)
    links, concepts = _edited(edit, links, concepts)
    new_files = _files(files, links, concepts)
    return new_files, load_files(new_files, max_rows=max_rows)


def links_file_name(files: Files) -> str:
    """The name of a map's links file: the one that is not its concepts, sources, vocabulary or a tour."""
    for name, _ in files:
        if not is_tour_file(name) and Path(name).stem.lower() not in ("nodes", *_KEPT_STEMS):
            return name
    return "links.csv"


@dataclass
class History:
    """The map's files before each edit (undo) and after each undone one (redo), newest last.

    >>> history = History()
    >>> history.done(("a",))
    >>> history.undo(("b",)), history.redo(("a",))
    (('a',), ('b',))
    """

    undone: list = field(default_factory=list)
    redone: list = field(default_factory=list)
    limit: int = 30
    """How many edits can be undone: each keeps a whole copy of the map's files."""

    def done(self, before) -> None:
        """An edit was made to ``before``: it can be undone, and what was undone can no longer be redone."""
        self.undone = [*self.undone, before][-self.limit :]
        self.redone = []

    def undo(self, now):
        """The files before the last edit (``now`` can be redone); None when there is nothing to undo."""
        if not self.undone:
            return None
        self.redone = [*self.redone, now]
        return self.undone.pop()

    def redo(self, now):
        """The files of the edit undone last (``now`` can be undone again); None when there is none."""
        if not self.redone:
            return None
        self.undone = [*self.undone, now]
        return self.redone.pop()

    def clear(self) -> None:
        self.undone, self.redone = [], []


# --- the tables ---------------------------------------------------------------------


def _tables(kg: KnowledgeGraph) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The links as a file holds them (its own extra columns kept) and the concepts as ``nodes.csv`` does."""
    extra = extra_columns(kg.links)
    links = kg.links[[*EDGE_COLUMNS, *extra]].rename(columns=extra).astype(str)
    concepts = kg.concepts.rename_axis("concept").reset_index().astype(str)
    return links, concepts


def _refuse(message: str) -> ValidationError:
    return ValidationError([Problem(_EDITED, None, None, message)])


def _name(text: str, what: str) -> str:
    name = " ".join(str(text).split())
    if not name:
        raise _refuse(f"{what} is empty; write one.")
    return name


def _existing(concepts: pd.DataFrame, name: str) -> str:
    if name not in set(concepts["concept"]):
        raise _refuse(f"the map has no concept called '{name}'.")
    return name


def _clash(concepts: pd.DataFrame, name: str, other_than: str | None = None) -> None:
    taken = {c.casefold(): c for c in concepts["concept"] if c != other_than}
    if name.casefold() in taken:
        raise _refuse(f"the map already has a concept called '{taken[name.casefold()]}'; give this one another name.")


def _link(links: pd.DataFrame, link_id: int) -> int:
    if link_id not in links.index:
        raise _refuse("that link is no longer in the map.")
    return link_id


def _edited(edit: Edit, links: pd.DataFrame, concepts: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    links, concepts = links.copy(), concepts.copy()
    if isinstance(edit, AddConcept):
        name = _name(edit.name, "The concept's name")
        _clash(concepts, name)
        row = {column: "" for column in concepts.columns}
        row |= {"concept": name, "type": _name(edit.kind, "The concept's kind"), "description": edit.description.strip()}
        concepts = pd.concat([concepts, pd.DataFrame([row])], ignore_index=True)
    elif isinstance(edit, ChangeConcept):
        old = _existing(concepts, edit.name)
        name, kind = _name(edit.new_name, "The concept's name"), _name(edit.kind, "The concept's kind")
        _clash(concepts, name, other_than=old)
        at = concepts["concept"] == old
        concepts.loc[at, ["concept", "type", "description"]] = [name, kind, edit.description.strip()]
        for end in ("source", "target"):
            mine = links[end] == old
            links.loc[mine, [end, f"{end}_type"]] = [name, kind]
    elif isinstance(edit, DeleteConcept):
        old = _existing(concepts, edit.name)
        concepts = concepts[concepts["concept"] != old]
        links = links[(links["source"] != old) & (links["target"] != old)]
    elif isinstance(edit, AddLink):
        source, target = _existing(concepts, edit.source), _existing(concepts, edit.target)
        relation = _name(edit.relation, "The link's relation")
        if source == target:
            raise _refuse(f"a link needs two different concepts; both ends are '{source}'.")
        same = (links["source"] == source) & (links["relation"] == relation) & (links["target"] == target)
        if same.any():
            raise _refuse(f"the map already has the link {source} → {relation} → {target}.")
        kinds = concepts.set_index("concept")["type"]
        row = {column: "" for column in links.columns}
        row |= {
            "source": source,
            "source_type": kinds[source],
            "relation": relation,
            "target": target,
            "target_type": kinds[target],
            "explanation": edit.explanation.strip(),
        }
        links = pd.concat([links, pd.DataFrame([row])], ignore_index=True)
    elif isinstance(edit, ChangeLink):
        at = _link(links, edit.link_id)
        links.loc[at, ["relation", "explanation"]] = [_name(edit.relation, "The link's relation"), edit.explanation.strip()]
    elif isinstance(edit, DeleteLink):
        links = links.drop(index=_link(links, edit.link_id))
    return links.reset_index(drop=True), concepts.reset_index(drop=True)


def _files(files: Files, links: pd.DataFrame, concepts: pd.DataFrame) -> Files:
    """The links file and ``nodes.csv`` written anew, the tours, sources and vocabulary carried over."""
    kept = tuple((name, data) for name, data in files if is_tour_file(name) or Path(name).stem.lower() in _KEPT_STEMS)
    nodes = concepts.drop(columns=[c for c in ("x", "y") if c in concepts and (concepts[c] == "").all()])
    return ((links_file_name(files), safe_csv(links)), (NODES_FILE, safe_csv(nodes)), *kept)
