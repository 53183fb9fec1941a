"""Abduction warning notices as casework: the list in order of concern, one notice with its
statements and breaches, and the changes a disruption lead records (a permission statement,
a notice served from an approved candidate, a notice withdrawn or expired).

* :mod:`.reading`: :func:`notices_page` (breached first, then active, then ended; each with
  the reason for its place) and :func:`notice` (one notice, its permission statements and
  the breach alerts raised on it).
* :mod:`.changes`: :func:`record_statement`, :func:`serve` and :func:`end`. Each validates its
  input, writes in one transaction with the caller's audit entry (``before_commit``), and then
  evaluates the alert rules, so a notice served in the dashboard makes a later sighting of
  the adult with the child a breach, and an ended one stops raising them.

Notices are stored in the intake's shape (``Notice`` -[:SERVED_ON]-> adult, -[:PROTECTS]->
child; ``docs/graph-model.md``), so candidate lists and alerts read a notice served in the
dashboard as they read an imported one. The writes themselves are
:mod:`graph_service.analysis.candidates.review`'s.

Partners receive no notice, in any form: a notice names an adult and a child.
"""

from __future__ import annotations

from graph_service.analysis.notices.changes import NotApproved, end, record_statement, serve
from graph_service.analysis.notices.reading import (
    CONCERN_ORDER,
    NoSuchNotice,
    concern_reason,
    notice,
    notices_page,
)

__all__ = ["CONCERN_ORDER", "NoSuchNotice", "NotApproved", "concern_reason", "end", "notice", "notices_page",
           "record_statement", "serve"]
