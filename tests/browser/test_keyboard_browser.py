"""The picture by keyboard, in real Chromium: Tab enters it, arrow keys follow links, each move is said, Enter refocuses."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from graph.files.load import load_graph
from tests.browser.helpers import GRAPH, settled_view, wait_for_view

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
HUB = "Dopamine deficiency"
ARROWS = ("ArrowUp", "ArrowRight", "ArrowDown", "ArrowLeft")


@pytest.fixture(scope="module")
def sentences() -> set[str]:
    kg = load_graph(REPO / "data" / "edges.csv")
    return {kg.link(link_id).read() for link_id in kg.links.index}


def said(page) -> str:
    return page.locator(".kg-status").text_content() or ""


def test_arrow_keys_follow_links_and_say_each_one(page, app_url, sentences):
    page.goto(app_url)
    wait_for_view(page, timeout_ms=40_000)
    picture = page.locator(GRAPH)
    picture.focus()
    assert said(page).startswith(f"{HUB} — condition — ")
    reached = {}
    for key in ARROWS:
        page.keyboard.press("Home")
        page.keyboard.press(key)
        text = said(page)
        name, kind, sentence, count = text.split(" — ")
        assert sentence in sentences, text  # a move is along a link of the article, said as its sentence
        assert HUB in sentence and name in sentence and re.fullmatch(r"\d+ links?\.", count)
        reached[key] = name
    assert len(set(reached.values())) >= 3, reached  # the arrows lead different ways
    # Enter makes the concept under the cursor the focus, as a click would.
    page.keyboard.press("Home")
    page.keyboard.press("ArrowRight")
    target = said(page).split(" — ")[0]
    page.keyboard.press("Enter")
    expect(page.locator(f'{GRAPH}[data-focus="{target}"]')).to_have_count(1, timeout=20_000)
    settled_view(page)
    expect(page.get_by_role("heading", name=target, exact=True)).to_be_visible()
    # Escape leaves the picture.
    picture.focus()
    page.keyboard.press("Escape")
    assert not picture.evaluate("(el) => el.matches(':focus')")


def test_tab_reaches_the_picture_and_it_says_how_to_use_it(page, app_url):
    page.goto(app_url)
    wait_for_view(page, timeout_ms=40_000)
    presses = 0
    while not page.locator(GRAPH).evaluate("(el) => el.matches(':focus')"):
        assert presses < 40, "40 Tab presses never reached the picture"
        page.keyboard.press("Tab")
        presses += 1
    print(f"Tab presses from the top of the page to the picture: {presses}")
    assert "Arrow keys follow its links" in said(page)
    assert page.locator(GRAPH).get_attribute("role") == "application"


def tab_to(page, name: str, most: int = 60) -> int:
    """Press Tab until the focused element's text starts with ``name``; how many presses it took."""
    for presses in range(1, most + 1):
        page.keyboard.press("Tab")
        if page.evaluate("() => (document.activeElement?.textContent || '').trim()").startswith(name):
            return presses
    pytest.fail(f"{most} Tab presses never reached {name!r}")


def test_by_keyboard_alone_from_the_hub_to_a_cause_a_symptom_and_a_treatment(page, app_url):
    """The walk a learner makes with the keys only; the key presses are counted and reported."""
    page.goto(app_url)
    wait_for_view(page, timeout_ms=40_000)
    page.get_by_role("heading", name=HUB, exact=True).wait_for()
    page.get_by_role("heading", name=HUB, exact=True).evaluate("(el) => { el.tabIndex = -1; el.focus(); }")
    walk = [
        ("Parkinson's disease → may cause → Dopamine deficiency", "Parkinson's disease"),  # a cause
        ("can cause → Tremors", "Tremors"),  # a symptom it can cause
        ("← Back", "Parkinson's disease"),
        ("Parkinson's medications → can help manage → Parkinson's disease", "Parkinson's medications"),
    ]  # a treatment
    presses = []
    for label, arrives in walk:
        count = tab_to(page, label)
        page.keyboard.press("Enter")
        expect(page.locator(f'{GRAPH}[data-focus="{arrives}"]')).to_have_count(1, timeout=20_000)
        settled_view(page)
        expect(page.get_by_role("heading", name=arrives, exact=True)).to_be_focused()  # focus followed the move
        presses.append(count + 1)
    print(f"Key presses for the walk hub → cause → symptom → (back) → treatment: {presses} = {sum(presses)}")
    assert presses[1] <= 6  # a link in the first group is a few Tabs from the heading focus lands on


def test_after_checking_a_quiz_answer_focus_is_on_the_verdict(page, app_url):
    page.goto(app_url)
    wait_for_view(page, timeout_ms=40_000)
    page.get_by_role("tab", name="Quiz", exact=True).click()
    page.get_by_role("button", name="Start a quiz").click()
    first = page.locator(".st-key-quiz_q_0")
    first.get_by_role("radio").first.wait_for()
    first.get_by_role("radio").first.focus()
    page.keyboard.press("ArrowDown")  # chooses an option (the form answers only when checked)
    expect(first.get_by_role("radio").nth(1)).to_be_checked()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Check answer 1", exact=True)).to_be_focused()
    page.keyboard.press("Enter")
    verdict = page.locator(".st-key-quiz_q_0 [data-testid=stAlertContainer]")
    expect(verdict).to_be_focused(timeout=15_000)
    assert verdict.text_content().startswith(("Right:", "Not quite."))
