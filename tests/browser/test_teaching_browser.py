"""Teaching in real headless Chromium, clicked as a person would: a guided tour, a quiz, a teacher's
own CSV, the offline web page and the path between two concepts."""

from __future__ import annotations

import csv
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from explorer.panels.teach import QUESTIONS
from graph.files.load import load_graph
from graph.teaching.quiz import make_quiz
from tests.browser.helpers import click_node, drawn_names, position, settled_view, wait_for_run, wait_for_view, wait_until_centred

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
FIXTURES = ROOT / "tests" / "fixtures" / "browser"
TOUR = "from-causes-to-symptoms"
PLANTS = {"Sunlight", "Water", "Photosynthesis", "Glucose", "Oxygen"}


# --- helpers ----------------------------------------------------------------


def open_app(page, url: str) -> str:
    page.goto(url)
    return wait_for_view(page, timeout_ms=40_000)


def drawn_nodes(page) -> set[str]:
    return drawn_names(page)


def details_heading(page):
    """The details panel's heading (the Concept tab's; it stays in the page while another tab is shown)."""
    return page.locator("h2")


def query(page) -> dict[str, list[str]]:
    """The address bar's query (read in the page: Streamlit changes it without navigating)."""
    return parse_qs(urlsplit(page.evaluate("() => location.href")).query)


def wait_for_query(page, **expected: str) -> dict[str, list[str]]:
    """Wait until the address bar holds ``expected`` (Streamlit writes it at the end of a run); return the query."""
    page.wait_for_function(
        "(expected) => { const q = new URLSearchParams(location.search);"
        " return Object.entries(expected).every(([k, v]) => q.get(k) === v); }",
        arg=expected,
        timeout=10_000,
    )
    return query(page)


def tour_steps(name: str) -> list[dict[str, str]]:
    with (DATA / "tours" / f"{name}.csv").open(newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def choose(page, label: str, option: str) -> None:
    """Pick ``option`` in the select box ``label``, typing to filter the (virtualised) list first."""
    box = page.get_by_label(label, exact=True)
    box.click()
    box.fill(option)
    page.get_by_role("option", name=option, exact=True).click()


# --- tour ---------------------------------------------------------------------


def test_a_tour_steps_through_its_concepts_with_captions_and_a_shareable_url(page, app_url):
    steps = tour_steps(TOUR)
    open_app(page, app_url)
    page.get_by_role("tab", name="Tour", exact=True).click()
    choose(page, "Guided tour", "From causes to symptoms")
    for number in (1, 2, 3):
        if number > 1:
            page.get_by_role("button", name="Next →").click()
        step = steps[number - 1]
        assert step["step"] == str(number)
        concept = step["concept"]
        expect(page.get_by_text(f"Step {number} of {len(steps)}: {concept}", exact=True)).to_be_visible()
        expect(page.get_by_text(step["caption"], exact=True)).to_be_visible()
        expect(details_heading(page)).to_have_text([concept])
        wait_until_centred(page, concept)
        assert concept in drawn_nodes(page)
    assert wait_for_query(page, step="3") == {"focus": [steps[2]["concept"]], "tour": [TOUR], "step": ["3"]}
    # The details, one tab away, are those of the third stop.
    page.get_by_role("tab", name="Concept", exact=True).click()
    expect(page.get_by_role("heading", name=steps[2]["concept"], exact=True)).to_be_visible()
    assert query(page)["step"] == ["3"]
    assert page.kg_errors == []


# --- quiz ---------------------------------------------------------------------


def question_box(page, number: int, question):
    return page.get_by_test_id("stForm").filter(has_text=f"{number}. {question.prompt}")


def start_quiz(page, app_url) -> tuple[int, list]:
    open_app(page, app_url)
    page.get_by_role("tab", name="Quiz", exact=True).click()
    page.get_by_role("button", name="Start a quiz").click()
    page.wait_for_function("() => /[?&]quiz=\\d+/.test(location.search)", timeout=15_000)
    seed = int(query(page)["quiz"][0])
    return seed, make_quiz(load_graph(DATA / "edges.csv"), seed, QUESTIONS)


def test_a_quiz_marks_a_right_and_a_wrong_answer_with_the_evidence(page, app_url):
    seed, questions = start_quiz(page, app_url)
    assert len(questions) == QUESTIONS
    score = page.locator("p").filter(has_text=re.compile(rf"^Quiz {seed} · "))
    expect(score).to_have_text(f"Quiz {seed} · {QUESTIONS} questions · none answered yet")

    first, second = questions[:2]
    question_box(page, 1, first).get_by_text(first.shown(first.answer), exact=True).click()
    question_box(page, 1, first).get_by_role("button", name="Check answer 1", exact=True).click()
    right = page.get_by_test_id("stAlertContentSuccess")
    expect(right).to_have_text(f"Right: {first.sentence}")
    expect(score).to_have_text(f"Quiz {seed} · {QUESTIONS} questions · 1 right out of 1 answered")

    wrong_choice = next(option for option in second.options if option != second.answer)
    question_box(page, 2, second).get_by_text(second.shown(wrong_choice), exact=True).click()
    question_box(page, 2, second).get_by_role("button", name="Check answer 2", exact=True).click()
    wrong = page.get_by_test_id("stAlertContentError")
    expect(wrong).to_have_text(f"Not quite. The graph says: {second.sentence}")
    expect(score).to_have_text(f"Quiz {seed} · {QUESTIONS} questions · 1 right out of 2 answered")
    expect(right).to_have_count(1)
    assert query(page)["quiz"] == [str(seed)]
    assert page.kg_errors == []


def agreeing_quiz() -> tuple[int, list]:
    """The first quiz whose first question asks for a relation the page must make agree with a plural subject.

    The keyboard test answers with the second option: its name on the page is "are thought to help with",
    not the table's "is thought to help with" (CI once drew such a quiz at random, and a test reading the
    raw option failed).
    """
    kg = load_graph(DATA / "edges.csv")
    for seed in range(10_000):
        questions = make_quiz(kg, seed, QUESTIONS)
        first = questions[0]
        second_option = first.options[1 % len(first.options)]
        if first.kind == "relation" and first.shown(second_option) != second_option:
            return seed, questions
    raise AssertionError("no quiz of the article asks for a relation that agrees with a plural subject")


def test_a_quiz_answered_with_the_keyboard_only_counts_once_checked(page, app_url):
    """Arrow keys move through the options without answering; Tab to "Check answer", Enter answers."""
    seed, questions = agreeing_quiz()
    open_app(page, f"{app_url}/?quiz={seed}")
    page.get_by_role("tab", name="Quiz", exact=True).click()
    first = questions[0]
    box = question_box(page, 1, first)
    box.get_by_role("radio").first.focus()
    for _ in range(len(first.options)):  # through every option, and round to the first again
        page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    chosen = first.options[1 % len(first.options)]
    expect(box.get_by_role("radio", name=first.shown(chosen), exact=True)).to_be_checked()
    wait_for_run(page)  # choosing is a rerun: once it is over, an answer would be showing
    expect(page.get_by_test_id("stAlertContentSuccess")).to_have_count(0)
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)
    page.keyboard.press("Tab")
    expect(box.get_by_role("button", name="Check answer 1", exact=True)).to_be_focused()
    page.keyboard.press("Enter")
    alert = "stAlertContentSuccess" if chosen == first.answer else "stAlertContentError"
    expect(page.get_by_test_id(alert)).to_contain_text(first.feedback(chosen))  # a full sentence, right or not
    score = page.locator("p").filter(has_text=re.compile(rf"^Quiz {seed} · "))
    right = int(chosen == first.answer)
    expect(score).to_have_text(f"Quiz {seed} · {QUESTIONS} questions · {right} right out of 1 answered")
    assert page.kg_errors == []


# --- a teacher's own graph -------------------------------------------------------


def upload(page, *paths: Path) -> None:
    page.get_by_role("button", name="Your graph").click()
    page.locator("input[type=file]").set_input_files([str(p) for p in paths])


def test_an_uploaded_graph_is_drawn_and_explored_and_a_bad_one_changes_nothing(page, app_url):
    open_app(page, app_url)
    upload(page, FIXTURES / "plants.csv")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your graph: plants.csv")
    page.keyboard.press("Escape")  # close the popover
    wait_until_centred(page, "Photosynthesis")  # the most connected concept comes first
    assert drawn_nodes(page) == PLANTS
    # Its own types, each with a style, in the legend.
    expect(page.locator(".kg-legend")).to_have_text(re.compile(r"input \(2\).*output \(2\).*process \(1\)"))

    click_node(page, "Glucose")
    expect(page.get_by_role("heading", name="Glucose", exact=True)).to_be_visible(timeout=15_000)
    wait_until_centred(page, "Glucose")
    wait_for_query(page, focus="Glucose")
    version, nodes = settled_view(page), drawn_nodes(page)
    assert nodes == {"Glucose", "Photosynthesis"}
    page.evaluate("() => { window.__pictureBefore = window.kgNetwork; }")

    # Replace the file with one that has a missing column and an empty cell: refused, with where to
    # look, and the picture does not change. (Removing a file alone changes nothing either.)
    page.get_by_role("button", name="Your graph").click()
    page.get_by_role("button", name="Remove plants.csv").click()
    expect(page.get_by_test_id("stFileChip")).to_have_count(0)
    page.locator("input[type=file]").set_input_files(str(FIXTURES / "broken.csv"))
    report = page.get_by_test_id("stAlertContentError")
    expect(report).to_have_text("broken.csv: not loaded, 2 problems found. The graph on screen has not changed.")
    expect(page.get_by_text("broken.csv was not loaded")).to_have_count(0)  # the report, and no empty status bar too
    expect(page.get_by_role("listitem")).to_have_text(
        [
            "broken.csv, row 1, column 'source_type': the required column is missing. "
            "Required columns: source, source_type, relation, target, target_type.",
            "broken.csv, row 3, column 'target': this cell is empty; every link needs a value here.",
        ]
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Your graph: plants.csv")
    expect(page.get_by_role("heading", name="Glucose", exact=True)).to_be_visible()
    wait_for_run(page)  # the upload's run is over: a redraw, if any, would have been sent with it
    assert settled_view(page) == version
    assert drawn_nodes(page) == nodes
    assert page.evaluate("() => window.kgNetwork === window.__pictureBefore"), "the picture was rebuilt"
    assert page.kg_errors == []


def test_two_links_files_at_once_are_refused_with_a_reason(page, app_url):
    """Both would be named in the title, so both must be the graph, or neither: here, neither."""
    first = open_app(page, app_url)
    nodes = drawn_nodes(page)
    page.evaluate("() => { window.__pictureBefore = window.kgNetwork; }")
    upload(page, FIXTURES / "plants.csv", FIXTURES / "animals.csv")
    expect(page.get_by_test_id("stAlertContentError")).to_have_text(
        "plants.csv, animals.csv: not loaded, 1 problem found. The graph on screen has not changed."
    )
    expect(page.get_by_role("listitem").filter(has_text="animals.csv:")).to_have_text(
        "animals.csv: 'plants.csv' is a links file too; upload one file of links "
        "(with nodes.csv, sources.csv and relations.csv if you have them): "
        "remove 'plants.csv' or 'animals.csv' from the upload and it loads."
    )
    page.keyboard.press("Escape")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dopamine deficiency: how the ideas connect")
    assert settled_view(page) == first and drawn_nodes(page) == nodes
    # The report has its own place above the picture, so the picture was not drawn anew either.
    assert page.evaluate("() => window.kgNetwork === window.__pictureBefore"), "the picture was rebuilt"
    assert page.kg_errors == []


def test_after_an_upload_the_first_click_keeps_the_popover_open_and_the_picture(page, app_url):
    open_app(page, app_url)
    upload(page, FIXTURES / "plants.csv")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your graph: plants.csv")
    page.keyboard.press("Escape")
    wait_until_centred(page, "Photosynthesis")
    page.evaluate("() => { window.__pictureAfterUpload = window.kgNetwork; }")
    page.get_by_role("button", name="Download").click()
    page.get_by_text("The whole graph", exact=True).click()
    wait_for_run(page)
    settled_view(page)
    expect(
        page.get_by_role("button", name="CSV files, zipped (links, nodes.csv, sources.csv; upload the zip again)")
    ).to_be_visible(timeout=2_000)
    assert page.evaluate("() => window.kgNetwork === window.__pictureAfterUpload"), "the picture was rebuilt"


# --- the offline web page ------------------------------------------------------------


def open_offline(browser, path: Path):
    """Open a saved page from disk in a new context that lets nothing but file:// through."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    outside: list[str] = []

    def only_files(route) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_files)
    offline = context.new_page()
    errors: list[str] = []
    offline.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    offline.on("pageerror", lambda exc: errors.append(str(exc)))
    offline.on("request", lambda request: None if request.url.startswith("file:") else outside.append(request.url))
    offline.goto(path.as_uri())
    offline.wait_for_function("() => window.kgNetwork !== undefined", timeout=15_000)
    return context, offline, outside, errors


def download_web_page(page, target: Path) -> Path:
    page.get_by_role("button", name="Download").click()
    with page.expect_download() as info:
        page.get_by_role("button", name="Interactive web page (works offline)").click()
    assert info.value.suggested_filename == "view.html"
    info.value.save_as(target)
    page.keyboard.press("Escape")
    return target


def test_the_downloaded_web_page_works_offline_from_disk(page, browser, app_url, tmp_path):
    open_app(page, app_url)
    shown = page.evaluate("() => window.kgNetwork.body.data.nodes.length")
    ids = drawn_nodes(page)
    saved = download_web_page(page, tmp_path / "view.html")
    context, offline, outside, errors = open_offline(browser, saved)
    try:
        assert offline.evaluate("() => window.kgNetwork.body.data.nodes.length") == shown
        assert (
            set(offline.evaluate("() => window.kgNetwork.body.data.nodes.get().filter((n) => n.group).map((n) => n.name)")) == ids
        )
        expect(offline.locator("#graph canvas")).to_be_visible()
        expect(offline.locator("h1")).to_have_text("Dopamine deficiency: how the ideas connect")
        offline.wait_for_load_state("networkidle")  # every request the page makes has been made (and refused)
        assert outside == [], f"the offline page asked the network for: {outside}"
        assert errors == []
    finally:
        context.close()
    assert page.kg_errors == []


# --- connect two -------------------------------------------------------------------


def test_connect_two_draws_the_shortest_path_and_reads_it_as_sentences(page, app_url):
    first = open_app(page, app_url)
    page.get_by_role("tab", name="Connect two", exact=True).click()
    choose(page, "From", "Aging")
    choose(page, "To", "Tremors")
    page.get_by_role("button", name="Show how they connect").click()
    page.locator(f'.kg-graph[data-ready="true"]:not([data-version="{first}"])').wait_for(timeout=15_000)
    assert drawn_nodes(page) == {"Aging", "Parkinson's disease", "Tremors"}
    positions = {name: position(page, name) for name in drawn_nodes(page)}
    assert positions["Aging"]["x"] < positions["Parkinson's disease"]["x"] < positions["Tremors"]["x"]  # left to right
    expect(page.get_by_text("1 shortest path of 2 links.", exact=True)).to_be_visible()
    expect(page.get_by_text("1. Aging → is linked to → Parkinson's disease", exact=True)).to_be_visible()
    expect(page.get_by_text("2. Parkinson's disease → can cause → Tremors", exact=True)).to_be_visible()
    assert wait_for_query(page, **{"from": "Aging", "to": "Tremors"}) == {
        "focus": ["Dopamine deficiency"],
        "from": ["Aging"],
        "to": ["Tremors"],
    }
    assert page.kg_errors == []


def test_two_browsers_at_once_each_see_only_their_own_graph_and_quiz(page, browser, app_url):
    other_context = browser.new_context(viewport={"width": 1366, "height": 768})
    try:
        other = other_context.new_page()
        open_app(page, app_url)
        open_app(other, app_url)
        upload(page, FIXTURES / "plants.csv")
        expect(page.get_by_role("heading", level=1)).to_have_text("Your graph: plants.csv")
        page.keyboard.press("Escape")  # close the popover
        page.get_by_role("tab", name="Quiz").click()
        page.get_by_role("button", name="Start a quiz").click()
        expect(page.get_by_text(re.compile(r"^Quiz \d+"))).to_be_visible()

        # The other browser, at the same time, still has the article, no quiz, and stays so after a rerun.
        other.get_by_role("button", name=re.compile(r"^Parkinson's disease . may cause . Dopamine deficiency$")).click()
        expect(other.get_by_role("heading", name="Parkinson's disease", exact=True)).to_be_visible()
        expect(other.get_by_role("heading", level=1)).to_have_text("Dopamine deficiency: how the ideas connect")
        other.get_by_role("tab", name="Quiz").click()
        expect(other.get_by_role("button", name="Start a quiz")).to_be_visible()
        assert "Photosynthesis" not in drawn_nodes(other)
        assert "quiz=" not in other.url
    finally:
        other_context.close()


def test_the_same_file_can_be_uploaded_again_after_going_back_to_the_article(page, app_url):
    open_app(page, app_url)
    upload(page, FIXTURES / "plants.csv")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your graph: plants.csv")
    page.get_by_role("button", name="Back to the article's graph").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dopamine deficiency: how the ideas connect")
    expect(page.get_by_test_id("stFileChip")).to_have_count(0)  # the uploader is empty again
    page.locator("input[type=file]").set_input_files(str(FIXTURES / "plants.csv"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your graph: plants.csv")
