"""The synthetic scenario's casework against the real service: ingesting the small scenario
raises exactly the breach and repeat-missing alerts its answer key lists (breaches planted and
recorded by the generator, not computed by the alert rules), none for its near misses, and
concerns are recorded on background children as well as planted ones (a level gives no child
away)."""

from __future__ import annotations

import json

from graph_service.analysis.alerts import store
from ingest import ingest_paths
from ingest.scenario import generate


def test_the_small_scenario_raises_exactly_the_alerts_of_its_answer_key(db, tmp_path):
    folder = generate(seed=7, size="small", out=tmp_path / "scenario")
    truth = json.loads((folder / "ground_truth.json").read_text())
    report = ingest_paths(db, [folder])
    raised = store.inbox(db, ["role:disruption_lead", "role:analyst"], 1, 200).items
    assert len(report.alerts) == len(raised)
    breaches = sorted((a["evidence"][0]["id"], a["evidence"][1]["kind"], a["evidence"][1]["id"])
                      for a in raised if a["kind"] == "breach")
    assert breaches == [(b["notice_id"], b["kind"], b["record_id"]) for b in truth["alerts"]["breaches"]]
    assert sum(b["planted"] for b in truth["alerts"]["breaches"]) >= 2  # one in each story with an active notice
    near = truth["alerts"]["near_misses"]
    whys = {m["why"].split(" written as ")[0] for m in near}
    assert {"seen together the day before the notice", "seen together on the day of the notice",
            "the adult seen alone after the notice", "the adult seen after the notice with a different child",
            "seen together after a notice"} <= whys
    cited = {e["id"] for a in raised for e in a["evidence"]}
    assert not cited & {m["record_id"] for m in near}  # a near miss raises nothing
    repeats = sorted((a["people"][0], a["evidence"][-1]["id"]) for a in raised if a["kind"] == "repeat_missing")
    assert repeats == [(r["person_id"], r["episode_id"]) for r in truth["alerts"]["repeat_missing"]]
    assert {a["kind"] for a in raised} == {"breach", "repeat_missing"}  # no watches are set

    planted = {p for n in truth["networks"] for p in n["children"]}
    assessed = {r["p"] for r in db.read_text("MATCH (:CseConcern)-[:CONCERNS]->(p:Person) RETURN DISTINCT p.person_id AS p")}
    assert assessed & planted and len(assessed - planted) >= len(assessed & planted) // 2  # the background too
