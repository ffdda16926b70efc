"""The page reads links as sentences that agree in number: the details pane and the quiz (AppTest)."""

from __future__ import annotations

from graph.files.load import load_graph
from graph.teaching.quiz import make_quiz
from tests.apptest import link_buttons, open_tab, run, start, tab, texts, unescape
from tests.conftest import ARTICLE


def test_the_details_of_a_plural_concept_agree():
    at = start(focus="Dopamine agonists")
    assert "are examples of → Parkinson's medications" in link_buttons(at)
    assert "can mimic → Dopamine" in link_buttons(at)
    headings = [unescape(h.value) for h in at.subheader]
    assert not [h for h in headings if h.startswith("Dopamine agonists is ")]


def test_the_details_of_a_category_read_its_members_links_as_sentences():
    at = start(focus="Antidepressants")
    assert "Antidepressants → require → Prescription" not in link_buttons(at)  # a link out shows its relation only
    assert "require → Prescription" in link_buttons(at)
    assert "SSRIs → are examples of → Antidepressants" in link_buttons(at)
    assert "… are examples of Antidepressants (2)" in [unescape(h.value) for h in at.subheader]


def test_a_quiz_about_a_plural_subject_offers_relations_that_agree_and_answers_in_a_sentence():
    kg = load_graph(ARTICLE)
    seed, index, question = next(
        (seed, index, q)
        for seed in range(200)
        for index, q in enumerate(make_quiz(kg, seed, 5))
        if q.kind == "relation" and kg.is_plural(q.evidence.source) and q.answer.startswith("is ")
    )
    at = start(quiz=str(seed))
    radio = at.radio(key=f"quiz_{seed}_{index}")
    shown = [unescape(option) for option in radio.options]
    assert question.shown(question.answer) in shown and question.answer not in shown
    assert not [option for option in shown if option.startswith(("is ", "has "))]
    radio.set_value(question.answer)
    run(at.button(key=f"quiz_check_{index}").click())
    open_tab(at, "Quiz")
    right = texts(tab(at, "Quiz"), "success")
    link = question.evidence
    assert right == [f"Right: {link.source} {question.shown(question.answer)} {link.target}."]
    assert f"**{question.shown(question.answer)}**" in "".join(texts(tab(at, "Quiz")))


# --- a teacher's map speaks of itself ----------------------------------------------

WATER = (
    b"source,source_type,relation,target,target_type\n"
    b"Sunshine,energy,can cause,Evaporation,process\n"
    b"Evaporation,process,can cause,Clouds,weather\n"
    b"Clouds,weather,can cause,Rain,weather\n"
    b"Rain,weather,can cause,Rivers,water\n"
    b"Rivers,water,can cause,Floods,event\n"
)


def test_a_teachers_map_is_named_by_its_title_in_practice_not_called_the_article():
    from tests.explorer.test_app_practice import add, practice
    from tests.explorer.test_app_your_graph import title, upload

    at = start()
    upload(at, ("water-cycle.csv", WATER))
    name = title(at)
    assert name == "Your graph: water-cycle.csv"
    open_tab(at, "Practice")
    assert f"checked against the links of “{name}”." in " ".join(texts(practice(at), "caption"))
    practice(at).radio[0].set_value("Build a map")
    at = run(at)
    run(at.button(key="map_start").click())
    add(at, "Evaporation", "can cause", "Clouds")
    add(at, "Clouds", "can cause", "Evaporation")
    run(at.button(key="map_check").click())
    shown = texts(practice(at)) + texts(practice(at), "caption") + [unescape(e.label) for e in practice(at).expander]
    assert (
        "**Score 33%**: 1 of the 3 links counted is right: your 2 links, and the graph's 1 link among this task's "
        "concepts that your map leaves out."
    ) in shown
    assert "The reference says the same. “Your graph: water-cycle.csv”: Evaporation can cause Clouds." in shown
    assert "1 link of “Your graph: water-cycle.csv” between these concepts is missing" in shown
    assert not [line for line in shown if "article" in line.casefold()]


def test_the_article_is_still_called_the_article():
    from tests.explorer.test_app_practice import practice

    at = start()
    open_tab(at, "Practice")
    assert "checked against the links of the article." in " ".join(texts(practice(at), "caption"))


def test_a_map_citing_sources_it_does_not_list_says_so_where_the_sources_are():
    from tests.apptest import uploader
    from tests.explorer.test_app_your_graph import popover

    cited = WATER.replace(b"target_type\n", b"target_type,sources\n").replace(b"Clouds,weather\n", b"Clouds,weather,1\n", 1)
    at = run(uploader(start()).set_value([("water-cycle.csv", cited, "text/csv")]))
    shown = texts(popover(at, "Sources"))
    assert "**This graph lists no sources**, yet some of its links cite source numbers:" in shown
    assert (
        "- water-cycle.csv, row 3, column 'sources': this link cites source 1, but the graph lists no sources: add "
        "sources.csv (columns number, title) beside this file to say what each number is, or empty this cell."
    ) in [unescape(line) for line in shown]
    assert "This graph lists no sources." not in shown
