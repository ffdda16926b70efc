"""The class at a glance end to end in real Chromium: three learners, each in a browser of their own,
pick a nickname on the learner link and hand in a map; the teacher's Class view then counts them,
in its title, its group map and the group map's CSV."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import expect

from graph.classroom import store
from tests.browser.helpers import wait_for_run, wait_for_view

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
WATER = ROOT / "tests" / "fixtures" / "app" / "water_cycle.csv"
LEARNERS = {
    "Ann": [("Sun", "drives", "Evaporation")],
    "Bob": [("Sun", "drives", "Evaporation"), ("Evaporation", "feeds", "Ocean")],
    "<img src=x onerror=window.kgPwned=1>": [("Ocean", "feeds", "Evaporation")],  # a nickname is text, never markup
}


@pytest.fixture
def classroom(tmp_path, streamlit_app):
    url = f"sqlite:///{tmp_path / 'maps.db'}"
    saved = store.publish([("water_cycle.csv", WATER.read_bytes())], "The water cycle", url=url)
    store.dispose(url)
    yield streamlit_app(APP, {"KG_DATABASE_URL": url}), saved


def pick(page, label: str, text: str) -> None:
    box = page.get_by_role("combobox", name=label)
    box.focus()
    page.keyboard.type(text)
    page.keyboard.press("Enter")


def hand_in(browser, base: str, map_id: str, nickname: str, links, reload: bool = False) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 768})  # a learner's own browser
    page = context.new_page()
    try:
        page.goto(f"{base}?map={map_id}")
        wait_for_view(page, timeout_ms=90_000)
        page.get_by_text("Your work for the class").click()
        page.get_by_role("textbox", name="Your nickname").fill(nickname)
        page.get_by_role("button", name="Start handing in").click()
        expect(page.get_by_text(f"You hand in as {nickname}.", exact=True)).to_be_visible(timeout=20_000)
        page.wait_for_function(f"() => localStorage.getItem('kg-learner:{map_id}')", timeout=15_000)
        assert "me=" not in page.url  # the learner's token is kept in this browser, never in a link
        if reload:  # a reload keeps who they are; the same link in another browser does not
            copied = page.url
            page.reload()
            wait_for_view(page, timeout_ms=90_000)
            page.get_by_text("Your work for the class").click()
            expect(page.get_by_text(f"You hand in as {nickname}.", exact=True)).to_be_visible(timeout=20_000)
            other = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
            other.goto(copied)
            wait_for_view(other, timeout_ms=90_000)
            other.get_by_text("Your work for the class").click()
            expect(other.get_by_role("textbox", name="Your nickname")).to_be_visible(timeout=20_000)
            assert other.get_by_text("You hand in as").count() == 0
            other.context.close()
        page.get_by_role("tab", name="Practice", exact=True).click()
        page.get_by_text("Build a map", exact=True).click()
        wait_for_run(page)
        page.get_by_role("button", name="Start: build a map", exact=True).click()
        for number, (source, words, target) in enumerate(links, 1):
            pick(page, "From", source)
            page.get_by_role("textbox", name="Linking words").fill(words)
            pick(page, "To", target)
            page.get_by_role("button", name="Add link", exact=True).click()
            expect(page.get_by_text(f"{number}. {source} · {words} · {target}", exact=True)).to_be_visible(timeout=15_000)
        page.get_by_role("button", name="Check my map", exact=True).click()
        expect(page.get_by_text(f"Your map was handed in to your teacher as {nickname}.")).to_be_visible(timeout=20_000)
        # The list below the picture (outside the explorer's fragment) shows it at once, not after a reload.
        expect(page.get_by_text(f"Map · {len(links)} link{'s' if len(links) != 1 else ''} · score", exact=False)).to_be_visible(
            timeout=20_000
        )
        assert page.evaluate("window.kgPwned") is None
    finally:
        context.close()


def test_three_learners_hand_in_and_the_teacher_sees_their_counts(browser, classroom, page, tmp_path):
    base, saved = classroom
    for number, (nickname, links) in enumerate(LEARNERS.items()):
        hand_in(browser, base, saved.map_id, nickname, links, reload=number == 0)

    page.goto(f"{base}?map={saved.map_id}&key={saved.key}")
    wait_for_view(page, timeout_ms=90_000)
    title = page.get_by_text("Class view · 3 learners")
    expect(title).to_be_visible(timeout=20_000)
    title.click()
    view = page.get_by_test_id("stExpander").filter(has_text="Class view")
    expect(view.get_by_test_id("stMetricValue").first).to_have_text("3", timeout=20_000)
    expect(view.get_by_label("Group map of 3 learners: 10 links of the map, 0 links learners added.")).to_have_count(
        1, timeout=20_000
    )
    with page.expect_download() as download:
        view.get_by_role("button", name="Group map (CSV)").click()
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8"))))
    counted = {(r["source"], r["relation"], r["target"]): r for r in rows}
    drives = counted[("Sun", "drives", "Evaporation")]
    feeds = counted[("Ocean", "feeds", "Evaporation")]
    assert (drives["match"], drives["reversed"]) == ("2", "0")
    assert (feeds["match"], feeds["reversed"]) == ("1", "1")
    # A click on a link of the group map says who has it (Bob reversed it, Cy's map has it as it is).
    group = view.locator('.kg-graph[aria-label^="Group map"]')
    group.scroll_into_view_if_needed()
    point = group.evaluate(
        """(el) => {
            const net = el.kgNetwork, [a, b] = net.getConnectedNodes("m2").map((n) => net.getPositions([n])[n]);
            return net.canvasToDOM({x: a.x + (b.x - a.x) * 0.4, y: a.y + (b.y - a.y) * 0.4});
        }"""
    )
    box = group.locator("canvas").bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    expect(view.get_by_text("Ocean feeds Evaporation", exact=True)).to_be_visible(timeout=20_000)
    wait_for_run(page)

    # The teacher picks the learner with the markup nickname: their difference map is drawn, and nothing runs.
    learner = view.get_by_role("combobox", name="Learner")
    learner.scroll_into_view_if_needed()
    learner.click()
    page.keyboard.type("<img")
    page.get_by_role("option", name="<img src=x onerror=window.kgPwned=1>").click()
    expect(view.get_by_label("Difference map of one learner: 10 links.")).to_have_count(1, timeout=20_000)
    expect(view.get_by_text("<img src=x onerror=window.kgPwned=1>: score", exact=False)).to_be_visible()
    assert page.evaluate("window.kgPwned") is None
    assert page.kg_errors == [] and page.kg_blocked == []
