"""The class at a glance: learners hand in their work on a learner link, and the teacher reads it in the Class view.

On a classroom map's **learner link** a learner picks a nickname once (its token kept in this browser's
storage, never in the address: :mod:`explorer.components.learner_memory`, :mod:`graph.classroom.results`,
so a reload or a new tab keeps it and a copied link does not give it away); from then on each
"Check my map", each checked fill-in exercise and each finished quiz is handed in to the map's
version on screen, and "Your work for the class" lists what they handed in, each with Delete.
Nothing is handed in for the article or an upload, or before a nickname is chosen.

On the **teacher link**, the Class view shows the group map (:mod:`graph.classroom.group_picture`),
who has a link and with what verdict (click it), a learner's difference map beside the map, the
propositions most missed, quiz items by difficulty, filters by version and day, and CSV and xlsx
downloads; the number of learners is always in its title.

The other panels call only :func:`hand_in_map`, :func:`hand_in_fill`, :func:`quiz_finished`,
:func:`notice`; the page calls :func:`panel`.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from explorer.components.graph_view import graph_view
from explorer.components.learner_memory import held_token, remember
from explorer.panels.graphs import Graph
from explorer.panels.session import session
from graph.classroom import results, store
from graph.classroom.group_picture import (
    COLOURS,
    MOST_EXTRA,
    SIGNS,
    base_picture,
    difference_payload,
    edge_of,
    group_payload,
    reference_payload,
)
from graph.core.problems import ValidationError
from graph.core.sentences import counted
from graph.core.text import plain
from graph.files.load import load_files
from graph.picture.payload import Payload
from graph.teaching.score import Proposition, Reference

if TYPE_CHECKING:
    from explorer.state import SharedMap

__all__ = ["hand_in_fill", "hand_in_map", "notice", "panel", "quiz_finished"]

STATE_KEY = "kg_class"
NICKNAME = "class_nickname"
_DATABASE_DOWN = "The classroom database cannot be reached just now, so this was not handed in. Try again in a minute."


@dataclass
class ClassState:
    """This browser's learner token and nickname for the map on screen, and what the Class view has selected."""

    token: str | None = None
    nickname: str | None = None
    checked_for: str | None = None
    """The map the token was checked against (a token belongs to one map)."""
    notice: tuple[str, str] | None = None
    """("done" or "refused", message) about the last hand-in, shown in the panel that handed it in."""
    quizzes_handed_in: set[tuple[str, int, int]] = field(default_factory=set)
    picked_link: str | None = None
    handed_in: bool = False
    """Something was just handed in from the explorer (a fragment): the page below it must be drawn again."""
    rejected: str | None = None
    """A token this browser held that is no learner's (any more) or that its learner asked to forget: never taken up again."""


def _state() -> ClassState:
    if STATE_KEY not in st.session_state:
        st.session_state[STATE_KEY] = ClassState()
    return st.session_state[STATE_KEY]


def _learner_map() -> SharedMap | None:
    """The classroom map on screen opened by its learner link (not the teacher's, not an upload or an edit)."""
    learner = session()
    found = learner.sharing.shared_map
    if found is None or found.key is not None or found.graph_key != learner.graph_key:
        return None
    return found


def _teacher_map():
    found = session().sharing.shared_map
    return found if found is not None and found.key is not None else None


def _me() -> tuple[str, str] | None:
    """(map id, token) of the learner on this learner link, once they have a nickname."""
    found, state = _learner_map(), _state()
    if found is None or not state.token:
        return None
    if state.checked_for != found.map_id:
        try:
            state.nickname = results.nickname_of(found.map_id, state.token)
        except SQLAlchemyError:
            return None
        state.checked_for = found.map_id
        if state.nickname is None:
            state.rejected, state.token = state.token, None
            return None
    return (found.map_id, state.token) if state.nickname else None


def _remember(found: SharedMap) -> None:
    """Keep the learner's token in this browser, or take up the one it holds for this map (after a reload)."""
    state, held = _state(), held_token(found.map_id)
    if state.token is None and held is not None and held != state.rejected:
        state.token, state.checked_for = held, None
    me = _me()  # checks a token taken up: one that is no learner's on this map is rejected at once
    remember(found.map_id, keep=me[1] if me else None, forget=me is None and held is not None and held == state.rejected)


# --- handing in (called by the Practice and Quiz panels) ---------------------------


def hand_in_map(links: list[Proposition], scope, score: float) -> None:
    """After "Check my map": hand the learner's map in, if they are on a learner link with a nickname."""
    _hand_in("map", results.map_work(links, scope), score, "Your map was handed in to your teacher")


def hand_in_fill(items: list[tuple[str, str, str, bool]]) -> None:
    """After a fill-in exercise is checked: ``(question, answer, given, right)`` per blank."""
    work = {"items": [{"question": q, "answer": a, "given": g, "right": r} for q, a, g, r in items]}
    score = sum(r for *_, r in items) / len(items) if items else 0.0
    _hand_in("fill", work, score, "Your answers were handed in to your teacher")


def quiz_finished(seed: int, questions, answers: dict[int, str], check) -> None:
    """Once every question of quiz ``seed`` is answered, hand the quiz in (once)."""
    found = _learner_map()
    if found is None or not questions or len(answers) < len(questions):
        return
    done = (found.map_id, found.number, seed)
    if done in _state().quizzes_handed_in:  # once, whatever came of it: a quiz is not handed in after the fact
        return
    _state().quizzes_handed_in.add(done)
    items = [(q.prompt, q.answer, answers[i], bool(check(q, answers[i]))) for i, q in enumerate(questions)]
    work = {"seed": seed, "items": [{"question": q, "answer": a, "given": g, "right": r} for q, a, g, r in items]}
    _hand_in("quiz", work, sum(r for *_, r in items) / len(items), "Your quiz was handed in to your teacher")
    notice()


def _hand_in(kind: str, work: dict, score: float, done: str) -> None:
    state, found = _state(), _learner_map()
    if found is None:
        return
    me = _me()
    if me is None:
        state.notice = ("refused", "Choose a nickname under “Your work for the class” (below the picture) to hand this in.")
        return
    try:
        results.hand_in(me[0], me[1], kind, work, score, found.number)
    except (results.TooManyHandIns, results.UnknownLearner, store.MapNotFound, ValidationError) as err:
        state.notice = ("refused", str(err))
        return
    except SQLAlchemyError:
        state.notice = ("refused", _DATABASE_DOWN)
        return
    state.notice = ("done", _ended(f"{done} as {state.nickname}"))
    state.handed_in = True


def refresh_after_hand_in() -> None:
    """Called first thing in the explorer's fragment: after a hand-in made in it, run the whole page instead,
    so that "Your work for the class" below lists what was just handed in (a fragment redraws only itself)."""
    state = _state()
    if state.handed_in:
        state.handed_in = False
        st.rerun(scope="app")


def _ended(sentence: str) -> str:
    """``sentence`` with a full stop, unless it ends with one already (a nickname "Ann B.")."""
    return sentence if sentence.endswith((".", "!", "?")) else sentence + "."


def notice() -> None:
    """What the last hand-in did, said once where the work was checked."""
    state = _state()
    if state.notice is None or _learner_map() is None:
        return
    kind, message = state.notice
    state.notice = None
    (st.success if kind == "done" else st.info)(plain(message), icon=":material/school:")


# --- the page: the learner's work, or the teacher's Class view -----------------------


def panel(graph: Graph) -> None:
    """Below the picture: "Your work for the class" on a learner link, the Class view on the teacher link."""
    if (found := _learner_map()) is not None:
        _remember(found)
        with st.expander("Your work for the class", icon=":material/school:"):
            _learner_panel()
    elif (teacher := _teacher_map()) is not None:
        _teacher_view(teacher)


@st.fragment
def _teacher_view(teacher: SharedMap) -> None:
    """The Class view, its title counting the learners. A fragment: opening it, a click in its group map or a
    filter reruns only this part of the page, not the picture and panels above."""
    try:
        count = results.learner_count(teacher.map_id, teacher.key or "")
    except (SQLAlchemyError, store.WrongKey, store.MapNotFound):
        count = 0
    opened = st.expander(
        f"Class view · {count} learner{'s' if count != 1 else ''}",
        icon=":material/groups:",
        key="kg_class_view",
        on_change="rerun",
    )
    with opened:
        if opened.open is not False:
            _class_view(teacher)


def _learner_panel() -> None:
    found, state = _learner_map(), _state()
    assert found is not None
    me = _me()
    if state.notice is not None:
        notice()
    with st.form("class_nickname_form", border=False):
        st.text_input(
            "Your nickname" if me is None else "Change your nickname",
            value=state.nickname or "",
            max_chars=results.MAX_NICKNAME,
            key=NICKNAME,
            help="A name your teacher knows you by; no e-mail, no password. This browser remembers it for this map; "
            "a link you share does not carry it.",
        )
        st.form_submit_button("Save nickname" if me else "Start handing in", on_click=_save_nickname, type="primary")
    if me is None:
        st.caption(
            "With a nickname, each “Check my map”, each checked fill-in and each finished quiz on this map "
            "is handed in to your teacher. Without one, nothing is."
        )
        return
    left, right = st.columns([5, 2], vertical_alignment="center")
    full_stop = "" if _ended(state.nickname or "") == state.nickname else "."
    left.markdown(f"You hand in as **{plain(state.nickname)}**{full_stop}")
    right.button(
        "Not me: forget",
        key="class_forget_me",
        on_click=_forget_me,
        help="On a shared computer: this browser stops handing in as this nickname (your hand-ins stay with your teacher).",
    )
    try:
        mine = results.my_hand_ins(*me)
    except SQLAlchemyError:
        st.warning("Your hand-ins cannot be listed just now.")
        return
    if not mine:
        st.caption("Nothing handed in yet.")
    for item in mine:
        left, right = st.columns([5, 1], vertical_alignment="center")
        what = {"map": "Map", "fill": "Fill-in", "quiz": "Quiz"}[item.kind]
        size = len(item.work.get("links", item.work.get("items", [])))
        left.markdown(
            plain(
                f"{what} · {counted(size, 'link' if item.kind == 'map' else 'answer')} · score {item.score:.0%} · "
                f"version {item.version} · {item.created_at:%Y-%m-%d %H:%M} UTC"
            )
        )
        right.button("Delete", key=f"class_delete_{item.id}", on_click=_delete, args=(item.id,))


def _save_nickname() -> None:
    found, state = _learner_map(), _state()
    if found is None:
        return
    typed = st.session_state.get(NICKNAME, "")
    try:
        me = _me()
        if me is None:
            state.token = results.join(found.map_id, typed)
            state.checked_for = None
            _me()
            state.notice = ("done", f"Welcome, {state.nickname}: what you check on this map now goes to your teacher.")
        else:
            state.nickname = results.rename(me[0], me[1], typed)
            state.notice = ("done", f"Your nickname is now {state.nickname}.")
    except (ValidationError, results.NicknameTaken, results.UnknownLearner, store.MapNotFound) as err:
        message = "; ".join(p.message for p in err.problems) if isinstance(err, ValidationError) else str(err)
        state.notice = ("refused", message[:1].upper() + message[1:])
    except SQLAlchemyError:
        state.notice = ("refused", "The classroom database cannot be reached just now. Try again in a minute.")


def _forget_me() -> None:
    state = _state()
    state.rejected, state.token, state.nickname, state.checked_for = state.token, None, None, None
    state.notice = ("done", "This browser no longer hands in under that nickname. Choose a nickname to hand in again.")


def _delete(hand_in_id: int) -> None:
    me = _me()
    if me is not None:
        try:
            results.delete_hand_in(me[0], me[1], hand_in_id)
        except SQLAlchemyError:
            _state().notice = ("refused", "That could not be deleted just now. Try again in a minute.")


# --- the teacher's Class view ---------------------------------------------------------


@st.cache_resource(show_spinner=False, max_entries=8)
def _reference(map_id: str, number: int) -> tuple[Reference, Payload]:
    """A version's graph as a scorer's reference, and where its concepts are drawn (a version never changes)."""
    kg = load_files(store.open_map(map_id, number).files)
    return Reference(kg), base_picture(kg)


@st.cache_resource(show_spinner=False, max_entries=16)
def _summarised(
    map_id: str, number: int, hand_ins: tuple[tuple[int, str], ...], _version, _hand_ins, _reference
) -> results.ClassResults:
    """The class's results, scored once for each set of hand-ins and names (a hand-in is never changed, only added or deleted)."""
    return results.summarise(_version, _hand_ins, _reference)


def _class_view(teacher) -> None:
    try:
        listed = store.versions(teacher.map_id, teacher.key)
    except (SQLAlchemyError, store.WrongKey):
        st.warning("The class's work cannot be read just now.")
        return
    numbers = [v.number for v in listed]
    version_column, since_column, until_column = st.columns([1, 1, 1])
    number = version_column.selectbox("Version", numbers, key="class_version", format_func=lambda n: f"version {n}")
    since = since_column.date_input("From (UTC)", value=None, key="class_since")
    until = until_column.date_input("To (UTC)", value=None, key="class_until")
    try:
        reference, base = _reference(teacher.map_id, number)
        version, hand_ins = results.class_hand_ins(teacher.map_id, teacher.key, number, since, until)
        found = _summarised(teacher.map_id, number, tuple((h.id, h.nickname) for h in hand_ins), version, hand_ins, reference)
    except (SQLAlchemyError, store.WrongKey, store.MapNotFound, ValidationError):
        st.warning("The class's work cannot be read just now.")
        return
    _summary(found)
    same = results.copies_of([(v.number, v.restored_from) for v in listed], number)
    if len(same) > 1:
        others = ", ".join(f"version {n}" for n in same if n != number)
        st.caption(f"Version {number} has the content of {others} (restored): work handed in on any of them is shown.")
    if not found.learners:
        st.info("No learner has handed in work on this version yet (in these days). Give the class the learner link.")
        return
    _group_picture(found, base)
    _difference(found, base)
    _tables(found)


def _summary(found: results.ClassResults) -> None:
    maps = sum(h.kind == "map" for h in found.hand_ins)
    answered = sum(h.kind != "map" for h in found.hand_ins)
    learners, handed, quizzes = st.columns(3)
    learners.metric("Learners", len(found.learners))
    handed.metric("Maps handed in", maps, help="Each learner's latest map makes the group map")
    quizzes.metric("Quizzes and fill-ins", answered)


def _group_picture(found: results.ClassResults, base: Payload) -> None:
    st.markdown(f"**Group map** · the latest maps of {counted(len(found.group.learners), 'learner')} on version {found.version}")
    st.caption(
        "A link's width grows with the learners who have it as the map says; its colour is the verdict most learners "
        "gave it, and its label says its relation, then counts them: "
        + ", ".join(f"{SIGNS[verdict]} {verdict}" for verdict in COLOURS)
        + ". Grey: no learner's map covers it. Dashed: links learners added (+ how many). Click a link to see who has it."
    )
    payload = group_payload(found.kg, found.group, base)
    if len(found.group.extra) > MOST_EXTRA:
        st.caption(
            f"Learners added {len(found.group.extra)} links the map lacks; the {MOST_EXTRA} added most are drawn, "
            "and all are in the downloads."
        )
    graph_view(payload, key="class_group", height=460, reserved=200, on_click=_pick_link)
    picked = _state().picked_link
    if picked is None:
        return
    edge = edge_of(payload, picked)
    if edge is not None and edge["kind"] == "link":
        counts = next((c for c in found.group.links if c.link.link_id == edge["link"]), None)
        if counts is not None:
            link = counts.link
            st.markdown(plain(f"{link.source} {link.relation} {link.target}"))
            rows = sorted(counts.learners.items(), key=lambda kv: (kv[1], kv[0].casefold()))
            st.dataframe(pd.DataFrame(rows, columns=["learner", "verdict"]), hide_index=True, width="stretch")
    elif edge is not None and edge["kind"] == "added":
        extra = found.group.extra[edge["added"]]
        st.markdown(plain(f"Added: {extra.source} {extra.relation} {extra.target}"))
        rows = sorted(extra.learners.items(), key=lambda kv: kv[0].casefold())
        st.dataframe(pd.DataFrame(rows, columns=["learner", "verdict"]), hide_index=True, width="stretch")


def _pick_link(event) -> None:
    if event["kind"] == "edge":
        _state().picked_link = str(event["id"])


def _difference(found: results.ClassResults, base: Payload) -> None:
    names = list(found.group.scores)
    if not names:
        return
    st.markdown("**A learner's difference map**")
    nickname = st.selectbox("Learner", names, index=None, key="class_learner", format_func=str, placeholder="Choose a learner…")
    if nickname is None:
        st.caption("Choose a learner to see their map against yours: what they have as it says, what they miss, what they added.")
        return
    score = found.group.scores[nickname]
    st.caption(
        plain(
            f"{nickname}: score {score.score:.0%}, {score.matches} of {len(score.verdicts)} links as the map says, "
            f"{len(score.missing)} missing."
        )
    )
    left, right = st.columns(2)
    with left:
        st.caption("The map")
        graph_view(reference_payload(found.kg, base, found.title), key="class_reference", height=360, reserved=300)
    with right:
        st.caption(plain(f"{nickname}'s map against it"))
        graph_view(difference_payload(found.kg, found.group, nickname, base), key="class_difference", height=360, reserved=300)


def _tables(found: results.ClassResults) -> None:
    frames = tables(found)
    st.markdown("**The propositions most missed**")
    if frames["most missed"].empty:
        st.caption("Every learner who was asked about a link has it as the map says.")
    else:
        st.dataframe(frames["most missed"], hide_index=True, width="stretch")
    st.markdown("**Quiz questions and fill-in blanks, hardest first**")
    if frames["items"].empty:
        st.caption("No quiz or fill-in handed in yet.")
    else:
        st.dataframe(frames["items"], hide_index=True, width="stretch")
    stem = f"class-{found.map_id}-v{found.version}"
    csv_column, xlsx_column = st.columns(2)
    csv_column.download_button(
        "Group map (CSV)",
        lambda: _as_text(frames["group map"]).to_csv(index=False).encode("utf-8"),
        file_name=f"{stem}.csv",
        mime="text/csv",
        key="class_csv",
        on_click="ignore",
        width="stretch",
    )
    xlsx_column.download_button(
        "Everything (xlsx)",
        lambda: workbook(frames),  # made when it is asked for: it takes most of the view's time
        file_name=f"{stem}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="class_xlsx",
        on_click="ignore",
        width="stretch",
    )


def tables(found: results.ClassResults) -> dict[str, pd.DataFrame]:
    """The Class view's tables: the group map (the map's links, then those added), the most missed, the items, every verdict."""
    shape = found.group.to_dict()
    group = pd.DataFrame(shape["links"]).assign(on_map=True)
    if shape["extra"]:
        added = pd.DataFrame(shape["extra"]).rename(columns={"learners": "added by"}).assign(on_map=False)
        group = pd.concat([group, added], ignore_index=True)
    missed = pd.DataFrame(
        [
            {
                "source": c.link.source,
                "relation": c.link.relation,
                "target": c.link.target,
                "learners who missed it": c.missed,
                "of": len(c.learners),
            }
            for c in found.group.most_missed()
        ]
    )
    items = pd.DataFrame(
        [
            {"kind": i.kind, "question": i.question, "answer": i.answer, "right": i.right, "learners": len(i.learners)}
            for i in found.items
        ]
    )
    verdicts = pd.DataFrame(
        [
            {"learner": name, "source": v.source, "relation": v.relation, "target": v.target, "verdict": v.verdict}
            for name, score in found.group.scores.items()
            for v in score.verdicts
        ]
        + [
            {"learner": name, "source": link.source, "relation": link.relation, "target": link.target, "verdict": "missing"}
            for name, score in found.group.scores.items()
            for link in score.missing
        ]
    )
    return {"group map": group, "most missed": missed, "items": items, "verdicts": verdicts}


def workbook(frames: dict[str, pd.DataFrame]) -> bytes:
    """The tables as one xlsx workbook, a sheet each (cells that look like formulas kept as text)."""
    out = io.BytesIO()
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        for name, frame in frames.items():
            _as_text(frame).to_excel(writer, sheet_name=name[:31], index=False)
    return out.getvalue()


def _as_text(frame: pd.DataFrame) -> pd.DataFrame:
    # A nickname or a learner's link "=cmd|…" must stay text in a spreadsheet, not become a formula.
    def guard(value):
        return "'" + value if isinstance(value, str) and value[:1] in ("=", "+", "-", "@") else value

    return frame.map(guard) if not frame.empty else frame
