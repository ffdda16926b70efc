"""What a learner link shows (AppTest, SQLite then PostgreSQL): an older pinned version says a newer one exists and
links to it; a link naming no version opens no map; no publishing or editing controls; and the title offered when
publishing comes from the map, not its file's name."""

from __future__ import annotations

import pytest

from graph.classroom import store
from tests.apptest import run, start, unescape
from tests.explorer.test_app_share import (  # noqa: F401
    ARTICLE_TITLE,
    SMALL,
    WATER,
    database,
    params_of,
    published_water,
    title,
    upload,
    url,
)

TOUR = b"step,concept,caption\n1,Sun,Where the energy comes from\n2,Evaporation,Water goes up\n"
EDITING = {"Edit the links in a table", "Edit the map in a picture"}


def expanders(at) -> set[str]:
    return {unescape(e.label) for e in at.expander}


@pytest.mark.usefixtures("database")
def test_a_learner_on_an_older_version_is_told_a_newer_one_exists_with_a_link_to_it():
    _, learner_link, teacher_link = published_water()
    map_id, key = params_of(teacher_link)["map"], params_of(teacher_link)["key"]
    store.add_version(map_id, key, [("small.csv", SMALL)], "Seeds", note="Seeds only")
    older = start(map=map_id, v="1")
    assert title(older) == "The water cycle" and url(older)["v"] == "1"
    (notice,) = [i.value for i in older.info if "newer version exists" in i.value]
    assert "version 1 of “The water cycle”" in notice and "(version 2)" in notice
    assert f"(http://localhost:8501/?map={map_id})" in notice  # the newest: the learner link, no version pinned
    newest = start(map=map_id, v="2")
    assert not [i for i in newest.info if "newer version exists" in i.value]
    assert not [i for i in start(map=map_id).info if "newer version exists" in i.value]


@pytest.mark.parametrize("pinned", ["", " ", "0", "3"])
@pytest.mark.usefixtures("database")
def test_a_version_that_is_not_there_opens_no_map_at_all(pinned):
    _, learner_link, _ = published_water()
    at = start(map=params_of(learner_link)["map"], v=pinned)
    assert title(at) == ARTICLE_TITLE and "map" not in url(at)
    assert any("version" in w.value for w in at.warning), [w.value for w in at.warning]


@pytest.mark.usefixtures("database")
def test_a_learner_link_has_no_publishing_or_editing_controls_even_after_an_upload():
    _, learner_link, teacher_link = published_water()
    learner = start(**params_of(learner_link))
    assert not EDITING & expanders(learner)
    assert not [b for b in learner.button if b.label == "Publish"]
    learner = upload(learner, ("mine.csv", SMALL))  # their own graph, in their own tab
    assert not EDITING & expanders(learner)
    assert not [b for b in learner.button if b.label == "Publish"]
    teacher = start(**params_of(teacher_link))
    assert EDITING <= expanders(teacher)


@pytest.mark.usefixtures("database")
def test_the_title_offered_comes_from_the_map_not_its_file_name():
    at = upload(start(), ("water_cycle.csv", WATER))
    assert at.text_input(key="publish_title").value == "Evaporation"  # its most connected concept
    at = upload(start(), ("water_cycle.csv", WATER), ("tour-the-water-cycle.csv", TOUR))
    assert at.text_input(key="publish_title").value == "The water cycle"  # its first tour's title
    _, _, teacher_link = published_water("Rain and rivers")
    teacher = start(**params_of(teacher_link))
    assert teacher.text_input(key="publish_title").value == "Rain and rivers"  # the stored title
    run(teacher)
