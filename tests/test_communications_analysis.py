"""Contacts between phones and online accounts as evidence, against the real Neo4j: an
association tie weighed by grade, a candidate line for an adult in contact with a child, and
deleting a person removing their phones, accounts and contacts (docs/networks.md,
docs/candidates.md, docs/retention.md)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from graph_service.analysis import candidates as cw
from graph_service.analysis.networks import association_graph
from graph_service.analysis.retention import deletion
from ingest import ingest_paths

pytestmark = pytest.mark.neo4j

AS_OF = date(2026, 10, 31)


def intel(intel_id: str, grade: str, on: str = "2026-10-01") -> dict:
    return {"type": "intel", "intel_id": intel_id, "reported_on": on, "source_evaluation": grade[0],
            "intelligence_assessment": grade[1], "handling_code": "P"}


def uses(link_id: str, person: str, kind: str, end: str, intel_id: str) -> dict:
    return {"type": "link", "link_id": link_id, "intel_id": intel_id, "subject_type": "person", "subject_id": person,
            "relation": "uses_phone" if kind == "phone" else "uses_account", "object_type": kind, "object_id": end}


def contact(contact_id: str, intel_id: str, from_end: tuple[str, str], to_end: tuple[str, str],
            on: str = "2026-10-02", means: str = "message") -> dict:
    return {"type": "contact", "contact_id": contact_id, "intel_id": intel_id, "from_type": from_end[0],
            "from_id": from_end[1], "to_type": to_end[0], "to_id": to_end[1], "contacted_on": on, "means": means,
            "known_from": "device_examination"}


ADULT_PHONE = ("phone", "07700 900111")
CHILD_ACCOUNT = ("online_account", "snapchat:kiki_09")
FAMILY_PHONE = ("phone", "0114 496 0555")  # a landline the child and her mother both use
FRIEND_PHONE = ("phone", "07700 900222")

RECORDS = [
    {"type": "person", "person_id": "A1", "forename": "Invented", "surname": "Adult", "dob": "1984-01-01"},
    {"type": "person", "person_id": "C1", "forename": "Invented", "surname": "Child", "dob": "2012-05-05"},
    {"type": "person", "person_id": "M1", "dob": "1980-02-02"},
    {"type": "person", "person_id": "F1", "dob": "1985-03-03"},
    {"type": "phone", "number": ADULT_PHONE[1]},
    {"type": "phone", "number": FAMILY_PHONE[1]},
    {"type": "phone", "number": FRIEND_PHONE[1]},
    {"type": "online_account", "platform": "snapchat", "handle": "Kiki_09"},
    intel("I-USE", "1B"), intel("I-CONTACT", "2B"), intel("I-HEARSAY", "3D"), intel("I-FALSE", "1E"),
    uses("K-A1", "A1", *ADULT_PHONE, "I-USE"),
    uses("K-C1", "C1", *CHILD_ACCOUNT, "I-USE"),
    uses("K-C1-HOME", "C1", *FAMILY_PHONE, "I-USE"),
    uses("K-M1-HOME", "M1", *FAMILY_PHONE, "I-USE"),
    uses("K-F1", "F1", *FRIEND_PHONE, "I-HEARSAY"),  # F1's phone known only by hearsay
    contact("CT1", "I-CONTACT", ADULT_PHONE, CHILD_ACCOUNT),         # the adult messaged the child
    contact("CT2", "I-USE", FRIEND_PHONE, FAMILY_PHONE, means="call"),
    contact("CT3", "I-FALSE", ADULT_PHONE, FRIEND_PHONE, means="call"),  # suspected false: no tie
]


@pytest.fixture
def loaded(db, tmp_path):
    (tmp_path / "records.jsonl").write_text("\n".join(json.dumps(r) for r in RECORDS) + "\n")
    ingest_paths(db, [tmp_path / "records.jsonl"])
    return db


def test_people_whose_phones_or_accounts_were_in_contact_are_tied_as_strongly_as_the_weakest_record(loaded):
    graph = association_graph(loaded, as_of=AS_OF)
    tie = graph["A1"]["C1"]
    [item] = tie["evidence"]
    assert item["kind"] == "contact" and item["evidence_ids"] == ("CT1", "K-A1", "K-C1")
    assert item["grade"] == "2B"  # the contact's report is weaker than the uses' (1B)
    assert tie["weight"] == pytest.approx(0.6 * _recency(loaded, "2026-10-02"), rel=0.05)
    # A call to a shared family landline ties the caller to everyone who uses it, as weak as
    # the hearsay that the phone is F1's.
    assert graph["F1"]["C1"]["evidence"][0]["grade"] == graph["F1"]["M1"]["evidence"][0]["grade"] == "3D"
    # Contact graded E (suspected false) makes no tie.
    assert not graph.has_edge("A1", "F1")


def _recency(db, on: str) -> float:
    from graph_service.grading import evidence_weight
    return evidence_weight("2", "B", date.fromisoformat(on), AS_OF) / 0.6


def test_an_adult_in_contact_with_a_child_is_a_candidate_with_the_contact_in_words(loaded):
    result = cw.candidate_list(loaded, AS_OF)
    by_pair = {(c.adult_id, c.child_id): c for c in result.candidates}
    line = by_pair["A1", "C1"]
    assert line.legal_bases == ["s2_caa_1984"]
    [item] = line.evidence
    assert item.to_dict() == {"kind": "contact", "id": "CT1", "date": "2026-10-02", "grades": ["2B", "1B", "1B"],
                              "intel_ids": ["I-CONTACT", "I-USE", "I-USE"], "ends": ["+447700900111",
                              "snapchat account kiki_09"], "means": "message", "related_ids": ["K-A1", "K-C1"]}
    sentence = cw.describe_evidence(item)
    assert sentence.startswith("A1 and C1 were in contact: an online message on 2026-10-02 (contact CT1) from "
                               "phone +447700900111, which A1 uses (link K-A1), to snapchat account kiki_09, "
                               "which C1 uses (link K-C1)")
    # Sharing the family landline is not contact: the child's mother is no pair of hers.
    pairs = set(by_pair) | {(e.adult_id, e.child_id) for e in result.excluded}
    assert ("M1", "C1") not in pairs


def test_deleting_a_person_removes_their_phones_accounts_links_and_contacts_only(loaded):
    db = loaded
    deleted = deletion.delete_person(db, "A1")
    assert deleted.records["phone"] == ["+447700900111"]
    assert sorted(deleted.records["contact"]) == ["CT1", "CT3"]
    assert deleted.records["link"] == ["K-A1"]
    left = db.read_text("MATCH (n) WHERE n:Phone OR n:OnlineAccount OR n:Contact "
                        "RETURN coalesce(n.number, n.account_key, n.contact_id) AS key ORDER BY key")
    assert [r["key"] for r in left] == ["+441144960555", "+447700900222", "CT2", "snapchat:kiki_09"]
    # Nothing in the store names A1 or A1's number any more.
    values = db.read("retention/store_values")
    assert not [row for row in values for v in row["properties"].values()
                if isinstance(v, str) and ("A1" == v or "+447700900111" in v)]
    # The report of the deleted contact also reported the others' uses: it is kept.
    assert db.read_text("MATCH (i:Intel {intel_id: 'I-USE'}) RETURN count(i) AS n")[0]["n"] == 1
    assert "I-CONTACT" in deleted.records["intel"] and "I-FALSE" in deleted.records["intel"]


def test_deleting_a_report_removes_the_contacts_known_only_from_it(loaded):
    deleted = deletion.delete_report(loaded, "I-CONTACT")
    assert deleted.records["contact"] == ["CT1"]
    assert loaded.read_text("MATCH (c:Contact) RETURN c.contact_id AS c ORDER BY c") == [{"c": "CT2"}, {"c": "CT3"}]
    assert not association_graph(loaded, as_of=AS_OF).has_edge("A1", "C1")


def test_contacts_come_up_for_review_by_their_reports_grade_with_the_people_they_name(loaded):
    from graph_service.analysis.retention import policy, queue

    # CT3's report is graded E: reviewed a year after the contact; the others after six years.
    found = {i["record_id"]: i for i in queue.due(loaded, date(2027, 10, 2), per_page=200).items
             if i["record_type"] == "contact"}
    assert list(found) == ["CT3"]
    assert found["CT3"]["why"] == policy.line_for("contact", {"intelligence_assessment": "E"}).reason
    assert [p["person_id"] for p in found["CT3"]["people"]] == ["A1", "F1"]
    done = queue.retain(loaded, "CT3", "the call is part of an open enquiry", "ana", today=date(2027, 10, 2))
    assert done["record_type"] == "contact"
    assert "CT3" not in [i["record_id"] for i in queue.due(loaded, date(2027, 10, 2), per_page=200).items]
