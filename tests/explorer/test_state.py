"""The learner's session as plain objects (``explorer/state.py``): its moves, and what they hand the page.

No Streamlit and no AppTest here: what a move does to a widget is read from the values it records
(:meth:`Session.take_widgets`), and the address bar is a dict of query parameters.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from explorer.state import (
    DEPTH_CHOICE,
    FILL_IN,
    PANEL,
    PATH_FROM,
    PATH_TO,
    PRACTICE_MODE,
    SEARCH_TEXT,
    SHOWN_TYPES,
    TABS,
    TOUR_CHOICE,
    Editing,
    Practice,
    Session,
    SharedMap,
    Sharing,
    Teaching,
    Uploads,
)
from graph.core.model import KnowledgeGraph
from graph.params import ViewState, format, of_view
from graph.teaching.score import Proposition
from graph.teaching.tours import Tour, TourStep
from tests.conftest import PATH, SHORT_HEADER, kg_from

CHAIN = kg_from(PATH)
"""A → B → C → D → E (kinds cause, condition, symptom); B is the most connected concept (the first focus)."""

WATER = kg_from(
    SHORT_HEADER
    + """\
Evaporation,process,makes,Water vapour,state
Water vapour,state,cools into,Cloud,state
Cloud,state,gives,Rain,state
"""
)

TOUR = Tour("down-the-chain", "Down the chain", [TourStep(n, c, f"Stop {n}") for n, c in enumerate("ACE", 1)])


def started(params: dict[str, str] | None = None, kg: KnowledgeGraph = CHAIN, graph_key: str = "article") -> Session:
    """A session's first run on ``kg``, opened with the address ``params``."""
    learner = Session()
    learner.start(kg, graph_key, params or {})
    return learner


def widgets(learner: Session) -> dict[str, object]:
    """The widget values the moves so far set (as the page would write them), taken."""
    return learner.take_widgets()[0]


# --- the first run: the address bar ----------------------------------------------------


def test_a_session_without_an_address_starts_on_the_most_connected_concept():
    learner = started()
    assert learner.view == ViewState("B", 1, frozenset())
    assert learner.url_messages == [] and learner.history == [] and learner.path is None
    assert widgets(learner) == {DEPTH_CHOICE: "1", SHOWN_TYPES: CHAIN.types}


def test_the_view_is_read_from_the_address_and_shown_in_the_toolbar():
    learner = started({"focus": "d", "depth": "all", "hide": "cause,no such kind"})
    assert learner.view == ViewState("D", None, frozenset({"cause"}))
    assert learner.url_messages == []
    shown = widgets(learner)
    assert shown[DEPTH_CHOICE] == "all"
    assert shown[SHOWN_TYPES] == [kind for kind in CHAIN.types if kind != "cause"]


def test_an_address_with_bad_values_shows_the_first_view_and_says_what_was_not_used():
    learner = started({"focus": "Zebra", "depth": "9"})
    assert learner.view == ViewState("B", 1, frozenset())
    (concept, depth) = learner.url_messages
    assert "'Zebra'" in concept and "Showing 'B' instead" in concept
    assert "depth '9'" in depth


def test_an_address_naming_a_path_opens_it_and_one_naming_an_unknown_end_says_so():
    assert started({"from": "a", "to": "E"}).path == ("A", "E")
    assert started({"from": "A", "to": "A"}).path is None  # a concept is no path to itself
    learner = started({"from": "A", "to": "Zebra"})
    assert learner.path is None
    assert learner.url_messages == ["The link asked for a path with 'Zebra', which this graph does not have."]


def test_a_link_to_an_upload_this_session_does_not_have_shows_the_article():
    lost = started({"graph": "yours", "focus": "D"})
    assert lost.view.focus == "B"
    assert len(lost.url_messages) == 1 and "uploaded graph" in lost.url_messages[0]
    own = started({"graph": "yours", "focus": "D"}, graph_key="own:abc")
    assert own.view.focus == "D" and own.url_messages == []


def test_the_first_address_is_handed_to_the_panels_once():
    learner = started({"tour": "down-the-chain", "step": "2", "quiz": "7"})
    first = learner.take_first_params()
    assert first is not None and (first.tour, first.step, first.quiz) == ("down-the-chain", 2, 7)
    assert learner.take_first_params() is None


def test_the_same_graph_again_changes_nothing_and_a_new_one_starts_afresh_without_reading_the_address():
    learner = started({"focus": "D"})
    learner.go("E")
    learner.start_tour(TOUR)
    learner.teaching.answer(0, "causes")
    learner.start(CHAIN, "article", {"focus": "A"})
    assert learner.view.focus == "A" and learner.history == ["D", "E"]  # the tour's first stop
    learner.start(WATER, "own:water", {"focus": "Cloud"})  # the address is read on the first run only
    assert learner.view == ViewState(WATER.default_focus, 1, frozenset())
    assert learner.history == [] and learner.teaching.tour is None and learner.teaching.quiz_answers == {}
    assert learner.graph_key == "own:water"


def test_an_edit_of_the_graph_keeps_the_learners_place():
    learner = started({"focus": "D", "depth": "2"})
    edited = kg_from(PATH + "E,condition,leads to,F,symptom,,,\n")
    learner.start(edited, "own:edited", {})
    assert learner.view == ViewState("D", 2, frozenset())


# --- moving through the graph ----------------------------------------------------------


def test_going_to_a_concept_remembers_where_the_learner_came_from():
    learner = started({"depth": "2", "hide": "cause"})
    learner.take_widgets()
    learner.select_link(3)
    learner.go("C")
    learner.go("C")  # the focus itself: nothing to remember
    learner.go("D")
    assert learner.view == ViewState("D", 2, frozenset({"cause"}))
    assert learner.history == ["B", "C"]
    assert learner.selected_link is None
    assert widgets(learner) == {PATH_FROM: "D"}  # "Connect two" starts from where the learner is


def test_back_returns_along_the_trail_and_stops_at_its_start():
    learner = started()
    learner.go("C")
    learner.go("D")
    learner.back()
    assert (learner.view.focus, learner.history) == ("C", ["B"])
    learner.back()
    learner.back()
    assert (learner.view.focus, learner.history) == ("B", [])


def test_exploring_a_concept_opens_its_details_whichever_tab_was_open():
    learner = started()
    learner.take_widgets()
    learner.explore("E")
    assert learner.view.focus == "E"
    assert widgets(learner) == {PATH_FROM: "E", PANEL: TABS[0]}


def test_the_depth_and_kinds_chosen_in_the_toolbar_change_the_view_not_the_focus():
    learner = started()
    learner.set_depth("all")
    assert learner.view == ViewState("B", None, frozenset())
    learner.set_depth("3")
    learner.set_types(CHAIN, ["symptom"])
    assert learner.view == ViewState("B", 3, frozenset({"cause", "condition"}))
    learner.set_types(CHAIN, CHAIN.types)
    assert learner.view.hidden == frozenset()


def test_no_depth_chosen_keeps_the_depth_and_shows_it_again():
    learner = started()
    learner.set_depth("2")
    widgets(learner)
    learner.set_depth(None)  # seen in Chromium: a component's rerun carried the toolbar with no value, a KeyError before
    assert learner.view.depth == 2 and widgets(learner) == {DEPTH_CHOICE: "2"}


def test_a_page_turned_is_never_before_the_first():
    learner = started()
    learner.turn_page(2, 1)
    assert learner.view.page == 3
    learner.turn_page(0, -1)
    assert learner.view == ViewState("B", 1, frozenset(), 0)


def test_search_goes_to_the_concept_typed_misspelt_and_empties_the_box():
    learner = started(kg=WATER)
    learner.take_widgets()
    learner.find(WATER, "  evaporaton ")
    assert learner.view.focus == "Evaporation" and learner.search_message is None
    assert widgets(learner) == {PATH_FROM: "Evaporation", SEARCH_TEXT: ""}


def test_search_for_what_the_graph_does_not_have_suggests_and_stays():
    learner = started(kg=WATER)
    learner.take_widgets()
    learner.find(WATER, "water vapour and rain")
    assert learner.view.focus == WATER.default_focus
    text, suggestions = learner.search_message or ("", [])
    assert text == "water vapour and rain" and suggestions[0] == "Water vapour"
    assert SEARCH_TEXT not in widgets(learner)  # what was typed stays in the box, to be corrected
    learner.find(WATER, "   ")
    assert learner.search_message is None and learner.view.focus == WATER.default_focus


# --- connect two -------------------------------------------------------------------------


def test_connect_twos_lists_start_from_the_focus_or_the_path_and_keep_valid_choices():
    learner = started({"focus": "C"})
    learner.take_widgets()
    learner.fit_path_ends(CHAIN, {})
    assert widgets(learner) == {PATH_FROM: "C", PATH_TO: None}
    learner.fit_path_ends(CHAIN, {PATH_FROM: "A", PATH_TO: None})
    assert widgets(learner) == {}
    learner.fit_path_ends(CHAIN, {PATH_FROM: "Cloud", PATH_TO: "Rain"})  # chosen on another graph
    assert widgets(learner) == {PATH_FROM: "C", PATH_TO: None}
    learner.show_path(CHAIN, "B", "E", typed=False)
    learner.fit_path_ends(CHAIN, {})
    assert widgets(learner) == {PATH_FROM: "B", PATH_TO: "E"}


def test_a_path_is_shown_between_two_different_ends_chosen_or_typed():
    learner = started()
    learner.show_path(CHAIN, "A", "E", typed=False)
    assert learner.path == ("A", "E")
    learner.show_path(CHAIN, "A", None, typed=False)
    assert learner.path is None
    learner.show_path(CHAIN, "c", " e ", typed=True)
    assert learner.path == ("C", "E") and learner.path_message is None
    learner.show_path(CHAIN, "C", "c", typed=True)
    assert learner.path is None


def test_a_typed_end_the_graph_does_not_have_is_said():
    learner = started()
    learner.show_path(CHAIN, "A", "Zebra", typed=True)
    assert learner.path is None
    assert learner.path_message == "No concept is called 'Zebra'."


def test_leaving_a_path_for_one_of_its_ends_explores_it():
    learner = started()
    learner.show_path(CHAIN, "A", "E", typed=False)
    learner.leave_path_for("E")
    assert learner.path is None and learner.view.focus == "E" and learner.history == ["B"]
    learner.show_path(CHAIN, "A", "E", typed=False)
    learner.close_path()
    assert learner.path is None and learner.view.focus == "E"


# --- tours, quiz and practice ---------------------------------------------------------


def test_a_tour_step_focuses_its_concept_and_steps_stay_within_the_tour():
    learner = started()
    learner.show_path(CHAIN, "A", "E", typed=False)
    learner.start_tour(TOUR, 2)
    assert learner.teaching.tour == ("down-the-chain", 2) and learner.view.focus == "C" and learner.path is None
    learner.start_tour(TOUR, 99)
    assert learner.teaching.tour == ("down-the-chain", 3) and learner.view.focus == "E"
    learner.start_tour(TOUR, 0)
    assert learner.teaching.tour == ("down-the-chain", 1) and learner.view.focus == "A"
    assert learner.history == ["B", "C", "E"]


def test_a_tour_from_a_link_keeps_the_links_own_view_if_it_has_one():
    learner = started({"focus": "D"})
    learner.open_tour(TOUR, 3, keep_view=True)
    assert learner.teaching.tour == ("down-the-chain", 3) and learner.view.focus == "D"
    learner = started()
    learner.open_tour(TOUR, 2, keep_view=False)
    assert learner.view.focus == "C" and learner.history == []


def test_ending_a_tour_empties_the_tour_list():
    learner = started()
    learner.start_tour(TOUR)
    learner.stop_tour()
    assert learner.teaching.tour is None
    assert learner.take_widgets()[1] == {TOUR_CHOICE}
    learner.start_tour(TOUR)  # chosen again: the list is not emptied after all
    learner.set_widget(TOUR_CHOICE, "Down the chain")
    assert learner.take_widgets() == ({PATH_FROM: "A", TOUR_CHOICE: "Down the chain"}, set())


def test_a_quiz_answer_is_kept_and_a_check_with_no_answer_is_said_once():
    teaching = Teaching()
    teaching.show_quiz(5)
    teaching.answer(0, "causes")
    teaching.answer(1, None)
    assert teaching.quiz_answers == {0: "causes"} and teaching.quiz_last == 0
    assert teaching.take_unchecked(1) and not teaching.take_unchecked(1) and not teaching.take_unchecked(0)
    teaching.show_quiz(6)
    assert teaching.quiz_answers == {} and teaching.quiz_last is None


def test_a_shared_exercise_opens_in_the_fill_in_activity():
    learner = started()
    learner.take_widgets()
    assert not learner.practice.active()
    learner.open_fill(42)
    assert learner.practice.fill_seed == 42 and learner.practice.active()
    assert widgets(learner) == {PRACTICE_MODE: FILL_IN}
    learner.practice.stop_fill()
    assert not learner.practice.active()


def test_a_learners_map_takes_each_link_once():
    practice = Practice()
    practice.start_build("B")
    heats = Proposition("Sun", "heats", "Sea")
    practice.add_link(heats)
    practice.add_link(heats)
    assert practice.map_links == [heats] and practice.map_message is not None and "already has" in practice.map_message
    practice.remove_link(0)
    assert practice.map_links == []
    practice.open_map([heats, heats, Proposition("Sea", "feeds", "Cloud")])
    assert practice.map_links == [heats, Proposition("Sea", "feeds", "Cloud")]
    practice.stop_build()
    assert practice.map_focus is None and practice.map_links == [] and not practice.active()


# --- sharing, uploads, editing --------------------------------------------------------


def test_the_map_link_is_read_once_and_saves_are_counted_over_the_last_minute():
    sharing = Sharing()
    assert sharing.read_link() and not sharing.read_link()
    for moment in (0.0, 30.0, 70.0):
        sharing.saved(moment)
    assert sharing.saves_in_last_minute(80.0) == [30.0, 70.0]
    assert sharing.save_times == [30.0, 70.0]  # the first save fell out of the minute at the third
    sharing.tell("done", "Saved as version 2.")
    assert sharing.take_notice() == ("done", "Saved as version 2.") and sharing.take_notice() is None


def test_a_map_opened_with_the_learner_link_has_no_edit_key():
    learner_copy = SharedMap("m1", 2, 3, "Water", "", "map:m1:2")
    with pytest.raises(PermissionError):
        _ = learner_copy.edit_key
    assert SharedMap("m1", 2, 3, "Water", "", "map:m1:2", key="secret").edit_key == "secret"


def test_back_to_the_article_empties_the_uploader():
    uploads = Uploads()
    uploads.queue()
    assert uploads.take_pending() and not uploads.take_pending()
    uploads.use("abc", (("edges.csv", b"x"),), "Mine", {})
    key = uploads.uploader_key()
    uploads.use_article()
    assert uploads.own_graph is None and uploads.uploader_key() != key


def test_editing_history_starts_afresh_on_another_graph():
    editing = Editing()
    editing.follow("own:1")
    editing.history.done(("edges before",))
    editing.follow("own:1")
    assert editing.history.undone == [("edges before",)]
    editing.follow("own:2")
    assert editing.history.undo(("edges now",)) is None
    editing.refuse("No such link.")
    assert editing.take_notice() == ("refused", "No such link.") and editing.take_notice() is None


# --- the browser's Back and Forward -----------------------------------------------------


def remembered(learner: Session, **fields) -> dict[str, str]:
    """Write the view's address as the page does at the end of a run, and return it."""
    params = format(of_view(learner.view, **fields))
    learner.remember_address(params)
    return params


def test_an_address_the_page_wrote_itself_is_not_a_move():
    learner = started()
    learner.follow_address(CHAIN, {"focus": "D"})  # before the page wrote any address: nothing to follow
    assert learner.view.focus == "B"
    learner.go("C")
    learner.follow_address(CHAIN, remembered(learner))
    assert (learner.view.focus, learner.history) == ("C", ["B"])


def test_the_browsers_back_and_forward_move_along_the_trail():
    learner = started()
    at_b = remembered(learner)
    learner.go("C")
    at_c = remembered(learner)
    learner.take_widgets()
    learner.follow_address(CHAIN, at_b)  # Back
    assert (learner.view.focus, learner.history) == ("B", [])
    assert widgets(learner)[DEPTH_CHOICE] == "1"
    learner.follow_address(CHAIN, at_c)  # Forward
    assert (learner.view.focus, learner.history) == ("C", ["B"])
    learner.follow_address(CHAIN, {"focus": "E", "depth": "2", "from": "A", "to": "E"})
    assert learner.view == ViewState("E", 2, frozenset()) and learner.path == ("A", "E")


def test_the_browsers_back_follows_the_tour_step():
    learner = started()
    learner.start_tour(TOUR, 1)
    step_one = remembered(learner, tour=TOUR.name, step=1)
    learner.start_tour(TOUR, 2)
    remembered(learner, tour=TOUR.name, step=2)
    learner.follow_address(CHAIN, step_one)
    assert learner.teaching.tour == ("down-the-chain", 1) and learner.view.focus == "A"


def test_the_tab_opened_first_stays_the_panels_default():
    learner = started()
    assert learner.tab_to_open("Tour") == "Tour"
    assert learner.tab_to_open(None) == "Tour"
    assert started().tab_to_open(None) == TABS[0]


def test_widget_values_are_handed_over_once():
    learner = started()
    assert widgets(learner) != {}
    assert learner.take_widgets() == ({}, set())


def test_the_view_cannot_be_read_before_the_session_starts():
    with pytest.raises(RuntimeError, match="Session.start"):
        _ = Session().view


@given(st.lists(st.sampled_from(sorted(CHAIN.graph)), max_size=12))
def test_any_visits_then_back_return_the_visited_concepts_in_reverse(visits):
    learner = started()
    for concept in visits:
        learner.go(concept)
    seen = ["B"]
    for concept in visits:
        if concept != seen[-1]:
            seen.append(concept)
    assert learner.history == seen[:-1]
    returned = []
    while learner.history:
        learner.back()
        returned.append(learner.view.focus)
    assert returned == seen[-2::-1]
    learner.back()
    assert learner.view.focus == "B"


@given(st.lists(st.sampled_from(sorted(CHAIN.graph)), max_size=12))
def test_the_browsers_back_through_any_visits_walks_the_trail_as_the_back_button_does(visits):
    learner = started()
    written = [remembered(learner)]
    for concept in visits:
        learner.go(concept)
        written.append(remembered(learner))
    trail = learner.history + [learner.view.focus]
    for params in reversed(written[:-1]):  # the browser's Back, once per address the page wrote
        learner.follow_address(CHAIN, params)
        assert learner.history + [learner.view.focus] == trail[: len(learner.history) + 1]
    assert (learner.view.focus, learner.history) == ("B", [])
