"""A click on a linking phrase shared by several links opens the evidence of all of them (issue 27, item 6)."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

REPO = Path(__file__).resolve().parents[2]


def _click_the_hubs_symptoms_phrase():
    from pathlib import Path

    from explorer.panels import explore
    from explorer.panels.session import session
    from graph.files.load import load_graph
    from graph.picture.view import build_view

    kg = load_graph(Path.cwd() / "data" / "edges.csv")
    session().start(kg, "article", {})
    view = build_view(kg, kg.default_focus, depth=1)
    shared = max(view.phrases, key=lambda p: len(p.links))
    links = [link_id for link_id, _ in shared.links]
    # What the picture sends for a click on that phrase (graph_view.js): its first link, and all of them.
    explore.handle_click(kg, {"kind": "edge", "id": links[0], "links": links})
    explore.details(kg)


def _click_one_link():
    from pathlib import Path

    from explorer.panels import explore
    from explorer.panels.session import session
    from graph.files.load import load_graph
    from graph.picture.view import build_view

    kg = load_graph(Path.cwd() / "data" / "edges.csv")
    session().start(kg, "article", {})
    view = build_view(kg, kg.default_focus, depth=1)
    shared = max(view.phrases, key=lambda p: len(p.links))
    explore.handle_click(kg, {"kind": "edge", "id": shared.links[0][0]})
    explore.details(kg)


def _sentences_of_the_shared_phrase() -> list[str]:
    from graph.files.load import load_graph
    from graph.picture.view import build_view

    kg = load_graph(REPO / "data" / "edges.csv")
    view = build_view(kg, kg.default_focus, depth=1)
    shared = max(view.phrases, key=lambda p: len(p.links))
    return [kg.link(link_id).sentence for link_id, _ in shared.links]


def test_a_shared_phrase_opens_every_link_it_says(monkeypatch):
    monkeypatch.chdir(REPO)
    sentences = _sentences_of_the_shared_phrase()
    assert len(sentences) > 2
    at = AppTest.from_function(_click_the_hubs_symptoms_phrase, default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    shown = [m.value for m in at.markdown]
    assert f"**Selected links** ({len(sentences)})" in shown
    for text in sentences:
        assert any(text in value for value in shown), text


def test_one_link_clicked_opens_that_link_only(monkeypatch):
    monkeypatch.chdir(REPO)
    first, *others = _sentences_of_the_shared_phrase()
    at = AppTest.from_function(_click_one_link, default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    shown = [m.value for m in at.markdown]
    assert "**Selected link**" in shown
    box = shown[shown.index("**Selected link**") + 1]
    assert first in box and not any(other in box for other in others)
