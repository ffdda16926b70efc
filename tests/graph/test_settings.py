"""``graph.settings``: every KG_* variable read and checked in one place; a bad value is said plainly, never fatal."""

from __future__ import annotations

import pytest

from graph.settings import SETTINGS, problems, value


@pytest.mark.parametrize("raw", ["150.0", "lots", "-3", "1", "1e3", "9" * 5000, " ", "²"])
def test_a_view_cap_that_is_not_a_whole_number_in_range_is_reported_and_the_default_used(raw):
    environ = {"KG_VIEW_CAP": raw}
    assert value("KG_VIEW_CAP", environ) == 150
    (message,) = problems(environ)
    assert message.startswith("KG_VIEW_CAP is ") and "a whole number from 2 to 2000" in message and message.endswith("using 150.")
    assert len(message) < 200  # a huge value is cut, not echoed whole


def test_good_values_are_read_and_unset_ones_take_their_defaults():
    environ = {
        "KG_VIEW_CAP": "80",
        "KG_MAX_ROWS": "1_000",
        "KG_MAX_UPLOAD_MB": "2.5",
        "KG_PUBLIC_URL": "https://school.example/maps",
    }
    assert value("KG_VIEW_CAP", environ) == 80
    assert value("KG_MAX_ROWS", environ) == 1000
    assert value("KG_MAX_UPLOAD_MB", environ) == 2.5
    assert value("KG_PUBLIC_URL", environ) == "https://school.example/maps/"
    assert value("KG_DATABASE_URL", environ) is None
    assert problems(environ) == []


@pytest.mark.parametrize(
    ("name", "raw"),
    [
        ("KG_MAX_UPLOAD_MB", "nan"),
        ("KG_MAX_UPLOAD_MB", "inf"),
        ("KG_MAX_ROWS", "0"),
        ("KG_PUBLIC_URL", "localhost:8501"),
        ("KG_MAX_SAVES_PER_MINUTE", "many"),
    ],
)
def test_each_kind_of_bad_value_names_the_variable_and_what_it_accepts(name, raw):
    (message,) = problems({name: raw})
    assert message.startswith(f"{name} is {raw!r}, but it takes {SETTINGS[name].accepts}")
    assert value(name, {name: raw}) == SETTINGS[name].default
