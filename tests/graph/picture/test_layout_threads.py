"""graph/picture/layout.py: the whole map's cached layout is shared by sessions, which run in threads."""

from __future__ import annotations

import threading
import time

import graph.picture.layout as layout


def test_two_first_views_of_a_graph_lay_it_out_once(path_kg, monkeypatch):
    graph = path_kg.graph.copy()  # a graph no other test has laid out yet
    made = []
    lay_out = layout._map_layout

    def slow_layout(g):
        made.append(g)
        time.sleep(0.05)  # long enough for every thread to ask before the first is done
        return lay_out(g)

    monkeypatch.setattr(layout, "_map_layout", slow_layout)
    found: list[object] = []
    threads = [threading.Thread(target=lambda: found.append(layout.map_layout(graph))) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(made) == 1
    assert len(found) == 4 and all(positions is found[0] for positions in found)
    assert set(found[0]) == set(graph)
