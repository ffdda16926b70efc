"""The map builder's picture keys no node by a concept's name: a JavaScript course's concepts
(``__proto__``, ``toString``, ...) would be lost in vis-network's plain-object keys."""

from __future__ import annotations

import json
from pathlib import Path

from tests.apptest import open_tab, run, start, uploader

JS_WORDS = Path(__file__).resolve().parents[1] / "fixtures" / "browser" / "js_words.csv"


def builder_data(at) -> dict:
    (data,) = [d for d in (json.loads(c.proto.json) for c in at.get("bidi_component")) if "nodes" in d and "payload" not in d]
    return data


def test_the_map_builder_draws_concepts_named_like_js_properties_by_opaque_ids():
    at = start()
    at = run(uploader(at).set_value([(JS_WORDS.name, JS_WORDS.read_bytes(), "text/csv")]))
    open_tab(at, "Practice").radio[0].set_value("Build a map")
    at = run(at)
    at = run(at.button(key="map_start").click())
    names = at.selectbox(key="map_from").options
    source, target = [n for n in names if n in ("__proto__", "toString", "constructor", "hasOwnProperty")][:2]
    at.selectbox(key="map_from").set_value(source)
    at.text_input(key="map_words").input("leads to")
    at.selectbox(key="map_to").set_value(target)
    at = run(at.button(key="map_add_link").click())
    data = builder_data(at)
    ids = [node["id"] for node in data["nodes"]]
    assert ids == [f"n{i}" for i in range(len(ids))]
    by_id = {node["id"]: node["name"] for node in data["nodes"]}
    assert source in by_id.values() and target in by_id.values()
    assert [(by_id[e["from"]], e["label"], by_id[e["to"]]) for e in data["edges"]] == [(source, "leads to", target)]
