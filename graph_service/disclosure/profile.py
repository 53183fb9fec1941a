"""A partner's problem profile: small counts withheld with their reasons, breakdowns whole or
not at all, nothing given away by subtraction (from the period, the rest of a figure, another
area), whole calendar months, counts rounded to 5 (:mod:`graph_service.disclosure.differencing`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from graph_service.disclosure.differencing import check_window as check_partner_months
from graph_service.disclosure.differencing import meeting_month, months_before, round_counts
from graph_service.disclosure.rules import SUPPRESS_BELOW, figure

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
    :mod:`graph_service.disclosure.differencing`)."""
    check_partner_months(start, end)
    return start, end, meeting_month(since), months_before(start, end)
