"""Drafting a map from a text (graph.teaching.draft): small texts, each link asserted exactly."""

from __future__ import annotations

import pytest

from graph.core.problems import ValidationError
from graph.files.load import EDGE_COLUMNS, load_files
from graph.teaching.draft import MAX_TEXT_BYTES, draft_text, read_text


def triples(text: str) -> list[tuple[str, str, str]]:
    return [(link.source, link.relation, link.target) for link in draft_text(text).links]


def test_a_relation_phrase_links_the_subject_to_each_object_of_a_list():
    assert triples("Dopamine transporters play a role in memory, motivation and learning.") == [
        ("Dopamine transporters", "plays a role in", "Memory"),
        ("Dopamine transporters", "plays a role in", "Motivation"),
        ("Dopamine transporters", "plays a role in", "Learning"),
    ]


def test_the_relation_keeps_the_sentences_hedge():
    assert triples("Levodopa could help increase dopamine levels.") == [("Levodopa", "may help raise", "Dopamine levels")]
    assert triples("Levodopa can help increase dopamine levels.") == [("Levodopa", "can help raise", "Dopamine levels")]
    assert triples("Smoking may lead to lung cancer.") == [("Smoking", "may cause", "Lung cancer")]
    assert triples("Supplements are thought to help with recovery.") == [("Supplements", "is thought to help with", "Recovery")]


def test_a_relation_read_backwards_is_turned_round_and_a_denial_gives_no_link():
    assert triples("Scurvy can be caused by a poor diet.") == [("Poor diet", "can cause", "Scurvy")]
    assert triples("Vitamin C does not cause scurvy. Oranges never treat colds.") == []


def test_such_as_including_and_like_lists_give_examples_of_the_group_before_them():
    assert triples("Painkillers such as aspirin, ibuprofen and naproxen are sold here.") == [
        ("Aspirin", "is an example of", "Painkillers"),
        ("Ibuprofen", "is an example of", "Painkillers"),
        ("Naproxen", "is an example of", "Painkillers"),
    ]
    assert triples("Movement disorders (like Parkinson's disease and chorea) are studied here.") == [
        ("Parkinson's disease", "is an example of", "Movement disorders"),
        ("Chorea", "is an example of", "Movement disorders"),
    ]
    assert ("Kale", "is an example of", "Greens") in triples("Eat your greens, including kale and spinach.")


def test_what_a_group_with_examples_does_its_examples_do_too():
    assert triples("Fresh fruits such as oranges and kiwis provide vitamin C.") == [
        ("Oranges", "is an example of", "Fresh fruits"),
        ("Kiwis", "is an example of", "Fresh fruits"),
        ("Fresh fruits", "provides", "Vitamin C"),
        ("Oranges", "provides", "Vitamin C"),
        ("Kiwis", "provides", "Vitamin C"),
    ]


def test_a_vague_group_passes_the_relation_to_its_examples():
    assert triples("Stress is linked to many other conditions, such as insomnia and migraine.") == [
        ("Stress", "is linked to", "Insomnia"),
        ("Stress", "is linked to", "Migraine"),
    ]


def test_it_and_this_mean_the_subject_before_and_both_of_which_the_list_before():
    assert triples("Dopamine is a neurotransmitter. It also acts as a hormone.") == [
        ("Dopamine", "is an example of", "Neurotransmitter"),
        ("Dopamine", "acts as a", "Hormone"),
    ]
    assert triples("Eat nuts and seeds, both of which are building blocks for muscle.") == [
        ("Nuts", "is a building block of", "Muscle"),
        ("Seeds", "is a building block of", "Muscle"),
    ]
    # Who "it" is stops being clear after a sentence whose subject cannot be told.
    assert triples("Aspirin is a drug. Those who take too much feel ill. It can cause bleeding.") == [
        ("Aspirin", "is an example of", "Drug")
    ]


def test_a_sentence_with_several_concepts_links_only_those_the_phrase_joins():
    assert triples("While a blood test can measure dopamine levels, it cannot show the brain's response.") == [
        ("Blood test", "can measure", "Dopamine levels"),
        ("Blood test", "cannot show", "Brain's response"),
    ]
    # The object list ends where a new clause begins.
    assert triples("Agonists can mimic dopamine, and blockers will stop its breakdown.") == [
        ("Agonists", "can mimic", "Dopamine")
    ]


def test_a_list_introduced_by_symptoms_include_belongs_to_whose_symptoms_they_are():
    text = "# Flu\n\nCommon flu symptoms include:\n\n- Fever, often high\n- Sore throat\n\nA cough is a symptom.\n"
    links = draft_text(text).links
    assert [(link.source, link.relation, link.target, link.target_type) for link in links[:2]] == [
        ("Flu", "can cause", "Fever", "symptom"),
        ("Flu", "can cause", "Sore throat", "symptom"),
    ]
    assert links[0].section == "Flu"
    assert links[0].evidence == "Common flu symptoms include: Fever, often high"


def test_a_list_under_a_heading_belongs_to_the_headings_concept_by_the_kind_it_names():
    text = (
        "Scurvy\n\n## Causes of scurvy\n\n* Poor diet\n* Alcoholism\n\n## Treatment\n\nTreatments may include:\n\n1. Vitamin C\n"
    )
    links = draft_text(text).links
    assert [(link.source, link.relation, link.target, link.section) for link in links] == [
        ("Poor diet", "can cause", "Scurvy", "Causes of scurvy"),
        ("Alcoholism", "can cause", "Scurvy", "Causes of scurvy"),
        ("Vitamin C", "treats", "Scurvy", "Treatment"),
    ]
    assert {link.source_type for link in links} == {"cause", "treatment"}


def test_a_later_list_of_symptoms_that_names_no_one_takes_the_symptoms_named_before():
    text = "Knowing the symptoms of scurvy can help.\n\nPhysical symptoms a doctor may look for include:\n\n- Bruises\n"
    assert triples(text) == [("Scurvy", "may cause", "Bruises")]


def test_every_link_carries_its_sentence_and_section_and_one_type_per_concept():
    text = "# Teeth\n\nSugar can cause tooth decay. Tooth decay can cause toothache.\n\nSymptoms of tooth decay include:\n\n- Toothache\n"
    draft = draft_text(text)
    assert [(link.evidence, link.section) for link in draft.links] == [
        ("Sugar can cause tooth decay.", "Teeth"),
        ("Tooth decay can cause toothache.", "Teeth"),
    ]
    assert draft.links[1].target_type == "symptom"  # the list says what toothache is, for every link naming it
    assert draft.concepts == ["Tooth decay", "Sugar", "Toothache"]


def test_the_draft_is_a_links_csv_that_the_upload_validation_accepts_as_it_is():
    text = "=Sugar can cause decay <b>now</b>.\n\n- Plaque is linked to decay, says [x](javascript:alert(1)) at http://x.example."
    draft = draft_text(text)
    kg = load_files([("draft.csv", draft.to_csv())])
    assert list(draft.table().columns) == list(EDGE_COLUMNS)
    # Read back exactly as drafted: the evidence that starts like a formula is that text, not a formula.
    assert kg.links[["source", "relation", "target", "explanation"]].values.tolist() == [
        ["Sugar", "can cause", "Decay", "=Sugar can cause decay <b>now</b>."],
        ["Plaque", "is linked to", "Decay", "Plaque is linked to decay, says [x](javascript:alert(1)) at http://x.example."],
    ]


def test_key_phrases_are_candidate_concepts_no_link_names_yet():
    draft = draft_text(
        "Photosynthesis happens in chloroplasts of green plants every day. Chlorophyll absorbs light in leaves. "
        "Plants release oxygen into the air during the day."
    )
    assert draft.links == ()
    assert draft.key_phrases and all(isinstance(p, str) and p for p in draft.key_phrases)
    assert not set(draft.key_phrases) & set(draft.concepts)


# --- bad input -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"", "the text is empty"),
        (b"  \n\t \n", "the text is empty"),
        (b"%PDF-1.7\n...", "not plain text"),
        (b"PK\x03\x04\x14\x00 word document", "not plain text"),
        (bytes(range(256)) * 10, "not plain text"),
        (b"a" * (50 * 1024 * 1024), "the text is 52.4 MB"),
    ],
    ids=["empty", "blank", "pdf", "zip", "binary", "50 MB"],
)
def test_bad_texts_are_refused_with_a_message_naming_the_file(data, says):
    with pytest.raises(ValidationError) as refused:
        read_text(data, "notes.txt")
    problem = refused.value.problems[0]
    assert problem.file == "notes.txt" and says in problem.message


def test_a_text_with_no_sentences_is_refused_and_gives_no_draft():
    with pytest.raises(ValidationError, match="no sentences found"):
        draft_text(read_text(b"12 34 56\n\n---\n\n7.8 % 9", "numbers.txt"), "numbers.txt")


def test_the_limit_is_the_size_of_a_long_book_and_texts_are_read_in_their_encoding():
    assert MAX_TEXT_BYTES >= 500_000
    assert read_text("Caf\u00e9 \u2019s".encode("cp1252")) == "Café 's"
    assert read_text("\ufeffCafe\u0301\r\nok".encode()) == "Café\nok"


def test_long_lists_and_runs_of_nouns_are_read_in_bounds():
    # Reading stays linear in the text's length: a list gives at most 50 links, a run of nouns longer than 8 is no name.
    many = "Sugar can cause " + ", ".join(f"ailment{i}" for i in range(500)) + "."
    assert len(draft_text(many).links) == 50
    assert triples("Sugar can cause tooth decay gum disease pain loss stress cost time care worry.") == []
    assert triples("cause " * 2000) == []


def test_the_class_a_concept_was_said_to_be_means_that_concept():
    assert triples("Dopamine is a neurotransmitter. Agonists can mimic the neurotransmitter.") == [
        ("Dopamine", "is an example of", "Neurotransmitter"),
        ("Agonists", "can mimic", "Dopamine"),
    ]
    # Two members: "the neurotransmitter" could be either, so it stays the class.
    assert triples("Dopamine is a neurotransmitter. Serotonin is a neurotransmitter. Agonists can mimic the neurotransmitter.")[
        -1
    ] == ("Agonists", "can mimic", "Neurotransmitter")


def test_a_web_page_saved_as_html_is_read_for_its_text_only():
    page = b"""<!DOCTYPE html><html><head><title>t</title><script>alert("x can cause y")</script></head>
    <body><nav>Home can cause menus</nav><h1>Scurvy</h1><p>Scurvy can cause <b>bleeding gums</b> and tiredness &ndash; often.</p>
    <h2>Treatments for scurvy</h2><ul><li>Vitamin C tablets</li><li>Fresh fruit</li></ul></body></html>"""
    text = read_text(page, "scurvy.html")
    assert (
        text
        == "# Scurvy\n\nScurvy can cause bleeding gums and tiredness – often.\n\n## Treatments for scurvy\n\n- Vitamin C tablets\n- Fresh fruit\n"
    )
    assert [(link.source, link.relation, link.target) for link in draft_text(text).links] == [
        ("Scurvy", "can cause", "Bleeding gums"),
        ("Scurvy", "can cause", "Tiredness"),
        ("Vitamin C tablets", "treats", "Scurvy"),
        ("Fresh fruit", "treats", "Scurvy"),
    ]


def test_a_plain_claim_keeps_its_own_verb_where_the_vocabulary_says_it_only_with_can():
    # "produces" is a synonym of "can cause" in the article's vocabulary; drafted as "can cause", the map was weaker
    # than its text, and a learner who wrote the text's own claim was told they overstated it.
    from graph.teaching.score import Proposition, Reference, score_map

    text = "Photosynthesis produces oxygen. Smoke may produce a cough. Plaque is linked to decay."
    table = draft_text(text, "plants.txt").table()
    said = set(zip(table.source, table.relation, table.target, strict=True))
    assert ("Photosynthesis", "produces", "Oxygen") in said
    assert ("Smoke", "may cause", "Cough") in said  # a hedged claim takes the vocabulary's relation as before
    assert ("Plaque", "is linked to", "Decay") in said  # a vague relation is what it says, not a weakened claim
    reference = Reference(load_files([("plants.csv", draft_text(text, "plants.txt").to_csv())]))
    for words in ("produces", "can cause", "causes"):
        (verdict,) = score_map(reference, [Proposition("Photosynthesis", words, "Oxygen")]).verdicts
        assert verdict.verdict == "match", (words, verdict)
