"""``graph-service hotspots``: Gi* hot spot layers as GeoJSON, and as a map with ``--map``.

Three sources:

- the stored intelligence (default): found locations of missing episodes, sightings and
  locations in intelligence, by ``--kinds`` and ``--from``/``--to``; with ``--from`` the
  window is also compared with the one before it (emerging hot spots). Computed within an
  area (``--area``: a loaded area's ID or name; events outside it are left out), or, with none
  given, within each loaded council on its own: one Gi* never spans two towns;
- ``--points FILE``: an analyst's own points (CSV with ``lat``/``lon``, GeoJSON, shapefile);
- ``--polygons FILE --value COLUMN``: areas with a value (e.g. counts per ward).
"""

from __future__ import annotations

import os
import tempfile
import warnings
from datetime import date, timedelta
from pathlib import Path

import click
import geopandas as gpd
import numpy as np
import pandas as pd

from graph_service import settings as service_settings
from graph_service.analysis import hotspots as hs
from graph_service.cli.auditing import parameters, record
from graph_service.cli.output import echo_json
from graph_service.vocabulary import HOTSPOT_PLACE_CATEGORIES


class InputError(click.ClickException):
    """A problem with the user's input, said with the file, line or feature, and field."""


@click.command("hotspots")
@click.option("--from", "start", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Stored data: first day of the window (YYYY-MM-DD); also compares it with the window before.")
@click.option("--to", "end", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Stored data: last day of the window (default: today when --from is given).")
@click.option("--kinds", default=",".join(hs.KINDS), show_default=True,
              help="Stored data: event kinds, comma-separated: missing (found locations), sighting, intel.")
@click.option("--area", "area_name", metavar="NAME",
              help="Stored data: compute within this area (its ID or name, `graph-service areas list`); events "
                   "outside it are left out. Default: each loaded council on its own.")
@click.option("--cell", "cell_size", type=float, default=250.0, show_default=True, help="Cell size in metres.")
@click.option("--shape", type=click.Choice(["square", "hex"]), default="square", show_default=True,
              help="Square cells or hexagons (for hexagons --cell is the distance between centres).")
@click.option("--points", "points_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Your own points: CSV with lat and lon columns, GeoJSON or shapefile.")
@click.option("--weight", "weight_column", metavar="COLUMN", help="With --points: a column of event weights.")
@click.option("--polygons", "polygons_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Areas with a value (GeoJSON, shapefile, GeoPackage); needs --value.")
@click.option("--value", "value_column", metavar="COLUMN", help="With --polygons: the column to analyse.")
@click.option("--weights", "weights_spec", default="queen", show_default=True, metavar="queen|rook|knn:K",
              help="With --polygons: which areas are neighbours.")
@click.option("--crs", metavar="CRS", help="The coordinate reference system of a file that does not state one, "
                                         "e.g. EPSG:27700.")
@click.option("--bandwidth", type=float, default=300.0, show_default=True,
              help="Heat layer on the map: kernel bandwidth in metres.")
@click.option("--out", "out_file", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="File to write: GeoJSON, or a GeoPackage (QGIS, ArcGIS) when it ends in .gpkg or with --format gpkg.")
@click.option("--format", "out_format", type=click.Choice(["geojson", "gpkg"]),
              help="Format of --out (default: gpkg for a name ending in .gpkg, else geojson).")
@click.option("--map", "map_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the layer as a self-contained HTML map.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def command(start, end, kinds: str, area_name: str | None, cell_size: float, shape: str, points_file: Path | None,
            weight_column: str | None, polygons_file: Path | None, value_column: str | None, weights_spec: str,
            crs: str | None, bandwidth: float, out_file: Path, out_format: str | None, map_file: Path | None,
            as_json: bool) -> None:
    """Getis-Ord Gi* hot and cold spots with a false-discovery-rate correction."""
    if points_file and polygons_file:
        raise click.UsageError("give --points or --polygons, not both")
    file_mode = points_file or polygons_file
    if file_mode and (start or end or kinds != ",".join(hs.KINDS) or area_name):
        raise click.UsageError("--from, --to, --kinds and --area select stored data; they do not apply to "
                               "--points/--polygons")
    if value_column and not polygons_file:
        raise click.UsageError("--value goes with --polygons")
    if polygons_file and not value_column:
        raise click.UsageError("--polygons needs --value COLUMN")
    if weight_column and not points_file:
        raise click.UsageError("--weight goes with --points")
    if cell_size <= 0 or bandwidth <= 0:
        raise click.UsageError("--cell and --bandwidth are metres above zero")
    out_format = out_format or ("gpkg" if out_file.suffix.lower() == ".gpkg" else "geojson")

    if polygons_file:
        layer, m, summary = _polygons(polygons_file, value_column, weights_spec, crs, map_file is not None)
    elif points_file:
        layer, m, summary = _points(points_file, weight_column, crs, cell_size, shape, bandwidth, map_file is not None)
    else:
        layer, m, summary = _stored(start.date() if start else None, end.date() if end else None, kinds, area_name,
                                    cell_size, shape, bandwidth, map_file is not None)

    # The layer leaves the service in a file: on record first, with every choice that made it.
    record(service_settings.load(), "hotspots.export", [], detail=parameters(
        source="polygons" if polygons_file else "points" if points_file else "stored",
        start=start.date() if start else None, end=end.date() if end else None,
        kinds=None if file_mode else kinds, area=area_name, cell=cell_size, shape=shape, points=points_file, weight=weight_column,
        polygons=polygons_file, value=value_column, weights=weights_spec if polygons_file else None, crs=crs,
        bandwidth=bandwidth, out=out_file, format=out_format, map=map_file, json=as_json))
    _write_layer(layer, out_file, out_format)
    summary["out"] = str(out_file)
    if map_file is not None:
        from maps import export

        _write_text(map_file, export.standalone_html(m))
        summary["map"] = str(map_file)
    if as_json:
        echo_json(summary)
        return
    events = f" from {summary['events']:,} events" if "events" in summary else ""
    within = f" within {', '.join(summary['areas'])}, each on its own" if summary.get("areas") else ""
    click.echo(f"{summary['observations']:,} {summary['units']} analysed{events}{within}")
    for name, count in summary["classes"].items():
        if count:
            click.echo(f"  {hs.LABELS[name]}: {count:,}")
    for name, count in summary.get("trend", {}).items():
        click.echo(f"  trend {name}: {count:,}")
    if "cells_of_concern" in summary:
        click.echo(f"{summary['cells_of_concern']:,} cells with a sign of concern, listed first in order of concern")
    click.echo(f"written to {out_file}" + (f" and {map_file}" if map_file else ""))


def _in_order_of_concern(cells: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Cells with a sign of concern first, by rank (1 = of most concern), each with its
    reasons as one line of text ("; " between them); then the rest of the grid."""
    cells = cells.copy()
    ranked = cells["rank"].notna().to_numpy()
    cells["reasons"] = None
    cells.loc[ranked, "reasons"] = ["; ".join(hs.cell_reasons(cell)) for _, cell in cells[ranked].iterrows()]
    order = cells["rank"].fillna(len(cells) + 1).to_numpy()
    return cells.iloc[np.lexsort((cells["cell_id"].astype(str).to_numpy(), order))]


# -- the three sources --------------------------------------------------------------------------

def _stored(start: date | None, end: date | None, kinds: str, area_name: str | None, cell_size: float, shape: str,
            bandwidth: float, want_map: bool):
    from graph_service.db import connect

    chosen = [k.strip() for k in kinds.split(",") if k.strip()]
    unknown = sorted(set(chosen) - set(hs.KINDS))
    if not chosen or unknown:
        raise click.UsageError(f"--kinds {kinds!r}: choose from {', '.join(hs.KINDS)}")
    if start and not end:
        end = date.today()
    if start and end and end < start:
        raise click.UsageError(f"--to {end} is before --from {start}")
    # With a window, fetch the window before it too, for emerging hot spots.
    fetch_from = start - timedelta(days=(end - start).days + 1) if start else None
    with connect(service_settings.load()) as db:
        areas = hs.loaded_areas(db)
        try:
            chosen_area = hs.find_area(areas, area_name) if area_name else None
        except hs.HotspotError as problem:
            raise InputError(f"--area: {problem.reason}") from None
        events = hs.fetch_events(db, chosen, fetch_from, end)
        concern = hs.fetch_concern_events(db, chosen, start, end)
        locations = hs.fetch_locations(db, HOTSPOT_PLACE_CATEGORIES) if want_map else None
    units = hs.analysis_units(areas, chosen_area)
    try:
        computed = hs.window_layer(events, concern, start, end, cell_size, shape, units=units)
        focus = computed.current
        if computed.cells is None:
            where = "" if units is None else f" within {', '.join(u.area_id for u in units)}"
            raise hs.HotspotError(f"no stored events of kinds {', '.join(chosen)}{where}"
                                  + (f" from {start} to {end}" if start else f" up to {end}" if end else ""))
        cells = _in_order_of_concern(computed.cells)
        m = None
        if want_map:
            import maps

            density = hs.KernelDensity(focus, bandwidth=bandwidth, weight="weight")
            # Coloured by the class of concern, opening on the cells of most concern, as the dashboard's map.
            by_concern = cells.drop(columns=["hotspot_class", "gi_z", "p_fdr"]).rename(
                columns={"concern_class": "hotspot_class", "concern_z": "gi_z", "concern_p_fdr": "p_fdr"})
            # Opens on the cells of most concern in the area chosen, else in the area of most
            # concern, their boundaries drawn.
            opens_on = chosen_area if chosen_area is not None and len(units) == 1 else computed.area_of_most_concern()
            m = maps.hotspot_map(by_concern, density=density, found=focus[focus["kind"] == "missing"],
                                 locations=locations, tiles=service_settings.load().tiles, title="Hot spots of concern",
                                 value="concern_count", value_label="Signs of concern",
                                 name="Hot spots of concern (Gi* of signs of exploitation)",
                                 focus=hs.map_focus(cells, opens_on),
                                 outline=pd.concat([u.frame() for u in computed.computed], ignore_index=True)
                                 if computed.computed else None)
    except hs.HotspotError as problem:
        raise InputError(problem.reason) from None
    summary = _summary(cells, "cells", len(focus))
    summary.update(kinds=chosen, cell=cell_size, shape=shape, areas=[u.area_id for u in computed.computed],
                   window={"from": start.isoformat() if start else None, "to": end.isoformat() if end else None})
    if "trend" in cells:
        summary["trend"] = {t: int((cells["trend"] == t).sum()) for t in hs.TRENDS}
    summary["cells_of_concern"] = int(cells["rank"].notna().sum())
    summary["concern_classes"] = {name: int((cells["concern_class"] == name).sum()) for name in hs.CLASSES}
    return cells.to_crs(hs.WGS84), m, summary


def _points(path: Path, weight: str | None, crs: str | None, cell_size: float, shape: str, bandwidth: float,
            want_map: bool):
    points, csv = _read_points(path, crs)
    try:
        cells = hs.grid_hotspots(points, cell_size, shape, weight=weight)
        m = None
        if want_map:
            import maps

            m = maps.hotspot_map(cells, density=hs.KernelDensity(points, bandwidth=bandwidth, weight=weight),
                                 tiles=service_settings.load().tiles, title=f"Hot spots: {path.name}")
    except hs.HotspotError as problem:
        raise InputError(_where(path, problem, csv)) from None
    summary = _summary(cells, "cells", len(points))
    summary.update(cell=cell_size, shape=shape, source=str(path))
    return cells.to_crs(hs.WGS84), m, summary


def _polygons(path: Path, value: str, weights: str, crs: str | None, want_map: bool):
    areas = _read_vector(path, crs, what="areas")
    if areas.crs is None and want_map:
        raise InputError(_no_crs(path, areas))
    try:
        result = hs.polygon_hotspots(areas, value, weights)
        m = None
        if want_map:
            import maps

            m = maps.hotspot_map(result, value=value, value_label=value, tiles=service_settings.load().tiles,
                                 title=f"Hot spots: {path.name}")
    except hs.HotspotError as problem:
        raise InputError(_where(path, problem, csv=False)) from None
    summary = _summary(result, "areas", None)
    summary.update(value=value, weights=weights, source=str(path))
    if result.crs is None:
        click.echo(f"note: {path.name} states no coordinate reference system; the output keeps its coordinates "
                   "as given (give --crs to write longitude/latitude)", err=True)
        return result, m, summary
    return result.to_crs(hs.WGS84), m, summary


def _summary(layer: pd.DataFrame, units: str, events: int | None) -> dict:
    found = layer["hotspot_class"].value_counts()
    summary = {"units": units, "observations": len(layer),
               "classes": {name: int(found.get(name, 0)) for name in hs.CLASSES}}
    if events is not None:
        summary["events"] = events
    return summary


# -- reading files ------------------------------------------------------------------------------

def _read_points(path: Path, crs: str | None) -> tuple[gpd.GeoDataFrame, bool]:
    """Points from a CSV (lat/lon, WGS84) or a vector file; whether it was a CSV."""
    _must_exist(path)
    if path.suffix.lower() in (".csv", ".txt"):
        if crs:
            raise click.UsageError("a CSV's lat and lon are WGS84 longitude/latitude; --crs is for vector files")
        try:
            frame = pd.read_csv(path, dtype=str, skipinitialspace=True)
        except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as problem:
            raise InputError(f"{path.name}: cannot be read as CSV: {problem}") from None
        frame.columns = [str(c).strip() for c in frame.columns]
        if frame.empty:
            raise InputError(f"{path.name}: no points (the file has a header and no rows)")
        try:
            return hs.points_from_lonlat(frame), True
        except hs.HotspotError as problem:
            raise InputError(_where(path, problem, csv=True)) from None
    points = _read_vector(path, crs, what="points")
    if points.crs is None:
        raise InputError(_no_crs(path, points))
    kinds = set(points.geometry.geom_type.dropna())
    if kinds - {"Point"}:
        raise InputError(f"{path.name}: --points needs point geometries; found {', '.join(sorted(kinds))} "
                         "(use --polygons for areas)")
    return points, False


def _read_vector(path: Path, crs: str | None, what: str) -> gpd.GeoDataFrame:
    _must_exist(path)
    try:
        frame = gpd.read_file(path)
    except Exception as problem:  # pyogrio raises its own errors for unreadable files
        raise InputError(f"{path.name}: cannot be read as GIS data ({problem})") from None
    if len(frame) == 0:
        raise InputError(f"{path.name}: no {what} in the file")
    if crs:
        try:
            stated = gpd.GeoSeries([], crs=crs).crs
        except Exception:
            raise click.UsageError(f"--crs {crs!r} is not a coordinate reference system (e.g. EPSG:27700)") from None
        if frame.crs is None:
            frame = frame.set_crs(stated)
        elif frame.crs != stated:
            raise InputError(f"{path.name} states its CRS ({frame.crs.to_string()}); --crs {crs} disagrees")
    return frame


def _no_crs(path: Path, frame: gpd.GeoDataFrame) -> str:
    x0, y0, x1, y1 = frame.total_bounds
    looks = ("look projected (metres or a local grid), not longitude/latitude"
             if max(abs(x0), abs(x1)) > 180 or max(abs(y0), abs(y1)) > 90
             else "may be longitude/latitude or a local grid")
    return (f"{path.name}: no coordinate reference system is stated (for a shapefile: no .prj file), and its "
            f"coordinates ({x0:g}..{x1:g}, {y0:g}..{y1:g}) {looks}; give --crs, e.g. --crs EPSG:27700 for "
            "British National Grid")


def _where(path: Path, problem: hs.HotspotError, csv: bool) -> str:
    """The problem prefixed with where it is: ``file:line: field:`` (CSV) or ``file: feature N: field:``."""
    where = path.name
    if problem.rows:
        first = problem.rows[0]
        where += f":{first + 2}" if csv else f": feature {first + 1}"  # CSV: the header is line 1
    if problem.field and problem.rows:
        where += f": {problem.field}"
    more = len(problem.rows) - 1
    tail = f" ({more} more row{'s' if more != 1 else ''} like this)" if more > 0 else ""
    return f"{where}: {problem.reason}{tail}"


def _must_exist(path: Path) -> None:
    if not path.is_file():
        raise InputError(f"{path}: no such file")


# -- writing ------------------------------------------------------------------------------------

def _write_layer(layer: gpd.GeoDataFrame, path: Path, out_format: str) -> None:
    """Write whole or not at all: a half-written file never replaces a good one. A GeoPackage
    holds one layer, ``hotspots``, with the GeoJSON's columns."""
    layer = layer.copy()
    for column in layer.columns:
        if column != layer.geometry.name and pd.api.types.is_datetime64_any_dtype(layer[column]):
            layer[column] = layer[column].map(lambda v: v.isoformat() if pd.notna(v) else None)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # no CRS: the command has said so already
        if out_format == "gpkg":
            _atomic(path, lambda tmp: layer.to_file(tmp, driver="GPKG", layer="hotspots", engine="pyogrio"))
        else:
            _atomic(path, lambda tmp: layer.to_file(tmp, driver="GeoJSON"))


def _write_text(path: Path, text: str) -> None:
    _atomic(path, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))


def _atomic(path: Path, write) -> None:
    folder = path.resolve().parent
    if not folder.is_dir():
        raise InputError(f"cannot write {path}: no folder {folder}")
    handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=path.suffix, dir=folder)
    os.close(handle)
    os.unlink(tmp)  # the GeoJSON driver refuses to write over an existing file
    try:
        write(tmp)
        os.replace(tmp, path)
    except OSError as problem:
        raise InputError(f"cannot write {path}: {problem.strerror or problem}") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
