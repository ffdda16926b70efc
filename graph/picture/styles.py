"""How each concept type looks: a colour and a shape, told apart without colour too.

The article's types have fixed styles; any other type (a teacher's own graph) gets
the next unused style, in alphabetical order of type names, so the same file always
gets the same colours.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["FOCUS_BORDER", "SHAPE_MARKS", "TypeStyle", "type_styles"]

FOCUS_BORDER = "#111111"


SHAPE_MARKS = {"dot": "●", "diamond": "◆", "triangle": "▲", "square": "■", "star": "★", "hexagon": "⬢", "triangleDown": "▼"}
"""A character for each shape, for legends and lists written as text."""


@dataclass(frozen=True)
class TypeStyle:
    colour: str
    shape: str
    """A vis-network shape whose label is drawn below it."""

    @property
    def mark(self) -> str:
        return SHAPE_MARKS.get(self.shape, "●")

    @property
    def pale(self) -> str:
        """The colour mixed with four parts of white: a background dark text reads well on."""
        channels = [int(self.colour[i : i + 2], 16) for i in (1, 3, 5)]
        return "#" + "".join(f"{round(c + (255 - c) * 0.8):02X}" for c in channels)


# Okabe–Ito colours (safe for the common colour-vision deficiencies), each with its own shape.
_ARTICLE = {
    "condition": TypeStyle("#CC79A7", "diamond"),
    "cause": TypeStyle("#D55E00", "triangle"),
    "symptom": TypeStyle("#E69F00", "square"),
    "treatment": TypeStyle("#009E73", "dot"),
    "concept": TypeStyle("#56B4E9", "star"),
    # Blue like the first spare style but its own shape, so a teacher's graph with both still tells them apart.
    "person": TypeStyle("#0072B2", "hexagon"),
}
_SPARE = [
    TypeStyle("#0072B2", "triangleDown"),
    TypeStyle("#F0E442", "hexagon"),
    TypeStyle("#8C8C8C", "dot"),
    TypeStyle("#882255", "square"),
    TypeStyle("#44AA99", "diamond"),
    TypeStyle("#999933", "triangle"),
    TypeStyle("#332288", "star"),
    TypeStyle("#AA4499", "hexagon"),
]


def type_styles(types) -> dict[str, TypeStyle]:
    """A style for each type in ``types``; unknown types take spare styles in name order.

    Example
    -------
    >>> type_styles(["cause", "idea"])["idea"]
    TypeStyle(colour='#0072B2', shape='triangleDown')
    """
    styles = {t: _ARTICLE[t] for t in types if t in _ARTICLE}
    others = sorted(set(types) - set(styles))
    for index, kind in enumerate(others):
        spare = _SPARE[index % len(_SPARE)]
        if index >= len(_SPARE):  # more types than spare styles: vary the shade so they still differ
            spare = TypeStyle(_shade(spare.colour, index // len(_SPARE)), spare.shape)
        styles[kind] = spare
    return styles


def _shade(colour: str, step: int) -> str:
    channels = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(c + (255 - c) * min(0.25 * step, 0.75)) for c in channels]
    return "#" + "".join(f"{c:02X}" for c in mixed)
