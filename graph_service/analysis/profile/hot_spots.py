"""Hot spots of concern within a profile's area: how many, and which are new or intensifying.

The same analysis as the hot spot page (:mod:`graph_service.analysis.hotspots`): signs of
exploitation at places (children found after missing episodes, children seen with adults of
concern, intelligence of exploitation, graded, E never counting) counted into 250 m cells and
tested with Getis-Ord Gi*, each council on its own (never across two towns), within the
profile's area. A cell is a hot spot of concern when its concern class is hot at 90%
confidence or more (``GiStar.hot``). Against the previous period, cell by cell:

- **new**: a hot spot of concern now that was not one in the previous period;
- **intensifying**: a hot spot of concern in both, with more signs of concern now.

A partner's figures are counted from the events a partner may see
(``graph_service.disclosure.shareable_events``), as their hot spot page is, and then pass
through the disclosure rules with the rest of the profile.

For example (it needs a database; ``tests/test_profile_hot_spots.py`` makes the same call)::

    figures = hot_spot_figures(db, "force:east-pennine", (date(2026, 8, 1), date(2026, 10, 31)),
                               (date(2026, 5, 3), date(2026, 7, 31)), None)
    figures["period"]
    # {'hot_spots_of_concern': 14, 'new_hot_spots': 5, 'intensifying_hot_spots': 3}
"""

from __future__ import annotations

from datetime import date, timedelta

from graph_service.analysis import hotspots as hs

#: The figures, in the profile's ``locations`` section.
FIGURES = ("hot_spots_of_concern", "new_hot_spots", "intensifying_hot_spots")
#: The cell size of the profile's hot spots, in metres (the hot spot page's default).
CELL = 250.0

Window = tuple[date, date]


def hot_spot_figures(db, area_id: str, period: Window, previous: Window, since: date | None,
                     partner: bool = False) -> dict[str, dict | None]:
    """The hot spot figures of ``period``, ``previous`` and the window since the last meeting
    (``since``..end of period; ``None`` without a meeting date) within the area ``area_id``.
    The period's figures hold all of :data:`FIGURES`; the other windows' the count alone."""
    windows = {"period": period, "previous": previous,
               "since_meeting": (since, period[1]) if since is not None else None}
    # activity of each window and of the window before it (the layer's trends need it)
    first = min(start - timedelta(days=(end - start).days + 1) for start, end in filter(None, windows.values()))
    areas = hs.loaded_areas(db)
    chosen = next((a for a in areas if a.area_id == area_id), None)
    units = hs.analysis_units(areas, chosen)
    # only the area's places: the Gi* of each unit is masked to it anyway, and a council's
    # profile read the whole force's events (half of its hot spots' time on the medium scenario)
    events = hs.fetch_events(db, hs.KINDS, first, period[1], area_id=area_id)
    concern = hs.fetch_concern_events(db, hs.KINDS, min(w[0] for w in filter(None, windows.values())), period[1],
                                      area_id=area_id)
    if partner:
        from graph_service import disclosure

        events, concern = disclosure.shareable_events(events), disclosure.shareable_events(concern)
    cells = {name: _cells_of_concern(events, concern, *window, units) if window else None
             for name, window in windows.items()}
    now, before = cells["period"], cells["previous"]
    figures = {name: None if found is None else {"hot_spots_of_concern": len(found)} for name, found in cells.items()}
    figures["period"].update(
        new_hot_spots=len(now.keys() - before.keys()),
        intensifying_hot_spots=sum(now[cell] > before[cell] for cell in now.keys() & before.keys()))
    return figures


def _cells_of_concern(events, concern, start: date, end: date, units) -> dict[tuple[str, str], int]:
    """The window's hot spots of concern: (area ID, cell ID) → signs of concern counted there."""
    in_window = concern[[start <= on <= end for on in concern["on"]]] if len(concern) else concern
    layer = hs.window_layer(events, in_window, start, end, CELL, units=units)
    if layer.cells is None:
        return {}
    cells = layer.cells
    hot = cells[cells["concern_class"].astype(str).str.startswith("hot").to_numpy()]
    return {(str(area), str(cell)): int(count)
            for area, cell, count in zip(hot["area_id"], hot["cell_id"], hot["concern_count"], strict=True)}
