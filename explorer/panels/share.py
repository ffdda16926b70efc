"""Save and share: a teacher publishes the graph on screen as a classroom map and gets two links.

- the **learner link** (``?map=ID``, or ``&v=N`` to pin a version) opens the map read-only,
  in any browser, after any restart: it lives in the database (:mod:`graph.classroom.store`);
- the **teacher link** (``?map=ID&key=KEY``) opens it for saving new versions and restoring old
  ones. The key leaves the address bar once the map is open, so a learner looking over the
  teacher's shoulder, or a copied address, never carries it.

A link that opens nothing (unknown id, wrong key, no such version) shows the article's graph
and a plain message. ``embed=true`` on a link shows just the picture and the concept's details,
for an iframe in a course page.
"""

from __future__ import annotations

import time
from dataclasses import replace

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from explorer.components.address_cleaner import forget_parameter
from explorer.components.graph_view import graph_view
from explorer.panels import explore
from explorer.panels.graphs import Graph, own_tours, use_files, view_payload
from explorer.panels.session import session, write_address
from explorer.state import PUBLISH_DESCRIPTION, PUBLISH_TITLE, SharedMap
from graph import memory, settings
from graph.classroom import store
from graph.core.text import plain
from graph.files.load import ValidationError
from graph.params import EDIT_KEY, format, of_view, parse

__all__ = [
    "address_fields",
    "embed_page",
    "embedded",
    "newer_version",
    "open_from_url",
    "panel",
    "read_only",
    "shared_map",
    "suggested_title",
]

"""How many saves (publish, new version, restore) one browser session may make in a minute."""
EMBED_HEIGHT = 420
SAVE_NOTE = "save_note"
DIFF_FROM, DIFF_TO, DIFF_OPEN = "diff_from", "diff_to", "kg_diff"
_NO_DATABASE = (
    "The maps database cannot be reached just now, so the map was not opened; here is the article's graph. "
    "Try the link again in a minute, or tell whoever runs this app."
)


# --- opening a map from its link ---------------------------------------------


def open_from_url() -> str | None:
    """On a session's first run, open the map a ``?map=ID[&v=N][&key=KEY]`` link names.

    Returns a message for the reader when the link opens nothing (the article is shown then), else None.
    """
    if not session().sharing.read_link():
        return None
    address = parse(st.query_params.to_dict())
    map_id, key, version = address.map_id, address.key, address.version
    if key is not None:
        session().sharing.key_read()  # it leaves the address at the end of this run: see clean_address
    if not map_id:
        return None
    if (pinned := address.unread.get("v")) is not None:  # not int(): it takes "1_0", "٣" and 5,000 digits
        if not pinned.strip():  # "&v=" names no version: never some other one in its place
            return "The link asks for a version but names none (v= is empty); here is the article's graph."
        if pinned.isascii() and pinned.isdigit():  # a number, too long to be any version's
            return f"This map has no version {pinned[:40]}. Showing the article's graph instead."
        return f"The link asks for version “{pinned[:40]}”, which is not a number; here is the article's graph."
    try:
        if key is not None and not store.check_key(map_id, key):
            return str(store.WrongKey())
        found = store.open_map(map_id, version)
        _show(found, pinned=version is not None, key=key)
    except store.MapNotFound as err:
        return str(err)
    except memory.ServerBusy as err:
        return f"The map was not opened: {err.problems[0].message} Meanwhile, here is the article's graph."
    except ValidationError as err:  # stored before a rule was tightened, say: still no traceback
        return f"This map can no longer be shown: {err.problems[0]}. Here is the article's graph."
    except store.DatabaseUnavailable as err:
        return _database_unusable(err)
    except SQLAlchemyError:
        return _NO_DATABASE
    return None


def _database_unusable(err: store.DatabaseUnavailable) -> str:
    """A database that cannot be used as set up (not one that is down for a minute): why, without its address."""
    return (
        f"Maps cannot be opened or saved on this server just now: the maps database cannot be used ({err.reason}). "
        "Here is the article's graph; tell whoever runs this app (KG_DATABASE_URL)."
    )


def _show(found: store.MapVersion, pinned: bool, key: str | None) -> None:
    """Make a stored version this session's graph (through the same validation as an upload)."""
    graph_key = use_files(found.files, found.title)
    session().sharing.show(
        SharedMap(found.map_id, found.number, found.latest, found.title, found.description, graph_key, pinned, key)
    )


def shared_map(graph: Graph) -> SharedMap | None:
    """The map on screen, if the graph on screen is one (an upload or an edit since is not)."""
    found = session().sharing.shared_map
    return found if found is not None and found.graph_key == graph.key else None


def read_only() -> bool:
    """Whether this session opened a map with its learner link: then it has no publishing or editing controls."""
    found = session().sharing.shared_map
    return found is not None and found.key is None


def newer_version(graph: Graph) -> None:
    """On an older version a link pinned (``&v=N``), say that a newer one exists, with the link to the newest."""
    found = shared_map(graph)
    if found is None or found.number >= found.latest:
        return
    newest = store.learner_link(found.map_id, None, _public_base())
    st.info(
        f"This is version {found.number} of “{plain(found.title)}”, which the link pins; a newer version exists "
        f"(version {found.latest}). [Open the newest version]({newest})",
        icon=":material/update:",
    )


def address_fields(graph: Graph) -> dict:
    """The map shown (and its version when pinned), as fields of :class:`graph.params.Address`; the key is never put back."""
    found = shared_map(graph)
    if found is None:
        return {}
    return {"map_id": found.map_id, "version": found.number if found.pinned else None}


# --- the "Save and share" panel ---------------------------------------------


def panel(graph: Graph) -> None:
    """Publish the graph on screen, or, for its teacher, save a new version, see the versions and restore one."""
    found = shared_map(graph)
    teacher = _teacher_map()
    if notice := session().sharing.take_notice():
        kind, message = notice
        (st.success if kind == "done" else st.warning)(message)
    if found is not None:
        version = f"version {found.number}" + (" (an older one: the link pins it)" if found.number < found.latest else "")
        st.markdown(f"**{plain(found.title)}** — {version}.")
        if found.description:
            st.caption(plain(found.description))
    if found is not None and found.key is None:
        st.info(
            "This map is shared read-only: changes you make here stay in this browser tab. "
            "Only the teacher link can save a new version.",
            icon=":material/lock:",
        )
        _links(found.map_id, None, found.number if found.pinned else None)
    if read_only():  # a learner link: nothing to publish or save from here, even after an upload of their own
        return
    if teacher is not None:
        _teacher_tools(graph, teacher)
    if not graph.key.startswith("own:"):
        st.caption(
            "Upload or edit a graph first (“Your graph”, or “Edit the links in a table”); then save it here "
            "to give your class a link to it. The article's own graph needs no saving: its link is this page."
        )
        return
    with st.form("publish_map", border=teacher is None):
        st.markdown("**Publish as a new map**" if teacher is not None else "**Publish this graph for your class**")
        st.text_input("Title", value=suggested_title(graph), max_chars=store.MAX_TITLE, key=PUBLISH_TITLE)
        st.text_area("Description (optional)", max_chars=5000, key=PUBLISH_DESCRIPTION, height=80)
        st.form_submit_button("Publish", icon=":material/publish:", type="primary", on_click=_publish, args=(graph,))


def _teacher_tools(graph: Graph, teacher: SharedMap) -> None:
    st.markdown(f"You can change **{plain(teacher.title)}**: this page holds its teacher link (keep it private).")
    if graph.key != teacher.graph_key:
        st.text_input(
            "What changed? (a short note, shown in the list of versions)",
            key=SAVE_NOTE,
            max_chars=500,
            placeholder="e.g. Fixed the hedges",
        )
        st.button(
            f"Save this graph as version {teacher.latest + 1}",
            type="primary",
            icon=":material/save:",
            key="save_version",
            on_click=_save_version,
            args=(graph, teacher),
        )
    else:
        st.caption(
            "Change the graph (upload a corrected file, or edit the links in the table), then save it here as a new version."
        )
    _links(teacher.map_id, teacher.key, None)
    try:
        listed = store.versions(teacher.map_id, teacher.edit_key)
    except (SQLAlchemyError, store.WrongKey):
        st.warning("The list of versions cannot be read just now.")
        return
    st.markdown("**Versions** (learners' link opens the newest)")
    for item in listed:
        left, right = st.columns([4, 1], vertical_alignment="center")
        restored = f", a copy of version {item.restored_from}" if item.restored_from else ""
        shown = " — on screen" if item.number == teacher.number and graph.key == teacher.graph_key else ""
        note = f": {item.note}" if item.note else ""
        left.markdown(
            plain(
                f"{item.number}. {item.title}{note} ({item.links:,} links, {item.created_at:%Y-%m-%d %H:%M} UTC{restored}){shown}"
            )
        )
        if item.number != listed[0].number:
            right.button(
                "Restore",
                key=f"restore_{item.number}",
                on_click=_restore,
                args=(teacher, item.number),
                help=f"Save a copy of version {item.number} as the newest; nothing is deleted.",
            )

    if len(listed) > 1:
        _differences(teacher.map_id, [item.number for item in listed])


def _differences(map_id: str, numbers: list[int]) -> None:
    """What changed between two versions the teacher picks (the newest against the one before, at first);
    worked out only while open, and once per pair (a version never changes)."""
    differences = st.expander("What changed between two versions", icon=":material/difference:", key=DIFF_OPEN, on_change="rerun")
    with differences:
        if differences.open is False:
            return
        left, right = st.columns(2)
        before = left.selectbox("From version", numbers, index=1, key=DIFF_FROM)
        after = right.selectbox("To version", numbers, index=0, key=DIFF_TO)
        try:
            lines = _compared(map_id, before, after)
        except (SQLAlchemyError, store.MapNotFound, ValidationError):
            st.warning("Those versions cannot be compared just now.")
            return
        if not lines:
            st.caption(f"Versions {before} and {after} have the same links and concepts.")
        else:
            st.markdown("\n".join(f"- {plain(line)}" for line in lines))


@st.cache_data(show_spinner="Comparing the versions…", max_entries=32)
def _compared(map_id: str, before: int, after: int) -> list[str]:
    return store.compare(map_id, before, after).lines()


def _links(map_id: str, key: str | None, pinned: int | None) -> None:
    base = _public_base()
    st.markdown("Learner link (read-only):")
    st.code(store.learner_link(map_id, pinned, base), language=None)
    if key is not None:
        st.markdown("Teacher link (keep it private: it can change the map):")
        st.code(store.teacher_link(map_id, key, base), language=None)
    st.caption(
        "For a course page (Moodle, Canvas), add `&embed=true` to the learner link and put it in an iframe: "
        "it then shows only the picture and the details."
    )


def _public_base() -> str:
    # KG_PUBLIC_URL when the app is behind a proxy; otherwise the address this browser used to reach it.
    if settings.is_set("KG_PUBLIC_URL"):  # set by whoever runs the app
        return settings.value("KG_PUBLIC_URL")
    return st.context.url or store.DEFAULT_PUBLIC_URL


def suggested_title(graph: Graph) -> str:
    """The title a map is offered when published, from the map itself, never its file's name: the stored title of
    the classroom map it was opened from, else its first tour's title, else its most connected concept."""
    opened = session().sharing.shared_map
    if opened is not None:
        title = opened.title
    elif tours := own_tours(graph)[0]:
        title = tours[0].title
    else:
        title = graph.kg.default_focus
    return title[: store.MAX_TITLE]


def _teacher_map() -> SharedMap | None:
    found = session().sharing.shared_map
    return found if found is not None and found.key is not None else None


# --- saving ------------------------------------------------------------------


def _publish(graph: Graph) -> None:
    if not _may_save():
        return
    title, description = st.session_state[PUBLISH_TITLE], st.session_state[PUBLISH_DESCRIPTION]
    try:
        done = store.publish(graph.files, title, description)
        found = store.open_map(done.map_id)
    except ValidationError as err:
        _notice("refused", f"Not published: {'; '.join(str(p) for p in err.problems)}")
        return
    except store.DatabaseUnavailable as err:
        _notice("refused", "Nothing was published. " + _database_unusable(err).replace(" Here is the article's graph;", ""))
        return
    except SQLAlchemyError:
        _notice("refused", "The maps database cannot be reached just now; nothing was published. Try again in a minute.")
        return
    _show(found, pinned=False, key=done.key)  # the same files: the page keeps its place, under the map's title
    _notice("done", "Published as version 1. Give the learner link to your class; keep the teacher link for yourself.")


def _save_version(graph: Graph, teacher: SharedMap) -> None:
    if not _may_save():
        return
    note = (st.session_state.get(SAVE_NOTE) or "").strip()
    if not note:
        _notice("refused", "Not saved: write a short note of what changed, so that you can tell the versions apart.")
        return
    try:
        # On top of the newest version this teacher has seen: a save by someone else since is a conflict, not overwritten.
        store.add_version(
            teacher.map_id,
            teacher.edit_key,
            graph.files,
            note=note,
            refuse_unchanged=True,
            on_top_of=teacher.latest,
        )
        found = store.open_map(teacher.map_id)
    except store.StaleVersion as err:
        # Now they have seen it: the button offers the next number, and saving again is their choice.
        session().sharing.show(replace(teacher, latest=err.latest))
        _notice("refused", str(err))
        return
    except ValidationError as err:
        _notice("refused", f"Not saved: {'; '.join(str(p) for p in err.problems)}")
        return
    except store.NothingChanged as err:
        _notice("refused", str(err))
        return
    except (SQLAlchemyError, store.WrongKey):
        _notice("refused", "The new version could not be saved just now; nothing was changed. Try again in a minute.")
        return
    _show(found, pinned=False, key=teacher.key)
    st.session_state[SAVE_NOTE] = ""
    _notice("done", f"Saved as version {found.number}. The learner link now opens it.")


def _restore(teacher: SharedMap, number: int) -> None:
    if not _may_save():
        return
    try:
        store.restore(teacher.map_id, teacher.edit_key, number, on_top_of=teacher.latest)
        found = store.open_map(teacher.map_id)
    except store.StaleVersion as err:
        session().sharing.show(replace(teacher, latest=err.latest))  # seen now: pressing Restore again is their choice
        _notice("refused", str(err))
        return
    except (SQLAlchemyError, store.WrongKey, store.MapNotFound):
        _notice("refused", "That version could not be restored just now; nothing was changed.")
        return
    _show(found, pinned=False, key=teacher.key)
    _notice("done", f"Version {number} is restored as version {found.number}, the newest; the learner link now opens it.")


def _may_save() -> bool:
    """At most KG_MAX_SAVES_PER_MINUTE saves a minute per session: a stuck key or a script cannot fill the database."""
    now, sharing = time.monotonic(), session().sharing
    recent = sharing.saves_in_last_minute(now)
    if len(recent) >= settings.value("KG_MAX_SAVES_PER_MINUTE"):
        wait = int(60 - (now - recent[0])) + 1
        _notice("refused", f"You have saved {len(recent)} times in the last minute; wait {wait} s and save again.")
        return False
    sharing.saved(now)
    return True


def _notice(kind: str, message: str) -> None:
    """What the last save did ("done") or why it did not ("refused"), shown at the top of the panel."""
    session().sharing.tell(kind, message)


# --- embedding ---------------------------------------------------------------


def clean_address() -> None:
    """Take the teacher link's edit key out of the address bar and its history entry (drawn last, every
    run, so that the page's elements keep their places; it acts only on a key). Drawn last: once the key
    is out it asks for a rerun, which would cut short a run still drawing the page."""
    sharing = session().sharing
    forget_parameter(EDIT_KEY, waiting=sharing.key_in_address, on_forgotten=sharing.key_gone)


def embedded() -> bool:
    """Whether the page was opened with ``embed=true`` (Streamlit keeps that parameter out of ``st.query_params``)."""
    return bool(st.context.is_embedded)


def embed_page(kg, graph: Graph) -> None:
    """Just the picture and the focus's details, side by side, for an iframe (and the view kept in the URL)."""
    for message in session().url_messages:
        st.warning(plain(message))
    payload = view_payload(kg, session().view)
    picture, details = st.columns([3, 2], gap="small")
    with picture:
        graph_view(payload, key="main", height=EMBED_HEIGHT, on_click=lambda event: explore.handle_click(kg, event))
    with details:
        explore.details(kg)
    write_address(format(of_view(session().view, **address_fields(graph))))
    clean_address()
