"""The page serves the picture, in real Chromium: it stays in view while details are read, a click in it shows
details whatever tab is open, the browser's Back and Forward move through concepts, nothing is cut off."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import GRAPH, click_node, settled_view, wait_for_view

pytestmark = pytest.mark.browser

HUB = "Dopamine deficiency"


def focused_on(page, concept: str) -> None:
    expect(page.locator(f'{GRAPH}[data-ready="true"][data-focus="{concept}"]')).to_be_visible(timeout=20_000)
    expect(page.get_by_role("heading", name=concept, exact=True)).to_be_visible()


def box(locator) -> dict:
    found = locator.bounding_box()
    assert found is not None
    return found


def in_viewport(found: dict, page) -> bool:
    size = page.viewport_size
    return (
        found["y"] >= 0
        and found["x"] >= 0
        and found["y"] + found["height"] <= size["height"] + 0.5
        and found["x"] + found["width"] <= size["width"] + 0.5
    )


def test_back_and_forward_move_through_the_visited_concepts(page, app_url):
    page.goto(app_url)
    wait_for_view(page, timeout_ms=40_000)
    focused_on(page, HUB)
    page.get_by_role("button", name="can cause → Tremors").click()
    focused_on(page, "Tremors")
    settled_view(page)
    page.go_back()
    focused_on(page, HUB)
    settled_view(page)
    assert "focus=Dopamine+deficiency" in page.url  # the app did not rewrite the address to where it was
    page.go_forward()
    focused_on(page, "Tremors")
    assert "focus=Tremors" in page.url


@pytest.mark.parametrize("tab", ["Connect two", "Tour", "Quiz", "Key concepts"])
def test_a_click_in_the_picture_shows_the_concept_whatever_tab_is_open(page, app_url, tab):
    page.goto(app_url)
    wait_for_view(page, timeout_ms=40_000)
    page.get_by_role("tab", name=tab, exact=True).click()
    expect(page.get_by_role("tab", name=tab, exact=True)).to_have_attribute("aria-selected", "true")
    settled_view(page)
    click_node(page, "Cocaine use")
    focused_on(page, "Cocaine use")
    expect(page.get_by_role("tab", name="Concept", exact=True)).to_have_attribute("aria-selected", "true")


@pytest.mark.parametrize("size", [(1366, 768), (1280, 720), (1920, 1080)])
def test_the_picture_stays_in_view_while_the_details_are_read(browser, app_url, size):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    try:
        page.goto(app_url)
        wait_for_view(page, timeout_ms=40_000)
        focused_on(page, HUB)
        picture = page.locator(".st-key-kg_picture")
        pane = page.locator(".st-key-kg_pane_concept")
        before = box(picture)
        assert in_viewport(before, page), before  # the picture and its buttons, whole
        assert in_viewport(box(page.locator(".kg-tools")), page)  # zoom, fit, full screen, save
        assert in_viewport(box(pane), page)  # the details pane ends on the screen: it scrolls inside
        # Read to the end of the hub's links (its causes, then everything else): the picture does not move.
        assert pane.evaluate("(el) => el.scrollHeight > el.clientHeight + 200")
        pane.evaluate("(el) => { el.scrollTop = el.scrollHeight; }")
        expect(pane.get_by_role("button").last).to_be_in_viewport()  # the last of its links
        assert box(picture) == before
        # Scrolling the page itself (to the table editor below) keeps the picture on the screen too.
        page.mouse.move(size[0] * 0.8, size[1] * 0.6)
        # Where the scroll ended: scrollend (it does not bubble, so it is caught on its way down from document).
        page.evaluate(
            "() => { window.kgScrolled = false; document.addEventListener('scrollend', () => { window.kgScrolled = true; }, {capture: true, once: true}); }"
        )
        page.mouse.wheel(0, 2000)
        page.wait_for_function("() => window.kgScrolled === true", timeout=10_000)
        assert in_viewport(box(page.locator(GRAPH)), page)
    finally:
        context.close()


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_the_whole_maps_note_and_the_pictures_buttons_are_on_the_screen(browser, app_url, size):
    # On a laptop the note under the whole map, on a row of its own, pushed the buttons (− + Fit …) below the screen.
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    try:
        page.goto(f"{app_url}/?focus=Dopamine+deficiency&depth=all")
        wait_for_view(page, timeout_ms=40_000)
        note = page.locator(".kg-note")
        expect(note).to_contain_text("least connected names are empty boxes")
        assert in_viewport(box(page.locator(".st-key-kg_picture")), page)
        assert in_viewport(box(note), page)
        for button in page.locator(".kg-tools button").all():
            assert in_viewport(box(button), page), button.text_content()
    finally:
        context.close()


def active_element(page) -> str:
    return page.evaluate("() => { const e = document.activeElement; return e ? e.tagName + ' ' + e.textContent.trim() : ''; }")


def test_after_following_a_link_by_keyboard_focus_is_on_the_new_concept_and_its_links_are_next(page, app_url):
    page.goto(app_url)
    wait_for_view(page, timeout_ms=40_000)
    pane = page.locator(".st-key-kg_pane_concept")
    pane.evaluate("(el) => { el.scrollTop = el.scrollHeight; }")  # the link is far down the hub's list
    page.get_by_role("button", name="has the caveat → Not a formal medical diagnosis").focus()
    page.keyboard.press("Enter")
    focused_on(page, "Not a formal medical diagnosis")
    expect(page.get_by_role("heading", name="Not a formal medical diagnosis", exact=True)).to_be_focused()
    assert pane.evaluate("(el) => el.scrollTop") == 0  # its details start at the top, not where the hub's were
    page.keyboard.press("Tab")
    assert active_element(page).startswith("BUTTON Dopamine deficiency → has the caveat → Not a formal medical diagnosis")
    page.keyboard.press("Enter")  # and back along the link, still by keyboard
    focused_on(page, HUB)
    expect(page.get_by_role("heading", name=HUB, exact=True)).to_be_focused()


def test_at_200_percent_zoom_every_control_can_be_reached_and_the_picture_is_wide(browser, app_url):
    # 200% browser zoom on a 1366x768 laptop leaves a 683x384 CSS-pixel window.
    context = browser.new_context(viewport={"width": 683, "height": 384}, device_scale_factor=2)
    page = context.new_page()
    try:
        page.goto(app_url)
        wait_for_view(page, timeout_ms=40_000)
        for control in (
            page.get_by_text("All", exact=True),
            page.get_by_role("tab", name="Key concepts", exact=True),
            page.locator(".kg-tools"),
        ):
            control.scroll_into_view_if_needed()
            found = box(control)
            assert found["x"] >= 0 and found["x"] + found["width"] <= 683 + 0.5, found  # not cut off at the side
        assert box(page.locator(GRAPH))["width"] >= 0.9 * (683 - 2 * 24)  # the picture takes the whole width
    finally:
        context.close()
