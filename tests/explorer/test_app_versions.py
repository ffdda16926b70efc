"""Versions a teacher can tell apart, in the app (AppTest, SQLite then PostgreSQL): a note on each save,
a save that changes nothing refused, and what changed between two versions."""

from __future__ import annotations

import pytest

from graph.classroom import store
from tests.apptest import run, start, texts
from tests.explorer.test_app_share import SMALL, WATER, button, database, params_of, published_water, upload  # noqa: F401

pytestmark = pytest.mark.usefixtures("database")


def teacher_of(teacher_link: str):
    return start(**params_of(teacher_link))


def test_a_save_needs_a_note_and_the_note_is_listed_with_its_version():
    _, _, teacher_link = published_water()
    map_id, key = params_of(teacher_link)["map"], params_of(teacher_link)["key"]
    teacher = upload(teacher_of(teacher_link), ("water_cycle.csv", SMALL))
    teacher = run(button(teacher, "Save this graph as version 2").click())
    assert any("write a short note of what changed" in w.value for w in teacher.warning), [w.value for w in teacher.warning]
    assert store.open_map(map_id).latest == 1
    teacher.text_input(key="save_note").input("Only the seed and the plant")
    teacher = run(button(teacher, "Save this graph as version 2").click())
    assert [e.value for e in teacher.success] == ["Saved as version 2. The learner link now opens it."]
    assert [(v.number, v.note) for v in store.versions(map_id, key)] == [(2, "Only the seed and the plant"), (1, "")]
    assert any(line.startswith("2. The water cycle: Only the seed and the plant (1 links") for line in texts(teacher))


def test_a_save_that_changes_nothing_is_refused():
    _, _, teacher_link = published_water()
    map_id = params_of(teacher_link)["map"]
    # The same links under another file name: another upload, the same graph.
    teacher = upload(teacher_of(teacher_link), ("copy-of-water.csv", WATER))
    teacher.text_input(key="save_note").input("Nothing really")
    teacher = run(button(teacher, "Save this graph as version 2").click())
    assert any("Nothing changed: this graph is version 1 as it is" in w.value for w in teacher.warning)
    assert store.open_map(map_id).latest == 1


def test_the_teacher_sees_what_changed_between_two_versions():
    _, _, teacher_link = published_water()
    teacher = upload(teacher_of(teacher_link), ("water_cycle.csv", WATER + b"Ocean,place,feeds,River,place,,,\n"))
    teacher.text_input(key="save_note").input("Rain feeds rivers")
    teacher = run(button(teacher, "Save this graph as version 2").click())
    assert "diff_from" not in [box.key for box in teacher.selectbox]  # worked out only while open
    teacher.session_state["kg_diff"] = True
    teacher = run(teacher)
    assert teacher.selectbox(key="diff_from").value == 1 and teacher.selectbox(key="diff_to").value == 2
    changes = [m for m in texts(teacher) if m.startswith("- Concept added")]
    assert changes == ["- Concept added: River\n- Link added: Ocean → feeds → River"], texts(teacher)
