"""Map layers: hot spots, heat, found-after-missing locations, locations of concern, networks.

Each ``add_*`` function puts one named layer (or one per category or network) on a map made
by :func:`maps.base.base_map`, so the layer control can switch it on and off. Every text a
record brings (a location's name, an ID) is HTML-escaped before it reaches the page.
"""

from __future__ import annotations

import html
import math
from typing import Iterable, Mapping

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
from branca.element import MacroElement
from folium.template import Template
from pyproj import Transformer

from graph_service.analysis.hotspots import BNG, CLASSES, KernelDensity
from maps import style


def _text(value) -> str:
    """Safe inside HTML, inside the JavaScript template literal folium puts tooltips in, and
    inside the Jinja template branca makes of each element's rendered script (braces would
    open template code there; see :func:`maps.export._rendered`)."""
    return (html.escape(str(value)).replace("`", "&#96;").replace("$", "&#36;").replace("\\", "&#92;")
            .replace("{", "&#123;").replace("}", "&#125;"))


def _figures(values: pd.Series, digits: int = 2) -> pd.Series:
    """A column of figures as a tooltip shows them: numbers rounded; words (a partner's
    "fewer than 3", put there by the disclosure rules) as they are."""
    if pd.api.types.is_numeric_dtype(values):
        return pd.to_numeric(values).round(digits)
    return values.astype(str)


def _wgs84(frame: gpd.GeoDataFrame, what: str) -> gpd.GeoDataFrame:
    if frame.crs is None:
        raise ValueError(f"the {what} have no coordinate reference system, so they cannot be placed on a map")
    return frame.to_crs(4326)


# -- legend ---------------------------------------------------------------------------------

class Legend(MacroElement):
    """A key in a corner of the map: coloured swatches with labels.

    A Leaflet control, so several legends in one corner stack instead of overlapping. The
    HTML is built here with every label escaped; the script only inserts it.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.control({position: {{ this.position|tojson }}});
            {{ this.get_name() }}.onAdd = function () {
                var div = L.DomUtil.create("div", "gs-legend");
                div.innerHTML = {{ this.html|tojson }};
                return div;
            };
            {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, title: str, entries: Iterable[tuple[str, str, bool]], note: str | None = None,
                 position: str = "bottomright"):
        super().__init__()
        self._name = "Legend"
        self.position = position
        rows = []
        for colour, label, outline in entries:
            swatch = f"border:2px solid {colour};" if outline else f"background:{colour};border:1px solid #999;"
            rows.append(
                '<div><span style="display:inline-block;width:12px;height:12px;margin-right:6px;'
                f'vertical-align:-1px;{swatch}"></span>{_text(label)}</div>'
            )
        note_html = f'<div style="margin-top:4px;color:#555;">{_text(note)}</div>' if note else ""
        self.html = (
            '<div style="background:rgba(255,255,255,0.92);padding:6px 10px;border-radius:4px;'
            'box-shadow:0 1px 4px rgba(0,0,0,0.3);font:12px/1.4 sans-serif;max-width:min(260px,40vw);'
            'overflow-wrap:anywhere;">'
            f'<div style="font-weight:bold;margin-bottom:4px;">{_text(title)}</div>{"".join(rows)}{note_html}</div>'
        )


# -- hot spots ------------------------------------------------------------------------------

def add_hotspots(m: folium.Map, cells: gpd.GeoDataFrame, value: str = "count", value_label: str = "Events",
                 name: str = "Hot spots (Getis-Ord Gi*)") -> folium.Map:
    """Cells (or areas) by hot spot class, with a legend; not-significant cells are not drawn.

    ``cells``: the output of :func:`~graph_service.analysis.hotspots.grid_hotspots` or
    :func:`~graph_service.analysis.hotspots.polygon_hotspots` (any CRS). When it carries a
    ``trend`` column (emerging hot spots), new and intensifying cells get a second layer.
    """
    cells = _wgs84(cells, "hot spot cells")
    group = folium.FeatureGroup(name=name).add_to(m)
    shown = cells[cells["hotspot_class"] != "not_significant"]
    if len(shown):
        data = gpd.GeoDataFrame({
            "hotspot_class": shown["hotspot_class"].astype(str),
            "class": shown["hotspot_class"].map(style.CLASS_LABELS),
            "value": _figures(shown[value]),
            "z": shown["gi_z"].round(2),
            "p_fdr": shown["p_fdr"].map(lambda p: f"{p:.2g}"),
        }, geometry=shown.geometry, crs=4326)
        folium.GeoJson(
            data.to_json(), name=name,
            style_function=lambda feature: {
                "fillColor": style.CLASS_COLOURS[feature["properties"]["hotspot_class"]],
                "color": "#555555", "weight": 0.5, "fillOpacity": 0.7,
            },
            tooltip=folium.GeoJsonTooltip(
                fields=["class", "value", "z", "p_fdr"],
                aliases=["", _text(value_label), "Gi* z-score", "p (FDR-adjusted)"],
            ),
        ).add_to(group)
    present = [c for c in CLASSES if c != "not_significant"]
    entries = [(style.CLASS_COLOURS[c], style.CLASS_LABELS[c], False) for c in present]
    if "trend" in cells.columns:
        _add_trend(m, cells)
        entries += [(style.TREND_COLOURS[t], style.TREND_LABELS[t], True) for t in style.TREND_COLOURS]
    note = None if len(shown) else "No significant hot or cold spots."
    # Bottom left, stacked with the locations' legend: the layer control fills the right-hand
    # side of the map, and a legend there covered its lower entries.
    Legend(name, entries, note=note or "Confidence after false-discovery-rate correction.",
           position="bottomleft").add_to(m)
    return m


def _add_trend(m: folium.Map, cells: gpd.GeoDataFrame) -> None:
    group = folium.FeatureGroup(name="Emerging hot spots").add_to(m)
    moving = cells[cells["trend"].isin(list(style.TREND_COLOURS))]
    if not len(moving):
        return
    data = gpd.GeoDataFrame({
        "trend": moving["trend"].astype(str),
        "label": moving["trend"].map(style.TREND_LABELS),
        "now": _figures(moving["count"], 0),
        "before": _figures(moving["count_before"], 0),
    }, geometry=moving.geometry, crs=4326)
    folium.GeoJson(
        data.to_json(), name="Emerging hot spots",
        style_function=lambda feature: {
            "color": style.TREND_COLOURS[feature["properties"]["trend"]], "weight": 3, "fill": False,
        },
        tooltip=folium.GeoJsonTooltip(fields=["label", "now", "before"],
                                      aliases=["", "Events this window", "Events previous window"]),
    ).add_to(group)


# -- heat -----------------------------------------------------------------------------------

#: Colour ramp of the heat layer: (fraction of the peak density, RGBA).
HEAT_RAMP = ((0.0, (255, 255, 178, 0)), (0.05, (255, 255, 178, 90)), (0.3, (254, 178, 76, 170)),
             (0.6, (240, 59, 32, 210)), (1.0, (189, 0, 38, 235)))


def add_heat(m: folium.Map, density: KernelDensity, name: str | None = None, width: int = 800) -> folium.Map:
    """The kernel density surface as a semi-transparent image over the map.

    The surface is computed on the national grid; here it is resampled onto the web map's
    own (Web Mercator) pixels, so it sits exactly where the events are at every zoom.
    """
    name = name or f"Heat (kernel density, {density.bandwidth:g} m)"
    to_wgs84 = Transformer.from_crs(BNG, 4326, always_xy=True)
    x0, y0, x1, y1 = density.bounds
    edge = np.linspace(0, 1, 50)
    xs = np.concatenate([x0 + (x1 - x0) * edge, np.full(50, x1), x0 + (x1 - x0) * edge, np.full(50, x0)])
    ys = np.concatenate([np.full(50, y0), y0 + (y1 - y0) * edge, np.full(50, y1), y0 + (y1 - y0) * edge])
    lon, lat = to_wgs84.transform(xs, ys)
    west, east, south, north = lon.min(), lon.max(), lat.min(), lat.max()
    to_mercator = Transformer.from_crs(4326, 3857, always_xy=True)
    (mx0, mx1), (my0, my1) = to_mercator.transform([west, east], [south, north])
    height = max(2, int(round(width * (my1 - my0) / (mx1 - mx0))))
    px = mx0 + (np.arange(width) + 0.5) * (mx1 - mx0) / width
    py = my1 - (np.arange(height) + 0.5) * (my1 - my0) / height  # row 0 is the north edge
    grid_x, grid_y = np.meshgrid(px, py)
    bx, by = Transformer.from_crs(3857, BNG, always_xy=True).transform(grid_x.ravel(), grid_y.ravel())
    values = density.at(bx, by).reshape(height, width)
    peak = values.max()
    fraction = values / peak if peak > 0 else values
    stops = [s for s, _ in HEAT_RAMP]
    rgba = np.stack([np.interp(fraction, stops, [c[i] for _, c in HEAT_RAMP]) for i in range(4)], axis=-1)
    folium.raster_layers.ImageOverlay(
        image=rgba.round().astype(np.uint8), bounds=[[south, west], [north, east]], name=name,
        pixelated=False, interactive=False,
    ).add_to(m)
    return m


# -- points ---------------------------------------------------------------------------------

def add_found_locations(m: folium.Map, events: gpd.GeoDataFrame, name: str = "Found after missing") -> folium.Map:
    """Where children were found at the end of missing episodes: one circle per location,
    its area growing with the number of episodes. No child is named."""
    events = _wgs84(events, "missing-episode locations")
    if "kind" in events.columns:
        events = events[events["kind"] == "missing"]
    group = folium.FeatureGroup(name=name).add_to(m)
    if not len(events):
        return m
    frame = pd.DataFrame({
        "location_id": events["location_id"].to_numpy(),
        "category": events["category"].to_numpy() if "category" in events.columns else "",
        "lat": events.geometry.y.to_numpy(), "lon": events.geometry.x.to_numpy(),
    })
    places = frame.groupby(["location_id", "category", "lat", "lon"], as_index=False, dropna=False).size()
    for row in places.itertuples(index=False):
        episodes = int(row.size)
        folium.CircleMarker(
            location=[row.lat, row.lon], radius=min(4 + 3 * math.sqrt(episodes), 18), color=style.FOUND_COLOUR,
            weight=1, fill=True, fill_opacity=0.6,
            tooltip=folium.Tooltip(
                f"{_text(row.location_id)} ({_text(style.category_label(row.category))})<br>"
                f"found after missing: {episodes} episode{'s' if episodes != 1 else ''}"
            ),
        ).add_to(group)
    return m


def add_locations(m: folium.Map, locations: gpd.GeoDataFrame, prefix: str = "Locations",
                  shown: bool = True) -> folium.Map:
    """Locations of concern, one layer per category (hotels, takeaways, taxi ranks...);
    ``shown``: drawn when the map opens (else listed in the layer control, to switch on)."""
    locations = _wgs84(locations, "locations")
    categories = sorted(locations["category"].dropna().unique(), key=lambda c: list(style.CATEGORY_COLOURS).index(c)
                        if c in style.CATEGORY_COLOURS else len(style.CATEGORY_COLOURS))
    entries = []
    for category in categories:
        colour = style.CATEGORY_COLOURS.get(category, style.CATEGORY_COLOURS["other"])
        label = style.category_label(category)
        entries.append((colour, label, False))
        group = folium.FeatureGroup(name=f"{prefix}: {label}", show=shown).add_to(m)
        for row in locations[locations["category"] == category].itertuples(index=False):
            lines = [f"<b>{_text(getattr(row, 'name', None) or row.location_id)}</b>", _text(label)]
            for field, words in (("missing_found", "found after missing"), ("sightings", "sightings"),
                                 ("members", "members of the network there")):
                count = getattr(row, field, None)
                if count:
                    lines.append(f"{words}: {int(count)}")
            folium.CircleMarker(
                location=[row.geometry.y, row.geometry.x], radius=6, color="#333333", weight=1,
                fill=True, fill_color=colour, fill_opacity=0.9, tooltip=folium.Tooltip("<br>".join(lines)),
            ).add_to(group)
    # Off when the map opens: no legend either (ten rows over the map's left third for layers
    # not drawn); each place's tooltip names its kind once switched on.
    if entries and shown:
        Legend(prefix, entries, position="bottomleft").add_to(m)
    return m


# -- networks -------------------------------------------------------------------------------

def add_networks(m: folium.Map, members: Iterable[Mapping] | pd.DataFrame, places: pd.DataFrame,
                 ties: Iterable = (), prefix: str = "Network") -> folium.Map:
    """Networks on the map: members at the place the evidence links them to, ties as lines,
    one colour and one layer per network.

    ``members``: rows with ``person_id`` and ``network_id`` (e.g. the networks task's
    partition as records). ``places``: rows with ``person_id``, ``lat``, ``lon`` (see
    :func:`~graph_service.analysis.hotspots.fetch_person_places`); members without a place are
    left off the map. ``ties``: pairs of person IDs, mappings with ``source``/``target``, or a
    NetworkX graph; ties across two networks are drawn grey and dashed in their own layer.
    People at the same place are fanned out around it so each stays visible.
    """
    members = pd.DataFrame(list(members) if not isinstance(members, pd.DataFrame) else members)
    places = pd.DataFrame(places)
    if members.empty or places.empty:
        return m
    network_of = dict(zip(members["person_id"].astype(str), members["network_id"], strict=False))
    where = {str(r.person_id): (float(r.lat), float(r.lon)) for r in places.itertuples(index=False)
             if str(r.person_id) in network_of}
    where = _fan_out(where)
    # In number order (1, 2, ... 15), not as text (1, 15, 17, 2), in the layer list and the legend.
    colours = style.network_colours(sorted(set(network_of.values()), key=_natural))
    groups = {n: folium.FeatureGroup(name=f"{prefix} {n}").add_to(m) for n in colours}
    across = None
    for a, b in _pairs(ties):
        if a not in where or b not in where:
            continue
        same = network_of.get(a) == network_of.get(b)
        if same:
            target, colour, dash = groups[network_of[a]], colours[network_of[a]], None
        else:
            across = across or folium.FeatureGroup(name="Ties between networks").add_to(m)
            target, colour, dash = across, style.CROSS_NETWORK_COLOUR, "4 4"
        folium.PolyLine([where[a], where[b]], color=colour, weight=2, opacity=0.8, dash_array=dash).add_to(target)
    for person_id, (lat, lon) in where.items():
        network = network_of[person_id]
        folium.CircleMarker(
            location=[lat, lon], radius=6, color="#222222", weight=1, fill=True, fill_color=colours[network],
            fill_opacity=0.95, tooltip=folium.Tooltip(f"{_text(person_id)}<br>{_text(prefix)} {_text(network)}"),
        ).add_to(groups[network])
    Legend("Networks", [(colours[n], f"{prefix} {n}", False) for n in colours], position="bottomleft").add_to(m)
    return m


def _natural(value) -> tuple:
    """A sort key putting numbers in number order before any other text."""
    text = str(value)
    return (0, int(text), "") if text.isdigit() else (1, 0, text)


def _pairs(ties) -> Iterable[tuple[str, str]]:
    if hasattr(ties, "edges"):
        ties = ties.edges()
    for tie in ties:
        if isinstance(tie, Mapping):
            yield str(tie["source"]), str(tie["target"])
        else:
            a, b = tuple(tie)[:2]
            yield str(a), str(b)


def _fan_out(where: dict[str, tuple[float, float]], metres: float = 25.0) -> dict[str, tuple[float, float]]:
    """People sharing a place spread on a small circle around it (display only)."""
    at: dict[tuple[float, float], list[str]] = {}
    for person, place in sorted(where.items()):
        at.setdefault(place, []).append(person)
    out = {}
    for (lat, lon), people in at.items():
        if len(people) == 1:
            out[people[0]] = (lat, lon)
            continue
        for i, person in enumerate(people):
            angle = 2 * math.pi * i / len(people)
            dlat = metres * math.sin(angle) / 111_320
            dlon = metres * math.cos(angle) / (111_320 * math.cos(math.radians(lat)))
            out[person] = (lat + dlat, lon + dlon)
    return out


#: The layer control (top right) and the legends (bottom left) each keep to their own side of
#: the map, however narrow the frame, so no legend ever covers the control: Leaflet already
#: keeps an open control within the map's height, scrolling its list.
_SIDES = ("<style>.leaflet-control-layers{max-width:calc(50vw - 20px);overflow-wrap:anywhere;}"
          ".leaflet-bottom.leaflet-left{max-width:calc(50vw - 20px);}</style>")


def add_layer_control(m: folium.Map) -> folium.Map:
    # Folded to its button (it opens under the pointer, or on a tap): open, a hot spot map's
    # fifteen layers covered the right third of the map and the cells under it.
    folium.LayerControl(collapsed=True).add_to(m)
    m.get_root().header.add_child(folium.Element(_SIDES), name="gs_sides")
    return m
