"""Where harm concentrates: Getis-Ord Gi* hot spots, kernel density, emerging hot spots.

Events with a place (missing-episode found locations, sightings, locations named in
intelligence) become points on the British National Grid (EPSG:27700), so cells and
bandwidths are in metres. Points are counted into square cells or hexagons; Getis-Ord Gi*
(computed by :class:`esda.G_Local`, never re-derived here) compares each cell and its
neighbours with the whole study area; a Benjamini-Hochberg false-discovery-rate correction
keeps the many tests (one per cell) from flagging chance clusters; each cell is then a hot or
cold spot at 99, 95 or 90% confidence, or not significant.

>>> import geopandas as gpd
>>> from shapely.geometry import Point
>>> points = gpd.GeoDataFrame(geometry=[Point(430000 + (i % 7) * 20, 290000 + i) for i in range(60)]
...                           + [Point(430000 + 250 * i, 291500 + 170 * (i % 9)) for i in range(40)],
...                           crs=BNG)
>>> cells = grid_hotspots(points, cell_size=250)
>>> cells.loc[cells["count"].idxmax(), "hotspot_class"]
'hot_99'

References: Getis, A. and Ord, J. K. (1992), The analysis of spatial association by use of
distance statistics, Geographical Analysis 24(3); Ord, J. K. and Getis, A. (1995), Local
spatial autocorrelation statistics, Geographical Analysis 27(4); Benjamini, Y. and Hochberg,
Y. (1995), Controlling the false discovery rate, JRSS B 57(1); Wand, M. P. (1994), Fast
computation of multivariate kernel estimators, JCGS 3(4).

The package, one job a module: :mod:`.points` (events into checked points on the national
grid), :mod:`.grid` (cells and counts), :mod:`.gi_star` (the statistic and its classes),
:mod:`.areas` (areas with a value), :mod:`.concern` (hot spots of concern, ranked), :mod:`.heat` (kernel density), :mod:`.emerging` (one
window against the one before), :mod:`.mask` (the analysis mask: the loaded areas, the events
and cells within one), :mod:`.layer` (a window's layer, each area on its own, ranked together)
and :mod:`.stored` (facts read from the store). Every function takes the points it analyses,
so a caller chooses them (a window, an area).
"""

from graph_service.analysis.hotspots.areas import area_weights, polygon_hotspots
from graph_service.analysis.hotspots.concern import (
    CONCERN_COLUMNS,
    REASON_WORDS,
    cell_reasons,
    focus_cells,
    map_focus,
    rank_cells,
    ranks,
)
from graph_service.analysis.hotspots.emerging import TRENDS, EmergingHotspots, windows
from graph_service.analysis.hotspots.gi_star import CLASSES, LABELS, LEVELS, GiStar, classify, grid_hotspots
from graph_service.analysis.hotspots.grid import MAX_CELLS, Grid, aggregate
from graph_service.analysis.hotspots.heat import KernelDensity
from graph_service.analysis.hotspots.layer import WindowLayer, window_layer
from graph_service.analysis.hotspots.mask import (
    Area,
    MaskedGrid,
    UnknownArea,
    analysis_units,
    find_area,
    loaded_areas,
    within,
)
from graph_service.analysis.hotspots.points import BNG, WGS84, HotspotError, bng_xy, points_from_lonlat, to_bng
from graph_service.analysis.hotspots.stored import (
    CONCERN_CATEGORIES,
    CONCERN_REASONS,
    EVENT_RELATIONS,
    KINDS,
    fetch_concern_events,
    fetch_events,
    fetch_locations,
    fetch_person_places,
)

__all__ = [
    "BNG", "CLASSES", "CONCERN_CATEGORIES", "EVENT_RELATIONS", "KINDS", "LABELS", "LEVELS", "MAX_CELLS",
    "TRENDS", "WGS84", "EmergingHotspots", "GiStar", "Grid", "HotspotError", "KernelDensity", "aggregate",
    "area_weights", "bng_xy", "classify", "fetch_events", "fetch_locations", "fetch_person_places", "grid_hotspots",
    "points_from_lonlat", "polygon_hotspots", "to_bng", "windows",
    "CONCERN_COLUMNS", "CONCERN_REASONS", "REASON_WORDS", "cell_reasons", "fetch_concern_events", "focus_cells", "map_focus",
    "rank_cells", "ranks",
    "Area", "MaskedGrid", "UnknownArea", "WindowLayer", "analysis_units", "find_area", "loaded_areas", "window_layer",
    "within",
]
