"""``python -m graph draft TEXT -o DRAFT.csv``: a links CSV that ``check`` accepts, or a message and no file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from graph.__main__ import main
from graph.files.load import load_graph

REPO = Path(__file__).resolve().parents[2]
TEXT = """# Scurvy

Scurvy can be caused by a poor diet. It can cause bleeding gums and tiredness.

Treatments for scurvy include:

- Vitamin C tablets
- Fresh fruit
"""


def test_the_draft_is_written_as_a_links_csv_that_check_accepts(tmp_path, capsys):
    text = tmp_path / "scurvy.md"
    text.write_text(TEXT)
    out = tmp_path / "draft.csv"
    assert main(["draft", str(text), "-o", str(out)]) == 0
    assert "Wrote" in capsys.readouterr().out
    assert main(["check", str(out)]) == 0
    kg = load_graph(out)
    assert kg.links[["source", "relation", "target", "section"]].values.tolist() == [
        ["Poor diet", "can cause", "Scurvy", "Scurvy"],
        ["Scurvy", "can cause", "Bleeding gums", "Scurvy"],
        ["Scurvy", "can cause", "Tiredness", "Scurvy"],
        ["Vitamin C tablets", "treats", "Scurvy", "Scurvy"],
        ["Fresh fruit", "treats", "Scurvy", "Scurvy"],
    ]
    assert kg.links["explanation"].iloc[0] == "Scurvy can be caused by a poor diet."


def test_bad_texts_exit_1_with_a_message_and_write_nothing(tmp_path, capsys):
    cases = {
        "empty.txt": b"",
        "report.txt": b"%PDF-1.4 binary",
        "numbers.txt": b"1 2 3\n\n4.5",
        "cat.txt": b"The cat sat on the mat.",
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        out = tmp_path / f"{name}.csv"
        assert main(["draft", str(tmp_path / name), "-o", str(out)]) == 1, name
        assert not out.exists()
    err = capsys.readouterr().err
    for says in ("the text is empty", "not plain text", "no sentences found", "No links found"):
        assert says in err
    assert "Traceback" not in err


def test_a_huge_text_is_refused_before_it_is_read(tmp_path):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as file:
        file.truncate(50 * 1024 * 1024)  # 50 MB, sparse: the size alone refuses it
    done = subprocess.run(
        [sys.executable, "-m", "graph", "draft", str(huge), "-o", str(tmp_path / "out.csv")],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1 and "the text is 52.4 MB" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "out.csv").exists()


def test_the_draft_never_overwrites_its_text(tmp_path, capsys):
    text = tmp_path / "notes.txt"
    text.write_text(TEXT)
    assert main(["draft", str(text), "-o", str(text)]) == 1
    assert text.read_text() == TEXT
