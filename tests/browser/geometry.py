"""Reading what the picture shows from vis-network's own geometry (see ``window.kgNetwork``).

One call gathers everything about the picture as drawn now: each concept's name (its size on
screen, its box), each linking phrase and each labelled link, and each concept's shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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
    return {...item(name === undefined ? id : name, n.labelModule, shape), inside, uid: id,
            phrase: n.options.group === "" || n.options.group === undefined && n.options.shape === "box",
            // A point where a line bends (graph/picture/waypoints.py) is neither a name nor a phrase.
            bend: (net.body.data.nodes.get(id) || {}).kind === "bend"};
  });
  const edges = net.body.edgeIndices.map((id) => net.body.edges[id])
    .filter((e) => e.options.label).map((e) => item(e.id, e.labelModule, null));
  const box = net.body.container.getBoundingClientRect();
  // A drawn label partly outside the frame is cut: its corners, on screen, must all be inside.
  const onScreen = (b) => {
    const a = net.canvasToDOM({x: b.left, y: b.top}), z = net.canvasToDOM({x: b.right, y: b.bottom});
    return a.x >= -0.5 && a.y >= -0.5 && z.x <= box.width + 0.5 && z.y <= box.height + 0.5;
  };
  for (const n of nodes) n.cut = n.drawn && n.whole && !onScreen(n.box);
  // Each link of the graph drawn (ids are link ids) with the sentence it says, and what its line passes
  // through: following each part of its line (to and from a linking phrase) as drawn, the names and shapes of
  // concepts that are not its ends.
  const concepts = net.body.nodeIndices.map((id) => net.body.nodes[id])
    .filter((n) => (net.body.data.nodes.get(n.id) || {}).name !== undefined);
  const named = (n) => (net.body.data.nodes.get(n.id) || {}).name;
  const inBox = (p, b, pad) => p.x > b.left + pad && p.x < b.right - pad && p.y > b.top + pad && p.y < b.bottom - pad;
  const links = {};
  for (const id of net.body.edgeIndices) {
    const e = net.body.edges[id], data = net.body.data.edges.get(id) || {};
    const linkIds = /^[0-9]+$/.test(String(id)) ? [String(id)] : (data.link !== undefined ? [String(data.link)] : []);
    const through = new Set();
    for (let k = 1; k < 40; k++) {
      // Along the line as drawn: vis-network's own curve (a Bezier edge's getPoint(t), its control point by default).
      const p = e.edgeType.getPoint(k / 40);
      for (const n of concepts) {
        if (n === e.from || n === e.to) continue;
        const lm = n.labelModule, s = n.shape;
        const label = {left: lm.size.left, top: lm.size.top, right: lm.size.left + lm.size.width, bottom: lm.size.top + lm.size.height};
        const shape = {left: n.x - s.width / 2, top: n.y - s.height / 2, right: n.x + s.width / 2, bottom: n.y + s.height / 2};
        if ((lm.visible ? lm.visible() : true) && inBox(p, label, 1) || inBox(p, shape, 1)) through.add(named(n));
      }
    }
    for (const link of linkIds) {
      const known = links[link] || {id: link, sentence: data.title, through: []};
      known.through = [...new Set([...known.through, ...through])];
      links[link] = known;
    }
  }
  // Each arrowhead drawn into a concept: its tip and the middle of its base (vis-network's own arrow data).
  const ctx = net.canvas.frame.canvas.getContext("2d");
  const arrows = [];
  for (const id of net.body.edgeIndices) {
    const e = net.body.edges[id], values = e.getFormattingValues();
    if (!values.toArrow || named(e.to) === undefined) continue;
    const data = e.edgeType.getArrowData(ctx, "to", e.edgeType.getViaNode(), false, false, values);
    arrows.push({id: String(id), to: named(e.to), tip: {x: data.point.x, y: data.point.y}, base: {x: data.core.x, y: data.core.y}});
  }
  // Which links each linking phrase (a node) or labelled edge says.
  for (const n of nodes) if (n.phrase) n.links = ((net.body.data.nodes.get(n.id) || {}).links || []).map(String);
  for (const e of edges) e.links = /^[0-9]+$/.test(e.id) ? [e.id] : [];
  return {scale, nodes, edges, links: Object.values(links), arrows, width: box.width, height: box.height};
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
    links: list[dict] = field(default_factory=list)
    """Each link drawn: ``id``, ``sentence`` ("source → relation → target") and ``through`` (concepts its line crosses)."""
    arrows: list[dict] = field(default_factory=list)
    """Each arrowhead into a concept: ``id`` (its edge's), ``to`` (the concept), ``tip`` and ``base`` (canvas points)."""

    def arrows_on_names(self) -> list[tuple[str, str]]:
        """(edge id, name) where an arrowhead's tip or base lies on the text of the name it points to (more
        than a pixel inside its box). An arrowhead on another concept's name is a line through that name
        (see :meth:`links_through_names`)."""
        names = {n["id"]: n for n in self.drawn_names}
        on = []
        for arrow in self.arrows:
            name = names.get(arrow["to"])
            if name is None:
                continue
            box = name["box"]
            if any(
                box["left"] + 1 < p["x"] < box["right"] - 1 and box["top"] + 1 < p["y"] < box["bottom"] - 1
                for p in (arrow["tip"], arrow["base"])
            ):
                on.append((arrow["id"], name["id"]))
        return on

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

    def readable_words(self) -> list[dict]:
        """Relation words (phrases and labelled links) drawn whole at 10 px or more, inside the frame,
        on no name and no concept's shape."""
        names = self.drawn_names
        words = [w for w in self.phrases + self.link_labels if w["drawn"] and w["whole"] and w["px"] >= 10]
        return [
            w
            for w in words
            if not w.get("cut")
            and not any(_overlap(w["box"], n["box"]) or _overlap(w["box"], n["shape"]) for n in names if n["id"] != w["id"])
        ]

    def relations(self) -> dict[str, bool]:
        """Each relation among the links drawn, and whether the picture says it readably for at least
        one of its links (``readable_words``)."""
        said = {link for w in self.readable_words() for link in w["links"]}
        relations: dict[str, bool] = {}
        for link in self.links:
            parts = (link["sentence"] or "").split(" → ")
            if len(parts) == 3:
                relations[parts[1]] = relations.get(parts[1], False) or link["id"] in said
        return relations

    def links_said(self) -> float:
        """The share of links drawn whose relation the picture says readably."""
        said = {link for w in self.readable_words() for link in w["links"]}
        return sum(link["id"] in said for link in self.links) / len(self.links) if self.links else 1.0

    def links_through_names(self) -> list[tuple[str, list[str]]]:
        """Links whose line passes through the name or shape of a concept that is not one of its ends."""
        return [(link["sentence"], link["through"]) for link in self.links if link["through"]]

    def cut_names(self) -> list[str]:
        """Names drawn partly outside the frame."""
        return [n["id"] for n in self.names if n.get("cut")]

    def summary(self) -> str:
        px = sorted(n["px"] for n in self.names)
        words = sorted(p["px"] for p in self.phrases + self.link_labels)
        return (
            f"{len(self.legible())}/{len(self.names)} names >= 11 px (smallest {px[0]:.1f}, largest {px[-1]:.1f}), "
            f"{len(self.overlapping_names())} overlaps, {len(self.names_under_concepts())} under concepts, "
            f"relation words {len(words)} (smallest {words[0] if words else 0:.1f} px), scale {self.scale:.2f}, "
            f"{sum(not n['inside'] for n in self.names)} concepts outside the frame, "
            f"frame {self.width:.0f}x{self.height:.0f}; "
            f"relations said {sum(self.relations().values())}/{len(self.relations())}, "
            f"links said {self.links_said():.0%}, links through names {len(self.links_through_names())}/{len(self.links)}, "
            f"cut at the frame {len(self.cut_names())}, arrowheads on names {len(self.arrows_on_names())}/{len(self.arrows)}"
        )


def picture_geometry(page) -> Geometry:
    raw = page.evaluate(_GEOMETRY_JS)
    names = [n for n in raw["nodes"] if not n["phrase"] and not n["bend"]]
    phrases = [n for n in raw["nodes"] if n["phrase"] and not n["bend"]]
    return Geometry(raw["scale"], names, phrases, raw["edges"], raw["width"], raw["height"], raw["links"], raw["arrows"])
