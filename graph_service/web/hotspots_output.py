"""A hot spot layer as the pages, the API and the export give it: the cells of concern as rows
(in rank order, with their reasons and the nearest place of concern), a page of them, the
GeoJSON (compressed once per layer) and the map."""

from __future__ import annotations

import gzip
import json

import geopandas as gpd
import pandas as pd
from flask import Response, request

from graph_service import disclosure
from graph_service.analysis import hotspots as hotspot_analysis
from graph_service.web.database import get_db
from graph_service.web.hotspots_layers import Layer
from graph_service.web.mapframes import tiles
from graph_service.web.paging import Page, offset, requested_page


def cell_rows(layer: Layer) -> list[dict]:
    """The cells with a sign of concern as rows for tables and JSON, in order of concern (rank
    1 first) with the reasons for each, the activity figures and the nearest location of
    concern; for partners, counts as the disclosure rules left them. Made once per layer."""
    if layer.rows is None:
        layer.rows = _cell_rows(layer)
    return layer.rows


def _cell_rows(layer: Layer) -> list[dict]:
    if layer.empty:
        return []
    cells = layer.cells
    cells = cells[cells["rank"].notna().to_numpy()].sort_values("rank")
    if not len(cells):
        return []
    centres = cells.to_crs(hotspot_analysis.BNG).geometry.centroid
    nearest = _nearest_concern(gpd.GeoDataFrame({"cell_id": cells["cell_id"].to_numpy()}, geometry=centres.to_numpy(),
                                                crs=hotspot_analysis.BNG))
    rows = []
    wgs = centres.to_crs(hotspot_analysis.WGS84)
    for (_, cell), point in zip(cells.iterrows(), wgs, strict=False):
        rows.append({
            "rank": int(cell["rank"]),
            "cell_id": str(cell["cell_id"]), "area_id": cell["area_id"],
            "lat": round(point.y, 5), "lon": round(point.x, 5),
            "reasons": hotspot_analysis.cell_reasons(cell),
            "concern_count": _number(cell["concern_count"]),
            **{reason: _number(cell[reason]) for reason in hotspot_analysis.CONCERN_REASONS},
            "concern_z": round(float(cell["concern_z"]), 3), "concern_p_fdr": round(float(cell["concern_p_fdr"]), 4),
            "concern_class": cell["concern_class"], "concern_label": hotspot_analysis.LABELS[cell["concern_class"]],
            "count": _number(cell["count"]), "count_before": _number(cell["count_before"]),
            "gi_z": round(float(cell["gi_z"]), 3), "p_fdr": round(float(cell["p_fdr"]), 4),
            "hotspot_class": cell["hotspot_class"], "hotspot_label": hotspot_analysis.LABELS[cell["hotspot_class"]],
            "trend": cell["trend"] or None,
            "near": nearest.get(str(cell["cell_id"])),
        })
    return rows


def _number(value) -> int | None:
    """A cell's count as JSON: None where the disclosure rules withheld it."""
    return None if pd.isna(value) else int(value)


def _nearest_concern(centres: gpd.GeoDataFrame) -> dict[str, dict]:
    locations = hotspot_analysis.fetch_locations(get_db(), hotspot_analysis.CONCERN_CATEGORIES)
    if not len(locations) or not len(centres):
        return {}
    joined = gpd.sjoin_nearest(centres, locations.to_crs(hotspot_analysis.BNG)[["name", "category", "geometry"]],
                               distance_col="metres")
    joined = joined[~joined.index.duplicated()]
    return {
        str(row.cell_id): {"name": row.name, "category": row.category, "metres": int(round(row.metres))}
        for row in joined.itertuples()
    }


def geojson(layer: Layer) -> dict:
    """The layer's cells as a GeoJSON FeatureCollection (WGS84) in order of concern: the cells
    with a sign of concern first, by ``rank`` (1 = of most concern) with their ``reasons``,
    then every other cell with an event in either window, a significant statistic or a trend.
    The rest of the grid (empty and not significant, most of it) only marks out the study area
    and is left out."""
    if layer.empty:
        return {"type": "FeatureCollection", "features": [], "properties": {**layer.choice.query(), **layer.summary()}}
    cells = layer.cells
    # A withheld count (<NA>) is a cell with one or two events: telling too.
    has_events = [(c > 0).fillna(True) for c in (cells["count"], cells["count_before"])]
    telling = (has_events[0] | has_events[1] | (cells["hotspot_class"] != "not_significant") | (cells["trend"] != "")
               | cells["rank"].notna())
    cells = cells.loc[telling.to_numpy()].copy()
    cells["_order"] = cells["rank"].fillna(len(cells) + 1)
    cells = cells.sort_values(["_order", "cell_id"], kind="stable")
    reasons = [hotspot_analysis.cell_reasons(cell) if pd.notna(cell["rank"]) else [] for _, cell in cells.iterrows()]
    cells = cells[["cell_id", "area_id", "rank", *hotspot_analysis.CONCERN_REASONS, "concern_count", "concern_value", "concern_z",
                   "concern_p_fdr", "concern_class", "count", "count_before", "value", "gi_z", "p_fdr",
                   "hotspot_class", "trend", "geometry"]]
    cells["cell_id"] = cells["cell_id"].astype(str)
    data = json.loads(cells.to_json(drop_id=True, na="null"))
    for feature, because in zip(data["features"], reasons, strict=True):
        feature["properties"]["reasons"] = because
    data["properties"] = {**layer.choice.query(), **layer.summary(),
                          "suppressed_below": disclosure.SUPPRESS_BELOW if layer.choice.partner else None}
    return data


def geojson_text(layer: Layer) -> str:
    """:func:`geojson` as JSON text, made once per layer."""
    if layer.geojson is None:
        layer.geojson = json.dumps(geojson(layer))
    return layer.geojson


def geojson_response(layer: Layer, mimetype: str, headers: dict | None = None) -> Response:
    """The layer's GeoJSON, gzip-compressed (once per layer) when the client accepts it: a
    town's layer is hundreds of kB of text that compresses about tenfold, and sending it
    whole to every reader held the server's threads far longer than computing it."""
    response = Response(mimetype=mimetype, headers=headers)
    response.vary.add("Accept-Encoding")
    if "gzip" in request.accept_encodings:
        if layer.geojson_gzip is None:
            layer.geojson_gzip = gzip.compress(geojson_text(layer).encode(), compresslevel=6, mtime=0)
        response.set_data(layer.geojson_gzip)
        response.content_encoding = "gzip"
    else:
        response.set_data(geojson_text(layer))
    return response


#: The map's hot spot layer: cells coloured by their class of concern (Gi* of the signs of
#: exploitation), the figures in its tooltip those of concern.
CONCERN_MAP_COLUMNS = {"concern_class": "hotspot_class", "concern_z": "gi_z", "concern_p_fdr": "p_fdr"}
def hotspot_map(layer: Layer):
    import maps

    if layer.empty:
        return None
    density = None if layer.heat is None else hotspot_analysis.KernelDensity(layer.heat, bandwidth=300.0, weight="weight")
    locations = hotspot_analysis.fetch_locations(get_db(), hotspot_analysis.CONCERN_CATEGORIES)
    cells = layer.cells
    if layer.choice.partner:
        locations = disclosure.places_of_concern(locations)
        cells = disclosure.cells_as_text(cells, ["count", "count_before", "concern_count"])
    by_concern = cells.drop(columns=list(CONCERN_MAP_COLUMNS.values())).rename(columns=CONCERN_MAP_COLUMNS)
    found = layer.found if layer.found is not None and len(layer.found) else None
    # The map opens on the cells of most concern in the chosen area, or in the area of most
    # concern, with the boundaries of the areas computed drawn; without areas, on the cells of
    # most concern.
    outline = None if not layer.units else pd.concat([a.frame() for a in layer.units], ignore_index=True)
    opens_on = hotspot_analysis.map_focus(cells, layer.opens_on)
    return maps.hotspot_map(by_concern, density=density, found=found, locations=locations if len(locations) else None,
                            value="concern_count", value_label="Signs of concern", focus=opens_on, outline=outline,
                            name="Hot spots of concern (Gi* of signs of exploitation)",
                            tiles=tiles(), title=f"Hot spots of concern {layer.choice.start} to {layer.choice.end}")


#: Cells of concern a page lists (the export has them all); the printable page lists more.
PAGE_ROWS = 10
PRINT_ROWS = 50


def cell_page(layer: Layer, per_page: int = PAGE_ROWS) -> Page:
    """The page of cells of concern a request asks for (``page``, ``per_page``), in rank order."""
    number, per_page = requested_page(per_page)
    rows = cell_rows(layer)
    start = offset(number, per_page)
    return Page(rows[start:start + per_page], len(rows), number, per_page)
