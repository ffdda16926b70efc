"""What the picture tells a keyboard or screen-reader user: each concept shown, and its links to the
others shown, as sentences.

The picture's arrow keys (``explorer/components/graph_view/keyboard.js``) move along these links, and say
each one ("Dopamine deficiency can cause Tremors") as they do.
"""

from __future__ import annotations

from collections.abc import Iterable

from graph.core.model import KnowledgeGraph
from graph.core.sentences import sentence

__all__ = ["keyboard_map"]


def keyboard_map(kg: KnowledgeGraph, concepts: Iterable[str]) -> dict[str, dict]:
    """For each concept shown: ``{"type": ..., "links": [{"to": other, "sentence": ...}]}``, its links
    to the other concepts shown (both ways), in file order.

    Example
    -------
    >>> keyboard_map(kg, ["Cocaine use", "Dopamine deficiency"])["Cocaine use"]["links"]
    [{'to': 'Dopamine deficiency', 'sentence': 'Cocaine use may cause Dopamine deficiency'}]
    """
    shown = [c for c in dict.fromkeys(concepts) if c in kg.graph]
    inside = set(shown)
    graph = kg.graph
    found: dict[str, list[tuple[int, str, str]]] = {c: [] for c in shown}
    for a in shown:
        for b, links in graph.succ[a].items():
            if b in inside and b != a:
                for key, data in links.items():
                    said = sentence(a, data["relation"], b, plural=kg.is_plural(a))
                    found[a].append((key, b, said))
                    found[b].append((key, a, said))
    return {
        c: {"type": graph.nodes[c]["type"], "links": [{"to": other, "sentence": s} for _, other, s in sorted(found[c])]}
        for c in shown
    }
