"""A teacher's large graph in the app: the picture stays bounded and a hub's neighbours can be paged."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from explorer.panels.graphs import VIEW_CAP as DEFAULT_CAP
from graph.files.load import load_graph_bytes
from graph.picture.view import build_view
from tests.apptest import open_tab, picture, uploader
from tests.conftest import SHORT_HEADER

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def star_csv(leaves: int) -> bytes:
    rows = [f"Hub,topic,includes,Leaf {i:03d},item" for i in range(leaves)]
    rows += [f"Leaf {i:03d},item,is near,Leaf {i + 1:03d},item" for i in range(0, 40, 2)]  # some leaves matter more
    return (SHORT_HEADER + "\n".join(rows) + "\n").encode()


def test_a_hub_with_more_neighbours_than_fit_is_paged():
    """As many as fit the frame with every name legible (at most DEFAULT_CAP) on each page, most connected first."""
    at = AppTest.from_file(APP, default_timeout=60).run()
    uploader(at).set_value([("star.csv", star_csv(400), "text/csv")]).run()
    assert not at.exception

    def concepts() -> set[str]:
        return {n["id"] for n in picture(at)["nodes"] if n["group"]}  # linking phrases have no kind

    # The page size is the server's to know (it is not sent to the browser): the same view, built here.
    per_page = build_view(load_graph_bytes(star_csv(400), "star.csv"), "Hub", 1, cap=DEFAULT_CAP).per_page
    assert 12 <= per_page + 1 <= DEFAULT_CAP
    first = concepts()
    assert len(first) == per_page + 1 and "Hub" in first
    # The most connected leaves (those with a second link) come first.
    assert {f"Leaf {i:03d}" for i in range(0, min(41, per_page))} <= first
    assert any("linked to 400 concepts" in c.value for c in at.caption)
    assert at.button(key="page_prev").disabled

    at.button(key="page_next").click().run()
    second = concepts()
    assert len(second) == per_page + 1 and (first & second) == {"Hub"}
    assert at.query_params["page"] in ("1", ["1"])

    seen = first | second
    while not at.button(key="page_next").disabled:
        at.button(key="page_next").click().run()
        seen |= concepts()
    assert seen == {"Hub"} | {f"Leaf {i:03d}" for i in range(400)}


def test_the_graph_is_loaded_once_per_file_content_not_per_click_or_session(monkeypatch):
    import explorer.panels.graphs

    calls = []
    real = explorer.panels.graphs.load_graph
    monkeypatch.setattr(explorer.panels.graphs, "load_graph", lambda path: calls.append(path) or real(path))
    explorer.panels.graphs._load_article.clear()
    first = AppTest.from_file(APP, default_timeout=60).run()
    first.button(key=next(b.key for b in first.button if b.key and b.key.startswith("link_"))).click().run()
    second = AppTest.from_file(APP, default_timeout=60).run()
    assert not first.exception and not second.exception
    assert len(calls) == 1


def test_an_upload_is_validated_once_per_content(monkeypatch):
    import explorer.panels.graphs

    calls = []
    real = explorer.panels.graphs.load_files
    monkeypatch.setattr(explorer.panels.graphs, "load_files", lambda files, **k: calls.append(files[0][0]) or real(files, **k))
    at = AppTest.from_file(APP, default_timeout=60).run()
    data = star_csv(5) + b"Extra,topic,includes,Leaf 000,item\n"  # content no other test uploads
    uploader(at).set_value([("star.csv", data, "text/csv")]).run()
    at.button(key=next(b.key for b in at.button if b.key and b.key.startswith("link_"))).click().run()
    at.segmented_control(key="depth_choice").set_value("2").run()
    assert not at.exception
    assert calls == ["star.csv"]


def test_a_busy_concept_lists_its_first_links_and_all_on_request():
    at = AppTest.from_file(APP, default_timeout=60).run()
    uploader(at).set_value([("star.csv", star_csv(400), "text/csv")]).run()
    links = [b for b in at.button if b.key and b.key.startswith("link_")]
    assert len(links) == 40
    at.button(key="more_links_0").click().run()  # the first (here the only) group of links
    assert len([b for b in at.button if b.key and b.key.startswith("link_")]) == 400


def test_connect_two_on_a_big_graph_takes_typed_names_instead_of_sending_every_concept(monkeypatch):
    import explorer.panels.connect

    monkeypatch.setattr(explorer.panels.connect, "LIST_LIMIT", 100)
    at = AppTest.from_file(APP, default_timeout=60).run()
    uploader(at).set_value([("star.csv", star_csv(400), "text/csv")]).run()
    open_tab(at, "Connect two")
    assert not [s for s in at.selectbox if s.key in ("path_from", "path_to")]
    assert at.text_input(key="path_from")
    at.text_input(key="path_from").input("leaf 003").run()
    at.text_input(key="path_to").input("Leaf 399").run()
    at.button(key="path_go").click().run()
    assert {n["id"] for n in picture(at)["nodes"]} == {"Leaf 003", "Hub", "Leaf 399"}
    at.text_input(key="path_to").input("zzzz qqq").run()
    at.button(key="path_go").click().run()
    assert any("No concept is called" in w.value for w in at.warning)
