"""Can the picture be read at the zoom the app chooses? Measured in Chromium from vis-network's own
geometry (``window.kgNetwork``, see ``geometry.py``) at a laptop's and a projector's size.

- every name drawn at 11 CSS px or more (font size x scale), no two names overlapping, no name on
  another concept's shape, in the one- and two-link views;
- in one-link views every relation of the focus readable (10 px or more);
- the whole map: most names legible and none overlapping (the rest appear as one zooms in);
- a teacher's water cycle drawn readably.

Views measured: at both sizes the article's hub at one link, Parkinson's disease at two links,
the whole map and the uploaded water cycle (one link and all); at 1366x768, the harder size,
five more of the best connected concepts at one link and at two links, and the hub at two links
(every one-link view of the article is checked for overlaps in Python by tests/graph/picture/test_view.py).
Screenshots of each go to test-artifacts/legibility/ to be looked at.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest

from graph.files.load import load_graph
from tests.browser.geometry import Geometry, picture_geometry
from tests.browser.helpers import settled_view, wait_for_run, wait_for_view

try:
    from playwright.sync_api import expect
except ImportError:  # the browser fixture then skips (or fails in CI) with the reason
    expect = None

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
WATER_CYCLE = REPO / "tests" / "fixtures" / "app" / "water_cycle.csv"
SHOTS = REPO / "test-artifacts" / "legibility"
SIZES = {"laptop": (1366, 768), "projector": (1920, 1080)}
HUB = "Dopamine deficiency"
BEST_CONNECTED = ["Depression", "Dopamine", "Supplements", "Healthcare professional", "Aging"]
WHOLE_MAP_SHARE = {"laptop": 2 / 3, "projector": 0.9}


@pytest.fixture(params=list(SIZES))
def sized_page(request, browser):
    width, height = SIZES[request.param]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.kg_size = request.param
    yield page
    context.close()


def show(page, url: str, focus: str, depth: str) -> Geometry:
    page.goto(f"{url}/?focus={quote(focus)}&depth={depth}")
    wait_for_view(page, timeout_ms=60_000)
    settled_view(page)
    return picture_geometry(page)


def shoot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}-{page.kg_size}.png"))


def assert_readable(geometry: Geometry, what: str) -> None:
    names = geometry.names
    small = [(n["id"], round(n["px"], 1)) for n in names if n["px"] < 11 or not n["drawn"] or not n["whole"]]
    assert small == [], f"{what}: names below 11 px ({geometry.summary()})"
    assert geometry.overlapping_names() == [], f"{what}: names overlap"
    assert geometry.names_under_concepts() == [], f"{what}: a name lies on another concept"


def assert_relations_readable(geometry: Geometry, what: str) -> None:
    words = geometry.phrases + geometry.link_labels
    assert words, f"{what}: no relation words in the picture"
    small = [(w["id"], round(w["px"], 1)) for w in words if w["px"] < 10 or not w["drawn"] or not w["whole"]]
    assert small == [], f"{what}: relation words below 10 px"


def test_the_hub_and_parkinsons_disease_are_readable(sized_page, app_url):
    page = sized_page
    hub = show(page, app_url, HUB, "1")
    print(f"\n{page.kg_size} hub, 1 link: {hub.summary()}")
    shoot(page, "hub-1-link")
    assert_readable(hub, "hub, 1 link")
    assert_relations_readable(hub, "hub, 1 link")
    # Each of the hub's links is in the picture, through a phrase naming its relation.
    phrases = {" ".join(p["label"].split()) for p in hub.phrases}
    links = load_graph(REPO / "data" / "edges.csv").links
    assert set(links.loc[(links.source == HUB) | (links.target == HUB), "relation"]) == phrases

    parkinsons = show(page, app_url, "Parkinson's disease", "2")
    print(f"{page.kg_size} Parkinson's disease, 2 links: {parkinsons.summary()}")
    shoot(page, "parkinsons-2-links")
    assert_readable(parkinsons, "Parkinson's disease, 2 links")


def test_the_whole_map_shows_most_names_and_no_overlaps(sized_page, app_url):
    page = sized_page
    whole = show(page, app_url, HUB, "all")
    print(f"\n{page.kg_size} whole map: {whole.summary()}")
    shoot(page, "whole-map")
    assert whole.overlapping_names() == []
    assert whole.names_under_concepts() == []
    drawn = whole.drawn_names
    assert drawn, "a field of unlabelled dots"
    assert all(n["px"] >= 11 and n["whole"] for n in drawn)  # what is drawn can be read; the rest come with zooming in
    share = len(whole.legible()) / len(whole.names)
    assert share >= WHOLE_MAP_SHARE[page.kg_size], f"whole map: {share:.0%} of names legible ({whole.summary()})"
    assert not [n["id"] for n in whole.names if not n["inside"]], "the whole map is not all in the frame"


def test_the_water_cycle_is_readable(sized_page, app_url):
    page = sized_page
    page.goto(app_url)
    wait_for_view(page, timeout_ms=60_000)
    page.get_by_role("button", name="Your graph").click()
    page.locator("input[type=file]").set_input_files(str(WATER_CYCLE))
    expect(page.get_by_role("heading", level=1)).to_contain_text("water_cycle.csv", timeout=30_000)
    page.keyboard.press("Escape")
    wait_for_run(page)
    settled_view(page)
    one = picture_geometry(page)
    print(f"\n{page.kg_size} water cycle, 1 link: {one.summary()}")
    shoot(page, "water-cycle-1-link")
    assert_readable(one, "water cycle, 1 link")
    assert_relations_readable(one, "water cycle, 1 link")
    page.get_by_text("All", exact=True).click()  # "How far to look"
    wait_for_run(page)
    settled_view(page)
    whole = picture_geometry(page)
    print(f"{page.kg_size} water cycle, all: {whole.summary()}")
    shoot(page, "water-cycle-all")
    assert_readable(whole, "water cycle, all")


@pytest.mark.parametrize("depth", ["1", "2"])
def test_the_best_connected_concepts_are_readable_on_a_laptop(page, app_url, depth):
    """The ``page`` fixture is 1366x768."""
    failures = []
    for focus in BEST_CONNECTED + ([HUB] if depth == "2" else []):  # the hub at two links is nearly the whole map
        geometry = show(page, app_url, focus, depth)
        print(f"\n{focus}, {depth} link(s): {geometry.summary()}")
        try:
            assert_readable(geometry, f"{focus}, {depth} link(s)")
            if depth == "1":
                assert_relations_readable(geometry, f"{focus}, 1 link")
        except AssertionError as problem:
            failures.append(str(problem).splitlines()[0])
    assert failures == []
