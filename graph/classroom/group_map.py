"""The class at a glance: every learner's map overlaid on the teacher's map, as Kit-Build's group map.

Each learner's map is scored by :func:`graph.teaching.score.score_map`, and the group map only
counts what the scorer said: for each link of the teacher's map, how many learners have it with
each verdict (``match``, ``overstated``, ``reversed``, ``different relation``, ``missing``);
for the links learners drew that the map lacks, how many drew each. A learner counts once per
link, with their best verdict on it (a learner who drew a link twice, once reversed and once
right, has it right), so a link's counts add up to at most the number of learners.

Quizzes and fill-in exercises give :class:`Item` rows: each question or blank, with which
learners got it right, so the hardest come first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from graph.core.model import KnowledgeGraph, Link
from graph.teaching.score import MapScore, Proposition, Reference, Verdict, score_map

__all__ = ["COUNTED", "ExtraLink", "GroupMap", "Item", "LinkCounts", "group_map", "items_by_difficulty"]

COUNTED = ("match", "overstated", "reversed", "different relation", "missing")
"""The verdicts counted per link of the teacher's map, best first (a learner's best verdict on a link counts)."""
_NOT_IN_MAP = "not in the reference"


@dataclass
class LinkCounts:
    """One link of the teacher's map and each learner's (best) verdict on it."""

    link: Link
    learners: dict[str, str] = field(default_factory=dict)
    """Nickname → verdict."""

    def count(self, verdict: str) -> int:
        return sum(v == verdict for v in self.learners.values())

    @property
    def counts(self) -> dict[str, int]:
        """Learners per verdict: every verdict of :data:`COUNTED`, and any other the scorer gave."""
        others = sorted(set(self.learners.values()) - set(COUNTED))
        return {verdict: self.count(verdict) for verdict in (*COUNTED, *others)}

    @property
    def missed(self) -> int:
        """Learners whose map has this link in some way but not as the map says it, or not at all."""
        return sum(v != "match" for v in self.learners.values())


@dataclass
class ExtraLink:
    """A link learners drew that the teacher's map does not have as one link."""

    source: str
    relation: str
    target: str
    learners: dict[str, str] = field(default_factory=dict)
    """Nickname → the scorer's verdict ("not in the reference", or a match through a category, say)."""


@dataclass
class GroupMap:
    """All learners' maps on the teacher's map: :func:`group_map` makes it."""

    learners: list[str]
    links: list[LinkCounts]
    """Every link of the teacher's map, in its file's order."""
    extra: list[ExtraLink]
    """Links the map lacks, the most drawn first."""
    scores: dict[str, MapScore]
    """Each learner's scored map (their difference map)."""

    def most_missed(self, limit: int = 10) -> list[LinkCounts]:
        """The map's links the most learners did not match (only those that some learner missed)."""
        missed = [counts for counts in self.links if counts.missed]
        return sorted(missed, key=lambda c: (-c.missed, c.link.link_id))[:limit]

    def to_dict(self) -> dict:
        """``links`` and ``extra`` as ``python -m graph results --json`` prints them (counts of learners)."""
        return {
            "learners": len(self.learners),
            "links": [
                {"source": c.link.source, "relation": c.link.relation, "target": c.link.target, **c.counts} for c in self.links
            ],
            "extra": [
                {"source": e.source, "relation": e.relation, "target": e.target, "learners": len(e.learners)} for e in self.extra
            ],
        }


def group_map(
    reference: Reference | KnowledgeGraph, maps: Mapping[str, tuple[Sequence[Proposition], Iterable[str] | None]]
) -> GroupMap:
    """Score each learner's map and overlay them on the reference.

    Parameters
    ----------
    reference : the teacher's map (a :class:`~graph.teaching.score.Reference`, or its graph).
    maps : nickname → (the learner's links, the concepts they were asked to link or None for
        the ones they used), as :func:`~graph.teaching.score.score_map` takes them.

    Returns
    -------
    GroupMap

    Example
    -------
    >>> group = group_map(kg, {"Ann": ([Proposition("Parkinsons disease", "can cause", "Tremors")], None)})
    >>> [c.learners for c in group.links if (c.link.source, c.link.target) == ("Parkinson's disease", "Tremors")]
    [{'Ann': 'match'}]
    """
    if not isinstance(reference, Reference):
        reference = Reference(reference)
    kg = reference.kg
    links = {link_id: LinkCounts(kg.link(link_id)) for link_id in kg.links.index}
    extra: dict[tuple[str, str, str], ExtraLink] = {}
    scores = {}
    for nickname, (propositions, scope) in maps.items():
        score = score_map(reference, propositions, scope)
        scores[nickname] = score
        for verdict in score.verdicts:
            on_map = _map_links(verdict)
            for link_id in on_map:
                _keep_best(links[link_id].learners, nickname, verdict.verdict)
            if not on_map:
                relation = " ".join(verdict.relation.split())
                key = (verdict.source, relation.casefold(), verdict.target)
                found = extra.setdefault(key, ExtraLink(verdict.source, relation, verdict.target))
                found.learners.setdefault(nickname, verdict.verdict)
        for link in getattr(score, "missing", ()):
            _keep_best(links[link.link_id].learners, nickname, "missing")
    ordered_extra = sorted(extra.values(), key=lambda e: (-len(e.learners), e.source, e.relation, e.target))
    return GroupMap(list(maps), list(links.values()), ordered_extra, scores)


def _map_links(verdict: Verdict) -> list[int]:
    """The map's links a verdict is about: those of its evidence that join its two concepts (none for a
    proposition the map does not have, or has only through a category)."""
    if verdict.verdict == _NOT_IN_MAP:
        return []
    ends = {verdict.source, verdict.target}
    return [link.link_id for link in verdict.evidence if {link.source, link.target} == ends]


def _rank(verdict: str) -> float:
    # A verdict the scorer may add later ranks after the known ones but before "missing".
    return COUNTED.index(verdict) if verdict in COUNTED else len(COUNTED) - 1.5


def _keep_best(learners: dict[str, str], nickname: str, verdict: str) -> None:
    if nickname not in learners or _rank(verdict) < _rank(learners[nickname]):
        learners[nickname] = verdict


@dataclass
class Item:
    """A quiz question or a fill-in blank, and which learners got it right."""

    kind: str
    """``"quiz"`` or ``"fill"``."""
    question: str
    answer: str
    learners: dict[str, bool] = field(default_factory=dict)
    """Nickname → right (their latest answer)."""

    @property
    def right(self) -> int:
        return sum(self.learners.values())

    @property
    def share_right(self) -> float:
        return self.right / len(self.learners) if self.learners else 0.0

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "question": self.question,
            "answer": self.answer,
            "learners": len(self.learners),
            "right": self.right,
        }


def items_by_difficulty(answers: Iterable[tuple[str, str, str, str, bool]]) -> list[Item]:
    """Questions and blanks, the hardest (the smallest share right) first.

    ``answers``: ``(nickname, kind, question, answer, right)`` in the order they were handed in,
    so that a learner's latest answer to an item is the one counted.

    Example
    -------
    >>> [(i.question, i.right) for i in items_by_difficulty([("Ann", "quiz", "A ___ B", "causes", False)])]
    [('A ___ B', 0)]
    """
    items: dict[tuple[str, str, str], Item] = {}
    for nickname, kind, question, answer, right in answers:
        item = items.setdefault((kind, question, answer), Item(kind, question, answer))
        item.learners[nickname] = bool(right)
    return sorted(items.values(), key=lambda i: (i.share_right, -len(i.learners), i.kind, i.question))
