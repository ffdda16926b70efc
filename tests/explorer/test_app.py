"""The explorer's logic through Streamlit's AppTest: start, follow links, search, depth, filters, URL."""

from __future__ import annotations

import pytest

from tests.apptest import HUB, focus, link_buttons, picture, start, unescape


def neighbour_of(label: str) -> str:
    """The concept a link button leads to: 'can cause → Tremors' (a link out) or
    'Cocaine use → may cause → Dopamine deficiency' (a link in, read as the whole sentence)."""
    parts = label.split(" → ")
    return parts[-1] if len(parts) == 2 else parts[0]


def test_opens_on_the_article_hub_with_disclaimer_and_sources():
    at = start()
    assert focus(at) == HUB
    assert "not medical advice" in " ".join(c.value for c in at.caption)
    assert not any("Cleveland Clinic" in unescape(m.value) for m in at.markdown)  # made once the popover is opened
    at.session_state["kg_sources"] = True
    at.run()
    sources = " ".join(unescape(m.value) for m in at.markdown)
    assert "Cleveland Clinic" in sources and "[8]" in sources
    assert picture(at)["focus"] == HUB
    assert at.query_params["focus"] == [HUB] or at.query_params["focus"] == HUB


def test_neighbour_list_is_the_text_alternative_of_the_picture():
    at = start()
    drawn = {node["id"] for node in picture(at)["nodes"]} - {HUB}
    listed = {neighbour_of(label) for label in link_buttons(at)}
    assert listed == drawn


def test_choosing_a_neighbour_refocuses_picture_details_and_url():
    at = start()
    button = link_buttons(at)["Cocaine use → may cause → Dopamine deficiency"]
    button.click().run()
    assert focus(at) == "Cocaine use"
    assert picture(at)["focus"] == "Cocaine use"
    assert {n["id"] for n in picture(at)["nodes"]} == {
        "Cocaine use",
        HUB,
        "Nerve cell receptor problems",
        "Initial dopamine build-up",
    }
    assert at.query_params["focus"] in ("Cocaine use", ["Cocaine use"])
    sentences = list(link_buttons(at))
    assert "may cause → Dopamine deficiency" in sentences


def test_history_and_back():
    at = start()
    link_buttons(at)["Cocaine use → may cause → Dopamine deficiency"].click().run()
    link_buttons(at)["can cause → Nerve cell receptor problems"].click().run()
    assert focus(at) == "Nerve cell receptor problems"
    trail = [unescape(b.label) for b in at.button if b.key and b.key.startswith("trail_")]
    assert trail == ["Dopamine deficiency", "Cocaine use"]
    at.button(key="back").click().run()
    assert focus(at) == "Cocaine use"
    at.button(key="back").click().run()
    assert focus(at) == HUB


def test_search_tolerates_typos_and_case():
    at = start()
    at.text_input(key="search_text").input("LEVADOPA").run()
    assert focus(at) == "Levodopa"
    assert picture(at)["focus"] == "Levodopa"


def test_search_for_unknown_name_suggests_instead_of_failing():
    at = start()
    at.text_input(key="search_text").input("zzzqqq").run()
    assert focus(at) == HUB
    assert any("No concept is called" in w.value for w in at.warning)


def test_depth_changes_what_the_picture_holds():
    at = start(focus="Cocaine use")
    one = {n["id"] for n in picture(at)["nodes"]}
    at.segmented_control(key="depth_choice").set_value("2").run()
    two = {n["id"] for n in picture(at)["nodes"]}
    assert one < two
    # Cocaine use → Dopamine deficiency → Parkinson's disease (the picture holds what fits legibly, most connected first)
    assert "Parkinson's disease" in two
    assert at.query_params["depth"] in ("2", ["2"])


def test_hiding_a_type_removes_it_from_picture_and_legend_counts():
    at = start()
    assert any(n["group"] == "symptom" for n in picture(at)["nodes"])
    shown = [t for t in at.pills(key="shown_types").value if t != "symptom"]
    at.pills(key="shown_types").set_value(shown).run()
    types = {n["group"] for n in picture(at)["nodes"] if n["id"] != HUB}
    assert "symptom" not in types and types
    assert at.query_params["hide"] in ("symptom", ["symptom"])
    legend = " ".join(m.value for m in at.markdown if "kg-legend" in m.value)
    assert "symptom <small>(0)</small>" in legend


def test_shared_url_reopens_the_same_view():
    at = start()
    link_buttons(at)["Parkinson's disease → may cause → Dopamine deficiency"].click().run()
    at.segmented_control(key="depth_choice").set_value("2").run()
    shared = {k: at.query_params[k] for k in at.query_params}
    again = start(**{k: v[0] if isinstance(v, list) else v for k, v in shared.items()})
    assert focus(again) == "Parkinson's disease"
    assert {n["id"] for n in picture(again)["nodes"]} == {n["id"] for n in picture(at)["nodes"]}


@pytest.mark.parametrize("params", [{"focus": "No such thing at all"}, {"focus": HUB, "depth": "seven"}])
def test_bad_url_gives_a_friendly_message(params):
    at = start(**params)
    assert focus(at) == HUB
    assert at.warning and "Showing" in at.warning[0].value


def test_url_with_typo_finds_the_concept():
    at = start(focus="levadopa")
    assert focus(at) == "Levodopa"


@pytest.mark.parametrize(
    "params", [{"page": "²"}, {"quiz": "²"}, {"tour": "from-causes-to-symptoms", "step": "²"}, {"page": "-1"}]
)
def test_hand_edited_numbers_in_the_url_never_break_the_page(params):
    at = start(**params)  # start() insists on no exception
    assert focus(at) in (HUB, "Dopamine")


def test_a_page_past_the_last_shows_the_last_page_not_an_empty_picture():
    at = start(focus="Dopamine", page="1")
    from graph.files.load import load_graph

    linked = load_graph("data/edges.csv").neighbour_count("Dopamine")
    assert len(picture(at)["nodes"]) == 1 + linked  # Dopamine and every concept linked to it
