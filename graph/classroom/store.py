"""Classroom maps in a database: publish a teacher's graph, keep every version, open it by link.

A *map* has an unguessable id (the learner link) and a secret edit key (the teacher link).
Each save is a new *version* holding the graph's files in the project's CSV schema, so a
version is loaded by exactly the code and validation that loads an upload
(:func:`graph.files.load.load_files`); nothing is ever overwritten, and restoring an old version
saves a copy of it as the newest.

The database is any SQLAlchemy URL in ``KG_DATABASE_URL``: by default an SQLite file under
``var/`` beside the project, created on first use; for a school's server PostgreSQL
(``postgresql+psycopg://user:password@host/db``). The schema is kept by Alembic migrations
(``graph/classroom/migrations``), run automatically the first time a process opens the database.

Why the edit key is stored as a plain SHA-256: the key is 32 random bytes
(:func:`secrets.token_urlsafe`), not a password a person chose, so there is nothing to guess
from a stolen hash and a slow hash (scrypt, PBKDF2) would only slow every save down. Keys are
compared with :func:`hmac.compare_digest`, and a wrong key is answered exactly like a map
that does not exist, so the answer does not tell whether a map exists.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Literal
from urllib.parse import parse_qsl, urlencode

from sqlalchemy import (
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    func,
    select,
    text,
    update,
)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import ArgumentError, IntegrityError, SQLAlchemyError
from sqlalchemy.exc import NoSuchModuleError as NoSuchDriver
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship

from graph import memory, params, settings
from graph.core.model import KnowledgeGraph
from graph.core.text import visible
from graph.files.load import Problem, ValidationError, load_files

__all__ = [
    "DEFAULT_PUBLIC_URL",
    "MAX_TITLE",
    "MAX_FILES",
    "Base",
    "DatabaseUnavailable",
    "MapNotFound",
    "MapSummary",
    "MapVersion",
    "NothingChanged",
    "Published",
    "StaleVersion",
    "VersionInfo",
    "WrongKey",
    "add_version",
    "check_key",
    "compare",
    "database_error",
    "database_url",
    "new_token",
    "dispose",
    "engine",
    "learner_link",
    "list_maps",
    "masked_url",
    "open_map",
    "publish",
    "restore",
    "teacher_link",
    "validate",
    "versions",
]

REPO = Path(__file__).resolve().parents[2]
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
DEFAULT_PUBLIC_URL = "http://localhost:8501/"
MAX_TITLE = 200
_SETTING_OF = {
    "MAX_ROWS": "KG_MAX_ROWS",  # the most links a map may have: the limit on uploads
    "MAX_MB": "KG_MAX_UPLOAD_MB",  # the largest file a map may hold, in MB: the limit on uploads
    "MAX_MAP_MB": "KG_MAX_MAP_MB",  # the most one map may store, every version and tour counted
    "MAX_STORAGE_MB": "KG_MAX_STORAGE_MB",  # the most all maps together may store: anyone may publish
}
SETTING: Final = "setting"
"""As ``max_rows`` or ``max_mb``: the limit its ``KG_*`` setting says when the call is made."""


def __getattr__(name: str) -> Any:
    """``MAX_ROWS``, ``MAX_MB``, ``MAX_MAP_MB`` and ``MAX_STORAGE_MB``: their settings as they are now,
    read when used (never frozen at import, nor into a default argument)."""
    if name in _SETTING_OF:
        return settings.value(_SETTING_OF[name])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


MAX_FILES = 100
"""The most files (the links, nodes, sources, relations and tours) one version may hold."""
MAX_FILE_NAME = 255
_LARGEST_VERSION = 2**31 - 1  # the version column is a 32-bit integer on PostgreSQL
_ID_BYTES = 12  # 96 random bits: 16 URL-safe characters
_KEY_BYTES = 32  # 256 random bits: 43 URL-safe characters
_WELL_FORMED = re.compile(r"[A-Za-z0-9_-]{8,64}")
# Compared against when a map does not exist, so a wrong id costs the same time as a wrong key.
_NO_MAP_HASH = hashlib.sha256(b"no such map").hexdigest()


# --- the schema ------------------------------------------------------------


class Base(DeclarativeBase):
    pass


class _Map(Base):
    __tablename__ = "maps"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    key_hash: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    versions: Mapped[list[_Version]] = relationship(back_populates="map", order_by="_Version.number")


class _Version(Base):
    __tablename__ = "map_versions"
    __table_args__ = (UniqueConstraint("map_id", "number", name="uq_map_versions_map_number"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    map_id: Mapped[str] = mapped_column(ForeignKey("maps.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(MAX_TITLE))
    description: Mapped[str] = mapped_column(Text)
    restored_from: Mapped[int | None] = mapped_column(Integer, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="", server_default="")
    links: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    map: Mapped[_Map] = relationship(back_populates="versions")
    files: Mapped[list[_File]] = relationship(order_by="_File.position", cascade="all, delete-orphan")


class _File(Base):
    __tablename__ = "map_files"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("map_versions.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(255))
    data: Mapped[bytes] = mapped_column(LargeBinary)


# --- what callers get back -------------------------------------------------


@dataclass(frozen=True)
class Published:
    """A saved version: the map's id, its edit key (only ever shown once, on publishing) and the version's number."""

    map_id: str
    key: str
    version: int


@dataclass(frozen=True)
class VersionInfo:
    number: int
    title: str
    description: str
    links: int
    created_at: dt.datetime
    restored_from: int | None = None
    note: str = ""
    """What the teacher said changed in this version."""


@dataclass(frozen=True)
class MapVersion:
    """One version of a map, with its files ready for :func:`graph.files.load.load_files`."""

    map_id: str
    number: int
    latest: int
    title: str
    description: str
    files: tuple[tuple[str, bytes], ...]


@dataclass(frozen=True)
class MapSummary:
    map_id: str
    title: str
    versions: int
    links: int
    updated_at: dt.datetime


class MapNotFound(LookupError):
    """No map (or no such version of it) has this id; the message is for a person."""


class NothingChanged(ValueError):
    """A save that would store the newest version again: same links, concepts, tours, title and description."""


class StaleVersion(RuntimeError):
    """Someone saved a newer version after this one was opened: saving on top would hide their change unseen.

    ``restoring``: the version a Restore was asked for (the message then says so), or None for a save.
    """

    def __init__(self, expected: int, latest: int, restoring: int | None = None):
        self.expected, self.latest, self.restoring = expected, latest, restoring
        if restoring is None:
            what, again = "your change was not saved over theirs", "to keep yours anyway, save it again"
        else:
            what, again = (
                f"version {restoring} was not restored over it",
                f"to restore version {restoring} anyway, press its Restore again",
            )
        super().__init__(
            f"Someone saved version {latest} of this map after you opened version {expected}, so {what}. "
            f"Look at version {latest} in the list below; {again}: it becomes version {latest + 1}."
        )


class DatabaseUnavailable(SQLAlchemyError):
    """The maps database cannot be opened (a bad ``KG_DATABASE_URL``, a missing driver, a schema from newer
    code, a server that does not answer). ``reason`` says why for a person, with no address or password in it;
    the message adds the address, its password hidden (:func:`masked_url`)."""

    def __init__(self, url: str, reason: str):
        self.url, self.reason = masked_url(url), reason
        super().__init__(f"The maps database at {self.url} cannot be used: {reason}. Check KG_DATABASE_URL.")


class WrongKey(PermissionError):
    """The edit key does not open this map, or there is no such map: the same answer for both, on purpose."""

    def __init__(self):
        super().__init__(
            "This teacher link does not open a map that can be changed: the map may not exist, or the edit "
            "key is wrong. Use the teacher link exactly as it was given when the map was published."
        )


# --- the database ----------------------------------------------------------

_engines: dict[str, Engine] = {}
_engines_lock = threading.Lock()


def database_url() -> str:
    """``KG_DATABASE_URL``, or an SQLite file ``var/maps.db`` in the project folder."""
    return settings.value("KG_DATABASE_URL") or f"sqlite:///{REPO / 'var' / 'maps.db'}"


def engine(url: str | None = None) -> Engine:
    """The engine for ``url`` (default :func:`database_url`), migrated to the newest schema on first use.

    Raises :class:`DatabaseUnavailable` (an ``SQLAlchemyError``) for every way opening it can fail.

    Example
    -------
    >>> engine("sqlite://").dialect.name
    'sqlite'
    """
    url = url or database_url()
    with _engines_lock:
        if url not in _engines:
            _engines[url] = _opened(url)
        return _engines[url]


def _opened(url: str) -> Engine:
    """:func:`_connect`, with each way it fails said in words (one error path for the app and the command line)."""
    from alembic.util.exc import CommandError

    try:
        return _connect(url)
    except CommandError:
        reason = "it was set up by a newer version of this app (its schema is one this version does not know); update the app, or use another database"
    except (ImportError, NoSuchDriver) as err:
        reason = f"the driver it names is not installed here ({_sanitised(err, url)})"
    except (ValueError, TypeError, ArgumentError) as err:  # a port that is not a number, an address that does not parse
        reason = f"the address cannot be read ({_sanitised(err, url)})"
    except SQLAlchemyError as err:
        reason = f"it does not answer ({_sanitised(getattr(err, 'orig', None) or err, url)})"
    except OSError as err:
        reason = f"its file cannot be made ({err.strerror})"
    raise DatabaseUnavailable(url, reason) from None


def database_error(err: SQLAlchemyError, url: str | None = None) -> DatabaseUnavailable:
    """Any database failure as :class:`DatabaseUnavailable`: one message, the address's password hidden."""
    if isinstance(err, DatabaseUnavailable):
        return err
    url = url or database_url()
    return DatabaseUnavailable(url, f"it does not answer ({_sanitised(getattr(err, 'orig', None) or err, url)})")


def masked_url(url: str) -> str:
    """``url`` fit to print: the password (everything between the user's name and the last '@') and the query are hidden.

    SQLAlchemy hides only a password it can parse; one with an unescaped '@' or '#', or given as
    ``?password=``, was printed.

    Example
    -------
    >>> masked_url("postgresql+psycopg://teacher:p@ss#1@db.example:5432/maps?password=x")
    'postgresql+psycopg://teacher:***@db.example:5432/maps?…'
    """
    scheme, separator, rest = url.partition("://")
    if not separator:
        return "(an address without '://')"
    if "@" in rest:
        user, has_password, _ = rest[: rest.rfind("@")].partition(":")
        rest = (f"{user}:***@" if has_password else f"{user}@") + rest[rest.rfind("@") + 1 :]
    if "?" in rest:
        rest = rest.split("?", 1)[0] + "?…"
    return f"{scheme}://{rest}"


def _sanitised(err: object, url: str) -> str:
    """The first line of an error's message, with the address and anything like its password taken out."""
    message = (str(err).strip().splitlines() or [type(err).__name__])[0]
    rest = url.partition("://")[2]
    secrets_in_url = [rest[: rest.rfind("@")].partition(":")[2]] if "@" in rest else []
    secrets_in_url += [value for key, value in parse_qsl(rest.partition("?")[2]) if re.search("pass|secret|token|key", key, re.I)]
    message = message.replace(url, masked_url(url))
    # A password with an unescaped '@' or '#' is cut there by the parser, and its tail read as the host.
    pieces = [piece for secret in secrets_in_url for piece in [secret, *re.split(r"[@#/?:]", secret)] if len(piece) >= 3]
    for piece in sorted(pieces, key=len, reverse=True):
        message = message.replace(piece, "***")
    if any(re.search(r"[@#/?]", secret) for secret in secrets_in_url):
        message += "; write '@', '#', '/' and '?' in a password as %40, %23, %2F and %3F"
    return message[:300]


def dispose(url: str | None = None) -> None:
    """Close the engine's connections and forget it (a test's database is dropped, or the process ends)."""
    with _engines_lock:
        found = _engines.pop(url or database_url(), None)
    if found is not None:
        found.dispose()


def _connect(url: str) -> Engine:
    if url.startswith("sqlite:///") and url != "sqlite://":
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    made = create_engine(url, pool_pre_ping=not url.startswith("sqlite"))
    if made.dialect.name == "sqlite":
        event.listen(made, "connect", _sqlite_pragmas)
    _migrate(made)
    return made


def _sqlite_pragmas(connection, _record) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")  # another app process saving: wait for it rather than fail
    cursor.close()


def _migrate(made: Engine) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with made.begin() as connection:
        if made.dialect.name == "postgresql":
            # Several app processes starting together: one migrates, the others wait and find it done.
            connection.execute(text("SELECT pg_advisory_xact_lock(7310020)"))
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


# --- links -----------------------------------------------------------------


def learner_link(map_id: str, version: int | None = None, base: str | None = None) -> str:
    """The read-only link to a map (its newest version, or ``version`` pinned)."""
    return _base(base) + "?" + urlencode(params.format(params.Address(map_id=map_id, version=version)))


def teacher_link(map_id: str, key: str, base: str | None = None) -> str:
    """The link that opens a map for changing it: the learner link plus the edit key."""
    return _base(base) + "?" + urlencode(params.format(params.Address(map_id=map_id, key=key)))


def _base(base: str | None) -> str:
    base = base or settings.value("KG_PUBLIC_URL")
    return base if base.endswith("/") else base + "/"


# --- saving ----------------------------------------------------------------


def validate(
    files, max_rows: int | None | Literal["setting"] = SETTING, max_mb: float | None | Literal["setting"] = SETTING
) -> KnowledgeGraph:
    """Check files as an upload is checked: size, every link (file, row, column), and that tours fit the graph.

    ``max_rows`` and ``max_mb`` are the limits (None: none); by default, those of ``KG_MAX_ROWS`` and
    ``KG_MAX_UPLOAD_MB``. Raises :class:`~graph.files.load.ValidationError`; returns the graph when all is well.
    """
    rows: int | None = settings.value("KG_MAX_ROWS") if isinstance(max_rows, str) else max_rows
    most_mb: float | None = settings.value("KG_MAX_UPLOAD_MB") if isinstance(max_mb, str) else max_mb
    from graph.teaching.tours import tours_from_files

    files = tuple(files)
    if len(files) > MAX_FILES:
        raise ValidationError(
            [
                Problem(
                    files[0][0], None, None, f"a map holds at most {MAX_FILES} files (links, tours, …); these are {len(files):,}."
                )
            ]
        )
    for name, _ in files:
        # PostgreSQL refuses a NUL in text and a name over 255 characters; SQLite took both: refused the same everywhere.
        if "\x00" in name or len(name) > MAX_FILE_NAME:
            shown = name.replace("\x00", "\\x00")[:60]
            raise ValidationError(
                [Problem(shown, None, None, f"a file's name must be at most {MAX_FILE_NAME} characters, without NUL; rename it.")]
            )
    total = sum(len(data) for _, data in files)
    if most_mb is not None and total > settings.value("KG_MAX_MAP_MB") * 1024 * 1024:
        raise ValidationError([Problem(files[0][0], None, None, _too_much_for_a_map(total))])
    if most_mb is not None:
        for name, data in files:
            if len(data) > most_mb * 1024 * 1024:
                raise ValidationError(
                    [
                        Problem(
                            name,
                            None,
                            None,
                            f"the file is {len(data) / 1e6:.1f} MB; the limit here is {most_mb:g} MB. Split the graph, or ask whoever runs this app to raise KG_MAX_UPLOAD_MB.",
                        )
                    ]
                )
    with memory.reserved(memory.graph_cost(files), files[0][0] if files else "map"):  # the app's memory budget
        kg = load_files(files, max_rows=rows)
    _, problems = tours_from_files(files, kg)
    if problems:
        raise ValidationError(problems)
    return kg


def new_token(size: int) -> str:
    """A random URL-safe token of ``size`` bytes that never starts with "-", which a command line
    (``publish --map ID``, ``results --key KEY``) would read as an option."""
    while (token := secrets.token_urlsafe(size)).startswith("-"):
        pass
    return token


def publish(
    files,
    title: str,
    description: str = "",
    *,
    url: str | None = None,
    max_rows: int | None | Literal["setting"] = SETTING,
    max_mb: float | None | Literal["setting"] = SETTING,
    note: str = "",
) -> Published:
    """Save a new map as its version 1 and return its id and edit key.

    ``files`` are ``(name, bytes)`` pairs in the project's CSV schema (convert other formats with
    :func:`graph.files.formats.to_csv_files` first). They are validated first; a refusal stores nothing.

    Raises
    ------
    ValidationError
        With every problem (file, row, column), or a missing or too long title.

    Example
    -------
    >>> saved = publish([("edges.csv", open("data/edges.csv", "rb").read())], "Dopamine", url="sqlite://")
    >>> open_map(saved.map_id, url="sqlite://").number
    1
    """
    title, description = _checked_text(title, description)
    files = tuple(files)
    kg = validate(files, max_rows, max_mb)
    map_id, key = new_token(_ID_BYTES), new_token(_KEY_BYTES)
    with Session(engine(url)) as session, session.begin():
        _check_storage(session, None, sum(len(data) for _, data in files))
        session.add(_Map(id=map_id, key_hash=_hash(key), created_at=_now()))
        session.flush()  # the map's row first: PostgreSQL checks the version's foreign key at once
        first = _new_version(map_id, 1, title, description, files, len(kg.links))
        first.note = _checked_note(note)
        session.add(first)
    return Published(map_id, key, 1)


def add_version(
    map_id: str,
    key: str,
    files,
    title: str | None = None,
    description: str | None = None,
    *,
    url: str | None = None,
    max_rows: int | None | Literal["setting"] = SETTING,
    max_mb: float | None | Literal["setting"] = SETTING,
    note: str = "",
    refuse_unchanged: bool = False,
    on_top_of: int | None = None,
) -> int:
    """Save ``files`` as the map's next version (title and description kept unless given); return its number.

    ``note`` says what changed (shown in the list of versions). With ``refuse_unchanged`` (the app and
    the command line), a save that changes nothing of the newest version (its links, concepts, tours,
    title and description: :func:`graph.core.diff.diff_graphs`) raises :class:`NothingChanged`.
    ``on_top_of``: the newest version the teacher saw; when someone has saved since, :class:`StaleVersion`
    is raised rather than saving over their change unseen (as a wiki's edit conflict).

    Raises :class:`WrongKey` (also for an unknown map), :class:`NothingChanged`, :class:`StaleVersion` or
    :class:`~graph.files.load.ValidationError`; whichever, nothing is stored.
    """
    files = tuple(files)
    if not check_key(map_id, key, url=url):
        raise WrongKey()
    kg = validate(files, max_rows, max_mb)
    note = _checked_note(note)

    def make(_session: Session, latest: _Version) -> _Version:
        if on_top_of is not None and latest.number != on_top_of:
            raise StaleVersion(on_top_of, latest.number)
        new_title, new_description = _checked_text(
            latest.title if title is None else title, latest.description if description is None else description
        )
        if refuse_unchanged and (new_title, new_description) == (latest.title, latest.description):
            _refuse_if_same(latest, kg, files)
        version = _new_version(map_id, latest.number + 1, new_title, new_description, files, len(kg.links))
        version.note = note
        return version

    return _append(map_id, url, make)


def restore(map_id: str, key: str, number: int, *, url: str | None = None, on_top_of: int | None = None) -> int:
    """Make version ``number`` the newest again, by saving a copy of it as a new version; return the new number.

    ``on_top_of``: the newest version the teacher saw, as for :func:`add_version`: when someone has saved
    since, :class:`StaleVersion` is raised rather than hiding their version unseen.

    Raises :class:`WrongKey`, :class:`MapNotFound` (no such version) or :class:`StaleVersion`; whichever,
    nothing is stored.
    """
    if not check_key(map_id, key, url=url):
        raise WrongKey()

    def make(session: Session, latest: _Version) -> _Version:
        if on_top_of is not None and latest.number != on_top_of:
            raise StaleVersion(on_top_of, latest.number, restoring=number)
        old = session.scalars(select(_Version).where(_Version.map_id == map_id, _Version.number == number)).one_or_none()
        if old is None:
            raise MapNotFound(f"This map has no version {number}; it has versions 1 to {latest.number}.")
        version = _new_version(
            map_id, latest.number + 1, old.title, old.description, [(f.name, f.data) for f in old.files], old.links
        )
        version.restored_from = number
        return version

    return _append(map_id, url, make)


def _append(map_id: str, url: str | None, make) -> int:
    """Add the version ``make(latest)`` builds, in one transaction; two teachers saving at once get two numbers."""
    for attempt in range(3):
        try:
            with Session(engine(url)) as session, session.begin():
                if session.get_bind().dialect.name == "sqlite":
                    # SQLite has no row lock, and its transactions start when they first write: writing first takes
                    # the database's write lock, so saves queue here (busy_timeout) instead of reading one latest number.
                    session.execute(update(_Map).where(_Map.id == map_id).values(key_hash=_Map.key_hash))
                session.get(_Map, map_id, with_for_update=True)  # PostgreSQL: saves of one map queue here
                latest = session.scalars(
                    select(_Version).where(_Version.map_id == map_id).order_by(_Version.number.desc()).limit(1)
                ).one()
                version = make(session, latest)
                _check_storage(session, map_id, sum(len(f.data) for f in version.files))
                session.add(version)
                number = version.number
            return number
        except IntegrityError:  # SQLite has no row lock: another save took the number first; take the next
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _refuse_if_same(latest: _Version, kg: KnowledgeGraph, files: tuple[tuple[str, bytes], ...]) -> None:
    from graph.core.diff import diff_graphs
    from graph.files.load import is_tour_file

    old_files = [(f.name, f.data) for f in latest.files]
    tours = sorted(item for item in files if is_tour_file(item[0]))
    if tours == sorted(item for item in old_files if is_tour_file(item[0])) and diff_graphs(load_files(old_files), kg).empty:
        raise NothingChanged(
            f"Nothing changed: this graph is version {latest.number} as it is (the same links, concepts, tours, title "
            "and description), so no version was saved. Change the graph, then save."
        )


def _checked_note(note: str) -> str:
    note = " ".join((note or "").split())
    if len(note) > 500:
        raise ValidationError([Problem("note", None, None, f"the note has {len(note)} characters; keep it under 500.")])
    return note


def compare(map_id: str, before: int, after: int, *, url: str | None = None):
    """What version ``after`` of a map changes against version ``before`` (:class:`graph.core.diff.GraphDiff`).

    Raises :class:`MapNotFound` when either version does not exist.
    """
    from graph.core.diff import diff_graphs

    old, new = open_map(map_id, before, url=url), open_map(map_id, after, url=url)
    return diff_graphs(load_files(old.files), load_files(new.files))


def _check_storage(session: Session, map_id: str | None, adding: int) -> None:
    """Refuse a save that would take the map (all its versions) or all maps together past their budgets."""
    size = func.coalesce(func.sum(func.length(_File.data)), 0)
    if map_id is not None:
        held = session.scalar(select(size).join(_Version, _Version.id == _File.version_id).where(_Version.map_id == map_id)) or 0
        if held + adding > settings.value("KG_MAX_MAP_MB") * 1024 * 1024:
            raise ValidationError([Problem("map", None, None, _too_much_for_a_map(held + adding))])
    everything = session.scalar(select(size)) or 0
    most = settings.value("KG_MAX_STORAGE_MB")
    if everything + adding > most * 1024 * 1024:
        raise ValidationError(
            [
                Problem(
                    "storage",
                    None,
                    None,
                    f"this server keeps at most {most:,g} MB of maps and has {everything / 2**20:,.0f} MB; "
                    "nothing was saved. Tell whoever runs this app (KG_MAX_STORAGE_MB).",
                )
            ]
        )


def _too_much_for_a_map(total: int) -> str:
    return (
        f"with this version the map would hold {total / 2**20:,.1f} MB; a map keeps at most {settings.value('KG_MAX_MAP_MB'):,g} MB, all its "
        "versions and tours together. Publish it as a new map, or ask whoever runs this app to raise KG_MAX_MAP_MB."
    )


def _new_version(map_id, number, title, description, files, links) -> _Version:
    return _Version(
        map_id=map_id,
        number=number,
        title=title,
        description=description,
        links=links,
        created_at=_now(),
        files=[_File(position=i, name=name, data=data) for i, (name, data) in enumerate(files)],
    )


def _checked_text(title: str, description: str) -> tuple[str, str]:
    title, description = (title or "").strip(), (description or "").strip()
    if not visible(title):  # a zero-width space alone is no title
        raise ValidationError([Problem("title", None, None, "the map needs a title, so that learners know what they open.")])
    for what, value in (("title", title), ("description", description)):
        if "\x00" in value:  # PostgreSQL cannot store it; SQLite did: refused the same everywhere
            raise ValidationError([Problem(what, None, None, "remove the NUL character from it.")])
    if len(title) > MAX_TITLE:
        raise ValidationError(
            [Problem("title", None, None, f"the title has {len(title)} characters; keep it under {MAX_TITLE}.")]
        )
    if len(description) > 5000:
        raise ValidationError(
            [Problem("description", None, None, f"the description has {len(description)} characters; keep it under 5,000.")]
        )
    return title, description


# --- reading ---------------------------------------------------------------


def check_key(map_id: str, key: str, *, url: str | None = None) -> bool:
    """Whether ``key`` is the map's edit key; False for an unknown map too, in about the same time."""
    stored = None
    if _WELL_FORMED.fullmatch(map_id or ""):
        with Session(engine(url)) as session:
            stored = session.scalar(select(_Map.key_hash).where(_Map.id == map_id))
    return hmac.compare_digest(stored or _NO_MAP_HASH, _hash(key or "")) and stored is not None


def open_map(map_id: str, version: int | None = None, *, url: str | None = None) -> MapVersion:
    """The map's newest version, or ``version``; raises :class:`MapNotFound` with a message for a person."""
    if not _WELL_FORMED.fullmatch(map_id or ""):
        raise MapNotFound(_not_found())
    with Session(engine(url)) as session:
        latest = session.scalar(select(func.max(_Version.number)).where(_Version.map_id == map_id))
        if latest is None:
            raise MapNotFound(_not_found())
        number = latest if version is None else version
        found = None
        if 1 <= number <= _LARGEST_VERSION:  # a larger number PostgreSQL refuses as out of range: no version has it
            found = session.scalars(select(_Version).where(_Version.map_id == map_id, _Version.number == number)).one_or_none()
        if found is None:
            raise MapNotFound(
                f"This map has no version {version}; it has versions 1 to {latest}. Showing the article's graph instead."
            )
        return MapVersion(
            map_id, found.number, latest, found.title, found.description, tuple((f.name, f.data) for f in found.files)
        )


def versions(map_id: str, key: str, *, url: str | None = None) -> list[VersionInfo]:
    """Every version of the map, newest first (for its teacher: raises :class:`WrongKey` otherwise)."""
    if not check_key(map_id, key, url=url):
        raise WrongKey()
    with Session(engine(url)) as session:
        rows = session.scalars(select(_Version).where(_Version.map_id == map_id).order_by(_Version.number.desc()))
        return [
            VersionInfo(v.number, v.title, v.description, v.links, _aware(v.created_at), v.restored_from, v.note or "")
            for v in rows
        ]


def list_maps(*, url: str | None = None) -> list[MapSummary]:
    """Every map in the database, the most recently changed first, with its newest title."""
    with Session(engine(url)) as session:
        newest = select(_Version.map_id, func.max(_Version.number).label("latest")).group_by(_Version.map_id).subquery()
        rows = session.execute(
            select(_Version.map_id, _Version.title, _Version.number, _Version.links, _Version.created_at)
            .join(newest, (newest.c.map_id == _Version.map_id) & (newest.c.latest == _Version.number))
            .order_by(_Version.created_at.desc(), _Version.map_id)
        )
        return [MapSummary(row.map_id, row.title, row.number, row.links, _aware(row.created_at)) for row in rows]


def _not_found() -> str:
    return (
        "No map has this link: it may have been mistyped or cut short. Ask for the link again; "
        "meanwhile, here is the article's graph."
    )


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _aware(moment: dt.datetime) -> dt.datetime:
    # SQLite gives back the time without its zone; every time stored here is UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
