"""The page around the picture: links grouped by what they answer, the browser's Back and Forward, tabs."""

from __future__ import annotations

from tests.apptest import HUB, focus, link_buttons, open_tab, path, run, start, tab, trail, unescape, url


def test_the_hub_answers_what_leads_to_it_and_what_it_causes_in_its_first_groups():
    at = start()
    headings = [h.value for h in at.subheader]
    first = headings[:2]  # what it may cause, and what may cause it
    assert "Dopamine deficiency may cause … (12)" in first and "… may cause Dopamine deficiency (5)" in first, headings
    assert headings[-1].startswith("Other links")
    counted = sum(int(h.rsplit("(", 1)[1].rstrip(")")) for h in headings)
    assert counted == len(link_buttons(at))  # every link listed once, in some group


def test_back_and_forward_in_the_browser_move_through_the_visited_concepts():
    at = start()
    run(link_buttons(at)["can cause → Tremors"].click())
    assert focus(at) == "Tremors" and url(at) == {"focus": "Tremors"}
    assert trail(at) == [HUB]
    at.query_params["focus"] = HUB  # what the address holds after the browser's Back
    run(at)
    assert focus(at) == HUB and url(at) == {"focus": HUB}
    assert trail(at) == []  # the trail went back too
    at.query_params["focus"] = "Tremors"  # and Forward again
    run(at)
    assert focus(at) == "Tremors" and trail(at) == [HUB]


def test_an_address_with_a_depth_and_a_path_is_followed_whole():
    at = start()
    run(link_buttons(at)["can cause → Tremors"].click())
    at.query_params.update({"focus": "Cocaine use", "depth": "2", "from": "Cocaine use", "to": "Tremors"})
    run(at)
    assert focus(at) == "Cocaine use"
    assert url(at) == {"focus": "Cocaine use", "depth": "2", "from": "Cocaine use", "to": "Tremors"}
    assert path(at) == ("Cocaine use", "Tremors")


def test_a_rerun_that_is_not_a_move_keeps_the_view():
    at = start(focus="Levodopa")
    run(at)
    assert focus(at) == "Levodopa" and trail(at) == []


def test_the_visited_trail_is_a_row_of_ways_back():
    at = start()
    run(link_buttons(at)["can cause → Tremors"].click())
    run(link_buttons(at)["Dopamine deficiency → can cause → Tremors"].click())
    trail = [b for b in at.button if b.key and b.key.startswith("trail_")]
    assert [unescape(b.label) for b in trail] == [HUB, "Tremors"]
    run(trail[1].click())
    assert focus(at) == "Tremors"


def test_a_setting_the_app_cannot_use_is_said_plainly_and_the_default_used(monkeypatch):
    monkeypatch.setenv("KG_MAX_SAVES_PER_MINUTE", "lots")
    at = start()
    assert [unescape(w.value) for w in at.warning] == [
        "KG_MAX_SAVES_PER_MINUTE is 'lots', but it takes a whole number from 1 to 10000 (how often one browser "
        "session may save a map each minute); using 6."
    ]
    assert focus(at) == HUB  # the app runs on


def test_during_a_fill_in_exercise_the_concept_tab_does_not_list_the_answers():
    at = start()
    assert link_buttons(at)
    open_tab(at, "Practice")
    run(at.button(key="fill_start").click())
    assert not link_buttons(at)  # the focus's links, as sentences, would fill in the blanks
    assert any("give the answers away" in i.value for i in at.info)


def test_what_a_learner_chose_in_a_tab_stays_while_another_tab_is_open():
    """Only the open tab's content is drawn; the others' widgets keep their values (session.keep_tab_widgets),
    and a quiz under way stays drawn: its choices, in forms, are the browser's until checked."""
    at = start()
    connect = open_tab(at, "Connect two")
    run(connect.selectbox(key="path_to").set_value("Tremors"))
    practice = open_tab(at, "Practice")
    run(practice.radio(key="practice_mode").set_value("Build a map"))

    concept = open_tab(at, "Concept")
    assert not [w for w in at.selectbox if w.key == "path_to"] and not [w for w in at.radio if w.key == "practice_mode"]
    assert not tab(at, "Quiz").button and not tab(at, "Tour").selectbox  # the other tabs are not drawn...
    run(link_buttons(at)["Cocaine use → may cause → Dopamine deficiency"].click())  # ...while the learner moves on
    assert focus(at) == "Cocaine use" and concept

    assert open_tab(at, "Connect two").selectbox(key="path_to").value == "Tremors"  # ...and come back as they were
    assert open_tab(at, "Practice").radio(key="practice_mode").value == "Build a map"

    run(open_tab(at, "Quiz").button(key="quiz_start").click())
    seed = int(url(at)["quiz"])
    open_tab(at, "Concept")
    assert tab(at, "Quiz").radio(key=f"quiz_{seed}_0")  # a quiz under way is drawn, hidden
