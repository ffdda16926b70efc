"""Draft a concept map from a text: the teacher's reading, turned into links to accept, edit or reject.

A draft proposes links of three kinds, each with its **evidence** (the sentence, or the list's
introduction and item, it was read from) and the **section** (the heading above it):

- a sentence's relation phrase between two concepts ("Dopamine transporters play a role in memory,
  motivation and learning" gives three links): the phrases are the relation vocabulary's names,
  synonyms and inverses (``data/relations.csv``), and the relation chosen keeps the sentence's hedge
  ("could help increase": *may help raise*);
- a "such as", "like" or "including" list: each item *is an example of* the group before it;
- a list under a heading or under a line that introduces it ("Symptoms include:"): each item linked
  to the concept the heading or the line is about, by the kind the line names (symptoms: *can cause*;
  causes; treatments; types and examples).

Nothing is downloaded or run: concepts are noun phrases found with ``lemminflect``'s word lists
(shipped in its package), sentences split by ``segtok``, and the key phrases listed beside the links
come from ``yake``. A text is only ever read: a name in the draft is plain text, never a link.

The draft is deliberately cautious: a sentence whose subject cannot be told (a relative clause, an
unclear "it") gives no link, since a teacher can add a missing link faster than find a wrong one.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
from lemminflect import getAllLemmas
from segtok.segmenter import split_single

from graph.core.problems import Problem, ValidationError
from graph.core.relations import ARTICLE_RELATIONS, HEDGES, Vocabulary
from graph.files.documents import MAX_DOCUMENT_BYTES, docx_text, is_docx
from graph.files.export import safe_csv
from graph.files.load import EDGE_COLUMNS
from graph.files.vocabulary import load_vocabulary

__all__ = [
    "DEFAULT_TYPE",
    "MAX_TEXT_BYTES",
    "TEXT_SUFFIXES",
    "check_size",
    "Draft",
    "DraftLink",
    "draft_file",
    "draft_text",
    "read_text",
]

MAX_TEXT_BYTES = 1_000_000
"""The longest text drafted (about 170,000 words, a long book's worth of chapters; a draft of it takes about a minute)."""
TEXT_SUFFIXES = ("txt", "md", "html", "htm", "docx")
"""What a draft reads: plain text, Markdown, a web page saved as HTML and a Word document (their text only)."""
_MODAL_HEDGES = frozenset({"can", "may", "thought"})
"""Hedges that weaken a claim (a relation "is linked to" is vague by what it says, not weakened)."""
DEFAULT_TYPE = "concept"
"""The type of a drafted concept whose kind the text does not name."""
_MAX_EVIDENCE = 600
_MAX_NAME = 8
"""The most words a concept's name has; a longer run of nouns is not read as one (and reading stays linear)."""
_MAX_LIST = 50
"""The most items read from one list in a sentence."""
_MAX_GAP = 8
"""The most auxiliaries, adverbs and hedges read between a subject and its relation phrase."""

# --- words -------------------------------------------------------------------------------------

_DETERMINERS = frozenset(
    "a an the this that these those your my our their his her its some certain many several various "
    "both all any each every most much more such another other own one".split()
)
_PRONOUNS = frozenset("it they this these that those he she we i you them him her us me which who whom what there here".split())
_ANAPHORS = frozenset({"it", "they", "this", "these"})
_CLAUSE_START = frozenset("and but or if when while as because although though since so whereas then also first finally".split())
_SKIP = frozenset(
    "be is are was were been being am a an the also very much really actually often usually just still even".split()
)
_HEDGE = {"can": "can", "may": "may", "might": "may", "could": "may", "thought": "thought", "believed": "thought"}
_NEGATIONS = frozenset({"not", "no", "never", "cannot", "n't"})
_FUNCTION = frozenset(
    "a an the this that these those and or but nor if then than when while as because although though since so "
    "to of in on at by for with from into onto about over under between among through during before after without "
    "within against along across around up down out off not no never is are was were be been being am do does did "
    "have has had can could may might must shall should will would it its they them their he she him her his we us "
    "our i me my you your which who whom whose what where why how there here very also too just still even only "
    "more most much many some any each every all both either neither such like including include includes etc "
    "other others another one ones something anything everything nothing someone thing things way ways".split()
)
_VAGUE = frozenset(
    "thing things something anything everything way ways lot lots number kind kinds type types one ones more others "
    "stuff part parts bit variety range group".split()
)
_CLASS_NOUNS = frozenset(
    "condition disease disorder illness syndrome drug medication medicine substance process chemical hormone "
    "neurotransmitter problem treatment therapy organ cell compound molecule element method technique".split()
)
_STRIP_ADJECTIVES = frozenset("common main usual typical possible key early other physical psychological general".split())
# A list's introduction names what its items are: the relation between each item and what the list is about.
# (kind word, relation, the item is the link's source, the item's type)
_KINDS = {
    "symptom": ("can cause", False, "symptom"),
    "sign": ("can cause", False, "symptom"),
    "effect": ("can cause", False, "symptom"),
    "cause": ("can cause", True, "cause"),
    "treatment": ("treats", True, "treatment"),
    "therapy": ("treats", True, "treatment"),
    "remedy": ("treats", True, "treatment"),
    "type": ("is an example of", True, ""),
    "kind": ("is an example of", True, ""),
    "example": ("is an example of", True, ""),
    "form": ("is an example of", True, ""),
    "part": ("is part of", True, ""),
    "component": ("is part of", True, ""),
    "ingredient": ("is part of", True, ""),
}
_EXAMPLE_MARKERS = (("such", "as"), ("for", "example"), ("e.g",), ("including",), ("like",))
_CONTRACTIONS = {
    "n't": ["not"],
    "'s": ["is"],
    "'re": ["are"],
    "'ve": ["have"],
    "'ll": ["will"],
    "'d": ["would"],
    "'m": ["am"],
}
_SPECIAL_NEGATIVE = {"can't": ["can", "not"], "cannot": ["can", "not"], "won't": ["will", "not"], "isn't": ["is", "not"]}
_SUBORDINATORS = frozenset("if when while as although though because since after before once unless whereas".split())
_AUXILIARIES = frozenset("will would can could may might must should shall is are was were has have had do does did".split())
_TOKEN = re.compile(r"\w+(?:['\-]\w+|\.(?=[a-z0-9])\w+)*|[^\w\s]")
_BULLET = re.compile(r"^\s*(?:[-*+•·‣▪◦●]|\d{1,3}[.)])\s+(.*\S)\s*$")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)[\s#]*$")
_RULE = re.compile(r"^\s*([-=*_])\1{2,}\s*$")


@lru_cache(maxsize=20_000)
def _lemmas(word: str) -> dict:
    return getAllLemmas(word)


@lru_cache(maxsize=20_000)
def _lemma(word: str) -> str:
    """A word's dictionary form, a verb's first ("plays": play, "led": lead), for matching relation phrases."""
    found = _lemmas(word)
    for pos in ("AUX", "VERB", "NOUN", "ADJ"):
        if pos in found:
            return found[pos][0]
    return word


@lru_cache(maxsize=20_000)
def _noun_key(word: str) -> str:
    """The word a concept's name is compared by: a noun's singular ("levels": level)."""
    found = _lemmas(word)
    return found["NOUN"][0] if "NOUN" in found else word


@lru_cache(maxsize=20_000)
def _nounish(word: str) -> bool:
    """Whether a word can be part of a concept's name: a noun, an adjective, a number or a word no list knows (a name)."""
    if word in _FUNCTION or not any(c.isalnum() for c in word):
        return False
    found = _lemmas(word)
    return not found or bool({"NOUN", "PROPN", "ADJ", "NUM"} & set(found))


def _noun_only(word: str) -> bool:
    return set(_lemmas(word)) <= {"NOUN", "PROPN"}


def _plural(word: str) -> bool:
    found = _lemmas(word)
    return "NOUN" in found and found["NOUN"][0] != word and word.endswith("s")


# --- what the draft is -------------------------------------------------------------------------


@dataclass(frozen=True)
class DraftLink:
    """One proposed link, with where it was read: ``evidence`` is the text's own sentence (or list line)."""

    source: str
    source_type: str
    relation: str
    target: str
    target_type: str
    section: str
    evidence: str
    rule: str
    """How it was found: "relation phrase", "example list" or "list"."""


@dataclass(frozen=True)
class Draft:
    """The links proposed from a text, and its key phrases (candidate concepts no link uses yet)."""

    links: tuple[DraftLink, ...]
    key_phrases: tuple[str, ...] = ()
    sentences: int = 0

    @property
    def concepts(self) -> list[str]:
        """The concepts the links name, most linked first."""
        counts = Counter(name for link in self.links for name in (link.source, link.target))
        return [name for name, _ in counts.most_common()]

    def table(self) -> pd.DataFrame:
        """The links in the links CSV's columns (``explanation`` holds the evidence, ``sources`` is empty)."""
        rows = [
            [link.source, link.source_type, link.relation, link.target, link.target_type, link.section, link.evidence, ""]
            for link in self.links
        ]
        return pd.DataFrame(rows, columns=list(EDGE_COLUMNS), dtype=object)

    def to_csv(self) -> bytes:
        """The links CSV, guarded as the export is, which ``python -m graph check`` and the uploader read."""
        return safe_csv(self.table())


# --- reading a text ----------------------------------------------------------------------------


def read_text(data: bytes, name: str = "text") -> str:
    """The text of an uploaded or pasted file, or :class:`ValidationError` saying why there is none.

    Refused: an empty text, a binary file (an old Word document, a PDF, a picture), one over
    :data:`MAX_TEXT_BYTES`. UTF-8 is read, else Windows' Western encoding. A Word document (.docx) is
    read for its text (:func:`graph.files.documents.docx_text`).

    Example
    -------
    >>> read_text("Café ’au lait’".encode())
    "Café 'au lait'"
    """
    check_size(len(data), name)
    if name.lower().endswith(".docx") or is_docx(data):
        data = docx_text(data, name).encode("utf-8")
        _check_text_size(len(data), name)
    if not data.strip():
        raise _refuse(name, "the text is empty; paste or upload a text of a few sentences (a .txt or .md file).")
    if data.startswith((b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0", b"{\\rtf")) or b"\x00" in data:
        raise _refuse(
            name,
            "this is not plain text (an old Word document (.doc), a PDF, a picture or another binary file). "
            "Save it as a Word document (.docx) or as plain text (.txt) first.",
        )
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise _refuse(name, "this is not text in a known encoding; save it as plain text (UTF-8) first.")
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\n\r\t\f")
    if controls > max(3, len(text) // 100):
        raise _refuse(name, "this is not plain text (it is full of control characters); save it as plain text (.txt) first.")
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    if name.lower().endswith((".html", ".htm")) or re.match(r"\s*<(!doctype html|html)\b", text[:200], re.IGNORECASE):
        text = _html_text(text)
    return text.translate({0x2019: "'", 0x2018: "'", 0x201C: '"', 0x201D: '"', 0xA0: " "})


class _PageText(HTMLParser):
    """A web page's text as Markdown: headings as "#" lines, list items as "-" lines, paragraphs apart.
    Scripts, styles and the like are skipped; nothing in the page is run or followed."""

    _BLOCKS = frozenset("p div section article header footer main aside blockquote br tr table ul ol dl dd dt figure".split())
    _SKIPPED = frozenset("script style noscript template svg head nav button select textarea iframe object".split())

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs) -> None:
        if tag in self._SKIPPED:
            self.skipping += 1
        elif re.fullmatch(r"h[1-6]", tag):
            self.out.append("\n\n" + "#" * int(tag[1]) + " ")
        elif tag == "li":
            self.out.append("\n- ")
        elif tag in self._BLOCKS:
            self.out.append("\n\n")

    def handle_endtag(self, tag) -> None:
        if tag in self._SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif re.fullmatch(r"h[1-6]", tag) or tag in self._BLOCKS:
            self.out.append("\n")

    def handle_data(self, data) -> None:
        if not self.skipping:
            self.out.append(re.sub(r"\s+", " ", data))


def _html_text(page: str) -> str:
    parser = _PageText()
    parser.feed(page)
    parser.close()
    lines = (re.sub(" {2,}", " ", line).strip() for line in "".join(parser.out).split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def check_size(size: int, name: str = "text") -> None:
    """Refuse a text of ``size`` bytes over :data:`MAX_TEXT_BYTES` (before it is read, where the size is known first);
    a Word document's file may be bigger (its pictures), up to :data:`~graph.files.documents.MAX_DOCUMENT_BYTES`."""
    if name.lower().endswith(".docx") and size <= MAX_DOCUMENT_BYTES:
        return
    _check_text_size(size, name)


def _check_text_size(size: int, name: str) -> None:
    if size > MAX_TEXT_BYTES:
        raise _refuse(
            name,
            f"the text is {size / 1e6:,.1f} MB; a draft is made from up to {MAX_TEXT_BYTES / 1e6:g} MB of text "
            "(about 170,000 words). Draft it a chapter at a time.",
        )


def _refuse(name: str, message: str) -> ValidationError:
    return ValidationError([Problem(name, None, None, message)])


def draft_text(text: str, name: str = "text", vocabulary: Vocabulary | None = None) -> Draft:
    """Propose the links of a concept map from ``text`` (plain text or Markdown).

    Parameters
    ----------
    text : the text, as :func:`read_text` gives it.
    name : what to call it in a message (a file's name).
    vocabulary : the relations to look for; the article's (``data/relations.csv``) by default.

    Returns
    -------
    Draft
        Possibly with no links (the text states no relation the vocabulary knows).

    Raises
    ------
    ValidationError
        When the text has no sentences at all (only numbers, symbols or single words).

    Example
    -------
    >>> draft = draft_text("Tremors\\n\\nDopamine transporters play a role in memory and learning.")
    >>> [(link.source, link.relation, link.target) for link in draft.links]
    [('Dopamine transporters', 'plays a role in', 'Memory'), ('Dopamine transporters', 'plays a role in', 'Learning')]
    """
    reader = _Reader(vocabulary or _article_vocabulary())
    reader.read(text)
    if reader.sentences == 0:
        raise _refuse(
            name,
            "no sentences found: a draft is read from sentences (a subject, a verb, an object) or from lists under "
            "headings, and this text has neither. Paste the text of a chapter or an article.",
        )
    prose = "\n\n".join(reader.prose)  # key phrases from sentences: not from headings, bylines or references
    return Draft(tuple(reader.links()), tuple(_key_phrases(prose, reader.concept_keys())), reader.sentences)


@lru_cache(maxsize=1)
def _article_vocabulary() -> Vocabulary:
    return load_vocabulary(ARTICLE_RELATIONS)


def _key_phrases(text: str, known: set[str], top: int = 20) -> list[str]:
    """yake's key phrases of the text that no drafted link names yet: concepts the teacher may want."""
    import yake

    try:
        found = yake.KeywordExtractor(lan="en", n=3, top=top * 2).extract_keywords(text[:200_000])
    except (ValueError, ZeroDivisionError, IndexError):  # yake on a text of a few words
        return []
    phrases = []
    for phrase, _ in found:
        words = phrase.split()
        key = _key(words)
        if any(f" {key} " in f" {other} " for other in known):
            continue  # "levels", when "Dopamine levels" is a concept already
        if not all(_nounish(w.lower()) or w.lower() == "of" for w in words) or not _noun_only(words[-1].lower()):
            continue  # "noticed a lack", "diet rich", "thought": not a concept's name
        if len(words) == 1 and _noun_key(words[0].lower()) in _KINDS:
            continue
        known.add(key)
        phrases.append(_sentence_case(words))
    return phrases[:top]


def _key(words: Iterable[str]) -> str:
    return " ".join(_noun_key(w.lower()) for w in words)


def _sentence_case(words: list[str], proper: frozenset[str] = frozenset()) -> str:
    out = []
    for i, word in enumerate(words):
        keep = word.isupper() or any(c.isupper() for c in word[1:]) or word.lower() in proper
        out.append(word if keep or i == 0 else word.lower())
    name = " ".join(out)
    return name[:1].upper() + name[1:]


# --- the reader ----------------------------------------------------------------------------------


@dataclass
class _Token:
    text: str
    lower: str
    lemma: str


@dataclass
class _Found:
    source: str
    relation: str
    target: str
    section: str
    evidence: str
    rule: str
    source_type: str = ""
    target_type: str = ""


class _Reader:
    """Walks a text's headings, paragraphs and lists once, collecting links."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self.hedges = {r.name: r.hedge for r in vocabulary}
        self.families = {r.name: r.family for r in vocabulary}
        self.phrases: dict[tuple[str, ...], list[tuple[str, bool]]] = {}
        for relation in vocabulary:
            for phrase in (relation.name, relation.family, *relation.synonyms):
                self._add_phrase(phrase, relation.name, False)
            if relation.inverse != relation.name:
                self._add_phrase(relation.inverse, relation.name, True)
        self.first_words: dict[str, list[tuple[str, ...]]] = {}
        for key in sorted(self.phrases, key=len, reverse=True):
            self.first_words.setdefault(key[0], []).append(key)
        self.found: list[_Found] = []
        self.names: dict[str, str] = {}
        self.sentences = 0
        self.title_concept: str | None = None
        self.section = ""
        self.section_concept: str | None = None
        self.section_kind: str | None = None
        self.owners: dict[str, str] = {}
        self.topic: str | None = None
        self.last_mention: str | None = None
        self.proper: frozenset[str] = frozenset()
        self.prose: list[str] = []
        self.list_end = 0
        self.members: dict[str, list[str]] = {}
        """Each class the text said something "is a" (by its key), and what it said is one."""
        self.list_owner: dict[int, list[str]] = {}

    def _add_phrase(self, phrase: str, relation: str, backwards: bool) -> None:
        words = [token.lemma for token in _tokens(phrase.lower())]  # "cannot" as a sentence's tokens: can, not
        words = [w for w in words if w not in _SKIP and w not in _HEDGE and w not in ("thought", "think", "believe")]
        while words and words[0] == "to":
            words = words[1:]
        key = tuple(words)
        # A phrase needs a word of its own: "is in" or "is a" alone would match nearly every sentence.
        if not key or all(w in _FUNCTION for w in key):
            return
        # "a building block for", as "of": the same relation with the other common preposition.
        keys = [key, key[:-1] + ("for",)] if len(key) > 1 and key[-1] == "of" else [key]
        for each in keys:
            entry = self.phrases.setdefault(each, [])
            if (relation, backwards) not in entry:
                entry.append((relation, backwards))

    # -- structure --

    def read(self, text: str) -> None:
        blocks = _blocks(text)
        self.proper = _proper_words(" ".join(body for kind, body in blocks if kind != "heading"))
        list_context: tuple[str | None, str | None, str | None] | None = None  # (kind, owner, intro)
        for kind, body in blocks:
            if kind == "heading":
                self._heading(body)
                list_context = ("heading", None, body)
            elif kind == "item":
                self._item(body, list_context)
            else:
                if body.rstrip().endswith(":"):
                    list_context = self._intro(body)
                else:
                    list_context = None
                self._paragraph(body)

    def _heading(self, text: str) -> None:
        self.section = text.strip()
        concept, kind = self._heading_concept(self.section)
        if self.title_concept is None and concept:
            self.title_concept = concept
        self.section_concept, self.section_kind = concept, kind
        self.owners = {}
        self.topic = concept

    def _heading_concept(self, heading: str) -> tuple[str | None, str | None]:
        text = heading.strip().rstrip("?.!").strip()
        kind = None
        words = [w for w in _words(text) if w not in (",", "&")]
        lowered = [w.lower() for w in words]
        for word in lowered:
            if _noun_key(word) in _KINDS:
                kind = _noun_key(word)
                break
        if ":" in words:
            cut = words.index(":")
            words, lowered = words[:cut], lowered[:cut]
        # "What is X", "How to treat X", "Causes of X": the concept is X.
        while lowered and (lowered[0] in ("what", "why", "how", "when", "who", "which", "is", "are", "do", "does", "to", "can")):
            words, lowered = words[1:], lowered[1:]
        if len(lowered) > 2 and _noun_key(lowered[0]) in _KINDS and lowered[1] in ("of", "for"):
            kind = _noun_key(lowered[0])
            words, lowered = words[2:], lowered[2:]
        if lowered and "VERB" in _lemmas(lowered[0]) and "NOUN" not in _lemmas(lowered[0]) or lowered[:1] == ["treat"]:
            words, lowered = words[1:], lowered[1:]
        if not words or len(words) > 6 or not all(_nounish(w) or w == "of" for w in lowered) or lowered[-1] == "of":
            return None, kind
        if _noun_key(lowered[-1]) in _KINDS or lowered[0] in _DETERMINERS:
            return None, kind
        return self._concept(words), kind

    def _intro(self, text: str) -> tuple[str | None, str | None, str | None]:
        tokens = _tokens(text.rstrip().rstrip(":"))
        for i, token in enumerate(tokens):
            kind = _noun_key(token.lower)
            if kind in _KINDS and "NOUN" in _lemmas(token.lower):
                owner = None
                if i + 2 < len(tokens) and tokens[i + 1].lower in ("of", "for"):
                    owner = self._np_forward(tokens, i + 2)[0]
                if owner is None:
                    before = _np_back(tokens, i)
                    words = [t.text for t in tokens[before:i] if t.lower not in _DETERMINERS]
                    while words and (words[0].lower() in _STRIP_ADJECTIVES or set(_lemmas(words[0].lower())) == {"ADJ"}):
                        words = words[1:]
                    owner = self._concept(words) if words else None
                owner = owner or self.owners.get(kind) or self.section_concept or self.title_concept
                if owner:
                    self.owners[kind] = owner
                return (kind, owner, text)
        return (None, None, text)

    def _item(self, text: str, context) -> None:
        cut = re.split(r",|\(|\s[-–—]\s|:|;", text, maxsplit=1)[0].strip().rstrip(".")
        words = _words(cut)
        is_name = 0 < len(words) <= 6 and all(_nounish(w.lower()) or w.lower() in ("of", "and", "in") for w in words)
        if not is_name or context is None:
            self._paragraph(text)
            return
        self.sentences += 1
        item = self._concept([w for w in words if w.lower() not in _DETERMINERS] or words)
        kind, owner, intro = context
        if kind == "heading":  # a list right under a heading: about the heading's concept
            kind, owner = self.section_kind, self.section_concept or self.title_concept
            relation, item_is_source, item_type = _KINDS.get(kind or "part", _KINDS["part"])
        elif kind is None or owner is None:
            return
        else:
            relation, item_is_source, item_type = _KINDS[kind]
            if relation == "can cause" and re.search(r"\b(may|might|could)\b", intro or "", re.IGNORECASE):
                relation = "may cause"
        if owner is None or relation not in self.hedges and self.hedges:
            return
        intro = (intro or "").strip()
        evidence = f"{intro}{'' if intro.endswith(':') or not intro else ':'} {text.strip()}".strip()
        source, target = (item, owner) if item_is_source else (owner, item)
        found = _Found(source, relation, target, self.section, evidence, "list")
        if item_type:
            if item_is_source:
                found.source_type = item_type
            else:
                found.target_type = item_type
        self.found.append(found)

    def _paragraph(self, text: str) -> None:
        # "and more.Research suggests": a full stop with no space after it still ends a sentence.
        text = re.sub(r"(?<=[a-z])\.(?=[A-Z][a-z])", ". ", " ".join(text.split()))
        for sentence in split_single(text):
            tokens = _tokens(sentence)
            if sum(1 for t in tokens if t.text[0].isalpha()) >= 3:
                self.sentences += 1
                if len(tokens) >= 8:
                    self.prose.append(sentence)
                self._sentence(sentence, tokens)

    # -- one sentence --

    def _sentence(self, sentence: str, tokens: list[_Token]) -> None:
        tokens = self._parentheticals(sentence, tokens)
        self.list_owner = {}
        example_items = self._example_lists(sentence, tokens)
        self._kind_mentions(tokens)
        inner = self._subordinate_subject(tokens)
        subject_of_sentence = None
        position = 0
        while position < len(tokens):
            match = self._match(tokens, position)
            if match is None:
                position += 1
                continue
            start, end, candidates = match
            position = end
            if self._negated(tokens, start):
                continue
            subjects = self._subjects(tokens, start, inner)
            objects = self._objects(tokens, end, example_items)
            if not subjects or not objects:
                continue
            said = " ".join(t.lower for t in tokens[start:end] if t.lower not in _SKIP and t.lower not in _HEDGE)
            relation, backwards = self._choose(candidates, self._hedge(tokens, start, sentence), said)
            for subject in subjects:
                for obj in objects:
                    source, target = (obj, subject) if backwards else (subject, obj)
                    self.found.append(_Found(source, relation, target, self.section, sentence, "relation phrase"))
            subject_of_sentence = subject_of_sentence or subjects[0]
        if subject_of_sentence is None:
            subject_of_sentence = self._copula(sentence, tokens, inner)
        if subject_of_sentence is None:
            subject_of_sentence, keep = self._leading_subject(tokens)
            if subject_of_sentence is None and not keep:
                self.topic = None  # "Those who do cocaine …": whatever "it" meant before, it is no longer clear
        if subject_of_sentence is not None:
            self.topic = subject_of_sentence
        mentions = [t for t in tokens if _nounish(t.lower)]
        if mentions:
            end = max(i for i, t in enumerate(tokens) if _nounish(t.lower))
            self.last_mention = self._concept([t.text for t in tokens[_np_back(tokens, end + 1) : end + 1]])

    def _parentheticals(self, sentence: str, tokens: list[_Token]) -> list[_Token]:
        """Reads "(like A and B)" and "(SSRI)", and returns the tokens without any parentheses."""
        kept: list[_Token] = []
        i = 0
        while i < len(tokens):
            if tokens[i].text != "(":
                kept.append(tokens[i])
                i += 1
                continue
            close = next((j for j in range(i + 1, min(len(tokens), i + 200)) if tokens[j].text == ")"), None)
            if close is None:
                i += 1
                continue
            inner = tokens[i + 1 : close]
            marker = _marker_at(inner, 0)
            if marker:
                owner = self._owner_before(kept, len(kept))
                items = self._np_list(inner, marker)
                if owner and not owner[1]:
                    for item in items:
                        self._example(item, owner[0], sentence)
            i = close + 1
        return kept

    def _example_lists(self, sentence: str, tokens: list[_Token]) -> dict[int, list[str]]:
        """Reads "Xs such as A, B and C": each item is an example of X. Returns, by the position where X
        ends, the items, so that a relation whose object is a vague X ("many other diagnoses") reaches them."""
        reached: dict[int, list[str]] = {}
        for i in range(1, len(tokens)):
            length = _marker_at(tokens, i)
            if not length:
                continue
            if tokens[i].lower == "like" and not (
                tokens[i - 1].text == "," or _nounish(tokens[i - 1].lower) and _plural(tokens[i - 1].lower)
            ):
                continue
            owner = self._owner_before(tokens, i)
            items = self._np_list(tokens, i + length)
            if not owner or not items:
                continue
            name, vague, owner_end = owner
            if not vague:
                for item in items:
                    self._example(item, name, sentence)
                # "Fresh fruits such as oranges and kiwis provide …": the fruits provide, and so each of them.
                self.list_owner[self.list_end] = [name, *items]
            reached[owner_end] = items
        return reached

    def _example(self, item: str, owner: str, sentence: str) -> None:
        if _key(item.split()) != _key(owner.split()):
            self.found.append(_Found(item, "is an example of", owner, self.section, sentence, "example list"))

    def _owner_before(self, tokens: list[_Token], end: int) -> tuple[str, bool, int] | None:
        """The group a list's items are examples of: the nearest plural noun phrase before ``end``, else the nearest."""
        nearest = None
        j = end
        while j > max(0, end - 3) and tokens[j - 1].text == ",":
            j -= 1
        limit = max(0, end - 12)
        while j > limit:
            if _nounish(tokens[j - 1].lower):
                start = _np_back(tokens, j)
                words = [t for t in tokens[start:j]]
                vague = start > 0 and tokens[start - 1].lower in ("other", "many", "several", "various", "different")
                vague = vague or any(t.lower == "other" for t in words) or _noun_key(words[-1].lower) in _VAGUE
                names = [t.text for t in words if t.lower not in _DETERMINERS]
                if names:
                    candidate = (self._concept(names), vague, j)
                    if nearest is None:
                        nearest = candidate
                    if _plural(words[-1].lower):
                        return candidate
                j = start
            else:
                if tokens[j - 1].text in (".", ";", ":") or tokens[j - 1].lower in ("that", "which", "who"):
                    break
                j -= 1
        return nearest

    def _np_list(self, tokens: list[_Token], start: int) -> list[str]:
        items: list[str] = []
        i = start
        while i < len(tokens):
            if items and tokens[i].lower in ("a", "an") or len(items) >= _MAX_LIST:
                break  # "such as sertraline, or a …": an alternative to the group, not one more example
            name, i2 = self._np_forward(tokens, i)
            if name is None:
                break
            items.append(name)
            i = self.list_end = i2
            if i < len(tokens) and tokens[i].text == ",":
                i += 1
            if i < len(tokens) and tokens[i].lower in ("and", "or"):
                i += 1
            elif i >= len(tokens) or tokens[i - 1].text != ",":
                break
        return [item for item in items if _noun_key(item.split()[-1].lower()) not in _VAGUE]

    def _np_forward(self, tokens: list[_Token], start: int) -> tuple[str | None, int]:
        i = start
        while i < len(tokens) and tokens[i].lower in _DETERMINERS and i - start < _MAX_GAP:
            i += 1
        begin = i
        while i < min(len(tokens), begin + _MAX_NAME) and (
            _nounish(tokens[i].lower)
            or tokens[i].lower == "of"
            and i + 1 < len(tokens)
            and _nounish(tokens[i + 1].lower)
            and i > begin
        ):
            i += 1
        if i == begin or i == begin + _MAX_NAME and i < len(tokens) and _nounish(tokens[i].lower):
            return None, start  # nothing, or a run of nouns too long to be one name
        words = [t.text for t in tokens[begin:i]]
        if i < len(tokens) and tokens[i].lower in ("one", "ones"):
            return None, start
        # "making you …": a verb's -ing form followed by its object is an action, not a concept.
        if len(words) == 1 and words[0].lower().endswith("ing") and i < len(tokens) and tokens[i].lower in _PRONOUNS:
            return None, start
        return self._concept(words), i

    def _kind_mentions(self, tokens: list[_Token]) -> None:
        """Remembers "symptoms of X" and "X symptoms", for a later list of symptoms that does not say whose."""
        for i, token in enumerate(tokens):
            kind = _noun_key(token.lower)
            if kind not in _KINDS or kind in ("type", "kind", "form", "part"):
                continue
            owner = None
            if i + 2 < len(tokens) and tokens[i + 1].lower in ("of", "for"):
                owner = self._np_forward(tokens, i + 2)[0]
            elif i > 0 and _nounish(tokens[i - 1].lower):
                start = _np_back(tokens, i)
                words = [t.text for t in tokens[start:i] if t.lower not in _DETERMINERS]
                while words and (words[0].lower() in _STRIP_ADJECTIVES or set(_lemmas(words[0].lower())) == {"ADJ"}):
                    words = words[1:]
                owner = self._concept(words) if words else None
            if owner and _noun_key(owner.split()[-1].lower()) not in _VAGUE:
                self.owners[kind] = owner

    def _match(self, tokens: list[_Token], position: int) -> tuple[int, int, list[tuple[str, bool]]] | None:
        first = tokens[position].lemma
        for key in self.first_words.get(first, ()):
            i, matched = position + 1, 1
            while matched < len(key) and i < min(len(tokens), position + len(key) + _MAX_GAP):
                if tokens[i].lemma == key[matched]:
                    matched += 1
                    i += 1
                elif tokens[i].lower in _SKIP or tokens[i].lower in _HEDGE:
                    i += 1
                else:
                    break
            if matched == len(key):
                return position, i, self.phrases[key]
        return None

    def _negated(self, tokens: list[_Token], start: int) -> bool:
        i = start - 1
        while i >= max(0, start - _MAX_GAP) and (
            tokens[i].lower in _SKIP or tokens[i].lower in _HEDGE or tokens[i].lower in _NEGATIONS
        ):
            if tokens[i].lower in _NEGATIONS:
                return True
            i -= 1
        return False

    def _hedge(self, tokens: list[_Token], start: int, sentence: str) -> str:
        i = start - 1
        found = "states"
        while i >= max(0, start - _MAX_GAP) and (
            tokens[i].lower in _SKIP or tokens[i].lower in _HEDGE or tokens[i].lower == "to"
        ):
            hedge = _HEDGE.get(tokens[i].lower)
            if i + 1 < len(tokens) and tokens[i + 1].lower == "not":
                hedge = None  # "can not show": a denial, part of the relation ("cannot show"), not a hedge
            if hedge and HEDGES.index(hedge) > HEDGES.index(found):
                found = hedge
            i -= 1
        if found == "states" and re.search(r"\b(research|studies|evidence) (suggests?|shows?)\b", sentence, re.IGNORECASE):
            found = "may"
        return found

    def _choose(self, candidates: list[tuple[str, bool]], hedge: str, said: str = "") -> tuple[str, bool]:
        """The candidate relation hedged as the sentence is; else "is linked to", which claims least: a draft
        never states more firmly than its text. Where every candidate is more cautious than the text ("X
        produces Y", the vocabulary saying only *can cause*), the text's own words (``said``) are the relation:
        the map then says what the text says, and a learner who writes the text's claim is not told they
        overstate it. (Not for a phrase read backwards, "is produced by": its words would swap the ends.)"""
        wanted = HEDGES.index(hedge)
        ranked = sorted(
            candidates,
            key=lambda c: (HEDGES.index(self.hedges[c[0]]) < wanted, abs(HEDGES.index(self.hedges[c[0]]) - wanted)),
        )
        best = ranked[0]
        if self.hedges[best[0]] in _MODAL_HEDGES and HEDGES.index(self.hedges[best[0]]) > wanted and said and not best[1]:
            return said, False
        if HEDGES.index(self.hedges[best[0]]) < wanted:
            linked = next((r.name for r in self.vocabulary if r.hedge == "linked"), None)
            if linked:
                return linked, best[1]
        return best

    def _subordinate_subject(self, tokens: list[_Token]) -> str | None:
        """The subject of a leading clause ("When cocaine is taken, it …"), which a following "it" means."""
        if not tokens or tokens[0].lower not in _SUBORDINATORS:
            return None
        name, after = self._np_forward(tokens, 1)
        return name if name is not None and _starts_clause(tokens, after) else None

    def _subjects(self, tokens: list[_Token], start: int, inner: str | None = None) -> list[str]:
        """Who or what does what the relation phrase at ``start`` says: the noun phrase that opens its clause,
        "it" or "this" resolved to the topic, or the items before ", both of which"; none when unclear."""
        end = start
        while end > max(0, start - _MAX_GAP) and (
            tokens[end - 1].lower in _SKIP or tokens[end - 1].lower in _HEDGE or tokens[end - 1].lower == "to"
        ):
            end -= 1
        if end in self.list_owner:
            return self.list_owner[end]
        begin = _np_back(tokens, end)
        before = tokens[begin - 1].lower if begin > 0 else None
        if begin == end:
            word = tokens[end - 1].lower if end > 0 else None
            if word in _ANAPHORS and (end < 2 or tokens[end - 2].text in (",", ";") or tokens[end - 2].lower in _CLAUSE_START):
                found = inner if inner and end >= 2 and tokens[end - 2].text == "," else self.topic
                return [found] if found else []
            if word in ("which", "who"):
                return self._antecedents(tokens, end - 1)
            return []
        if (
            before is not None
            and before not in _CLAUSE_START
            and before not in (",", ";", ":", "—", "like")
            and not (begin > 1 and (tokens[begin - 2].lower, before) == ("such", "as"))
        ):
            opening = all(not any(c.isalnum() for c in t.text) for t in tokens[:begin])  # '"Sugar can …', "- Sugar …"
            if not opening and not (begin == 1 and set(_lemmas(before)) == {"VERB"}):  # "Eat a diet rich in …": an imperative
                return []
        words = tokens[begin:end]
        demonstrative = False
        while words and words[0].lower in _DETERMINERS:
            demonstrative = demonstrative or words[0].lower in ("this", "these")
            definite = words[0].lower == "the"
            words = words[1:]
            if definite and words and _noun_key(words[-1].lower) in _CLASS_NOUNS and self._new(words):
                return [self.topic] if self.topic else []  # "The degenerative brain condition": what was just named
        if demonstrative:
            found = self.last_mention or self.topic if words else self.topic
            return [found] if found else []
        if not words or _noun_key(words[-1].lower) in _VAGUE:
            return []
        return [self._concept([t.text for t in words])]

    def _antecedents(self, tokens: list[_Token], which: int) -> list[str]:
        """What ", which" (one: the phrase before the comma) or ", both of which" (the list before it) stands for."""
        quantified = which >= 2 and tokens[which - 1].lower == "of" and tokens[which - 2].lower in ("both", "all", "each")
        comma = which - 2 if quantified else which
        # A bare ", which" often means the whole clause before it ("…, which may lead to depression"): unclear.
        if not quantified or comma < 1 or tokens[comma - 1].text != ",":
            return []
        names: list[str] = []
        end = comma - 1
        while end > 0 and len(names) < _MAX_LIST:
            begin = _np_back(tokens, end)
            if begin == end:
                break
            names.insert(0, self._concept([t.text for t in tokens[begin:end] if t.lower not in _DETERMINERS] or ["?"]))
            if not quantified or begin < 2 or tokens[begin - 1].lower not in ("and", "or", ","):
                break
            end = begin - 1
        return [name for name in names if name != "?"]

    def _new(self, words: list[_Token]) -> bool:
        return _key(t.text for t in words) not in self.names

    def _objects(self, tokens: list[_Token], end: int, example_items: dict[int, list[str]]) -> list[str]:
        objects: list[str] = []
        i = end
        if i < len(tokens) and tokens[i].lower == "that":
            return objects  # "research suggests that …": a clause, not a concept
        while True:
            name, after = self._np_forward(tokens, i)
            if name is None or objects and _starts_clause(tokens, after) or len(objects) >= _MAX_LIST:
                break  # "…, and dopamine metabolism blockers will block …": a new clause's subject
            if after in example_items and (name.split()[-1].lower() in _VAGUE or self._vague_before(tokens, i, after)):
                objects += example_items[after]
            elif _noun_key(name.split()[-1].lower()) not in _VAGUE:
                objects.append(self._instance_of(name) if tokens[i].lower == "the" else name)
            i = after
            if i < len(tokens) and tokens[i].text == ",":
                i += 1
            if i < len(tokens) and tokens[i].lower in ("and", "or"):
                i += 1
            elif i >= len(tokens) or tokens[i - 1].text != ",":
                break
        return objects

    def _instance_of(self, name: str) -> str:
        """ "the neurotransmitter", once the text has said "Dopamine is a neurotransmitter" (and of no other
        concept): dopamine. A definite class names the one member the text gave it."""
        members = self.members.get(_key(name.split()), [])
        return members[0] if len(members) == 1 else name

    @staticmethod
    def _vague_before(tokens: list[_Token], start: int, end: int) -> bool:
        return any(t.lower in ("other", "many", "several", "various", "different") for t in tokens[start:end])

    def _copula(self, sentence: str, tokens: list[_Token], inner: str | None) -> str | None:
        """ "X is a Y": X is an example of Y (the only relation with no word of its own)."""
        for i in range(1, len(tokens) - 2):
            if tokens[i].lemma == "be" and tokens[i + 1].lower in ("a", "an"):
                subjects = self._subjects(tokens, i, inner)
                if not subjects:
                    return None
                subject = subjects[0]
                name, after = self._np_forward(tokens, i + 1)
                if name is None or _noun_key(name.split()[-1].lower()) in _VAGUE or "is an example of" not in self.hedges:
                    return subject
                if after < len(tokens) and tokens[after].lower in ("to", "that", "who", "which", "in", "for"):
                    return subject  # "a big asset in helping": a Y qualified by what follows is not a group
                self.found.append(_Found(subject, "is an example of", name, self.section, sentence, "relation phrase"))
                if subject not in (members := self.members.setdefault(_key(name.split()), [])):
                    members.append(subject)
                return subject
        return None

    def _leading_subject(self, tokens: list[_Token]) -> tuple[str | None, bool]:
        """The subject of a sentence with no relation (the topic a later "it" means), and whether an
        unclear one ("it", "this") leaves the topic as it was."""
        i = 0
        if tokens and tokens[0].lower in _SUBORDINATORS:
            comma = next((j for j, t in enumerate(tokens) if t.text == ","), None)
            if comma is None:
                return None, False
            i = comma + 1
        elif (comma := next((j for j, t in enumerate(tokens[:4]) if t.text == ","), None)) is not None:
            i = comma + 1
        if i < len(tokens) and tokens[i].lower in _ANAPHORS:
            return None, True
        name, after = self._np_forward(tokens, i)
        if name is None or not _starts_clause(tokens, after):
            return None, False
        return name, False

    # -- names --

    def _concept(self, words: list[str]) -> str:
        """One name per concept: the first way the text wrote it ("levels" and "level" are one)."""
        lowered = [w.lower() for w in words]
        if len(words) >= 3 and lowered[-2] == "of" and lowered[-3].endswith(("tion", "sion", "ment")) and _nounish(lowered[-1]):
            words = [*words[:-3], words[-1], words[-3]]  # "the production of dopamine": dopamine production
        key = _key(words)
        if key not in self.names:
            self.names[key] = _sentence_case(list(words), self.proper)
        return self.names[key]

    def concept_keys(self) -> set[str]:
        return {_key(name.split()) for link in self.found for name in (link.source, link.target)}

    def links(self) -> list[DraftLink]:
        types: dict[str, str] = {}
        for found in self.found:
            for name, kind in ((found.source, found.source_type), (found.target, found.target_type)):
                if kind and name not in types:
                    types[name] = kind
        seen = set()
        links = []
        for found in self.found:
            if found.relation == "":
                continue
            key = (_key(found.source.split()), found.relation, _key(found.target.split()))
            if key in seen or key[0] == key[2]:
                continue
            seen.add(key)
            evidence = found.evidence if len(found.evidence) <= _MAX_EVIDENCE else found.evidence[: _MAX_EVIDENCE - 1] + "…"
            links.append(
                DraftLink(
                    found.source,
                    types.get(found.source, DEFAULT_TYPE),
                    found.relation,
                    found.target,
                    types.get(found.target, DEFAULT_TYPE),
                    found.section,
                    evidence,
                    found.rule,
                )
            )
        return links


# --- text helpers ----------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _tokens(text: str) -> list[_Token]:
    tokens = []
    for word in _words(text):
        lower = word.lower()
        parts: list[str]
        if lower in _SPECIAL_NEGATIVE:
            parts = _SPECIAL_NEGATIVE[lower]
        elif lower.endswith("n't"):
            parts = [lower[:-3], "not"]
        elif (ending := lower[lower.find("'") :] if "'" in lower else "") in _CONTRACTIONS and lower[: -len(ending)] in _PRONOUNS:
            parts = [word[: -len(ending)], *_CONTRACTIONS[ending]]
        else:
            parts = [word]
        for part in parts:
            tokens.append(_Token(part, part.lower(), _lemma(part.lower())))
    return tokens


def _starts_clause(tokens: list[_Token], i: int) -> bool:
    """Whether a verb follows at ``i``: the noun phrase before it is a clause's subject, not one more object."""
    if i >= len(tokens):
        return False
    word = tokens[i].lower
    return word in _AUXILIARIES or set(_lemmas(word)) == {"VERB"}


def _np_back(tokens: list[_Token], end: int) -> int:
    """Where the noun phrase ending just before ``end`` begins (``end`` itself when there is none)."""
    i = end
    while i > max(0, end - _MAX_NAME):
        word = tokens[i - 1].lower
        if word in _DETERMINERS and i < end:
            i -= 1
            break
        if _nounish(word):
            i -= 1
        elif word == "of" and i < end and i > 1 and _nounish(tokens[i - 2].lower):
            i -= 1
        else:
            break
    while i < end and tokens[i].lower == "of":
        i += 1
    return i


def _marker_at(tokens: list[_Token], i: int) -> int:
    """The length of an example list's marker ("such as", "like", "including") at ``i``, or 0."""
    for marker in _EXAMPLE_MARKERS:
        if tuple(t.lower for t in tokens[i : i + len(marker)]) == marker:
            return len(marker) + (1 if i + len(marker) < len(tokens) and tokens[i + len(marker)].text in (",", ".") else 0)
    return 0


def _proper_words(text: str) -> frozenset[str]:
    """Words the text capitalises in mid-sentence (names: "Parkinson's"), kept capitalised in a heading's concept."""
    capitalised = {w.lower() for w in re.findall(r"(?<=[a-z,;] )([A-Z][\w'\-]+)", text)}
    lower = set(re.findall(r"(?<=[a-z,;] )([a-z][\w'\-]+)", text))
    return frozenset(capitalised - lower)


def _blocks(text: str) -> list[tuple[str, str]]:
    """The text as headings, paragraphs and list items, in order."""
    blocks: list[tuple[str, str]] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            body = " ".join(paragraph)
            if len(paragraph) == 1 and _looks_like_heading(body):
                blocks.append(("heading", body))
            else:
                blocks.append(("text", body))
            paragraph.clear()

    for line in text.split("\n"):
        if not line.strip() or _RULE.match(line):
            flush()
        elif heading := _MD_HEADING.match(line):
            flush()
            blocks.append(("heading", heading.group(1)))
        elif bullet := _BULLET.match(line):
            flush()
            blocks.append(("item", bullet.group(1)))
        else:
            paragraph.append(line.strip())
    flush()
    return blocks


def _looks_like_heading(line: str) -> bool:
    words = line.split()
    return (
        0 < len(words) <= 12
        and len(line) <= 100
        and (line[0].isupper() or line[0].isdigit())
        and not line.endswith((".", ",", ";", ":", "!"))
        and not re.search(r"[.!?]\s", line)
    )


def draft_file(path: str | Path, vocabulary: Vocabulary | None = None) -> Draft:
    """The draft of a text file (what ``python -m graph draft`` runs); raises :class:`ValidationError`."""
    path = Path(path)
    try:
        if not path.is_file():
            raise _refuse(path.name, "is not a regular file; give the path of a .txt, .md, .html or .docx file.")
        check_size(path.stat().st_size, path.name)
        data = path.read_bytes()
    except OSError as err:
        raise _refuse(path.name, f"cannot be read ({err.strerror}).") from None
    return draft_text(read_text(data, path.name), path.name, vocabulary)
