"""Practice that comes back: what a learner got right or wrong, per link, and which quiz or exercise to give next.

Retrieval practice spaced over time helps learners remember (Karpicke & Blunt 2011; Latimier,
Peyre & Ramus 2021), so the next quiz or exercise should ask again about what a learner got
wrong, and about what they have not seen for a while, before what they just got right.

Rather than building a special quiz, the next one is chosen among a few seeds: the one whose
links weigh most. Its seed still says it all, so a shared link shows anyone the same questions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

__all__ = ["RECENT", "Record"]

RECENT = 3
"""A link answered right within this many turns counts as seen lately."""

_WEIGHTS = {"wrong": 3, "new": 1, "a while ago": 1, "lately": -1}


@dataclass
class Record:
    """A learner's results per link: ``results[link_id] = (right, turn)``, ``turn`` counting checks made.

    Example
    -------
    >>> record = Record()
    >>> record.remember({4: False, 9: True})
    >>> record.weight(4), record.weight(9), record.weight(12)
    (3, -1, 1)
    >>> record.best_seed(lambda seed: {seed * 4}, [1, 2, 3])
    1
    """

    results: dict[int, tuple[bool, int]] = field(default_factory=dict)
    turn: int = 0

    def remember(self, results: Mapping[int, bool]) -> None:
        """Keep one check's results (link id → right?) as a new turn."""
        self.turn += 1
        for link_id, right in results.items():
            self.results[int(link_id)] = (bool(right), self.turn)

    def standing(self, link_id: int) -> str:
        """``"wrong"``, ``"new"``, ``"lately"`` (right within :data:`RECENT` turns) or ``"a while ago"``."""
        if link_id not in self.results:
            return "new"
        right, turn = self.results[link_id]
        if not right:
            return "wrong"
        return "lately" if self.turn - turn < RECENT else "a while ago"

    def weight(self, link_id: int) -> int:
        return _WEIGHTS[self.standing(link_id)]

    def wrong(self) -> tuple[int, ...]:
        """The links got wrong, longest ago first."""
        return tuple(i for i, (right, _) in sorted(self.results.items(), key=lambda item: item[1][1]) if not right)

    def best_seed(self, links_of: Callable[[int], Iterable[int]], candidates: Sequence[int]) -> int:
        """Of ``candidates``, the seed whose quiz or exercise (its links, from ``links_of``) weighs most; the first on a tie."""
        if not self.results:
            return candidates[0]
        return max(candidates, key=lambda seed: (sum(self.weight(i) for i in set(links_of(seed))), -candidates.index(seed)))
