"""Small things of the picture seen in issue 27, in Chromium: a click on a linking phrase opens its
link's evidence, and Escape leaves the picture for its buttons just after it (not the top of the page)."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import _page_point, settled_view, wait_for_view

pytestmark = pytest.mark.browser


def open_view(page, app_url: str, focus: str, depth: str = "1") -> None:
    page.goto(f"{app_url}/?focus={quote(focus)}&depth={depth}")
    wait_for_view(page, timeout_ms=60_000)
    settled_view(page)


def phrase_point(page, sentence: str) -> tuple[float, float]:
    """Where on the page the linking phrase whose tooltip is ``sentence`` is drawn."""
    point = page.evaluate(
        """(sentence) => {
            const net = window.kgNetwork;
            const node = net.body.data.nodes.get().find((n) => n.name === undefined && n.title === sentence);
            return net.canvasToDOM(net.getPositions([node.id])[node.id]);
        }""",
        sentence,
    )
    return _page_point(page, point)


def test_a_click_on_a_linking_phrase_opens_its_links_evidence(page, app_url):
    open_view(page, app_url, "Cocaine use")
    # Cocaine use's one "may cause" link: its phrase, not the thin line beside it, is clicked.
    page.mouse.click(*phrase_point(page, "Cocaine use → may cause → Dopamine deficiency"))
    page.get_by_text("Selected link").wait_for(timeout=15_000)
    page.get_by_text("Cocaine use → may cause → Dopamine deficiency").first.wait_for()


def test_a_phrase_further_out_opens_its_link_too(page, app_url):
    open_view(page, app_url, "Cocaine use", "2")
    sentence = page.evaluate(
        """() => window.kgNetwork.body.data.nodes.get()
            .filter((n) => n.name === undefined && n.links.length === 1 && !n.title.includes("Cocaine use"))[0].title"""
    )
    page.mouse.click(*phrase_point(page, sentence))
    page.get_by_text("Selected link").wait_for(timeout=15_000)
    page.get_by_text(sentence).first.wait_for()


def test_escape_leaves_the_picture_for_its_buttons(page, app_url):
    open_view(page, app_url, "Dopamine deficiency")
    page.locator(".kg-graph").focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Escape")
    expect(page.get_by_role("button", name="Zoom out")).to_be_focused()
    page.keyboard.press("Shift+Tab")  # and back into the picture, just before its buttons
    expect(page.locator(".kg-graph")).to_be_focused()


def test_embedded_the_picture_has_its_title_and_legend(page, app_url):
    """In a course page's iframe (embed=true) the page's title and legend are not shown: the picture brings its own."""
    page.goto(f"{app_url}/?focus=Levodopa&embed=true")
    wait_for_view(page, timeout_ms=60_000)
    expect(page.locator(".kg-heading")).to_have_text("Concept map: Levodopa")
    key = page.locator(".kg-key")
    expect(key).to_be_visible()
    expect(key).to_contain_text("treatment")
    page.goto(f"{app_url}/?focus=Levodopa")  # not embedded: the page has its own
    wait_for_view(page, timeout_ms=60_000)
    expect(page.locator(".kg-heading")).to_be_hidden()
    expect(page.locator(".kg-key")).to_be_hidden()
