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
    assert right == [f"Right: {link.source} → {question.shown(question.answer)} → {link.target}"]
    assert f"**{question.shown(question.answer)}**" in "".join(texts(tab(at, "Quiz")))
