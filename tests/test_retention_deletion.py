"""Deleting a person or a report at review, on the small synthetic scenario in a real Neo4j:
nothing left anywhere in the store names a deleted ID (every node, relationship and property
value, lists and JSON text included), what was computed from them goes too, a failure half way
deletes nothing, and an unknown ID is refused (docs/retention.md)."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from ingest_files import content

from graph_service.analysis import disruption as plans
from graph_service.analysis import investigations
from graph_service.analysis.alerts import store
from graph_service.analysis.candidates import review
from graph_service.analysis.evidence_graph import Entity
from graph_service.analysis.networks import run_networks
from graph_service.analysis.retention import deletion, queue
from graph_service.db import access
from ingest import ingest_paths
from ingest.scenario import generate


@pytest.fixture
def world(db, tmp_path):
    """The small scenario loaded, networks found, and the derived data that can name people:
    alerts (raised by the ingest), a watch, a candidate review decision, disruption plans and
    a retention decision."""
    folder = generate(seed=7, size="small", out=tmp_path / "scenario")
    truth = json.loads((folder / "ground_truth.json").read_text())
    ingest_paths(db, [folder])
    as_of = date.fromisoformat(truth["as_of"])
    run_networks(db, as_of=as_of)
    notices = [json.loads(line) for line in (folder / "disruption.jsonl").read_text().splitlines()]
    truth["notices"] = [n for n in notices if n["type"] == "notice"]
    return truth, as_of


def notice_of_breach(truth) -> dict:
    notice_id = truth["alerts"]["breaches"][0]["notice_id"]
    (adult, child) = next((n["adult_id"], n["child_id"]) for n in truth["notices"] if n["notice_id"] == notice_id)
    return {"notice_id": notice_id, "adult_id": adult, "child_id": child}


def naming(db, ids: list[str]) -> list[tuple[str, str, object]]:
    """Every (holder, property, value) in the whole store that names one of ``ids``: equal to
    it, a list holding it, or text holding it as a whole word (JSON evidence, sentences)."""
    words = [re.compile(rf"(?<![\w-]){re.escape(i)}(?![\w-])") for i in ids]
    found = []
    for row in db.read("retention/store_values"):
        for key, value in row["properties"].items():
            values = value if isinstance(value, list) else [value]
            if any(isinstance(v, str) and any(w.search(v) for w in words) for v in values):
                found.append((row["holder"], key, value))
    return found


def test_deleting_a_person_leaves_nothing_in_the_store_that_names_them(db, world, settings):
    truth, as_of = world
    breach = notice_of_breach(truth)
    adult, child = breach["adult_id"], breach["child_id"]
    # Derived data naming the adult, besides the breach alert the ingest raised.
    store.add_watch(db, "ana", "person", adult, "seen near the school")
    review.record_decision(db, adult, child, "approved", "found together twice", user="lead", as_of=as_of)
    plans.save_plan(db, plans.plan_for_person(db, adult, as_of), user="lead")
    network = db.read_text("MATCH (:Person {person_id: $p})-[:MEMBER_OF]->(n:Network) RETURN n.network_id AS n",
                           {"p": adult})
    if network:
        plans.save_plan(db, plans.plan_for_network(db, network[0]["n"], as_of), user="lead")
    queue.retain(db, breach["notice_id"], "the notice is still in force", "ana")
    investigations.save(db, "ana", "Breach follow-up", [Entity("person", adult), Entity("person", child)], {})
    assert naming(db, [adult])  # the check finds what is there
    people_before = db.read_text("MATCH (p:Person) RETURN count(p) AS n")[0]["n"]

    deleted = deletion.delete_person(db, adult)

    assert naming(db, [adult]) == []
    assert naming(db, [i for i in deleted.ids if "|" not in i]) == []  # nor any record deleted with them
    assert breach["notice_id"] in deleted.records["notice"]
    assert deleted.derived["alerts"] >= 1 and deleted.derived["watches"] == 1
    assert deleted.derived["candidate_reviews"] == 1 and deleted.derived["disruption_plans"] == 1
    assert deleted.derived["retention_decisions"] == 1 and deleted.derived["investigations_updated"] == 1
    # Only the person is gone of the people; the child and kept records stay.
    assert db.read_text("MATCH (p:Person) RETURN count(p) AS n")[0]["n"] == people_before - 1
    assert db.read_text("MATCH (p:Person {person_id: $c}) RETURN count(p) AS n", {"c": child})[0]["n"] == 1
    for sighting_id in deleted.kept["sighting"]:
        assert db.read_text("MATCH (s:Sighting {sighting_id: $s}) RETURN count(s) AS n", {"s": sighting_id})[0]["n"] == 1
    # Deleting again is refused: the person is gone.
    with pytest.raises(deletion.UnknownPerson, match="nothing was deleted"):
        deletion.delete_person(db, adult)


def test_a_failure_half_way_through_a_deletion_deletes_nothing(db, world, monkeypatch):
    truth, _ = world
    adult = notice_of_breach(truth)["adult_id"]
    before = content(db)
    real_run = access.Transaction.run

    def failing(self, name, **params):
        if name == "retention/delete_person":  # after the derived data and the records went
            raise RuntimeError("connection lost")
        return real_run(self, name, **params)

    monkeypatch.setattr(access.Transaction, "run", failing)
    with pytest.raises(RuntimeError, match="connection lost"):
        deletion.delete_person(db, adult)
    monkeypatch.undo()
    assert content(db) == before


def test_an_unknown_id_is_refused_and_nothing_changes(db, world):
    before = content(db)
    with pytest.raises(deletion.UnknownPerson, match="no person 'P-NOBODY' is stored"):
        deletion.delete_person(db, "P-NOBODY")
    with pytest.raises(deletion.UnknownReport, match="no intelligence report 'I-NONE' is stored"):
        deletion.delete_report(db, "I-NONE")
    assert content(db) == before


def test_deleting_a_report_removes_it_its_links_and_recomputes_the_ties_they_drew(db, world):
    # A report with links between two people, one of whom has other evidence of the same tie kept.
    (row,) = db.read_text(
        "MATCH (i:Intel)-[:REPORTS]->(l:Link {relation: 'associates_with'})-[:SUBJECT]->(a:Person), (l)-[:OBJECT]->(b:Person) "
        "RETURN i.intel_id AS intel, a.person_id AS a, b.person_id AS b ORDER BY i.intel_id LIMIT 1")
    link_ids = [r["l"] for r in db.read_text("MATCH (:Intel {intel_id: $i})-[:REPORTS]->(l:Link) RETURN l.link_id AS l",
                                              {"i": row["intel"]})]
    deleted = deletion.delete_report(db, row["intel"])
    assert sorted(deleted.records["link"]) == sorted(link_ids) and deleted.recomputed >= 1
    assert naming(db, [row["intel"], *link_ids]) == []
    assert {row["a"], row["b"]} <= set(deleted.kept["person"])
    people = db.read_text("MATCH (p:Person) WHERE p.person_id IN $ids RETURN count(p) AS n", {"ids": [row["a"], row["b"]]})
    assert people[0]["n"] == 2
    # The direct relationship is left only where other links still assert it, with their IDs.
    for tie in db.read_text("MATCH (:Person {person_id: $a})-[r:ASSOCIATES_WITH]->(:Person {person_id: $b}) "
                            "RETURN r.link_ids AS links, r.count AS count", {"a": row["a"], "b": row["b"]}):
        assert tie["links"] and not set(tie["links"]) & set(link_ids) and tie["count"] == len(tie["links"])
