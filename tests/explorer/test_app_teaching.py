"""Teaching in the app, through Streamlit's AppTest: Connect two, guided tours, the quiz and key concepts.

Expectations come from the library (``explain_paths``, ``make_quiz``, ``key_concepts``) and from the tour
files themselves, so the tests check that the screens show exactly what the graph and the files say.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from explorer.state import PANEL, TABS
from graph.core.query import explain_paths, key_concepts
from graph.core.text import evidence_line
from graph.files.load import load_graph
from graph.teaching.quiz import make_quiz
from tests.apptest import HUB, focus, link_buttons, open_tab, picture, run, start, tab, texts, unescape, uploader, url

REPO = Path(__file__).resolve().parents[2]
TOURS = REPO / "data" / "tours"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "app"
CAUSES = "from-causes-to-symptoms"
CAUSES_TITLE = "From causes to symptoms"


@pytest.fixture(scope="module")
def kg():
    return load_graph(REPO / "data" / "edges.csv")


# --- helpers -------------------------------------------------------------------


def reading(block) -> list[str]:
    """The Markdown and captions of a block, in page order, as text."""
    return [unescape(node.value) for node in block if getattr(node, "type", None) in ("markdown", "caption")]


def concepts_drawn(at: AppTest) -> set[str]:
    return {node["id"] for node in picture(at)["nodes"]}


def button_labels(block) -> dict[str, str]:
    return {b.key: unescape(b.label) for b in block.button}


def tour_rows(name: str) -> list[dict[str, str]]:
    """A tour as its CSV file says: one dict (step, concept, caption[, title]) per row."""
    with open(TOURS / f"{name}.csv", newline="", encoding="utf-8") as file:
        return [{k: v.strip() for k, v in row.items()} for row in csv.DictReader(file)]


def quiz_radios(at: AppTest) -> list:
    return list(tab(at, "Quiz").radio)


def answer(at: AppTest, index: int, option: str) -> None:
    """Choose ``option`` for question ``index`` and press its "Check answer" button."""
    seed = int(url(at)["quiz"])
    at.radio(key=f"quiz_{seed}_{index}").set_value(option)
    run(at.button(key=f"quiz_check_{index}").click())
    assert int(url(at)["quiz"]) == seed


def quiz_seed(at: AppTest) -> int:
    seed = int(url(at)["quiz"])
    assert texts(tab(at, "Quiz"))[0].startswith(f"**Quiz {seed}** · ")
    return seed


def score_line(at: AppTest) -> str:
    return texts(tab(at, "Quiz"))[0]


def upload(at: AppTest, name: str, data: bytes) -> AppTest:
    return run(uploader(at).set_value((name, data, "text/csv")))


# --- Connect two ---------------------------------------------------------------


def expected_reading(kg, start_: str, end: str) -> list[str]:
    """What the Connect two panel should read out for a found path: each chain as numbered sentences with evidence."""
    lines = []
    for number, chain in enumerate(explain_paths(kg, start_, end).paths, 1):
        lines.append(f"**Path {number}**")
        for step, link in enumerate(chain, 1):
            lines.append(f"{step}. {link.sentence}")
            if link.explanation:
                lines.append(link.explanation)
            if line := evidence_line(link.section, link.sources):
                lines.append(line)
    return lines


def test_connect_two_draws_only_the_paths_and_reads_them_as_sentences(kg):
    at = start()
    before = picture(at)
    open_tab(at, "Connect two")
    at.selectbox(key="path_from").set_value("Almonds")
    at.selectbox(key="path_to").set_value("Supplements")
    run(at.button(key="path_go").click())

    result = explain_paths(kg, "Almonds", "Supplements")
    links = {link.link_id: link for chain in result.paths for link in chain}
    assert len(result.paths) == 2  # two chains, sharing their first link
    drawn = picture(at)
    assert concepts_drawn(at) == {"Almonds", "Diet rich in magnesium and tyrosine", "Magnesium", "Tyrosine", "Supplements"}
    assert concepts_drawn(at) == {link.source for link in links.values()} | {link.target for link in links.values()}
    assert sorted(edge["id"] for edge in drawn["edges"]) == sorted(str(i) for i in links)
    assert {edge["id"]: edge.get("label") for edge in drawn["edges"]} == {str(i): link.relation for i, link in links.items()}
    assert drawn["focus"] == "Almonds"
    x = {node["id"]: node["x"] for node in drawn["nodes"]}
    for chain in result.paths:  # each chain reads left to right
        along = [chain[0].source] + [link.target for link in chain]
        assert [x[concept] for concept in along] == sorted({x[concept] for concept in along})

    panel = tab(at, "Connect two")
    assert texts(panel, "info") == ["2 shortest paths of 3 links."]
    assert reading(panel) == expected_reading(kg, "Almonds", "Supplements")
    assert "Section: How Can I Raise My Dopamine to Normal Levels? · Source: [1]" in reading(panel)
    assert url(at) == {"focus": HUB, "from": "Almonds", "to": "Supplements"}

    run(at.button(key="path_close").click())
    assert picture(at)["version"] == before["version"]
    assert picture(at)["focus"] == HUB and focus(at) == HUB
    assert url(at) == {"focus": HUB}
    assert "path_close" not in button_labels(at)
    assert reading(open_tab(at, "Connect two")) == [
        "The picture will show the shortest chains of links between the two, read as sentences."
    ]


def test_a_connection_only_against_the_arrows_says_so(kg):
    at = start()
    open_tab(at, "Connect two")
    at.selectbox(key="path_from").set_value("Tremors")
    at.selectbox(key="path_to").set_value("Cocaine use")
    run(at.button(key="path_go").click())

    result = explain_paths(kg, "Tremors", "Cocaine use")
    assert not result.directed
    panel = tab(at, "Connect two")
    assert texts(panel, "info") == [
        "1 shortest path of 2 links; no chain of links leads from 'Tremors' to 'Cocaine use' in the links' direction, "
        "so some links are read backwards."
    ]
    # The links are still read the way they are written.
    assert [line for line in reading(panel) if line[:1].isdigit()] == [
        "1. Dopamine deficiency → can cause → Tremors",
        "2. Cocaine use → may cause → Dopamine deficiency",
    ]
    assert reading(panel) == expected_reading(kg, "Tremors", "Cocaine use")
    assert concepts_drawn(at) == {"Tremors", HUB, "Cocaine use"}
    assert all(edge.get("label") for edge in picture(at)["edges"]) and len(picture(at)["edges"]) == 2


def test_a_shared_link_with_from_and_to_opens_the_path(kg):
    at = start(**{"from": "cocaine use", "to": "TREMORS"})
    assert concepts_drawn(at) == {"Cocaine use", HUB, "Tremors"}
    assert {e["id"]: e["label"] for e in picture(at)["edges"]} == {
        str(link.link_id): link.relation for link in explain_paths(kg, "Cocaine use", "Tremors").paths[0]
    }
    assert at.selectbox(key="path_from").value == "Cocaine use"
    assert at.selectbox(key="path_to").value == "Tremors"
    assert reading(tab(at, "Connect two")) == expected_reading(kg, "Cocaine use", "Tremors")
    assert url(at) == {"focus": HUB, "from": "Cocaine use", "to": "Tremors"}
    assert not at.warning

    # "Explore Tremors" leaves the path for the neighbourhood of its end.
    assert button_labels(tab(at, "Connect two"))["path_explore"] == "Explore Tremors"
    run(at.button(key="path_explore").click())
    assert focus(at) == "Tremors" and picture(at)["focus"] == "Tremors"
    assert url(at) == {"focus": "Tremors"}


def test_a_shared_link_to_an_unknown_concept_says_so_and_explores_instead():
    at = start(**{"from": "Cocaine use", "to": "zzzqqq"})
    assert texts(at, "warning") == ["The link asked for a path with 'zzzqqq', which this graph does not have."]
    assert picture(at)["focus"] == HUB and focus(at) == HUB
    assert url(at) == {"focus": HUB}


def test_two_concepts_that_are_not_connected_at_all(kg):
    at = start()
    two_parts = b"source,source_type,relation,target,target_type\nA,idea,leads to,B,idea\nC,idea,leads to,D,idea\n"
    upload(at, "two_parts.csv", two_parts)
    open_tab(at, "Connect two")
    at.selectbox(key="path_from").set_value("A")
    at.selectbox(key="path_to").set_value("D")
    run(at.button(key="path_go").click())
    panel = tab(at, "Connect two")
    assert texts(panel, "warning") == ["'A' and 'D' are not connected in this graph."]
    assert texts(panel) == ["Nearest to A: B.", "Nearest to D: C."]
    assert url(at) == {"focus": "A", "from": "A", "to": "D", "graph": "yours"}


def test_a_shared_link_from_a_concept_to_itself_is_not_a_path():
    at = start(**{"from": "tremors", "to": "Tremors"})
    assert picture(at)["nodes"], "the picture is empty"
    assert not [w for w in texts(at, "warning") if "not connected" in w]
    assert "from" not in url(at)


def test_the_address_of_a_tour_with_a_path_reopens_the_same_view():
    at = start()
    open_tab(at, "Tour")
    run(at.selectbox(key="tour_choice").set_value(CAUSES_TITLE))
    run(at.button(key="tour_next").click())
    run(link_buttons(at)["Cocaine use → may cause → Dopamine deficiency"].click())
    open_tab(at, "Connect two")
    at.selectbox(key="path_from").set_value("Cocaine use")
    at.selectbox(key="path_to").set_value("Tremors")
    run(at.button(key="path_go").click())
    shared = url(at)
    assert shared == {"focus": "Cocaine use", "tour": CAUSES, "step": "2", "from": "Cocaine use", "to": "Tremors"}

    again = start(**shared)
    assert url(again) == shared
    assert concepts_drawn(again) == concepts_drawn(at)
    assert focus(again) == "Cocaine use"


# --- Tours ---------------------------------------------------------------------


def assert_on_step(at: AppTest, name: str, number: int) -> None:
    """The app shows step ``number`` of the tour file ``name``: focus, picture, caption, progress, buttons, URL."""
    rows = tour_rows(name)
    row = rows[number - 1]
    assert row["step"] == str(number)
    assert focus(at) == row["concept"]
    assert picture(at)["focus"] == row["concept"]
    panel = tab(at, "Tour")
    assert texts(panel) == [row["caption"]]
    (progress,) = panel.get("progress")
    assert progress.text == f"Step {number} of {len(rows)}: {row['concept']}"
    assert at.button(key="tour_prev").disabled == (number == 1)
    assert at.button(key="tour_next").disabled == (number == len(rows))
    assert url(at) == {"focus": row["concept"], "tour": name, "step": str(number)}


def test_the_tour_list_has_each_file_with_its_title():
    at = start()
    titled = tour_rows("raising-dopamine-and-seeing-a-professional")[0]["title"]
    open_tab(at, "Tour")
    assert at.selectbox(key="tour_choice").options == [CAUSES_TITLE, titled]
    assert at.selectbox(key="tour_choice").value is None
    assert not tab(at, "Tour").get("progress")


def test_choosing_a_tour_focuses_its_first_step_and_next_previous_follow_the_file():
    rows = tour_rows(CAUSES)
    assert len(rows) == 9
    at = start()
    open_tab(at, "Tour")
    run(at.selectbox(key="tour_choice").set_value(CAUSES_TITLE))
    assert_on_step(at, CAUSES, 1)
    for number in range(2, len(rows) + 1):
        run(at.button(key="tour_next").click())
        assert_on_step(at, CAUSES, number)
    run(at.button(key="tour_prev").click())
    assert_on_step(at, CAUSES, len(rows) - 1)
    run(at.button(key="tour_prev").click())
    assert_on_step(at, CAUSES, len(rows) - 2)
    # Each step was a move, so Back retraces the tour.
    assert at.button(key="back")


def test_the_tour_with_a_title_column_works_the_same():
    name = "raising-dopamine-and-seeing-a-professional"
    at = start()
    open_tab(at, "Tour")
    run(at.selectbox(key="tour_choice").set_value(tour_rows(name)[0]["title"]))
    assert_on_step(at, name, 1)
    run(at.button(key="tour_next").click())
    assert_on_step(at, name, 2)


def test_a_shared_tour_step_opens_that_step():
    at = start(tour=CAUSES, step="3")
    assert_on_step(at, CAUSES, 3)
    assert at.selectbox(key="tour_choice").value == CAUSES_TITLE
    assert not [b for b in at.button if b.key == "back"]  # opening a link is not a move to go back from
    assert not at.warning
    run(at.button(key="tour_next").click())
    assert_on_step(at, CAUSES, 4)


@pytest.mark.parametrize(("step", "shown"), [("0", 1), ("99", 9), ("two", 1)])
def test_a_shared_tour_step_out_of_range_opens_the_nearest_step(step, shown):
    at = start(tour=CAUSES, step=step)
    assert_on_step(at, CAUSES, shown)


def test_an_unknown_tour_in_the_address_gives_a_friendly_warning():
    at = start(tour="no-such-tour", step="2")
    assert texts(at, "warning") == ["The link names a tour 'no-such-tour', which this graph does not have."]
    assert focus(at) == HUB
    assert not open_tab(at, "Tour").get("progress") and at.selectbox(key="tour_choice").value is None
    assert url(at) == {"focus": HUB}


def test_end_tour_clears_the_tour_from_the_address_and_keeps_the_focus():
    at = start(tour=CAUSES, step="2")
    concept = tour_rows(CAUSES)[1]["concept"]
    run(at.button(key="tour_end").click())
    assert url(at) == {"focus": concept}
    assert focus(at) == concept
    assert not open_tab(at, "Tour").get("progress") and at.selectbox(key="tour_choice").value is None
    assert "tour_next" not in button_labels(at)


def test_after_end_tour_the_same_tour_can_be_chosen_again():
    at = start()
    open_tab(at, "Tour")
    run(at.selectbox(key="tour_choice").set_value(CAUSES_TITLE))
    run(at.button(key="tour_next").click())
    run(at.button(key="tour_end").click())
    open_tab(at, "Tour")
    assert at.selectbox(key="tour_choice").value is None
    run(at.selectbox(key="tour_choice").set_value(CAUSES_TITLE))
    assert_on_step(at, CAUSES, 1)


# --- Quiz ----------------------------------------------------------------------


def assert_questions(at: AppTest, kg, seed: int):
    questions = make_quiz(kg, seed, 5)
    assert len(questions) == 5
    radios = quiz_radios(at)
    assert [unescape(r.label) for r in radios] == [f"{i}. {q.prompt}" for i, q in enumerate(questions, 1)]
    # Relation options as read after the subject: "Omega-3 fatty acids … are examples of".
    assert [[unescape(o) for o in r.options] for r in radios] == [[q.shown(o) for o in q.options] for q in questions]
    return questions


def test_start_quiz_asks_five_questions_made_from_the_graph(kg):
    at = start()
    assert texts(open_tab(at, "Quiz"), "caption") == [
        "Questions are made from the links in the graph, so each has exactly one right answer according to it."
    ]
    open_tab(at, "Quiz")
    run(at.button(key="quiz_start").click())
    seed = quiz_seed(at)
    assert 1 <= seed < 10_000
    assert score_line(at) == f"**Quiz {seed}** · 5 questions · none answered yet"
    assert_questions(at, kg, seed)
    assert all(r.value is None and not r.disabled for r in quiz_radios(at))
    assert url(at) == {"focus": HUB, "quiz": str(seed)}


def feedback_captions(link) -> list[str]:
    return [line for line in (link.explanation, evidence_line(link.section, link.sources)) if line]


def test_answers_right_and_wrong_get_feedback_with_evidence_and_the_score_counts(kg):
    at = start()
    open_tab(at, "Quiz")
    run(at.button(key="quiz_start").click())
    seed = quiz_seed(at)
    questions = assert_questions(at, kg, seed)
    first, second = questions[0], questions[1]

    answer(at, 0, first.answer)
    panel = tab(at, "Quiz")
    assert texts(panel, "success") == [f"Right: {first.sentence}"]
    assert not panel.error
    assert texts(panel, "caption")[1:] == feedback_captions(first.evidence)
    assert score_line(at) == f"**Quiz {seed}** · 5 questions · 1 right out of 1 answered"
    # The answered question is no longer a choice to make; the others still are.
    assert [r.key for r in quiz_radios(at)] == [f"quiz_{seed}_{i}" for i in range(1, 5)]

    wrong = next(option for option in second.options if option != second.answer)
    answer(at, 1, wrong)
    panel = tab(at, "Quiz")
    assert texts(panel, "error") == [f"Not quite. The graph says: {second.sentence}"]
    assert texts(panel, "success") == [f"Right: {first.sentence}"]
    assert texts(panel, "caption")[1:] == feedback_captions(first.evidence) + feedback_captions(second.evidence)
    assert score_line(at) == f"**Quiz {seed}** · 5 questions · 1 right out of 2 answered"
    assert {k: v for k, v in button_labels(panel).items() if k.startswith("quiz_explore")} == {
        "quiz_explore_0": f"Explore {first.focus}",
        "quiz_explore_1": f"Explore {second.focus}",
    }
    assert url(at) == {"focus": HUB, "quiz": str(seed)}


def test_choosing_an_option_is_not_answering_until_checked(kg):
    """Arrow keys move through the options (each move a choice): only "Check answer" answers."""
    question = make_quiz(kg, 42, 5)[0]
    at = start(quiz="42")
    wrong = next(option for option in question.options if option != question.answer)
    run(at.radio(key="quiz_42_0").set_value(wrong))
    assert score_line(at) == "**Quiz 42** · 5 questions · none answered yet"
    assert not tab(at, "Quiz").error and not tab(at, "Quiz").success
    answer(at, 0, question.answer)
    assert texts(tab(at, "Quiz"), "success") == [f"Right: {question.sentence}"]
    assert score_line(at) == "**Quiz 42** · 5 questions · 1 right out of 1 answered"


def test_checking_with_no_choice_asks_for_one(kg):
    at = start(quiz="42")
    run(at.button(key="quiz_check_3").click())
    assert texts(tab(at, "Quiz"), "info") == ["Choose one of the answers first."]
    assert score_line(at) == "**Quiz 42** · 5 questions · none answered yet"
    run(at)  # a later run forgets the hint
    assert not tab(at, "Quiz").info


def test_a_shared_quiz_gives_the_same_questions_in_order(kg):
    at = start(quiz="42")
    assert quiz_seed(at) == 42
    assert_questions(at, kg, 42)
    assert url(at) == {"focus": HUB, "quiz": "42"}
    again = start(quiz="42")
    assert [r.label for r in quiz_radios(again)] == [r.label for r in quiz_radios(at)]


def test_a_shared_quiz_that_is_not_a_number_is_refused_kindly():
    at = start(quiz="forty-two")
    assert texts(at, "warning") == ["The link names quiz 'forty-two'; a quiz is named by a number."]
    assert open_tab(at, "Quiz").button(key="quiz_start") and not quiz_radios(at)
    assert url(at) == {"focus": HUB}


def test_explore_after_an_answer_focuses_the_question_concept(kg):
    question = make_quiz(kg, 42, 5)[2]
    at = start(quiz="42")
    answer(at, 2, question.answer)
    run(at.button(key="quiz_explore_2").click())
    assert focus(at) == question.focus
    assert picture(at)["focus"] == question.focus
    assert url(at) == {"focus": question.focus, "quiz": "42"}
    # The quiz is still there, answer and all.
    open_tab(at, "Quiz")
    assert score_line(at) == "**Quiz 42** · 5 questions · 1 right out of 1 answered"


def test_new_quiz_changes_the_seed_and_starts_afresh(kg):
    at = start(quiz="42")
    answer(at, 0, make_quiz(kg, 42, 5)[0].answer)
    run(at.button(key="quiz_new").click())
    seed = quiz_seed(at)
    assert seed != 42
    assert score_line(at) == f"**Quiz {seed}** · 5 questions · none answered yet"
    assert_questions(at, kg, seed)
    assert not tab(at, "Quiz").success and not tab(at, "Quiz").error
    assert url(at) == {"focus": HUB, "quiz": str(seed)}


def test_an_answered_question_still_shows_the_choice_made(kg):
    question = make_quiz(kg, 42, 5)[1]
    wrong = next(option for option in question.options if option != question.answer)
    at = start(quiz="42")
    answer(at, 1, wrong)
    assert texts(tab(at, "Quiz"), "error")  # answered
    marks = "\n".join(texts(tab(at, "Quiz")))
    assert f"✗ {wrong} (your answer)" in marks
    assert f"✓ **{question.answer}** (the right answer)" in marks


def test_new_quiz_never_repeats_the_quiz_on_screen(monkeypatch):
    class Draws:
        """SystemRandom stand-in: the current seed first, then another."""

        values = [42, 43]

        def randrange(self, *_):
            return self.values.pop(0) if self.values else 44

    at = start(quiz="42")
    monkeypatch.setattr(random, "SystemRandom", Draws)
    run(at.button(key="quiz_new").click())
    assert url(at)["quiz"] != "42"


# --- Key concepts --------------------------------------------------------------


def test_key_concepts_are_listed_in_order_and_focus_when_clicked(kg):
    table = key_concepts(kg, top=10)
    at = start()
    assert not tab(at, "Key concepts").button  # computed only when asked for
    keys = [b.key for b in open_tab(at, "Key concepts").button]
    assert keys == [f"key_{i}" for i in range(10)]
    assert [unescape(b.label) for b in tab(at, "Key concepts").button] == [
        f"{row.concept} · {row.links} links · on {row.betweenness:.0%} of shortest routes" for row in table.itertuples()
    ]
    assert table.concept[0] == HUB
    chosen = table.concept[3]
    run(at.button(key="key_3").click())
    assert focus(at) == chosen
    assert at.session_state[PANEL] == TABS[0]  # its details shown
    assert picture(at)["focus"] == chosen
    assert url(at) == {"focus": chosen}
    run(at.button(key="back").click())  # the key concept was a move like any other
    assert focus(at) == HUB


def test_key_concepts_follow_an_uploaded_graph():
    at = start()
    upload(at, "water_cycle.csv", (FIXTURES / "water_cycle.csv").read_bytes())
    table = key_concepts(load_graph(FIXTURES / "water_cycle.csv"), top=10)
    assert len(table) == 8 and table.concept[0] == "Evaporation"
    assert [unescape(b.label).split(" · ")[0] for b in open_tab(at, "Key concepts").button] == list(table.concept)
    run(at.button(key="key_1").click())
    assert focus(at) == table.concept[1]
    assert url(at) == {"focus": table.concept[1], "graph": "yours"}


def test_a_key_concept_with_one_link_says_one_link():
    at = start()
    upload(at, "water_cycle.csv", (FIXTURES / "water_cycle.csv").read_bytes())
    labels = [unescape(b.label) for b in open_tab(at, "Key concepts").button]
    assert "Change of state · 1 link · on 0% of shortest routes" in labels


def test_the_open_tab_stays_open_as_paths_come_and_go():
    """The tabs' default is part of their identity: it is the first run's, kept (Session.tab_to_open), so that
    a path shown or closed does not send the learner back to another tab."""
    at = start()
    open_tab(at, "Connect two")
    at.selectbox(key="path_from").set_value("Almonds")
    at.selectbox(key="path_to").set_value("Supplements")
    run(at.button(key="path_go").click())
    assert at.session_state["panel"] == "Connect two"
    run(at.button(key="path_close").click())
    assert at.session_state["panel"] == "Connect two"
    assert tab(at, "Connect two").selectbox(key="path_to")  # drawn: the tab is the open one
