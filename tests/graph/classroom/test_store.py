"""graph/classroom/store.py against a real database: each test runs on SQLite and again on PostgreSQL (see ``database_url``)."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from graph.classroom import store
from graph.files.load import ValidationError, load_files
from tests.conftest import HEADER, PATH, STAR

REPO = Path(__file__).resolve().parents[3]
EDGES = [("edges.csv", PATH.encode())]
TOUR = b"step,concept,caption\n1,A,Where it starts\n2,B,What follows\n"


def rows(url: str, table: str) -> int:
    engine = create_engine(url)
    with engine.connect() as connection:
        count = connection.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one()
    engine.dispose()
    return count


def test_migrations_build_the_schema_from_an_empty_database(database_url):
    store.engine(database_url)
    found = inspect(create_engine(database_url))
    assert {"maps", "map_versions", "map_files", "alembic_version"} <= set(found.get_table_names())
    with create_engine(database_url).connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == "0003"
    # A second process (here: a forgotten engine) finds the schema current and migrates nothing.
    store.dispose(database_url)
    saved = store.publish(EDGES, "Again", url=database_url)
    assert store.open_map(saved.map_id, url=database_url).title == "Again"


def test_a_published_map_opens_as_the_same_graph(database_url):
    files = (("edges.csv", PATH.encode()), ("tour-start.csv", TOUR))
    saved = store.publish(files, "  Chain of causes ", "A to E", url=database_url)
    opened = store.open_map(saved.map_id, url=database_url)
    assert (opened.number, opened.latest, opened.title, opened.description) == (1, 1, "Chain of causes", "A to E")
    assert opened.files == files
    assert load_files(opened.files).links.equals(load_files(files).links)


def test_ids_and_keys_are_long_random_and_the_key_is_stored_only_hashed(database_url):
    saved = [store.publish(EDGES, f"Map {i}", url=database_url) for i in range(3)]
    assert len({s.map_id for s in saved}) == 3 and len({s.key for s in saved}) == 3
    assert all(len(s.map_id) >= 16 and len(s.key) >= 43 for s in saved)
    engine = create_engine(database_url)
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT id, key_hash FROM maps")).all()
    engine.dispose()
    for map_id, key_hash in stored:
        key = next(s.key for s in saved if s.map_id == map_id)
        assert key not in key_hash and key_hash == store._hash(key)


def test_every_save_is_a_new_version_and_old_ones_stay(database_url):
    saved = store.publish(EDGES, "First", url=database_url)
    star = [("edges.csv", STAR.encode())]
    assert store.add_version(saved.map_id, saved.key, star, url=database_url) == 2
    assert store.add_version(saved.map_id, saved.key, EDGES, "Third", "now described", url=database_url) == 3
    latest = store.open_map(saved.map_id, url=database_url)
    assert (latest.number, latest.title, latest.description) == (3, "Third", "now described")
    second = store.open_map(saved.map_id, 2, url=database_url)
    assert (second.number, second.latest, second.title, second.files) == (2, 3, "First", tuple(star))
    assert store.open_map(saved.map_id, 1, url=database_url).files == tuple(EDGES)
    listed = store.versions(saved.map_id, saved.key, url=database_url)
    assert [(v.number, v.title, v.links) for v in listed] == [(3, "Third", 4), (2, "First", 10), (1, "First", 4)]


def test_restoring_saves_a_copy_of_the_old_version_as_the_newest(database_url):
    saved = store.publish(EDGES, "Path", url=database_url)
    store.add_version(saved.map_id, saved.key, [("edges.csv", STAR.encode())], "Star", url=database_url)
    assert store.restore(saved.map_id, saved.key, 1, url=database_url) == 3
    newest = store.open_map(saved.map_id, url=database_url)
    assert (newest.number, newest.title, newest.files) == (3, "Path", tuple(EDGES))
    assert store.open_map(saved.map_id, 2, url=database_url).title == "Star"  # nothing overwritten
    assert store.versions(saved.map_id, saved.key, url=database_url)[0].restored_from == 1
    with pytest.raises(store.MapNotFound, match="no version 9"):
        store.restore(saved.map_id, saved.key, 9, url=database_url)
    assert store.open_map(saved.map_id, url=database_url).latest == 3


def test_a_wrong_key_and_an_unknown_map_get_the_same_answer(database_url):
    saved = store.publish(EDGES, "Secret", url=database_url)
    answers = []
    for map_id, key in ((saved.map_id, saved.key[:-1] + "x"), ("A" * 16, saved.key), (saved.map_id, ""), ("bad id!", "k")):
        assert not store.check_key(map_id, key, url=database_url)
        for attempt, extra in ((store.add_version, (EDGES,)), (store.restore, (1,)), (store.versions, ())):
            with pytest.raises(store.WrongKey) as caught:
                attempt(map_id, key, *extra, url=database_url)
            answers.append(str(caught.value))
    assert len(set(answers)) == 1
    assert store.check_key(saved.map_id, saved.key, url=database_url)
    assert store.open_map(saved.map_id, url=database_url).latest == 1


@pytest.mark.parametrize("map_id", ["", "short", "A" * 16, "x" * 65, "../../etc/passwd", "abc' OR '1'='1"])
def test_an_unknown_or_mistyped_id_is_a_plain_message(database_url, map_id):
    store.publish(EDGES, "Exists", url=database_url)
    with pytest.raises(store.MapNotFound, match="No map has this link"):
        store.open_map(map_id, url=database_url)


def test_a_version_that_does_not_exist_says_which_do(database_url):
    saved = store.publish(EDGES, "One", url=database_url)
    with pytest.raises(store.MapNotFound, match="no version 4; it has versions 1 to 1"):
        store.open_map(saved.map_id, 4, url=database_url)


def test_a_refused_publish_stores_nothing_and_names_file_row_and_column(database_url):
    bad = HEADER + "A,cause,leads to,B,condition,,,\nB,condition,,C,symptom,,,\n"
    with pytest.raises(ValidationError) as caught:
        store.publish([("mine.csv", bad.encode())], "Broken", url=database_url)
    assert "mine.csv, row 3, column 'relation'" in caught.value.report()
    with pytest.raises(ValidationError, match="needs a title"):
        store.publish(EDGES, "   ", url=database_url)
    with pytest.raises(ValidationError, match="tour-x.csv"):
        store.publish(EDGES + [("tour-x.csv", b"step,concept,caption\n1,Nowhere,none\n")], "Tour", url=database_url)
    assert store.list_maps(url=database_url) == []
    assert rows(database_url, "maps") == rows(database_url, "map_versions") == rows(database_url, "map_files") == 0


def test_maps_are_limited_like_uploads(database_url):
    with pytest.raises(ValidationError, match="the limit here is 3"):
        store.publish(EDGES, "Too long", url=database_url, max_rows=3)
    with pytest.raises(ValidationError, match="the limit here is 0.0001 MB"):
        store.publish(EDGES, "Too big", url=database_url, max_mb=0.0001)
    saved = store.publish(EDGES, "Fits", url=database_url, max_rows=4)
    with pytest.raises(ValidationError, match="the limit here is 3"):
        store.add_version(saved.map_id, saved.key, EDGES, url=database_url, max_rows=3)
    assert store.open_map(saved.map_id, url=database_url).latest == 1


def test_list_maps_shows_each_map_once_with_its_newest_title(database_url):
    first = store.publish(EDGES, "Older", url=database_url)
    store.publish([("edges.csv", STAR.encode())], "Star", url=database_url)
    store.add_version(first.map_id, first.key, EDGES, "Renamed", url=database_url)
    listed = {m.map_id: (m.title, m.versions, m.links) for m in store.list_maps(url=database_url)}
    assert listed[first.map_id] == ("Renamed", 2, 4)
    assert sorted(t for t, *_ in listed.values()) == ["Renamed", "Star"]


def test_links_are_full_urls_on_the_public_base(monkeypatch):
    monkeypatch.setenv("KG_PUBLIC_URL", "https://maps.school.example/explorer")
    assert store.learner_link("abcDEF123_-abcde") == "https://maps.school.example/explorer/?map=abcDEF123_-abcde"
    assert store.learner_link("abcDEF123_-abcde", 2) == "https://maps.school.example/explorer/?map=abcDEF123_-abcde&v=2"
    assert store.teacher_link("abcDEF123_-abcde", "k-y_") == "https://maps.school.example/explorer/?map=abcDEF123_-abcde&key=k-y_"
    monkeypatch.delenv("KG_PUBLIC_URL")
    assert store.learner_link("abcDEF123_-abcde") == "http://localhost:8501/?map=abcDEF123_-abcde"


# --- a writer killed in the middle of a save -------------------------------

_WRITER = textwrap.dedent("""
    import sys, time
    from sqlalchemy import event
    from graph.classroom import store

    url, action, files_path = sys.argv[1:4]
    engine = store.engine(url)

    def pause(conn, cursor, statement, *args):
        # Inside the save's transaction, after a file's row is written: say so, and wait to be killed.
        if statement.lstrip().upper().startswith("INSERT INTO MAP_FILES"):
            print("inside the transaction", flush=True)
            time.sleep(120)

    event.listen(engine, "after_cursor_execute", pause)
    files = [("edges.csv", open(files_path, "rb").read())]
    if action == "publish":
        store.publish(files, "Killed while saving", url=url)
    else:
        map_id, key = sys.argv[4:6]
        store.add_version(map_id, key, files, "Killed while saving", url=url)
""")


def _big_map(tmp_path: Path, links: int = 20_000) -> Path:
    lines = [HEADER] + [f"Concept {i},concept,leads to,Concept {i + 1},concept,Section,Why {i},\n" for i in range(links)]
    path = tmp_path / "big.csv"
    path.write_text("".join(lines), "utf-8")
    return path


def _kill_mid_save(url: str, *args: str) -> None:
    writer = subprocess.Popen(
        [sys.executable, "-c", _WRITER, url, *args], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        line = writer.stdout.readline()
        assert line.strip() == "inside the transaction", writer.stderr.read()
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=30)
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait()
    assert writer.returncode == -signal.SIGKILL


def test_a_writer_killed_mid_publish_leaves_no_half_saved_map(database_url, tmp_path):
    store.engine(database_url)  # migrated first, so that only the save is cut short
    _kill_mid_save(database_url, "publish", str(_big_map(tmp_path)))
    store.dispose(database_url)
    assert store.list_maps(url=database_url) == []
    assert rows(database_url, "maps") == rows(database_url, "map_versions") == rows(database_url, "map_files") == 0
    if database_url.startswith("sqlite"):
        with create_engine(database_url).connect() as connection:
            assert connection.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
    assert store.open_map(store.publish(EDGES, "After", url=database_url).map_id, url=database_url).title == "After"


def test_a_writer_killed_mid_version_leaves_the_map_as_it_was(database_url, tmp_path):
    saved = store.publish(EDGES, "Before", url=database_url)
    _kill_mid_save(database_url, "version", str(_big_map(tmp_path)), saved.map_id, saved.key)
    store.dispose(database_url)
    opened = store.open_map(saved.map_id, url=database_url)
    assert (opened.number, opened.latest, opened.title, opened.files) == (1, 1, "Before", tuple(EDGES))
    assert rows(database_url, "map_files") == 1
    assert store.add_version(saved.map_id, saved.key, EDGES, url=database_url) == 2


# --- the command line: python -m graph publish / maps ------------------------


def cli(monkeypatch, capsys, database_url, *argv: str) -> tuple[int, list[str], str]:
    from graph.__main__ import main

    monkeypatch.setenv("KG_DATABASE_URL", database_url)
    monkeypatch.setenv("KG_PUBLIC_URL", "https://school.example/maps/")
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def test_cli_publish_prints_each_link_alone_on_its_line(database_url, monkeypatch, capsys, tmp_path):
    edges = tmp_path / "lesson.csv"
    edges.write_text(PATH, "utf-8")
    tour = tmp_path / "tour-start.csv"
    tour.write_bytes(TOUR)
    code, out, err = cli(monkeypatch, capsys, database_url, "publish", str(edges), str(tour), "--title", "Lesson 1")
    assert (code, err) == (0, "")
    links = [line for line in out if line.startswith("https://")]
    assert len(links) == 2 and all(" " not in link for link in links)
    learner, teacher = links
    assert learner.startswith("https://school.example/maps/?map=") and teacher.startswith(learner + "&key=")
    map_id, key = learner.split("map=")[1], teacher.split("key=")[1]
    assert store.check_key(map_id, key, url=database_url)
    assert [name for name, _ in store.open_map(map_id, url=database_url).files] == ["lesson.csv", "tour-start.csv"]

    code, out, err = cli(
        monkeypatch, capsys, database_url, "publish", str(edges), "--map", map_id, "--key", key, "--title", "Lesson 1b"
    )
    assert code == 0 and out[0] == f"Saved version 2 of map {map_id}." and teacher in out
    code, out, err = cli(monkeypatch, capsys, database_url, "publish", str(edges), "--map", map_id, "--key", key + "x")
    assert code == 1 and "edit key is wrong" in err and out == []
    code, out, err = cli(monkeypatch, capsys, database_url, "maps")
    assert code == 0 and len(out) == 2 and out[1].split()[:3] == [map_id, "2", "4"] and out[1].endswith("Lesson 1b")


def test_cli_refuses_a_bad_file_with_file_row_and_column_and_stores_nothing(database_url, monkeypatch, capsys, tmp_path):
    bad = tmp_path / "broken.csv"
    bad.write_text(HEADER + "A,cause,leads to,A,cause,,,\n", "utf-8")
    code, out, err = cli(monkeypatch, capsys, database_url, "publish", str(bad), "--title", "Broken")
    assert code == 1 and out == []
    assert "nothing was stored" in err and "broken.csv, row 2, column 'target'" in err and "Traceback" not in err
    code, out, err = cli(monkeypatch, capsys, database_url, "publish", str(tmp_path / "missing.csv"), "--title", "Gone")
    assert code == 1 and "Cannot read" in err
    code, out, err = cli(monkeypatch, capsys, database_url, "publish", str(bad))
    assert code == 2 and "needs a title" in err
    assert store.list_maps(url=database_url) == []
    assert cli(monkeypatch, capsys, database_url, "maps")[1] == [
        'No maps yet. Publish one with: python -m graph publish FILE --title "…"'
    ]


def test_cli_publishes_a_graphml_file(database_url, monkeypatch, capsys, tmp_path, path_kg):
    from graph.files.export import to_graphml

    graphml = tmp_path / "lesson.graphml"
    graphml.write_bytes(to_graphml(path_kg))
    code, out, _ = cli(monkeypatch, capsys, database_url, "publish", str(graphml), "--title", "From Gephi")
    assert code == 0
    map_id = out[2].split("map=")[1]
    assert (
        load_files(store.open_map(map_id, url=database_url).files)
        .links[["source", "target"]]
        .equals(path_kg.links[["source", "target"]])
    )


def test_cli_says_when_the_database_cannot_be_reached(monkeypatch, capsys, tmp_path):
    edges = tmp_path / "lesson.csv"
    edges.write_text(PATH, "utf-8")
    url = "postgresql+psycopg://teacher:secret@127.0.0.1:1/maps"
    code, out, err = cli(monkeypatch, capsys, url, "publish", str(edges), "--title", "Nowhere")
    assert code == 1 and "The maps database at postgresql+psycopg://teacher:***@127.0.0.1:1/maps cannot be used" in err
    assert "secret" not in err and "Traceback" not in err
    store.dispose(url)


def test_saves_at_the_same_time_each_get_their_own_version(database_url):
    import threading

    saved = store.publish(EDGES, "Busy", url=database_url)
    failures = []

    def save_three() -> None:
        try:
            for _ in range(3):
                store.add_version(saved.map_id, saved.key, EDGES, url=database_url)
        except Exception as err:  # collected, so that the assertion below names it
            failures.append(repr(err))

    writers = [threading.Thread(target=save_three) for _ in range(4)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    assert failures == []
    assert [v.number for v in store.versions(saved.map_id, saved.key, url=database_url)] == list(range(13, 0, -1))


def test_ids_and_keys_never_start_with_a_dash(monkeypatch):
    """A key such as "-x1…" was read by the command line as an option ("--key: expected one argument")."""
    drawn = iter(["-starts-with-a-dash", "-again", "fine_token"])
    monkeypatch.setattr(store.secrets, "token_urlsafe", lambda size: next(drawn))
    assert store.new_token(16) == "fine_token"
