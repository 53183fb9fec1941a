"""Records due for review under MoPI (docs/retention.md), planted last on a generator of their
own, so every record before them is the same with or without them: intelligence reports whose
exports give a ``review_date`` before the as-of date (due), and one whose date is after it (not
yet due). All are in the answer key (``reviews``); the policy makes many more records due
(old ANPR reads, graded E reports...), which the queue computes and the key does not list."""

from __future__ import annotations

import random

#: Reports planted with a review date: how many are due, and how many not yet.
DUE, NOT_DUE = 3, 1


def plant(scene, seed: int) -> dict:
    """Add the reports; the answer key's ``reviews``: ``due`` and ``not_due``, each a list of
    ``{record_type, record_id, review_date}``."""
    rng = random.Random(f"graph-service reviews {seed}")
    key: dict[str, list[dict]] = {"due": [], "not_due": []}
    for number in range(DUE + NOT_DUE):
        due = number < DUE
        reported_days_ago = rng.randrange(400, 1500)
        review_days_ago = rng.randrange(1, 300) if due else -rng.randrange(30, 300)
        intel_id = scene.ids["intel"].next()
        review_date = scene.cal.date_text(review_days_ago)
        scene.out.add({"type": "intel", "intel_id": intel_id, "reported_on": scene.cal.date_text(reported_days_ago),
                       "source_evaluation": "2", "intelligence_assessment": rng.choice("BC"), "handling_code": "P",
                       "summary": "Report of concern with a review date set by the reporting officer",
                       "review_date": review_date})
        key["due" if due else "not_due"].append({"record_type": "intel", "record_id": intel_id,
                                                 "review_date": review_date})
    return key
