"""Phones and online accounts on the link chart and on paths, against the real Neo4j: a
person's phone is a node one hop away, a contact is a tie between two phones or accounts with
its grade, a network's chart shows the means its members were in contact by, and a path from
an adult to a child runs through them (docs/workspace.md)."""

from __future__ import annotations

import json

import pytest
from test_communications_analysis import ADULT_PHONE, AS_OF, RECORDS, contact, uses

from graph_service.analysis import link_chart
from graph_service.analysis.evidence_graph import Entity, Filters, find
from graph_service.analysis.networks import run_networks
from graph_service.analysis.paths import k_shortest_paths
from ingest import ingest_paths

pytestmark = pytest.mark.neo4j


#: A second adult, who calls A1 and was seen with A1 and the child: a network of three.
NETWORK = [
    {"type": "person", "person_id": "A2", "dob": "1986-06-06"},
    {"type": "phone", "number": "07700 900333"},
    {"type": "location", "location_id": "H1", "name": "Canal Hotel", "category": "hotel", "lat": 53.38, "lon": -1.47},
    uses("K-A2", "A2", "phone", "07700 900333", "I-USE"),
    contact("CT4", "I-USE", ADULT_PHONE, ("phone", "07700 900333"), means="call"),
    {"type": "sighting", "sighting_id": "S1", "observed_at": "2026-10-03T21:00:00Z", "location_id": "H1",
     "source": "officer", "person_ids": ["A1", "A2", "C1"]},
]


@pytest.fixture
def loaded(db, tmp_path):
    (tmp_path / "records.jsonl").write_text("\n".join(json.dumps(r) for r in RECORDS + NETWORK) + "\n")
    ingest_paths(db, [tmp_path / "records.jsonl"])
    return db


def test_a_persons_phone_and_the_account_it_messaged_are_nodes_of_the_chart(loaded):
    chart = link_chart.build(loaded, [Entity("person", "A1")], expand=[Entity("person", "A1")], expand_hops=3)
    nodes = {n["key"]: n for n in chart["nodes"]}
    assert nodes["phone:+447700900111"]["label"] == "phone +447700900111"
    assert nodes["online_account:snapchat:kiki_09"]["label"] == "snapchat @kiki_09"
    assert nodes["person:C1"]["child"] is True
    ties = {(e["source"], e["target"]): e for e in chart["edges"]}
    contact = ties["online_account:snapchat:kiki_09", "phone:+447700900111"]
    assert contact["relations"] == ["contact"] and contact["grade"] == "2B" and contact["style"] == "solid"
    assert [(i["kind"], i["id"], i["intel_id"], i["graded"]) for i in contact["evidence"]] == \
        [("contact", "CT1", "I-CONTACT", True)]
    assert ties["person:A1", "phone:+447700900111"]["relations"] == ["uses_phone"]
    # CT3 is graded E: it never joins anything, so F1's phone is not reached through it.
    assert "phone:+447700900222" not in nodes or ("phone:+447700900111", "phone:+447700900222") not in ties


def test_a_path_from_the_adult_to_the_child_runs_through_the_phone_and_the_account(loaded):
    # (They were also seen together, a shorter path: asked over phones and contacts only.)
    means = Filters.of(["uses_phone", "uses_account", "contact"])
    found = k_shortest_paths(loaded, Entity("person", "A1"), Entity("person", "C1"), k=1, filters=means)
    [path] = found["paths"]
    assert [(h["from"], h["to"], h["relation"]) for h in path["hops"]] == [
        ("person:A1", "phone:+447700900111", "uses_phone"),
        ("phone:+447700900111", "online_account:snapchat:kiki_09", "contact"),
        ("online_account:snapchat:kiki_09", "person:C1", "uses_account")]
    # Leaving contacts out of the kinds of link leaves no way between them.
    assert k_shortest_paths(loaded, Entity("person", "A1"), Entity("person", "C1"), k=1,
                            filters=Filters.of(["uses_phone", "uses_account"]))["paths"] == []


def test_phones_and_accounts_are_named_as_users_write_them(loaded):
    assert find(loaded, "phone:07700 900111") == [Entity("phone", "+447700900111")]
    assert find(loaded, "07700 900111") == [Entity("phone", "+447700900111")]  # bare, as typed
    assert find(loaded, "online_account:Snapchat:@Kiki_09") == [Entity("online_account", "snapchat:kiki_09")]
    with pytest.raises(ValueError, match="'phone:0770': it lacks its area code"):
        Entity.parse("phone:0770")


def test_a_networks_chart_shows_the_means_its_members_were_in_contact_by(loaded):
    run_networks(loaded, as_of=AS_OF)
    [row] = loaded.read_text("MATCH (:Person {person_id: 'A1'})-[:MEMBER_OF]->(n:Network) RETURN n.network_id AS n")
    chart = link_chart.network_chart(loaded, row["n"])
    keys = {n["key"] for n in chart["nodes"]}
    assert {"person:A1", "person:A2", "person:C1", "phone:+447700900111", "phone:+447700900333",
            "online_account:snapchat:kiki_09"} <= keys
    ties = {(e["source"], e["target"]): e for e in chart["edges"]}
    assert ties["online_account:snapchat:kiki_09", "phone:+447700900111"]["relations"] == ["contact"]
    assert ties["phone:+447700900111", "phone:+447700900333"]["relations"] == ["contact"]
