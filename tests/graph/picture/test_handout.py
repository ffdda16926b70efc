"""Handouts: the view drawn by matplotlib from the same positions, with title and legend (graph/picture/handout.py)."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image

from graph.picture.handout import PRINT_WIDTH_PX, draw_handout
from graph.picture.view import build_view

TITLE = "Dopamine deficiency: how the ideas connect"
SCREEN_WIDTH_PX = 1150  # the widest the app draws the picture (1920x1080, picture beside the details)


@pytest.fixture(scope="module")
def hub_payload(article) -> dict:
    return build_view(article, "Dopamine deficiency", depth=1).to_vis()


def test_png_is_print_resolution_with_the_picture_on_white(hub_payload):
    data = draw_handout(hub_payload, TITLE, "png", "Concept map centred on Dopamine deficiency")
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG"
    assert image.width == PRINT_WIDTH_PX >= 2 * SCREEN_WIDTH_PX
    assert image.height > 1000
    pixels = image.convert("RGB")
    assert pixels.getpixel((5, 5)) == (255, 255, 255)
    colours = {colour for _, colour in pixels.getcolors(maxcolors=1 << 20)}
    # The concepts' own colours are drawn (the condition's pink, the symptom's orange).
    assert any(_near(colour, (0xCC, 0x79, 0xA7)) for colour in colours)
    assert any(_near(colour, (0xE6, 0x9F, 0x00)) for colour in colours)


def _near(colour, target, tolerance=6) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(colour, target))


def test_svg_has_title_legend_every_name_and_relation(hub_payload, article):
    svg = draw_handout(hub_payload, TITLE, "svg").decode("utf-8")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    text = " ".join(re.findall(r"<!-- (.*?) -->", svg))  # matplotlib notes each text drawn as a comment
    assert TITLE in text
    for kind in ("condition", "symptom", "cause", "concept", "treatment"):
        assert kind in text
    for node in hub_payload["nodes"]:
        if node.get("kind") == "bend":  # a point a line bends at: no name
            continue
        for line in node["label"].split("\n"):
            assert line in text, line
    assert "can cause" in text and "may cause" in text  # the linking phrases


def test_pdf_is_a_pdf_with_its_title(hub_payload):
    data = draw_handout(hub_payload, TITLE, "pdf")
    assert data.startswith(b"%PDF-")
    assert TITLE.encode() in data or b"Dopamine deficiency" in data


def test_the_handout_uses_the_positions_of_the_screen(article):
    """The same view gives the same drawing; another focus gives another."""
    hub = build_view(article, "Dopamine deficiency", depth=1).to_vis()
    again = build_view(article, "Dopamine deficiency", depth=1).to_vis()
    other = build_view(article, "Cocaine use", depth=1).to_vis()
    assert draw_handout(hub, TITLE, "svg") == draw_handout(again, TITLE, "svg")
    assert draw_handout(hub, TITLE, "svg") != draw_handout(other, TITLE, "svg")


def test_names_are_text_never_maths_or_markup(make_kg):
    header = "source,source_type,relation,target,target_type,section,explanation,sources\n"
    kg = make_kg(header + "Costs $5 to $10,price,is paid with,<b>cash</b>,thing $x$,,,\n")
    payload = build_view(kg, "Costs $5 to $10", depth=1).to_vis()
    svg = draw_handout(payload, "A $ title", "svg").decode("utf-8")
    assert "Costs $5 to $10" in svg and "A $ title" in svg
    assert "&lt;b&gt;cash&lt;/b&gt;" in svg


def test_an_unknown_format_is_refused(hub_payload):
    with pytest.raises(ValueError, match="png, svg or pdf"):
        draw_handout(hub_payload, TITLE, "gif")


def test_the_whole_maps_legend_shows_each_kinds_own_mark_and_its_phrases(article):
    """On the whole map names are boxes, but the printed legend shows each kind's own mark (as the
    screen's legend does), not one square for all; and the map's linking phrases are printed."""
    svg = draw_handout(build_view(article, "Dopamine deficiency", depth=None).to_vis(), TITLE, "svg").decode()
    # matplotlib writes each marker shape once, as a path in <defs>: one per kind's shape.
    marks = set(re.findall(r'<path id="(m[0-9a-f]+)" d="([^"]+)"', svg))
    assert len({d for _, d in marks}) >= len(article.types)
    assert "is an example of" in svg and "may cause" in svg


def test_a_hollow_kind_is_printed_as_an_outline(make_kg):
    kg = make_kg(
        "".join(["source,source_type,relation,target,target_type\n"] + [f"Centre,k0,has,T{i},k{i}\n" for i in range(1, 9)])
    )
    svg = draw_handout(build_view(kg, "Centre", depth=1).to_vis(), "Nine kinds", "svg").decode()
    # The hollow kinds (black, grey and wine outlines) are white inside, edged in their colour.
    outlined = re.findall(r"fill: #ffffff; stroke: (#[0-9a-f]{6})", svg.lower())
    assert {"#000000", "#999999", "#882255"} <= set(outlined)
