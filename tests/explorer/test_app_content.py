"""Content you can trust, in the app (AppTest): the Sources popover shows the article's hedge scale and its
tensions (explorer/panels/sources.py), and a teacher's relations.csv holds the uploaded links, and edits of them, to its relations."""

from __future__ import annotations

import json
from pathlib import Path

from graph.core.relations import ARTICLE_RELATIONS, HEDGES
from graph.files.vocabulary import load_vocabulary
from tests.apptest import focus, run, start, texts, uploader
from tests.explorer.test_app_your_graph import edit, open_editor, popover, report, title, upload

REPO = Path(__file__).resolve().parents[2]
ABOUT = json.loads((REPO / "data" / "about.json").read_text("utf-8"))
WATER = Path(__file__).resolve().parents[1] / "fixtures" / "app" / "water_cycle.csv"


def test_the_article_shows_its_hedges_and_its_tensions():
    at = start()
    assert "**Where the article is in tension with itself**" not in texts(at)  # made only once it is opened
    shown = texts(popover(at, "Sources and disclaimer"))
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
    shown = " ".join(texts(popover(at, "Sources")))
    assert "This graph lists no sources." in shown  # the popover is open, and these notes are not in it
    assert "How sure each link is" not in shown
    assert "tension" not in shown


OCEAN = b"source,source_type,relation,target,target_type\nSun,star,may warm,Sea,water\nFish,animal,feeds on,Plankton,animal\n"
OCEAN_WORDS = (
    b"relation,inverse,hedge,family,meaning,synonyms\n"
    b"may warm,may be warmed by,may,warms,Might make warmer.,heat\n"
    b"feeds on,is food for,states,eats,Eats.,eat\n"
)


def test_a_teachers_vocabulary_refuses_an_unlisted_relation_in_the_upload_and_in_edits():
    at = start()
    bad = OCEAN.replace(b"feeds on", b"eats")
    upload(at, ("ocean.csv", bad), ("relations.csv", OCEAN_WORDS))
    errors, problems = report(at)
    assert problems == [
        "ocean.csv, row 3, column 'relation': 'eats' is not a relation listed in relations.csv; did you mean 'feeds on'? "
        "Use a listed relation, or add this one to relations.csv."
    ]
    assert title(at) == "Dopamine deficiency: how the ideas connect"  # nothing changed

    upload(at, ("ocean.csv", OCEAN), ("relations.csv", OCEAN_WORDS))
    assert report(at) == ([], [])
    assert title(at) == "Your graph: ocean.csv"  # titled by its links file
    table = open_editor(at).data_editor[0].value
    (row,) = [int(i) for i in table.index[table["relation"] == "feeds on"]]
    edit(at, {row: {"relation": "gobbles"}})
    errors, problems = report(at)
    assert problems == [
        "edited-links.csv, row 3, column 'relation': 'gobbles' is not a relation listed in relations.csv. "
        "Use one of its relations, or add this one to relations.csv."
    ]
    assert title(at) == "Your graph: ocean.csv"  # titled by its links file  # the edit was refused, the upload stays
    edit(at, {row: {"relation": "may warm"}})
    assert report(at) == ([], [])
    assert focus(at) in {"Sun", "Sea", "Fish", "Plankton"}
