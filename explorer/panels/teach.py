"""Teaching: guided tours and a quiz generated from the graph (key concepts: ``explorer/panels/key_concepts.py``)."""

from __future__ import annotations

import random
from functools import partial
from pathlib import Path

import streamlit as st

from explorer.components.focus_keeper import focus_keeper
from explorer.panels import class_view, practice
from explorer.panels.caching import cache_data, cache_resource
from explorer.panels.graphs import own_tours
from explorer.panels.session import session
from explorer.state import TOUR_CHOICE, quiz_key
from graph.core.model import KnowledgeGraph
from graph.core.sentences import counted
from graph.core.text import evidence_line, plain
from graph.params import Address
from graph.teaching.quiz import check, make_quiz
from graph.teaching.tours import Tour, list_tours

__all__ = ["active_tab", "address_fields", "open_from_link", "quiz", "tour", "tours_for"]

TOURS = Path(__file__).resolve().parents[2] / "data" / "tours"
QUESTIONS = 5


@cache_resource(show_spinner=False, max_entries=4)
def _article_tours(kg: KnowledgeGraph):
    return list_tours(TOURS, kg)


def tours_for(kg: KnowledgeGraph, graph) -> tuple[list[Tour], list]:
    """The tours written for this graph: the article's ship in ``data/tours`` (and still apply to an
    edit of it, as far as its concepts are still there); a teacher's own come with the upload (and
    likewise stay through edits)."""
    return _article_tours(kg) if graph.article else own_tours(graph)


# --- tours -----------------------------------------------------------------


def _pick_tour(tours: list[Tour]) -> None:
    chosen = st.session_state[TOUR_CHOICE]
    tour = next((t for t in tours if t.title == chosen), None)
    if tour:
        session().start_tour(tour)


def tour(kg: KnowledgeGraph, tours: list[Tour], problems: list) -> None:
    """Pick a tour and step through it; each step focuses its concept and shows the caption."""
    if problems:
        with st.expander(f"{counted(len(problems), 'problem')} in the tour files", icon=":material/warning:"):
            st.markdown("\n".join(f"- {plain(str(p))}" for p in problems))
    if not tours:
        st.caption(
            "No guided tours for this graph yet. A tour is a small CSV with the columns step, concept, caption "
            "and a name starting with “tour” (tour-water-cycle.csv, say): upload it with your links."
        )
        return
    learner = session()
    current = learner.teaching.tour
    active = next((t for t in tours if current and t.name == current[0]), None)
    titles = [t.title for t in tours]
    st.selectbox(
        "Guided tour",
        titles,
        index=titles.index(active.title) if active else None,
        key=TOUR_CHOICE,
        placeholder="Choose a tour…",
        on_change=_pick_tour,
        args=(tours,),
    )
    if not active or not current:
        st.caption("A tour takes you through the graph step by step, with a note at each stop.")
        return
    number = current[1]
    step = active.steps[number - 1]
    st.progress(number / len(active.steps), text=plain(f"Step {number} of {len(active.steps)}: {step.concept}"))
    with st.container(border=True):
        st.markdown(plain(step.caption))
    back, forward, leave = st.columns(3)
    back.button(
        "← Previous",
        on_click=learner.start_tour,
        args=(active, number - 1),
        disabled=number == 1,
        key="tour_prev",
        width="stretch",
    )
    forward.button(
        "Next →",
        on_click=learner.start_tour,
        args=(active, number + 1),
        disabled=number == len(active.steps),
        key="tour_next",
        type="primary",
        width="stretch",
    )
    leave.button("End tour", on_click=learner.stop_tour, key="tour_end", width="stretch")


# --- quiz ------------------------------------------------------------------


def new_quiz(seed: int | None = None, kg: KnowledgeGraph | None = None) -> None:
    """Show quiz ``seed``; without one, a new quiz, chosen (given the graph) to bring back what this
    learner got wrong or has not seen lately (:func:`explorer.panels.practice.next_seed`)."""
    teaching = session().teaching
    if seed is None:
        current = teaching.quiz_seed
        if kg is not None:
            seed = practice.next_seed(lambda s: [] if s == current else [q.evidence.link_id for q in _questions(kg, s)])
        draw = random.SystemRandom()
        while seed is None or seed == current:  # "New quiz" must not give the quiz on screen again
            seed = draw.randrange(1, 10_000)
    teaching.show_quiz(seed)


def _answer(index: int, question) -> None:
    learner = session()
    seed = learner.teaching.quiz_seed
    choice = None if seed is None else st.session_state[quiz_key(seed, index)]
    learner.teaching.answer(index, choice)
    if choice is not None:
        practice.record().remember({question.evidence.link_id: check(question, choice)})


def quiz(kg: KnowledgeGraph) -> None:
    """Multiple-choice questions made from the graph's own links, with the evidence after each answer."""
    teaching = session().teaching
    seed = teaching.quiz_seed
    if seed is None:
        st.caption("Questions are made from the links in the graph, so each has exactly one right answer according to it.")
        st.button("Start a quiz", on_click=new_quiz, args=(None, kg), type="primary", key="quiz_start")
        return
    questions = _questions(kg, seed)
    if not questions:
        st.info("This graph is too small for quiz questions (each needs three wrong answers of the same kind).")
        return
    answers = teaching.quiz_answers
    right = sum(check(questions[i], choice) for i, choice in answers.items())
    class_view.quiz_finished(seed, questions, answers, check)
    score = f"{right} right out of {len(answers)} answered" if answers else "none answered yet"
    st.markdown(f"**Quiz {seed}** · {len(questions)} questions · {score}")
    st.caption("The address bar now holds this quiz: share it to give the same questions to a class.")
    for index, question in enumerate(questions):
        with st.container(border=True, key=f"quiz_q_{index}"):
            label = plain(f"{index + 1}. {question.prompt}")
            if index not in answers:
                # A form, so that moving through the options with the arrow keys does not answer:
                # the choice counts when "Check answer" is pressed.
                with st.form(f"quiz_form_{seed}_{index}", border=False):
                    st.radio(
                        label,
                        question.options,
                        index=None,
                        key=quiz_key(seed, index),
                        format_func=partial(_option_text, question),
                    )
                    st.form_submit_button(
                        f"Check answer {index + 1}", key=f"quiz_check_{index}", on_click=_answer, args=(index, question)
                    )
                if teaching.take_unchecked(index):
                    st.info("Choose one of the answers first.")
            else:
                # Answered: the question at full contrast, the right option and the learner's marked.
                st.markdown(label)
                st.markdown("\n".join(_marked(question, option, answers[index]) for option in question.options))
                _feedback(question, answers[index], index)
    st.button(
        "New quiz",
        on_click=new_quiz,
        args=(None, kg),
        key="quiz_new",
        help="Asks again about what you got wrong, or have not seen lately, first",
    )
    last = teaching.quiz_last
    # The checked question's form is gone, and keyboard focus with it: it goes to the verdict instead.
    focus_keeper(
        f"{seed}:{last}:{len(answers)}", "kg_pane_quiz", target=f".st-key-quiz_q_{last} [data-testid=stAlertContainer]", top=False
    )


def _marked(question, option: str, choice: str) -> str:
    shown = plain(question.shown(option))
    if option == question.answer:
        return f"- ✓ **{shown}**" + (" (your answer)" if option == choice else " (the right answer)")
    return f"- ✗ {shown} (your answer)" if option == choice else f"- {shown}"


def _feedback(question, choice: str, index: int) -> None:
    link = question.evidence
    if check(question, choice):
        st.success(plain(question.feedback(choice)))
    else:
        st.error(plain(question.feedback(choice)))
    if link.explanation:
        st.caption(plain(link.explanation))
    if line := evidence_line(link.section, link.sources):
        st.caption(plain(line))
    st.button(plain(f"Explore {question.focus}"), on_click=session().explore, args=(question.focus,), key=f"quiz_explore_{index}")


@cache_data(show_spinner=False, max_entries=64)
def _questions(kg: KnowledgeGraph, seed: int):
    return make_quiz(kg, seed, QUESTIONS)


# --- the URL ---------------------------------------------------------------


def open_from_link(address: Address, tours: list[Tour]) -> list[str]:
    """Open the tour step or quiz a shared link names; a message for what cannot be opened."""
    messages = []
    if name := address.tour:
        tour = next((t for t in tours if t.name == name), None)
        if tour is None:
            messages.append(f"The link names a tour '{name}', which this graph does not have.")
        else:
            number = min(max(address.step or 1, 1), len(tour.steps))
            session().open_tour(tour, number, keep_view=bool(address.focus))
    if address.quiz is not None:
        new_quiz(address.quiz)
    elif "quiz" in address.unread:
        messages.append(f"The link names quiz '{address.unread['quiz']}'; a quiz is named by a number.")
    return messages


def address_fields() -> dict:
    """The tour step and quiz on screen, as fields of :class:`graph.params.Address`."""
    teaching = session().teaching
    tour, step = teaching.tour or (None, None)
    return {"tour": tour, "step": step, "quiz": teaching.quiz_seed}


def active_tab() -> str | None:
    teaching = session().teaching
    if teaching.tour:
        return "Tour"
    if teaching.quiz_seed is not None:
        return "Quiz"
    return None


def _option_text(question, option: str) -> str:
    """An option as the learner reads it (a relation agreeing with the sentence's subject), as plain text."""
    return plain(question.shown(option))
