"""A class uploading at once: each session holds its own graph while it is open, and when the
sessions end only the article and the graph cache's bounded entries are left (issue 15).
Real app, real sessions (AppTest), real caches; the memory this costs is measured by ``python -m bench.memory``."""

from __future__ import annotations

import gc

from streamlit.testing.v1 import AppTest

from bench.memory import APP, graphs_alive, upload

CACHED_GRAPHS = 4  # explorer/panels/graphs.py: _load_files keeps at most four uploaded graphs


def test_sessions_hold_their_own_graph_and_free_it_when_they_end():
    # The app's own copy of the article first: an earlier test in this process may hold another.
    AppTest.from_file(str(APP), default_timeout=120).run()
    gc.collect()
    before = graphs_alive()
    sessions = [upload(60, seed) for seed in range(101, 108)]  # seven learners, seven different graphs
    assert graphs_alive() >= len(sessions)  # each open session still shows its own graph
    sessions.clear()  # the learners close their tabs
    assert graphs_alive() <= before + CACHED_GRAPHS
