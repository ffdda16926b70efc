"""graph/picture/payload.py: the picture's contract with the browser."""

from __future__ import annotations

import re
from pathlib import Path

from graph.core.query import explain_paths
from graph.picture.payload import BROWSER_KEYS, SERVER_KEYS, picture, sent
from graph.picture.view import build_path_view, build_view, unbent

COMPONENT = Path(__file__).resolve().parents[3] / "explorer" / "components" / "graph_view"
HUB = "Dopamine deficiency"


def test_the_keys_sent_are_exactly_the_documented_ones(article):
    shown = picture(article, build_view(article, HUB, 2), "A test picture")
    assert SERVER_KEYS <= set(shown)  # kept on the server …
    browser = sent({**shown, "title": "A saved picture"})
    # … and never sent: what goes is the documented payload, whole.
    assert set(browser) == BROWSER_KEYS


def test_the_script_reads_every_key_sent_and_no_other():
    script = "".join((COMPONENT / name).read_text(encoding="utf-8") for name in ("graph_view.js", "keyboard.js"))
    code = re.sub(r"//.*", "", script)  # what the script does, not what its comments say
    read = set(re.findall(r"\bpayload\.([a-z_]+)", code))
    assert read == BROWSER_KEYS - {"group_names"}  # read back by tests only, as its documentation says
    head = script[: script.index("const ")]
    assert {key for key in BROWSER_KEYS if not re.search(rf"\b{key}\b", head)} == set()


def test_a_path_has_no_pager(article):
    start, end = "Cocaine use", "Tremors"
    shown = picture(article, build_path_view(article, explain_paths(article, start, end)), "A path")
    assert shown["left_out"] == 0 and "page" not in shown and "focus_not_drawn" not in shown
    assert set(sent(shown)) == BROWSER_KEYS - {"title"}


def test_concepts_phrases_links_and_trunks_are_told_apart_by_kind(article):
    view = build_view(article, HUB, 1)
    shown = picture(article, view, "Around the hub")
    kinds = {node["id"]: node["kind"] for node in shown["nodes"]}
    assert {name for name, kind in kinds.items() if kind == "concept"} == set(view.concepts)
    assert {name for name, kind in kinds.items() if kind == "phrase"} == {phrase.id for phrase in view.phrases}
    assert view.phrases  # the hub's links go through linking phrases
    links = [edge for edge in shown["edges"] if edge["kind"] == "link"]
    trunks = [edge for edge in shown["edges"] if edge["kind"] == "trunk"]
    assert {edge["kind"] for edge in shown["edges"]} == {"link", "trunk"}
    assert {int(edge.get("link", edge["id"])) for edge in links} <= set(view.link_ids)
    one_each = unbent(shown)  # a line bent at points is drawn in parts, through "bend" nodes
    trunks = [edge for edge in one_each["edges"] if edge["kind"] == "trunk"]
    assert all(kinds[edge["to"]] == "phrase" or kinds[edge["from"]] == "phrase" for edge in trunks)
    # The browser gets the kinds too, beside opaque ids.
    browser = sent(shown)
    assert all(("name" in node) == (node["kind"] == "concept") for node in browser["nodes"])
