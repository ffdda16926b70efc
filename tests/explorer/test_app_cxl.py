"""A CmapTools map (CXL) in the app: uploaded as any file, checked as any upload (its download: test_app_your_graph)."""

from __future__ import annotations

from tests.apptest import focus, run, start, texts, unescape, uploader
from tests.graph.files.test_cxl import CMAPTOOLS


def test_a_cmaptools_map_uploads_and_a_broken_one_is_reported():
    at = start()
    at = run(uploader(at).set_value([("water.cxl", CMAPTOOLS, "application/xml")]))
    assert not at.exception
    assert unescape(at.title[0].value) == "Your graph: water.cxl"
    assert focus(at) in {"Rain", "Water cycle", "Evaporation", "Sun"}
    broken = CMAPTOOLS.replace(b'to-id="LP-2"/>', b'to-id="nowhere"/>', 1)
    at = run(uploader(at).set_value([("water.cxl", broken, "application/xml")]))
    assert unescape(at.title[0].value) == "Your graph: water.cxl"  # the graph on screen stays
    assert any("not loaded" in e for e in texts(at, "error"))
    assert any("water.cxl: connection 4 (id 'C-4'): its to-id 'nowhere'" in m for m in texts(at)), texts(at)
