"""How each concept type looks: a colour and a shape, told apart without colour too.

The article's types have fixed styles; any other type (a teacher's own graph) gets
the next unused style, in alphabetical order of type names, so the same file always
gets the same colours.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["FOCUS_BORDER", "HOLLOW_MARKS", "SHAPE_MARKS", "TypeStyle", "type_styles"]

FOCUS_BORDER = "#111111"


SHAPE_MARKS = {"dot": "●", "diamond": "◆", "triangle": "▲", "square": "■", "star": "★", "hexagon": "⬢", "triangleDown": "▼"}
"""A character for each shape, for legends and lists written as text."""
HOLLOW_MARKS = {"dot": "○", "diamond": "◇", "triangle": "△", "square": "□", "star": "☆", "hexagon": "⬡", "triangleDown": "▽"}
"""The same shapes drawn as outlines (a kind's mark when the filled one is taken)."""


@dataclass(frozen=True)
class TypeStyle:
    colour: str
    shape: str
    """A vis-network shape whose label is drawn below it."""
    hollow: bool = False
    """Drawn as an outline in its colour on white: the mark of a kind beyond the seven filled shapes."""

    @property
    def mark(self) -> str:
        return (HOLLOW_MARKS if self.hollow else SHAPE_MARKS).get(self.shape, "●")

    @property
    def fill(self) -> str:
        """The colour inside the shape: its own, or white for a hollow one."""
        return "#FFFFFF" if self.hollow else self.colour

    @property
    def border(self) -> str:
        """The shape's edge: its colour, darkened where the colour is too light to stand out on white (yellow)."""
        channels = [int(self.colour[i : i + 2], 16) for i in (1, 3, 5)]
        if 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2] < 180:
            return self.colour
        return "#" + "".join(f"{round(c * 0.55):02X}" for c in channels)

    @property
    def pale(self) -> str:
        """The colour mixed with four parts of white: a background dark text reads well on."""
        channels = [int(self.colour[i : i + 2], 16) for i in (1, 3, 5)]
        return "#" + "".join(f"{round(c + (255 - c) * 0.8):02X}" for c in channels)


# Okabe–Ito's eight colours (told apart with the common colour-vision deficiencies), and two more
# for nine and ten kinds; each style has a colour and a mark of its own, so that no two kinds of a
# map share either, up to ten kinds. The article's kinds always take the first six.
_PALETTE = [
    TypeStyle("#CC79A7", "diamond"),
    TypeStyle("#D55E00", "triangle"),
    TypeStyle("#E69F00", "square"),
    TypeStyle("#009E73", "dot"),
    TypeStyle("#56B4E9", "star"),
    TypeStyle("#0072B2", "hexagon"),
    TypeStyle("#F0E442", "triangleDown"),
    TypeStyle("#000000", "dot", hollow=True),
    TypeStyle("#999999", "square", hollow=True),
    TypeStyle("#882255", "diamond", hollow=True),
]
_ARTICLE = dict(zip(["condition", "cause", "symptom", "treatment", "concept", "person"], _PALETTE))


def type_styles(types) -> dict[str, TypeStyle]:
    """A style for each type in ``types``: the article's types their own, the others the styles of
    the palette not taken by a type present, in name order (so the same file always looks the same).
    Beyond ten kinds, colours repeat in paler shades.

    Example
    -------
    >>> type_styles(["cause", "idea"])["idea"]
    TypeStyle(colour='#F0E442', shape='triangleDown', hollow=False)
    """
    styles = {t: _ARTICLE[t] for t in types if t in _ARTICLE}
    # Styles no article kind has come first: a teacher's kind is not taken for one of the article's.
    free = [style for style in _PALETTE[len(_ARTICLE) :] + _PALETTE[: len(_ARTICLE)] if style not in styles.values()]
    others = sorted(set(types) - set(styles))
    for index, kind in enumerate(others):
        spare = free[index % len(free)]
        if index >= len(free):  # more kinds than styles: vary the shade so they still differ
            spare = TypeStyle(_shade(spare.colour, index // len(free)), spare.shape, spare.hollow)
        styles[kind] = spare
    return styles


def _shade(colour: str, step: int) -> str:
    channels = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(c + (255 - c) * min(0.25 * step, 0.75)) for c in channels]
    return "#" + "".join(f"{c:02X}" for c in mixed)
