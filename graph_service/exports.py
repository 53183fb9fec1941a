"""A link chart (:mod:`graph_service.analysis.link_chart`) in formats other tools open:
GraphML (Gephi, yEd, NetworkX, Cytoscape) and i2 Analyst's Notebook chart XML (ANX).

Both are written by real XML writers (NetworkX's GraphML writer; :mod:`xml.etree` for ANX),
never by joining strings, so intake text (names, summaries, handling conditions) travels as
text whatever it holds. Every tie keeps its grade, its evidence IDs and its handling
conditions: a chart opened elsewhere still says what each line rests on and how it may be
shared. Police analysts only, and every export is audited by its caller (web or CLI).

>>> chart = {"nodes": [{"key": "person:A", "kind": "person", "id": "A", "label": "<b>Ann</b>", "child": False,
...                     "category": None, "handling_c": False}], "edges": []}
>>> b"&lt;b&gt;Ann&lt;/b&gt;" in to_anx(chart)
True
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import networkx as nx

#: The formats, as ``--format`` and the download links name them, with file suffix and type.
FORMATS = {"graphml": (".graphml", "application/graphml+xml"), "anx": (".anx", "application/xml")}

#: i2 entity types (their standard icons) for the kinds of entity; a child gets its own type
#: so that a chart opened in i2 still marks children.
ANX_ENTITY_TYPES = {"person": ("Person", "Person"), "child": ("Child at risk", "Child"),
                    "vehicle": ("Vehicle", "Car"), "location": ("Place", "Place")}
#: i2 link strengths for the chart's line styles (see link_chart.line_style).
ANX_STRENGTHS = {"solid": ("Confirmed", "DotStyleSolid"), "dashed": ("Unconfirmed", "DotStyleDashed"),
                 "dotted": ("Tentative", "DotStyleDotted")}
#: Attribute classes every item may carry, all text.
ANX_ATTRIBUTES = ("Kind", "ID", "Child", "Grade", "Handling code", "Handling conditions", "Evidence",
                  "First observed", "Last observed")


def to_networkx(chart: dict) -> nx.Graph:
    """The chart as a NetworkX graph: nodes keyed ``kind:ID``; list values joined with ``"; "``
    (GraphML holds no lists); nothing is ``None`` (GraphML has no null)."""
    graph = nx.Graph()
    for node in chart["nodes"]:
        graph.add_node(node["key"], kind=node["kind"], entity_id=node["id"], label=node["label"] or "",
                       child=bool(node["child"]), category=node.get("category") or "",
                       handling_c=bool(node.get("handling_c")))
    for edge in chart["edges"]:
        graph.add_edge(edge["source"], edge["target"], relations="; ".join(edge["relations"]), grade=edge["grade"],
                       style=edge["style"], handling_code=edge["handling_code"] or "",
                       handling_conditions="; ".join(edge["handling_conditions"]),
                       evidence="; ".join(f"{e['kind']} {e['id']} ({e['grade']})" for e in edge["evidence"]),
                       first_observed=edge["first_observed"] or "", last_observed=edge["last_observed"] or "",
                       count=edge["count"])
    return graph


def to_graphml(chart: dict) -> bytes:
    out = io.BytesIO()
    nx.write_graphml(to_networkx(chart), out, encoding="utf-8", prettyprint=True)
    return out.getvalue()


def to_anx(chart: dict) -> bytes:
    """i2 Analyst's Notebook chart XML: entity types, link types and strengths, then one
    ``ChartItem`` per entity (``End``/``Entity``/``Icon``) and per tie (``Link`` with its
    ``LinkStyle``), each with its grade, handling and evidence as attributes and in the
    description. Entities are laid out on a circle; i2's own layouts rearrange them."""
    root = ET.Element("Chart", {"Rigorous": "true", "IdReferenceLinking": "false", "LabelRule": "LabelRuleMerge"})
    classes = ET.SubElement(root, "AttributeClassCollection")
    for name in ANX_ATTRIBUTES:
        ET.SubElement(classes, "AttributeClass", {"Name": name, "Type": "AttText", "Visible": "true",
                                                  "ShowValue": "true", "ShowPrefix": "true"})
    strengths = ET.SubElement(root, "StrengthCollection")
    for name, dots in ANX_STRENGTHS.values():
        ET.SubElement(strengths, "Strength", {"Name": name, "Id": name, "DotStyle": dots})
    types = ET.SubElement(root, "EntityTypeCollection")
    for name, icon in ANX_ENTITY_TYPES.values():
        ET.SubElement(types, "EntityType", {"Name": name, "IconFile": icon, "PreferredRepresentation": "RepresentAsIcon"})
    links = ET.SubElement(root, "LinkTypeCollection")
    ET.SubElement(links, "LinkType", {"Name": "Link", "Colour": "0"})
    ET.SubElement(links, "LinkType", {"Name": "Handling code C", "Colour": "255"})
    items = ET.SubElement(root, "ChartItemCollection")
    ids = {node["key"]: str(number) for number, node in enumerate(chart["nodes"], 1)}
    for number, node in enumerate(chart["nodes"]):
        x, y = _circle(number, len(chart["nodes"]))
        kind = "child" if node["child"] else node["kind"]
        item = ET.SubElement(items, "ChartItem", {"Label": node["label"] or node["id"], "Description": _node_text(node),
                                                  "DateSet": "false", "Shown": "true"})
        end = ET.SubElement(item, "End", {"X": str(x), "Y": str(y), "Z": "0"})
        entity = ET.SubElement(end, "Entity", {"EntityId": ids[node["key"]], "Identity": node["key"],
                                               "LabelIsIdentity": "false"})
        icon = ET.SubElement(entity, "Icon")
        ET.SubElement(icon, "IconStyle", {"Type": ANX_ENTITY_TYPES[kind][0]})
        _attributes(item, {"Kind": node["kind"], "ID": node["id"], "Child": "yes" if node["child"] else "no"})
    for edge in chart["edges"]:
        item = ET.SubElement(items, "ChartItem", {"Label": "; ".join(edge["relations"]) + f" ({edge['grade']})",
                                                  "Description": _edge_text(edge), "DateSet": "false", "Shown": "true"})
        link = ET.SubElement(item, "Link", {"End1Id": ids[edge["source"]], "End2Id": ids[edge["target"]]})
        ET.SubElement(link, "LinkStyle", {
            "Type": "Handling code C" if edge["handling_code"] == "C" else "Link", "ArrowStyle": "ArrowNone",
            "Strength": ANX_STRENGTHS[edge["style"]][0], "LineWidth": "2" if edge["style"] == "solid" else "1"})
        _attributes(item, {"Grade": edge["grade"], "Handling code": edge["handling_code"] or "",
                           "Handling conditions": "; ".join(edge["handling_conditions"]),
                           "Evidence": "; ".join(f"{e['kind']} {e['id']} ({e['grade']})" for e in edge["evidence"]),
                           "First observed": edge["first_observed"] or "", "Last observed": edge["last_observed"] or ""})
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _attributes(item: ET.Element, values: dict) -> None:
    collection = ET.SubElement(item, "AttributeCollection")
    for name, value in values.items():
        if value:
            ET.SubElement(collection, "Attribute", {"AttributeClass": name, "Value": value})


def _node_text(node: dict) -> str:
    parts = [f"{node['kind']} {node['id']}"]
    if node["child"]:
        parts.append("child at risk")
    if node.get("category"):
        parts.append(node["category"].replace("_", " "))
    if node.get("handling_c"):
        parts.append("some evidence about them has handling code C: see the conditions on their ties")
    return "; ".join(parts)


def _edge_text(edge: dict) -> str:
    text = f"{'; '.join(edge['relations_text'])}; strongest grade {edge['grade']}; {edge['count']} item(s)"
    if edge["handling_code"] == "C":
        text += "; handling code C: " + " / ".join(edge["handling_conditions"] or ["conditions not recorded"])
    return text


def _circle(number: int, count: int) -> tuple[int, int]:
    import math

    radius = max(200, 40 * count // 6)
    angle = 2 * math.pi * number / max(count, 1)
    return round(radius * math.cos(angle)), round(radius * math.sin(angle))
