"""The package's metadata (pyproject.toml) against the pinned requirements files and the code it names."""

from __future__ import annotations

import importlib
import tomllib
from pathlib import Path

from deploy.local import REPO_ROOT

REPO = Path(__file__).resolve().parent.parent


def _pins(path: Path) -> list[str]:
    """The requirement lines of a requirements file, without comments or ``-r`` includes."""
    lines = (line.split("#")[0].strip() for line in path.read_text().splitlines())
    return [line for line in lines if line and not line.startswith("-")]


def _project() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text())


def test_dev_extra_pins_what_requirements_dev_pins():
    assert sorted(_project()["project"]["optional-dependencies"]["dev"]) == sorted(_pins(REPO / "requirements-dev.txt"))


def test_running_dependencies_are_read_from_requirements_txt_and_every_one_is_pinned():
    setuptools = _project()["tool"]["setuptools"]
    assert setuptools["dynamic"]["dependencies"] == {"file": ["requirements.txt"]}
    pins = _pins(REPO / "requirements.txt")
    assert pins and all("==" in pin for pin in pins)


def test_the_kg_command_is_the_command_line_main():
    module_name, _, function = _project()["project"]["scripts"]["kg"].partition(":")
    main = getattr(importlib.import_module(module_name), function)
    assert main(["check", str(REPO / "data" / "edges.csv")]) == 0


def test_the_server_starter_runs_apps_from_the_repository():
    assert REPO_ROOT == REPO and (REPO_ROOT / "app.py").is_file()
