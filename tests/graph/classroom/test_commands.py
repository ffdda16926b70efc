"""``python -m graph submit`` and ``python -m graph results`` (graph/classroom/commands.py), in-process, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.__main__ import main
from graph.classroom import store
from tests.conftest import PATH

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture
def cli(database_url, monkeypatch, capsys):
    monkeypatch.setenv("KG_DATABASE_URL", database_url)
    monkeypatch.chdir(REPO)

    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        captured = capsys.readouterr()
        assert "Traceback" not in captured.out + captured.err
        return code, captured.out, captured.err

    return run


@pytest.fixture
def chain(database_url):
    return store.publish([("edges.csv", PATH.encode())], "Chain", url=database_url)


def learner(saved) -> str:
    # A map id may start with "-", which argparse would take for an option: the link never does.
    return store.learner_link(saved.map_id)


def learner_file(tmp_path: Path, name: str, rows: str) -> str:
    path = tmp_path / name
    path.write_text("source,relation,target\n" + rows, encoding="utf-8")
    return str(path)


def test_submit_then_results_as_json(cli, chain, tmp_path):
    ann = learner_file(tmp_path, "ann.csv", "A,leads to,B\nC,causes,B\nX,causes,Y\n")
    bob = learner_file(tmp_path, "bob.csv", "a,leads to,b\n")
    link = store.learner_link(chain.map_id)
    code, out, _ = cli("submit", link, ann, "--name", "Ann")
    assert code == 0 and "as Ann on version 1" in out
    assert cli("submit", learner(chain), bob, "--name", "Bob")[0] == 0
    code, out, _ = cli("results", store.teacher_link(chain.map_id, chain.key), "--json")
    assert code == 0
    found = json.loads(out)
    assert (found["map"], found["version"], found["learners"], found["quiz"]) == (chain.map_id, 1, 2, [])
    assert found["links"][0] == {
        "source": "A",
        "relation": "leads to",
        "target": "B",
        "match": 2,
        "overstated": 0,
        "reversed": 0,
        "different relation": 0,
        "missing": 0,
    }
    assert found["links"][1]["reversed"] == 1
    assert found["extra"] == [{"source": "X", "relation": "causes", "target": "Y", "learners": 1}]
    code, out, _ = cli("results", learner(chain), f"--key={chain.key}")
    assert code == 0 and "2 learner(s)" in out and "X causes Y: 1 learner(s)" in out


def test_results_need_the_teacher_key_and_a_wrong_one_answers_as_an_unknown_map(cli, chain):
    code, _, err = cli("results", learner(chain))
    assert code == 2 and "teacher link" in err
    wrong = cli("results", learner(chain), "--key", "x" * 43)
    unknown = cli("results", "NoSuchMapAtAll1", f"--key={chain.key}")
    assert wrong[0] == unknown[0] == 1 and wrong[2] == unknown[2]
    code, _, err = cli("results", learner(chain), f"--key={chain.key}", "--version", "4")
    assert code == 1 and "no version 4" in err


def test_a_bad_learner_file_is_reported_and_nothing_is_handed_in(cli, chain, tmp_path):
    bad = learner_file(tmp_path, "bad.csv", "A,leads to,B\nB,,C\n")
    code, _, err = cli("submit", learner(chain), bad, "--name", "Ann")
    assert code == 1 and "bad.csv, row 3, column 'relation'" in err and "nothing was handed in" in err
    code, _, err = cli("submit", "NoSuchMapAtAll1", bad.replace("bad", "none"), "--name", "Ann")
    assert code == 1 and "Cannot read" in err
    good = learner_file(tmp_path, "good.csv", "A,leads to,B\n")
    code, _, err = cli("submit", "NoSuchMapAtAll1", good, "--name", "Ann")
    assert code == 1 and "No map has this link" in err
    assert json.loads(cli("results", learner(chain), f"--key={chain.key}", "--json")[1])["learners"] == 0


def test_a_nickname_in_the_class_needs_the_teacher_key(cli, chain, tmp_path):
    first = learner_file(tmp_path, "one.csv", "B,causes,A\n")
    second = learner_file(tmp_path, "two.csv", "A,leads to,B\n")
    assert cli("submit", learner(chain), first, "--name", "Ann")[0] == 0
    code, _, err = cli("submit", learner(chain), second, "--name", "ANN")
    assert code == 1 and "already called" in err
    assert cli("submit", store.teacher_link(chain.map_id, chain.key), second, "--name", "ANN")[0] == 0
    found = json.loads(cli("results", learner(chain), f"--key={chain.key}", "--json")[1])
    assert found["learners"] == 1 and found["links"][0]["match"] == 1
