"""A link read as a sentence whose verb agrees with its subject: "SSRIs are examples of Antidepressants".

Relations are written for one subject ("Dopamine deficiency *can cause* Tremors", "Levodopa *is an
example of* Parkinson's medications"). When the subject is plural the relation is put in the plural
("Dopamine agonists *are examples of* …", "Antidepressants *require* …"); modal verbs stay as they are
("Parkinson's medications *can help manage* …").

Whether a concept is plural is read from its name's head noun with the inflection library ``inflect``
(:func:`is_plural`), or given by the ``number`` column of ``nodes.csv`` (``singular`` or ``plural``), which
wins when a name misleads. Every place that reads a link as a sentence (details, quiz, tours, keyboard
announcements, exports, score feedback) calls :func:`sentence` or :func:`agree`.
"""

from __future__ import annotations

import re
from functools import lru_cache

import inflect

__all__ = ["NUMBERS", "agree", "counted", "is_plural", "sentence"]

NUMBERS = ("singular", "plural")
"""The values a ``number`` cell of ``nodes.csv`` may hold (empty: decided from the name)."""

_ENGINE = inflect.engine()

# Words that end a noun phrase's head: what follows them describes it ("Lack *of* motivation", "Brain's
# response *to* dopamine", "Doing things *that* make you happy").
_AFTER_HEAD = frozenset(
    "of to in on at for from with without by about into onto over under after before during between among against "
    "through like as than that which who whose where when while because if".split()
)
# What may follow a gerund that opens a phrase ("Knowing *the* symptoms"): then the phrase names an activity.
_DETERMINERS = frozenset(
    "the a an your you yours their them his her its it our my this that these those some any more less enough all "
    "each every one out up down off".split()
)
_MODALS = frozenset("can cannot can't may might could couldn't will won't would wouldn't shall should shouldn't must".split())
_SINGULAR_BE = {"is": "are", "was": "were", "has": "have", "does": "do", "isn't": "aren't", "wasn't": "weren't"}
_SINGULAR_BE |= {"hasn't": "haven't", "doesn't": "don't"}
_ADVERBS = frozenset("also often sometimes usually always never rarely seldom still even only not then".split())
_ACRONYM_PLURAL = re.compile(r"[A-Z0-9][A-Z0-9-]*[A-Z0-9]s")
_WORDS = re.compile(r"[^\s,;:()\[\]/]+|[,;:()\[\]/]")


def sentence(source: str, relation: str, target: str, *, plural: bool | None = None, joiner: str = " ") -> str:
    """The link ``source relation target`` as a sentence whose relation agrees with ``source``.

    Parameters
    ----------
    source, relation, target : the link, as its file writes it.
    plural : whether ``source`` is plural; None decides from its name (:func:`is_plural`).
    joiner : what goes between the three parts: a space, or " → " where the parts are shown apart.

    Example
    -------
    >>> sentence("SSRIs", "is an example of", "Antidepressants")
    'SSRIs are examples of Antidepressants'
    >>> sentence("Stress", "is an example of", "Causes", joiner=" → ")
    'Stress → is an example of → Causes'
    """
    plural = is_plural(source) if plural is None else plural
    return joiner.join((source, agree(relation, plural), target))


def counted(number: int, noun: str) -> str:
    """``number`` and ``noun``, the noun plural unless the number is one: no "problem(s)" for a reader.

    Example
    -------
    >>> counted(1, "problem"), counted(2, "problem"), counted(0, "link"), counted(3, "learner")
    ('1 problem', '2 problems', '0 links', '3 learners')
    """
    return f"{number} {_ENGINE.plural_noun(noun, number)}"


def agree(relation: str, plural: bool) -> str:
    """``relation`` as said of a plural subject when ``plural`` (else as written).

    "is a symptom of" → "are symptoms of", "stops" → "stop", "has the caveat" → "have the caveat";
    a modal ("can cause", "may reduce") is unchanged, and so is anything not written for one subject.

    Example
    -------
    >>> agree("is a building block of", True), agree("requires", True), agree("can cause", True)
    ('are building blocks of', 'require', 'can cause')
    """
    if not plural:
        return relation
    return _plural_relation(relation)


def is_plural(name: str) -> bool:
    """Whether a concept's name is plural, judged by its head noun.

    The head is the last word before what describes it ("Lack *of* …", "Brain's response *to* …"):
    "Dopamine levels" and "SSRIs" are plural; "Restless legs syndrome", "Parkinson's disease", "Stress",
    "Diagnosis", "Diabetes" and "Mucuna pruriens" are not. A name joining two things with "and" is plural,
    and one that names an activity ("Doing things that make you happy", "Knowing the symptoms") is not.
    Where this misjudges a name, the ``number`` column of ``nodes.csv`` says it.

    Example
    -------
    >>> is_plural("Dopamine agonists"), is_plural("Restless legs syndrome"), is_plural("Avoiding social situations")
    (True, False, False)
    """
    return _is_plural(" ".join(str(name).split()))


@lru_cache(maxsize=65_536)
def _is_plural(name: str) -> bool:
    words = _WORDS.findall(name)
    head: list[str] = []
    for word in words:
        if not word[0].isalnum() or (head and word.casefold() in _AFTER_HEAD):
            break
        head.append(word)
    if not head:
        return False
    lowered = [word.casefold() for word in head]
    if "and" in lowered[1:-1] or "&" in lowered[1:-1]:
        return True
    if _names_an_activity(lowered, len(words)):
        return False
    return _plural_word(head[-1])


def _names_an_activity(head: list[str], length: int) -> bool:
    """A phrase opened by a gerund with its object: "Finding the underlying cause", "Avoiding social situations".
    Two words alone ("Eating disorders", "Building blocks") are read as a noun with a describing word, and so is
    a name opened by a hyphenated compound ("Dopamine-making brain areas": the areas make dopamine)."""
    first = head[0]
    if len(head) < 2 or not first.endswith("ing") or len(first) < 5 or first.endswith("thing") or "-" in first:
        return False
    return head[1] in _DETERMINERS or length > 2


def _plural_word(word: str) -> bool:
    if _ACRONYM_PLURAL.fullmatch(word):  # SSRIs, NSAIDs
        return True
    lowered = word.casefold()
    # A possessive ("Parkinson's"), a Greek or Latin singular (diagnosis, arthritis, virus, Mucuna pruriens),
    # which inflect would cut to "diagnosi", "viru", "prurien".
    if lowered.endswith(("'s", "\u2019s", "sis", "itis", "us", "iens")):
        return False
    singular = _ENGINE.singular_noun(word)
    # False: not a plural; the word itself: the same in both (species, diabetes), read as one thing.
    return bool(singular) and str(singular).casefold() != lowered


@lru_cache(maxsize=4096)
def _plural_relation(relation: str) -> str:
    words = relation.split(" ")
    at = 0
    while at < len(words) - 1 and (words[at].casefold() in _ADVERBS or words[at].casefold().endswith("ly")):
        at += 1
    verb = words[at]
    lowered = verb.casefold()
    if not lowered or lowered in _MODALS:
        return relation
    if lowered in _SINGULAR_BE:
        rest = words[at + 1 :]
        if lowered == "is" and len(rest) > 1 and rest[0].casefold() in ("a", "an"):
            rest = _plural_complement(rest)
        return " ".join(words[:at] + [_same_case(verb, _SINGULAR_BE[lowered])] + rest)
    if lowered.endswith("s") and not lowered.endswith(("ss", "us", "is")):
        plain = _ENGINE.plural_verb(verb)
        return " ".join(words[:at] + [_same_case(verb, plain)] + words[at + 1 :])
    return relation


def _plural_complement(words: list[str]) -> list[str]:
    """The words after "is" said of many: "a symptom of" → "symptoms of", "a building block of" → "building
    blocks of" (the article goes and the noun before what follows it takes the plural)."""
    end = next((i for i, word in enumerate(words) if i and word.casefold() in _AFTER_HEAD), len(words))
    if end < 2:
        return words
    return words[1 : end - 1] + [_ENGINE.plural_noun(words[end - 1])] + words[end:]


def _same_case(original: str, word: str) -> str:
    return word[:1].upper() + word[1:] if original[:1].isupper() else word
