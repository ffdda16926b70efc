"""The picture by keyboard, in real Chromium: Tab enters it, arrow keys follow links, each move is said, Enter refocuses."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from graph.load import load_graph
from tests.browser.helpers import GRAPH, settled_view, wait_for_view

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
APP = REPO / "app.py"
HUB = "Dopamine deficiency"
ARROWS = ("ArrowUp", "ArrowRight", "ArrowDown", "ArrowLeft")


@pytest.fixture
def app_url(streamlit_app) -> str:
    return streamlit_app(APP)


@pytest.fixture(scope="module")
def sentences() -> set[str]:
    kg = load_graph(REPO / "data" / "edges.csv")
    return {f"{s} {r} {t}" for s, r, t in kg.links[["source", "relation", "target"]].itertuples(index=False)}


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
