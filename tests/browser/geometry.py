"""Reading what the picture shows from vis-network's own geometry (see ``window.kgNetwork``).

One call gathers everything about the picture as drawn now: each concept's name (its size on
screen, its box), each linking phrase and each labelled link, and each concept's shape.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Geometry", "picture_geometry"]

_GEOMETRY_JS = """() => {
  const net = window.kgNetwork, scale = net.getScale();
  const drawn = (lm) => lm.visible ? lm.visible() : true;
  // Below drawThreshold vis-network fades a label (opacity 1 - (drawThreshold - px)) before hiding it.
  const whole = (lm) => (lm.fontOptions && lm.fontOptions.size || 0) * scale >= lm.elementOptions.scaling.label.drawThreshold;
  const item = (id, lm, shape) => ({
    id: String(id), label: lm.elementOptions && lm.elementOptions.label,
    px: (lm.fontOptions && lm.fontOptions.size || 0) * scale, drawn: drawn(lm), whole: whole(lm),
    box: {left: lm.size.left, top: lm.size.top, right: lm.size.left + lm.size.width, bottom: lm.size.top + lm.size.height},
    shape});
  const nodes = net.body.nodeIndices.map((id) => {
    const n = net.body.nodes[id], s = n.shape;
    // The shape alone: for shapes drawn with their name below, the bounding box holds the name too.
    const shape = {left: n.x - s.width / 2, top: n.y - s.height / 2, right: n.x + s.width / 2, bottom: n.y + s.height / 2};
    const dom = net.canvasToDOM({x: n.x, y: n.y}), frame = net.body.container.getBoundingClientRect();
    const inside = dom.x >= 0 && dom.y >= 0 && dom.x <= frame.width && dom.y <= frame.height;
    // Concepts are reported by name (node ids are opaque, see graph/picture/view.py for_browser).
    const name = (net.body.data.nodes.get(id) || {}).name;
    return {...item(name === undefined ? id : name, n.labelModule, shape), inside,
            phrase: n.options.group === "" || n.options.group === undefined && n.options.shape === "box"};
  });
  const edges = net.body.edgeIndices.map((id) => net.body.edges[id])
    .filter((e) => e.options.label).map((e) => item(e.id, e.labelModule, null));
  const box = net.body.container.getBoundingClientRect();
  return {scale, nodes, edges, width: box.width, height: box.height};
}"""


def _overlap(a: dict, b: dict) -> bool:
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


@dataclass
class Geometry:
    """The picture as drawn: ``names`` (concepts), ``phrases`` (linking phrases), ``link_labels``."""

    scale: float
    names: list[dict]
    phrases: list[dict]
    link_labels: list[dict]
    width: float
    height: float

    @property
    def drawn_names(self) -> list[dict]:
        return [n for n in self.names if n["drawn"]]

    def legible(self, least: float = 11) -> list[dict]:
        """Names drawn at ``least`` CSS px or more, and not faded."""
        return [n for n in self.drawn_names if n["px"] >= least and n["whole"]]

    def overlapping_names(self) -> list[tuple[str, str]]:
        """Pairs of drawn names (concepts' or phrases') whose boxes intersect."""
        shown = self.drawn_names + [p for p in self.phrases if p["drawn"]]
        return [(a["id"], b["id"]) for i, a in enumerate(shown) for b in shown[i + 1 :] if _overlap(a["box"], b["box"])]

    def names_under_concepts(self) -> list[tuple[str, str]]:
        """(name, concept) where a drawn name lies on another concept's shape."""
        shown = self.drawn_names + [p for p in self.phrases if p["drawn"]]
        return [(a["id"], b["id"]) for a in shown for b in self.names if a["id"] != b["id"] and _overlap(a["box"], b["shape"])]

    def summary(self) -> str:
        px = sorted(n["px"] for n in self.names)
        words = sorted(p["px"] for p in self.phrases + self.link_labels)
        return (
            f"{len(self.legible())}/{len(self.names)} names >= 11 px (smallest {px[0]:.1f}, largest {px[-1]:.1f}), "
            f"{len(self.overlapping_names())} overlaps, {len(self.names_under_concepts())} under concepts, "
            f"relation words {len(words)} (smallest {words[0] if words else 0:.1f} px), scale {self.scale:.2f}, "
            f"{sum(not n['inside'] for n in self.names)} concepts outside the frame, "
            f"frame {self.width:.0f}x{self.height:.0f}"
        )


def picture_geometry(page) -> Geometry:
    raw = page.evaluate(_GEOMETRY_JS)
    names = [n for n in raw["nodes"] if not n["phrase"]]
    phrases = [n for n in raw["nodes"] if n["phrase"]]
    return Geometry(raw["scale"], names, phrases, raw["edges"], raw["width"], raw["height"])
