"""A link chart (:mod:`graph_service.analysis.link_chart`) in formats other tools open:
GraphML (Gephi, yEd, NetworkX, Cytoscape), i2 Analyst's Notebook chart XML (ANX), and its
places as a GeoPackage (QGIS, ArcGIS); map layers (a hot spot layer's GeoJSON) as GeoPackage too.

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
FORMATS = {"graphml": (".graphml", "application/graphml+xml"), "anx": (".anx", "application/xml"),
           "gpkg": (".gpkg", "application/geopackage+sqlite3")}
#: Binary formats, which are written to a file, never to a terminal.
BINARY = ("gpkg",)
#: The coordinates of places as stored (WGS84 longitude and latitude).
WGS84 = "EPSG:4326"

#: i2 entity types (their standard icons) for the kinds of entity; a child gets its own type
#: so that a chart opened in i2 still marks children.
ANX_ENTITY_TYPES = {"person": ("Person", "Person"), "child": ("Child at risk", "Child"),
                    "vehicle": ("Vehicle", "Car"), "location": ("Place", "Place"),
                    "phone": ("Phone", "Phone"), "online_account": ("Online account", "Computer")}
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


def to_format(chart: dict, form: str) -> bytes:
    """The chart in ``form`` (a key of :data:`FORMATS`)."""
    return {"anx": to_anx, "graphml": to_graphml, "gpkg": to_gpkg}[form](chart)


def chart_places(chart: dict):
    """The chart's places with coordinates as a GeoDataFrame (WGS84 points): ``location_id``,
    ``name``, ``category``, ``handling_c``, how many ``ties`` it has on the chart and the
    entities they join it to (``tied_to``, ``kind:ID`` joined with ``; ``), strongest
    ``best_grade``. Places without coordinates are left out."""
    import geopandas as gpd
    from shapely.geometry import Point

    from graph_service import grading

    tied: dict[str, list[tuple[str, str]]] = {}
    for edge in chart["edges"]:
        for end, other in ((edge["source"], edge["target"]), (edge["target"], edge["source"])):
            tied.setdefault(end, []).append((other, edge["grade"]))
    rows = [{"location_id": node["id"], "name": node["label"] or "", "category": node.get("category") or "",
             "handling_c": bool(node.get("handling_c")), "ties": len(tied.get(node["key"], [])),
             "tied_to": "; ".join(other for other, _ in tied.get(node["key"], [])),
             "best_grade": grading.strongest([grade for _, grade in tied.get(node["key"], [])]) or "",
             "geometry": Point(node["lon"], node["lat"])}
            for node in chart["nodes"]
            if node["kind"] == "location" and node.get("lat") is not None and node.get("lon") is not None]
    columns = ["location_id", "name", "category", "handling_c", "ties", "tied_to", "best_grade", "geometry"]
    return gpd.GeoDataFrame(rows, columns=columns, geometry="geometry", crs=WGS84)


def to_gpkg(chart: dict) -> bytes:
    """The chart's places (:func:`chart_places`) as a GeoPackage with one layer, ``places``."""
    return gpkg_bytes(chart_places(chart), "places")


def geojson_to_gpkg(collection: dict, layer: str) -> bytes:
    """A GeoJSON FeatureCollection in WGS84 (a map layer as the service serves it, already
    shaped for whoever asked) as a GeoPackage layer; lists become text joined with ``; ``."""
    import geopandas as gpd

    features = [{**f, "properties": {k: "; ".join(map(str, v)) if isinstance(v, list) else v
                                     for k, v in f["properties"].items()}} for f in collection["features"]]
    frame = gpd.GeoDataFrame.from_features(features, crs=WGS84) if features else \
        gpd.GeoDataFrame({"cell_id": []}, geometry=gpd.GeoSeries([], crs=WGS84))
    return gpkg_bytes(frame, layer)


def gpkg_bytes(frame, layer: str) -> bytes:
    """``frame`` written by pyogrio (GDAL) as a GeoPackage, its bytes (a GeoPackage is a
    SQLite file: written to a private temporary folder, read back, removed)."""
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{layer}.gpkg"
        frame.to_file(path, layer=layer, driver="GPKG", engine="pyogrio")
        return path.read_bytes()
