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
  (:mod:`graph_service.disclosure.differencing`).

Statistical disclosure control as the guidance on sharing figures outside the police asks
(shared/DOMAIN.md, "Sharing figures with partners").

The rules live in small modules, one per thing a partner receives (:mod:`.rules`,
:mod:`.hotspots`, :mod:`.networks`, :mod:`.profile`, :mod:`.differencing`); callers import
this package and ask it, never a module of it.
"""

from graph_service.disclosure.differencing import ROUNDED, PeriodRefused, round_counts
from graph_service.disclosure.hotspots import (
    cells,
    cells_as_text,
    heat_points,
    places_of_concern,
    shareable_events,
    snapped,
    summary,
)
from graph_service.disclosure.networks import network_summaries, pseudonyms
from graph_service.disclosure.profile import (
    PROFILE_BREAKDOWNS,
    PROFILE_PAIRS,
    WITHHELD_AREAS,
    WITHHELD_PART,
    WITHHELD_REST,
    WITHHELD_SMALL,
    WITHHELD_SUBTRACTION,
    profile,
    profile_by_area,
    profile_months,
    profile_sections,
    profile_window,
)
from graph_service.disclosure.rules import (
    CELL_FIGURES,
    CELL_TOTALS,
    HANDLING_CODES,
    HOME_PARTS,
    KINDS,
    MIN_CELL,
    MIN_DAYS,
    PRIVATE_CATEGORIES,
    SUPPRESS_BELOW,
    WITHHELD,
    WITHHELD_WITH_ANOTHER,
    Refused,
    check_request,
    figure,
    home_counts,
    receives_casework,
    text,
)

__all__ = [
    "CELL_FIGURES", "CELL_TOTALS", "HANDLING_CODES", "HOME_PARTS", "KINDS", "MIN_CELL", "MIN_DAYS",
    "PRIVATE_CATEGORIES", "PROFILE_BREAKDOWNS", "PROFILE_PAIRS", "ROUNDED", "SUPPRESS_BELOW", "WITHHELD",
    "WITHHELD_AREAS", "WITHHELD_PART", "WITHHELD_REST", "WITHHELD_SMALL", "WITHHELD_SUBTRACTION",
    "WITHHELD_WITH_ANOTHER", "PeriodRefused", "Refused", "cells", "cells_as_text",
    "check_request", "figure", "heat_points", "home_counts", "network_summaries", "places_of_concern", "profile",
    "profile_by_area", "profile_months", "profile_sections", "profile_window", "pseudonyms", "receives_casework",
    "round_counts", "shareable_events", "snapped", "summary", "text",
]
