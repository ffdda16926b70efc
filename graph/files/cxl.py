"""CmapTools' XML format, CXL: read a concept map into the project's CSV schema, and write a graph as one.

A CXL file (``<cmap xmlns="http://cmap.ihmc.us/xml/cmap/">``) holds a ``<map>`` with a
``concept-list`` (``<concept id=… label=…>``), a ``linking-phrase-list`` (``<linking-phrase
id=… label=…>``) and a ``connection-list`` (``<connection from-id=… to-id=…>``): a proposition is
concept → linking phrase → concept. A linking phrase joined from several concepts or to several
is several links, one for each pair. Where the file has them, ``concept-appearance`` positions
(``x``, ``y``) are kept as the concepts' ``x`` and ``y``.

CmapTools has no kinds of concept: a concept without one gets :data:`DEFAULT_TYPE`. This project's
own attributes ride along in their own namespace (:data:`KG_NAMESPACE`): a concept's type and
group, a link's section, explanation and sources; a concept's description is CmapTools'
``short-comment``, which CmapTools shows when the pointer rests on the concept. So a map written
here and read back is the same graph, and CmapTools opens it as any map.

Reading is guarded: no DTD, entity or external reference is expanded (defusedxml), elements nest
at most :data:`MAX_DEPTH` deep, and an id that a connection names but no concept or linking phrase
has is reported with the connection's number and id, as every problem is: a
:class:`~graph.core.problems.ValidationError` naming the file.
"""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from xml.etree.ElementTree import ParseError

import defusedxml
import defusedxml.ElementTree as SafeET

from graph.core.model import KnowledgeGraph
from graph.core.problems import MAX_PROBLEMS, Problem, ValidationError

__all__ = ["CXL_NAMESPACE", "KG_NAMESPACE", "DEFAULT_TYPE", "MAX_DEPTH", "from_cxl", "to_cxl"]

CXL_NAMESPACE = "http://cmap.ihmc.us/xml/cmap/"
DC_NAMESPACE = "http://purl.org/dc/elements/1.1/"
KG_NAMESPACE = "urn:concept-explorer:cxl"
"""The namespace of this project's own attributes (type, group; section, explanation, sources)."""
DEFAULT_TYPE = "concept"
"""The type of a concept the file gives none (CmapTools has no kinds of concept)."""
MAX_DEPTH = 32
"""A CXL map nests 4 deep (cmap, map, list, item); a file nesting deeper than this is not read."""
_EDGE_COLUMNS = ("source", "source_type", "relation", "target", "target_type", "section", "explanation", "sources")
_NODE_COLUMNS = ("concept", "type", "group", "description", "x", "y")
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_SPACES = re.compile(r"\s+")
_SPACING = 180.0
"""Pixels between neighbours when a position is worked out here (CmapTools' concepts are about 100 px wide)."""


# --- reading ---------------------------------------------------------------------


def from_cxl(name: str, data: bytes) -> list[tuple[str, bytes]]:
    """The links CSV (under the file's own name) and ``nodes.csv`` of a CXL file.

    Raises
    ------
    ValidationError
        When the file is not XML, not a CmapTools map, uses a DTD or entities, nests too deep,
        or has connections that name ids no concept or linking phrase has.

    Example
    -------
    >>> from graph.files.load import load_files, load_graph
    >>> kg = load_graph("data/edges.csv")
    >>> again = load_files(from_cxl("map.cxl", to_cxl(kg)))
    >>> again.links["relation"].tolist() == kg.links["relation"].tolist()
    True
    """
    root = _parse(name, data)
    concepts: dict[str, dict[str, str]] = {}
    phrases: dict[str, dict[str, str]] = {}
    connections: list[tuple[str, str, str]] = []
    positions: dict[str, tuple[str, str]] = {}
    for element in root.iter():
        tag = _local(element.tag)
        if tag == "concept":
            concepts[element.get("id", "")] = _attributes(element)
        elif tag == "linking-phrase":
            phrases[element.get("id", "")] = _attributes(element)
        elif tag == "connection":
            connections.append((element.get("id", ""), element.get("from-id", ""), element.get("to-id", "")))
        elif tag == "concept-appearance":
            positions[element.get("id", "")] = (element.get("x", ""), element.get("y", ""))
    if _local(root.tag) != "cmap" or not concepts:
        raise _refused(
            name, "this is not a CmapTools map (CXL): it has no <cmap> with a concept-list. Save it from CmapTools as CXL."
        )
    problems = []
    into: dict[str, list[str]] = defaultdict(list)  # a linking phrase's concepts before it
    out_of: dict[str, list[str]] = defaultdict(list)  # and after it
    for number, (connection, start, end) in enumerate(connections, 1):
        where = f"connection {number} (id '{connection}')"
        for end_id, side in ((start, "from-id"), (end, "to-id")):
            if end_id not in concepts and end_id not in phrases:
                problems.append(
                    Problem(name, None, None, f"{where}: its {side} '{end_id}' is no concept's or linking phrase's id.")
                )
        if start in concepts and end in concepts:
            problems.append(
                Problem(name, None, None, f"{where} joins two concepts with no linking phrase; add one in CmapTools.")
            )
        elif start in phrases and end in phrases:
            problems.append(
                Problem(name, None, None, f"{where} joins two linking phrases; a link goes concept, phrase, concept.")
            )
        elif start in concepts and end in phrases:
            into[end].append(start)
        elif start in phrases and end in concepts:
            out_of[start].append(end)
    if problems:
        raise ValidationError(problems[:MAX_PROBLEMS], total=len(problems))
    links = []
    for phrase_id, phrase in phrases.items():
        for source in into[phrase_id]:
            for target in out_of[phrase_id]:
                links.append(
                    [
                        concepts[source]["label"],
                        concepts[source]["type"],
                        phrase["label"],
                        concepts[target]["label"],
                        concepts[target]["type"],
                        phrase["section"],
                        phrase["explanation"],
                        phrase["sources"],
                    ]
                )
    nodes = [
        [c["label"], c["type"], c["group"], c["description"], *positions.get(concept_id, ("", ""))]
        for concept_id, c in concepts.items()
    ]
    return [(name, _csv(_EDGE_COLUMNS, links)), ("nodes.csv", _csv(_NODE_COLUMNS, nodes))]


def _parse(name: str, data: bytes) -> ET.Element:
    """The document's root, read without expanding anything, and only if it nests at most MAX_DEPTH deep."""
    depth = 0
    try:
        parser = SafeET.iterparse(io.BytesIO(data), events=("start", "end"), forbid_dtd=True)
        for event, _element in parser:
            depth += 1 if event == "start" else -1
            if depth > MAX_DEPTH:
                raise _refused(name, f"its elements nest more than {MAX_DEPTH} deep; a CmapTools map nests 4 deep.")
        return parser.root
    except defusedxml.DefusedXmlException as err:
        raise _refused(
            name,
            f"it declares a DTD or entities ({type(err).__name__}), which a CmapTools map never needs; they are not read. "
            "Save the map from CmapTools again.",
        ) from None
    except ParseError as err:
        raise _refused(name, f"this is not a readable XML file ({err}). Save the map from CmapTools as CXL.") from None


def _attributes(element: ET.Element) -> dict[str, str]:
    own = {key.rsplit("}", 1)[-1]: value for key, value in element.attrib.items() if key.startswith("{" + KG_NAMESPACE)}
    return {
        # CmapTools keeps a label's line breaks; a name is one line.
        "label": _SPACES.sub(" ", element.get("label", "")).strip(),
        "type": own.get("type", "").strip() or DEFAULT_TYPE,
        "group": own.get("group", ""),
        "description": element.get("short-comment", "") or element.get("long-comment", ""),
        "section": own.get("section", ""),
        "explanation": own.get("explanation", "") or element.get("long-comment", ""),
        "sources": own.get("sources", ""),
    }


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _refused(name: str, message: str) -> ValidationError:
    return ValidationError([Problem(name, None, None, message)])


def _csv(header, rows) -> bytes:
    out = io.StringIO()
    # Quoted, with a leading apostrophe on a cell that starts like a formula, as the loader expects the export's cells.
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow(header)
    writer.writerows([["'" + cell if cell.startswith(("=", "+", "-", "@", "'")) else cell for cell in row] for row in rows])
    return out.getvalue().encode("utf-8")


# --- writing ---------------------------------------------------------------------


def to_cxl(kg: KnowledgeGraph, link_ids=None, title: str = "Concept map") -> bytes:
    """The graph (or the links ``link_ids`` and their concepts) as a CmapTools map: one linking phrase per link,
    so that each keeps its own evidence; concepts where the file they came from placed them, else where the
    explorer's map of the whole graph puts them.

    Example
    -------
    >>> from graph.files.load import load_graph
    >>> to_cxl(load_graph("data/edges.csv"))[:38]
    b'<?xml version="1.0" encoding="UTF-8"?>'
    """
    links = kg.links if link_ids is None else kg.links.loc[list(link_ids)]
    names = list(dict.fromkeys([*links["source"], *links["target"]]))
    if link_ids is None:  # the whole graph: concepts no link reaches too
        names += [name for name in kg.concepts.index if name not in set(names)]
    ids = {name: f"c{number}" for number, name in enumerate(names, 1)}
    where = _positions(kg, names)

    ET.register_namespace("", CXL_NAMESPACE)
    ET.register_namespace("dc", DC_NAMESPACE)
    ET.register_namespace("kg", KG_NAMESPACE)
    root = ET.Element(_cx("cmap"))
    meta = ET.SubElement(root, _cx("res-meta"))
    ET.SubElement(meta, f"{{{DC_NAMESPACE}}}title").text = _safe(title)
    ET.SubElement(meta, f"{{{DC_NAMESPACE}}}format").text = "x-cmap/x-storable"
    xs = [x for x, _ in where.values()] or [0.0]
    ys = [y for _, y in where.values()] or [0.0]
    the_map = ET.SubElement(root, _cx("map"), width=str(int(max(xs) + 200)), height=str(int(max(ys) + 200)))
    concept_list = ET.SubElement(the_map, _cx("concept-list"))
    phrase_list = ET.SubElement(the_map, _cx("linking-phrase-list"))
    connection_list = ET.SubElement(the_map, _cx("connection-list"))
    concept_looks = ET.SubElement(the_map, _cx("concept-appearance-list"))
    phrase_looks = ET.SubElement(the_map, _cx("linking-phrase-appearance-list"))
    connection_looks = ET.SubElement(the_map, _cx("connection-appearance-list"))
    concepts = kg.concepts
    for name in names:
        info = concepts.loc[name]
        attributes = {"id": ids[name], "label": _safe(name), _kg("type"): _safe(info["type"])}
        if info["group"]:
            attributes[_kg("group")] = _safe(info["group"])
        if info["description"]:
            attributes["short-comment"] = _safe(info["description"])
        ET.SubElement(concept_list, _cx("concept"), attributes)
        x, y = where[name]
        ET.SubElement(concept_looks, _cx("concept-appearance"), id=ids[name], x=f"{x:.0f}", y=f"{y:.0f}")
    columns = ["source", "relation", "target", "section", "explanation", "sources"]
    for number, (source, relation, target, section, explanation, sources) in enumerate(links[columns].itertuples(index=False), 1):
        phrase = f"p{number}"
        attributes = {"id": phrase, "label": _safe(relation)}
        for key, value in (("section", section), ("explanation", explanation), ("sources", sources)):
            if value:
                attributes[_kg(key)] = _safe(value)
        ET.SubElement(phrase_list, _cx("linking-phrase"), attributes)
        ET.SubElement(connection_list, _cx("connection"), {"id": f"k{2 * number - 1}", "from-id": ids[source], "to-id": phrase})
        ET.SubElement(connection_list, _cx("connection"), {"id": f"k{2 * number}", "from-id": phrase, "to-id": ids[target]})
        (x1, y1), (x2, y2) = where[source], where[target]
        ET.SubElement(
            phrase_looks, _cx("linking-phrase-appearance"), id=phrase, x=f"{(x1 + x2) / 2:.0f}", y=f"{(y1 + y2) / 2:.0f}"
        )
        ET.SubElement(connection_looks, _cx("connection-appearance"), id=f"k{2 * number}", arrowhead="yes")
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8", xml_declaration=False) + b"\n"


def _positions(kg: KnowledgeGraph, names: list[str]) -> dict[str, tuple[float, float]]:
    """Each concept's place: its own ``x`` and ``y`` (a CXL file's), else the explorer's map of the whole graph,
    else a grid; in CmapTools' pixels, from a margin at the top left."""
    from graph.picture.layout import map_layout

    concepts = kg.concepts
    placed = {}
    if {"x", "y"} <= set(concepts.columns):
        for name in names:
            x, y = _number(concepts.at[name, "x"]), _number(concepts.at[name, "y"])
            if x is not None and y is not None:
                placed[name] = (x, y)
    if len(placed) == len(names):
        return placed
    layout = map_layout(kg.graph) or {}
    laid = [layout[name] for name in names if name in layout]
    if laid:
        left, top = min(x for x, _ in laid), min(y for _, y in laid)
    width = max(1, int(len(names) ** 0.5))
    for number, name in enumerate(names):
        if name in placed:
            continue
        if name in layout:
            x, y = layout[name]
            x, y = 100 + (x - left) * _SPACING, 60 + (y - top) * _SPACING
        else:
            x, y = 100 + (number % width) * _SPACING, 60 + (number // width) * _SPACING / 2
        placed[name] = (float(round(x)), float(round(y)))  # whole pixels, as written: read back, the same map
    return placed


def _number(value) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if abs(number) < 1e9 else None


def _cx(tag: str) -> str:
    return f"{{{CXL_NAMESPACE}}}{tag}"


def _kg(attribute: str) -> str:
    return f"{{{KG_NAMESPACE}}}{attribute}"


def _safe(value) -> str:
    """Text XML 1.0 can hold: a control character (a word processor's vertical tab, say) becomes U+FFFD."""
    return _NOT_XML.sub("\ufffd", str(value))
