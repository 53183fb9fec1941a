"""Differencing: the two rules that stop a partner working out a small count by subtracting one
published profile figure from another. Part of the disclosure rules; pages and commands reach
it through :mod:`graph_service.disclosure` (``disclosure.profile``, ``disclosure.profile_window``),
the one place that decides what a partner receives.

Suppressing every count below 3 protects one table. A partner who asks for two tables can still
subtract: a council's profile less one of its wards' (or less the sum of its wards'), or the
period 1 January to 31 March less the period 1 January to 30 March, gives a figure that was never
published and may be 1 or 2. Statistical disclosure control practice answers this in two ways,
and the partner version of the profile uses both:

1. **Fixed periods.** A partner's profile covers whole calendar months (from the first day of a
   month to the last day of a month), its previous period is the same number of whole months
   before, and "since the last meeting" is counted from the first day of the meeting's month.
   Two periods a partner can ask for then differ by whole months, never by a day or a week in
   which one event stands out. (Areas are fixed already: only loaded boundaries can be asked for.)
2. **Rounding to base 5.** Every count a partner receives in the profile is shown rounded to the
   nearest multiple of 5 (0 stays 0; 1 and 2 are withheld as before; 3 to 7 are shown as 5, 8
   to 12 as 10...). The difference of two rounded figures then only says that the true
   difference lies in a range at least 9 wide, which always holds values other than 1 and 2:
   subtracting a ward from its council, or one period from an overlapping one, gives no count
   away. A total and its parts are each rounded on their own, so they need not add up.

The practice: the Government Statistical Service's *Disclosure control guidance for tables
produced from administrative sources* (GSS/GSR, 2014) names disclosure by differencing between
overlapping tables and geographies, and rounding (with fixed geographies and periods) as its
remedy beside cell suppression; the Office for National Statistics and HESA publish counts from
administrative data rounded to a multiple of 5 for this reason.

>>> rounded(0), rounded(3), rounded(7), rounded(8), rounded(12), rounded(13), rounded(None)
(0, 5, 5, 10, 10, 15, None)
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from datetime import date

#: The base partner counts in the profile are rounded to.
ROUNDING_BASE = 5
#: What pages say beside a rounded figure.
ROUNDED = f"rounded to the nearest {ROUNDING_BASE}"


class PeriodRefused(ValueError):
    """A partner asked for a profile period other than whole calendar months; the message says how to ask."""


def rounded(count: int | None) -> int | None:
    """``count`` to the nearest multiple of :data:`ROUNDING_BASE` (halves cannot happen with
    whole counts); ``None`` (withheld) stays ``None``."""
    if count is None:
        return None
    return ROUNDING_BASE * ((count + ROUNDING_BASE // 2) // ROUNDING_BASE)


def month_end(day: date) -> date:
    """The last day of ``day``'s month.

    >>> month_end(date(2028, 2, 10))
    datetime.date(2028, 2, 29)
    """
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def check_window(start: date, end: date) -> None:
    """Refuse (:class:`PeriodRefused`) a partner's period that is not whole calendar months.

    >>> check_window(date(2026, 1, 1), date(2026, 3, 31))
    >>> try:
    ...     check_window(date(2026, 1, 1), date(2026, 3, 30))
    ... except PeriodRefused as refused:
    ...     print(refused)
    to: partners receive profiles of whole calendar months: 2026-03-30 is not the last day of a month (2026-03-31 is)
    """
    if start.day != 1:
        raise PeriodRefused(f"from: partners receive profiles of whole calendar months: {start} is not the first day "
                            f"of a month ({start.replace(day=1)} is)")
    if end != month_end(end):
        raise PeriodRefused(f"to: partners receive profiles of whole calendar months: {end} is not the last day of a "
                            f"month ({month_end(end)} is)")


def months_before(start: date, end: date) -> tuple[date, date]:
    """The same number of whole calendar months just before a period of whole months.

    >>> months_before(date(2026, 3, 1), date(2026, 5, 31))
    (datetime.date(2025, 12, 1), datetime.date(2026, 2, 28))
    """
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    index = start.year * 12 + start.month - 1 - months
    return date(index // 12, index % 12 + 1, 1), date.fromordinal(start.toordinal() - 1)


def meeting_month(since: date | None) -> date | None:
    """Where a partner's "since the last meeting" begins: the first day of the meeting's month."""
    return None if since is None else since.replace(day=1)


def round_counts(shown):
    """Every count in a partner's profile (any ``int`` in nested mappings and lists, not dates,
    months or the ``withheld`` reasons) rounded to :data:`ROUNDING_BASE`."""
    if isinstance(shown, bool):
        return shown
    if isinstance(shown, int):
        return rounded(shown)
    if isinstance(shown, Mapping):
        return {k: v if k in ("withheld", "area", "level", "figures", "month") else round_counts(v)
                for k, v in shown.items()}
    if isinstance(shown, list):
        return [round_counts(v) for v in shown]
    return shown
