"""Importing the page's components writes nothing (explorer/components/graph_view): vis-network is copied
into ``static/`` when a view is first drawn, beside the script being run, not on import."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _files(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(folder).as_posix(): (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*")}


@pytest.mark.parametrize("module", ["explorer.components.graph_view", "explorer.components.map_builder"])
def test_importing_a_component_writes_nothing(module, tmp_path):
    # A copy of the packages in a folder of their own, so that the folder the component would write to
    # (static/ beside the package, where the code once did) starts empty whatever other tests did.
    for package in ("graph", "explorer"):
        shutil.copytree(REPO / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    before = _files(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", f"import {module}"],
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path), "PYTHONDONTWRITEBYTECODE": "1"},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert _files(tmp_path) == before
    assert not (tmp_path / "static").exists()
