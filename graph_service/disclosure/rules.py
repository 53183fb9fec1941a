"""The rules every partner's figure follows: the thresholds, what a page says in place of a
withheld count, the smallest window and cell, and the figures of the partner home page.

>>> figure(2), text(figure(2)), MIN_DAYS, MIN_CELL
(None, 'fewer than 3', 28, 250)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

import pandas as pd

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


# -- casework ------------------------------------------------------------------------------

def receives_casework(role: str | None) -> bool:
    """Alerts, CSE concern levels, notices and watches name people and carry police casework:
    analysts and disruption leads receive them; a partner (and an administrator) never does.

    >>> receives_casework("partner"), receives_casework("disruption_lead")
    (False, True)
    """
    from graph_service.security.roles import sees_personal_data

    return role is not None and sees_personal_data(role)
