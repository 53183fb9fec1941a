"""A timeline drawn on a time axis, as SVG written on the server: one lane per kind of entry
(missing episodes, intelligence reports, link records without a report, sightings), each
entry a mark at its date, each missing episode a span from the report to the return (to the
end of the axis, dashed, while the child is not yet found). Every mark and span carries its
own ``<title>``, which browsers show on hover. A lane of more than :data:`DENSE_LANE` entries
(a bus station's sightings over years) is drawn as a bar a week or a month, as tall as its
count, the count its hover text; in the missing episodes' lane a child not yet found keeps a
span of their own.

The SVG goes into the page as markup (an ``<img>`` would lose the hover text), so it is built
with ElementTree, whose writer escapes every text and attribute: intake text (names, summaries)
is never markup. It uses presentation attributes only (no ``style``, no script), which the
pages' content security policy allows. The page shows the same entries as a list or table.

>>> from datetime import date
>>> items = [{"date": "2025-03-04", "kind": "intel", "id": "I1", "text": '"><img src=x onerror=alert(1)>',
...           "grade": "2B", "handling_code": "P"},
...          {"date": "2025-02-01T10:00:00Z", "kind": "missing_episode", "id": "M1", "text": "<script>",
...           "grade": "1A", "handling_code": None}]
>>> spans = [{"id": "M1", "start": "2025-02-01T10:00:00Z", "end": None, "text": "<script>"}]
>>> svg = str(timeline_svg("Timeline of <b>", items, spans, today=date(2025, 4, 1)))
>>> "<img" in svg, "<script" in svg, "&lt;script&gt;" in svg, svg.count("<circle"), svg.count("<rect")
(False, False, True, 2, 1)
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import date, timedelta

from markupsafe import Markup

from graph_service.web.display import when

#: The lanes, top to bottom: what each kind of entry is called and its colour.
LANES = {
    "missing_episode": ("Missing episodes", "#b5532a"),
    "intel": ("Intelligence reports", "#1d4f91"),
    "link": ("Links without a report", "#455a64"),
    "sighting": ("Sightings", "#2e7d32"),
}
#: Outline of an entry resting on handling code C intelligence (as on the link chart).
HANDLING_C = "#6a1b9a"
WIDTH = 960
LEFT = 190  # room for the lanes' names
RIGHT = 24
TOP = 28
LANE = 26
AXIS = 30
#: Month steps between the axis's ticks, the smallest giving at most MAX_TICKS ticks.
STEPS = (1, 2, 3, 6, 12, 24, 60, 120)
MAX_TICKS = 12
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
#: A lane with more entries than this is drawn as a bar per week (per month over three years),
#: its height the count: a mark per entry would overlap into a solid smear and, with a hover
#: text each, made a busy bus station's page 0.5 MB (1,407 entries, the large scenario).
DENSE_LANE = 150
#: Characters XML does not allow (intake text may hold them); dropped from the drawing only.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def day_of(value: str | None) -> date | None:
    """The day of a stored date or date-time (``2025-03-04``, ``2025-03-04T10:00:00Z``)."""
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _text(value) -> str:
    return _NOT_XML.sub("", str(value))


def _month_start(day: date, months_later: int = 0) -> date:
    index = day.year * 12 + day.month - 1 + months_later
    return date(index // 12, index % 12 + 1, 1)


def ticks(first: date, last: date) -> tuple[list[date], int]:
    """The first days of months to mark on an axis from ``first`` to ``last``, and the step in
    months between them.

    >>> ticks(date(2024, 11, 20), date(2025, 3, 2))
    ([datetime.date(2024, 12, 1), datetime.date(2025, 1, 1), datetime.date(2025, 2, 1), datetime.date(2025, 3, 1)], 1)
    >>> ticks(date(2015, 5, 1), date(2025, 5, 1))[1]
    12
    """
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    step = next((s for s in STEPS if months / s <= MAX_TICKS), STEPS[-1])
    tick = _month_start(first, 1 if first.day > 1 else 0)
    while (tick.year * 12 + tick.month - 1) % step:
        tick = _month_start(tick, 1)
    found = []
    while tick <= last:
        found.append(tick)
        tick = _month_start(tick, step)
    return found, step


def _tick_label(tick: date, step: int) -> str:
    return str(tick.year) if step >= 12 else f"{MONTHS[tick.month - 1]} {tick.year}"


def _item_title(item: dict) -> str:
    moment = when(item.get("date")) or "undated"
    grade = f" graded {item['grade']}" if item.get("grade") else ""
    code = f", handling code {item['handling_code']}" if item.get("handling_code") else ""
    if item.get("handling_code") == "C" and item.get("handling_conditions"):
        code += f" (conditions: {item['handling_conditions']})"
    kind = LANES.get(item["kind"], (item["kind"],))[0].lower().rstrip("s")
    return f"{moment}: {kind} {item['id']}{grade}{code}. {item.get('text') or ''}"


def timeline_svg(title: str, items: list[dict], spans: list[dict], today: date | None = None) -> Markup:
    """The timeline of ``items`` (``date``, ``kind``, ``id``, ``text``, ``grade``,
    ``handling_code``) and missing episode ``spans`` (``id``, ``start``, ``end``: None while
    not found, ``text``), as SVG markup. Undated items are not drawn (the list has them)."""
    today = today or date.today()
    dated = [(day_of(item.get("date")), item) for item in items]
    dated = [(day, item) for day, item in dated if day is not None]
    drawn_spans = []
    for span in spans:
        start = day_of(span.get("start"))
        if start is not None:
            drawn_spans.append((start, day_of(span.get("end")), span))
    lanes = [kind for kind in LANES if any(item["kind"] == kind for _, item in dated)
             or (kind == "missing_episode" and drawn_spans)]
    height = TOP + LANE * max(1, len(lanes)) + AXIS
    svg = ET.Element("svg", {"xmlns": "http://www.w3.org/2000/svg", "viewBox": f"0 0 {WIDTH} {height}",
                             "width": "100%", "role": "img",
                             "aria-labelledby": "timeline-svg-title timeline-svg-desc", "class": "timeline-chart",
                             "font-family": "system-ui, sans-serif", "font-size": "13"})
    ET.SubElement(svg, "title", {"id": "timeline-svg-title"}).text = _text(title)
    per_kind = Counter(item["kind"] for _, item in dated)
    counts = ", ".join(f"{per_kind[kind]} {LANES[kind][0].lower()}" for kind in lanes)
    dense_lanes = [LANES[kind][0] for kind in lanes if per_kind[kind] > DENSE_LANE]
    counted = f" {' and '.join(dense_lanes)} drawn as a count a week or month." if dense_lanes else ""
    ET.SubElement(svg, "desc", {"id": "timeline-svg-desc"}).text = _text(
        f"Entries on a time axis, one lane per kind: {counts or 'nothing dated'}.{counted} The list below has every entry.")
    ET.SubElement(svg, "text", {"x": "8", "y": "18", "font-weight": "600"}).text = _text(title)
    if not lanes:
        ET.SubElement(svg, "text", {"x": str(LEFT), "y": str(TOP + LANE // 2)}).text = "Nothing dated to draw."
        return Markup(ET.tostring(svg, encoding="unicode"))

    days = [day for day, _ in dated] + [start for start, _, _ in drawn_spans] + \
        [end if end else today for _, end, _ in drawn_spans]
    first, last = min(days), max(days)
    pad = max(timedelta(days=15), (last - first) * 0.02)
    first, last = first - pad, last + pad
    plot = WIDTH - LEFT - RIGHT

    def x(day: date) -> float:
        return round(LEFT + (day - first).days / (last - first).days * plot, 1)

    axis_y = TOP + LANE * len(lanes)
    grid = ET.SubElement(svg, "g", {"class": "timeline-axis"})
    tick_days, step = ticks(first, last)
    for tick in tick_days:
        ET.SubElement(grid, "line", {"x1": str(x(tick)), "x2": str(x(tick)), "y1": str(TOP), "y2": str(axis_y + 6),
                                     "stroke": "#d0d0d0"})
        ET.SubElement(grid, "text", {"x": str(x(tick)), "y": str(axis_y + 20), "text-anchor": "middle",
                                     "fill": "#1b1b1b"}).text = _tick_label(tick, step)
    ET.SubElement(grid, "line", {"x1": str(LEFT), "x2": str(WIDTH - RIGHT), "y1": str(axis_y), "y2": str(axis_y),
                                 "stroke": "#1b1b1b", "class": "timeline-axis-line"})
    for row, kind in enumerate(lanes):
        name, colour = LANES[kind]
        middle = TOP + LANE * row + LANE // 2
        lane = ET.SubElement(svg, "g", {"class": "timeline-lane", "data-kind": kind})
        ET.SubElement(lane, "line", {"x1": str(LEFT), "x2": str(WIDTH - RIGHT), "y1": str(middle), "y2": str(middle),
                                     "stroke": "#eeeeee"})
        ET.SubElement(lane, "text", {"x": "8", "y": str(middle + 4), "fill": "#1b1b1b"}).text = name
        entries = [(day, item) for day, item in dated if item["kind"] == kind]
        dense = per_kind[kind] > DENSE_LANE
        if dense:
            _draw_bins(lane, entries, kind, middle, first, last, x)
        if kind == "missing_episode":
            # In a dense lane the episodes that ended are in the counts; a child not yet found
            # keeps a span of their own.
            for start, end, span in drawn_spans if not dense else [s for s in drawn_spans if s[1] is None]:
                right = x(end or today)
                rect = ET.SubElement(lane, "rect", {
                    "class": "timeline-span" + ("" if end else " timeline-span-open"), "data-id": _text(span["id"]),
                    "x": str(x(start)), "y": str(middle - 6), "width": str(max(3.0, round(right - x(start), 1))),
                    "height": "12", "rx": "3", "fill": colour, "fill-opacity": "0.35" if end else "0.15",
                    "stroke": colour, **({} if end else {"stroke-dasharray": "4 3"})})
                ET.SubElement(rect, "title").text = _text(
                    f"Missing episode {span['id']}: {span['start'][:10]} to "
                    f"{span['end'][:10] if span.get('end') else 'not yet found'}. {span.get('text') or ''}")
        if dense:
            continue
        for day, item in entries:
            outline = HANDLING_C if item.get("handling_code") == "C" else "white"
            mark = ET.SubElement(lane, "circle", {"class": "timeline-event", "data-id": _text(item["id"]),
                                                  "cx": str(x(day)), "cy": str(middle), "r": "5", "fill": colour,
                                                  "stroke": outline, "stroke-width": "2"})
            ET.SubElement(mark, "title").text = _text(_item_title(item))
    return Markup(ET.tostring(svg, encoding="unicode"))


def _bin_start(day: date, monthly: bool) -> date:
    return day.replace(day=1) if monthly else day - timedelta(days=day.weekday())


def _draw_bins(lane: ET.Element, entries: list[tuple[date, dict]], kind: str, middle: int, first: date, last: date,
               x) -> None:
    """A dense lane's entries as a bar per week (per month when the axis spans over three
    years), each as tall as its count against the fullest, with the count as its hover text; a
    bar holding handling code C entries has the purple outline."""
    monthly = (last - first).days > 3 * 365
    bins: dict[date, list[dict]] = {}
    for day, item in entries:
        bins.setdefault(_bin_start(day, monthly), []).append(item)
    fullest = max(len(items) for items in bins.values())
    colour = LANES[kind][1]
    tallest = LANE - 6
    for start, items in sorted(bins.items()):
        end = _month_start(start, 1) if monthly else start + timedelta(days=7)
        height = max(2, round(len(items) / fullest * tallest))
        restricted = sum(item.get("handling_code") == "C" for item in items)
        bar = ET.SubElement(lane, "rect", {
            "class": "timeline-bin", "data-count": str(len(items)), "x": str(x(start)),
            "y": str(middle + tallest // 2 - height), "width": str(max(2.0, round(x(end) - x(start) - 1, 1))),
            "height": str(height), "fill": colour, "stroke": HANDLING_C if restricted else "none"})
        period = f"{MONTHS[start.month - 1]} {start.year}" if monthly else f"Week of {start.isoformat()}"
        name = LANES[kind][0].lower()
        what = f"{len(items)} {name if len(items) > 1 else name.rstrip('s')}"
        ET.SubElement(bar, "title").text = period + ": " + what + (
            f", {restricted} resting on handling code C" if restricted else "") + ". The list has each one."

