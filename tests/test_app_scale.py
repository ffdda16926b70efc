"""A teacher's large graph in the app: the picture stays bounded and a hub's neighbours can be paged."""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

from graph.view import DEFAULT_CAP

APP = str(Path(__file__).resolve().parents[1] / "app.py")
HEADER = "source,source_type,relation,target,target_type\n"


def star_csv(leaves: int) -> bytes:
    rows = [f"Hub,topic,includes,Leaf {i:03d},item" for i in range(leaves)]
    rows += [f"Leaf {i:03d},item,is near,Leaf {i + 1:03d},item" for i in range(0, 40, 2)]  # some leaves matter more
    return (HEADER + "\n".join(rows) + "\n").encode()


def picture(at: AppTest) -> dict:
    (component,) = at.get("bidi_component")
    return json.loads(component.proto.json)["payload"]


def test_a_hub_with_more_neighbours_than_fit_is_paged():
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.file_uploader(key="upload_files").set_value([("star.csv", star_csv(400), "text/csv")]).run()
    assert not at.exception
    first = {n["id"] for n in picture(at)["nodes"]}
    assert len(first) == DEFAULT_CAP and "Hub" in first
    # The most connected leaves (those with a second link) come first.
    assert {f"Leaf {i:03d}" for i in range(0, 41)} <= first
    assert any("linked to 400 concepts" in c.value for c in at.caption)
    assert at.button(key="page_prev").disabled

    at.button(key="page_next").click().run()
    second = {n["id"] for n in picture(at)["nodes"]}
    assert len(second) == DEFAULT_CAP and (first & second) == {"Hub"}
    assert at.query_params["page"] in ("1", ["1"])

    at.button(key="page_next").click().run()
    third = {n["id"] for n in picture(at)["nodes"]}
    assert len(third) == 400 - 2 * (DEFAULT_CAP - 1) + 1
    assert at.button(key="page_next").disabled
    assert (first | second | third) == {"Hub"} | {f"Leaf {i:03d}" for i in range(400)}
