"""A quiz made from the graph itself: multiple-choice questions whose answers are its links.

Nothing is written by hand, so a teacher's own graph, with its own types and
relations, gets a quiz too. Every question has four options, exactly one of
which is right according to the graph, and carries its evidence (the link that
answers it) and a focus concept to explore afterwards. The kinds of question:

``"target"``
    "Which of these completes the link: X → relation → ?" The other options have
    the answer's type and no link to X at all (in either direction, with any
    relation), so none of them can be argued to be right.
``"source"``
    The same, read backwards: "? → relation → Y".
``"relation"``
    "Which relation completes the link: A → ? → B" The other options are
    relations that link A and B in neither direction and share no word with the
    answer ("may cause" is no fair distractor for "can cause"), nor belong to the
    same small family of near-synonyms ("can lead to"; "is a form of" and "is part
    of" for "is an example of"). Vague relations ("is linked to", "is connected
    to", a bare "is" or "has") hold for almost any linked pair, so they are never
    distractors; nor are two distractors alike. Relations never used with a
    concept of A's or B's type are preferred, as they are the least likely to
    be read as true of A and B.
``"neighbour"``
    "Of these concepts of type T, which one is linked directly to X?" The other
    options have type T and no link to X.

A question is only asked when the graph has three such distractors, so a small
graph gives fewer questions, never wrong ones. The same seed always gives the
same quiz: all randomness comes from one ``random.Random(seed)`` and every set is
sorted before anything is drawn from it.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property, lru_cache

from graph.model import KnowledgeGraph, Link

__all__ = [
    "KINDS",
    "OPTIONS",
    "Question",
    "check",
    "make_quiz",
]

KINDS = ("target", "source", "relation", "neighbour")
"""The kinds of question, as in :attr:`Question.kind`."""

OPTIONS = 4
"""Options per question: the answer and three distractors."""


@dataclass
class Question:
    """One multiple-choice question.

    Attributes
    ----------
    prompt : the question, using the graph's own concept labels, relation phrases and type names.
    options : ``OPTIONS`` distinct choices in a fixed (seeded) order; exactly one is right.
    answer : the right option.
    evidence : the link that makes ``answer`` right (its sentence, section, explanation and sources).
    focus : a concept to explore after answering: the concept the question is about.
    kind : one of :data:`KINDS`.
    """

    prompt: str
    options: list[str]
    answer: str
    evidence: Link
    focus: str
    kind: str


def make_quiz(kg: KnowledgeGraph, seed: int, count: int = 5) -> list[Question]:
    """Up to ``count`` different questions about ``kg``, the same ones for the same seed.

    The kinds take turns (in an order drawn from the seed) so a quiz mixes them.
    Fewer than ``count`` come back when the graph does not support more.

    Parameters
    ----------
    kg : the graph to ask about.
    seed : any integer; equal seeds give equal quizzes for the same graph.
    count : how many questions at most.

    Returns
    -------
    list[Question]

    Raises
    ------
    ValueError
        When ``count`` is negative.

    Example
    -------
    >>> quiz = make_quiz(kg, seed=3, count=2)
    >>> len(quiz), quiz[0].answer in quiz[0].options
    (2, True)
    >>> check(quiz[0], quiz[0].answer)
    True
    """
    if count < 0:
        raise ValueError(f"count must be 0 or more, not {count}")
    return _Quizmaster(kg, random.Random(seed)).quiz(count)


def check(question: Question, choice: str) -> bool:
    """Whether ``choice`` is the right answer to ``question``.

    Example
    -------
    >>> check(question, question.answer)
    True
    """
    return choice == question.answer


# --- making questions --------------------------------------------------------

_STOP_WORDS = frozenset("a an the is are be been can could may might will would of to for in on with by and or as it its".split())
_VAGUE = "~vague"
_FAMILIES = {
    # Words that mean much the same in a relation phrase, so one must not be a distractor for another.
    "~cause": "cause caused lead led result contribute trigger produce",
    "~member": "example form kind type part instance member include",
    "~more": "raise increase boost lift",
    "~less": "reduce lower decrease weaken",
    _VAGUE: "link linked connect connected relate related associate associated has have had",
}
_FAMILY_OF = {word: family for family, words in _FAMILIES.items() for word in words.split()}


_MAX_TRIES = 2000
"""Links tried per kind of question: all of them in a graph this small, a random sample in a larger one."""


class _Quizmaster:
    """Builds the questions of one quiz: each starts from a link drawn at random."""

    def __init__(self, kg: KnowledgeGraph, rng: random.Random):
        self.kg = kg
        self.graph = kg.graph
        self.rng = rng
        self.prompts: set[str] = set()
        self.link_ids = kg.links.index.to_numpy()
        self.link_sources = kg.links["source"].to_numpy()
        self.link_targets = kg.links["target"].to_numpy()
        self.link_relations = kg.links["relation"].to_numpy()

    def quiz(self, count: int) -> list[Question]:
        kinds = list(KINDS)
        self.rng.shuffle(kinds)
        total = len(self.link_ids)
        # Positions of the links each kind will try, in the order it tries them (it pops from the end).
        tries = {kind: self.rng.sample(range(total), min(total, _MAX_TRIES)) for kind in kinds}
        questions: list[Question] = []
        while len(questions) < count and kinds:
            for kind in list(kinds):
                question = self._next(kind, tries[kind])
                if question is None:
                    kinds.remove(kind)
                    continue
                questions.append(question)
                self.prompts.add(question.prompt)
                if len(questions) == count:
                    break
        return questions

    def _next(self, kind: str, positions: list[int]) -> Question | None:
        """The next question of a kind that the graph supports, or None when the kind is used up."""
        make = getattr(self, f"_{kind}")
        while positions:
            at = positions.pop()
            question = make(int(self.link_ids[at]), self.link_sources[at], self.link_relations[at], self.link_targets[at])
            if question is not None:
                return question
        return None

    # One method per kind, each given a link; None when the question was asked already
    # or the graph has too few distractors for it.

    def _target(self, link_id: int, source: str, relation: str, target: str) -> Question | None:
        prompt = f"Which of these completes the link: {source} → {relation} → ?"
        return self._concept_question(prompt, source, target, link_id, "target")

    def _source(self, link_id: int, source: str, relation: str, target: str) -> Question | None:
        prompt = f"Which of these completes the link: ? → {relation} → {target}"
        return self._concept_question(prompt, target, source, link_id, "source")

    def _neighbour(self, link_id: int, source: str, relation: str, target: str) -> Question | None:
        ends = [(source, target), (target, source)]
        self.rng.shuffle(ends)  # either end may be the focus; the other is tried when the first has too few distractors
        for focus, answer in ends:
            prompt = f"Of these concepts of type '{self._type(answer)}', which one is linked directly to {focus}?"
            question = self._concept_question(prompt, focus, answer, link_id, "neighbour")
            if question is not None:
                return question
        return None

    def _relation(self, link_id: int, source: str, relation: str, target: str) -> Question | None:
        prompt = f"Which relation completes the link: {source} → ? → {target}"
        if prompt in self.prompts:
            return None
        between = {d["relation"] for d in self.graph.get_edge_data(source, target).values()}
        between |= {d["relation"] for d in self.graph.get_edge_data(target, source, default={}).values()}
        pair = {self._type(source), self._type(target)}
        words = _content_words(relation)
        usable = [r for r in self._relations if r not in between and not (words | {_VAGUE}) & _content_words(r)]
        # Least like the answer first: relations never used with a concept of either type at either end.
        apart = [r for r in usable if not pair & self._ends[r]]
        near = [r for r in usable if pair & self._ends[r]]
        distractors = _draw(self.rng, [apart, near], OPTIONS - 1)
        if distractors is None:
            return None
        return self._arrange(prompt, relation, distractors, link_id, source, "relation")

    # Helpers.

    def _concept_question(self, prompt: str, focus: str, answer: str, link_id: int, kind: str) -> Question | None:
        """A question whose answer is a concept linked to ``focus``; the others have its type and no link to ``focus``."""
        if prompt in self.prompts:
            return None
        linked = set(self.graph.successors(focus)) | set(self.graph.predecessors(focus)) | {focus}
        pool = [c for c in self._by_type[self._type(answer)] if c not in linked]
        if len(pool) < OPTIONS - 1:
            return None
        return self._arrange(prompt, answer, self.rng.sample(pool, OPTIONS - 1), link_id, focus, kind)

    def _arrange(self, prompt: str, answer: str, distractors: list[str], link_id: int, focus: str, kind: str) -> Question:
        options = [answer, *distractors]
        self.rng.shuffle(options)
        return Question(prompt, options, answer, self.kg.link(link_id), focus, kind)

    def _type(self, concept: str) -> str:
        return self.graph.nodes[concept]["type"]

    @cached_property
    def _by_type(self) -> dict[str, list[str]]:
        """Each type's concepts, sorted (so that drawing from them does not depend on hash order)."""
        by_type: dict[str, list[str]] = defaultdict(list)
        for concept in sorted(self.graph.nodes):
            by_type[self._type(concept)].append(concept)
        return by_type

    @cached_property
    def _ends(self) -> dict[str, set[str]]:
        """For each relation, the types of the concepts it is used with (at either end)."""
        ends: dict[str, set[str]] = defaultdict(set)
        for source, target, relation in self.graph.edges(data="relation"):
            ends[relation] |= {self._type(source), self._type(target)}
        return ends

    @cached_property
    def _relations(self) -> list[str]:
        return sorted(self._ends)


@lru_cache(maxsize=4096)
def _content_words(relation: str) -> frozenset[str]:
    """The words that carry a relation's meaning, roughly singular, with their synonym families.

    >>> sorted(_content_words("are examples of"))
    ['example', '~member']
    """
    words = re.findall(r"[\w']+", relation.casefold())
    words = {w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words if w not in _STOP_WORDS}
    if not words:  # a bare "is" fits almost any pair
        return frozenset({_VAGUE})
    return frozenset(words | {_FAMILY_OF[w] for w in words if w in _FAMILY_OF})


def _draw(rng: random.Random, tiers: list[list[str]], k: int) -> list[str] | None:
    """``k`` relations at random, from the first tiers first, no two alike (sharing a word or family).

    None when the tiers together do not hold ``k`` such relations.
    """
    drawn: list[str] = []
    taken: set[str] = set()
    for tier in tiers:
        for relation in rng.sample(tier, len(tier)):
            words = _content_words(relation)
            if words & taken:
                continue
            drawn.append(relation)
            taken |= words
            if len(drawn) == k:
                return drawn
    return None
