"""The explorer in real headless Chromium: the picture draws, clicks in it refocus, links can be followed."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import NODE_ID, click_edge, click_node, drawn_names, position, wait_for_view, wait_until_centred

pytestmark = pytest.mark.browser

HUB = "Dopamine deficiency"


def heading(page, name: str):
    return page.get_by_role("heading", name=name, exact=True)


def drawn_nodes(page) -> set[str]:
    return drawn_names(page)


def focus_offset(page, concept: str) -> tuple[float, float]:
    """Where ``concept`` is drawn, from the middle of the picture, as fractions of its width and height."""
    return tuple(
        page.evaluate(
            f"""(name) => {{ const net = window.kgNetwork, id = {NODE_ID}, p = net.canvasToDOM(net.getPositions([id])[id]);
            const box = net.body.container.getBoundingClientRect();
            return [p.x / box.width - 0.5, p.y / box.height - 0.5]; }}""",
            concept,
        )
    )


def open_app(page, url: str) -> str:
    page.goto(url)
    version = wait_for_view(page, timeout_ms=40_000)
    return version


def test_the_article_graph_draws_offline(page, app_url):
    open_app(page, app_url)
    heading(page, HUB).wait_for()
    nodes = drawn_nodes(page)
    assert HUB in nodes and "Cocaine use" in nodes and len(nodes) > 10
    assert position(page, HUB) == {"x": 0, "y": 0}
    assert page.kg_blocked == [], f"requests left the machine: {page.kg_blocked}"
    assert page.kg_errors == []


def test_clicking_a_concept_in_the_picture_focuses_it(page, app_url):
    first = open_app(page, app_url)
    click_node(page, "Cocaine use")
    heading(page, "Cocaine use").wait_for(timeout=15_000)
    # The picture is re-centred on the new focus: a new view, with Cocaine use in the middle.
    page.locator(f'.kg-graph[data-ready="true"]:not([data-version="{first}"])').wait_for(timeout=15_000)
    assert position(page, "Cocaine use") == {"x": 0, "y": 0}
    assert drawn_nodes(page) == {"Cocaine use", HUB, "Nerve cell receptor problems", "Initial dopamine build-up"}
    across, down = focus_offset(page, "Cocaine use")
    # Near the middle of the frame: the picture is fitted round all it shows, and concepts keep their
    # directions from the whole map, so a focus whose neighbours lie on one side sits a little off-centre.
    assert abs(across) < 0.3 and abs(down) < 0.3
    # Its links are listed as sentences, with where they come from.
    panel = page.get_by_text(re.compile(r"Section: Causes of Dopamine Transporter Deficiency")).first
    panel.wait_for()
    # A screen reader hears what the new picture shows (a polite live region).
    status = page.locator(".kg-status")
    expect(status).to_have_text("Concept map centred on Cocaine use, showing 4 concepts.")
    assert status.get_attribute("aria-live") == "polite"
    assert page.kg_errors == []


def test_full_screen_brings_the_legend_of_what_is_drawn(page, app_url):
    open_app(page, app_url)
    key = page.locator(".kg-key")
    expect(key).to_be_hidden()  # beside the picture the page's own legend is there
    page.get_by_role("button", name="Full screen").click()
    page.wait_for_function("() => document.fullscreenElement !== null")
    expect(key).to_be_visible()
    drawn = set(page.evaluate("() => window.kgNetwork.body.data.nodes.get().map(n => n.group).filter(Boolean)"))
    expect(key.locator(":scope > span")).to_have_count(len(drawn))  # one per type drawn (groups have opaque ids)
    # Each concept's tooltip starts "name (type" (its group, if any, after a comma).
    tooltips = page.evaluate("() => window.kgNetwork.body.data.nodes.get().filter((n) => n.name).map((n) => [n.name, n.title])")
    kinds = {re.split(r"[,)\n]", title[len(name) + 2 :])[0] for name, title in tooltips}
    assert len(kinds) == len(drawn)
    for kind in kinds:
        expect(key).to_contain_text(kind)
    page.get_by_role("button", name="Exit full screen").click()
    page.wait_for_function("() => document.fullscreenElement === null")
    expect(key).to_be_hidden()


def test_clicking_the_same_concept_again_after_moving_away_is_heard(page, app_url):
    open_app(page, app_url)
    click_node(page, "Cocaine use")
    heading(page, "Cocaine use").wait_for(timeout=15_000)
    wait_for_view(page)
    page.get_by_role("button", name=re.compile(r"may cause . Dopamine deficiency")).first.click()
    heading(page, HUB).wait_for(timeout=15_000)
    wait_until_centred(page, HUB)  # the hub's picture is drawn and its fit animation over
    click_node(page, "Cocaine use")
    heading(page, "Cocaine use").wait_for(timeout=15_000)


def test_following_a_neighbour_in_the_list_does_what_a_click_does(page, app_url):
    open_app(page, app_url)
    page.get_by_role("button", name=re.compile(r"^Parkinson's disease . may cause . Dopamine deficiency$")).click()
    heading(page, "Parkinson's disease").wait_for(timeout=15_000)
    page.wait_for_function(
        f"(name) => {{ const id = {NODE_ID}; return id !== undefined && window.kgNetwork.getPositions([id])[id].x === 0; }}",
        arg="Parkinson's disease",
    )
    assert "Aging" in drawn_nodes(page)
    assert "focus=Parkinson" in page.url


def test_clicking_a_link_shows_its_sentence_and_evidence(page, app_url):
    open_app(page, app_url.rstrip("/") + "/?focus=" + quote("Cocaine use"))
    heading(page, "Cocaine use").wait_for()
    edge = page.evaluate(
        # The link's own edge (in a one-link view it runs from its linking phrase), found by its sentence.
        "() => window.kgNetwork.body.data.edges.get().find(e => e.title === 'Cocaine use → may cause → Dopamine deficiency').id"
    )
    click_edge(page, edge)
    page.get_by_text("Selected link").wait_for(timeout=15_000)
    page.get_by_text("Cocaine use → may cause → Dopamine deficiency").first.wait_for()


def test_a_shared_url_reopens_the_same_view_in_a_new_browser(page, browser, app_url):
    open_app(page, app_url.rstrip("/") + "/?focus=levodopa&depth=2")
    heading(page, "Levodopa").wait_for()
    first = drawn_nodes(page)
    shared = page.url
    other = browser.new_context(viewport={"width": 1920, "height": 1080})
    try:
        second_page = other.new_page()
        second_page.goto(shared)
        wait_for_view(second_page, timeout_ms=40_000)
        heading(second_page, "Levodopa").wait_for()
        assert drawn_nodes(second_page) == first
    finally:
        other.close()


def test_an_unknown_concept_in_the_url_gets_a_friendly_message(page, app_url):
    open_app(page, app_url.rstrip("/") + "/?focus=Unicorns")
    page.get_by_text(re.compile("does not have")).wait_for()
    heading(page, HUB).wait_for()
    assert page.kg_errors == []


def test_the_picture_can_be_saved_as_png(page, app_url, tmp_path):
    open_app(page, app_url)
    with page.expect_download() as download:
        page.get_by_role("button", name="Save picture (PNG)").click()
    saved = tmp_path / "view.png"
    download.value.save_as(saved)
    assert download.value.suggested_filename == f"{HUB}.png"
    data = saved.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
