"""Classroom maps end to end in real Chromium: a teacher publishes, learners open the link in fresh
browsers (also after the server restarts, on the same SQLite file), click through, and cannot edit;
the teacher link can save a new version; ``embed=true`` shows only the picture and the details.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from deploy.local import start_streamlit, stop_streamlit
from tests.browser.helpers import click_node, settled_view, wait_for_view, wait_until_centred

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
WATER = ROOT / "tests" / "fixtures" / "app" / "water_cycle.csv"
MAP_TITLE = "The water cycle, for class 3B"


@pytest.fixture
def server(tmp_path):
    """``server.start()`` runs the app on the maps database in ``tmp_path`` (again after ``server.stop()``)."""

    class Server:
        process = None
        env = {"KG_DATABASE_URL": f"sqlite:///{tmp_path / 'maps.db'}"}

        def start(self) -> str:
            self.process, url = start_streamlit(APP, tmp_path / "server.log", self.env)
            return url

        def stop(self) -> None:
            if self.process is not None:
                stop_streamlit(self.process)
                self.process = None

    running = Server()
    yield running
    running.stop()


def fresh_page(browser):
    """A new browser context: no cookies, no session, as on a learner's own computer."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    return context, context.new_page()


def open_share_panel(page):
    page.get_by_text("Save and share with your class").click()
    return page.get_by_test_id("stExpander").filter(has_text="Save and share with your class")


def publish_water(page, url: str) -> tuple[str, str]:
    page.goto(url)
    wait_for_view(page, timeout_ms=90_000)
    page.get_by_role("button", name="Your graph").click()
    page.locator("input[type=file]").set_input_files(str(WATER))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your graph: water_cycle.csv", timeout=20_000)
    page.keyboard.press("Escape")
    settled_view(page)
    panel = open_share_panel(page)
    panel.get_by_label("Title").fill(MAP_TITLE)
    panel.get_by_label("Description (optional)").fill("Where rain comes from")
    panel.get_by_role("button", name="Publish").click()
    expect(panel.get_by_text("Published as version 1")).to_be_visible(timeout=20_000)
    expect(panel.get_by_test_id("stCode")).to_have_count(2, timeout=20_000)  # the learner and the teacher link
    learner, teacher = (code.inner_text().strip() for code in panel.get_by_test_id("stCode").all())
    return learner, teacher


def learner_clicks_through(browser, learner_link: str, focus: str, then: str, title: str = MAP_TITLE) -> None:
    context, page = fresh_page(browser)
    try:
        page.goto(learner_link)
        expect(page.get_by_role("heading", level=1)).to_have_text(title, timeout=90_000)
        wait_for_view(page, timeout_ms=90_000)  # a server just started draws its first picture slowly
        wait_until_centred(page, focus)
        click_node(page, then)
        expect(page.get_by_role("heading", name=then, exact=True)).to_be_visible(timeout=15_000)
        wait_until_centred(page, then)
        assert "map=" in page.url and "key=" not in page.url
        panel = open_share_panel(page)
        expect(panel.get_by_text("This map is shared read-only")).to_be_visible()
        expect(panel.get_by_role("button", name="Save this graph")).to_have_count(0)
        expect(panel.get_by_role("button", name="Restore")).to_have_count(0)
        expect(panel.get_by_text("Teacher link (keep it private", exact=False)).to_have_count(0)
        expect(panel.get_by_test_id("stCode")).to_have_count(1)  # the learner link only
    finally:
        context.close()


def teacher_saves_a_new_version(browser, teacher_link: str, corrected: Path) -> None:
    context, page = fresh_page(browser)
    try:
        page.goto(teacher_link)
        expect(page.get_by_role("heading", level=1)).to_have_text(MAP_TITLE, timeout=90_000)
        wait_for_view(page, timeout_ms=90_000)
        settled_view(page)
        assert "key=" not in page.url  # the key leaves the address bar once the map is open
        page.get_by_role("button", name="Your graph").click()
        page.locator("input[type=file]").set_input_files(str(corrected))
        expect(page.get_by_role("heading", level=1)).to_have_text("Your graph: water_cycle.csv", timeout=20_000)
        page.keyboard.press("Escape")
        settled_view(page)
        panel = open_share_panel(page)
        expect(panel.get_by_text(f"You can change {MAP_TITLE}")).to_be_visible()
        panel.get_by_label("What changed? (a short note, shown in the list of versions)").fill("Snow melts into rain")
        panel.get_by_role("button", name="Save this graph as version 2").click()
        expect(panel.get_by_text("Saved as version 2")).to_be_visible(timeout=20_000)
        expect(panel.get_by_role("button", name="Restore")).to_have_count(1)  # version 1, the older one
        expect(panel.get_by_text("Snow melts into rain", exact=False)).to_be_visible()  # the note, in the list of versions
    finally:
        context.close()


def test_a_map_is_published_opened_by_learners_after_a_restart_and_changed_only_by_its_teacher(server, browser, page, tmp_path):
    url = server.start()
    learner_link, teacher_link = publish_water(page, url)
    assert learner_link.startswith(url) and "key=" not in learner_link and "key=" in teacher_link
    learner_clicks_through(browser, learner_link, "Evaporation", "Sun")

    server.stop()  # the same database file, a new server process (on a new port)
    new_url = server.start()
    learner_link, teacher_link = (link.replace(url, new_url) for link in (learner_link, teacher_link))
    learner_clicks_through(browser, learner_link, "Evaporation", "Sun")

    corrected = tmp_path / "water_cycle.csv"
    corrected.write_bytes(WATER.read_bytes() + b"Snow,state,melts into,Rain,state,,,\n")
    teacher_saves_a_new_version(browser, teacher_link, corrected)
    learner_clicks_through(browser, learner_link, "Evaporation", "Sun")
    context, learner = fresh_page(browser)
    try:
        learner.goto(learner_link)  # the newest version, with the teacher's new link
        wait_for_view(learner, timeout_ms=90_000)
        wait_until_centred(learner, "Evaporation")
        learner.get_by_role("textbox", name="Find a concept").fill("rain")
        learner.get_by_role("textbox", name="Find a concept").press("Enter")
        wait_until_centred(learner, "Rain")
        expect(learner.get_by_role("button", name="Snow → melts into → Rain")).to_be_visible(timeout=15_000)
    finally:
        context.close()


def test_embed_shows_only_the_picture_and_the_details(server, browser, page):
    url = server.start()
    learner_link, _ = publish_water(page, url)
    context, embedded = fresh_page(browser)
    try:
        embedded.goto(learner_link + "&embed=true")
        wait_for_view(embedded, timeout_ms=90_000)
        wait_until_centred(embedded, "Evaporation")
        expect(embedded.get_by_role("heading", name="Evaporation", exact=True)).to_be_visible()
        click_node(embedded, "Sun")
        expect(embedded.get_by_role("heading", name="Sun", exact=True)).to_be_visible(timeout=15_000)
        expect(embedded.get_by_role("heading", level=1)).to_have_count(0)
        for hidden in ("Your graph", "Download", "Start a quiz"):
            expect(embedded.get_by_role("button", name=hidden)).to_have_count(0)
        expect(embedded.get_by_role("tab")).to_have_count(0)
        expect(embedded.get_by_text("Save and share with your class")).to_have_count(0)
    finally:
        context.close()
