"""The command line, run as a person would: ``python -m graph check|show|path|export``.

Every command is started once, all at the same time, by the ``runs`` fixture; each test reads one result.
A few more cases call ``main`` in-process, which is quicker and exercises the same code.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pytest

from graph.__main__ import main
from graph.files.load import load_graph, load_graph_bytes
from tests.conftest import HEADER

REPO = Path(__file__).resolve().parents[2]
ARTICLE = "data/edges.csv"
BAD = Path(__file__).resolve().parents[1] / "fixtures" / "bad"
EXPORTS = ("graphml", "gexf", "json", "csv", "html")
SUBPROCESS_EXPORTS = ("csv", "html")  # the others run in-process: each subprocess costs a second of imports


@dataclass
class Run:
    code: int
    out: str
    err: str


def commands(tmp: Path) -> dict[str, list[str]]:
    (tmp / "apart").mkdir()
    (tmp / "apart" / "edges.csv").write_text(HEADER + "A,cause,leads to,B,condition,,,\nC,cause,leads to,D,condition,,,\n")
    found = {
        "check": ["check", ARTICLE],
        "check bad": ["check", str(BAD / "all_problems.csv")],
        "check binary": ["check", str(BAD / "binary_junk.csv")],
        "show typo": ["show", ARTICLE, "levadopa"],
        "show unknown": ["show", ARTICLE, "dopamin shortage"],
        "path": ["path", ARTICLE, "cocaine use", "tremors"],
        "path apart": ["path", str(tmp / "apart" / "edges.csv"), "A", "D"],
    }
    for fmt in SUBPROCESS_EXPORTS:
        found[f"export {fmt}"] = ["export", ARTICLE, "--format", fmt, "-o", str(tmp / f"article.{fmt}")]
    return found


@pytest.fixture(scope="module")
def tmp(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cli")


@pytest.fixture(scope="module")
def runs(tmp) -> dict[str, Run]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    started = {
        name: subprocess.Popen(
            [sys.executable, "-m", "graph", *args],
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        for name, args in commands(tmp).items()
    }
    results = {}
    for name, process in started.items():
        out, err = process.communicate(timeout=120)
        results[name] = Run(process.returncode, out, err)
    return results


def no_traceback(run: Run) -> None:
    assert "Traceback" not in run.out + run.err


@pytest.fixture
def run_main(capsys, monkeypatch):
    """``main(args)`` in-process, from the repository root, as a :class:`Run`."""
    monkeypatch.chdir(REPO)

    def run(*args: str) -> Run:
        code = main(list(args))
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


# --- check --------------------------------------------------------------------------------


def test_check_the_article(runs):
    run = runs["check"]
    assert run.code == 0, run.err
    with open(REPO / ARTICLE, encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    with open(REPO / "data" / "nodes.csv", encoding="utf-8", newline="") as file:
        described = {row["concept"] for row in csv.DictReader(file)}
    concepts = {row["source"] for row in rows} | {row["target"] for row in rows} | described
    assert run.out.splitlines()[0] == f"{ARTICLE} is valid: {len(concepts)} concepts, {len(rows)} links."
    assert "Concepts per type:" in run.out and "Links per relation (top 10):" in run.out
    assert run.err == ""


def test_check_a_bad_file_lists_every_problem(runs):
    run = runs["check bad"]
    assert run.code == 1
    no_traceback(run)
    assert run.out == ""
    assert "all_problems.csv cannot be used as it is." in run.err
    assert "6 problems found:" in run.err
    problems = [line for line in run.err.splitlines() if line.startswith("- all_problems.csv")]
    assert len(problems) == 6
    for where in (
        "row 3, column 'relation'",
        "row 4, column 'target'",
        "row 5:",
        "row 6, column 'sources'",
        "row 6, column 'target_type'",
        "row 7, column 'source'",
    ):
        assert any(where in line for line in problems), where


def test_check_a_binary_file(runs):
    run = runs["check binary"]
    assert run.code == 1
    no_traceback(run)
    assert "binary_junk.csv: this is not a text file" in run.err


def test_check_a_missing_file(run_main, tmp_path):
    run = run_main("check", str(tmp_path / "no such file.csv"))
    assert run.code == 1
    assert "no such file.csv: cannot be read" in run.err


# --- show ---------------------------------------------------------------------------------


def test_show_forgives_a_typo(runs):
    run = runs["show typo"]
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert lines[0] == "Levodopa (treatment, how to treat: Parkinson's medicines)"
    assert "Links out (2):" in lines
    assert "  Levodopa → is an example of → Parkinson's medications" in lines
    assert "  Levodopa → may help raise → Dopamine levels" in lines
    assert "Links in (0):" in lines


def test_show_with_depth_lists_concepts_further_away(run_main):
    run = run_main("show", ARTICLE, "Cocaine use", "--depth", "2")
    assert run.code == 0, run.err
    assert "Cocaine use (cause, drugs)" in run.out
    line = next(line for line in run.out.splitlines() if line.startswith("2 links away"))
    # Two links from cocaine: through dopamine deficiency, its symptoms; through the receptors, the brain's response.
    assert "Tremors" in line and "Brain's response to dopamine" in line
    assert "Dopamine deficiency," not in line


def test_unknown_concept_exits_non_zero_with_suggestions(runs):
    run = runs["show unknown"]
    assert run.code != 0
    no_traceback(run)
    assert "No concept is called 'dopamin shortage'. Did you mean" in run.err
    assert "'Dopamine'" in run.err


def test_path_with_an_unknown_end(run_main):
    run = run_main("path", ARTICLE, "Cocaine use", "xyzzy plugh")
    assert run.code != 0
    assert "No concept is called 'xyzzy plugh'." in run.err


# --- path ---------------------------------------------------------------------------------


def test_path_found(runs):
    run = runs["path"]
    assert run.code == 0, run.err
    assert run.out.startswith("1 shortest path of 2 links.")
    assert "  Cocaine use → may cause → Dopamine deficiency\n" in run.out
    assert "  Dopamine deficiency → can cause → Tremors\n" in run.out


def test_path_not_found(runs):
    run = runs["path apart"]
    assert run.code == 3
    no_traceback(run)
    assert "'A' and 'D' are not connected in this graph." in run.out
    assert "From 'A' one can reach: B" in run.out
    assert "From 'D' one can reach: C" in run.out


# --- export -------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", EXPORTS)
def test_export_each_format(runs, run_main, tmp, fmt):
    target = tmp / f"article.{fmt}"
    run = runs[f"export {fmt}"] if fmt in SUBPROCESS_EXPORTS else run_main("export", ARTICLE, "--format", fmt, "-o", str(target))
    assert run.code == 0, run.err
    assert f"Wrote {target} ({fmt}, " in run.out
    data = target.read_bytes()
    article = load_graph(REPO / ARTICLE)
    if fmt == "graphml":
        assert nx.read_graphml(io.BytesIO(data)).number_of_edges() == len(article.links)
    elif fmt == "gexf":
        assert nx.read_gexf(io.BytesIO(data)).number_of_edges() == len(article.links)
    elif fmt == "json":
        assert len(json.loads(data)["links"]) == len(article.links)
    elif fmt == "csv":
        again = load_graph_bytes(data, "article.csv")
        assert again.links["relation"].tolist() == article.links["relation"].tolist()
    else:
        page = data.decode("utf-8")
        assert page.startswith("<!doctype html>") and "vis.Network" in page


def test_export_to_a_missing_folder(run_main, tmp_path):
    run = run_main("export", ARTICLE, "--format", "csv", "-o", str(tmp_path / "no such folder" / "x.csv"))
    assert run.code == 1
    assert "Cannot write" in run.err


def test_path_to_itself(run_main):
    run = run_main("path", ARTICLE, "Tremors", "tremors")
    assert run.code == 0
    assert run.out == "'Tremors' and 'Tremors' are the same concept.\n"
