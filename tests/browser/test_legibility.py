"""Can the picture be read at the zoom the app chooses? Measured in Chromium from vis-network's own
geometry (``window.kgNetwork``, see ``geometry.py``) at a laptop's and a projector's size.

- relation words at every depth (issue 27): of the relations among the links drawn, the share the
  picture says readably (a phrase or label of 10 px or more, inside the frame, on no name):
  90 % at two links, 75 % at three, on the whole map 75 % on a projector and 50 % on a laptop;
- arrowheads end at the edge of a name's box, never on its text (the hub at one link, Parkinson's disease at two);
- at most 5 % of the links drawn pass through the name or shape of a concept that is not one of their
  ends, sampled along each drawn curve (the hub at one, two and three links, Parkinson's disease at two,
  the water cycle, and its whole map); the article's whole map is not there yet (an expected failure);
- Fit and zooming out never leave a name below 11 px; nothing is cut at the frame at the first zoom;
- the whole map of a map in two parts draws both, and says so; eight kinds in eight colours;
- a hub with 20,000 neighbours in a graph of 200,000 links has at least ten concepts inside the frame;

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
ISLANDS = REPO / "tests" / "fixtures" / "app" / "water_cycle_islands.csv"
BIG_HUB_APP = Path(__file__).with_name("big_hub_app.py")
SHOTS = REPO / "test-artifacts" / "legibility"
SIZES = {"laptop": (1366, 768), "projector": (1920, 1080)}
HUB = "Dopamine deficiency"
THROUGH_NAMES = 0.05
"""The most of the links drawn whose line may pass through a name that is not one of their ends (issue 27)."""
BEST_CONNECTED = ["Depression", "Dopamine", "Supplements", "Healthcare professional", "Aging"]
WHOLE_MAP_SHARE = {"laptop": 2 / 3, "projector": 0.9}
RELATIONS_SAID = {"2": 0.9, "3": 0.75}
WHOLE_MAP_RELATIONS = {"laptop": 0.5, "projector": 0.75}


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


def assert_lines_clear_of_names(geometry: Geometry, what: str) -> None:
    through = geometry.links_through_names()
    assert len(through) <= THROUGH_NAMES * len(geometry.links), (
        f"{what}: {len(through)} of {len(geometry.links)} links through names: {through}"
    )


def test_the_hub_and_parkinsons_disease_are_readable(sized_page, app_url):
    page = sized_page
    hub = show(page, app_url, HUB, "1")
    print(f"\n{page.kg_size} hub, 1 link: {hub.summary()}")
    shoot(page, "hub-1-link")
    assert_readable(hub, "hub, 1 link")
    assert_relations_readable(hub, "hub, 1 link")
    # Each of the hub's links is in the picture, through a readable phrase naming its relation.
    links = load_graph(REPO / "data" / "edges.csv").links
    own = links[(links.source == HUB) | (links.target == HUB)]
    said = {link for word in hub.readable_words() for link in word["links"]}
    assert set(map(str, own.index)) <= said
    assert set(own.relation) <= {" ".join(p["label"].split()) for p in hub.phrases}
    # Arrowheads end at the edge of a name's box, never on its text (issue 27).
    assert hub.arrows and hub.arrows_on_names() == [], hub.arrows_on_names()
    assert_lines_clear_of_names(hub, "hub, 1 link")

    parkinsons = show(page, app_url, "Parkinson's disease", "2")
    print(f"{page.kg_size} Parkinson's disease, 2 links: {parkinsons.summary()}")
    shoot(page, "parkinsons-2-links")
    assert_readable(parkinsons, "Parkinson's disease, 2 links")
    assert parkinsons.arrows_on_names() == [], parkinsons.arrows_on_names()
    assert_lines_clear_of_names(parkinsons, "Parkinson's disease, 2 links")


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
    assert whole.arrows and whole.arrows_on_names() == [], whole.arrows_on_names()  # lines bent at points too


def open_water_cycle(page, app_url: str) -> None:
    page.goto(app_url)
    wait_for_view(page, timeout_ms=60_000)
    page.get_by_role("button", name="Your graph").click()
    page.locator("input[type=file]").set_input_files(str(WATER_CYCLE))
    expect(page.get_by_role("heading", level=1)).to_contain_text("water_cycle.csv", timeout=30_000)
    page.keyboard.press("Escape")
    wait_for_run(page)
    settled_view(page)


def test_the_water_cycle_is_readable(sized_page, app_url):
    page = sized_page
    open_water_cycle(page, app_url)
    one = picture_geometry(page)
    print(f"\n{page.kg_size} water cycle, 1 link: {one.summary()}")
    shoot(page, "water-cycle-1-link")
    assert_readable(one, "water cycle, 1 link")
    assert_relations_readable(one, "water cycle, 1 link")
    assert_lines_clear_of_names(one, "water cycle, 1 link")
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


def relations_said(geometry: Geometry) -> float:
    relations = geometry.relations()
    return sum(relations.values()) / len(relations) if relations else 1.0


@pytest.mark.parametrize(("focus", "depth"), [("Parkinson's disease", "2"), (HUB, "2"), (HUB, "3")])
def test_relation_words_at_two_and_three_links(sized_page, app_url, focus, depth):
    """Beyond one link the picture still says how things connect; every name is read and none is cut at the frame."""
    page = sized_page
    geometry = show(page, app_url, focus, depth)
    print(f"\n{page.kg_size} {focus}, {depth} links: {geometry.summary()}")
    shoot(page, f"{focus.split()[0].lower()}-{depth}-links-relations")
    unsaid = [relation for relation, said in geometry.relations().items() if not said]
    assert relations_said(geometry) >= RELATIONS_SAID[depth], f"relations not said: {unsaid}"
    assert_readable(geometry, f"{focus}, {depth} links")
    assert geometry.cut_names() == [], "names cut at the frame"
    assert not [n["id"] for n in geometry.names if not n["inside"]], "concepts outside the frame"
    assert_lines_clear_of_names(geometry, f"{focus}, {depth} links")


def test_the_whole_map_says_its_relations(sized_page, app_url):
    page = sized_page
    whole = show(page, app_url, HUB, "all")
    print(f"\n{page.kg_size} whole map: {whole.summary()}")
    unsaid = [relation for relation, said in whole.relations().items() if not said]
    assert relations_said(whole) >= WHOLE_MAP_RELATIONS[page.kg_size], f"relations not said: {unsaid}"
    assert whole.cut_names() == []


@pytest.mark.parametrize("graph", ["article", "water cycle"])
def test_the_whole_maps_lines_pass_through_few_names(sized_page, app_url, graph):
    page = sized_page
    if graph == "article":
        whole = show(page, app_url, HUB, "all")
    else:
        open_water_cycle(page, app_url)
        page.get_by_text("All", exact=True).click()  # "How far to look"
        wait_for_run(page)
        settled_view(page)
        whole = picture_geometry(page)
    print(f"\n{page.kg_size} {graph}, whole map: {whole.summary()}")
    assert_lines_clear_of_names(whole, f"{graph}, whole map")


def wait_still(page) -> None:
    """Wait until the picture stops moving (an animated zoom or fit)."""
    page.wait_for_function(
        """() => new Promise((done) => {
            const net = window.kgNetwork, first = net.getScale();
            setTimeout(() => requestAnimationFrame(() => done(net.getScale() === first && !net.view.animationTimer)), 300);
        })""",
        timeout=10_000,
    )


@pytest.mark.parametrize("depth", ["2", "3"])
def test_fit_and_zooming_out_keep_names_legible(page, app_url, depth):
    """The one button meant to fix a view never makes it unreadable: after Fit, after zooming out as far as
    the button, the - key and the mouse wheel go, every name drawn is 11 px or more, and names are drawn."""
    show(page, app_url, HUB, depth)
    page.get_by_role("button", name="Fit the picture in view, names still readable").click()
    wait_still(page)
    for what in ("Fit", "zoom-out button", "- key", "mouse wheel"):
        if what == "zoom-out button":
            for _ in range(4):
                page.get_by_role("button", name="Zoom out").click()
        elif what == "- key":
            page.locator(".kg-graph").focus()
            for _ in range(4):
                page.keyboard.press("-")
        elif what == "mouse wheel":
            box = page.locator(".kg-graph canvas").bounding_box()
            page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            for _ in range(6):
                page.mouse.wheel(0, 400)
        wait_still(page)
        geometry = picture_geometry(page)
        print(f"\nhub, {depth} links, after {what}: {geometry.summary()}")
        assert geometry.drawn_names, f"after {what}: a field of unlabelled shapes"
        small = [(n["id"], round(n["px"], 1)) for n in geometry.drawn_names if n["px"] < 11 or not n["whole"]]
        assert small == [], f"after {what}: names below 11 px"


def test_a_window_made_bigger_fits_the_whole_map_again(page, app_url):
    """A laptop plugged into a projector: the whole map opened at 1366x768 is fitted again to the bigger
    frame (names were cut at both edges), but a map the reader has zoomed stays as they left it."""
    opened = show(page, app_url, HUB, "all").scale
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.wait_for_timeout(600)  # the resize is noticed, then fitted after 150 ms
    wait_still(page)
    geometry = picture_geometry(page)
    print(f"\nwhole map, 1366x768 made 1920x1080: {geometry.summary()}")
    assert geometry.cut_names() == [] and not [n["id"] for n in geometry.names if not n["inside"]]
    assert len(geometry.legible()) == len(geometry.names)  # as it opens on a projector
    page.get_by_role("button", name="Zoom in").click()
    wait_still(page)
    page.set_viewport_size({"width": 1366, "height": 768})
    page.wait_for_timeout(600)
    # vis-network keeps what was in view (its scale follows the frame's width), and it is not fitted again:
    # still about one zoom step closer than the map opens on a laptop.
    assert page.evaluate("window.kgNetwork.getScale()") > opened * 1.1


def test_plus_and_minus_keys_zoom(page, app_url):
    show(page, app_url, HUB, "1")
    page.locator(".kg-graph").focus()
    before = page.evaluate("() => window.kgNetwork.getScale()")
    page.keyboard.press("+")
    wait_still(page)
    closer = page.evaluate("() => window.kgNetwork.getScale()")
    assert closer > before * 1.2
    page.keyboard.press("-")
    wait_still(page)
    assert page.evaluate("() => window.kgNetwork.getScale()") < closer / 1.2


def upload(page, app_url, path: Path) -> None:
    page.goto(app_url)
    wait_for_view(page, timeout_ms=60_000)
    page.get_by_role("button", name="Your graph").click()
    page.locator("input[type=file]").set_input_files(str(path))
    expect(page.get_by_role("heading", level=1)).to_contain_text(path.name, timeout=30_000)
    page.keyboard.press("Escape")
    wait_for_run(page)
    settled_view(page)


def test_the_whole_map_of_a_map_in_two_parts_draws_both_and_says_so(sized_page, app_url):
    page = sized_page
    upload(page, app_url, ISLANDS)
    page.get_by_text("All", exact=True).click()  # "How far to look"
    wait_for_run(page)
    settled_view(page)
    whole = picture_geometry(page)
    print(f"\n{page.kg_size} water cycle and its island, all: {whole.summary()}")
    shoot(page, "islands-all")
    concepts = set(load_graph(ISLANDS).graph)
    assert {n["id"] for n in whole.names} == concepts
    assert_readable(whole, "water cycle and its island, all")
    assert whole.cut_names() == []
    expect(page.locator(".kg-note")).to_contain_text("2 parts")


def test_eight_kinds_in_eight_colours_and_marks(page, app_url, tmp_path):
    kinds = ["cause", "condition", "energy", "event", "group", "person", "place", "symptom"]
    rows = ["source,source_type,relation,target,target_type"]
    rows += [f"Centre,{kinds[0]},touches,Thing {i},{kind}" for i, kind in enumerate(kinds)]
    eight = tmp_path / "eight_kinds.csv"
    eight.write_text("\n".join(rows) + "\n")
    upload(page, app_url, eight)
    page.kg_size = "laptop"
    shoot(page, "eight-kinds")
    drawn = page.evaluate(
        """() => {
            const net = window.kgNetwork, out = {};
            for (const id of net.body.nodeIndices) {
                const n = net.body.nodes[id], data = net.body.data.nodes.get(id);
                if (data.name === undefined || data.name === "Centre") continue;
                out[data.name] = [n.options.color.background, n.options.color.border, n.options.shape, n.options.borderWidth];
            }
            return out;
        }"""
    )
    looks = {tuple(look) for look in drawn.values()}
    assert len(drawn) == 8 and len(looks) == 8
    assert len({(border, shape, width > 2) for _, border, shape, width in looks}) == 8  # a mark each, not colour alone
    assert len({border for _, border, _, _ in looks}) == 8  # and a colour each
    legend = page.locator(".kg-legend-item")
    expect(legend).to_have_count(8)


@pytest.fixture(scope="module")
def big_hub_url(streamlit_app) -> str:
    return streamlit_app(BIG_HUB_APP)


def test_a_hub_of_200000_links_shows_ten_concepts_inside_the_frame(page, big_hub_url):
    page.goto(big_hub_url)
    wait_for_view(page, timeout_ms=120_000)
    geometry = picture_geometry(page)
    print(f"\nhub of 200,000 links: {geometry.summary()}")
    page.kg_size = "laptop"
    shoot(page, "big-hub")
    inside = [n for n in geometry.names if n["inside"] and n["px"] >= 11 and n["drawn"]]
    assert len(inside) >= 10
    assert not [n["id"] for n in geometry.names if not n["inside"]], "every drawn concept inside the frame"
    assert geometry.cut_names() == []
    expect(page.get_by_text("per page", exact=False)).to_be_visible()
