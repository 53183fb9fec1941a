"""A problem profile as people read it: headline figures, charts with their tables, and the
printable MACSE pack (the dashboard's print page, and ``graph-service profile --html``).

:func:`view_model` turns a profile (``graph_service.analysis.profile.build_profile``, already
through the disclosure rules for a partner) into what the templates show; :func:`render_pack`
renders the pack as one self-contained HTML file (styles inline, charts as ``data:`` images,
nothing fetched from anywhere), autoescaped like every page.
"""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from graph_service import disclosure
from graph_service.analysis.profile import MONTHLY
from graph_service.grading import INTELLIGENCE_ASSESSMENTS
from graph_service.vocabulary import PROFILE_THEMES
from graph_service.web.charts import bar_svg, data_uri, line_svg

_WEB = Path(__file__).parent

#: The headline figures, first on the page: (section, figure, words).
HEADLINES = (
    ("victims", "total", "Children at risk"),
    ("victims", "repeat_missing", "Children repeat missing (3 or more episodes in 90 days)"),
    ("offenders", "total", "Suspected perpetrators"),
    ("locations", "places_of_concern", "Places of concern with evidence"),
    ("locations", "hot_spots_of_concern", "Hot spots of concern (250 m cells)"),
    ("themes", "cross_border", "Children at risk also seen outside the area"),
)
#: Breakdowns drawn as bar charts: (section, figure, title).
BREAKDOWNS = (
    ("victims", "by_age_band", "Children at risk by age band"),
    ("victims", "by_gender", "Children at risk by gender"),
    ("victims", "looked_after", "Children at risk: looked after or not"),
    ("victims", "by_ethnicity", "Children at risk by ethnicity (aggregate only)"),
    ("victims", "by_concern_level", "Children at risk by CSE concern level (newest assessment)"),
    ("victims", "missing_from", "Missing episodes: from home or from care"),
    ("offenders", "by_age_band", "Suspected perpetrators by age band"),
    ("offenders", "by_gender", "Suspected perpetrators by gender"),
    ("locations", "by_category", "Places of concern by category"),
)
#: Single figures listed under their section, with words.
FIGURES = {
    "offenders": (("in_networks", "in a network"), ("alone", "not in any network"),
                  ("vehicles", "vehicles they use")),
    "locations": (("places", "places in the area"),
                  ("new_hot_spots", "hot spots of concern new since the previous period"),
                  ("intensifying_hot_spots", "hot spots of concern intensifying since the previous period")),
}
#: Monthly indicators drawn together as line charts: (title, figures).
TRENDS = (
    ("Missing episodes and return interviews", ("missing_episodes", "repeat_missing", "return_interviews",
                                                 "return_interviews_in_time")),
    ("Intelligence reports by assessment", tuple(f"intel_{a}" for a in INTELLIGENCE_ASSESSMENTS)),
    ("Notices, disruption actions and candidate decisions", ("notices_issued", "actions_opened",
                                                             "actions_completed", "candidate_decisions")),
)
#: What a window shows for a figure counted for the period only.
NOT_COUNTED = "—"
NOW = {"notices_active": "abduction notices active", "notices_breached": "abduction notices breached",
       "actions_overdue": "disruption actions overdue"}


def _windows(profile: dict) -> list[tuple[str, dict | None]]:
    return [("this period", profile), ("previous period", profile["previous"]),
            ("since the last meeting", profile["since_meeting"])]


def _withheld(window: dict | None, key: str) -> str | None:
    return ((window or {}).get("withheld") or {}).get(key)


def view_model(profile: dict) -> dict:
    """What the profile page and the pack show."""
    windows = [(name, w) for name, w in _windows(profile) if w is not None]
    headlines = [{"label": label, "values": [(name, w[section][figure], _withheld(w, f"{section}.{figure}"))
                                             for name, w in windows]}
                 for section, figure, label in HEADLINES]
    breakdowns = []
    for section, figure, title in BREAKDOWNS:
        current = profile[section][figure]
        parts = list(current or {})
        for _, w in windows[1:]:
            parts += [k for k in (w[section][figure] or {}) if k not in parts]
        rows = [{"label": part, "values": [(w[section][figure] or {}).get(part) if w[section][figure] is not None
                                           else None for _, w in windows]} for part in parts]
        for row in rows:  # vocabulary words (licensed_premises) as words; free text (gender) as written
            row["label"] = row["label"].replace("_", " ") if section == "locations" else row["label"]
        shown = {(k.replace("_", " ") if section == "locations" else k): v for k, v in (current or {}).items()}
        breakdowns.append({
            "title": title, "rows": rows, "withheld": _withheld(profile, f"{section}.{figure}"),
            "chart": data_uri(bar_svg(title, shown)) if current else None,
        })
    # short names in the chart (its table has the whole words)
    themes = {name.replace("_", " "): value for name, value in profile["themes"].items()}
    months = profile["indicators"]["by_month"]
    trends = [{"title": title, "figures": figures,
               "chart": data_uri(line_svg(title, [m["month"] for m in months],
                                          {MONTHLY[f]: [m[f] for m in months] for f in figures}))}
              for title, figures in TRENDS]
    return {
        "small_multiples": small_multiples(profile.get("by_area")),
        "profile": profile, "area": profile["area"], "windows": [name for name, _ in windows],
        "headlines": headlines, "breakdowns": breakdowns,
        # (a figure of the period alone, such as new hot spots, is a dash in the other windows)
        "figures": [{"label": label, "values": [w[section].get(name, NOT_COUNTED) for _, w in windows]}
                    for section, items in FIGURES.items() for name, label in items],
        "themes": [{"label": PROFILE_THEMES[name], "values": [w["themes"][name] for _, w in windows]}
                   for name in profile["themes"]],
        "themes_chart": data_uri(bar_svg("Themes: children at risk each concerns", themes)),
        "trends": trends, "months": months, "monthly_labels": MONTHLY,
        "now": [(NOW[k], v) for k, v in profile["indicators"]["now"].items()],
        "suppress_below": disclosure.SUPPRESS_BELOW, "rounded": disclosure.ROUNDED,
    }


def small_multiples(by_area: dict | None) -> dict | None:
    """One small line chart per smaller area (a force's councils, a council's wards) of the key
    monthly figures, each with its table."""
    if not by_area or not by_area["areas"]:
        return None
    figures = by_area["figures"]
    return {"level": by_area["level"].replace("_", " "), "figures": figures, "charts": [
        {"name": area["name"], "months": area["by_month"],
         "chart": data_uri(line_svg(area["name"], [m["month"] for m in area["by_month"]],
                                    {MONTHLY[f]: [m[f] for m in area["by_month"]] for f in figures}, small=True))}
        for area in by_area["areas"]]}


def render_pack(profile: dict) -> str:
    """The printable pack as one self-contained HTML document (for a file or an e-mail)."""
    environment = Environment(loader=FileSystemLoader(_WEB / "templates"), autoescape=select_autoescape(default=True))
    environment.filters["figure"] = disclosure.text
    css = (_WEB / "static" / "css" / "profile.css").read_text(encoding="utf-8")
    return environment.get_template("area_profile_pack.html").render(**view_model(profile), inline_css=css)


def pdf_name(profile: dict) -> str:
    """The PDF's file name: the area's ID and the period, in letters, digits and dashes only.

    >>> pdf_name({"area": {"area_id": "ward:st-john's"}, "from": "2026-03-01", "to": "2026-03-31", "partner": True})
    'profile-ward-st-john-s-2026-03-01-2026-03-31-partner.pdf'
    """
    area = re.sub(r"[^a-z0-9]+", "-", profile["area"]["area_id"].lower()).strip("-")[:60]
    return f"profile-{area}-{profile['from']}-{profile['to']}{'-partner' if profile['partner'] else ''}.pdf"
