"""Pictures for handouts: a view drawn with matplotlib from the very positions the browser shows,
with a title and a legend, as PNG (print resolution), SVG or PDF.

The input is the view's vis-network payload (:meth:`graph.picture.view.View.to_vis`), so the handout is
the picture on the screen: same places, same colours and shapes, every name written (including
those the screen leaves for zooming in), linking phrases in their boxes.
"""

from __future__ import annotations

import io
import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["FORMATS", "PRINT_WIDTH_PX", "draw_handout"]

FORMATS = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}
"""The handout formats and their MIME types."""
PRINT_WIDTH_PX = 2800
"""Width of a PNG handout: at least twice the widest picture the app draws on screen (about 1,150 px)."""
_DPI = 200
_MARKERS = {
    "dot": "o",
    "diamond": "D",
    "triangle": "^",
    "square": "s",
    "star": "*",
    "hexagon": "h",
    "triangleDown": "v",
    "box": "s",
    "ellipse": "o",
}
_LINK = "#9a9a9a"
_MAIN = "#555555"
_TITLE_IN, _LEGEND_IN = 0.75, 0.55  # inches above and below the drawing


def draw_handout(payload: dict, title: str, fmt: str = "png", subtitle: str = "") -> bytes:
    """The view in ``payload`` as a ``fmt`` file (``"png"``, ``"svg"`` or ``"pdf"``).

    Parameters
    ----------
    payload : a view's vis-network payload: ``nodes`` (with ``x``, ``y``, ``label``, ``group``),
        ``edges`` (``from``, ``to``), ``options`` (``groups`` and default fonts) and ``legend``.
    title : the heading printed above the picture; ``subtitle`` goes under it.

    Raises
    ------
    ValueError
        For a format other than png, svg or pdf.

    Example
    -------
    >>> from graph.picture.view import build_view
    >>> png = draw_handout(build_view(kg, "Cocaine use").to_vis(), "Cocaine use")
    >>> png[:4]
    b'\\x89PNG'
    """
    if fmt not in FORMATS:
        raise ValueError(f"A handout is png, svg or pdf, not {fmt!r}.")
    # matplotlib is imported when a handout is asked for, not with the app (it takes seconds to import).
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    every = {node["id"]: node for node in payload["nodes"]}
    # A point where a line bends (kind "bend") is no concept and no phrase: only its line is drawn through it.
    nodes = {i: node for i, node in every.items() if node.get("kind") != "bend"}
    options = payload.get("options") or {}
    left, right, top, bottom = _extent(nodes.values(), options)
    width_in = PRINT_WIDTH_PX / _DPI
    drawing_h_in = width_in * (bottom - top) / max(right - left, 1)
    figure = Figure(figsize=(width_in, drawing_h_in + _TITLE_IN + _LEGEND_IN), dpi=_DPI)
    axes = figure.add_axes((0, _LEGEND_IN / figure.get_figheight(), 1, drawing_h_in / figure.get_figheight()))
    axes.set_xlim(left, right)
    axes.set_ylim(bottom, top)  # the canvas's y grows downwards
    axes.set_axis_off()
    # Text a little smaller than on screen, where a name's box has a margin: print has no zoom to fix a clash.
    points_per_px = 0.9 * width_in * 72 / (right - left)
    _draw_links(axes, payload["edges"], every, points_per_px)
    _draw_concepts(axes, nodes.values(), options, points_per_px)
    figure.text(0.02, 1 - 0.32 / figure.get_figheight(), title, fontsize=20, fontweight="bold", va="center", parse_math=False)
    if subtitle:
        figure.text(0.02, 1 - 0.6 / figure.get_figheight(), subtitle, fontsize=12, va="center", color="#333333", parse_math=False)
    _draw_legend(figure, payload.get("legend") or [], options)
    out = io.BytesIO()
    # No date and fixed ids: the same picture gives the same file.
    metadata = {"Title": title} if fmt == "png" else {"Title": title, "Date": None}
    with rc_context({"svg.hashsalt": "concept-map"}):
        figure.savefig(out, format=fmt, dpi=_DPI, facecolor="white", metadata=metadata)
    return out.getvalue()


def _font_size(node: dict, options: dict) -> float:
    return (node.get("font") or {}).get("size") or options.get("nodes", {}).get("font", {}).get("size", 20)


def _shape_size(node: dict, options: dict) -> float:
    return node.get("size") or options.get("nodes", {}).get("size", 11)


def _lines(node: dict) -> list[str]:
    return str(node.get("label", node["id"])).split("\n")


def _extent(nodes, options: dict) -> tuple[float, float, float, float]:
    """Left, right, top, bottom of every shape and name, in canvas pixels, with a margin."""
    left = top = math.inf
    right = bottom = -math.inf
    for node in nodes:
        font, size = _font_size(node, options), _shape_size(node, options)
        text_w = max(len(line) for line in _lines(node)) * font * 0.62
        below = size + 0.5 * font + 4 + len(_lines(node)) * font * 1.2 if node.get("shape") not in ("box", "text") else font
        half = max(size, text_w / 2)
        left, right = min(left, node["x"] - half), max(right, node["x"] + half)
        top, bottom = min(top, node["y"] - size - font), max(bottom, node["y"] + below)
    margin = 30
    return left - margin, right + margin, top - margin, bottom + margin


def _draw_links(axes, edges: list[dict], nodes: dict, points_per_px: float) -> None:
    from matplotlib.patches import FancyArrowPatch

    for edge in edges:
        a, b = nodes.get(edge["from"]), nodes.get(edge["to"])
        if a is None or b is None:
            continue
        main = edge.get("width", 1) > 1
        # A line bent at points is drawn as its parts joined end to end: one polyline.
        from_bend, to_bend = a.get("kind") == "bend", b.get("kind") == "bend"
        arrows = edge.get("arrows", "to")  # pyvis writes "to"; a phrase's half-link says {"to": {"enabled": False}}
        arrow = "to" in arrows if isinstance(arrows, str) else arrows.get("to", {}).get("enabled", True)
        axes.add_patch(
            FancyArrowPatch(
                (a["x"], a["y"]),
                (b["x"], b["y"]),
                arrowstyle="-|>" if arrow else "-",
                mutation_scale=max(8, 14 * points_per_px * 2),
                color=_MAIN if main else _LINK,
                linewidth=(2.0 if main else 0.8) * max(points_per_px * 1.5, 0.6),
                shrinkA=0 if from_bend else 8,
                shrinkB=0 if to_bend else 10,
                zorder=1,
            )
        )
        if edge.get("label"):
            axes.text(
                (a["x"] + b["x"]) / 2,
                (a["y"] + b["y"]) / 2,
                edge["label"],
                ha="center",
                va="center",
                fontsize=16 * points_per_px,
                parse_math=False,
                zorder=3,
                bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none"},
            )


def _draw_concepts(axes, nodes, options: dict, points_per_px: float) -> None:
    groups = options.get("groups") or {}
    for node in nodes:
        label = "\n".join(_lines(node))
        font = _font_size(node, options) * points_per_px
        group = groups.get(node.get("group"), {})
        colours = node.get("color") or group.get("color") or {}
        colour = colours.get("background", "#97C2FC")
        shape = node.get("shape") or group.get("shape", "dot")
        if shape in ("box", "text"):  # a linking phrase, or a name on the whole map: its words in a box
            focus = node.get("borderWidth", 1) > 2
            edge = colours.get("border", "#8a8a8a") if node.get("group") else "#8a8a8a"
            axes.text(
                node["x"],
                node["y"],
                label,
                ha="center",
                va="center",
                fontsize=font,
                fontweight="bold" if focus else "normal",
                color="#222222",
                parse_math=False,
                zorder=4,
                bbox={
                    "boxstyle": "round,pad=0.25",
                    "facecolor": colour if node.get("group") else "white",
                    "edgecolor": "none" if shape == "text" else edge,  # a smaller phrase: words on white
                    "linewidth": 2 if focus else 1,
                },
            )
            continue
        size = _shape_size(node, options)
        focus = node.get("borderWidth", 1) > 1
        hollow = colour.upper() == "#FFFFFF"  # a kind drawn as an outline: its colour is its border's
        edge = colours.get("border", colour)
        axes.plot(
            node["x"],
            node["y"],
            marker=_MARKERS.get(shape, "o"),
            markersize=2 * size * points_per_px * 1.1,
            color=colour,
            markeredgecolor="#111111" if focus else edge,
            markeredgewidth=2 if focus or hollow else 0.5,
            zorder=2,
        )
        axes.text(
            node["x"],
            node["y"] + size + 4,
            label,
            ha="center",
            va="top",
            fontsize=font,
            fontweight="bold" if focus else "normal",
            parse_math=False,
            zorder=3,
            linespacing=1.1,
            bbox={"boxstyle": "square,pad=0.1", "facecolor": (1, 1, 1, 0.85), "edgecolor": "none"},
        )


def _draw_legend(figure: Figure, legend: list[dict], options: dict) -> None:
    from matplotlib.lines import Line2D

    groups = options.get("groups") or {}
    # Each kind's own mark, also on the whole map (whose names are boxes): the legend is the same on screen and paper.
    handles = [
        Line2D(
            [],
            [],
            linestyle="none",
            marker=_MARKERS.get(item.get("shape") or groups.get(item["type"], {}).get("shape", "dot"), "o"),
            markersize=11,
            color="#FFFFFF" if item.get("hollow") else item["colour"],
            markeredgecolor=item["colour"],
            markeredgewidth=2 if item.get("hollow") else 0.5,
            label=item["type"].replace("$", r"\$"),
        )  # no maths in names
        for item in legend
    ]
    handles.append(Line2D([], [], color=_MAIN, linewidth=2, label="link (its relation in the box on it)"))
    figure.legend(
        handles=handles, loc="lower left", ncols=min(len(handles), 7), frameon=False, fontsize=12, bbox_to_anchor=(0.01, 0.0)
    )
