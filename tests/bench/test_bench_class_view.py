"""bench/class_view.py on a small class: the hand-ins it makes are all read back, and every step is timed."""

from __future__ import annotations

from bench.class_view import markdown, measure_server, prepare
from graph.classroom import results, store


def test_a_small_class_is_prepared_and_measured(tmp_path):
    url = f"sqlite:///{tmp_path / 'maps.db'}"
    map_id, key = prepare(url, learners=3, links=5)
    found = results.class_results(map_id, key, url=url)
    assert found.learners == ["Learner 01", "Learner 02", "Learner 03"]
    assert all(len(score.verdicts) == 5 for score in found.group.scores.values())
    assert len(found.items) == 5 and all(len(item.learners) == 3 for item in found.items)
    server = measure_server(url, map_id, key, reps=2)
    assert server["learners"] == 3 and server["class_view_warm_total_s"]["n"] == 2
    text = markdown(
        {
            "command": "python -m bench --class-view",
            "date": "today",
            "duration_s": 1.0,
            "load_average_start": [0.0, 0.0, 0.0],
            "load_average_end": [0.0, 0.0, 0.0],
            "links_per_learner": 5,
            "server": server,
            "browser": {"status": "not measured: Chromium not found"},
        }
    )
    assert "3 learners each handed in a 5-link map" in text
    store.dispose(url)
