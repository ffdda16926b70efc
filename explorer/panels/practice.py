"""Practice: fill in the map, and build a map, each checked link by link against the graph.

Fill in the map blanks some words of the picture (the main view, around its focus), and once
checked marks each blank in the picture right (✓, green) or not yet (✗, red, dashed); build a map
starts from a focus question, a skeleton and a parking lot; links are drawn with the mouse in a
picture (:mod:`explorer.components.map_builder`) or added with a form, and "Check my map" scores the learner's links with
:func:`graph.teaching.score.score_map`. While either is under way, the main picture and the
Concept tab keep to themselves what would give the answers away. What a learner got right or wrong is kept per link for the session,
and the next exercise (or quiz) is chosen to bring back what they got wrong or have not seen lately
(:class:`graph.teaching.practice.Record`).
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Callable, Iterable
from typing import cast

import streamlit as st

from explorer.components.map_builder import DrawnLink, map_builder
from explorer.panels import class_view
from explorer.panels.caching import cache_data, cache_resource
from explorer.panels.graphs import reference_name
from explorer.panels.session import session
from explorer.state import MAP_FROM, MAP_TO, MAP_UPLOAD, MAP_WORDS, PRACTICE_MODE, fill_key
from graph import memory
from graph.core.model import KnowledgeGraph, Link
from graph.core.sentences import counted
from graph.core.text import evidence_line, plain
from graph.files.load import ValidationError
from graph.params import Address
from graph.picture.payload import Picture
from graph.picture.view import unbent
from graph.teaching.exercise import Exercise, MapTask, blank_feedback, check_blank, make_exercise, make_map_task
from graph.teaching.practice import Record
from graph.teaching.score import (
    MAX_LEARNER_BYTES,
    MapScore,
    Proposition,
    Reference,
    read_learner_map,
    score_map,
    write_learner_map,
)

__all__ = ["active", "address_fields", "blank_picture", "hidden_details_notice", "next_seed", "open_from_link", "panel", "record"]

_ICONS = {
    "match": "✅",
    "overstated": "⚠️",
    "reversed": "🔁",
    "different relation": "🔀",
    "not in the reference": "❔",
    "missing": "➖",
}
BUILD = "Build a map"
RIGHT = {"mark": "✓", "background": "#D7F0DF", "border": "#1B7F3B"}
WRONG = {"mark": "✗", "background": "#FBE1DD", "border": "#B3261E"}
"""How a checked blank looks in the picture: a mark and a colour, so that colour is never the only sign."""


def reference_for(kg: KnowledgeGraph) -> Reference:
    """What the graph supports, read with its own relation vocabulary when it brought one (a teacher's
    ``relations.csv``, loaded with the graph as ``kg.vocabulary``: its synonyms count in fill-in and in
    map scoring), else the article's; one per graph, shared by fill-in and map scoring."""
    return _reference(kg)


@cache_resource(show_spinner=False, max_entries=4)
def _reference(kg: KnowledgeGraph) -> Reference:
    return Reference(kg)


def panel(kg: KnowledgeGraph, focus: str, payload: Picture) -> None:
    """The Practice tab: choose an activity, then do it."""
    mode = st.radio("Activity", ["Fill in the map", BUILD], horizontal=True, key=PRACTICE_MODE, label_visibility="collapsed")
    if mode == "Fill in the map":
        _fill(kg, focus, payload)
    else:
        _build(kg, focus)


# --- the record: what a learner got right or wrong, per link ---------------------


CANDIDATES = 12
"""Seeds weighed when choosing the next exercise or quiz (each costs a few milliseconds)."""


def record() -> Record:
    """This learner's results per link, kept for the session (the quiz adds to it too)."""
    return session().practice.record


def next_seed(links_of: Callable[[int], Iterable[int]]) -> int:
    """A new seed, chosen among a few so that what this learner got wrong, or has not seen lately, comes back."""
    draw = random.SystemRandom()
    return record().best_seed(links_of, [draw.randrange(1, 10_000) for _ in range(CANDIDATES)])


# --- fill in the map -------------------------------------------------------------


def _start_fill(kg: KnowledgeGraph, focus: str, link_ids: tuple[int, ...]) -> None:
    def links_of(seed: int) -> list[int]:  # the blanks alone: distractors would cost each seed weighed their time
        exercise = make_exercise(kg, focus, list(link_ids), seed, with_distractors=False)
        return [link.link_id for b in exercise.blanks for link in b.links]

    session().practice.start_fill(next_seed(links_of))


def _exercise(kg: KnowledgeGraph, focus: str, link_ids: tuple[int, ...], seed: int) -> Exercise:
    return _cached_exercise(kg, focus, link_ids, seed, reference_for(kg))


@cache_data(show_spinner=False, max_entries=64)
def _cached_exercise(kg: KnowledgeGraph, focus: str, link_ids: tuple[int, ...], seed: int, _reference: Reference) -> Exercise:
    return make_exercise(kg, focus, list(link_ids), seed, reference=_reference)


def _building() -> bool:
    """Whether a map is being built (its task started, and the Practice tab showing it)."""
    return session().practice.map_focus is not None and st.session_state.get(PRACTICE_MODE) == BUILD


def _current_exercise(kg: KnowledgeGraph, focus: str, payload: Picture) -> Exercise | None:
    seed = session().practice.fill_seed
    if seed is None or _building():
        return None
    return _exercise(kg, focus, tuple(payload["link_ids"]), seed)


def _without_phrases(payload: Picture) -> Picture:
    """The picture with each of the focus's links drawn straight, not through a shared linking phrase:
    a blank stands for one link's relation, and a phrase names the relation of several at once. A line bent
    at points (drawn in parts through "bend" nodes) is one line again."""
    payload = cast(Picture, unbent(dict(payload)))
    # Each phrase stands between its own concept (the focus, or one further out) and the others.
    phrases = {node["id"]: node.get("concept") or payload["focus"] for node in payload["nodes"] if node["kind"] == "phrase"}
    if not phrases:
        return payload
    edges = []
    for edge in payload["edges"]:
        ends = {edge["from"], edge["to"]}
        if not ends & phrases.keys():
            edges.append(edge)
        elif edge["kind"] == "trunk":
            continue  # from the phrase's concept to the phrase
        else:
            straight = (
                {"from": phrases[edge["from"]], "to": edge["to"]}
                if edge["from"] in phrases
                else {"from": edge["from"], "to": phrases[edge["to"]]}
            )
            edges.append({**{k: v for k, v in edge.items() if k != "arrows"}, **straight})
    nodes = [node for node in payload["nodes"] if node["id"] not in phrases]
    return {**payload, "nodes": nodes, "edges": edges}


def blank_picture(kg: KnowledgeGraph, focus: str, payload: Picture) -> Picture:
    """The picture's data as practice needs it: while a map is built, its concepts without the links
    the learner is asked to draw; during fill-in, the exercise's blanks in place of their words, marked
    right or wrong once checked. Unchanged (the same object) when neither is on."""
    if _building():
        return _without_links(payload)
    exercise = _current_exercise(kg, focus, payload)
    if exercise is None or not exercise.blanks:
        return payload
    payload = _without_phrases(payload)
    concepts, relations = exercise.concept_blanks(), exercise.relation_blanks()
    checked = session().practice.fill_checked
    results = checked[1] if checked is not None and checked[0] == (exercise.seed, exercise.focus) else {}
    hide = _hider(kg, concepts)
    nodes = []
    for node in payload["nodes"]:
        if node["id"] in concepts:
            blank = concepts[node["id"]]
            node = {**node, "label": blank.mark, "title": f"Blank {blank.mark}: which concept goes here?"}
            if blank.number in results:
                node = _marked_node(node, blank.mark, blank.answer, *results[blank.number])
        elif "title" in node:
            node = {**node, "title": hide(node["title"])}
        nodes.append(node)
    edges = []
    for edge in payload["edges"]:
        link_id = int(edge["id"])
        if link_id in relations:
            blank = relations[link_id]
            edge = {**edge, "title": _gapped(kg.link(link_id), exercise), "label": blank.mark}
            if blank.number in results:
                edge = _marked_edge(edge, blank.mark, blank.answer, *results[blank.number])
        elif "title" in edge:
            edge = {**edge, "title": hide(edge["title"])}
        edges.append(edge)
    aria = f"Fill in the map around {focus}: {len(exercise.blanks)} blanks, numbered in the picture."
    version = f"{payload['version']}-fill{exercise.seed}"
    if results:
        right = sum(ok for _, ok in results.values())
        aria += f" Checked: {right} of {len(exercise.blanks)} right, marked ✓; the others are marked ✗."
        version += "-" + "".join("1" if ok else "0" for _, (_, ok) in sorted(results.items()))
    return {**payload, "nodes": nodes, "edges": edges, "version": version, "aria_label": aria}


def _marked_node(node: dict, mark: str, answer: str, written: str, right: bool) -> dict:
    """A checked concept blank: ✓ and the concept when right, ✗ when not (the answer stays for another try)."""
    look = RIGHT if right else WRONG
    label = f"{look['mark']} {mark} {answer}" if right else f"{look['mark']} {mark}"
    title = (
        f"Blank {mark}: right, {answer}." if right else f"Blank {mark}: not right yet" + (f" (“{written}”)." if written else ".")
    )
    colour = {"background": look["background"], "border": look["border"]}
    return {
        **node,
        "label": label,
        "title": title,
        "color": {**colour, "highlight": colour, "hover": colour},
        "borderWidth": 3,
        "font": {**node.get("font", {}), "color": look["border"]},
    }


def _marked_edge(edge: dict, mark: str, answer: str, written: str, right: bool) -> dict:
    """A checked relation blank: ✓ and its words when right, ✗ and a dashed line when not."""
    look = RIGHT if right else WRONG
    label = f"{look['mark']} {mark} {answer}" if right else f"{look['mark']} {mark}"
    verdict = "right" if right else "not right yet" + (f" (“{written}”)" if written else "")
    return {
        **edge,
        "label": label,
        "title": f"{edge['title']}: {verdict}.",
        "color": {"color": look["border"], "highlight": look["border"], "hover": look["border"]},
        "width": 3,
        "dashes": not right,
        "font": {**edge.get("font", {}), "color": look["border"]},
    }


def _without_links(payload: Picture) -> Picture:
    """The picture while a map is built: its concepts, named only, without the links (nor linking phrases,
    nor descriptions, which tell of links) that the learner is asked to draw."""
    nodes = [
        {**node, "title": node["id"]}
        for node in payload["nodes"]
        if node["kind"] == "concept"  # a linking phrase names a relation of the focus
    ]
    return {
        **payload,
        "nodes": nodes,
        "edges": [],
        "links_left_out": 0,
        "left_out": 0,
        "version": f"{payload['version']}-building",
        "aria_label": "While you build a map, the picture shows these concepts without their links.",
    }


def hidden_details_notice() -> str:
    """What the Concept tab says in place of the focus's links while practice hides them."""
    if _building():
        return (
            "While you build a map, the concepts' links stay hidden here and in the picture: they are what you are "
            "asked to draw. They come back when you stop building in the Practice tab."
        )
    return (
        "While you fill in the map, its details stay hidden: they would give the answers away. "
        "They come back when you end the exercise in the Practice tab."
    )


def _hider(kg: KnowledgeGraph, hidden: dict) -> Callable[[str], str]:
    """A function putting each hidden concept's mark in place of its name in a text (a tooltip, another
    concept's description), leaving longer names that contain it ("Dopamine levels" when "Dopamine" is hidden)."""
    folded = {c.casefold(): c for c in hidden}
    longer = [c for c in kg.graph if c not in hidden and any(h.casefold() in c.casefold() for h in hidden)]
    names = sorted([*hidden, *longer], key=len, reverse=True)
    pattern = re.compile("|".join(rf"\b{re.escape(n)}\b" for n in names), re.IGNORECASE)

    def hide(text: str) -> str:
        return pattern.sub(
            lambda m: hidden[folded[m.group(0).casefold()]].mark if m.group(0).casefold() in folded else m.group(0), text
        )

    return hide


def _gapped(link: Link, exercise: Exercise) -> str:
    """A link as a sentence with its blanked words shown as their blank's mark."""
    concepts, relations = exercise.concept_blanks(), exercise.relation_blanks()
    source = concepts[link.source].mark if link.source in concepts else link.source
    target = concepts[link.target].mark if link.target in concepts else link.target
    said = link.relation if link.source in concepts else link.said  # agreeing with a blank would give its number away
    relation = relations[link.link_id].mark if link.link_id in relations else said
    return f"{source} {relation} {target}"


def _fill(kg: KnowledgeGraph, focus: str, payload: Picture) -> None:
    state = session().practice
    exercise = _current_exercise(kg, focus, payload)
    if exercise is None:
        st.caption(
            f"Some words of the picture around {focus} are hidden and numbered: type each one, or pick it "
            "from the parking lot, which also holds some words that fit no blank. "
            f"Each is checked against the links of {reference_name()}."
        )
        st.button(
            "Start: fill in the map",
            on_click=_start_fill,
            args=(kg, focus, tuple(payload["link_ids"])),
            type="primary",
            key="fill_start",
        )
        return
    if not exercise.blanks:
        st.info(plain(f"{focus} has too few links shown for this exercise. Choose a concept with more links."))
        st.button("Stop", on_click=state.stop_fill, key="fill_stop")
        return
    st.markdown(f"**Exercise {exercise.seed}** " + plain(f"around {focus} · {len(exercise.blanks)} blanks"))
    st.caption("The address bar holds this exercise: share it to give a class the same blanks.")
    st.markdown(plain("Parking lot: " + " · ".join(exercise.parking_lot)))
    checked = state.fill_checked
    with st.form(f"fill_form_{exercise.seed}", border=False):
        for blank in exercise.blanks:
            where = "; ".join(_gapped(link, exercise) for link in blank.links)
            what = "a concept" if blank.kind == "concept" else "linking words"
            st.selectbox(
                plain(f"{blank.mark} ({what}) in: {where}"),
                exercise.parking_lot,
                index=None,
                accept_new_options=True,
                key=fill_key(exercise.seed, blank.number),
                placeholder="Type or pick from the parking lot…",
                format_func=str,
            )
        st.form_submit_button("Check my answers", on_click=_check_fill, args=(kg, exercise), type="primary", key="fill_check")
    if checked is not None and checked[0] == (exercise.seed, focus):
        _fill_feedback(kg, exercise, checked[1])
        class_view.notice()
    again, stop = st.columns(2)
    again.button(
        "New exercise",
        on_click=_start_fill,
        args=(kg, focus, tuple(payload["link_ids"])),
        key="fill_new",
        width="stretch",
        help="Blanks what you got wrong, or have not seen lately, first",
    )
    stop.button("Stop", on_click=state.stop_fill, key="fill_stop", width="stretch")


def _check_fill(kg: KnowledgeGraph, exercise: Exercise) -> None:
    reference = reference_for(kg)
    answers = {b.number: (st.session_state.get(fill_key(exercise.seed, b.number)) or "") for b in exercise.blanks}
    marks = {b.number: check_blank(reference, b, answers[b.number]) for b in exercise.blanks}
    session().practice.fill_answered(exercise.seed, exercise.focus, {n: (answers[n], marks[n]) for n in answers})
    record().remember({link.link_id: marks[b.number] for b in exercise.blanks for link in b.links})
    class_view.hand_in_fill(
        [
            ("; ".join(_gapped(link, exercise) for link in b.links), b.answer, answers[b.number], marks[b.number])
            for b in exercise.blanks
        ]
    )


def _fill_feedback(kg: KnowledgeGraph, exercise: Exercise, results: dict) -> None:
    reference = reference_for(kg)
    right = sum(ok for _, ok in results.values())
    st.markdown(f"**{right} of {len(exercise.blanks)} right**")
    show = {"right": st.success, "overstated": st.warning}
    for blank in exercise.blanks:
        answer, _ = results[blank.number]
        verdict, sentence = blank_feedback(reference, blank, answer)
        show.get(verdict, st.error)(plain(sentence))
        link = blank.links[0]
        if link.explanation:
            st.caption(plain(link.explanation))
        if line := evidence_line(link.section, link.sources):
            st.caption(plain(line))


# --- build a map -----------------------------------------------------------------


def _task(kg: KnowledgeGraph) -> MapTask | None:
    focus = session().practice.map_focus
    if focus is None or focus not in kg.graph:
        return None
    return make_map_task(reference_for(kg), focus)


def _build(kg: KnowledgeGraph, focus: str) -> None:
    state = session().practice
    task = _task(kg)
    if task is None:
        st.caption(
            plain(
                f"Draw your own map around {focus}: a focus question, a few concepts to start from and a "
                "parking lot of others. Link them with your own words, then check your map link by link."
            )
        )
        st.button("Start: build a map", on_click=state.start_build, args=(focus,), type="primary", key="map_start")
        return
    st.markdown("**Focus question:** " + plain(task.question))
    st.markdown(plain("Start from: " + ", ".join(task.skeleton)))
    st.markdown(plain("Parking lot: " + " · ".join(task.parking_lot)))
    links: list[Proposition] = state.map_links
    map_builder(
        task.scope,
        [(link.source, link.relation, link.target) for link in links],
        placed=task.skeleton,
        key="map_picture",
        on_link=_drawn,
    )
    _add_link_form(task)
    if message := state.map_message:
        st.info(plain(message))
    if links:
        st.markdown(f"**Your map** · {len(links)} link{'s' if len(links) != 1 else ''}")
        for index, link in enumerate(links):
            # Room for the whole word "Remove" in the narrow details pane (at [5, 1] it was cut to "Rem…").
            text, remove = st.columns([2, 1], vertical_alignment="center")
            text.markdown(plain(f"{index + 1}. {link.source} · {link.relation} · {link.target}"))
            remove.button(
                "Remove",
                key=f"map_remove_{index}",
                on_click=state.remove_link,
                args=(index,),
                help=plain(f"Remove link {index + 1}"),
            )
        st.button("Check my map", on_click=_check_map, args=(kg, task), type="primary", key="map_check")
    if (result := state.map_result) is not None:
        _map_feedback(result)
        class_view.notice()
    _save_and_load(links)
    again, stop = st.columns(2)
    again.button("Start again", on_click=state.start_build, args=(task.focus,), key="map_restart", width="stretch")
    stop.button(
        "Stop building",
        on_click=state.stop_build,
        key="map_stop",
        width="stretch",
        help="Ends the task, your map with it (download it first to keep it), and shows the links again",
    )


def _add_link_form(task: MapTask) -> None:
    concepts = list(task.scope)
    with st.form("map_add", border=True, clear_on_submit=True):
        st.markdown("**Add a link**")
        st.selectbox("From", concepts, index=None, key=MAP_FROM, accept_new_options=True, placeholder="A concept…")
        st.text_input("Linking words", key=MAP_WORDS, placeholder="e.g. can cause")
        st.selectbox("To", concepts, index=None, key=MAP_TO, accept_new_options=True, placeholder="A concept…")
        st.form_submit_button("Add link", on_click=_add_link, key="map_add_link")


def _add_link() -> None:
    source, words, target = (st.session_state.get(k) for k in (MAP_FROM, MAP_WORDS, MAP_TO))
    words = " ".join((words or "").split())
    state = session().practice
    if not source or not target or not words:
        state.refuse_link("A link needs a concept to start from, linking words and a concept to go to.")
        return
    if source == target:
        state.refuse_link("A link joins two different concepts.")
        return
    state.add_link(Proposition(source, words, target))


def _drawn(link: DrawnLink) -> None:
    session().practice.add_link(Proposition(link["source"], link["relation"], link["target"]))


def _check_map(kg: KnowledgeGraph, task: MapTask) -> None:
    state = session().practice
    result = score_map(reference_for(kg), state.map_links, scope=task.scope)
    state.map_checked(result)
    class_view.hand_in_map(state.map_links, task.scope, result.score)
    seen = {v.evidence[0].link_id: v.verdict == "match" for v in result.verdicts if len(v.evidence) == 1}
    record().remember(seen | {link.link_id: False for link in result.missing})


def _map_feedback(result: MapScore) -> None:
    name = reference_name()  # "the article", or a teacher's map by its title
    says = name[0].upper() + name[1:]
    st.markdown(score_line(result))
    for verdict in result.verdicts:
        line = f"{_ICONS.get(verdict.verdict, '•')} {verdict.written.source} · {verdict.relation} · {verdict.written.target}: {verdict.verdict}"
        with st.container(border=True):
            st.markdown(plain(line))
            st.caption(plain(verdict.note + (f" {says}: {verdict.reference}." if verdict.reference else "")))
    if result.missing:
        missing = len(result.missing)
        verb = "is" if missing == 1 else "are"
        with st.expander(plain(f"{counted(missing, 'link')} of {name} between these concepts {verb} missing")):
            st.markdown("\n".join(plain(f"- {link.read()}") for link in result.missing))


def score_line(result: MapScore) -> str:
    """The score and what it counts: the learner's links and the graph's links among the task's concepts left out.

    Example: "**Score 71%**: 15 of the 21 links counted are right: your 15 links, and the graph's 6 links
    among this task's concepts that your map leaves out."
    """
    yours, left_out = len(result.verdicts), len(result.missing)
    counted = yours + left_out
    line = f"**Score {result.score:.0%}**: {result.matches} of the {counted} link{'s' if counted != 1 else ''} counted "
    line += f"{'are' if result.matches != 1 else 'is'} right: your {yours} link{'s' if yours != 1 else ''}"
    if left_out:
        line += (
            f", and the graph's {left_out} link{'s' if left_out != 1 else ''} among this task's concepts "
            "that your map leaves out."
        )
    else:
        line += "; your map leaves out none of the graph's links among this task's concepts."
    return line


def _save_and_load(links: list[Proposition]) -> None:
    save, load = st.columns(2)
    save.download_button(
        "Download my map (CSV)",
        write_learner_map(links),
        file_name="my-map.csv",
        mime="text/csv",
        key="map_download",
        disabled=not links,
        width="stretch",
    )
    with load.popover("Open a saved map", width="stretch"):
        st.file_uploader(
            "A map you downloaded before (CSV)",
            type="csv",
            key=MAP_UPLOAD,
            on_change=_load_map,
            max_upload_size=max(1, math.ceil(MAX_LEARNER_BYTES / 2**20)),  # the browser refuses bigger files
        )
    if error := session().practice.map_load_error:
        st.error(plain(error))


def _load_map() -> None:
    upload = st.session_state.get(MAP_UPLOAD)
    state = session().practice
    state.map_not_opened(None)
    if upload is None:
        return
    try:
        memory.check(memory.graph_cost([(upload.name, upload.getvalue())]), upload.name)
        links = read_learner_map(upload.getvalue(), upload.name)
    except ValidationError as err:
        state.map_not_opened(f"{upload.name} cannot be opened as a map. {err.report()}")
        return
    state.open_map(links)


# --- the URL ---------------------------------------------------------------------


def open_from_link(address: Address) -> list[str]:
    """Open the fill-in exercise a shared link names; a message when it cannot be opened."""
    if "fill" in address.unread:
        return [f"The link names fill-in exercise '{address.unread['fill']}'; an exercise is named by a number."]
    if address.fill is not None:
        session().open_fill(address.fill)
    return []


def address_fields() -> dict:
    """The fill-in exercise on screen, as a field of :class:`graph.params.Address`."""
    return {"fill": session().practice.fill_seed}


def active() -> bool:
    return session().practice.active()
