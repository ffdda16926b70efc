"""Scoring a learner's map proposition by proposition: each verdict on canonical cases, the CSV, the CLI."""

import csv
import io
import json
from pathlib import Path

import pytest

from graph.__main__ import main
from graph.files.load import ValidationError, load_graph_bytes
from graph.teaching.score import VERDICTS, Proposition, Reference, read_learner_map, score_map, write_learner_map

ROOT = Path(__file__).resolve().parents[3]
ARTICLE = ROOT / "data" / "edges.csv"

# A tiny reference: a cause with two symptoms, a category of medicines, and a vague link.
RIVER = [
    ("Heavy rain", "cause", "can cause", "Flooding", "event"),
    ("Flooding", "event", "can cause", "Crop loss", "event"),
    ("Flooding", "event", "can cause", "Road closures", "event"),
    ("Sandbags", "defence", "is an example of", "Flood defences", "defence"),
    ("Levees", "defence", "are examples of", "Flood defences", "defence"),
    ("Flood defences", "defence", "can reduce", "Flooding", "event"),
    ("Heavy rain", "cause", "is linked to", "Storms", "event"),
]


def graph_of(rows):
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(["source", "source_type", "relation", "target", "target_type"])
    writer.writerows(rows)
    return load_graph_bytes(text.getvalue().encode(), "edges.csv")


@pytest.fixture(scope="module")
def river():
    return Reference(graph_of(RIVER))


@pytest.fixture(scope="module")
def article_reference(article):
    """The article's graph (tests/conftest.py) as a reference to score maps against."""
    return Reference(article)


def judge(reference, source, relation, target):
    return reference.judge(Proposition(source, relation, target))


def test_the_same_link_matches(river):
    verdict = judge(river, "Heavy rain", "can cause", "Flooding")
    assert verdict.verdict == "match"
    assert verdict.reference == "Heavy rain can cause Flooding"


@pytest.mark.parametrize("relation", ["may cause", "may lead to", "Can Cause", "can lead to", "could result in"])
def test_an_equivalent_relation_as_sure_or_less_sure_matches(river, relation):
    verdict = judge(river, "Heavy rain", relation, "Flooding")
    assert (verdict.verdict, verdict.hedge) == ("match", "can")


@pytest.mark.parametrize("relation", ["causes", "leads to", "results in"])
def test_an_equivalent_relation_surer_than_the_reference_is_overstated(river, relation):
    verdict = judge(river, "Heavy rain", relation, "Flooding")
    assert (verdict.verdict, verdict.hedge, verdict.reference) == ("overstated", "can", "Heavy rain can cause Flooding")
    assert verdict.note == "The reference says this less surely (can): Heavy rain can cause Flooding."


def test_the_same_link_read_backwards_matches(river):
    verdict = judge(river, "Flooding", "can be caused by", "Heavy rain")
    assert (verdict.verdict, verdict.reference) == ("match", "Heavy rain can cause Flooding")


def test_a_link_drawn_the_wrong_way_is_reversed(river):
    verdict = judge(river, "Flooding", "causes", "Heavy rain")
    assert (verdict.verdict, verdict.reference) == ("reversed", "Heavy rain can cause Flooding")
    assert judge(river, "Heavy rain", "is caused by", "Flooding").verdict == "reversed"


def test_a_link_with_another_meaning_is_a_different_relation(river):
    verdict = judge(river, "Heavy rain", "can reduce", "Flooding")
    assert (verdict.verdict, verdict.reference) == ("different relation", "Heavy rain can cause Flooding")


def test_a_link_the_reference_does_not_make_is_not_in_the_reference(river):
    verdict = judge(river, "Sandbags", "can cause", "Crop loss")
    assert (verdict.verdict, verdict.reference) == ("not in the reference", "")
    unknown = judge(river, "Drought", "can cause", "Crop loss")
    assert unknown.verdict == "not in the reference"
    assert unknown.note == "The reference has no concept called 'Drought'."


def test_a_chain_of_causes_is_not_counted_as_what_the_reference_says(river):
    # Heavy rain can cause flooding, which can cause crop loss: the map should say so in two links.
    assert judge(river, "Heavy rain", "can cause", "Crop loss").verdict == "not in the reference"


def test_what_holds_of_a_category_holds_of_its_members(river):
    verdict = judge(river, "Sandbags", "can reduce", "Flooding")
    assert verdict.verdict == "match"
    assert verdict.reference == "Sandbags are examples of Flood defences; Flood defences can reduce Flooding"
    assert "through a category" in verdict.note
    assert judge(river, "Levees", "may reduce", "flooding").verdict == "match"
    assert judge(river, "Levees", "reduce", "flooding").verdict == "overstated"  # the reference says "can"


def test_category_membership_is_transitive(article_reference):
    verdict = judge(article_reference, "Sertraline", "is an example of", "Antidepressants")
    assert verdict.verdict == "match"
    assert [link.target for link in verdict.evidence] == ["SSRIs", "Antidepressants"]


def test_a_link_the_reference_also_has_the_learners_way_is_not_reversed():
    # "Dopamine deficiency causes Depression" was marked reversed: the article says depression may cause low
    # dopamine, but it also links low dopamine to depression, the learner's way round. Their direction is not wrong.
    both_ways = Reference(
        graph_of(
            [
                ("Stress", "cause", "is linked to", "Poor sleep", "event"),
                *RIVER[:1],
                ("Poor sleep", "event", "may cause", "Stress", "cause"),
            ]
        )
    )
    verdict = judge(both_ways, "Stress", "causes", "Poor sleep")
    assert (verdict.verdict, verdict.reference) == ("overstated", "Stress is linked to Poor sleep")
    assert verdict.note == "The reference says less than this: Stress is linked to Poor sleep."
    assert judge(both_ways, "Poor sleep", "causes", "Stress").verdict == "overstated"  # "may cause"
    one_way = Reference(graph_of([("Poor sleep", "event", "may cause", "Stress", "cause")]))
    assert judge(one_way, "Stress", "causes", "Poor sleep").verdict == "reversed"


def test_the_article_links_low_dopamine_to_depression_the_learners_way(article_reference):
    verdict = judge(article_reference, "Dopamine deficiency", "causes", "Depression")
    assert (verdict.verdict, verdict.reference) == ("overstated", "Dopamine deficiency is linked to Depression")


def test_the_articles_canonical_cases(article_reference):
    assert judge(article_reference, "Levodopa", "can help manage", "Parkinson's disease").verdict == "match"
    assert judge(article_reference, "Levodopa", "treats", "Parkinson's disease").verdict == "overstated"  # "can help manage"
    assert judge(article_reference, "Exercise", "can help raise", "Dopamine levels").verdict == "match"
    assert judge(article_reference, "Parkinson's disease", "can cause", "Tremors").verdict == "match"
    assert judge(article_reference, "Parkinson's disease", "causes", "Tremors").verdict == "overstated"
    assert judge(article_reference, "Tremors", "cause", "Parkinson's disease").verdict == "reversed"


def test_concept_names_are_matched_despite_case_spacing_and_typos(article_reference):
    verdict = judge(article_reference, "parkinsons  disease", "can cause", "tremers")
    assert (verdict.source, verdict.target, verdict.verdict) == ("Parkinson's disease", "Tremors", "match")
    assert article_reference.canonical("Levadopa") == "Levodopa"
    assert article_reference.canonical("Dopamine") == "Dopamine"  # an exact name wins over longer ones that contain it
    assert article_reference.canonical("Something else") is None


def test_missing_are_the_reference_links_among_the_concepts_used_that_no_proposition_covers(river):
    result = score_map(river, [Proposition("Heavy rain", "causes", "Flooding"), Proposition("Flooding", "causes", "Crop loss")])
    assert [(m.source, m.target) for m in result.missing] == []
    result = score_map(
        river, [Proposition("Heavy rain", "causes", "Flooding")], scope=["Heavy rain", "Flooding", "Crop loss", "Storms"]
    )
    assert [(m.source, m.relation, m.target) for m in result.missing] == [
        ("Flooding", "can cause", "Crop loss"),
        ("Heavy rain", "is linked to", "Storms"),
    ]
    # A link drawn wrongly between two concepts is judged, not also counted missing.
    result = score_map(river, [Proposition("Flooding", "causes", "Heavy rain")], scope=["Heavy rain", "Flooding"])
    assert result.missing == []


def test_the_score_is_matches_out_of_drawn_plus_missing(river):
    drawn = [Proposition("Heavy rain", "can cause", "Flooding"), Proposition("Crop loss", "causes", "Flooding")]
    result = score_map(river, drawn, scope=["Heavy rain", "Flooding", "Crop loss", "Road closures"])
    assert [v.verdict for v in result.verdicts] == ["match", "reversed"]
    assert len(result.missing) == 1
    assert result.score == round(1 / 3, 2)
    assert (result.matches, result.counted) == (1, 3)
    assert result.headline == "1 of the 3 links among the concepts of the task"
    assert score_map(river, []).score == 0.0


def test_the_headline_says_what_the_score_counts(river):
    drawn = [Proposition("Heavy rain", "can cause", "Flooding"), Proposition("Flooding", "can cause", "Crop loss")]
    result = score_map(river, drawn + [Proposition("Flooding", "causes", "Road closures")])
    assert [v.verdict for v in result.verdicts] == ["match", "match", "overstated"]
    assert result.headline == "2 of the 3 links among the concepts you used"
    assert result.score == 0.67  # an overstatement is not counted right
    one = score_map(river, drawn[:1])
    assert one.headline == "1 of the 1 link among the concepts you used"


def test_to_dict_has_the_shape_of_the_cli_json(river):
    result = score_map(river, [Proposition("heavy rain", "may cause", "Flooding")], scope=["Heavy rain", "Flooding", "Storms"])
    assert result.to_dict() == {
        "score": 0.5,
        "headline": "1 of the 2 links among the concepts of the task",
        "propositions": [
            {
                "source": "Heavy rain",
                "relation": "may cause",
                "target": "Flooding",
                "verdict": "match",
                "reference": "Heavy rain can cause Flooding",
                "note": "The reference says the same.",
            }
        ],
        "missing": [{"source": "Heavy rain", "relation": "is linked to", "target": "Storms"}],
    }
    assert {p["verdict"] for p in result.to_dict()["propositions"]} <= set(VERDICTS)


# --- a learner's CSV -------------------------------------------------------------


def test_a_map_goes_to_csv_and_back():
    drawn = [Proposition("A, with a comma", "causes", "B"), Proposition("B", "may lead to", 'C "quoted"')]
    assert read_learner_map(write_learner_map(drawn), "map.csv") == drawn


def test_a_map_may_have_more_columns_and_any_case_in_its_header():
    data = b"Source,Relation,Target,note\nA,causes,B,mine\n"
    assert read_learner_map(data, "map.csv") == [Proposition("A", "causes", "B")]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"source,target\nA,B\n", "map.csv, row 1, column 'relation': the required column is missing"),
        (b"source,relation,target\nA,causes,B\nC,,D\n", "map.csv, row 3, column 'relation': this cell is empty"),
        (b"", "map.csv: the file is empty"),
        (
            b"source,relation,target, Target\nA,causes,B,C\n",
            "map.csv, row 1, column 'target': this column appears twice in the header.",
        ),
        ("source,relation,target\nA,cause,Bé\n".encode("latin-1"), "map.csv, row 2: the file is not UTF-8 text"),
    ],
)
def test_a_bad_map_is_refused_naming_file_row_and_column(data, message):
    with pytest.raises(ValidationError) as caught:
        read_learner_map(data, "map.csv")
    assert message in caught.value.report()


# --- the command line ----------------------------------------------------------------


def write(path: Path, rows) -> Path:
    path.write_bytes(write_learner_map([Proposition(*row) for row in rows]))
    return path


def test_cli_score_json(tmp_path, capsys):
    learner = write(
        tmp_path / "ann.csv",
        [
            ("Parkinsons disease", "can cause", "Tremors"),
            ("Tremors", "cause", "Parkinson's disease"),
            ("Cocaine use", "causes", "Dopamine deficiency"),
        ],
    )
    assert main(["score", str(ARTICLE), str(learner), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"score", "headline", "propositions", "missing"}
    assert [(p["source"], p["verdict"]) for p in data["propositions"]] == [
        ("Parkinson's disease", "match"),
        ("Tremors", "reversed"),
        ("Cocaine use", "overstated"),
    ]
    assert data["propositions"][2]["note"] == (
        "The reference says this less surely (may): Cocaine use may cause Dopamine deficiency."
    )
    assert data["propositions"][0]["reference"] == "Parkinson's disease can cause Tremors"
    assert data["score"] == round(1 / 5, 2)  # 1 right of 3 drawn and 2 missing (PD–DD, DD–Tremors)
    assert data["headline"] == "1 of the 5 links among the concepts you used"


def test_cli_score_text_says_each_verdict_with_evidence(tmp_path, capsys):
    learner = write(tmp_path / "ann.csv", [("Levodopa", "can help manage", "Parkinson's disease")])
    assert main(["score", str(ARTICLE), str(learner)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Score: 1.00: 1 of the 1 link among the concepts you used is right (1 drawn, 0 missing).")
    assert "Levodopa can help manage Parkinson's disease: match" in out
    assert "Levodopa is an example of Parkinson's medications" in out


def test_cli_score_text_says_an_overstatement_and_the_references_hedge(tmp_path, capsys):
    learner = write(tmp_path / "ann.csv", [("Cocaine use", "causes", "Dopamine deficiency")])
    assert main(["score", str(ARTICLE), str(learner)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Score: 0.00: 0 of the 1 link among the concepts you used are right (1 drawn, 0 missing).")
    assert "Cocaine use causes Dopamine deficiency: overstated" in out
    assert "The reference says this less surely (may): Cocaine use may cause Dopamine deficiency." in out


def test_cli_score_of_a_bad_map_names_file_row_and_column(tmp_path, capsys):
    bad = tmp_path / "bob.csv"
    bad.write_text("source,relation,target\nLevodopa,,Parkinson's disease\n")
    assert main(["score", str(ARTICLE), str(bad)]) == 1
    err = capsys.readouterr().err
    assert "bob.csv, row 2, column 'relation': this cell is empty" in err and "Traceback" not in err


def test_cli_scores_a_folder_of_maps_into_one_results_csv(tmp_path, capsys):
    folder = tmp_path / "class"
    folder.mkdir()
    write(folder / "ann.csv", [("Parkinson's disease", "can cause", "Tremors")])
    write(folder / "cem.csv", [("Tremors", "can cause", "Exercise")])
    (folder / "bob.csv").write_text("source,relation\nA,B\n")
    out = tmp_path / "results.csv"
    assert main(["score", str(ARTICLE), str(folder), "-o", str(out)]) == 1  # one map could not be scored
    assert "bob.csv was skipped" in capsys.readouterr().err
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [(r["learner"], r["verdict"]) for r in rows] == [("ann", "match"), ("cem", "not in the reference")]
    assert rows[0]["score"] == "1.0" and rows[0]["reference"] == "Parkinson's disease can cause Tremors"


def test_category_reasoning_follows_the_vocabularys_category_mark():
    """What counts as a category link is the vocabulary's ``category`` column, not a list in the scorer."""
    from graph.files.vocabulary import vocabulary_from_bytes

    kg = load_graph_bytes(
        b"source,source_type,relation,target,target_type\nMoon,moon,orbits,Earth,planet\nEarth,planet,is lit by,Sun,star\n",
        "edges.csv",
    )
    header = "relation,inverse,hedge,family,meaning,category\n"
    lit = "is lit by,lights,states,is lit by,Gets light from.,\n"
    grouped = vocabulary_from_bytes((header + "orbits,is orbited by,states,orbits,Goes round.,yes\n" + lit).encode())
    plain = vocabulary_from_bytes((header + "orbits,is orbited by,states,orbits,Goes round.,\n" + lit).encode())
    moon_lit = Proposition("Moon", "is lit by", "Sun")
    # Marked, "orbits" puts the Moon with the Earth, so what the Earth is said to do holds of the Moon; unmarked, it does not.
    assert Reference(kg, grouped).judge(moon_lit).verdict == "match"
    assert Reference(kg, plain).judge(moon_lit).verdict == "not in the reference"


def test_a_cause_where_the_article_says_only_linked_is_overstated_not_a_different_relation():
    """A teacher's read of the CLI's score: "Aging causes Parkinson's disease" claims more than the article's
    "is connected to"; a relation that says nothing of the link ("treats") stays a different relation."""
    from graph.files.load import load_graph

    reference = Reference(load_graph(Path(__file__).resolve().parents[3] / "data" / "edges.csv"))
    verdict = reference.judge(Proposition("Aging", "causes", "Parkinson's disease"))
    assert verdict.verdict == "overstated" and verdict.hedge == "linked"
    assert verdict.note == "The reference says less than this: Aging is linked to Parkinson's disease."
    assert reference.judge(Proposition("Parkinson's disease", "can affect", "Aging")).verdict == "overstated"
    assert reference.judge(Proposition("Aging", "treats", "Parkinson's disease")).verdict == "different relation"
    assert reference.judge(Proposition("Aging", "is linked to", "Parkinson's disease")).verdict == "match"


def test_words_the_relation_list_does_not_know_are_not_said_to_mean_something_else(river):
    # On a teacher's map without synonyms, "Sediment becomes Sedimentary rock" was told its relation "means
    # something else" than "is compacted into" (found by a newcomer): the list cannot say, so the learner compares.
    unknown = judge(river, "Heavy rain", "swells into", "Flooding")
    assert unknown.verdict == "different relation"
    assert unknown.note == (
        "The reference links these two concepts in other words; its list of relations does not say "
        "whether “swells into” means the same: compare them."
    )
    known = judge(river, "Heavy rain", "treats", "Flooding")
    assert (known.verdict, known.note) == (
        "different relation",
        "The reference links these two concepts with a relation that means something else.",
    )
