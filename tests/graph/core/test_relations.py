"""The relation vocabulary (graph/core/relations.py and data/relations.csv)."""

from __future__ import annotations

import pytest

from graph.core.relations import ARTICLE_RELATIONS, BACKWARDS, HEDGES, Relation, Vocabulary, normalise
from graph.files.load import ValidationError, load_files, load_graph
from graph.files.vocabulary import load_vocabulary, vocabulary_from_bytes, vocabulary_from_files

HEADER = "relation,inverse,hedge,family,meaning,synonyms\n"


@pytest.fixture(scope="module")
def words() -> Vocabulary:
    return load_vocabulary(ARTICLE_RELATIONS)


# --- the article's vocabulary ----------------------------------------------


def test_every_relation_has_a_hedge_on_the_scale_and_a_meaning(words):
    assert len(words) >= 10
    for relation in words:
        assert relation.hedge in HEDGES, relation
        assert relation.meaning.endswith("."), relation
        assert relation.inverse and relation.inverse != relation.name or relation.hedge == "linked", relation


def test_no_singular_plural_doubles(words):
    names = {relation.name for relation in words}
    assert "are examples of" not in names and "is an example of" in names
    assert "play a role in" not in names and "plays a role in" in names
    assert {normalise(name) for name in names} == {normalise(name) for name in names if name in names}
    assert len({(relation.family, relation.hedge, normalise(relation.name)) for relation in words}) == len(words)


def test_no_phrase_points_to_two_families(words):
    """A synonym that means one family in one row and another elsewhere would make 'equivalent' a coin toss."""
    owner: dict[str, str] = {}
    clashes = []
    for relation in words:
        for phrase in (relation.name, relation.family, *relation.synonyms):
            key = normalise(phrase)
            if owner.setdefault(key, relation.family) != relation.family:
                clashes.append((phrase, owner[key], relation.family))
    for relation in words:
        for phrase in (relation.inverse, *relation.inverse_synonyms):
            key = normalise(phrase)
            backwards = relation.family if relation.inverse == relation.name else relation.family + BACKWARDS
            if owner.setdefault(key, backwards) != backwards:
                clashes.append((phrase, owner[key], backwards))
    assert clashes == []


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("can cause", "may cause"),
        ("can cause", "Causes"),
        ("may cause", "leads to"),
        ("may cause", "may lead to"),
        ("can cause", "results in"),
        ("is an example of", "are examples of"),
        ("is an example of", "is a form of"),
        ("is an example of", "acts as a"),
        ("plays a role in", "play a role in"),
        ("helps with", "is thought to help with"),
        ("raises", "can help raise"),
        ("raises", "may help raise"),
        ("raises", "boosts"),
        ("can reduce", "may reduce"),
        ("can reduce", "lowers"),
        ("treats", "can help manage"),
        ("treats", "may be recommended for"),
        ("is linked to", "is connected to"),
        ("is linked to", "associated with"),
        ("is part of", "is part of"),
        ("means low", "is a shortage of"),
        ("can measure", "shows"),
        ("cannot show", "can't show"),
        ("may suggest", "recommends"),
        ("can assess", "evaluates"),
    ],
)
def test_equivalent_relations_share_a_family(words, a, b):
    assert words.equivalent(a, b)
    assert words.equivalent(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("can cause", "is linked to"),  # an association is not a cause
        ("can cause", "treats"),
        ("can cause", "can be caused by"),  # the same relation, read the other way
        ("can measure", "cannot show"),  # a negation is not a hedge
        ("raises", "can reduce"),
        ("is part of", "includes"),
        ("is an example of", "has as an example"),
        ("plays a role in", "can cause"),
        ("plays a role in", "helps with"),  # helping is one way of playing a role, not the only one
    ],
)
def test_different_meanings_are_not_equivalent(words, a, b):
    assert not words.equivalent(a, b)


def test_every_family_named_in_the_file_has_a_relation(words):
    for relation in words:
        assert words.family(relation.name) == relation.family
        assert words.family(relation.family) == relation.family


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("treats", "is treated by"),
        ("may cause", "may be caused by"),
        ("can cause", "is caused by"),
        ("may cause", "can be caused by"),  # reversed whatever the hedge
        ("is part of", "includes"),
        ("is an example of", "has as an example"),
        ("is linked to", "is linked to"),  # a two-way relation reads the same backwards
    ],
)
def test_reverses(words, a, b):
    assert words.reverses(a, b)
    assert words.reverses(b, a)


@pytest.mark.parametrize(
    ("a", "b"), [("treats", "treats"), ("can cause", "may cause"), ("can cause", "is treated by"), ("is linked to", "can cause")]
)
def test_not_reverses(words, a, b):
    assert not words.reverses(a, b)


def test_inverse_both_ways_and_for_unknown_names(words):
    assert words.inverse("may cause") == "may be caused by"
    assert words.inverse("may be caused by") == "may cause"
    assert words.inverse("is linked to") == "is linked to"
    assert words.inverse("sparks") == "sparks" + BACKWARDS


def test_get_and_contains(words):
    relation = words.get("may cause")
    assert relation == Relation("may cause", "may be caused by", "may", "causes", relation.meaning)
    assert "may cause" in words
    assert "May cause" not in words  # exact names only; family() forgives case
    assert words.get("sparks") is None


# --- the fallback for names a vocabulary does not list ---------------------


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("  May  LEAD   to ", "lead to"),
        ("leads to", "lead to"),
        ("led to", "lead to"),
        ("could sometimes cause", "caus"),
        ("causes", "caus"),
        ("caused", "caus"),
        ("is caused by", "caus by"),
        ("are caused by", "caus by"),
        ("is a", "be a"),
        ("is an example of", "exampl of"),
        ("cannot show", "cannot show"),
        ("can not show", "cannot show"),
        ("can’t show", "cannot show"),
        ("might often raise", "rais"),
        ("are thought to support", "support"),
        ("is believed to cause", "caus"),
    ],
)
def test_normalise(name, key):
    assert normalise(name) == key


def test_unknown_names_match_each_other_after_normalising():
    words = Vocabulary([Relation("feeds", "is fed by", "states", "feeds", "Gives food to.")])
    assert words.family("Sparks") == words.family("may spark") == "spark"
    assert words.equivalent("sparks", "could spark")
    assert not words.equivalent("sparks", "feeds")
    assert words.family("FEEDS") == "feeds"
    assert words.family("was fed by") == "feeds" + BACKWARDS
    assert words.reverses("feeds", "is fed by")


def test_suggest_offers_a_listed_relation(words):
    assert words.suggest("might lead to") == "may cause"  # as hedged as the name, never more sure
    assert words.suggest("can lead to") == "can cause"
    assert words.suggest("leads to") == "can cause"  # unhedged: the nearest the family has
    assert words.suggest("is thought to cause") == "may cause"
    assert words.suggest("boosts") == "raises"
    assert words.suggest("treets") == "treats"
    assert words.suggest("xyzzy plugh") is None


# --- bad files -------------------------------------------------------------


def problems_of(text: str, name: str = "relations.csv") -> list[str]:
    with pytest.raises(ValidationError) as caught:
        vocabulary_from_bytes(text.encode(), name)
    return [str(problem) for problem in caught.value.problems]


def test_a_missing_column_is_named():
    assert problems_of("relation,inverse,family,meaning\ncauses,is caused by,causes,Brings about.\n") == [
        "relations.csv, row 1, column 'hedge': the required column is missing. Required columns: relation, inverse, hedge, family, meaning (and optionally synonyms, inverse_synonyms, entails, category)."
    ]


def test_a_column_named_twice_is_named_not_dropped():
    assert problems_of("relation,inverse,hedge,family,meaning, Relation\ncauses,is caused by,can,causes,Brings about.,x\n") == [
        "relations.csv, row 1, column 'relation': this column appears twice in the header."
    ]


def test_a_misspelt_column_is_suggested():
    (problem,) = problems_of("relation,inverse,hedg,family,meaning\ncauses,is caused by,can,causes,Brings about.\n")
    assert "(is 'hedg' meant to be 'hedge'?)" in problem


def test_bad_rows_are_named_by_row_and_column():
    found = problems_of(
        HEADER
        + "causes,is caused by,sure,causes,Brings about.,\n"
        + "feeds,,states,feeds,Gives food to.,\n"
        + "causes,is caused by,can,causes,Brings about.,\n"
    )
    assert found == [
        "relations.csv, row 2, column 'hedge': 'sure' is not a hedge level; use one of states, can, may, thought, linked.",
        "relations.csv, row 3, column 'inverse': this cell is empty; every relation needs a value here.",
        "relations.csv, row 4, column 'relation': 'causes' is listed twice (first in row 2); keep one row per relation.",
    ]


def test_category_relations_are_the_vocabularys_marked_ones_not_a_fixed_list(words):
    # The article's file marks its member-of and part-of relations; their synonyms and hedged forms follow.
    assert {r.name for r in words if r.category} == {"is an example of", "acts as a", "is part of"}
    for name in ("is an example of", "is a kind of", "is a type of", "are examples of", "is part of", "is included in"):
        assert words.is_category(name), name
    for name in ("can cause", "includes", "has as an example", "treats", "is linked to"):
        assert not words.is_category(name), name  # read backwards a category link puts nothing in a group
    # A teacher's vocabulary decides for itself: "orbits" groups moons under their planet, "is an example of" here does not.
    own = vocabulary_from_bytes(
        b"relation,inverse,hedge,family,meaning,category\n"
        b"orbits,is orbited by,states,orbits,Goes round.,yes\n"
        b"is an example of,has as an example,states,example,One of.,\n"
    )
    assert own.is_category("orbits") and not own.is_category("is an example of")
    without = vocabulary_from_bytes(b"relation,inverse,hedge,family,meaning\norbits,is orbited by,states,orbits,Goes round.\n")
    assert not without.is_category("orbits")


def test_a_category_mark_must_be_yes_or_empty():
    assert problems_of(
        "relation,inverse,hedge,family,meaning,category\norbits,is orbited by,states,orbits,Goes round.,sometimes\n"
    ) == [
        "relations.csv, row 2, column 'category': 'sometimes' is not a mark; write yes when the relation puts the first "
        "concept in a group the second names (as 'is an example of' does), or leave the cell empty."
    ]


def test_vague_families_are_the_ones_hedged_linked(words):
    assert words.vague_families == {words.family("is linked to")}


def test_header_only_and_empty_and_missing_files(tmp_path):
    assert problems_of(HEADER) == ["relations.csv: the file has a header but no relations."]
    assert problems_of("", "mine.csv") == ["mine.csv: the file is empty; it needs a header row and at least one link."]
    with pytest.raises(ValidationError, match="nothing.csv: cannot be read"):
        load_vocabulary(tmp_path / "nothing.csv")


def test_synonyms_are_optional_and_headers_forgive_case():
    words = vocabulary_from_bytes(b"Relation,Inverse,Hedge,Family,Meaning\nfeeds,is fed by,states,feeds,Gives food to.\n")
    assert words.get("feeds").synonyms == ()
    assert words.get("feeds").hedge == "states"


# --- links checked against a vocabulary when a graph brings one --------------

LINKS = "source,source_type,relation,target,target_type\n"
TEACHER_WORDS = (
    HEADER + "feeds,is fed by,states,feeds,Gives food to.,eats\nmay warm,may be warmed by,may,warms,Might make warmer.,heat\n"
)


def load_problems(files) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        load_files([(name, text.encode()) for name, text in files])
    return [str(problem) for problem in caught.value.problems]


def test_the_articles_links_are_checked_against_its_vocabulary(tmp_path):
    for path in ARTICLE_RELATIONS.parent.glob("*.csv"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    edges = (tmp_path / "edges.csv").read_text("utf-8").splitlines(keepends=True)
    row = next(number for number, line in enumerate(edges, start=1) if line.startswith("Cocaine use,cause,may cause,"))
    edges[row - 1] = edges[row - 1].replace(",may cause,", ",might lead to,")
    (tmp_path / "edges.csv").write_text("".join(edges), "utf-8")
    with pytest.raises(ValidationError) as caught:
        load_graph(tmp_path / "edges.csv")
    assert [str(p) for p in caught.value.problems] == [
        f"edges.csv, row {row}, column 'relation': 'might lead to' is not a relation listed in relations.csv; "
        "did you mean 'may cause'? Use a listed relation, or add this one to relations.csv."
    ]
    (tmp_path / "relations.csv").unlink()
    assert len(load_graph(tmp_path / "edges.csv").links) == len(edges) - 1  # without a vocabulary any relation goes


def test_a_teachers_vocabulary_checks_the_teachers_links():
    links = (
        LINKS
        + "Sun,star,may warm,Sea,water\nFish,animal,eats,Plankton,animal\nPlankton,animal,is fed by,Fish,animal\nSea,water,sparkles at,Sun,star\n"
    )
    assert load_problems([("ocean.csv", links), ("relations.csv", TEACHER_WORDS)]) == [
        "ocean.csv, row 3, column 'relation': 'eats' is not a relation listed in relations.csv; did you mean 'feeds'? "
        "Use a listed relation, or add this one to relations.csv.",
        "ocean.csv, row 4, column 'relation': 'is fed by' is not a relation listed in relations.csv; "
        "it reads backwards: swap source and target and write 'feeds'.",
        "ocean.csv, row 5, column 'relation': 'sparkles at' is not a relation listed in relations.csv. "
        "Use one of its relations, or add this one to relations.csv.",
    ]


def test_a_teachers_graph_without_a_vocabulary_takes_any_relation():
    kg = load_files([("ocean.csv", (LINKS + "Sea,water,sparkles at,Sun,star\n").encode())])
    assert list(kg.links["relation"]) == ["sparkles at"]


def test_a_bad_vocabulary_is_reported_with_the_links_other_problems():
    found = load_problems(
        [
            ("ocean.csv", LINKS + "Sun,star,warms,Sun,star\n"),
            ("Relations.csv", HEADER + "warms,is warmed by,surely,warms,Makes warmer.,\n"),
        ]
    )
    assert found == [
        "ocean.csv, row 2, column 'target': this link connects 'Sun' to itself; a link needs two different concepts.",
        "Relations.csv, row 2, column 'hedge': 'surely' is not a hedge level; use one of states, can, may, thought, linked.",
    ]


def test_two_vocabularies_are_refused():
    found = load_problems(
        [("ocean.csv", LINKS + "Sun,star,feeds,Sea,water\n"), ("relations.csv", TEACHER_WORDS), ("RELATIONS.csv", TEACHER_WORDS)]
    )
    assert found == [
        "RELATIONS.csv: 'relations.csv' is a relations file too; upload one file of links (with nodes.csv, sources.csv and "
        "relations.csv if you have them): remove 'relations.csv' or 'RELATIONS.csv' from the upload and it loads."
    ]


def test_the_vocabulary_of_uploaded_files():
    words = vocabulary_from_files([("ocean.csv", b"..."), ("Relations.csv", TEACHER_WORDS.encode())])
    assert "feeds" in words and words.equivalent("feeds", "eats")
    without = vocabulary_from_files([("ocean.csv", b"...")])
    assert len(without) == 0
    assert without.equivalent("Causes", "could cause") and not without.equivalent("causes", "treats")


# --- what relations mean: read backwards, entailed, how sure -----------------


@pytest.mark.parametrize("phrase", ["is a symptom of", "are symptoms of", "is a sign of", "is caused by", "can be caused by"])
def test_inverse_phrasings_read_a_cause_backwards(words, phrase):
    assert words.family(phrase) == "causes" + BACKWARDS
    assert words.reverses("can cause", phrase)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("raises", "can affect"),
        ("may help raise", "affects"),
        ("can reduce", "can affect"),
        ("can cause", "can affect"),
        ("may cause", "plays a role in"),
        ("causes", "contributes to"),
        ("treats", "helps with"),
        ("treats", "plays a role in"),  # through helps with: entailment is transitive
        ("is raised by", "can be affected by"),  # read backwards, the same
        ("can cause", "may cause"),  # one family
        ("can cause", "is linked to"),  # through can affect: to affect something is to be linked to it
        ("is caused by", "is linked to"),  # a two-way relation reads the same both ways
    ],
)
def test_entails(words, a, b):
    assert words.entails(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("can affect", "raises"),  # entailment goes one way
        ("plays a role in", "can cause"),
        ("raises", "can reduce"),
        ("helps with", "can cause"),
        ("raises", "can be affected by"),  # forwards does not entail backwards
        ("treats", "is linked to"),  # not listed: the vocabulary says what entails what
        ("is linked to", "can affect"),
    ],
)
def test_does_not_entail(words, a, b):
    assert not words.entails(a, b)


@pytest.mark.parametrize(
    ("phrase", "hedge"),
    [
        ("may cause", "may"),
        ("can cause", "can"),
        ("causes", "states"),  # a bare verb says it always happens
        ("leads to", "states"),
        ("might lead to", "may"),
        ("could cause", "may"),
        ("is thought to help with", "thought"),
        ("is linked to", "linked"),
        ("is a symptom of", "can"),  # an inverse phrasing is as sure as the row it is listed in
        ("may be caused by", "may"),
        ("is caused by", "states"),
    ],
)
def test_hedge_of_a_phrasing(words, phrase, hedge):
    assert words.hedge(phrase) == hedge


def test_firmer_follows_the_hedge_scale(words):
    assert words.firmer("states", "may") and words.firmer("can", "may") and words.firmer("may", "thought")
    assert not words.firmer("may", "can") and not words.firmer("can", "can") and not words.firmer("linked", "states")


def test_a_teachers_vocabulary_brings_its_own_meanings():
    words = vocabulary_from_bytes(
        b"relation,inverse,hedge,family,meaning,inverse_synonyms,entails\n"
        b"warms,is warmed by,states,warms,Makes warmer.,gets heat from,changes\n"
        b"may warm,may be warmed by,may,warms,Might make warmer.,,\n"
        b"changes,is changed by,states,changes,Makes different.,,\n"
    )
    assert words.entails("may warm", "changes") and not words.entails("changes", "warms")
    assert words.reverses("warms", "gets heat from") and words.hedge("gets heat from") == "states"


BAD_MEANINGS = "relation,inverse,hedge,family,meaning,inverse_synonyms,entails\n"


@pytest.mark.parametrize(
    ("rows", "problem"),
    [
        (
            "warms,is warmed by,states,warms,Makes warmer.,,chnges\nchanges,is changed by,states,changes,Makes different.,,\n",
            "relations.csv, row 2, column 'entails': 'chnges' is not a relation listed in relations.csv; did you mean 'changes'? "
            "an entailment names another row's relation (separate several with ;).",
        ),
        (
            "warms,cools,states,warms,Makes warmer.,,\ncools,chills,states,cools,Makes colder.,,\n",
            "relations.csv, row 2, column 'inverse': 'cools' is listed as a relation of its own (row 3), whose inverse is "
            "'chills', not 'warms'; make the two rows name each other as inverse.",
        ),
        (
            "warms,is warmed by,states,warms,Makes warmer.,cools,\ncools,is cooled by,states,cools,Makes colder.,,\n",
            "relations.csv, row 2, column 'inverse_synonyms': 'cools' is listed as a relation of its own (row 3), read forwards; "
            "a phrasing cannot read 'warms' backwards too. Remove it from one of the rows.",
        ),
        (
            "warms,is warmed by,states,warms,Makes warmer.,,changes\n"
            "changes,is changed by,states,changes,Makes different.,,heats\n"
            "heats,is heated by,states,heats,Adds heat.,,warms\n",
            "relations.csv, row 2, column 'entails': the entailments go round in a cycle: 'warms' entails 'changes' (row 2), "
            "which entails 'heats' (row 3), which entails 'warms' (row 4). Relations that entail each other mean the same: "
            "give them one family, or remove one of these entailments.",
        ),
    ],
)
def test_a_vocabulary_that_contradicts_itself_is_reported_and_not_loaded(rows, problem):
    assert problems_of(BAD_MEANINGS + rows) == [problem]


def test_a_graph_with_a_contradictory_vocabulary_is_not_loaded():
    found = load_problems(
        [
            ("ocean.csv", LINKS + "Sun,star,warms,Sea,water\n"),
            ("relations.csv", BAD_MEANINGS + "warms,is warmed by,states,warms,Makes warmer.,,boils\n"),
        ]
    )
    assert found == [
        "relations.csv, row 2, column 'entails': 'boils' is not a relation listed in relations.csv; "
        "an entailment names another row's relation (separate several with ;)."
    ]
