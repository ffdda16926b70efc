"""Practice in real headless Chromium: build a small map with the mouse (dragging a link in the
picture) and with the keyboard (the form), check it, and read the verdicts; fill in the map."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from graph.files.load import load_graph
from graph.teaching.exercise import make_exercise
from graph.teaching.score import Proposition, Reference
from tests.browser.helpers import wait_for_run, wait_for_view

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
HUB = "Dopamine deficiency"
BUILDER = ".mb-graph"


def open_practice(page, url: str, activity: str) -> None:
    page.goto(url)
    wait_for_view(page, timeout_ms=90_000)  # the first view of a fresh session; slow on a loaded machine
    page.get_by_role("tab", name="Practice", exact=True).click()
    page.get_by_text(activity, exact=True).click()
    wait_for_run(page)


def builder_point(page, concept: str) -> tuple[float, float]:
    """Where ``concept`` is drawn in the map builder, on the page."""
    point = page.evaluate(
        "(name) => { const net = window.kgMapBuilder, id = net.body.data.nodes.get({filter: (n) => n.name === name})[0].id;"
        " return net.canvasToDOM(net.getPositions([id])[id]); }",
        concept,
    )
    box = page.locator(f"{BUILDER} canvas").bounding_box()
    return box["x"] + point["x"], box["y"] + point["y"]


def draw_link(page, source: str, target: str, words: str) -> None:
    """Drag from one concept to another with the mouse, then type the linking words."""
    page.get_by_role("button", name="Draw a link", exact=True).click()
    page.mouse.move(*builder_point(page, source))
    page.mouse.down()
    page.mouse.move(*builder_point(page, target), steps=12)
    page.mouse.up()
    words_box = page.locator(".mb-words")
    expect(words_box).to_be_visible()
    words_box.fill(words)
    page.get_by_role("button", name="Add this link", exact=True).click()
    wait_for_run(page)


def pick(page, label: str, text: str) -> None:
    """Choose in a select box with the keyboard only: focus, type, Enter."""
    box = page.get_by_role("combobox", name=label)
    box.focus()
    page.keyboard.type(text)
    page.keyboard.press("Enter")


def test_build_a_map_with_the_mouse_and_with_the_keyboard_then_check_it(page, app_url):
    open_practice(page, app_url, "Build a map")
    page.get_by_role("button", name="Start: build a map", exact=True).click()
    expect(page.get_by_text(f"Focus question: What can cause {HUB}, and what can it lead to?")).to_be_visible(timeout=15_000)
    page.locator(f'{BUILDER}[data-ready="true"]').wait_for(timeout=20_000)

    # With the mouse: Cocaine use → may lead to → Dopamine deficiency, drawn in the picture.
    draw_link(page, "Cocaine use", HUB, "may lead to")
    expect(page.get_by_text(f"1. Cocaine use · may lead to · {HUB}", exact=True)).to_be_visible(timeout=15_000)
    expect(page.locator(f'{BUILDER}[data-links="1"]')).to_have_count(1, timeout=15_000)

    # With the keyboard: Loss of balance → causes → Dopamine deficiency (the wrong way round), through the form.
    pick(page, "From", "Loss of balance")
    page.get_by_role("textbox", name="Linking words").focus()
    page.keyboard.type("causes")
    pick(page, "To", HUB)
    page.get_by_role("button", name="Add link", exact=True).focus()
    page.keyboard.press("Enter")
    wait_for_run(page)
    expect(page.get_by_text(f"2. Loss of balance · causes · {HUB}", exact=True)).to_be_visible(timeout=15_000)
    expect(page.locator(f'{BUILDER}[data-links="2"]')).to_have_count(1, timeout=15_000)

    check = page.get_by_role("button", name="Check my map", exact=True)
    check.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text(f"✅ Cocaine use · may lead to · {HUB}: match", exact=True)).to_be_visible(timeout=15_000)
    expect(page.get_by_text(f"🔁 Loss of balance · causes · {HUB}: reversed", exact=True)).to_be_visible()
    evidence = Reference(load_graph(ROOT / "data" / "edges.csv")).judge(Proposition("Cocaine use", "may lead to", HUB)).reference
    expect(page.get_by_text(f"The reference says the same. The article: {evidence}.", exact=True)).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Score \d+%"))).to_be_visible()
    assert page.kg_errors == [] and page.kg_blocked == []


def test_fill_in_the_map_shows_numbered_blanks_in_the_picture_and_checks_them(page, app_url):
    open_practice(page, app_url, "Fill in the map")
    page.get_by_role("button", name="Start: fill in the map", exact=True).click()
    page.wait_for_function("() => /[?&]fill=\\d+/.test(location.search)", timeout=15_000)
    page.wait_for_function(
        "() => window.kgNetwork && window.kgNetwork.body.data.nodes.get().some((n) => /^\\[\\d\\]$/.test(n.label))",
        timeout=15_000,
    )
    # Leave every blank empty and check: each is marked, with what the graph says.
    page.get_by_role("button", name="Check my answers", exact=True).click()
    expect(page.get_by_text("0 of 4 right", exact=True)).to_be_visible(timeout=15_000)
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(4)
    assert page.kg_errors == [] and page.kg_blocked == []


DRAWN_EDGES = "() => window.kgNetwork ? window.kgNetwork.body.data.edges.get().length : -1"


def test_while_a_map_is_built_the_main_picture_draws_no_links_until_building_stops(page, app_url):
    page.goto(app_url)
    wait_for_view(page, timeout_ms=90_000)
    page.wait_for_function(f"() => ({DRAWN_EDGES})() > 0", timeout=15_000)
    page.get_by_role("tab", name="Practice", exact=True).click()
    page.get_by_text("Build a map", exact=True).click()
    wait_for_run(page)
    page.get_by_role("button", name="Start: build a map", exact=True).click()
    page.wait_for_function(f"() => ({DRAWN_EDGES})() === 0", timeout=15_000)
    assert HUB in page.evaluate(
        "() => window.kgNetwork.body.data.nodes.get().map((n) => n.name)"
    )  # the concepts stay, to be linked in the builder
    page.get_by_role("button", name="Stop building", exact=True).click()
    page.wait_for_function(f"() => ({DRAWN_EDGES})() > 0", timeout=15_000)
    assert page.kg_errors == [] and page.kg_blocked == []


def test_checked_blanks_are_marked_in_the_picture_with_a_sign_and_a_colour(page, app_url):
    open_practice(page, app_url, "Fill in the map")
    page.get_by_role("button", name="Start: fill in the map", exact=True).click()
    page.wait_for_function("() => /[?&]fill=\\d+/.test(location.search)", timeout=15_000)
    page.wait_for_function(
        "() => window.kgNetwork && window.kgNetwork.body.data.nodes.get().some((n) => /^\\[\\d\\]$/.test(n.label))",
        timeout=15_000,
    )
    seed = int(re.search(r"[?&]fill=(\d+)", page.url).group(1))
    link_ids = page.evaluate("() => window.kgNetwork.body.data.edges.get().map((e) => e.id).filter((id) => /^\\d+$/.test(id))")
    kg = load_graph(ROOT / "data" / "edges.csv")
    exercise = make_exercise(kg, HUB, [int(i) for i in link_ids], seed)
    first = exercise.blanks[0]
    box = page.locator(f".st-key-fill_{seed}_{first.number} input")  # one right; the others left blank
    box.focus()
    page.keyboard.type(first.answer)
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Check my answers", exact=True).click()
    expect(page.get_by_text(f"1 of {len(exercise.blanks)} right", exact=True)).to_be_visible(timeout=15_000)
    marks = page.evaluate(
        """() => [...window.kgNetwork.body.data.nodes.get(), ...window.kgNetwork.body.data.edges.get()]
              .filter((item) => /^[✓✗] \\[\\d\\]/.test(item.label || ""))
              .map((item) => ({label: item.label, colour: item.color.border || item.color.color}))"""
    )
    assert sorted(m["label"][:5] for m in marks) == sorted(
        f"{'✓' if blank is first else '✗'} {blank.mark}" for blank in exercise.blanks
    )
    (right,) = [m for m in marks if m["label"].startswith("✓")]
    assert right["label"] == f"✓ {first.mark} {first.answer}"
    assert len({m["colour"] for m in marks}) == 2  # green for right, red for not yet: besides the sign
    assert page.kg_errors == [] and page.kg_blocked == []
