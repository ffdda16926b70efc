"""Questions asked of the graph (graph/core/query.py), on tiny canonical graphs with exact answers.

The canonical graphs (``path_kg``: A → B → C → D → E, ``star_kg``: Hub → L01…L10,
``cycle_kg``, ``two_components_kg``) are written as CSV text in ``conftest.py``.
"""

from __future__ import annotations

import networkx as nx
import pytest

from graph.core import query
from graph.core.query import (
    ConceptNotFound,
    explain_paths,
    find_concept,
    key_concepts,
    links_of,
    named_concept,
    neighbourhood,
    search,
    similarity,
)
from graph.core.spelling import close_matches
from tests.conftest import HEADER


def sentences(chain) -> list[str]:
    return [link.sentence for link in chain]


# --- links_of ------------------------------------------------------------------


def test_links_of_a_middle_concept_has_one_link_each_way(path_kg):
    outgoing, incoming = links_of(path_kg, "B")
    assert sentences(outgoing) == ["B → causes → C"]
    assert sentences(incoming) == ["A → leads to → B"]


def test_links_carry_their_evidence(path_kg):
    (first,), _ = links_of(path_kg, "A")
    assert (first.link_id, first.section, first.explanation, first.sources) == (0, "Causes", "A starts it", (1,))
    (last,), _ = links_of(path_kg, "D")
    assert (last.link_id, last.section, last.explanation, last.sources) == (3, "Signs", "", (1, 2))
    _, (into_d,) = links_of(path_kg, "D")
    assert into_d.sources == ()


def test_links_of_the_ends_of_a_path(path_kg):
    assert links_of(path_kg, "A")[1] == []
    assert links_of(path_kg, "E")[0] == []


def test_links_come_in_file_order_not_alphabetical(make_kg):
    kg = make_kg(
        HEADER
        + "X,concept,first,Zebra,concept,,,\n"
        + "Y,concept,points at,X,concept,,,\n"
        + "X,concept,second,Apple,concept,,,\n"
        + "X,concept,third,Zebra,concept,,,\n"
        + "Apple,concept,back to,X,concept,,,\n"
    )
    outgoing, incoming = links_of(kg, "X")
    assert [(link.link_id, link.relation) for link in outgoing] == [(0, "first"), (2, "second"), (3, "third")]
    assert [(link.link_id, link.source) for link in incoming] == [(1, "Y"), (4, "Apple")]


def test_links_of_the_hub_of_a_star(star_kg):
    outgoing, incoming = links_of(star_kg, "Hub")
    assert [link.target for link in outgoing] == [f"L{i:02}" for i in range(1, 11)]
    assert incoming == []


def test_links_of_an_unknown_concept(path_kg):
    with pytest.raises(ConceptNotFound) as caught:
        links_of(path_kg, "b")
    assert caught.value.suggestions == ["B"]


# --- neighbourhood ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("depth", "expected"),
    [
        (1, {"A": 0, "B": 1}),
        (2, {"A": 0, "B": 1, "C": 2}),
        (3, {"A": 0, "B": 1, "C": 2, "D": 3}),
        (None, {"A": 0, "B": 1, "C": 2, "D": 3, "E": 4}),
    ],
)
def test_neighbourhood_of_the_start_of_a_path(path_kg, depth, expected):
    around = neighbourhood(path_kg, "A", depth=depth)
    assert around.distance == expected
    assert around.concepts[0] == "A"
    assert around.not_drawn == {}


def test_neighbourhood_follows_links_both_ways(path_kg):
    assert neighbourhood(path_kg, "C", depth=1).distance == {"C": 0, "B": 1, "D": 1}
    assert neighbourhood(path_kg, "E", depth=2).distance == {"E": 0, "D": 1, "C": 2}


def test_neighbourhood_of_a_star(star_kg):
    leaves = {f"L{i:02}": 1 for i in range(1, 11)}
    assert neighbourhood(star_kg, "Hub", depth=1).distance == {"Hub": 0, **leaves}
    assert neighbourhood(star_kg, "L03", depth=1).distance == {"L03": 0, "Hub": 1}
    assert neighbourhood(star_kg, "L03", depth=2).distance == {"L03": 0, "Hub": 1, **{k: 2 for k in leaves if k != "L03"}}


def test_neighbourhood_of_a_cycle(cycle_kg):
    assert neighbourhood(cycle_kg, "A", depth=1).distance == {"A": 0, "B": 1, "C": 1}


def test_neighbourhood_stays_in_its_component(two_components_kg):
    assert neighbourhood(two_components_kg, "A", depth=None).distance == {"A": 0, "B": 1}


def test_type_filter_does_not_walk_through_filtered_concepts(path_kg):
    # B is a condition: without conditions nothing beyond A can be reached.
    assert neighbourhood(path_kg, "A", depth=3, types={"cause", "symptom"}).distance == {"A": 0}
    # From C, symptoms only: D, but not the conditions B and E (nor A behind B).
    assert neighbourhood(path_kg, "C", depth=None, types={"symptom"}).distance == {"C": 0, "D": 1}


def test_type_filter_always_keeps_the_focus(path_kg):
    assert neighbourhood(path_kg, "B", depth=2, types={"symptom"}).distance == {"B": 0, "C": 1, "D": 2}
    assert neighbourhood(path_kg, "B", depth=2, types=set()).distance == {"B": 0}


def test_cap_on_a_star_keeps_the_focus_and_counts_the_rest_exactly(star_kg):
    around = neighbourhood(star_kg, "Hub", depth=1, cap=4)
    assert len(around.distance) == 4
    assert around.distance["Hub"] == 0
    assert all(concept.startswith("L") and level == 1 for concept, level in around.distance.items() if concept != "Hub")
    # Ten leaves, three shown: the hub has seven more.
    assert around.not_drawn == {"Hub": 7}


@pytest.mark.parametrize("cap", range(1, 14))
def test_cap_is_never_exceeded(star_kg, cap):
    around = neighbourhood(star_kg, "Hub", depth=None, cap=cap)
    shown = min(cap, 11)
    assert len(around.distance) == shown
    assert sum(around.not_drawn.values()) == 11 - shown


def test_cap_keeps_the_most_connected_concepts(make_kg):
    kg = make_kg(
        HEADER
        + "Hub,condition,can cause,Leaf A,symptom,,,\n"
        + "Hub,condition,can cause,Leaf B,symptom,,,\n"
        + "Hub,condition,can cause,Leaf C,symptom,,,\n"
        + "Leaf B,symptom,leads to,Far 1,symptom,,,\n"
        + "Leaf B,symptom,leads to,Far 2,symptom,,,\n"
    )
    around = neighbourhood(kg, "Hub", depth=1, cap=2)
    assert around.distance == {"Hub": 0, "Leaf B": 1}
    assert around.not_drawn == {"Hub": 2}


def test_hidden_counts_belong_to_the_concept_whose_neighbours_did_not_fit(make_kg):
    kg = make_kg(
        HEADER
        + "Root,concept,has,P,concept,,,\n"
        + "Root,concept,has,Q,concept,,,\n"
        + "P,concept,has,P1,concept,,,\n"
        + "P,concept,has,P2,concept,,,\n"
        + "P,concept,has,P3,concept,,,\n"
        + "Q,concept,has,Q1,concept,,,\n"
        + "Q1,concept,has,Z,concept,,,\n"
    )
    # Room for one of the four concepts two links away: Q1, the most connected, is kept.
    around = neighbourhood(kg, "Root", depth=2, cap=4)
    assert around.distance == {"Root": 0, "P": 1, "Q": 1, "Q1": 2}
    # P's three did not fit; Z, three links away, is beyond the depth and not counted.
    assert around.not_drawn == {"P": 3}


def test_concepts_beyond_the_depth_are_not_counted_as_hidden(path_kg):
    # Everything within one link of A fits in two places: C is beyond the depth, not cut by the cap.
    for cap in (2, 3, 50):
        around = neighbourhood(path_kg, "A", depth=1, cap=cap)
        assert around.distance == {"A": 0, "B": 1}
        assert around.not_drawn == {}


def test_neighbourhood_of_an_unknown_concept(path_kg):
    with pytest.raises(ConceptNotFound):
        neighbourhood(path_kg, "Z")


# --- search and find_concept ------------------------------------------------------


def test_search_tiers_same_name_then_prefix_then_inside_then_spelling(make_kg):
    kg = make_kg(
        HEADER
        + "Sleep,symptom,is worse than,Sleepiness,symptom,,,\n"
        + "Poor sleep,symptom,is like,Seep,concept,,,\n"
        + "Poor sleep,symptom,is not,Exercise,treatment,,,\n"
    )
    assert search(kg, "sleep") == ["Sleep", "Sleepiness", "Poor sleep", "Seep"]
    assert search(kg, "SLEEP", limit=2) == ["Sleep", "Sleepiness"]
    assert search(kg, "  poor   SLEEP ") == ["Poor sleep"]
    assert search(kg, "") == []
    assert search(kg, "zzzz") == []


def test_find_concept_on_the_article(article):
    assert find_concept(article, "Levodopa") == "Levodopa"
    assert find_concept(article, "levodopa") == "Levodopa"
    assert find_concept(article, "levadopa") == "Levodopa"
    assert find_concept(article, "parkinson") == "Parkinson's disease"
    assert find_concept(article, "parkinsons") == "Parkinson's disease"
    assert find_concept(article, "  dopamine   DEFICIENCY ") == "Dopamine deficiency"
    assert find_concept(article, "tremor") == "Tremors"


def test_search_on_the_article_puts_the_exact_name_first(article):
    found = search(article, "dopamine")
    assert found[0] == "Dopamine"
    assert all("dopamine" in label.casefold() for label in found)
    assert search(article, "levadopa") == ["Levodopa"]


def test_unknown_concept_raises_with_suggestions(article):
    with pytest.raises(ConceptNotFound) as caught:
        find_concept(article, "dopamin shortage")
    error = caught.value
    assert isinstance(error, nx.NodeNotFound)
    assert error.name == "dopamin shortage"
    assert "Dopamine" in error.suggestions
    assert "No concept is called 'dopamin shortage'. Did you mean" in str(error)


def test_unknown_concept_with_nothing_close(path_kg):
    with pytest.raises(ConceptNotFound) as caught:
        find_concept(path_kg, "Quantum chromodynamics")
    assert caught.value.suggestions == []
    assert "Did you mean" not in str(caught.value)


# --- explain_paths -------------------------------------------------------------------


def test_path_along_a_directed_chain(path_kg):
    result = explain_paths(path_kg, "A", "D")
    assert result.found and result.directed
    assert [sentences(chain) for chain in result.paths] == [["A → leads to → B", "B → causes → C", "C → worsens → D"]]
    assert result.summary() == "1 shortest path of 3 links."


def test_path_only_against_the_links_direction(path_kg):
    result = explain_paths(path_kg, "D", "A")
    assert result.found and not result.directed
    assert [sentences(chain) for chain in result.paths] == [["C → worsens → D", "B → causes → C", "A → leads to → B"]]
    assert "read backwards" in result.summary()


def test_no_path_names_what_each_side_can_reach(two_components_kg):
    result = explain_paths(two_components_kg, "A", "D")
    assert not result.found
    assert result.paths == []
    assert (result.reach_from, result.reach_to) == (["B"], ["C"])
    assert result.summary() == "'A' and 'D' are not connected in this graph."


def test_several_shortest_paths(make_kg):
    kg = make_kg(
        HEADER
        + "Stress,cause,lowers,Sleep,concept,,,\n"
        + "Stress,cause,lowers,Mood,concept,,,\n"
        + "Sleep,concept,affects,Focus,concept,,,\n"
        + "Mood,concept,affects,Focus,concept,,,\n"
        + "Stress,cause,slowly erodes,Habits,concept,,,\n"
        + "Habits,concept,shape,Routine,concept,,,\n"
        + "Routine,concept,affects,Focus,concept,,,\n"
    )
    result = explain_paths(kg, "Stress", "Focus")
    assert result.directed
    assert sorted(sentences(chain) for chain in result.paths) == [
        ["Stress → lowers → Mood", "Mood → affects → Focus"],
        ["Stress → lowers → Sleep", "Sleep → affects → Focus"],
    ]
    assert result.summary() == "2 shortest paths of 2 links."


def test_a_directed_path_is_preferred_to_a_shorter_backwards_one(make_kg):
    kg = make_kg(
        HEADER
        + "S,concept,leads to,X,concept,,,\n"
        + "X,concept,leads to,Y,concept,,,\n"
        + "Y,concept,leads to,T,concept,,,\n"
        + "T,concept,points back to,S,concept,,,\n"
    )
    result = explain_paths(kg, "S", "T")
    assert result.directed
    assert [sentences(chain) for chain in result.paths] == [["S → leads to → X", "X → leads to → Y", "Y → leads to → T"]]


def test_paths_are_limited(make_kg):
    kg = make_kg(HEADER + "".join(f"S,concept,to,M{i},concept,,,\nM{i},concept,to,T,concept,,,\n" for i in range(7)))
    assert len(explain_paths(kg, "S", "T").paths) == 5
    assert len(explain_paths(kg, "S", "T", limit=10).paths) == 7


def test_parallel_links_use_the_first_in_the_file(make_kg):
    kg = make_kg(HEADER + "S,concept,first says,T,concept,,,\nS,concept,then says,T,concept,,,\n")
    assert [sentences(chain) for chain in explain_paths(kg, "S", "T").paths] == [["S → first says → T"]]


def test_path_to_itself_and_to_unknown_concepts(cycle_kg):
    assert not explain_paths(cycle_kg, "A", "A").found
    with pytest.raises(ConceptNotFound):
        explain_paths(cycle_kg, "A", "Nowhere")
    with pytest.raises(ConceptNotFound):
        explain_paths(cycle_kg, "Nowhere", "A")


def test_path_round_a_cycle_follows_direction(cycle_kg):
    result = explain_paths(cycle_kg, "B", "A")
    assert result.directed
    assert [sentences(chain) for chain in result.paths] == [["B → feeds → C", "C → feeds → A"]]


def test_path_on_the_article(article):
    result = explain_paths(article, "Cocaine use", "Tremors")
    assert result.directed
    assert ["Cocaine use → may cause → Dopamine deficiency", "Dopamine deficiency → can cause → Tremors"] in [
        sentences(chain) for chain in result.paths
    ]


# --- key_concepts --------------------------------------------------------------------


def test_key_concepts_of_a_star(star_kg):
    table = key_concepts(star_kg, top=3)
    assert table.to_dict("records") == [
        {"concept": "Hub", "type": "condition", "links": 10, "betweenness": 1.0},
        {"concept": "L01", "type": "symptom", "links": 1, "betweenness": 0.0},
        {"concept": "L02", "type": "symptom", "links": 1, "betweenness": 0.0},
    ]


def test_key_concepts_of_a_path(path_kg):
    # Betweenness on a 5-path, normalised by (n-1)(n-2)/2 = 6 pairs: C lies on 4, B and D on 3.
    table = key_concepts(path_kg)
    assert table["concept"].tolist() == ["C", "B", "D", "A", "E"]
    assert table["betweenness"].tolist() == [0.667, 0.5, 0.5, 0.0, 0.0]
    assert table["links"].tolist() == [2, 2, 2, 1, 1]


def test_key_concepts_of_the_article_start_with_the_hub(article):
    assert key_concepts(article, top=1)["concept"].tolist() == ["Dopamine deficiency"]
    assert article.default_focus == "Dopamine deficiency"


def test_key_concepts_estimated_from_a_sample_above_the_exact_size(make_kg, monkeypatch):
    # Two hubs joined by a bridge B, each with 30 leaves: every route from one side to the other crosses B.
    rows = "".join(f"Left,condition,can cause,l{i:02},symptom,,,\n" for i in range(30))
    rows += "".join(f"Right,condition,can cause,r{i:02},symptom,,,\n" for i in range(30))
    kg = make_kg(HEADER + rows + "Left,condition,is linked to,B,concept,,,\nB,concept,is linked to,Right,condition,,,\n")
    exact = key_concepts(kg, top=3)
    assert exact["concept"].tolist() == ["Left", "Right", "B"]
    assert exact["betweenness"].tolist() == pytest.approx(
        [round(v, 3) for v in (nx.betweenness_centrality(nx.Graph(kg.undirected))[n] for n in ("Left", "Right", "B"))]
    )

    monkeypatch.setattr(query, "EXACT_BETWEENNESS_UP_TO", 10)
    monkeypatch.setattr(query, "SAMPLE_WORK", 1)  # so the smallest sample, MIN_SAMPLE of the 63 concepts
    sampled = key_concepts(kg, top=3)
    assert sampled["concept"].tolist() == ["Left", "Right", "B"]
    assert (exact.attrs["sample"], sampled.attrs["sample"]) == (None, query.MIN_SAMPLE)
    assert sampled["betweenness"].tolist() != exact["betweenness"].tolist()  # estimated, so not the same numbers...
    assert sampled["betweenness"].tolist() == pytest.approx(exact["betweenness"].tolist(), abs=0.15)  # ...but close


# --- search index, close_matches, similarity -------------------------------------------


def test_search_index_is_made_once_per_graph(make_kg, monkeypatch):
    kg = make_kg(HEADER + "Sleep,symptom,is worse than,Sleepiness,symptom,,,\n")
    made = []
    build = query._build_index
    monkeypatch.setattr(query, "_build_index", lambda g: made.append(g) or build(g))
    assert search(kg, "sleep") == ["Sleep", "Sleepiness"]
    assert search(kg, "sleepines") == ["Sleepiness"]
    assert find_concept(kg, "slep") == "Sleep"
    assert made == [kg]
    other = make_kg(HEADER + "Sleep,symptom,is like,Rest,symptom,,,\n")
    assert search(other, "rest") == ["Rest"]
    assert made == [kg, other]


def test_search_lists_shorter_names_first_within_a_tier_and_stops_at_the_limit(make_kg):
    rows = "".join(f"Sleep stage {i},symptom,is part of,Sleep,symptom,,,\n" for i in range(12, 0, -1))
    kg = make_kg(HEADER + rows)
    assert search(kg, "sleep stage", limit=4) == ["Sleep stage 1", "Sleep stage 2", "Sleep stage 3", "Sleep stage 4"]
    assert search(kg, "stage 1", limit=3) == ["Sleep stage 1", "Sleep stage 10", "Sleep stage 11"]


def test_a_typed_name_means_the_concept_it_differs_from_by_case_spacing_punctuation_or_a_typo(make_kg):
    kg = make_kg(
        HEADER + "L-dopa,drug,raises,Dopamine levels,chemical,,,\nDopamine,chemical,is measured as,Dopamine levels,chemical,,,\n"
    )
    assert named_concept(kg, "Dopamine") == "Dopamine"  # an exact name wins over a longer one holding it
    assert named_concept(kg, "  dopamine   LEVELS ") == "Dopamine levels"
    assert named_concept(kg, "l dopa") == "L-dopa"  # 83% alike letter for letter; the hyphen is read as a space
    assert named_concept(kg, "dopamine levls") == "Dopamine levels"
    assert named_concept(kg, "levels") is None  # find_concept would take one word of a longer name
    assert find_concept(kg, "levels") == "Dopamine levels"
    assert named_concept(kg, "-") is None  # punctuation alone means nothing (rapidfuzz finds two empty names alike)


def test_a_name_written_two_ways_in_the_graph_means_the_first_in_the_graphs_order(make_kg):
    kg = make_kg(HEADER + "ACE,enzyme,is not,Ace,word,,,\nAcE,word,is not,Ace,word,,,\n")
    first = list(kg.graph)[0]
    assert [named_concept(kg, name) for name in ("ACE", "AcE", "ace", " aCe  ")] == ["ACE", "AcE", first, first]


def test_close_matches_and_similarity():
    assert close_matches("sorce", ["source", "target", "sources"]) == ["source"]
    assert close_matches("Source_Type", ["source", "source_type"], n=2) == ["source_type", "source"]
    assert close_matches("zzz", ["source", "target"]) == []
    assert similarity("Levadopa", "levodopa") == 0.875
    assert similarity("  Dopamine ", "dopamine") == 1.0
    assert similarity("L-dopa", "l dopa") == 1.0
