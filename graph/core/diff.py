"""What changed between two versions of a graph: links and concepts added, removed and changed.

A link is known by its ends and relation (``source``, ``relation``, ``target``); one whose ends stay
but whose relation changed is a changed link, as is one whose section, explanation or sources
changed. A concept is known by its name; a changed type, group or description makes it changed. A
concept renamed is one removed and one added: names are all a graph knows concepts by.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from graph.core.model import KnowledgeGraph

__all__ = ["Change", "GraphDiff", "diff_graphs"]

_LINK_FIELDS = ("relation", "section", "explanation", "sources")
_CONCEPT_FIELDS = ("type", "group", "description")


@dataclass(frozen=True)
class Change:
    """One field of a link or a concept that differs: ``what`` names the link ("A → causes → B") or concept."""

    what: str
    field: str
    before: str
    after: str


@dataclass(frozen=True)
class GraphDiff:
    """The differences from an old graph to a new one; empty when nothing changed.

    Links are ``(source, relation, target)`` triples, concepts names, each list sorted.
    """

    links_added: list[tuple[str, str, str]] = field(default_factory=list)
    links_removed: list[tuple[str, str, str]] = field(default_factory=list)
    links_changed: list[Change] = field(default_factory=list)
    concepts_added: list[str] = field(default_factory=list)
    concepts_removed: list[str] = field(default_factory=list)
    concepts_changed: list[Change] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not any(
            (
                self.links_added,
                self.links_removed,
                self.links_changed,
                self.concepts_added,
                self.concepts_removed,
                self.concepts_changed,
            )
        )

    def lines(self) -> list[str]:
        """The differences as sentences, for a person: one per link or concept field."""
        out = [f"Concept added: {name}" for name in self.concepts_added]
        out += [f"Concept removed: {name}" for name in self.concepts_removed]
        out += [f"Concept {c.what}: {c.field} '{c.before}' → '{c.after}'" for c in self.concepts_changed]
        out += [f"Link added: {' → '.join(link)}" for link in self.links_added]
        out += [f"Link removed: {' → '.join(link)}" for link in self.links_removed]
        out += [f"Link {c.what}: {c.field} '{c.before}' → '{c.after}'" for c in self.links_changed]
        return out


def diff_graphs(old: KnowledgeGraph, new: KnowledgeGraph) -> GraphDiff:
    """The links and concepts that ``new`` adds, removes or changes against ``old``.

    Example
    -------
    >>> from graph.files.load import load_graph_bytes
    >>> old = load_graph_bytes(b"source,source_type,relation,target,target_type\\nA,x,causes,B,y\\n")
    >>> new = load_graph_bytes(b"source,source_type,relation,target,target_type\\nA,x,may cause,B,y\\nB,y,causes,C,z\\n")
    >>> diff_graphs(old, new).lines()
    ['Concept added: C', 'Link added: B → causes → C', "Link A → B: relation 'causes' → 'may cause'"]
    """
    concepts_added = sorted(set(new.concepts.index) - set(old.concepts.index))
    concepts_removed = sorted(set(old.concepts.index) - set(new.concepts.index))
    concepts_changed = []
    for name in sorted(set(old.concepts.index) & set(new.concepts.index)):
        for column in _CONCEPT_FIELDS:
            before, after = str(old.concepts.at[name, column]), str(new.concepts.at[name, column])
            if before != after:
                concepts_changed.append(Change(name, column, before, after))

    old_links, new_links = _links(old), _links(new)
    added: list[tuple[str, str, str]] = []
    removed: list[tuple[str, str, str]] = []
    changed: list[Change] = []
    # The same link (ends and relation) in both: compared field by field, in file order when repeated.
    for key in sorted(set(old_links) | set(new_links)):
        was, now = old_links.get(key, []), new_links.get(key, [])
        for a, b in zip(was, now):
            changed += _changes(" → ".join(key), a, b)
        removed += [key] * max(0, len(was) - len(now))
        added += [key] * max(0, len(now) - len(was))
    # A link whose ends stayed and whose relation changed: one removed and one added between the same two.
    by_ends_removed: dict[tuple[str, str], list] = defaultdict(list)
    by_ends_added: dict[tuple[str, str], list] = defaultdict(list)
    for key in removed:
        by_ends_removed[(key[0], key[2])].append(key)
    for key in added:
        by_ends_added[(key[0], key[2])].append(key)
    for ends in sorted(set(by_ends_removed) & set(by_ends_added)):
        if len(by_ends_removed[ends]) == len(by_ends_added[ends]) == 1:
            (gone,), (came,) = by_ends_removed[ends], by_ends_added[ends]
            removed.remove(gone)
            added.remove(came)
            what = f"{ends[0]} → {ends[1]}"
            changed.append(Change(what, "relation", gone[1], came[1]))
            changed += _changes(what, old_links[gone][0], new_links[came][0], skip_relation=True)
    return GraphDiff(sorted(added), sorted(removed), changed, concepts_added, concepts_removed, concepts_changed)


def _links(kg: KnowledgeGraph) -> dict[tuple[str, str, str], list[dict[str, str]]]:
    found: dict[tuple[str, str, str], list[dict[str, str]]] = defaultdict(list)
    for row in kg.links[["source", "relation", "target", *_LINK_FIELDS[1:]]].astype(str).to_dict("records"):
        found[(row["source"], row["relation"], row["target"])].append(row)
    return found


def _changes(what: str, before: dict[str, str], after: dict[str, str], skip_relation: bool = False) -> list[Change]:
    return [
        Change(what, column, before[column], after[column])
        for column in _LINK_FIELDS
        if before[column] != after[column] and not (skip_relation and column == "relation")
    ]
