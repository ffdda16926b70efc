"""Editing a map in real Chromium: a teacher draws a link in the picture (dragging from one concept to
another, the map's relations offered), edits a concept with the keyboard, undoes and redoes, and saves the
edited map as the next version with a note; and the panel passes axe-core's audit."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import settled_view, wait_for_run, wait_for_view
from tests.browser.test_accessibility import AXE, violations
from tests.browser.test_practice_browser import BUILDER, draw_link, pick
from tests.browser.test_share_browser import WATER, fresh_page, publish_water, server  # noqa: F401

pytestmark = pytest.mark.browser

WATER_LINKS = 10


def links_drawn(page, count: int) -> None:
    expect(page.locator(f'{BUILDER}[data-links="{count}"]')).to_have_count(1, timeout=20_000)


def test_a_teacher_draws_a_link_edits_undoes_and_saves_a_version_with_a_note(server, browser, page):  # noqa: F811
    learner_link, _ = publish_water(page, server.start())  # the page is now the map's teacher page
    settled_view(page)
    page.get_by_text("Edit the map in a picture", exact=True).click()
    page.locator(f'{BUILDER}[data-ready="true"]').wait_for(timeout=20_000)
    links_drawn(page, WATER_LINKS)
    offered = page.locator(".mb-words").evaluate("(box) => Array.from(box.list.options, (o) => o.value)")
    assert "heats" in offered and "can cause" in offered  # the map's relations and the vocabulary's

    draw_link(page, "Sun", "Rain", "heats")
    expect(page.get_by_text("Added Sun → heats → Rain.", exact=True)).to_be_visible(timeout=20_000)
    links_drawn(page, WATER_LINKS + 1)

    page.get_by_role("button", name="Undo", exact=True).click()
    wait_for_run(page)
    links_drawn(page, WATER_LINKS)
    page.get_by_role("button", name="Redo", exact=True).click()
    wait_for_run(page)
    links_drawn(page, WATER_LINKS + 1)

    # The keyboard way: choose a concept, change its description, save.
    pick(page, "Change or delete a concept", "Lake")
    wait_for_run(page)
    form = page.get_by_test_id("stForm").filter(has_text="Save the concept")
    form.get_by_label("Description").fill("A body of fresh water")
    form.get_by_role("button", name="Save the concept").click()
    expect(page.get_by_text("Changed the concept “Lake”.", exact=True)).to_be_visible(timeout=20_000)

    # A change the map cannot take: the same link again is refused and nothing changes.
    draw_link(page, "Sun", "Rain", "heats")
    expect(page.get_by_text("already has the link Sun → heats → Rain", exact=False)).to_be_visible(timeout=20_000)
    links_drawn(page, WATER_LINKS + 1)

    # Still open from publishing.
    panel = page.get_by_test_id("stExpander").filter(has_text="Save and share with your class")
    panel.get_by_label("What changed? (a short note, shown in the list of versions)").fill("The sun warms the rain")
    panel.get_by_role("button", name="Save this graph as version 2").click()
    expect(panel.get_by_text("Saved as version 2")).to_be_visible(timeout=20_000)
    expect(panel.get_by_text("The sun warms the rain", exact=False)).to_be_visible()
    assert page.kg_errors == [] and page.kg_blocked == []

    # A learner whose link pins version 1 is told of version 2, with the link to the newest; nothing to edit or publish.
    context, learner = fresh_page(browser)
    try:
        learner.goto(learner_link + "&v=1")
        wait_for_view(learner, timeout_ms=90_000)
        expect(learner.get_by_text("a newer version exists (version 2)", exact=False)).to_be_visible(timeout=20_000)
        expect(learner.get_by_role("link", name="Open the newest version")).to_have_attribute("href", learner_link)
        for control in ("Edit the map in a picture", "Edit the links in a table"):
            expect(learner.get_by_text(control, exact=True)).to_have_count(0)
        learner.get_by_text("Save and share with your class").click()
        expect(learner.get_by_role("button", name="Publish")).to_have_count(0)
    finally:
        context.close()


def test_the_edit_panel_passes_axe(page, app_url):
    if not AXE.exists():
        pytest.skip(f"ACCESSIBILITY AUDIT NOT RUN: axe-core not found at {AXE} (make test installs it with npm).")
    page.goto(app_url)
    wait_for_view(page, timeout_ms=90_000)
    page.get_by_role("button", name="Your graph").click()
    page.locator("input[type=file]").set_input_files(str(WATER))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your graph: water_cycle.csv", timeout=20_000)
    page.keyboard.press("Escape")
    settled_view(page)
    page.get_by_text("Edit the map in a picture", exact=True).click()
    page.locator(f'{BUILDER}[data-ready="true"]').wait_for(timeout=20_000)
    pick(page, "Change or delete a concept", "Lake")
    wait_for_run(page)
    # Streamlit's "Loaded …" toast (its own markup, an unnamed dialog) goes by itself: the audit is of the panel.
    expect(page.locator(".stToast")).to_have_count(0, timeout=15_000)
    assert violations(page) == []
