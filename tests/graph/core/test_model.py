"""The loaded graph's helpers (graph/core/model.py): examples, ranked neighbours, links read as sentences, source labels."""

from __future__ import annotations

import pytest


def test_search_examples_are_short_well_connected_names(make_kg):
    kg = make_kg(
        "source,source_type,relation,target,target_type\n"
        "Photosynthesis in green plants,process,needs,Sunlight,input\n"
        "Photosynthesis in green plants,process,needs,Water,input\n"
        "Photosynthesis in green plants,process,makes,Oxygen gas,output\n"
        "Sunlight,input,warms,Water,input\n"
    )
    assert kg.examples == ["Water", "Sunlight"]


def test_ranked_neighbours_are_kept_for_the_most_recent_concepts_only(make_kg, monkeypatch):
    import graph.core.model

    monkeypatch.setattr(graph.core.model, "RANKED_KEPT", 2)
    kg = make_kg("source,source_type,relation,target,target_type\n" + "".join(f"Hub,c,has,L{i},c\n" for i in range(4)))
    assert kg.ranked_neighbours("Hub") == ["L0", "L1", "L2", "L3"]
    assert kg.ranked_neighbours("L0") == ["Hub"]
    assert kg.ranked_neighbours("Hub") is kg.ranked_neighbours("Hub")  # kept, not worked out again
    kg.ranked_neighbours("L1")  # Hub was used more recently than L0: L0 goes
    assert list(kg._ranked) == ["Hub", "L1"]
    assert kg.neighbour_count("L0") == 1
    assert list(kg._ranked) == ["L1", "L0"]


def test_a_link_is_read_once_and_the_most_recent_are_kept(make_kg, monkeypatch):
    import graph.core.model

    monkeypatch.setattr(graph.core.model, "LINKS_KEPT", 2)
    kg = make_kg(
        "source,source_type,relation,target,target_type,section,explanation,sources\n"
        "A,c,has,B,c,Intro,Because.,1; 2\n"
        "B,c,has,C,c,,,\n"
        "C,c,has,D,c,,,\n",
        sources="number,title\n1,One\n2,Two\n",
    )
    first = kg.link(0)
    assert first == graph.core.model.Link(0, "A", "has", "B", "Intro", "Because.", (1, 2))
    assert kg.link("0") is first  # kept, whatever form the id comes in (a click sends text)
    kg.link(1)
    kg.link(2)  # two others read since: the first is no longer kept, and is read again alike
    again = kg.link(0)
    assert again == first and again is not first
    with pytest.raises(KeyError):
        kg.link(3)


def test_source_labels_name_title_publisher_and_date(make_kg):
    kg = make_kg(
        "source,source_type,relation,target,target_type,section,explanation,sources\nA,c,has,B,c,,,1\n",
        sources="number,title,publisher,date\n1,A book,Press,2020\n2,A page,,\n",
    )
    assert kg.source_label(1) == "[1] A book (Press, 2020)"
    assert kg.source_label(2) == "[2] A page"
    assert kg.source_label(9) == "[9]"  # a number the sources do not list
