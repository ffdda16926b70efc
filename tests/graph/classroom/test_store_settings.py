"""graph/classroom/store.py reads its limits (KG_*) when it uses them, not once at import."""

from __future__ import annotations

import pytest

from graph.classroom import store
from graph.files.load import ValidationError
from tests.conftest import SHORT_HEADER

FILES = [("edges.csv", (SHORT_HEADER + "A,idea,leads to,B,idea\nB,idea,leads to,C,idea\nC,idea,leads to,D,idea\n").encode())]


def test_the_row_limit_is_the_setting_when_a_map_is_checked(monkeypatch):
    assert sorted(store.validate(FILES).graph) == ["A", "B", "C", "D"]
    monkeypatch.setenv("KG_MAX_ROWS", "2")
    assert store.MAX_ROWS == 2
    with pytest.raises(ValidationError, match="the limit here is 2"):
        store.validate(FILES)
    assert sorted(store.validate(FILES, max_rows=None).graph) == ["A", "B", "C", "D"]  # None: no limit


def test_the_size_limits_are_the_settings_when_read(monkeypatch):
    monkeypatch.setenv("KG_MAX_UPLOAD_MB", "0.01")
    monkeypatch.setenv("KG_MAX_STORAGE_MB", "3.5")
    assert (store.MAX_MB, store.MAX_STORAGE_MB) == (0.01, 3.5)
    with pytest.raises(ValidationError, match="the limit here is 0.01 MB"):
        store.validate([("edges.csv", FILES[0][1] + b"D,idea,leads to,E,idea\n" * 1000)])
    with pytest.raises(AttributeError):
        store.NO_SUCH_LIMIT  # noqa: B018
