"""Guided tours: loading, checking against a graph, and the tours shipped with the article."""

import csv
import functools
import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.core.query import NAME_CUTOFF, similarity
from graph.files.load import Problem, ValidationError, is_tour_file, load_files, load_graph_bytes, read_table
from graph.teaching.score import Reference
from graph.teaching.tours import Tour, TourStep, list_tours, load_tour, tours_from_files
from tests.conftest import SHORT_HEADER

ROOT = Path(__file__).resolve().parents[3]
TOURS = ROOT / "data" / "tours"

# A path a → b → c, plus a concept whose name invites typos.
EDGES = b"""source,source_type,relation,target,target_type
Alpha,idea,leads to,Beta,idea
Beta,idea,leads to,Gamma,idea
Gamma,idea,is measured by,Blood test,test
Levodopa,drug,raises,Gamma,idea
"""


@pytest.fixture(scope="module")
def kg():
    return load_graph_bytes(EDGES, "edges.csv")


def problems_of(data: bytes, kg, name="tour.csv") -> list[Problem]:
    with pytest.raises(ValidationError) as caught:
        load_tour(data, name, kg)
    return caught.value.problems


def where(problems):
    return [(p.file, p.row, p.column) for p in problems]


# --- the shipped tours -------------------------------------------------------


def test_shipped_tours_load_against_the_article_graph(article):
    tours, problems = list_tours(TOURS, article)
    assert problems == []
    assert [(t.name, t.title) for t in tours] == [
        ("from-causes-to-symptoms", "From causes to symptoms"),
        ("raising-dopamine-and-seeing-a-professional", "Ways to raise dopamine, and when to see a professional"),
    ]
    for tour in tours:
        assert 6 <= len(tour.steps) <= 9
        assert [s.number for s in tour.steps] == list(range(1, len(tour.steps) + 1))
        assert all(s.caption for s in tour.steps)


@pytest.mark.parametrize("path", sorted(TOURS.glob("*.csv")), ids=lambda p: p.name)
def test_shipped_tours_name_concepts_exactly_as_the_graph_does(article, path):
    # Typo-tolerant resolution is for teachers' drafts; the shipped files use the exact labels.
    written = read_table(path.read_bytes(), path.name)["concept"]
    nodes = set(read_table((ROOT / "data" / "nodes.csv").read_bytes(), "nodes.csv")["concept"])
    assert set(written) <= nodes
    assert list(written) == load_tour(path, None, article).concepts


def caption_of(article, concept: str) -> str:
    tours, _ = list_tours(TOURS, article)
    return next(s.caption for t in tours for s in t.steps if s.concept == concept)


def test_shipped_captions_keep_the_articles_hedges(article):
    # A teacher's read against the article: a caption never says more surely than the article does.
    medications = caption_of(article, "Parkinson's medications")
    assert "Levodopa could help raise" in medications  # the article: "could help increase"
    assert "agonists can mimic" in medications  # "can simulate", not "copy"
    assert "copy what dopamine does" not in medications
    professional = caption_of(article, "Healthcare professional")
    assert "will likely look at your symptoms and try to find" in professional  # "likely look … try to figure out"
    assert "Parkinson's disease is one condition that may leave" in caption_of(article, "Parkinson's disease")
    dopamine = caption_of(article, "Dopamine")
    assert "works as a hormone" in dopamine and "act like a hormone" not in dopamine  # "acts as a hormone"


# --- loading -----------------------------------------------------------------


def test_a_tour_reads_steps_in_order_and_takes_its_title_from_the_file_name(kg):
    data = b"step,concept,caption\n1,Alpha,Start here.\n2,Beta,Then this.\n3,Gamma,And this.\n"
    tour = load_tour(data, "a-short_walk.csv", kg)
    assert tour == Tour(
        name="a-short_walk",
        title="A short walk",
        steps=[TourStep(1, "Alpha", "Start here."), TourStep(2, "Beta", "Then this."), TourStep(3, "Gamma", "And this.")],
    )
    assert tour.concepts == ["Alpha", "Beta", "Gamma"]


def test_a_title_column_gives_the_title_from_its_first_filled_cell(kg):
    data = b'title,step,concept,caption\n,1,Alpha,One.\n"Alpha, then beta",2,Beta,Two.\nignored,3,Gamma,Three.\n'
    assert load_tour(data, "walk.csv", kg).title == "Alpha, then beta"
    empty = b"step,concept,caption,title\n1,Alpha,One.,\n"
    assert load_tour(empty, "walk.csv", kg).title == "Walk"


def test_a_path_is_read_and_names_the_tour(kg, tmp_path):
    path = tmp_path / "first-steps.csv"
    path.write_bytes(b"step,concept,caption\n1,Alpha,One.\n")
    tour = load_tour(path, None, kg)
    assert (tour.name, tour.title) == ("first-steps", "First steps")


def test_extra_columns_and_surrounding_spaces_are_ignored(kg):
    data = b"step , concept,caption,notes\n 1 , Alpha , One. ,for me\n"
    assert load_tour(data, "t.csv", kg).steps == [TourStep(1, "Alpha", "One.")]


def test_every_problem_in_the_rows_is_reported_at_once(kg):
    data = (
        b"step,concept,caption\n"
        b"1,Alpha,Fine.\n"  # row 2
        b"two,Beta,Not a number.\n"  # row 3
        b"3,,No concept.\n"  # row 4
        b"3,Gamma,\n"  # row 5: repeated step, empty caption
        b"5,Delta,Gap and unknown concept.\n"  # row 6
        b"4,Beta,Out of order.\n"  # row 7
    )
    problems = problems_of(data, kg, "bad-tour.csv")
    assert where(problems) == [
        ("bad-tour.csv", 3, "step"),
        ("bad-tour.csv", 4, "concept"),
        ("bad-tour.csv", 5, "caption"),
        ("bad-tour.csv", 5, "step"),
        ("bad-tour.csv", 6, "step"),
        ("bad-tour.csv", 6, "concept"),
        ("bad-tour.csv", 7, "step"),
    ]
    messages = [p.message for p in problems]
    assert "'two' is not a whole number" in messages[0]
    assert "empty" in messages[1] and "empty" in messages[2]
    assert "step 3 is used twice (also in row 4)" in messages[3]
    assert "jump from 3 to 5" in messages[4]
    assert "no concept called 'Delta'" in messages[5]
    assert "step 4 comes after step 5" in messages[6]


def test_steps_must_start_at_one(kg):
    (problem,) = problems_of(b"step,concept,caption\n2,Alpha,One.\n", kg)
    assert (problem.row, problem.column) == (2, "step")
    assert "start at 1" in problem.message


def test_missing_columns_are_named_with_a_hint(kg):
    problems = problems_of(b"stepp,concept\n1,Alpha\n", kg, "t.csv")
    assert where(problems) == [("t.csv", 1, "step"), ("t.csv", 1, "caption")]
    assert "is 'stepp' meant to be 'step'?" in problems[0].message
    assert "step, concept, caption" in problems[1].message


@pytest.mark.parametrize(
    "header",
    [
        b"step,concept,caption, step",  # equal once trimmed: pandas keeps both, and a row's step was two cells
        b"step,concept,caption,step",  # pandas renames the second to step.1
        b"Step,concept,caption,STEP",  # spreadsheets capitalise headers
    ],
)
def test_a_column_named_twice_is_reported_not_a_crash(kg, header):
    (problem,) = problems_of(header + b"\n1,Alpha,One.,1\n", kg, "tour-twice.csv")
    assert where([problem]) == [("tour-twice.csv", 1, "step")]
    assert "appears twice in the header" in problem.message


def test_an_uploaded_tour_with_a_column_named_twice_is_reported_with_the_graph_loaded(kg):
    files = [("links.csv", EDGES), ("tour-twice.csv", b"step,concept,caption, step\n1,Alpha,One.,1\n")]
    tours, problems = tours_from_files(files, kg)
    assert tours == []
    assert [str(p) for p in problems] == ["tour-twice.csv, row 1, column 'step': this column appears twice in the header."]


def test_header_names_are_read_whatever_their_case(kg):
    tour = load_tour(b"Step,CONCEPT,Caption,Title\n1,Alpha,One.,Hello\n", "tour.csv", kg)
    assert tour.title == "Hello"
    assert tour.steps == [TourStep(1, "Alpha", "One.")]


def test_a_header_without_steps_is_reported(kg):
    (problem,) = problems_of(b"step,concept,caption\n", kg)
    assert "no steps" in problem.message


def test_a_file_that_is_not_csv_is_reported_with_its_name(kg):
    (problem,) = problems_of(b"PK\x03\x04binary", kg, "tour.xlsx")
    assert problem.file == "tour.xlsx"
    assert "CSV" in problem.message


def test_an_unknown_concept_gets_a_suggestion(article):
    (problem,) = problems_of(b"step,concept,caption\n1,Dopamine defficiency levels,One.\n", article, "t.csv")
    assert (problem.row, problem.column) == (2, "concept")
    assert "Did you mean 'Dopamine deficiency'" in problem.message


def test_case_and_typos_resolve_silently_to_the_real_label(kg, article):
    data = b"step,concept,caption\n1,  alpha ,One.\n2,BLOOD TEST,Two.\n3,levadopa,Three.\n"
    assert load_tour(data, "t.csv", kg).concepts == ["Alpha", "Blood test", "Levodopa"]
    data = b"step,concept,caption\n1,parkinsons disease,One.\n2,dopamine DEFICIENCY,Two.\n"
    assert load_tour(data, "t.csv", article).concepts == ["Parkinson's disease", "Dopamine deficiency"]


def test_a_loose_match_is_suggested_not_used(kg):
    # find_concept would take "test" to mean "Blood test" (a word inside it): too far to use unasked.
    (problem,) = problems_of(b"step,concept,caption\n1,test,One.\n", kg)
    assert "no concept called 'test'. Did you mean 'Blood test'?" in problem.message


def test_punctuation_counts_as_spacing(make_kg):
    kg = make_kg(SHORT_HEADER + "L-dopa,drug,raises,Dopamine,chemical\n")
    data = b"step,concept,caption\n1,L dopa,One.\n2,dopamine!,Two.\n"
    assert load_tour(data, "t.csv", kg).concepts == ["L-dopa", "Dopamine"]


# Short names with punctuation, where typing "L dopa" for "L-dopa" changes a large part of the name.
SHORT_NAMES = b"""source,source_type,relation,target,target_type
L-dopa,drug,raises,Dopamine,chemical
MAO-B inhibitors,drug,slow the breakdown of,Dopamine,chemical
Vitamin B-12,nutrient,is needed by,T-cells,cell
Alzheimer's,condition,is unlike,Parkinson's,condition
"""


@functools.cache
def _short_names():
    return load_graph_bytes(SHORT_NAMES, "edges.csv")


# Typed names: a label changed as people change one when they type it, or any short text.
_TYPING = st.sampled_from(["", " ", "  ", "-", "'", "’", ".", ",", "e", "a", "x", "s", "Z"])


@st.composite
def typed_names(draw, labels: list[str]) -> str:
    if draw(st.booleans()):
        return draw(st.text(alphabet=st.sampled_from("abcdeSRT -'’,.()"), min_size=1, max_size=12))
    name = draw(st.sampled_from(labels))
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, max(len(name) - 1, 0)))
        edit = draw(st.sampled_from(["swap case", "replace", "insert", "punctuation"]))
        if edit == "swap case":
            name = name[:at] + name[at : at + 1].swapcase() + name[at + 1 :]
        elif edit == "replace":
            name = name[:at] + draw(_TYPING) + name[at + 1 :]
        elif edit == "insert":
            name = name[:at] + draw(_TYPING) + name[at:]
        else:  # every hyphen and apostrophe left out, or typed as a space or a hyphen
            typed = draw(st.sampled_from(["", " ", "-"]))
            name = name.translate(str.maketrans(dict.fromkeys("-'’", typed)))
    return name


@pytest.mark.parametrize("graph", ["article", "short names"])
@given(data=st.data())
def test_a_name_a_tour_accepts_is_the_concept_a_learners_map_means(article, graph, data):
    """Tours and the map scorer read a typed name with one matcher (graph.core.query.named_concept): a name
    one of them resolves, the other resolves to the same concept; a name one rejects, the other does too."""
    kg = article if graph == "article" else _short_names()
    name = data.draw(typed_names(sorted(kg.graph.nodes)), label="name")
    meant = Reference(kg).canonical(name)
    row = io.StringIO()
    csv.writer(row, lineterminator="\n").writerow([1, name, "A caption."])
    tour = ("step,concept,caption\n" + row.getvalue()).encode()
    if meant is None:
        with pytest.raises(ValidationError) as caught:
            load_tour(tour, "t.csv", kg)
        assert [p.column for p in caught.value.problems] == ["concept"]
    else:
        assert load_tour(tour, "t.csv", kg).concepts == [meant]
        assert similarity(name, meant) >= NAME_CUTOFF


# --- a folder of tours -------------------------------------------------------


def test_list_tours_keeps_good_tours_and_reports_bad_ones(kg, tmp_path):
    (tmp_path / "b-second.csv").write_bytes(b"step,concept,caption\n1,Beta,One.\n")
    (tmp_path / "a-first.csv").write_bytes(b"step,concept,caption\n1,Alpha,One.\n2,Gamma,Two.\n")
    (tmp_path / "c-broken.csv").write_bytes(b"step,concept,caption\n1,Nowhere,One.\nx,Beta,\n")
    (tmp_path / "notes.txt").write_text("not a tour")
    tours, problems = list_tours(tmp_path, kg)
    assert [t.name for t in tours] == ["a-first", "b-second"]
    assert where(problems) == [("c-broken.csv", 2, "concept"), ("c-broken.csv", 3, "caption"), ("c-broken.csv", 3, "step")]


def test_a_missing_folder_holds_no_tours(kg, tmp_path):
    assert list_tours(tmp_path / "nowhere", kg) == ([], [])


def test_bytes_need_a_name(kg):
    with pytest.raises(ValueError):
        load_tour(b"step,concept,caption\n1,Alpha,One.\n", None, kg)


def test_uploaded_files_named_tour_are_the_tours_and_the_rest_is_the_graph(kg):
    tour = b"step,concept,caption\n1,Alpha,Start here.\n2,beta,Then this.\n"
    files = [("links.csv", EDGES), ("Tour_first-steps.csv", tour)]
    assert load_files(files).graph.nodes == kg.graph.nodes  # the tour is not read as links
    (only,), problems = tours_from_files(files, kg)
    assert problems == []
    assert only.title == "First steps"
    assert [step.concept for step in only.steps] == ["Alpha", "Beta"]


def test_every_problem_of_every_uploaded_tour_is_reported_together(kg):
    files = [
        ("links.csv", EDGES),
        ("tour-one.csv", b"step,concept,caption\n1,Nowhere,x\n"),
        ("tour-two.csv", b"step,concept\n1,A\n"),
    ]
    tours, problems = tours_from_files(files, kg)
    assert tours == []
    assert where(problems) == [("tour-one.csv", 2, "concept"), ("tour-two.csv", 1, "caption")]


@pytest.mark.parametrize("name", ["tour.csv", "tour-1.csv", "Tours_of_the_lab.csv", "tour water.csv"])
def test_names_that_mark_a_tour(name):
    assert is_tour_file(name)


@pytest.mark.parametrize("name", ["tourism.csv", "tournaments.csv", "detour.csv", "edges.csv", "my-tour.csv"])
def test_names_that_do_not(name):
    assert not is_tour_file(name)
