"""The candidate list of a generated scenario against its answer key (ground_truth.json)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from graph_service.analysis import candidates as cw
from ingest import ingest_paths
from ingest.scenario import generate

pytestmark = pytest.mark.neo4j


@pytest.fixture
def scenario(db, tmp_path):
    out = generate(seed=7, size="small", out=tmp_path / "scenario")
    ingest_paths(db, [out])
    return json.loads((out / "ground_truth.json").read_text())


def test_the_small_scenarios_candidates_match_the_answer_key(db, scenario):
    as_of = date.fromisoformat(scenario["as_of"])
    result = cw.candidate_list(db, as_of, scenario.get("lookback_days", cw.LOOKBACK_DAYS))
    expected = {(p["adult_id"], p["child_id"]): sorted(p["legal_bases"]) for p in scenario["candidate_pairs"]}
    found = {(c.adult_id, c.child_id): sorted(c.legal_bases) for c in result.candidates}
    assert expected, "the scenario should plant candidate pairs"
    assert found == expected
    for candidate in result.candidates:
        truth = next(p for p in scenario["candidate_pairs"]
                     if (p["adult_id"], p["child_id"]) == (candidate.adult_id, candidate.child_id))
        if "evidence_ids" in truth:
            assert sorted({item.item_id for item in candidate.evidence}) == sorted(truth["evidence_ids"])
        assert candidate.reasons and candidate.score.value > 0


def test_the_small_scenarios_exclusions_give_the_first_reason_of_the_answer_key(db, scenario):
    as_of = date.fromisoformat(scenario["as_of"])
    result = cw.candidate_list(db, as_of, scenario.get("lookback_days", cw.LOOKBACK_DAYS))
    mine = {(e.adult_id, e.child_id): e.reason_code for e in result.excluded}
    for pair in scenario.get("excluded_pairs", []):
        key = (pair["adult_id"], pair["child_id"])
        assert key in mine, f"{key} is excluded in the answer key ({pair['reason_codes']}) but not listed"
        assert mine[key] == pair["reason_codes"][0], key
    planted = [p for p in scenario.get("planted_pairs", []) if p["expected"] != "candidate"]
    for pair in planted:
        assert mine[(pair["adult_id"], pair["child_id"])] == pair["reason"]
