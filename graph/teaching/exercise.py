"""Fill in the map: a view of the graph with some concept names and relation words left blank.

The learner types each blank (typos forgiven, and words the relation vocabulary lists as meaning
the same) or picks it from a parking lot: the blanked words and as many distractors, drawn from
the graph, none of which would make a true link where it could be put (:func:`distractors`). Each
blank is checked against the links it sits on, whose evidence is shown. The blanks are drawn from
a seed, so a class given the same link (focus and seed) gets the same exercise.

A concept blank hides the concept everywhere in the picture; a relation blank hides one link's
words. No link has both a concept and its relation blanked, so each blank can be worked out from
what is still shown; the focus is never blanked, nor words that say nothing definite ("is
linked to", "has").
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from graph.core.model import KnowledgeGraph, Link
from graph.teaching.score import Proposition, Reference, is_catch_all, is_vague

__all__ = [
    "CHAINS_UP_TO",
    "Blank",
    "Exercise",
    "MapTask",
    "BLANK_VERDICTS",
    "blank_feedback",
    "blank_verdict",
    "check_blank",
    "distractors",
    "make_exercise",
    "make_map_task",
]


@dataclass(frozen=True)
class Blank:
    """One gap in the picture.

    Attributes
    ----------
    number : shown in the picture in place of the words ("[1]").
    kind : ``"concept"`` or ``"relation"``.
    answer : the hidden concept name or relation words.
    links : the links the gap sits on (a concept may end several), for checking and as evidence.
    """

    number: int
    kind: str
    answer: str
    links: tuple[Link, ...]

    @property
    def mark(self) -> str:
        return f"[{self.number}]"


@dataclass(frozen=True)
class Exercise:
    """A fill-in-the-map exercise on a focus's links: the blanks, and the parking lot (their answers
    and the ``distractors``, shuffled together)."""

    focus: str
    seed: int
    blanks: tuple[Blank, ...]
    parking_lot: tuple[str, ...]
    distractors: tuple[str, ...] = ()

    def concept_blanks(self) -> dict[str, Blank]:
        return {b.answer: b for b in self.blanks if b.kind == "concept"}

    def relation_blanks(self) -> dict[int, Blank]:
        return {b.links[0].link_id: b for b in self.blanks if b.kind == "relation"}


def make_exercise(
    kg: KnowledgeGraph,
    focus: str,
    link_ids: list[int],
    seed: int,
    count: int = 4,
    favour: tuple[int, ...] = (),
    reference: Reference | None = None,
    with_distractors: bool = True,
) -> Exercise:
    """Blanks among the links shown around ``focus``, the same ones for the same seed.

    Parameters
    ----------
    kg : the graph.
    focus : the concept the view is about; never blanked.
    link_ids : the links drawn in the picture; only links of ``focus`` are blanked, so each blank
        is next to the concept the learner is looking at.
    seed : any integer.
    count : how many blanks at most (about half concepts, half relations).
    favour : link ids to blank first (what a learner got wrong, or has not seen for a while).
    reference : what the graph supports, for choosing distractors (:func:`distractors`); one made
        from ``kg`` with the article's vocabulary by default.
    with_distractors : False leaves them out (the blanks are the same): for weighing many seeds quickly.

    Example
    -------
    >>> from graph.picture.view import build_view
    >>> view = build_view(kg, "Parkinson's disease")
    >>> exercise = make_exercise(kg, "Parkinson's disease", view.link_ids, seed=4)
    >>> answers = {b.answer for b in exercise.blanks}
    >>> len(exercise.blanks), len(exercise.distractors), set(exercise.parking_lot) == answers | set(exercise.distractors)
    (4, 4, True)
    """
    rng = random.Random(seed)
    links = [kg.link(i) for i in sorted(set(link_ids))]
    own = [link for link in links if focus in (link.source, link.target) and link.source != link.target]
    rng.shuffle(own)
    favoured = set(favour)
    own.sort(key=lambda link: link.link_id not in favoured)  # stable: favoured first, else in the shuffled order
    blanks: list[Blank] = []
    hidden_concepts: set[str] = set()
    used_links: set[int] = set()
    for link in own:
        if len(blanks) == count:
            break
        other = link.target if link.source == focus else link.source
        concept_turn = len(blanks) % 2 == (seed % 2)
        ends_here = tuple(li for li in links if other in (li.source, li.target))
        if concept_turn and other not in hidden_concepts and not used_links & {li.link_id for li in ends_here}:
            blanks.append(Blank(len(blanks) + 1, "concept", other, ends_here))
            hidden_concepts.add(other)
            used_links |= {li.link_id for li in ends_here}
        elif link.link_id not in used_links and other not in hidden_concepts and not is_vague(link.relation):
            blanks.append(Blank(len(blanks) + 1, "relation", link.relation, (link,)))
            used_links.add(link.link_id)
    shown = {end for link in links for end in (link.source, link.target)}
    extra = distractors(reference if reference is not None else Reference(kg), blanks, shown, rng) if with_distractors else ()
    lot = [b.answer for b in blanks] + list(extra)
    rng.shuffle(lot)
    return Exercise(focus, seed, tuple(blanks), tuple(dict.fromkeys(lot)), extra)


def distractors(reference: Reference, blanks: list[Blank], shown: set[str], rng: random.Random) -> tuple[str, ...]:
    """One wrong answer per blank, drawn from the graph, for the parking lot.

    A concept blank's distractor is a concept not in the picture (one there is plainly not hidden),
    of the answer's type when one fits; a relation blank's, a relation the graph uses. Neither is
    ever a true answer: put in any blank of its kind, it makes no link the graph supports, directly,
    through an equivalent relation, read backwards, through a category or along a chain of links
    (what a quiz must not offer as wrong), nor is it vague ("is linked to" is true of any two linked
    concepts), nor does its relation entail or follow from a blank's (raising *is* affecting).
    Fewer come back when the graph has no such concept or relation. Chains are followed in graphs of
    up to :data:`CHAINS_UP_TO` links: in a bigger one a hub's chains reach much of the graph, and
    following them costs seconds (what the map scorer and a blank's check count, a link or a
    category, is always ruled out).
    """
    kg = reference.kg
    chains = len(kg.links) <= CHAINS_UP_TO
    answers = {b.answer for b in blanks}
    concept_blanks = [b for b in blanks if b.kind == "concept"]
    relation_blanks = [b for b in blanks if b.kind == "relation"]
    chosen: list[str] = []
    if concept_blanks:
        # A few hundred candidates drawn at random are plenty, and keep a graph of 100,000 links as quick as the article.
        labels = kg.sorted_labels
        drawn = rng.sample(labels, min(len(labels), _CANDIDATES))
        # A catch-all ("Other medical problems") would arguably fit a blank: "Parkinson's disease is an example of [2]".
        pool = [c for c in drawn if c not in shown and c not in answers and not is_catch_all(c)]
        ruled_out = set().union(*(_true_concepts(reference, b, pool) for b in concept_blanks)) if chains else set()
        ruled_out |= {end for b in concept_blanks for link in b.links for end in (link.source, link.target)}
        type_of = kg.graph.nodes
        for blank in concept_blanks:  # each blank's distractor of its answer's type, when one fits
            kind = type_of[blank.answer].get("type")
            candidates = sorted((c for c in pool if c not in ruled_out), key=lambda c: type_of[c].get("type") != kind)
            pick = next((c for c in candidates if not any(_judged_true(reference, b, c) for b in concept_blanks)), None)
            if pick is not None:
                chosen.append(pick)
                ruled_out.add(pick)
    if relation_blanks:
        pool = sorted(set(kg.links["relation"].unique()) - answers)
        rng.shuffle(pool)
        for _ in relation_blanks:
            pick = next(
                (
                    r
                    for r in pool
                    if r not in chosen and not any(_true_relation(reference, b, r, chains) for b in relation_blanks)
                ),
                None,
            )
            if pick is not None:
                chosen.append(pick)
    return tuple(chosen)


_CANDIDATES = 400
_TRUE = {"match", "overstated"}
"""Verdicts of a link the graph supports (an overstated one is true, only more firmly said than the graph says it)."""
CHAINS_UP_TO = 5_000
"""Distractors are kept off chains of links in graphs of up to this many links (see :func:`distractors`)."""


def _true_concepts(reference: Reference, blank: Blank, among: list[str]) -> set[str]:
    """The concepts of ``among`` that, in place of the blank's, would make one of its links true (even along a
    chain of links, or through a category), or would join a link's end to itself."""
    true: set[str] = set()
    for link in blank.links:
        if link.source == blank.answer:
            true |= reference.supported_sources(link.relation, link.target, among) | {link.target}
        else:
            true |= reference.supported_targets(link.source, link.relation, among) | {link.source}
    return true


def _judged_true(reference: Reference, blank: Blank, concept: str) -> bool:
    """Whether the map scorer would count one of the blank's links, with ``concept`` in place, as right."""
    return any(reference.judge(_with(link, blank.answer, concept)).verdict in _TRUE for link in blank.links)


def _true_relation(reference: Reference, blank: Blank, relation: str, chains: bool = True) -> bool:
    """Whether ``relation`` in place of the blank's words would make its link true, or mean the same as them."""
    (link,) = blank.links
    vocabulary = reference.vocabulary
    if is_vague(relation, vocabulary) or vocabulary.equivalent(relation, blank.answer):
        return True
    # The vocabulary of issue 22 says which relations entail which ("can cause" ⊨ "can affect"); an older one cannot.
    entails = getattr(vocabulary, "entails", None)
    if entails is not None and (entails(blank.answer, relation) or entails(relation, blank.answer)):
        return True
    proposition = Proposition(link.source, relation, link.target)
    return reference.judge(proposition).verdict in _TRUE or bool(
        chains and reference.support(link.source, relation, link.target, chains=True)
    )


def check_blank(reference: Reference, blank: Blank, text: str) -> bool:
    """Whether ``text`` fills ``blank`` rightly (:func:`blank_verdict` says ``"right"``)."""
    return blank_verdict(reference, blank, text) == "right"


BLANK_VERDICTS = ("right", "overstated", "wrong")
"""What :func:`blank_verdict` can say of a filled blank."""


def blank_verdict(reference: Reference, blank: Blank, text: str) -> str:
    """How ``text`` fills ``blank``: one of :data:`BLANK_VERDICTS`.

    A concept is right when it is the hidden one (case, spacing and typos forgiven), or fits every
    link of the gap. Relation words are judged as the map scorer judges a link's: right when they
    mean the same as the hidden ones, or what the hidden ones entail ("can affect" for "can cause"),
    said no more surely ("may lead to" for "can cause"); ``overstated`` when said more surely
    ("causes" for "may cause": the graph only says it might); otherwise wrong.
    """
    text = " ".join(text.split())
    if not text:
        return "wrong"
    if blank.kind == "concept":
        return "right" if _fits_concept(reference, blank, text) else "wrong"
    vocabulary = reference.vocabulary
    if not (vocabulary.equivalent(text, blank.answer) or vocabulary.entails(blank.answer, text)):
        return "wrong"
    if vocabulary.firmer(vocabulary.hedge(text), vocabulary.hedge(blank.answer)):
        return "overstated"
    return "right"


def blank_feedback(reference: Reference, blank: Blank, text: str) -> tuple[str, str]:
    """What to tell a learner who filled ``blank`` with ``text``: its :func:`blank_verdict` (or
    ``"blank"`` when left empty) and a sentence that quotes what the graph says.

    Words surer than the graph ("causes" where it says "can cause") are true as far as they go: they
    are marked overstated, not wrong.
    """
    says = "; ".join(link.read() for link in blank.links)
    if not " ".join(text.split()):
        return "blank", f"{blank.mark} Left blank. The graph says: {says}."
    verdict = blank_verdict(reference, blank, text)
    if verdict == "right":
        return verdict, f"{blank.mark} Right: {text}. The graph says: {says}."
    if verdict == "overstated":
        return verdict, f"{blank.mark} Overstated: “{text}” is surer than the graph, which says: {says}."
    return verdict, f"{blank.mark} Not quite: “{text}”. The graph says: {says}."


def _fits_concept(reference: Reference, blank: Blank, text: str) -> bool:
    """Whether the concept named ``text`` fills a concept blank."""
    concept = reference.canonical(text)
    # Another concept is right too when every link of the gap holds with it ("… can cause [1]" and "[3]").
    return (
        concept == blank.answer
        or concept is not None
        and all(reference.judge(_with(link, blank.answer, concept)).verdict == "match" for link in blank.links)
    )


def _with(link: Link, hidden: str, concept: str) -> Proposition:
    """The link as a proposition with ``concept`` in place of ``hidden``."""
    swap = {hidden: concept}
    return Proposition(swap.get(link.source, link.source), link.relation, swap.get(link.target, link.target))


@dataclass(frozen=True)
class MapTask:
    """Build a map: a focus question, a skeleton (concepts already placed) and a parking lot.

    ``scope`` (skeleton and parking lot together) is what the map is scored on: reference links
    between two of its concepts that the learner leaves out are ``missing``.
    """

    focus: str
    question: str
    skeleton: tuple[str, ...]
    parking_lot: tuple[str, ...]

    @property
    def scope(self) -> tuple[str, ...]:
        return self.skeleton + self.parking_lot


def make_map_task(reference: Reference, focus: str, size: int = 7) -> MapTask:
    """A build-a-map task around ``focus``: what can cause it and what it can lead to, when the
    graph says; otherwise how it links to the concepts around it.

    Up to ``size`` concepts besides the focus, the most connected first (then by name), so the
    task is the same for everyone; the focus and the most connected of them form the skeleton.

    Example
    -------
    >>> make_map_task(Reference(kg), "Dopamine deficiency").question
    'What can cause Dopamine deficiency, and what can it lead to?'
    """
    kg, vocabulary = reference.kg, reference.vocabulary
    causes = vocabulary.family("can cause")
    causing = {
        link.source for link in _links_of(kg, focus) if link.target == focus and vocabulary.family(link.relation) == causes
    }
    caused = {link.target for link in _links_of(kg, focus) if link.source == focus and vocabulary.family(link.relation) == causes}
    causing.discard(focus)
    caused.discard(focus)
    rank = lambda concepts: sorted(concepts, key=lambda c: (-kg.degree[c], c))  # noqa: E731
    if causing and caused:
        question = f"What can cause {focus}, and what can it lead to?"
        half = max(size // 2, size - len(caused))
        chosen = rank(causing)[:half] + rank(caused)[: size - min(half, len(causing))]
    elif causing or caused:
        question = f"What can cause {focus}?" if causing else f"What can {focus} lead to?"
        chosen = rank(causing or caused)[:size]
    else:
        question = f"How is {focus} linked to the concepts around it?"
        chosen = kg.ranked_neighbours(focus)[:size]
    chosen = rank(chosen)
    return MapTask(focus, question, (focus, *chosen[:1]), tuple(sorted(chosen[1:], key=str.casefold)))


def _links_of(kg: KnowledgeGraph, concept: str) -> list[Link]:
    keys = [k for _, _, k in kg.graph.out_edges(concept, keys=True)] + [k for _, _, k in kg.graph.in_edges(concept, keys=True)]
    return [kg.link(k) for k in sorted(keys)]
