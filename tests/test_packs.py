"""CSV exports of candidate and action lists: pure, no database."""

from __future__ import annotations

import csv
import io
from datetime import date

from graph_service.analysis import candidates as cw
from graph_service.reports import packs

D = date(2026, 10, 31)


def rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_candidate_csv_ranks_candidates_and_lists_exclusions():
    people = [cw.Person("A1", date(1980, 1, 1)), cw.Person("A2", date(1990, 1, 1)), cw.Person("C1", date(2013, 2, 2)),
              cw.Person("=cmd|' /C calc'!A0", date(2012, 1, 1))]
    evidence = [cw.Evidence(cw.SIGHTING, "S1", ("C1", "A1"), D, (cw.Grade.recorded_fact("S1"),)),
                cw.Evidence(cw.SIGHTING, "S2", ("C1", "A1"), D, (cw.Grade.recorded_fact("S2"),)),
                cw.Evidence(cw.SIGHTING, "S3", ("C1", "A2"), D, (cw.Grade.recorded_fact("S3"),)),
                cw.Evidence(cw.SIGHTING, "S4", ("=cmd|' /C calc'!A0", "A2"), date(2020, 1, 1),
                            (cw.Grade.recorded_fact("S4"),))]
    table = rows(packs.candidates_csv(cw.evaluate(cw.Facts(people=people, evidence=evidence), D)))
    assert [(r["status"], r["rank"], r["adult_id"]) for r in table] == [
        ("candidate", "1", "A1"), ("candidate", "2", "A2"), ("excluded", "", "A2")]
    assert table[0]["evidence"] == "S1 (sighting, 2026-10-31, 1A); S2 (sighting, 2026-10-31, 1A)"
    assert table[2]["reason_code"] == "no_recent_evidence"
    assert table[2]["child_id"] == "'=cmd|' /C calc'!A0"  # never a spreadsheet formula


def test_action_csv_has_one_row_per_action():
    actions = [{"action_id": "action-1", "plan_id": "person:P1", "target_kind": "location", "target_id": "L1",
                "target_label": "Station Hotel (hotel)", "tactic": "awareness_visit", "title": "CSE awareness visit",
                "legal_basis": "x", "facts": ["one", "two"], "evidence_ids": ["S1", "S2"], "owner": "Team A",
                "due_on": date(2026, 11, 28), "status": "agreed", "supported": False, "notes": ["n1"]}]
    (row,) = rows(packs.actions_csv(actions))
    assert row["facts"] == "one | two" and row["evidence_ids"] == "S1;S2" and row["due_on"] == "2026-11-28"
    assert row["supported"] == "no" and row["owner"] == "Team A"
