"""The legal basis of a notice on the day it is served, as a pure rule (DOMAIN.md: CAWN), and
the reasons the notice list gives for its order."""

from __future__ import annotations

from datetime import date

import pytest

from graph_service.analysis.candidates.facts import CareStatus, Relative
from graph_service.analysis.candidates.rules import basis_refusal
from graph_service.analysis.notices import concern_reason
from graph_service.vocabulary import S2, S49

ORDER = CareStatus("C", "care_order", date(2024, 1, 1))
PARENT = Relative("C", "A", "parent")
FOSTER_CARER = Relative("C", "A", "foster_carer")


@pytest.mark.parametrize("basis, adult, child, orders, connected, refused", [
    (S2, 30, 15, [], None, None),
    (S2, 30, 16, [], None, "covers a child under 16; the child is 16"),
    (S2, 30, 15, [], PARENT, "connected with the child (recorded as parent)"),
    (S2, 30, 15, [], FOSTER_CARER, None),  # a foster carer is not a connected person
    (S49, 30, 17, [ORDER], None, None),
    (S49, 30, 17, [], None, "needs a care order"),  # accommodated under s20 brings no order
    (S49, 30, 18, [ORDER], None, "covers a child under 18; the child is 18"),
    (S49, 30, 15, [ORDER], PARENT, None),  # s49 may be served on a connected person
    (S2, 17, 14, [], None, "must be 18 or over"),  # a child is never served: refer to safeguarding
    (S2, None, 14, [], None, "no date of birth"),
    (S49, 30, None, [ORDER], None, "the child has no date of birth"),
])
def test_a_basis_is_refused_unless_it_holds_on_the_day(basis, adult, child, orders, connected, refused):
    answer = basis_refusal(basis, adult, child, orders, connected)
    if refused is None:
        assert answer is None
    else:
        assert answer is not None and refused in answer


@pytest.mark.parametrize("row, reason", [
    ({"concern": 0, "status": "breached", "issued_on": "2026-01-02", "breach_alerts": 0},
     "recorded as breached (notice of 2026-01-02)"),
    ({"concern": 0, "status": "active", "issued_on": "2026-01-02", "breach_alerts": 1,
      "last_breach": "2026-02-03T10:00:00Z"}, "breached: 1 breach alert, the latest on 2026-02-03"),
    ({"concern": 2, "status": "expired", "ended_on": None, "status_reason": None}, "expired"),
])
def test_each_notice_says_why_it_stands_where_it_does(row, reason):
    assert concern_reason(row) == reason
