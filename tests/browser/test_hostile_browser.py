"""Data from teachers is shown as text, never run: a hostile upload clicked through in real Chromium.

The upload (``tests/fixtures/browser/hostile/``) puts HTML, script, a ``javascript:`` link, Markdown,
a Streamlit colour directive, a lone ``</script>`` and a spreadsheet formula into concept labels,
relations, sections, explanations, a type, a group and a description. After every step the tests
check that nothing ran (``window.__pwned``), that no element was made from the data (looking inside
the component's open shadow root too), that no request left for ``x`` or another host, that no
dialog opened, and that the text reads exactly as typed.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from explorer.panels.teach import QUESTIONS
from graph.core.text import WORD_JOINER
from graph.files.load import load_graph_bytes
from graph.teaching.quiz import make_quiz
from tests.browser.helpers import (
    GRAPH,
    NODE_ID,
    click_node,
    drawn_names,
    hover_node,
    settled_view,
    wait_for_run,
    wait_for_view,
    wait_until_centred,
)

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "browser"
HOSTILE = FIXTURES / "hostile"

IMG = '<img src=x onerror="window.__pwned=1">'
SCRIPT = "<script>window.__pwned=2</script>"
LINK = "[click](javascript:window.__pwned=3)"
BOLD = "**bold**"
RED = ":red[colour]"
CLOSE = "</script>"
FORMULA = '=HYPERLINK("http://x")'


def as_text(data: str) -> str:
    """How the page's text shows ``data``: a web address gets a word joiner, so that it is never a link."""
    return data.replace("http:", "http" + WORD_JOINER + ":")


FORMULA_AS_TEXT = as_text(FORMULA)
EVERYTHING = f"{IMG} {SCRIPT} {LINK} {BOLD} {RED} {CLOSE}"
DESCRIPTION = f"Described as: {EVERYTHING}"
TITLE = "Your graph: hostile.csv"
TOOLTIP = f"{IMG} (idea, {BOLD})\n{DESCRIPTION}"
# vis-network sets a tooltip's text with innerText, which turns each line break into a <br> and nothing else.
ONLY_LINE_BREAKS = "e => [...e.querySelectorAll('*')].every((child) => child.localName === 'br')"

# Elements the data would make if it were taken as markup, anywhere in the page and in open shadow roots.
FIND_INJECTED = """() => {
    const found = [];
    const walk = (root) => {
        for (const el of root.querySelectorAll('*')) {
            const tag = el.localName;
            const src = el.getAttribute('src');
            const href = (el.getAttribute('href') || '').trim().toLowerCase();
            if (tag === 'img' && (src === 'x' || /(^|\\/)x$/.test(src || ''))) found.push(el.outerHTML);
            if (tag === 'script' && el.type !== 'application/json' && el.textContent.includes('__pwned')) found.push(el.outerHTML);
            if (href.startsWith('javascript:') || href.includes('__pwned')) found.push(el.outerHTML);
            for (const attr of el.attributes) {
                if (attr.name.startsWith('on') && attr.value.includes('__pwned')) found.push(el.outerHTML);
            }
            if (el.shadowRoot) walk(el.shadowRoot);
        }
    };
    walk(document);
    return found;
}"""


@pytest.fixture
def dialogs(page) -> list[str]:
    seen: list[str] = []

    def record(dialog) -> None:
        seen.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", record)
    return seen


def hostile_graph():
    return load_graph_bytes(
        (HOSTILE / "hostile.csv").read_bytes(), "hostile.csv", nodes=((HOSTILE / "nodes.csv").read_bytes(), "nodes.csv")
    )


# --- checks made after every step ---------------------------------------------------


def went_out(requests: list[str]) -> list[str]:
    """Requests for ``x`` (as a host or a relative path) or for any host but 127.0.0.1."""
    bad = []
    for url in requests:
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "file", "about"):
            continue
        if parts.hostname != "127.0.0.1" or parts.path.rstrip("/").endswith("/x"):
            bad.append(url)
    return bad


def assert_nothing_ran(page, dialogs: list[str], requests: list[str] | None = None) -> None:
    assert page.evaluate("() => typeof window.__pwned") == "undefined", "data ran as code"
    for frame in page.frames:
        assert frame.evaluate("() => typeof window.__pwned") == "undefined", f"data ran as code in {frame.url}"
    assert page.evaluate(FIND_INJECTED) == [], "elements were made from the data"
    requests = page.kg_requests if requests is None else requests
    assert went_out(requests) == [], "the data made the browser ask for something"
    assert getattr(page, "kg_blocked", []) == []
    assert dialogs == []


# --- driving the app ----------------------------------------------------------------


def open_hostile_graph(page, url: str) -> None:
    page.goto(url)
    wait_for_view(page, timeout_ms=40_000)
    page.get_by_role("button", name="Your graph").click()
    page.locator("input[type=file]").set_input_files([str(HOSTILE / "hostile.csv"), str(HOSTILE / "nodes.csv")])
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE, timeout=15_000)
    page.keyboard.press("Escape")
    wait_until_centred(page, "Start here")


def focus_hostile_concept(page) -> None:
    """Click the <img …> concept in the picture: it becomes the focus."""
    click_node(page, IMG)
    expect(page.get_by_role("heading", name=IMG, exact=True)).to_be_visible(timeout=15_000)
    wait_until_centred(page, IMG)


def download(page, button: str, target: Path, scope: str | None = None) -> Path:
    page.get_by_role("button", name="Download").click()
    if scope:
        page.get_by_text(scope, exact=True).click()
        wait_for_run(page)  # the buttons are remade for the new scope; a click on an old one downloads nothing
        if not page.get_by_role("button", name=button).is_visible():
            # The first run after an upload closes the popover (a bug, see test_teaching_browser): open it again.
            page.get_by_role("button", name="Download").click()
        expect(page.get_by_role("radio", name=scope)).to_be_checked()
    with page.expect_download() as info:
        page.get_by_role("button", name=button).click()
    info.value.save_as(target)
    page.keyboard.press("Escape")
    return target


# --- the tests ----------------------------------------------------------------------


def test_hostile_labels_are_text_in_the_picture_tooltip_and_details(page, app_url, dialogs):
    open_hostile_graph(page, app_url)
    assert_nothing_ran(page, dialogs)
    assert {IMG, SCRIPT, BOLD} <= drawn_names(page)

    focus_hostile_concept(page)
    assert_nothing_ran(page, dialogs)

    # The tooltip: label, type and group, then the description, exactly as typed.
    hover_node(page, IMG)
    tooltip = page.locator(f"{GRAPH} div.vis-tooltip")
    expect(tooltip).to_be_visible(timeout=5_000)
    expect(tooltip).to_have_text(TOOLTIP, use_inner_text=True)
    assert tooltip.evaluate(ONLY_LINE_BREAKS), "the tooltip holds elements made from the data"
    assert_nothing_ran(page, dialogs)

    # Clicking the focus again changes nothing and runs nothing.
    click_node(page, IMG)
    wait_for_run(page)
    expect(page.get_by_role("heading", name=IMG, exact=True)).to_be_visible()
    assert_nothing_ran(page, dialogs)

    # The Concept tab: heading, type and group, description, and every link as text.
    page.get_by_role("tab", name="Concept", exact=True).click()
    expect(page.get_by_text(f"idea · {BOLD}", exact=True)).to_be_visible()
    expect(page.get_by_text(DESCRIPTION, exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Other links (4)", exact=True)).to_be_visible()  # one link per relation
    for neighbour in (
        f"{LINK} → {RED}",
        f"{SCRIPT} → {CLOSE}",
        f"sits beside → {FORMULA_AS_TEXT}",
        f"Start here → leads to → {IMG}",
    ):
        expect(page.get_by_role("button", name=neighbour, exact=True)).to_be_visible()
    expect(page.get_by_text(FORMULA_AS_TEXT, exact=True)).to_be_visible()  # an explanation
    expect(page.get_by_text(f"Section: {CLOSE}", exact=True)).to_be_visible()
    expect(page.get_by_text(f"Section: {IMG}", exact=True)).to_be_visible()
    expect(page.get_by_text(EVERYTHING, exact=True)).to_be_visible()  # an explanation
    panel = page.get_by_role("tabpanel")
    assert panel.locator("strong", has_text=re.compile(r"^bold$")).count() == 0  # no **bold** made bold
    assert panel.locator(".stMarkdownColoredText, a, img").count() == 0  # no colour directive, link or image
    assert_nothing_ran(page, dialogs)

    # Following a hostile link in the list goes to the hostile concept it names.
    page.get_by_role("button", name=f"{SCRIPT} → {CLOSE}", exact=True).click()
    expect(page.get_by_role("heading", name=CLOSE, exact=True)).to_be_visible(timeout=15_000)
    trail = page.locator(".st-key-kg_trail")
    expect(trail.get_by_role("button", name="Start here", exact=True)).to_be_visible()
    expect(trail.get_by_role("button", name=IMG, exact=True)).to_be_visible()
    wait_until_centred(page, CLOSE)
    assert_nothing_ran(page, dialogs)
    assert page.kg_errors == []


def test_hostile_labels_are_text_in_the_quiz(page, app_url, dialogs):
    open_hostile_graph(page, app_url)
    page.get_by_role("tab", name="Quiz", exact=True).click()
    page.get_by_role("button", name="Start a quiz").click()
    page.wait_for_function("() => /[?&]quiz=\\d+/.test(location.search)", timeout=15_000)
    seed = int(re.search(r"[?&]quiz=(\d+)", page.evaluate("() => location.search"))[1])
    questions = make_quiz(hostile_graph(), seed, QUESTIONS)
    count = len(questions)  # a graph of 11 links has too few sound distractors for 5 questions with 5 answers
    assert 3 <= count <= QUESTIONS
    markers = (IMG, SCRIPT, LINK, BOLD, RED, CLOSE, FORMULA)
    assert any(m in text for q in questions for text in (q.prompt, *q.options) for m in markers)
    for number, question in enumerate(questions, 1):
        box = page.get_by_test_id("stRadio").filter(has_text=f"{number}. {as_text(question.prompt)}")
        expect(box.get_by_test_id("stWidgetLabel")).to_have_text(f"{number}. {as_text(question.prompt)}")
        expect(box.get_by_test_id("stRadioOption")).to_have_text([as_text(question.shown(o)) for o in question.options])
    assert_nothing_ran(page, dialogs)
    # Answer them all (right): each answer shows its link, explanation and section as text.
    for number, question in enumerate(questions, 1):
        box = page.get_by_test_id("stForm").filter(has_text=f"{number}. {as_text(question.prompt)}")
        box.get_by_text(as_text(question.shown(question.answer)), exact=True).click()
        box.get_by_role("button", name=f"Check answer {number}", exact=True).click()
        expect(page.get_by_test_id("stAlertContentSuccess")).to_have_count(number, timeout=10_000)
    expect(page.get_by_test_id("stAlertContentSuccess")).to_have_text([as_text(f"Right: {q.sentence}") for q in questions])
    quiz_panel = page.get_by_role("tabpanel")
    for question in questions:
        if question.evidence.explanation:
            expect(quiz_panel.get_by_text(as_text(question.evidence.explanation), exact=True).first).to_be_visible()
        if question.evidence.section:
            expect(quiz_panel.get_by_text(as_text(f"Section: {question.evidence.section}"), exact=True).first).to_be_visible()
    score = page.locator("p").filter(has_text=re.compile(rf"^Quiz {seed} · "))
    expect(score).to_have_text(f"Quiz {seed} · {count} questions · {count} right out of {count} answered")
    assert_nothing_ran(page, dialogs)
    assert page.kg_errors == []


def test_the_exported_page_of_a_hostile_graph_shows_text_and_runs_nothing(page, browser, app_url, dialogs, tmp_path):
    open_hostile_graph(page, app_url)
    focus_hostile_concept(page)
    # Concepts only: a linking phrase is a box of its own (shape "box"), named by its arrow and relation.
    shown = drawn_names(page)
    assert shown == {IMG, "Start here", RED, CLOSE, FORMULA}
    saved = download(page, "Interactive web page (works offline)", tmp_path / "view.html")
    assert_nothing_ran(page, dialogs)

    context = browser.new_context(viewport={"width": 1366, "height": 768})
    requests: list[str] = []
    errors: list[str] = []
    offline_dialogs: list[str] = []

    def only_files(route) -> None:
        requests.append(route.request.url)
        route.continue_() if route.request.url.startswith("file:") else route.abort()

    context.route("**/*", only_files)
    offline = context.new_page()
    offline.on("request", lambda request: requests.append(request.url))
    offline.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    offline.on("pageerror", lambda exc: errors.append(str(exc)))
    offline.on("dialog", lambda dialog: (offline_dialogs.append(dialog.message), dialog.dismiss()))
    try:
        offline.goto(saved.as_uri())
        offline.wait_for_function("() => window.kgNetwork !== undefined", timeout=15_000)
        assert (
            set(
                offline.evaluate(
                    "() => window.kgNetwork.body.data.nodes.get().filter((n) => n.shape !== 'box').map((n) => n.name)"
                )
            )
            == shown
        )
        # Labels reach vis-network unchanged: the data block was neither cut short nor altered.
        data = offline.evaluate("() => JSON.parse(document.getElementById('graph-data').textContent)")
        assert {n["name"] for n in data["nodes"] if n.get("shape") != "box"} == shown  # linking phrases are boxes
        assert offline.evaluate("() => document.scripts.length") == 3  # data, vis-network, the drawing
        expect(offline.locator("h1")).to_have_text(TITLE)
        assert offline.title() == TITLE
        # Hover the hostile concept: its tooltip is text.
        point = offline.evaluate(
            f"""(name) => {{ const net = window.kgNetwork, id = {NODE_ID}; const p = net.canvasToDOM(net.getPositions([id])[id]);
                        const box = document.querySelector('#graph canvas').getBoundingClientRect();
                        return [box.x + p.x, box.y + p.y]; }}""",
            IMG,
        )
        offline.mouse.move(*point)
        tooltip = offline.locator("div.vis-tooltip")
        expect(tooltip).to_be_visible(timeout=5_000)
        expect(tooltip).to_have_text(TOOLTIP, use_inner_text=True)
        assert tooltip.evaluate(ONLY_LINE_BREAKS), "the tooltip holds elements made from the data"
        assert_nothing_ran(offline, offline_dialogs, requests)
        assert [url for url in requests if not url.startswith("file:")] == []
        assert errors == []
    finally:
        context.close()
    assert page.kg_errors == []


def test_the_csv_download_of_a_hostile_graph_defuses_the_formula(page, app_url, dialogs, tmp_path):
    open_hostile_graph(page, app_url)
    button = "CSV files, zipped (links, nodes.csv, sources.csv; upload the zip again)"  # the whole graph's CSV (issue 15)
    saved = download(page, button, tmp_path / "graph-csv.zip", scope="The whole graph")
    text = zipfile.ZipFile(saved).read("edges.csv").decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 11
    defused = "'" + FORMULA
    assert [r["explanation"] for r in rows if FORMULA in r["explanation"]] == [defused]
    assert [r["target"] for r in rows if FORMULA in r["target"]] == [defused]
    cells = [cell for row in rows for cell in row.values()]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@")], "a cell a spreadsheet would run"
    # The rest is unchanged, and the file loads back to the same graph.
    assert {IMG, SCRIPT, CLOSE, BOLD, RED} <= {r["source"] for r in rows} | {r["target"] for r in rows}
    again = load_graph_bytes(text.encode("utf-8"), "graph.csv")
    assert set(again.graph.nodes) == set(hostile_graph().links["source"]) | set(hostile_graph().links["target"])
    assert_nothing_ran(page, dialogs)
    assert page.kg_errors == []


# --- bugs -----------------------------------------------------------------------------


def upload_types(page, url: str, path: Path) -> None:
    page.goto(url)
    wait_for_view(page, timeout_ms=40_000)
    page.get_by_role("button", name="Your graph").click()
    page.locator("input[type=file]").set_input_files(str(path))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Your graph: {path.name}", timeout=15_000)
    page.keyboard.press("Escape")
    settled_view(page)


def test_type_names_are_text_in_the_type_filter(page, app_url, dialogs):
    upload_types(page, app_url, FIXTURES / "hostile_types.csv")
    pills = page.get_by_role("toolbar", name="Kinds of concept shown").get_by_role("button")
    expect(pills).to_have_count(3)
    texts = sorted(t.split(" ", 1)[1] for t in pills.all_inner_texts())
    assert texts == sorted([RED, BOLD, as_text("![pixel](http://x/pixel.png)")])
    assert page.get_by_role("toolbar", name="Kinds of concept shown").locator("img, strong, .stMarkdownColoredText").count() == 0
    assert went_out(page.kg_requests) == [] and page.kg_blocked == []


def test_type_names_are_text_in_the_legend(page, app_url, dialogs):
    upload_types(page, app_url, FIXTURES / "hostile_legend.csv")
    legend = page.locator(".kg-legend")
    assert legend.locator("img, strong, p").count() == 0
    expect(legend).to_contain_text("![legend](http://x/legend.png) **bold**")


# Words a JavaScript course's graph is made of, and which a plain JS object already has as keys.
JS_WORDS = ("__proto__", "hasOwnProperty", "toString", "constructor")


def test_concepts_and_types_named_like_javascript_properties_are_drawn_and_clickable(page, app_url, dialogs):
    upload_types(page, app_url, FIXTURES / "js_words.csv")
    labels = page.evaluate("() => window.kgNetwork.body.data.nodes.get().map((n) => n.label)")
    assert set(JS_WORDS) | {"Object"} <= set(labels)
    assert drawn_names(page) == {*JS_WORDS, "Object"}
    # Types called __proto__ and constructor: each concept is drawn in its type's colour, and the legend says them.
    colours = dict(  # pairs, not a JS object: in one, "__proto__" would be lost
        page.evaluate(
            "() => window.kgNetwork.body.data.nodes.get().map((n) => [n.name,"
            " window.kgNetwork.body.nodes[n.id].options.color.background])"
        )
    )
    assert colours["hasOwnProperty"] == colours["toString"] != colours["__proto__"] != colours["Object"]
    expect(page.locator(f"{GRAPH} ~ .kg-key, .kg-key").first).to_contain_text("__proto__")
    for name in JS_WORDS:
        if name not in drawn_names(page):  # not linked to the focus: by way of Object, linked to all
            click_node(page, "Object")
            wait_until_centred(page, "Object")
        click_node(page, name)
        expect(page.get_by_role("heading", name=name, exact=True)).to_be_visible(timeout=15_000)
        wait_until_centred(page, name)
        drawn = drawn_names(page)
        assert name in drawn and "Object" in drawn, f"around {name}: {drawn}"
        edges = page.evaluate("() => window.kgNetwork.body.data.edges.get().map((e) => [e.from, e.to])")
        ids = set(page.evaluate("() => window.kgNetwork.body.data.nodes.getIds()"))
        assert edges and all(a in ids and b in ids for a, b in edges), "an arrow without its concepts"
    assert_nothing_ran(page, dialogs)
    assert page.kg_errors == []


# --- round three (issue 26) ---------------------------------------------------------


@pytest.fixture(scope="module")
def maps_database(tmp_path_factory) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp('maps') / 'maps.db'}"


def test_the_teacher_key_does_not_come_back_with_the_back_button(page, streamlit_app, maps_database):
    # Case 9: "…&key=KEY" stayed in the history entry the teacher link opened, one Back away.
    from graph.classroom import store

    water = ROOT / "tests" / "fixtures" / "app" / "water_cycle.csv"
    saved = store.publish([("water_cycle.csv", water.read_bytes())], "Water", url=maps_database)
    store.dispose(maps_database)
    url = streamlit_app(ROOT / "app.py", {"KG_DATABASE_URL": maps_database})
    page.goto(f"{url}?map={saved.map_id}&key={saved.key}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Water", timeout=90_000)
    wait_for_view(page, timeout_ms=90_000)
    settled_view(page)
    seen = [page.url]
    click_node(page, "Sun")
    wait_until_centred(page, "Sun")
    seen.append(page.url)
    assert "focus=Sun" in seen[-1] and f"map={saved.map_id}" in seen[-1]  # the page writes its address once the key is gone
    for _ in range(3):  # back through every entry the app made, to the one the teacher link opened, and out
        page.go_back()
        if not page.url.startswith(url):
            break
        seen.append(page.url)  # before the rerun Back starts writes the address again
        wait_for_run(page)
    assert any(f"map={saved.map_id}" in address for address in seen)
    assert [address for address in seen if saved.key in address] == []


def test_a_file_over_the_upload_limit_is_refused_by_the_browser_before_it_reaches_the_server(page, streamlit_app, tmp_path):
    # Case 4: Streamlit's limit (50 MB) was above the app's, so a refused file was sent and stayed in server memory.
    big = tmp_path / "too-big.csv"
    big.write_bytes(b"source,source_type,relation,target,target_type\n" + b"A,idea,leads to,B,idea\n" * 100_000)  # 2.3 MB
    url = streamlit_app(ROOT / "app.py", {"KG_MAX_UPLOAD_MB": "1"})
    page.goto(url)
    wait_for_view(page, timeout_ms=90_000)
    page.get_by_role("button", name="Your graph").click()
    page.locator("input[type=file]").set_input_files(str(big))
    expect(page.get_by_text(re.compile(r"File must be .* or smaller"))).to_be_visible(timeout=20_000)
    expect(page.get_by_text("the limit here is 1 MB", exact=False)).to_have_count(0)  # the app never had it
    assert not [url_ for url_ in page.kg_requests if "/_stcore/upload_file" in url_ and "too-big" in url_]
