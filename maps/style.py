"""Colours and labels of the map layers, in one place so every map reads the same."""

from __future__ import annotations

from itertools import cycle, islice

from graph_service.analysis.hotspots import LABELS

#: Hot spot classes: reds for hot, blues for cold, darker for more confidence.
CLASS_COLOURS = {
    "hot_99": "#b2182b",
    "hot_95": "#ef8a62",
    "hot_90": "#fddbc7",
    "not_significant": "#f7f7f7",
    "cold_90": "#d1e5f0",
    "cold_95": "#67a9cf",
    "cold_99": "#2166ac",
}
CLASS_LABELS = LABELS

#: Outline of a cell by its trend against the previous window.
TREND_COLOURS = {"new": "#7b3294", "intensifying": "#000000"}
TREND_LABELS = {"new": "Newly hot this window", "intensifying": "Hot and intensifying"}

#: Location categories (intake format), each with its colour.
CATEGORY_COLOURS = {
    "hotel": "#e41a1c",
    "takeaway": "#ff7f00",
    "licensed_premises": "#a65628",
    "taxi_rank": "#984ea3",
    "park": "#4daf4a",
    "car_park": "#377eb8",
    "shop": "#f781bf",
    "school": "#66c2a5",
    "children_home": "#e7298a",
    "home_address": "#999999",
    "other": "#666666",
}

#: Found-after-missing markers.
FOUND_COLOUR = "#d95f02"

#: Networks are told apart by colour; the palette repeats after twelve networks.
NETWORK_PALETTE = (
    "#1f78b4", "#e31a1c", "#33a02c", "#ff7f00", "#6a3d9a", "#b15928",
    "#a6cee3", "#fb9a99", "#b2df8a", "#fdbf6f", "#cab2d6", "#ffff99",
)
CROSS_NETWORK_COLOUR = "#777777"


def category_label(category: str) -> str:
    return str(category).replace("_", " ").capitalize()


def network_colours(network_ids) -> dict:
    """A colour for each network, in the order given (stable for a sorted list)."""
    ids = list(dict.fromkeys(network_ids))
    return dict(zip(ids, islice(cycle(NETWORK_PALETTE), len(ids)), strict=False))
