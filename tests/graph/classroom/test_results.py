"""graph/classroom/results.py against a real database: each test runs on SQLite and again on PostgreSQL."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import text

from graph.classroom import results, store
from graph.core.problems import ValidationError
from graph.teaching.score import Proposition
from tests.conftest import PATH, STAR

P = Proposition
EDGES = [("edges.csv", PATH.encode())]


def sql(url: str, statement: str, **params) -> list:
    """Run SQL on the app's own engine (on SQLite, it is the one that turns foreign keys on)."""
    with store.engine(url).begin() as connection:
        found = connection.execute(text(statement), params)
        return found.all() if found.returns_rows else []


def a_map(url):
    return store.publish(EDGES, "Chain", url=url)


def hand_in_map(url, map_id, token, links, version=1):
    return results.hand_in(map_id, token, "map", results.map_work(links), 0.5, version, url=url)


def test_hand_ins_make_the_group_map_of_each_learners_latest_map(database_url):
    url, saved = database_url, a_map(database_url)
    ann, bob = results.join(saved.map_id, "Ann", url=url), results.join(saved.map_id, "Bob", url=url)
    hand_in_map(url, saved.map_id, ann, [P("B", "causes", "A")])
    hand_in_map(url, saved.map_id, ann, [P("A", "leads to", "B")])  # checked again: this one counts
    hand_in_map(url, saved.map_id, bob, [P("A", "leads to", "B"), P("C", "causes", "B")])
    quiz = {"items": [{"question": "A ___ B", "answer": "leads to", "given": "causes", "right": False}]}
    results.hand_in(saved.map_id, bob, "quiz", quiz, 0.0, 1, url=url)
    found = results.class_results(saved.map_id, saved.key, url=url)
    assert (found.version, found.learners) == (1, ["Ann", "Bob"])
    shape = found.to_dict()
    assert shape["links"][0] == {
        "source": "A",
        "relation": "leads to",
        "target": "B",
        "match": 2,
        "overstated": 0,
        "reversed": 0,
        "different relation": 0,
        "missing": 0,
    }
    assert shape["links"][1]["reversed"] == 1 and shape["extra"] == []
    assert shape["quiz"] == [{"kind": "quiz", "question": "A ___ B", "answer": "leads to", "learners": 1, "right": 0}]
    assert (shape["map"], shape["learners"]) == (saved.map_id, 2)


def test_only_the_teacher_key_reads_results_and_a_wrong_key_answers_as_an_unknown_map(database_url):
    saved = a_map(database_url)
    with pytest.raises(store.WrongKey) as wrong:
        results.class_results(saved.map_id, "not-the-key-at-all", url=database_url)
    with pytest.raises(store.WrongKey) as unknown:
        results.class_results("NoSuchMapAtAll1", saved.key, url=database_url)
    assert str(wrong.value) == str(unknown.value)
    with pytest.raises(store.MapNotFound, match="no version 7"):
        results.class_results(saved.map_id, saved.key, version=7, url=database_url)


def test_a_learner_sees_and_deletes_only_their_own_hand_ins(database_url):
    url, saved = database_url, a_map(database_url)
    ann, bob = results.join(saved.map_id, "Ann", url=url), results.join(saved.map_id, "Bob", url=url)
    mine = hand_in_map(url, saved.map_id, ann, [P("A", "leads to", "B")])
    theirs = hand_in_map(url, saved.map_id, bob, [P("B", "causes", "C")])
    assert [h.id for h in results.my_hand_ins(saved.map_id, ann, url=url)] == [mine]
    assert results.delete_hand_in(saved.map_id, ann, theirs, url=url) is False
    assert results.my_hand_ins(saved.map_id, "made-up-token-0123456789", url=url) == []
    assert results.delete_hand_in(saved.map_id, ann, mine, url=url) is True
    assert results.my_hand_ins(saved.map_id, ann, url=url) == []
    assert [h.id for h in results.my_hand_ins(saved.map_id, bob, url=url)] == [theirs]
    # A token of one map is nobody on another.
    other = a_map(url)
    with pytest.raises(results.UnknownLearner):
        hand_in_map(url, other.map_id, ann, [P("A", "leads to", "B")])


def test_nicknames_are_plain_bounded_and_unique_in_a_class(database_url):
    url, saved = database_url, a_map(database_url)
    token = results.join(saved.map_id, "  Ada   Lovelace ", url=url)
    assert results.nickname_of(saved.map_id, token, url=url) == "Ada Lovelace"
    with pytest.raises(results.NicknameTaken):
        results.join(saved.map_id, "ADA lovelace", url=url)
    for bad in ("", "   ", "x" * 41, "Eve\u202egnp.exe", "a\x07b"):
        with pytest.raises(ValidationError):
            results.join(saved.map_id, bad, url=url)
    # Markup is kept as the text it is: the page shows it escaped.
    script = results.join(saved.map_id, "<script>alert(1)</script>", url=url)
    assert results.nickname_of(saved.map_id, script, url=url) == "<script>alert(1)</script>"
    assert results.rename(saved.map_id, token, "Ada", url=url) == "Ada"
    assert results.nickname_of(saved.map_id, token, url=url) == "Ada"
    with pytest.raises(store.MapNotFound):
        results.join("NoSuchMapAtAll1", "Ann", url=url)


def test_hand_ins_are_rate_limited_per_learner(database_url, monkeypatch):
    monkeypatch.setenv("KG_MAX_HANDINS_PER_MINUTE", "2")  # read when used
    url, saved = database_url, a_map(database_url)
    ann, bob = results.join(saved.map_id, "Ann", url=url), results.join(saved.map_id, "Bob", url=url)
    hand_in_map(url, saved.map_id, ann, [P("A", "leads to", "B")])
    hand_in_map(url, saved.map_id, ann, [P("A", "leads to", "B")])
    with pytest.raises(results.TooManyHandIns):
        hand_in_map(url, saved.map_id, ann, [P("A", "leads to", "B")])
    hand_in_map(url, saved.map_id, bob, [P("A", "leads to", "B")])  # another learner is not held up
    assert len(results.my_hand_ins(saved.map_id, ann, url=url)) == 2


def test_results_are_per_version_and_per_day(database_url):
    url, saved = database_url, a_map(database_url)
    ann = results.join(saved.map_id, "Ann", url=url)
    hand_in_map(url, saved.map_id, ann, [P("A", "leads to", "B")])
    assert store.add_version(saved.map_id, saved.key, [("edges.csv", STAR.encode())], url=url) == 2
    hand_in_map(url, saved.map_id, ann, [P("Hub", "can cause", "L01")], version=2)
    newest = results.class_results(saved.map_id, saved.key, url=url)
    assert newest.version == 2 and newest.group.links[0].counts["match"] == 1 and len(newest.group.links) == 10
    first = results.class_results(saved.map_id, saved.key, version=1, url=url)
    assert first.group.links[0].counts["match"] == 1 and len(first.group.links) == 4
    sql(
        url,
        "UPDATE hand_ins SET created_at = :when WHERE version_id IN (SELECT id FROM map_versions WHERE number = 1)",
        when=dt.datetime(2026, 1, 5, 10, tzinfo=dt.UTC),
    )
    day = dt.date(2026, 1, 5)
    assert results.class_results(saved.map_id, saved.key, 1, since=day, until=day, url=url).learners == ["Ann"]
    assert results.class_results(saved.map_id, saved.key, 1, since=day + dt.timedelta(days=1), url=url).learners == []
    with pytest.raises(store.MapNotFound):
        hand_in_map(url, saved.map_id, ann, [P("A", "leads to", "B")], version=9)


def test_work_on_a_version_counts_on_its_restored_copy_and_the_other_way_round(database_url):
    # A teacher restoring version 1 in class (as version 3) saw "0 learners": the work was on version 1.
    url, saved = database_url, a_map(database_url)
    ann, bob = results.join(saved.map_id, "Ann", url=url), results.join(saved.map_id, "Bob", url=url)
    hand_in_map(url, saved.map_id, ann, [P("A", "leads to", "B")])
    store.add_version(saved.map_id, saved.key, [("edges.csv", STAR.encode())], url=url)
    hand_in_map(url, saved.map_id, bob, [P("Hub", "can cause", "L01")], version=2)
    assert store.restore(saved.map_id, saved.key, 1, url=url) == 3
    assert results.learner_count(saved.map_id, saved.key, url=url) == 1  # Ann, on version 1 = version 3
    restored = results.class_results(saved.map_id, saved.key, url=url)
    assert restored.version == 3 and restored.learners == ["Ann"] and restored.group.links[0].counts["match"] == 1
    cid = results.join(saved.map_id, "Cid", url=url)
    hand_in_map(url, saved.map_id, cid, [P("A", "leads to", "B")], version=3)
    assert results.class_results(saved.map_id, saved.key, version=1, url=url).learners == ["Ann", "Cid"]
    assert results.class_results(saved.map_id, saved.key, version=2, url=url).learners == ["Bob"]


def test_old_hand_ins_are_dropped_and_deleting_a_map_deletes_its_results(database_url, monkeypatch):
    url, saved = database_url, a_map(database_url)
    ann = results.join(saved.map_id, "Ann", url=url)
    hand_in_map(url, saved.map_id, ann, [P("A", "leads to", "B")])
    hand_in_map(url, saved.map_id, ann, [P("B", "causes", "C")])
    long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=results.RESULTS_DAYS + 1)
    sql(url, "UPDATE hand_ins SET created_at = :when WHERE id = (SELECT MIN(id) FROM hand_ins)", when=long_ago)
    assert len(results.my_hand_ins(saved.map_id, ann, url=url)) == 1  # not shown once expired…
    assert results.purge_expired(url=url) == 1  # …and deleted
    assert sql(url, "SELECT COUNT(*) FROM hand_ins")[0][0] == 1
    sql(url, "DELETE FROM maps WHERE id = :id", id=saved.map_id)
    assert sql(url, "SELECT COUNT(*) FROM hand_ins")[0][0] == 0
    assert sql(url, "SELECT COUNT(*) FROM learners")[0][0] == 0


def test_sixty_learners_handing_in_at_once_are_all_kept(database_url):
    url, saved = database_url, a_map(database_url)
    store.engine(url).pool.dispose()

    def learner(number: int) -> int:
        token = results.join(saved.map_id, f"Learner {number}", url=url)
        return hand_in_map(url, saved.map_id, token, [P("A", "leads to", "B"), P("C", "worsens", "D")])

    with ThreadPoolExecutor(max_workers=12) as pool:  # twelve writers at a time, each with its own connection
        ids = list(pool.map(learner, range(60)))
    assert len(set(ids)) == 60
    found = results.class_results(saved.map_id, saved.key, url=url)
    assert len(found.learners) == 60
    assert found.group.links[0].counts["match"] == 60 and found.group.links[2].counts["match"] == 60


def test_submit_hands_in_a_file_under_a_new_nickname_or_for_the_teacher(database_url):
    url, saved = database_url, a_map(database_url)
    assert results.submit_map(saved.map_id, "Ann", [P("A", "leads to", "B")], url=url) == (1, 1.0)
    with pytest.raises(results.NicknameTaken):
        results.submit_map(saved.map_id, "ann", [P("B", "causes", "A")], url=url)
    results.submit_map(saved.map_id, "ann", [P("B", "causes", "A")], key=saved.key, url=url)
    found = results.class_results(saved.map_id, saved.key, url=url)
    assert found.learners == ["Ann"] and found.group.links[0].learners == {"Ann": "reversed"}


def test_a_database_of_the_first_schema_is_upgraded_and_keeps_its_maps(database_url):
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine, inspect

    old = create_engine(database_url)
    config = Config()
    config.set_main_option("script_location", str(store.MIGRATIONS))
    with old.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        connection.execute(
            text("INSERT INTO maps (id, key_hash, created_at) VALUES ('OldMapOfLastYear', :hash, :now)"),
            {"hash": store._hash("old-key"), "now": dt.datetime.now(dt.UTC)},
        )
    assert "hand_ins" not in inspect(old).get_table_names()
    old.dispose()
    store.engine(database_url)  # an app process opening the database migrates it
    assert {"learners", "hand_ins"} <= set(inspect(store.engine(database_url)).get_table_names())
    assert (
        sql(database_url, "SELECT version_num FROM alembic_version")[0][0] == "0003"
    )  # the newest: hand-ins (0002), then version notes (0003)
    assert sql(database_url, "SELECT id FROM maps")[0][0] == "OldMapOfLastYear"
