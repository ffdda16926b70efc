"""A quiz made from the graph itself: fill-the-gap questions whose answers are its links.

Nothing is written by hand, so a teacher's own graph, with its own types and relations, gets a
quiz too. Each question is one link read as a sentence with one part left out (its ``kind``,
also called ``blank``):

``"target"``   "Fill the gap: Parkinson's disease can cause …"
``"source"``   "Fill the gap: … can cause Tremors"
``"relation"`` "Fill the gap: Levodopa … Parkinson's medications"

Every question has four options, and the quiz is always right: exactly one option is
something the graph supports. A wrong option (a distractor) is never

- linked to the concept asked about at all (for a concept question);
- supported through an equivalent relation ("may lead to" for "can cause"), one the graph's
  relations entail ("can affect" where the graph says "raises"), read backwards, through a chain
  of such links, or up through a category: Exercise is an example of doing things that make you
  happy, which can help raise dopamine levels, so Exercise is never a wrong answer to "… can help
  raise Dopamine levels" (:class:`graph.teaching.score.Reference` decides, as it does for the map
  scorer, with the graph's own relation vocabulary);
- a catch-all ("Other medical problems": its name says "other" or "any"), which a learner may fairly
  read as holding the answer (nor is a catch-all asked for among concepts of its type);
- drawn from a kind the link's relation lists: where the concept asked about says the relation of
  three or more concepts of the answer's type ("Healthcare professional can assess" Tremors, Loss
  of balance, Muscle stiffness, …), the relation reads as said of the kind (the article: a
  professional assesses "both psychological and physical symptoms"), so no other concept of that
  type is a sound wrong answer, and that gap is not asked;
- arguable: linked to the answer or to a category the answer belongs to (Cocaine use can cause nerve cell receptor problems, the answer
  to "… can reduce Brain's response to dopamine"), a category that contains the answer or another
  supported concept, or a member of one (Parkinson's medications for Levodopa, major depressive
  disorder where depression is supported), or a name inside the name of the answer, of another
  supported concept or of the concept asked about, or around it (Dopamine for Dopamine
  transporters, Memory where Reward memories is right);
- for a relation question, a relation equivalent to the answer or to any relation joining the
  two concepts, one that entails or is entailed by one of those, a vague one ("is linked to", a
  bare "is"), one alike another distractor, or one that reads differently after the gap than the
  answer (only "acts as a" fits "Dopamine … Neurotransmitter": an article gives it away).

No question gives another away: no concept is named by two questions' links, and no two
questions have the same answer. Questions
spread over the graph: each is about a link touching the concept type asked about least so far
(causes, symptoms, treatments, … in the article) and, where the graph allows, from a group no
other question touches. Links about which
nothing definite is said ("is linked to") are not asked about.

The same seed always gives the same quiz: all randomness comes from one ``random.Random(seed)``
and every set is sorted before anything is drawn from it.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

import networkx as nx

from graph.core.model import KnowledgeGraph, Link
from graph.core.relations import BACKWARDS
from graph.core.sentences import agree
from graph.core.text import evidence_line
from graph.teaching.score import Reference, is_catch_all, is_vague

__all__ = [
    "KINDS",
    "OPTIONS",
    "Question",
    "check",
    "make_quiz",
    "worksheet",
]

KINDS = ("target", "source", "relation")
"""The kinds of question: which part of the link is the gap (:attr:`Question.blank`)."""

OPTIONS = 4
"""Options per question: the answer and three distractors."""

_MAX_TRIES = 2000
"""Links tried per quiz: all of them in a small graph, a random sample of a large one."""

_ATTEMPTS = 8
"""Fresh draws tried when a small graph gives a short quiz."""


@dataclass
class Question:
    """One multiple-choice question.

    Attributes
    ----------
    prompt : the question, a plain sentence with a gap ("…"), in the graph's own words.
    options : ``OPTIONS`` distinct choices in a fixed (seeded) order; exactly one is right.
    answer : the right option.
    evidence : the link that makes ``answer`` right (its sentence, section, explanation and sources).
    focus : a concept to explore after answering: the one the question is about.
    kind : which part of the link is the gap, one of :data:`KINDS`.
    """

    prompt: str
    options: list[str]
    answer: str
    evidence: Link
    focus: str
    kind: str

    @property
    def blank(self) -> str:
        return self.kind

    def shown(self, option: str) -> str:
        """An option as the learner reads it: a relation agrees with the sentence's subject ("SSRIs … are examples of")."""
        return self.evidence.agreeing(option) if self.kind == "relation" else option

    @property
    def sentence(self) -> str:
        """The link the question is made from, as a full sentence: "Parkinson's disease can cause Tremors."."""
        return f"{self.evidence.read()}."

    def feedback(self, choice: str) -> str:
        """What to tell a learner who chose ``choice``, as full sentences.

        Example
        -------
        >>> question = make_quiz(kg, seed=7, count=1)[0]
        >>> question.feedback(question.answer) == "Right: " + question.sentence
        True
        """
        if check(self, choice):
            return f"Right: {self.sentence}"
        return f"Not quite. The graph says: {self.sentence}"

    def to_dict(self) -> dict:
        """The JSON shape of ``python -m graph quiz --json``."""
        link = self.evidence
        return {
            "prompt": self.prompt,
            "source": link.source,
            "relation": link.relation,
            "target": link.target,
            "blank": self.blank,
            "options": list(self.options),
            "answer": self.answer,
        }


def make_quiz(
    kg: KnowledgeGraph, seed: int, count: int = 5, reference: Reference | None = None, favour: tuple[int, ...] = ()
) -> list[Question]:
    """Up to ``count`` different questions about ``kg``, the same ones for the same seed.

    Fewer come back when the graph does not support more.

    Parameters
    ----------
    kg : the graph to ask about.
    seed : any integer; equal seeds give equal quizzes for the same graph.
    count : how many questions at most.
    reference : what the graph supports (made from ``kg`` with the article's relation vocabulary
        when not given).
    favour : link ids to ask about first, when they make good questions (what a learner got
        wrong, or has not seen for a while).

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
    reference = reference if reference is not None else Reference(kg)
    return _Quizmaster(kg, reference, random.Random(seed)).quiz(count, favour)


def check(question: Question, choice: str) -> bool:
    """Whether ``choice`` is the right answer to ``question``.

    Example
    -------
    >>> question = make_quiz(kg, count=1, seed=7)[0]
    >>> check(question, question.answer), check(question, question.answer + " (not)")
    (True, False)
    """
    return choice == question.answer


def worksheet(questions: list[Question], title: str) -> str:
    """The quiz as a Markdown worksheet: the questions with lettered options, then the answer key with evidence."""
    lines = [f"# {title}", ""]
    for number, question in enumerate(questions, 1):
        lines.append(f"{number}. {question.prompt}")
        lines += [f"    - {letter}) {question.shown(option)}" for letter, option in zip("abcd", question.options, strict=False)]
    lines += ["", "## Answer key", ""]
    for number, question in enumerate(questions, 1):
        letter = "abcd"[question.options.index(question.answer)]
        link = question.evidence
        lines.append(f"{number}. {letter}) {question.shown(question.answer)}: {link.read()}.")
        if where := evidence_line(link.section, link.sources):
            lines.append(f"    {where}")
    return "\n".join(lines) + "\n"


# --- making questions --------------------------------------------------------

_STOP_WORDS = frozenset(
    "a an the is are be been has have had can could may might will would of to for in on with by and or as it its".split()
)
_VAGUE = "~vague"
_CATEGORY = "~category"
_LISTED = 3  # a relation said of this many concepts of one type reads as said of the type


class _Quizmaster:
    """Builds the questions of one quiz, taking turns over the concept types."""

    def __init__(self, kg: KnowledgeGraph, reference: Reference, rng: random.Random):
        self.kg = kg
        self.graph = kg.graph
        self.reference = reference
        self.vocabulary = reference.vocabulary
        self.rng = rng
        # How to ask each kind of question (KINDS) about a link; None when the graph has too few distractors.
        self.ask = {"target": self._target, "source": self._source, "relation": self._relation}

    def quiz(self, count: int, favour: tuple[int, ...]) -> list[Question]:
        """The questions; in a small graph where the first choices leave too few links, a few
        fresh draws (from the same seeded generator) are tried and the longest quiz kept."""
        best: list[Question] = []
        for _ in range(_ATTEMPTS):
            questions = self._attempt(count, favour)
            if len(questions) > len(best):
                best = questions
            if len(best) == count:
                break
        return best

    def _attempt(self, count: int, favour: tuple[int, ...]) -> list[Question]:
        links = self._links_to_try(favour)
        types = sorted(self.kg.types)
        self.rng.shuffle(types)  # the order in which types take their turn, among those asked about least
        kinds = list(KINDS)
        self.rng.shuffle(kinds)
        questions: list[Question] = []
        asked = dict.fromkeys(types, 0)  # questions whose link touches a concept of each type
        turn = 0
        while len(questions) < count and asked:
            kind_of_concept = min(asked, key=lambda t: (asked[t], types.index(t)))
            kind_order = kinds[turn % len(kinds) :] + kinds[: turn % len(kinds)]
            question = self._next(links, kind_of_concept, kind_order, questions)
            turn += 1
            if question is None:
                del asked[kind_of_concept]  # no more questions about this type fit
                continue
            questions.append(question)
            for touched in {self._type(question.evidence.source), self._type(question.evidence.target)}:
                if touched in asked:
                    asked[touched] += 1
        return questions

    def _links_to_try(self, favour: tuple[int, ...]) -> list[Link]:
        self.favour = set(favour)
        ids = self.kg.links.index.tolist()
        order = self.rng.sample(ids, min(len(ids), _MAX_TRIES))
        known = set(ids)
        first = [i for i in dict.fromkeys(favour) if i in known]
        chosen = set(first)
        # Only the ends and relation for now: a question's link is read in full (kg.link, 1 ms) once asked.
        rows = self.kg.links.loc[first + [i for i in order if i not in chosen], ["source", "relation", "target"]]
        return [
            Link(i, s, r, t)
            for i, s, r, t in zip(rows.index.tolist(), rows["source"], rows["relation"], rows["target"], strict=True)
        ]

    def _next(self, links: list[Link], kind_of_concept: str, kinds: list[str], asked: list[Question]) -> Question | None:
        """The first question on a link touching a concept of this type that gives no other away.

        Tried three times, each less strict: links whose concepts no other question names and
        whose groups no other question touches (a quiz spread over the graph); then only new
        concepts; then (in a small graph) any link, as long as no question's answer is named
        by another and no two ask about the same two concepts.
        """
        named = {c for q in asked for c in (q.evidence.source, q.evidence.target)}
        groups = {self._group(c) for c in named} - {""}
        # Favoured links (at the head of ``links``) are tried first, whatever the type's turn, at every level.
        favoured = [link for link in links if link.link_id in self.favour]
        tries = [(level, pool) for pool in (favoured, links) for level in ("apart", "new", "fair")]
        for level, pool in tries:
            for link in pool:
                ends = {link.source, link.target}
                if pool is links and kind_of_concept not in {self._type(c) for c in ends}:
                    continue
                if len(ends) < 2 or self._vague(link.relation):
                    continue
                if level != "fair" and named & ends:
                    continue
                if level == "apart" and groups & ({self._group(c) for c in ends} - {""}):
                    continue
                for kind in kinds:
                    question = self.ask[kind](link)
                    if question is not None and not any(_gives_away(question, other) for other in asked):
                        return question
        return None

    # One method per kind (see ``ask``), each given a link; None when the graph has too few distractors for it.

    def _target(self, link: Link) -> Question | None:
        supported = self.reference.supported_targets(link.source, link.relation, self._by_type[self._type(link.target)])
        prompt = f"Fill the gap: {link.source} {agree(link.relation, self.kg.is_plural(link.source))} …"
        return self._concept_question(prompt, link, link.source, link.target, supported, "target")

    def _source(self, link: Link) -> Question | None:
        supported = self.reference.supported_sources(link.relation, link.target, self._by_type[self._type(link.source)])
        prompt = f"Fill the gap: … {link.relation} {link.target}"
        return self._concept_question(prompt, link, link.target, link.source, supported, "source")

    def _relation(self, link: Link) -> Question | None:
        source, target = link.source, link.target
        family = self.vocabulary.family
        between = self.reference.links_between(source, target)
        taken = {family(link.relation)} | {family(other.relation) for other in between}
        taken |= {self.reference.backwards_family(other.relation) for other in between}
        words = _content_words(link.relation)
        ending = _ends_with_article(link.relation)
        usable = [
            r
            for r in self._relations
            if family(r) not in taken
            and not any(
                self.vocabulary.family_entails(family(r), t) or self.vocabulary.family_entails(t, family(r)) for t in taken
            )
            and not self._vague(r)
            and not words & _content_words(r)
            and not (self._categorising(link.relation) and self._categorising(r))
            and _ends_with_article(r) == ending
            and not self.reference.support(source, r, target, chains=True)
            and not self.reference.support(target, r, source, chains=True)
        ]
        # Least like the answer first: relations never used with a concept of either type.
        pair = {self._type(source), self._type(target)}
        apart = [r for r in usable if not pair & self._ends[r]]
        near = [r for r in usable if pair & self._ends[r]]
        distractors = self._draw([apart, near])
        if distractors is None:
            return None
        return self._arrange(f"Fill the gap: {source} … {target}", link.relation, distractors, link, source, "relation")

    # Helpers.

    def _concept_question(
        self, prompt: str, link: Link, focus: str, answer: str, supported: set[str], kind: str
    ) -> Question | None:
        """A question whose answer is a concept; the others have its type, no link to ``focus``, no support,
        and nothing arguable about them (see the module's docstring)."""
        if is_catch_all(answer) or is_catch_all(focus):
            # "… Other medical problems": every concept of its type is arguably one of them; and "… has the caveat
            # Other causes are possible" is arguably true of every symptom.
            return None
        if len(self._listed(link, focus, answer)) >= _LISTED:
            return None  # a relation said of a list of the answer's kind is read as said of the kind (module docstring)
        # Linked to the concept asked about, or to the answer: "Cocaine use can cause Nerve cell receptor problems,
        # which can reduce the brain's response to dopamine" makes Cocaine use arguable for "… can reduce" it too.
        linked = {focus, answer}
        for end in (focus, answer, *self.reference.categories(answer)):
            linked |= set(self.graph.successors(end)) | set(self.graph.predecessors(end))
        right = supported | {answer} | self._said_of_namesakes(link, focus)
        near_names = _NameParts([*right, focus])
        pool = [
            c
            for c in self._by_type[self._type(answer)]
            if c not in linked
            and c not in supported
            and not is_catch_all(c)
            and not self._arguable(c, right)
            and not near_names.overlap(c)
        ]
        if len(pool) < OPTIONS - 1:
            return None
        # Concepts two links away may be read as right by a thoughtful learner, so farther ones come first.
        near = set(nx.single_source_shortest_path_length(self.kg.undirected, focus, cutoff=2))
        far = [c for c in pool if c not in near]
        distractors = self.rng.sample(far, min(len(far), OPTIONS - 1))
        distractors += self.rng.sample([c for c in pool if c in near], OPTIONS - 1 - len(distractors))
        return self._arrange(prompt, answer, distractors, link, focus, kind)

    def _listed(self, link: Link, focus: str, answer: str) -> set[str]:
        """The concepts of ``answer``'s type that ``focus`` says ``link``'s relation of, the link's way round."""
        return {end for end in self._said(focus, link, outgoing=link.source == focus) if self._type(end) == self._type(answer)}

    def _said(self, concept: str, link: Link, outgoing: bool) -> set[str]:
        """The concepts ``concept`` is joined to by a relation of ``link``'s family, going out from it (``outgoing``) or in."""
        family = self.vocabulary.family(link.relation)
        if outgoing:
            ends = [(t, r) for _, t, r in self.graph.out_edges(concept, data="relation")]
        else:
            ends = [(s, r) for s, _, r in self.graph.in_edges(concept, data="relation")]
        return {end for end, relation in ends if self.vocabulary.family(relation) == family}

    def _said_of_namesakes(self, link: Link, focus: str) -> set[str]:
        """What the link's relation says of concepts named like ``focus`` and of its type, the other way from it.

        A learner may fairly take what is said of "Mental health professional" (it can assess Depression) to hold
        of a "Healthcare professional" too, or what a "Dopamine transporter deficiency" can cause to hold of a
        "Dopamine deficiency": such concepts are never wrong options.
        """
        words = {w for w in _words(focus) if len(w) > 3}
        namesakes = [c for c in self._by_type[self._type(focus)] if c != focus and words & set(_words(c))]
        return set().union(*(self._said(other, link, outgoing=link.source == focus) for other in namesakes))

    def _arrange(self, prompt: str, answer: str, distractors: list[str], link: Link, focus: str, kind: str) -> Question:
        options = [answer, *distractors]
        self.rng.shuffle(options)
        return Question(prompt, options, answer, self.kg.link(link.link_id), focus, kind)

    def _draw(self, tiers: list[list[str]]) -> list[str] | None:
        """Three relations at random, from the first tiers first, no two alike (in family or words)."""
        drawn: list[str] = []
        taken: set[str] = set()
        for tier in tiers:
            for relation in self.rng.sample(tier, len(tier)):
                marks = _content_words(relation) | {"family:" + self.vocabulary.family(relation)}
                marks |= {_CATEGORY} if self._categorising(relation) else set()
                if marks & taken:
                    continue
                drawn.append(relation)
                taken |= marks
                if len(drawn) == OPTIONS - 1:
                    return drawn
        return None

    def _arguable(self, concept: str, right: set[str]) -> bool:
        """Whether ``concept`` contains, or belongs to, one of the ``right`` concepts (through categories)."""
        return bool(right & (set(self.reference.categories(concept)) | self.reference.members(concept)))

    def _vague(self, relation: str) -> bool:
        """Says nothing definite: true of almost any two linked concepts (the vocabulary's ``linked`` hedge)."""
        return _VAGUE in _content_words(relation) or is_vague(relation, self.vocabulary)

    def _categorising(self, relation: str) -> bool:
        """Whether ``relation``, read either way, puts a concept in a group (the vocabulary's ``category`` mark):
        "is part of" is arguable where "is an example of" is the answer, and "includes" where "has as an example" is."""
        return self.vocabulary.family(relation).removesuffix(BACKWARDS) in self.vocabulary.category_families

    def _type(self, concept: str) -> str:
        return self.graph.nodes[concept]["type"]

    def _group(self, concept: str) -> str:
        return self.graph.nodes[concept].get("group", "") or ""

    @cached_property
    def _by_type(self) -> dict[str, list[str]]:
        """Each type's concepts, sorted (so that drawing from them does not depend on hash order)."""
        by_type: dict[str, list[str]] = {}
        for concept in sorted(self.graph.nodes):
            by_type.setdefault(self._type(concept), []).append(concept)
        return by_type

    @cached_property
    def _ends(self) -> dict[str, set[str]]:
        """For each relation, the types of the concepts it is used with (at either end)."""
        ends: dict[str, set[str]] = {}
        for source, target, relation in self.graph.edges(data="relation"):
            ends.setdefault(relation, set()).update((self._type(source), self._type(target)))
        return ends

    @cached_property
    def _relations(self) -> list[str]:
        return sorted(self._ends)


def _gives_away(one: Question, other: Question) -> bool:
    """Whether either question helps answer the other: same two concepts, same prompt, or one's answer in the other's prompt."""
    ends = {one.evidence.source, one.evidence.target}
    other_ends = {other.evidence.source, other.evidence.target}
    if ends == other_ends or one.prompt == other.prompt:
        return True
    if one.answer.casefold() == other.answer.casefold():
        return True  # two questions with one answer: the second is answered by the first
    if "relation" in (one.kind, other.kind) and ends & other_ends:
        return True  # "A … B" is answered by any question that reads A's or B's links aloud
    return _named_in(one, other) or _named_in(other, one)


def _named_in(question: Question, other: Question) -> bool:
    """Whether ``question``'s answer, a concept, is named in ``other``'s prompt (even inside a longer name)."""
    return question.kind != "relation" and question.answer.casefold() in other.prompt.casefold()


def _ends_with_article(relation: str) -> bool:
    """Whether a relation ends with "a", "an" or "the": only such relations read well before a bare noun.

    >>> _ends_with_article("acts as a"), _ends_with_article("is an example of")
    (True, False)
    """
    words = relation.casefold().split()
    return bool(words) and words[-1] in {"a", "an", "the"}


class _NameParts:
    """Names, to ask whether another name holds one of them, or is held by one, as whole words, plurals
    aside ("Dopamine" in "Dopamine transporters", "Memory" in "Reward memories"): a learner could take
    either for the other. Each name's runs of words are kept in a set, so asking costs the same
    however many names there are.

    >>> names = _NameParts(["Dopamine transporters", "Reward memories"])
    >>> names.overlap("Dopamine"), names.overlap("Memory"), names.overlap("Tremors"), names.overlap("Transporters of dopamine")
    (True, True, False, False)
    >>> _NameParts(["Dopamine"]).overlap("Dopamine-making brain areas")
    True
    """

    def __init__(self, names) -> None:
        self._whole = {_words(name) for name in names}
        self._runs = {run for words in self._whole for run in _runs(words)}

    def overlap(self, name: str) -> bool:
        words = _words(name)
        return words in self._runs or any(run in self._whole for run in _runs(words))


def _words(name: str) -> tuple[str, ...]:
    """A name's words in lower case, each roughly singular ("Reward memories" → ("reward", "memory"))."""
    return tuple(
        w[:-3] + "y"
        if len(w) > 4 and w.endswith("ies")
        else w[:-1]
        if len(w) > 3 and w.endswith("s") and not w.endswith("ss")
        else w
        for w in re.findall(r"\w+", name.casefold())
    )


def _runs(words: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Every run of consecutive words (at most 8 long: longer names are held whole only)."""
    return [words[i:j] for i in range(len(words)) for j in range(i + 1, min(len(words), i + 8) + 1)]


@lru_cache(maxsize=4096)
def _content_words(relation: str) -> frozenset[str]:
    """The words that carry a relation's meaning, roughly singular (what they mean together is the vocabulary's to say).

    >>> sorted(_content_words("are examples of")), sorted(_content_words("is a"))
    (['example'], ['~vague'])
    """
    found = re.findall(r"[\w']+", relation.casefold())
    words = {w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in found if w not in _STOP_WORDS}
    if not words:  # a bare "is" fits almost any pair
        return frozenset({_VAGUE})
    return frozenset(words)
