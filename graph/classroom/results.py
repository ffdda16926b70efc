"""Learners' work handed in to a classroom map, and the teacher's results read from it.

A learner of a map picks a **nickname** (no e-mail, no password) and gets a random **learner
token**, kept in their browser (the ``me`` parameter of their address); only its SHA-256 is
stored, as the teacher's edit key is (:mod:`graph.classroom.store`). The token is what hands
work in, lists it and deletes it, so a learner can neither read nor change another's work,
and a nickname is unique in its class (case and spacing aside), so no one hands in under
another's name.

Each **hand-in** is one piece of work against one version of the map: a map checked (its
links, as ``source, relation, target``), a checked fill-in exercise, or a finished quiz. It is
kept :data:`RESULTS_DAYS` days (``KG_RESULTS_DAYS``); one learner hands in at most
:data:`HANDINS_PER_MINUTE` times a minute (``KG_MAX_HANDINS_PER_MINUTE``). Deleting a map
deletes its learners and their hand-ins (the database's foreign keys cascade).

Only the map's edit key reads a class's results (:func:`class_results`): a wrong key raises
:class:`~graph.classroom.store.WrongKey`, as an unknown map does.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx
from sqlalchemy import DateTime, Float, ForeignKey, Integer, String, Text, delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from graph import settings
from graph.classroom import store
from graph.classroom.group_map import GroupMap, Item, group_map, items_by_difficulty
from graph.core.model import KnowledgeGraph
from graph.core.problems import Problem, ValidationError
from graph.files.load import load_files
from graph.teaching.score import Proposition, Reference, score_map

__all__ = [
    "KINDS",
    "MAX_LINKS",
    "MAX_NICKNAME",
    "ClassResults",
    "HandIn",
    "NicknameTaken",
    "TooManyHandIns",
    "UnknownLearner",
    "check_nickname",
    "class_hand_ins",
    "class_results",
    "delete_hand_in",
    "hand_in",
    "join",
    "learner_count",
    "map_work",
    "my_hand_ins",
    "nickname_of",
    "purge_expired",
    "rename",
    "submit_map",
]

KINDS = ("map", "fill", "quiz")
"""What a learner hands in: a checked map, a checked fill-in exercise, a finished quiz."""
MAX_NICKNAME = 40
MAX_LINKS = 1000
"""The most links (or questions, or blanks) one hand-in may hold."""
MAX_WORK_BYTES = 256 * 1024
_TOKEN_BYTES = 24
_SETTING_OF = {"RESULTS_DAYS": "KG_RESULTS_DAYS", "HANDINS_PER_MINUTE": "KG_MAX_HANDINS_PER_MINUTE"}


def __getattr__(name: str) -> Any:
    """``RESULTS_DAYS`` and ``HANDINS_PER_MINUTE``: their settings as they are now, read when used."""
    if name in _SETTING_OF:
        return settings.value(_SETTING_OF[name])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")


# --- the schema (made by migration 0002) -----------------------------------


class _Learner(store.Base):
    __tablename__ = "learners"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    map_id: Mapped[str] = mapped_column(ForeignKey("maps.id", ondelete="CASCADE"))
    token_hash: Mapped[str] = mapped_column(String(128), unique=True)
    nickname: Mapped[str] = mapped_column(String(MAX_NICKNAME))
    nickname_folded: Mapped[str] = mapped_column(String(MAX_NICKNAME))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class _HandIn(store.Base):
    __tablename__ = "hand_ins"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    map_id: Mapped[str] = mapped_column(ForeignKey("maps.id", ondelete="CASCADE"))
    version_id: Mapped[int] = mapped_column(ForeignKey("map_versions.id", ondelete="CASCADE"))
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(8))
    score: Mapped[float] = mapped_column(Float)
    work: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


# --- what callers get back -------------------------------------------------


@dataclass(frozen=True)
class HandIn:
    """One piece of work handed in. ``work`` is its JSON: ``{"links": [[s, r, t], …], "scope": […]}`` for a map;
    ``{"items": [{"question", "answer", "given", "right"}, …]}`` (and ``seed``, ``focus``) for a quiz or a fill-in."""

    id: int
    nickname: str
    kind: str
    version: int
    score: float
    work: dict
    created_at: dt.datetime


@dataclass
class ClassResults:
    """A class's results on one version of a map, as the teacher's Class view and ``python -m graph results`` show them."""

    map_id: str
    version: int
    latest: int
    title: str
    kg: KnowledgeGraph
    learners: list[str]
    """Everyone with a hand-in in the period, in the order they first handed in."""
    group: GroupMap
    """Each learner's latest map, overlaid."""
    items: list[Item]
    """Quiz questions and fill-in blanks, hardest first."""
    hand_ins: list[HandIn]

    def to_dict(self) -> dict:
        """The JSON of ``python -m graph results --json``."""
        group = self.group.to_dict()
        return {
            "map": self.map_id,
            "version": self.version,
            "learners": len(self.learners),
            "links": group["links"],
            "extra": group["extra"],
            "quiz": [item.to_dict() for item in self.items],
        }


class NicknameTaken(ValueError):
    """Someone in this class already has the nickname."""


class UnknownLearner(LookupError):
    """The learner token does not belong to this map (or to anyone)."""


class TooManyHandIns(RuntimeError):
    """The learner handed in :data:`HANDINS_PER_MINUTE` times in the last minute."""


# --- learners --------------------------------------------------------------

_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def check_nickname(text: str) -> str:
    """The nickname as kept: NFC, spaces collapsed, 1 to :data:`MAX_NICKNAME` characters of plain text.

    Raises :class:`~graph.core.problems.ValidationError` naming what is wrong. The nickname is never
    markup: whoever shows it shows it as text (the app through :func:`graph.core.text.plain`).

    Example
    -------
    >>> check_nickname("  Ada   L. ")
    'Ada L.'
    """
    name = " ".join(unicodedata.normalize("NFC", text or "").split())
    problem = None
    if not name:
        problem = "choose a nickname: a name your teacher will know you by (not your e-mail)."
    elif len(name) > MAX_NICKNAME:
        problem = f"the nickname has {len(name)} characters; keep it to {MAX_NICKNAME}."
    elif _UNSAFE.search(name):
        problem = "the nickname has invisible or control characters; use letters, digits and punctuation."
    if problem:
        raise ValidationError([Problem("nickname", None, None, problem)])
    return name


def join(map_id: str, nickname: str, *, url: str | None = None) -> str:
    """Make a learner of the map under ``nickname``; return their learner token (keep it: it is shown once).

    Raises :class:`NicknameTaken`, :class:`~graph.classroom.store.MapNotFound` or ``ValidationError`` (a bad nickname).
    """
    name = check_nickname(nickname)
    store.open_map(map_id, url=url)  # MapNotFound, with its message for a person
    token = store.new_token(_TOKEN_BYTES)
    try:
        with Session(store.engine(url)) as session, session.begin():
            session.add(
                _Learner(
                    map_id=map_id, token_hash=_hash(token), nickname=name, nickname_folded=name.casefold(), created_at=_now()
                )
            )
    except IntegrityError:
        raise NicknameTaken(_taken(name)) from None
    return token


def nickname_of(map_id: str, token: str | None, *, url: str | None = None) -> str | None:
    """The nickname of the learner whose token this is, on this map; None for any other token."""
    with Session(store.engine(url)) as session:
        learner = _learner(session, map_id, token)
        return learner.nickname if learner else None


def rename(map_id: str, token: str, nickname: str, *, url: str | None = None) -> str:
    """Change the learner's nickname (their hand-ins keep to them); return it as kept."""
    name = check_nickname(nickname)
    try:
        with Session(store.engine(url)) as session, session.begin():
            learner = _learner(session, map_id, token)
            if learner is None:
                raise UnknownLearner("This browser's learner name is not known for this map; choose a nickname again.")
            learner.nickname, learner.nickname_folded = name, name.casefold()
    except IntegrityError:
        raise NicknameTaken(_taken(name)) from None
    return name


def _learner(session: Session, map_id: str, token: str | None) -> _Learner | None:
    if not _TOKEN.fullmatch(token or ""):
        return None
    return session.scalars(
        select(_Learner).where(_Learner.token_hash == _hash(token or ""), _Learner.map_id == map_id)
    ).one_or_none()


def _taken(name: str) -> str:
    return f"Someone in this class is already called “{name}”; choose another nickname."


# --- handing in ------------------------------------------------------------


def map_work(propositions: Iterable[Proposition], scope: Iterable[str] | None = None) -> dict:
    """A learner's map as a hand-in's ``work``."""
    work: dict = {"links": [[p.source, p.relation, p.target] for p in propositions]}
    if scope is not None:
        work["scope"] = list(scope)
    return work


def hand_in(
    map_id: str,
    token: str,
    kind: str,
    work: dict,
    score: float,
    version: int,
    *,
    url: str | None = None,
) -> int:
    """Save one piece of the learner's work against ``version`` of the map; return the hand-in's id.

    Raises :class:`UnknownLearner`, :class:`~graph.classroom.store.MapNotFound` (no such version),
    :class:`TooManyHandIns` or ``ValidationError`` (work that is too big, or of an unknown kind);
    either way nothing is saved.
    """
    with Session(store.engine(url)) as session:
        learner = _learner(session, map_id, token)
        if learner is None:
            raise UnknownLearner("This browser's learner name is not known for this map; choose a nickname again.")
        learner_id = learner.id
    return _insert(map_id, learner_id, kind, work, score, version, url)


def submit_map(
    map_id: str,
    nickname: str,
    propositions: list[Proposition],
    *,
    key: str | None = None,
    url: str | None = None,
) -> tuple[int, float]:
    """Hand in a learner's map under ``nickname`` on the map's newest version, as the command line does.

    A new nickname makes a new learner; one already in the class is handed in for only with the
    map's edit ``key`` (a teacher handing in the files they collected). Returns the version and the score.
    """
    found = store.open_map(map_id, url=url)
    reference = Reference(load_files(found.files))
    score = score_map(reference, propositions).score
    name = check_nickname(nickname)
    try:
        token = join(map_id, name, url=url)
        with Session(store.engine(url)) as session:
            learner_id = session.scalars(select(_Learner.id).where(_Learner.token_hash == _hash(token))).one()
    except NicknameTaken:
        if key is None or not store.check_key(map_id, key, url=url):
            raise
        with Session(store.engine(url)) as session:
            learner_id = session.scalars(
                select(_Learner.id).where(_Learner.map_id == map_id, _Learner.nickname_folded == name.casefold())
            ).one()
    _insert(map_id, learner_id, "map", map_work(propositions), score, found.number, url)
    return found.number, score


def _insert(map_id: str, learner_id: int, kind: str, work: dict, score: float, version: int, url: str | None) -> int:
    if kind not in KINDS:
        raise ValidationError([Problem("hand-in", None, None, f"'{kind}' is not work that can be handed in.")])
    size = max(len(work.get("links", ())), len(work.get("items", ())))
    text = json.dumps(work, ensure_ascii=False)
    if size > MAX_LINKS or len(text.encode()) > MAX_WORK_BYTES:
        raise ValidationError(
            [Problem("hand-in", None, None, f"this work is too big to hand in (at most {MAX_LINKS} links or questions).")]
        )
    with Session(store.engine(url)) as session:
        version_id = session.scalar(
            select(store._Version.id).where(store._Version.map_id == map_id, store._Version.number == version)
        )
    if version_id is None:
        raise store.MapNotFound(f"This map has no version {version}.")
    now = _now()
    with Session(store.engine(url)) as session, session.begin():
        # The row goes in first: on SQLite that takes the write lock at once, so concurrent hand-ins queue
        # (busy_timeout) instead of failing on a lock upgrade; the count after it includes it.
        row = _HandIn(
            map_id=map_id, version_id=version_id, learner_id=learner_id, kind=kind, score=float(score), work=text, created_at=now
        )
        session.add(row)
        session.flush()
        recent = session.scalar(
            select(func.count())
            .select_from(_HandIn)
            .where(_HandIn.learner_id == learner_id, _HandIn.created_at > now - dt.timedelta(minutes=1))
        )
        most = settings.value("KG_MAX_HANDINS_PER_MINUTE")
        if recent is not None and recent > most:  # raised inside the transaction: the row is rolled back
            raise TooManyHandIns(f"You have handed in {most} times in the last minute; wait a minute and hand in again.")
        hand_in_id = row.id
        _purge(session)
    return hand_in_id


# --- a learner's own hand-ins ------------------------------------------------


def my_hand_ins(map_id: str, token: str, *, url: str | None = None) -> list[HandIn]:
    """The learner's own hand-ins to this map, newest first (none for an unknown token)."""
    with Session(store.engine(url)) as session:
        learner = _learner(session, map_id, token)
        if learner is None:
            return []
        return _hand_ins(session, select_where=[_HandIn.learner_id == learner.id], newest_first=True)


def delete_hand_in(map_id: str, token: str, hand_in_id: int, *, url: str | None = None) -> bool:
    """Delete one of the learner's own hand-ins; False (nothing deleted) for anyone else's or none."""
    with Session(store.engine(url)) as session, session.begin():
        learner = _learner(session, map_id, token)
        if learner is None:
            return False
        done = session.execute(delete(_HandIn).where(_HandIn.id == hand_in_id, _HandIn.learner_id == learner.id))
        return bool(getattr(done, "rowcount", 0))


# --- the teacher's results ----------------------------------------------------


def class_hand_ins(
    map_id: str,
    key: str,
    version: int | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    *,
    url: str | None = None,
) -> tuple[store.MapVersion, list[HandIn]]:
    """The map's version (the newest by default) and every hand-in to it, oldest first, for its teacher.

    Work handed in on a version with the same content counts as work on it: a restored version and the
    one it copies (:func:`same_content`), so that restoring an old version in class hides no one's work.

    ``since`` and ``until`` are days (UTC), both included. Raises :class:`~graph.classroom.store.WrongKey`
    (a wrong key, or no such map) or :class:`~graph.classroom.store.MapNotFound` (no such version).
    """
    if not store.check_key(map_id, key, url=url):
        raise store.WrongKey()
    found = store.open_map(map_id, version, url=url)
    with Session(store.engine(url)) as session:
        same = same_content(session, map_id, found.number)
    where = [_HandIn.map_id == map_id, store._Version.number.in_(same), _HandIn.created_at >= _cutoff()]
    if since is not None:
        where.append(_HandIn.created_at >= dt.datetime.combine(since, dt.time(), dt.UTC))
    if until is not None:
        where.append(_HandIn.created_at < dt.datetime.combine(until + dt.timedelta(days=1), dt.time(), dt.UTC))
    with Session(store.engine(url)) as session:
        return found, _hand_ins(session, where, newest_first=False)


def learner_count(map_id: str, key: str, *, url: str | None = None) -> int:
    """How many learners handed in work on the map's newest version (for its teacher: raises ``WrongKey`` otherwise)."""
    if not store.check_key(map_id, key, url=url):
        raise store.WrongKey()
    with Session(store.engine(url)) as session:
        newest = session.scalar(select(func.max(store._Version.number)).where(store._Version.map_id == map_id))
        same = same_content(session, map_id, newest) if newest is not None else []
        found = session.scalar(
            select(func.count(func.distinct(_HandIn.learner_id)))
            .join(store._Version, store._Version.id == _HandIn.version_id)
            .where(_HandIn.map_id == map_id, store._Version.number.in_(same), _HandIn.created_at >= _cutoff())
        )
    return int(found or 0)


def same_content(session: Session, map_id: str, number: int) -> list[int]:
    """The numbers of the map's versions with the content of version ``number``: it, the version it restores,
    the versions restoring either, and so on (a restore copies a version's files unchanged)."""
    pairs = session.execute(
        select(store._Version.number, store._Version.restored_from).where(store._Version.map_id == map_id)
    ).all()
    return copies_of(pairs, number)


def copies_of(restores: Iterable[tuple[int, int | None]], number: int) -> list[int]:
    """Of versions ``(number, restored_from)``, those with the content of version ``number``.

    Example
    -------
    >>> copies_of([(1, None), (2, None), (3, 1), (4, 3), (5, 2)], 4)
    [1, 3, 4]
    """
    copies = nx.Graph()
    copies.add_node(number)
    copies.add_edges_from((n, source) for n, source in restores if source is not None)
    return sorted(nx.node_connected_component(copies, number))


def class_results(
    map_id: str,
    key: str,
    version: int | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    *,
    url: str | None = None,
    reference: Reference | None = None,
) -> ClassResults:
    """The class's results on a version of the map: its group map, quiz items and learners (see :func:`class_hand_ins`).

    ``reference``: the version's graph already loaded (the app keeps it), else it is loaded from the database.
    """
    found, hand_ins = class_hand_ins(map_id, key, version, since, until, url=url)
    if reference is None:
        reference = Reference(load_files(found.files))
    return summarise(found, hand_ins, reference)


def summarise(found: store.MapVersion, hand_ins: list[HandIn], reference: Reference) -> ClassResults:
    """:class:`ClassResults` from hand-ins (oldest first): each learner's latest map, and every answer."""
    learners = list(dict.fromkeys(h.nickname for h in hand_ins))
    maps: dict[str, tuple[list[Proposition], list[str] | None]] = {}
    answers = []
    for h in hand_ins:
        if h.kind == "map":
            maps.pop(h.nickname, None)  # the latest, in the order of the latest
            maps[h.nickname] = ([Proposition(*link) for link in h.work.get("links", [])], h.work.get("scope"))
        else:
            for item in h.work.get("items", []):
                answers.append((h.nickname, h.kind, item["question"], item["answer"], bool(item["right"])))
    return ClassResults(
        found.map_id,
        found.number,
        found.latest,
        found.title,
        reference.kg,
        learners,
        group_map(reference, maps),
        items_by_difficulty(answers),
        hand_ins,
    )


def _hand_ins(session: Session, select_where: list, newest_first: bool) -> list[HandIn]:
    order = (_HandIn.created_at.desc(), _HandIn.id.desc()) if newest_first else (_HandIn.created_at, _HandIn.id)
    rows = session.execute(
        select(_HandIn, _Learner.nickname, store._Version.number)
        .join(_Learner, _Learner.id == _HandIn.learner_id)
        .join(store._Version, store._Version.id == _HandIn.version_id)
        .where(*select_where, _HandIn.created_at >= _cutoff())
        .order_by(*order)
    )
    return [
        HandIn(row.id, nickname, row.kind, number, row.score, json.loads(row.work), _aware(row.created_at))
        for row, nickname, number in rows
    ]


# --- keeping ---------------------------------------------------------------


def purge_expired(*, url: str | None = None) -> int:
    """Delete hand-ins older than :data:`RESULTS_DAYS` days; return how many."""
    with Session(store.engine(url)) as session, session.begin():
        return _purge(session)


def _purge(session: Session) -> int:
    done = session.execute(delete(_HandIn).where(_HandIn.created_at < _cutoff()))
    return int(getattr(done, "rowcount", 0) or 0)


def _cutoff() -> dt.datetime:
    return _now() - dt.timedelta(days=settings.value("KG_RESULTS_DAYS"))


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
