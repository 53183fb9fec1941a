"""What a MACSE partner may receive: the one place that decides it.

Partners (children's social care, health, education, the voluntary sector) see aggregates
built from intelligence they may lawfully hold. Every partner page, API answer, export,
printable page, map document and tooltip is made from what this module hands back; web
routes and the CLI ask it and decide nothing themselves. The rules (docs/security.md has
them as a table):

- **Handling code P only**: code C intelligence, sightings and ungraded link records never
  reach a partner (:func:`shareable_events`).
- **No home addresses**: an event at a home address (a child found at home, intelligence
  naming someone's home) does not count in a partner's layer at all.
- **No window or cell so small that one event stands out**: at least :data:`MIN_DAYS` days
  and :data:`MIN_CELL` metres (:func:`check_request` refuses smaller ones, naming the rule).
- **Small numbers**: every count below :data:`SUPPRESS_BELOW`, and every figure such a count
  could be worked out from (a weighted value, the events of a trend, a summary's totals, a
  member list), is withheld: ``None`` in JSON, "fewer than 3" on pages and maps.
- **No exact places behind a small count**: a place whose count is withheld is shown at the
  centre of its :data:`MIN_CELL` grid cell, not at its own coordinates.
- **No heat over single events**: a partner's heat surface is drawn from the cells that hold
  at least :data:`SUPPRESS_BELOW` events, each at the cell's centre (:func:`heat_points`).
- **No differencing between profiles**: a partner's problem profile covers whole calendar
  months and its counts are rounded to a multiple of 5, so that one profile less another (a
  council less its ward, a period less an overlapping one) gives no small count away
  (:mod:`graph_service.disclosure_differencing`, re-exported here).

Statistical disclosure control as the guidance on sharing figures outside the police asks
(shared/DOMAIN.md, "Sharing figures with partners").
"""

from __future__ import annotations

import hashlib
import hmac
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from datetime import date

import geopandas as gpd
import numpy as np
import pandas as pd
from pyproj import Transformer

from graph_service.disclosure_differencing import (  # noqa: F401 - ROUNDED, PeriodRefused: for pages and commands
    ROUNDED,
    PeriodRefused,
    meeting_month,
    months_before,
    round_counts,
)
from graph_service.disclosure_differencing import check_window as check_partner_months
from graph_service.vocabulary import HOTSPOT_CONCERN_REASONS

#: Counts below this are withheld from partners: a 1 or a 2 can point at a child.
SUPPRESS_BELOW = 3
#: What a page or map says in place of a withheld count.
WITHHELD = f"fewer than {SUPPRESS_BELOW}"
#: What it says in place of a figure that may be large but is withheld because of another
#: (a recent figure whose whole minus it is small).
WITHHELD_WITH_ANOTHER = "withheld"
#: The shortest time window a partner's hot spot layer may cover, in days.
MIN_DAYS = 28
#: The smallest cell a partner's hot spot layer may use, in metres; also the grid that
#: places with a withheld count are snapped to.
MIN_CELL = 250
#: Kinds of event a partner's layer is built from (never sightings).
KINDS = ("missing", "intel")
#: Handling codes a partner may see.
HANDLING_CODES = ("P",)
#: Location categories that are somebody's home: never shown to a partner, never counted.
PRIVATE_CATEGORIES = ("home_address",)

#: Counts in a cell's row: each withheld below SUPPRESS_BELOW, and the figures worked out
#: from it withheld with it.
CELL_FIGURES = {"count": ("value",), "count_before": ("value_before",),
                **{reason: () for reason in HOTSPOT_CONCERN_REASONS}, "concern_count": ("concern_value",)}
#: Totals withheld whenever one of their parts is, so no withheld part is found by subtraction.
CELL_TOTALS = {"concern_count": tuple(HOTSPOT_CONCERN_REASONS)}

_BNG = "EPSG:27700"
_TO_GRID = Transformer.from_crs(4326, _BNG, always_xy=True)
_FROM_GRID = Transformer.from_crs(_BNG, 4326, always_xy=True)


class Refused(ValueError):
    """A partner's request the rules do not allow; the message says which rule and what to ask instead."""


def figure(count: int | None) -> int | None:
    """A count as a partner may see it: ``None`` (withheld) when it is 1 or 2.

    >>> [figure(n) for n in (0, 1, 2, 3, 17)]
    [0, None, None, 3, 17]
    """
    if count is None or pd.isna(count):
        return None
    count = int(count)
    return None if 0 < count < SUPPRESS_BELOW else count


def text(count: int | None, withheld: str = WITHHELD) -> str:
    """A partner's figure as a page shows it.

    >>> text(None), text(12), text(None, WITHHELD_WITH_ANOTHER)
    ('fewer than 3', '12', 'withheld')
    """
    if count is None or pd.isna(count):
        return withheld
    return f"{count:g}" if isinstance(count, float) else str(count)


# -- requests -------------------------------------------------------------------------------

def check_request(start: date, end: date, cell: int, kinds: Iterable[str]) -> None:
    """Refuse a partner's hot spot request below the minimum window or cell, or of kinds they
    may not see. Refused rather than widened: a partner then knows exactly what they see."""
    days = (end - start).days + 1
    if days < MIN_DAYS:
        raise Refused(f"from/to: partners' windows are at least {MIN_DAYS} days ({days} asked), "
                      f"so that no single event stands out.")
    if cell < MIN_CELL:
        raise Refused(f"cell: partners' cells are at least {MIN_CELL} m ({cell} m asked), "
                      f"so that no single place stands out.")
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise Refused(f"kinds: {', '.join(map(repr, unknown))[:40]} is not one of {', '.join(KINDS)}.")


# -- hot spots ------------------------------------------------------------------------------

def shareable_events(events: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The events a partner's layer may count: children found after missing episodes and
    places named in code P intelligence, never at a home address."""
    kind_ok = (events["kind"] == "missing") | ((events["kind"] == "intel")
                                               & events["handling_code"].isin(HANDLING_CODES))
    not_home = ~events["category"].isin(PRIVATE_CATEGORIES)
    return events[(kind_ok & not_home).to_numpy()]


def cells(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """A partner's copy of a layer's cells: every count below SUPPRESS_BELOW and the weighted
    value that goes with it withheld (nullable columns, ``<NA>``)."""
    frame = frame.copy()
    for count, derived in CELL_FIGURES.items():
        if count not in frame.columns:
            continue
        raw = frame[count].to_numpy()
        hide = (raw > 0) & (raw < SUPPRESS_BELOW)
        frame[count] = pd.array(raw.astype("int64"), dtype="Int64")
        frame.loc[hide, count] = pd.NA
        for column in derived:
            if column in frame.columns:
                frame[column] = pd.array(frame[column].to_numpy(dtype=float), dtype="Float64")
                frame.loc[hide, column] = pd.NA
    for total, parts in CELL_TOTALS.items():
        if total not in frame.columns:
            continue
        hide = np.zeros(len(frame), dtype=bool)
        for part in parts:
            if part in frame.columns:
                hide |= frame[part].isna().to_numpy()
        frame.loc[hide, total] = pd.NA
        for column in CELL_FIGURES[total]:
            if column in frame.columns:
                frame.loc[hide, column] = pd.NA
    return frame


def cells_as_text(frame: gpd.GeoDataFrame, columns: Iterable[str]) -> gpd.GeoDataFrame:
    """``columns`` of a partner's cells as the words a map's tooltip shows ("fewer than 3")."""
    frame = frame.copy()
    for column in columns:
        frame[column] = [text(None if pd.isna(v) else round(float(v), 2) if column.startswith("value") else int(v))
                         for v in frame[column]]
    return frame


def summary(totals: Mapping) -> dict:
    """A layer's summary as a partner may see it: event totals withheld when small. Counts of
    cells (how many are hot) are counts of places, not of events, and stay.

    ``events_by_kind`` is given only when every kind's count can be shown: with one kind
    withheld, the total minus the others would give it away, so the breakdown is withheld
    whole (``None``).

    >>> summary({"events": 14, "events_by_kind": {"missing": 2, "intel": 12}})
    {'events': 14, 'events_by_kind': None}
    """
    shown = dict(totals)
    for key in ("events", "previous_events"):
        if key in shown:
            shown[key] = figure(shown[key])
    if "events_by_kind" in shown:
        by_kind = {k: figure(v) for k, v in shown["events_by_kind"].items()}
        shown["events_by_kind"] = None if None in by_kind.values() and len(by_kind) > 1 else by_kind
    return shown


def heat_points(partner_cells: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """What a partner's heat surface is drawn from: the centre of each cell holding at least
    SUPPRESS_BELOW events, weighted by the cell's value. A peak then always stands over
    several events; an empty frame when no cell has enough."""
    enough = partner_cells[partner_cells["count"].fillna(0).to_numpy() >= SUPPRESS_BELOW]
    centres = enough.to_crs(_BNG).geometry.centroid
    return gpd.GeoDataFrame({"weight": enough["value"].to_numpy(dtype=float)}, geometry=centres.to_numpy(), crs=_BNG)


def places_of_concern(locations: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Locations of concern (hotels, takeaways...) for a partner's map: named and placed, but
    without how many children were found or sightings made there, and never a home."""
    locations = locations[~locations["category"].isin(PRIVATE_CATEGORIES).to_numpy()]
    return locations.drop(columns=[c for c in ("missing_found", "sightings") if c in locations.columns])


# -- places ---------------------------------------------------------------------------------

def snapped(lat: float | None, lon: float | None) -> tuple[float | None, float | None]:
    """The centre of the MIN_CELL national-grid cell holding a place (WGS84, 5 decimals): where
    a place with a withheld count is shown.

    >>> snapped(53.3860, -1.4650) != (53.386, -1.465)
    True
    """
    if lat is None or lon is None:
        return None, None
    x, y = _TO_GRID.transform(lon, lat)
    cx, cy = (math.floor(x / MIN_CELL) + 0.5) * MIN_CELL, (math.floor(y / MIN_CELL) + 0.5) * MIN_CELL
    clon, clat = _FROM_GRID.transform(cx, cy)
    return round(clat, 5), round(clon, 5)


# -- home -----------------------------------------------------------------------------------

#: Home page figures that are part of another: (the part, the whole).
HOME_PARTS = (("intel_reports_shareable_recent", "intel_reports_shareable"),
              ("missing_episodes_recent", "missing_episodes"))


def home_counts(counts: Mapping) -> dict:
    """The partner home page's figures, each withheld when small (``recent_days`` is the
    length of the recent period, not a count). A recent figure is also withheld when the
    whole minus it (the older ones) is small, since the two published figures would give
    that difference away.

    >>> home_counts({"missing_episodes": 9, "missing_episodes_recent": 8, "still_missing": 1, "recent_days": 28})
    {'missing_episodes': 9, 'missing_episodes_recent': None, 'still_missing': None, 'recent_days': 28}
    """
    shown = {k: v if k == "recent_days" else figure(v) for k, v in counts.items()}
    for part, whole in HOME_PARTS:
        if part in counts and whole in counts and figure(counts[whole] - counts[part]) is None:
            shown[part] = None
    return shown


# -- networks -------------------------------------------------------------------------------

def pseudonyms(key: bytes, network_id, person_ids: Iterable[str]) -> dict[str, str]:
    """"Member 1", "Member 2"... in an order that says nothing about the people (a keyed
    hash), fresh for each network."""

    def order(pid: str) -> str:
        return hmac.new(key, f"{network_id}:{pid}".encode(), hashlib.sha256).hexdigest()

    return {pid: f"Member {i}" for i, pid in enumerate(sorted(set(person_ids), key=order), start=1)}


def network_summaries(rows: Iterable[Mapping], key: bytes, is_child: Callable[[str | None], bool]) -> list[dict]:
    """Per network, what code P intelligence alone shows (rows of
    ``cypher/web/networks/partner_summary.cypher``), pseudonymised and with small counts withheld.

    Members are listed only when there are at least SUPPRESS_BELOW of them, without saying
    which are children (the count of children is the figure, withheld when small); a place
    whose member count is withheld is shown at the centre of its grid cell.
    """
    summaries = []
    for row in rows:
        ties = {tuple(sorted((t["a"], t["b"]))) for t in row["ties"] if t["a"] != t["b"]}
        if not ties:
            continue
        evidenced = {pid for pair in ties for pid in pair}
        names = pseudonyms(key, row["network_id"], evidenced)
        dob = {m["person_id"]: m["dob"] for m in row["members"]}
        degree: dict[str, int] = defaultdict(int)
        for a, b in ties:
            degree[a] += 1
            degree[b] += 1
        members = figure(len(evidenced))
        member_list = [] if members is None else sorted(
            ({"pseudonym": names[pid], "shareable_ties": figure(degree[pid])} for pid in evidenced),
            key=lambda m: int(m["pseudonym"].split()[1]),
        )
        places: dict[str, dict] = {}
        for place in row["places"]:
            if place["person_id"] not in evidenced or place["category"] in PRIVATE_CATEGORIES:
                continue
            entry = places.setdefault(place["location_id"], {
                "name": place["name"], "category": place["category"], "lat": place["lat"], "lon": place["lon"],
                "people": set()})
            entry["people"].add(place["person_id"])
        shown_places = []
        for place in places.values():
            count = figure(len(place["people"]))
            lat, lon = (place["lat"], place["lon"]) if count is not None else snapped(place["lat"], place["lon"])
            shown_places.append({"name": place["name"], "category": place["category"], "lat": lat, "lon": lon,
                                 "exact": count is not None, "members": count})
        summaries.append({
            "network_id": row["network_id"],
            "members": members,
            "children": figure(sum(is_child(dob.get(pid)) for pid in evidenced)),
            "shareable_ties": figure(len(ties)),
            "reports": figure(len({t["intel_id"] for t in row["ties"]})),
            "member_list": member_list,
            # How many places is a count like any other, withheld below 3 in the list of
            # networks; the places themselves are shown (snapped when their members are withheld).
            "place_count": figure(len(shown_places)),
            "places": sorted(shown_places, key=lambda p: (p["name"] or "", p["category"] or "")),
        })
    return summaries


# -- casework ------------------------------------------------------------------------------

def receives_casework(role: str | None) -> bool:
    """Alerts, CSE concern levels, notices and watches name people and carry police casework:
    analysts and disruption leads receive them; a partner (and an administrator) never does.

    >>> receives_casework("partner"), receives_casework("disruption_lead")
    (False, True)
    """
    from graph_service.security.roles import sees_personal_data

    return role is not None and sees_personal_data(role)


# -- problem profiles ------------------------------------------------------------------------

#: Why a profile's figure is withheld, beside the ``None`` that stands for it.
WITHHELD_SMALL = f"withheld: a count below {SUPPRESS_BELOW}"
WITHHELD_PART = f"withheld: one of its parts is below {SUPPRESS_BELOW}, and the total would give it away"
WITHHELD_SUBTRACTION = (f"withheld: with the period's figure it would give away a count below {SUPPRESS_BELOW} "
                        "(the difference)")
WITHHELD_REST = (f"withheld: the rest of the figure it is part of is below {SUPPRESS_BELOW}, "
                 "and the two would give it away")
#: A profile's breakdowns: parts that add up to a figure published beside them.
PROFILE_BREAKDOWNS = {"victims": ("by_age_band", "by_gender", "looked_after", "by_ethnicity", "by_concern_level",
                                  "missing_from"),
                      "offenders": ("by_age_band", "by_gender"), "locations": ("by_category",)}
#: Pairs of a profile's figures that add up to a third published one: both withheld together.
PROFILE_PAIRS = {"offenders": (("in_networks", "alone"),)}


def _breakdown(parts: Mapping[str, int]) -> dict | None:
    """A breakdown's parts as a partner may see them: whole, or withheld whole (``None``) when any
    part is small, since the total and the other parts would give that part away.

    >>> _breakdown({"female": 9, "male": 4}), _breakdown({"female": 11, "male": 2})
    ({'female': 9, 'male': 4}, None)
    """
    shown = {k: figure(v) for k, v in parts.items()}
    return None if None in shown.values() else shown


def profile_sections(sections: Mapping, period: Mapping | None = None) -> dict:
    """One window's victims, offenders, locations and themes as a partner may see them, with a
    ``withheld`` map (``"victims.by_gender"`` → reason) beside the ``None``s. ``period``: the
    period's own figures, when these are of a window inside it (since the last meeting): a
    figure whose difference from the period's is small is withheld too.

    >>> shown = profile_sections({"victims": {"total": 7, "repeat_missing": 1}},
    ...                          {"victims": {"total": 8, "repeat_missing": 5}})
    >>> shown["victims"], sorted(shown["withheld"])
    ({'total': None, 'repeat_missing': None}, ['victims.repeat_missing', 'victims.total'])
    """
    shown: dict = {}
    withheld: dict[str, str] = {}
    for section, figures in sections.items():
        out = shown[section] = {}
        for name, value in figures.items():
            key = f"{section}.{name}"
            whole = (period or {}).get(section, {}).get(name)
            if isinstance(value, Mapping):
                out[name] = _breakdown(value)
                if out[name] is not None and isinstance(whole, Mapping) and any(
                        figure(whole.get(k, 0) - v) is None for k, v in value.items()):
                    out[name] = None
                    withheld[key] = WITHHELD_SUBTRACTION
                elif out[name] is None:
                    withheld[key] = WITHHELD_PART
                continue
            out[name] = figure(value)
            if out[name] is None:
                withheld[key] = WITHHELD_SMALL
            elif whole is not None and figure(whole - value) is None:
                out[name] = None
                withheld[key] = WITHHELD_SUBTRACTION
        for pair in PROFILE_PAIRS.get(section, ()):
            if any(out.get(name) is None for name in pair if name in out):
                for name in pair:
                    if name in out and out[name] is not None:
                        out[name] = None
                        withheld[f"{section}.{name}"] = WITHHELD_PART
    shown["withheld"] = withheld
    return shown


def profile_months(by_month: Iterable[Mapping], parts: Mapping[str, tuple[str, ...]]) -> list[dict]:
    """A profile's monthly indicators as a partner may see them: each count withheld when small;
    ``parts``: figures (``intel_A``...) that add up to another of the month (``intel_reports``),
    withheld together when any of them is; a part of another (``return_interviews_in_time`` of
    ``return_interviews``) withheld when the rest is small."""
    shown_months = []
    for row in by_month:
        shown = {k: v if k == "month" else figure(v) for k, v in row.items()}
        withheld = {k: WITHHELD_SMALL for k, v in shown.items() if v is None}
        for whole, names in parts.items():
            names = tuple(n for n in names if n in row)
            if whole not in row or not names:
                continue
            if len(names) == 1:
                if figure(row[whole] - row[names[0]]) is None and shown[names[0]] is not None:
                    shown[names[0]] = None
                    withheld[names[0]] = WITHHELD_REST
            elif any(shown[n] is None for n in names):
                withheld.update({n: WITHHELD_PART for n in names if shown[n] is not None})
                shown.update(dict.fromkeys(names))
        shown_months.append({**shown, "withheld": withheld})
    return shown_months


WITHHELD_AREAS = (f"withheld: with the larger area's figure and the other areas' it would give away another "
                  f"area's count below {SUPPRESS_BELOW}")


def profile_by_area(by_area: Mapping | None) -> dict | None:
    """The small multiples of a profile (each smaller area's monthly figures) as a partner may
    see them: each count below SUPPRESS_BELOW withheld; and where a month's figure is withheld in
    one area only, the smallest count above 0 shown in another area too, since the larger area's
    figure less the others would give the withheld one away (when every other is 0, the larger
    area's own figure is the small one, and is withheld there).

    >>> shown = profile_by_area({"areas": [{"by_month": [{"month": "2026-03", "missing_episodes": n}]}
    ...                                    for n in (2, 0, 4, 9)]})
    >>> [a["by_month"][0]["missing_episodes"] for a in shown["areas"]]
    [None, 0, None, 9]
    """
    if by_area is None:
        return None
    areas = [{**a, "by_month": profile_months(a["by_month"], {})} for a in by_area["areas"]]
    for i, month in enumerate(areas[0]["by_month"] if areas else ()):
        for name in (k for k in month if k not in ("month", "withheld")):
            values = [a["by_month"][i][name] for a in areas]
            shown = [k for k, v in enumerate(values) if v]  # a 0 withheld beside it would hide nothing
            if sum(v is None for v in values) == 1 and shown:
                smallest = min(shown, key=lambda k: values[k])
                areas[smallest]["by_month"][i][name] = None
                areas[smallest]["by_month"][i]["withheld"][name] = WITHHELD_AREAS
    return {**by_area, "areas": areas}


def profile(full: Mapping) -> dict:
    """A problem profile (``graph_service.analysis.profile.build_profile``, counted from the
    facts a partner may see) as a partner receives it: every count below SUPPRESS_BELOW withheld
    (``None``, the reason in ``withheld``), breakdowns withheld whole when a part is small, the
    figures since the last meeting withheld where their difference from the period's is small,
    and the missing-from-home-or-care breakdown withheld when a month's episodes are (the months
    add up to it)."""
    from graph_service.analysis.profile.indicators import INTEL_PARTS, RETURN_INTERVIEW_PARTS

    keys = ("victims", "offenders", "locations", "themes")
    current = profile_sections({k: full[k] for k in keys})
    since = full.get("since_meeting")
    shown = {**{k: v for k, v in full.items() if k not in keys},
             **{k: current[k] for k in keys}, "withheld": current["withheld"],
             "previous": profile_sections(full["previous"]),
             "since_meeting": profile_sections(since, {k: full[k] for k in keys}) if since else None}
    months = profile_months(full["indicators"]["by_month"], {**INTEL_PARTS, **RETURN_INTERVIEW_PARTS})
    if any(m["missing_episodes"] is None for m in months) and shown["victims"]["missing_from"] is not None:
        shown["victims"]["missing_from"] = None
        shown["withheld"]["victims.missing_from"] = WITHHELD_PART
    shown["indicators"] = {"by_month": months, "now": {k: figure(v) for k, v in full["indicators"]["now"].items()}}
    shown["by_area"] = profile_by_area(full.get("by_area"))
    return round_counts(shown)


def profile_window(start: date, end: date, since: date | None) -> tuple[date, date, date | None, tuple[date, date]]:
    """The period, meeting date and previous period of a partner's profile: whole calendar
    months only (:class:`PeriodRefused` otherwise), the previous period the same number of months
    before, "since the last meeting" from the first day of its month (against differencing: see
    :mod:`graph_service.disclosure_differencing`)."""
    check_partner_months(start, end)
    return start, end, meeting_month(since), months_before(start, end)
