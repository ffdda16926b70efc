"""The "Sources and disclaimer" popover (panels/sources.py) through AppTest: the article's hedge scale and
its tensions are shown with the article, and not with a teacher's own graph."""

from __future__ import annotations

import json
from pathlib import Path

from graph.relations import ARTICLE_RELATIONS, HEDGES, load_vocabulary
from tests.apptest import run, start, texts, uploader

REPO = Path(__file__).resolve().parents[1]
ABOUT = json.loads((REPO / "data" / "about.json").read_text("utf-8"))
WATER = Path(__file__).resolve().parent / "fixtures" / "app" / "water_cycle.csv"


def test_the_article_shows_its_hedges_and_its_tensions():
    at = start()
    shown = texts(at)  # the popover's content is on the page, as the browser receives it before it opens
    assert "**How sure each link is** (its relation says it, strongest first)" in shown
    hedge_lines = [line for line in shown if line.split(":", 1)[0] in HEDGES]
    assert [line.split(":", 1)[0] for line in hedge_lines] == list(HEDGES)
    words = load_vocabulary(ARTICLE_RELATIONS)
    for line in hedge_lines:
        level = line.split(":", 1)[0]
        examples = line.split("For example: ", 1)[1].rstrip(".").split(", ")
        assert examples and all(words.get(name).hedge == level for name in examples), line
    assert "**Where the article is in tension with itself**" in shown
    assert [note for note in ABOUT["tensions"] if note in shown] == ABOUT["tensions"]
    assert ABOUT["disclaimer"] in shown


def test_a_teachers_graph_shows_neither():
    at = start()
    at = run(uploader(at).set_value([("water_cycle.csv", WATER.read_bytes(), "text/csv")]))
    assert "Sources" in [p.proto.popover.label for p in at.get("popover")]  # not "Sources and disclaimer"
    shown = " ".join(texts(at))
    assert "How sure each link is" not in shown
    assert "tension" not in shown
