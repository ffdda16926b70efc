"""The app-scale benchmark (bench/app_scale.py) on a small synthetic graph, and how the report judges it."""

from __future__ import annotations

import pytest

from bench import report
from bench.app_scale import measure_app_scale
from bench.synthetic import write_graph


@pytest.fixture(scope="module")
def measured(tmp_path_factory):
    return measure_app_scale(write_graph(2_000, tmp_path_factory.mktemp("app")), clicks=5)


def test_every_step_is_measured(measured):
    assert measured["links"] == 2_000
    assert measured["first_view_concepts"] > 1
    assert 0 < measured["upload_load_s"] <= measured["upload_to_picture_s"]
    assert 0 < measured["click_median_s"] <= measured["click_max_s"]
    assert 0 < measured["search_median_s"] <= measured["search_max_s"]
    assert measured["key_concepts_s"] > 0
    assert set(measured["export_s"]) == {"csv", "json", "graphml", "gexf"}
    assert all(size > 0.1 for size in measured["export_mb"].values())  # 2,000 links of text each


def _targets(app_scale: dict | None, classroom: dict | None = None) -> dict:
    results = {"sizes": [], "app_scale": app_scale, "classroom": classroom}
    return {row["key"]: row for row in report.targets(results)}


def test_the_report_judges_the_app_targets(measured):
    app = dict(measured, check_1m={"seconds": 4.2, "cpu_s": 4.0, "ok": True, "first_line": "valid"})
    rows = _targets(app)
    assert rows["check_1m"]["met"] is True and rows["check_1m"]["measured"] == "4.2 s (CPU 4.0 s)"
    slow = dict(app, check_1m=dict(app["check_1m"], seconds=5.5), export_s=dict(app["export_s"], gexf=6.0))
    rows = _targets(slow)
    assert rows["check_1m"]["met"] is False
    assert rows["app_export"]["met"] is False and "gexf 6.0 s" in rows["app_export"]["measured"]
    assert "## The app's steps at its largest graph" in report._app_section(app)[0]


def test_the_report_takes_the_better_setup_for_the_classroom_targets():
    def run(setup, learners, p95, errors=0):
        return {
            "setup": setup,
            "learners": learners,
            "moves": 100,
            "move_median_s": p95 / 2,
            "move_p95_s": p95,
            "move_max_s": p95 * 2,
            "error_count": errors,
            "errors": [],
            "first_page_median_s": 1.0,
            "first_page_p95_s": 2.0,
            "move_kb_median": 30.0,
            "load_average_start": [1, 1, 1],
            "load_average_end": [1, 1, 1],
        }

    classroom = {
        "processes": 2,
        "seconds": 60,
        "runs": [
            run("one process", 30, 0.7),
            run("one process", 60, 6.0),
            run("2 processes behind HAProxy", 30, 0.4),
            run("2 processes behind HAProxy", 60, 1.2, errors=3),
        ],
    }
    rows = _targets(None, classroom)
    assert rows["classroom_30"]["met"] is True  # 0.4 s behind the proxy
    assert rows["classroom_60"]["met"] is False  # 6.0 s alone; the proxied run had errors
    assert "one process: p95 6.00 s" in rows["classroom_60"]["measured"]
    assert _targets(None, None)["classroom_60"]["met"] is None
