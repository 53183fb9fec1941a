"""Communications records (docs/intake-format.md, "Communications"): phones normalised to E.164,
online accounts as platform:handle, links from people to them, and contacts between them;
unit tests of the reading, then ingest into the real Neo4j."""

from __future__ import annotations

import pytest
from ingest_files import content, one, only, rejected, write_csv, write_jsonl

from ingest import ingest_paths
from ingest.checks import Batch
from ingest.fields import normalise_phone
from ingest.readers import RawRecord

# -- reading (no database) -------------------------------------------------------------------


@pytest.mark.parametrize("written, e164", [
    ("07700 900123", "+447700900123"),        # UK mobile (Ofcom's drama range), national form
    ("+44 7700 900123", "+447700900123"),
    ("0044 7700 900123", "+447700900123"),
    ("+44 (0)114 496 0123", "+441144960123"),  # Sheffield landline with the (0) people write
    ("020 7946 0018", "+442079460018"),
    ("07400 123456", "+447400123456"),        # an allocated UK mobile range
    ("+1 202-555-0143", "+12025550143"),      # United States
    ("+33 6 12 34 56 78", "+33612345678"),    # France
    ("０７７００ ９００１２３", "+447700900123"),  # full-width digits read as digits
])
def test_phone_numbers_are_stored_in_e164_reading_uk_numbers_without_a_country_code(written, e164):
    assert normalise_phone(written) == e164


def _rejects(fields: dict, kind: str = "phone") -> list[str]:
    batch = Batch()
    batch.add(RawRecord("phones.jsonl", 7, kind, fields))
    return [str(reject) for reject in batch.rejects]


@pytest.mark.parametrize("written, reason", [
    ("0770", "it lacks its area code or digits: write the number in full"),
    ("call me", "it holds no phone number"),
    ("+999 123 4567", "its country code is not one in use"),
    ("+44 7700 900123 999", "it has too many digits"),
    ("07999 12345", "no range of numbers in use in its country holds it: check for a mistyped or missing digit"),
])
def test_a_number_that_does_not_parse_is_refused_naming_file_line_field_and_reason(written, reason):
    [message] = _rejects({"number": written})
    assert message.startswith(f"phones.jsonl:7: number: {written!r} is not a phone number: {reason}")


def test_a_link_or_contact_naming_a_bad_number_or_account_says_which_field_and_why():
    [link] = _rejects({"link_id": "K1", "subject_type": "person", "subject_id": "P1", "relation": "uses_phone",
                       "object_type": "phone", "object_id": "0770"}, "link")
    assert link == "phones.jsonl:7: object_id: '0770' names no phone: it lacks its area code or digits: write the number in full"
    [contact] = _rejects({"contact_id": "C1", "intel_id": "I1", "from_type": "online_account",
                          "from_id": "myspace:jay", "to_type": "phone", "to_id": "07700 900123",
                          "contacted_on": "2025-02-01"}, "contact")
    assert contact.startswith("phones.jsonl:7: from_id: 'myspace:jay' names no online_account: 'myspace' is not one of the platforms: snapchat,")


def test_an_account_handle_is_compared_without_at_sign_or_case_and_the_platform_is_from_the_list():
    assert _rejects({"platform": "snapchat", "handle": "@Jay_22"}, "online_account") == []
    [message] = _rejects({"platform": "myspace", "handle": "jay"}, "online_account")
    assert message.startswith("phones.jsonl:7: platform: 'myspace' is not one of: snapchat, instagram")


def test_a_contact_runs_between_two_different_ends():
    [message] = _rejects({"contact_id": "C1", "intel_id": "I1", "from_type": "phone", "from_id": "07700 900123",
                          "to_type": "phone", "to_id": "+447700900123", "contacted_on": "2025-02-01"}, "contact")
    assert message == ("phones.jsonl:7: to_id: is the same as from_id: a contact runs between two different "
                       "phones or accounts")


# -- into the store --------------------------------------------------------------------------

PEOPLE = [
    {"type": "person", "person_id": "P1", "forename": "Amy", "dob": "2010-04-01"},
    {"type": "person", "person_id": "P2", "forename": "Dan", "dob": "1990-02-03"},
    {"type": "intel", "intel_id": "I1", "reported_on": "2025-01-05", "source_evaluation": "2",
     "intelligence_assessment": "B", "handling_code": "P"},
]
COMMS = [
    {"type": "phone", "number": "07700 900123"},
    {"type": "phone", "number": "+44 7700 900456"},
    {"type": "online_account", "platform": "snapchat", "handle": "@Amy_x", "display_name": "amy"},
    {"type": "link", "link_id": "K1", "intel_id": "I1", "subject_type": "person", "subject_id": "P2",
     "relation": "uses_phone", "object_type": "phone", "object_id": "0044 7700 900456"},
    {"type": "link", "link_id": "K2", "intel_id": "I1", "subject_type": "person", "subject_id": "P1",
     "relation": "uses_account", "object_type": "online_account", "object_id": "Snapchat:amy_x"},
    {"type": "contact", "contact_id": "C1", "intel_id": "I1", "from_type": "phone", "from_id": "07700900456",
     "to_type": "online_account", "to_id": "snapchat:@AMY_X", "contacted_on": "2025-01-03",
     "means": "message", "known_from": "device_examination"},
]


@pytest.fixture
def stored(db, tmp_path):
    folder = tmp_path / "comms"
    folder.mkdir()
    write_jsonl(folder / "people.jsonl", PEOPLE)
    write_jsonl(folder / "comms.jsonl", COMMS)
    report = ingest_paths(db, [folder])
    return db, folder, report


def test_phones_accounts_links_and_contacts_are_stored_as_the_graph_model_says(stored):
    db, _, report = stored
    assert report.created["phone"] == 2 and report.created["online_account"] == 1 and report.created["contact"] == 1
    assert [row["n"] for row in db.read_text("MATCH (p:Phone) RETURN p.number AS n ORDER BY n")] == \
        ["+447700900123", "+447700900456"]
    assert one(db, "MATCH (a:OnlineAccount) RETURN properties(a) AS a")["a"] == {
        "account_key": "snapchat:amy_x", "platform": "snapchat", "handle": "amy_x", "display_name": "amy"}
    phone = one(db, "MATCH (:Person {person_id: 'P2'})-[r:USES_PHONE]->(p:Phone) RETURN p.number AS n, r.best_grade AS g")
    assert phone == {"n": "+447700900456", "g": "2B"}
    assert one(db, "MATCH (:Person {person_id: 'P1'})-[:USES_ACCOUNT]->(a) RETURN a.account_key AS a") == \
        {"a": "snapchat:amy_x"}
    contact = one(db, "MATCH (:Intel {intel_id: 'I1'})-[:REPORTS]->(c:Contact)-[:FROM]->(f:Phone), (c)-[:TO]->(t:OnlineAccount) "
                      "RETURN c.contact_id AS id, toString(c.contacted_on) AS on, c.means AS means, "
                      "c.known_from AS known, f.number AS f, t.account_key AS t")
    assert contact == {"id": "C1", "on": "2025-01-03", "means": "message", "known": "device_examination",
                       "f": "+447700900456", "t": "snapchat:amy_x"}


def test_reingesting_communications_changes_nothing_and_a_changed_contact_is_updated(stored, tmp_path):
    db, folder, _ = stored
    before = content(db)
    again = ingest_paths(db, [folder])
    assert content(db) == before
    assert again.created["contact"] == 0 and again.updated["contact"] == 0 and again.unchanged["contact"] == 1
    assert again.unchanged["phone"] == 2 and again.unchanged["online_account"] == 1
    # The same contact re-sent from another phone: one Contact, now from that phone.
    changed = tmp_path / "changed"
    changed.mkdir()
    write_jsonl(changed / "c.jsonl", [{**COMMS[-1], "from_type": "phone", "from_id": "07700 900123", "means": "call"}])
    report = ingest_paths(db, [changed])
    assert report.updated["contact"] == 1
    assert one(db, "MATCH (c:Contact)-[:FROM]->(f) RETURN count(c) AS n, f.number AS f, c.means AS m") == \
        {"n": 1, "f": "+447700900123", "m": "call"}


def test_a_regraded_report_regrades_the_phone_and_account_it_supports_without_doubling_them(stored, tmp_path):
    # A changed report sends its links' direct relationships to be recomputed in the store,
    # which must replace the phone's and the account's, not add a second beside each.
    db, _, _ = stored
    regraded = tmp_path / "regraded"
    regraded.mkdir()
    write_jsonl(regraded / "i.jsonl", [{**PEOPLE[-1], "source_evaluation": "1", "intelligence_assessment": "A"}])
    ingest_paths(db, [regraded])
    assert db.read_text("MATCH (:Person)-[r:USES_PHONE|USES_ACCOUNT]->() "
                        "RETURN type(r) AS type, r.best_grade AS grade ORDER BY type") == [
        {"type": "USES_ACCOUNT", "grade": "1A"}, {"type": "USES_PHONE", "grade": "1A"}]


def test_a_csv_of_phones_written_in_many_ways_is_one_phone_each(db, tmp_path):
    write_csv(tmp_path / "phone.csv", ["number"], [["07700 900123"], ["+447700900123"], ["0114 496 0123"]])
    report = ingest_paths(db, [tmp_path / "phone.csv"])
    assert report.created["phone"] == 2


def test_a_contact_naming_a_phone_neither_in_the_ingest_nor_stored_is_refused_and_nothing_is_written(db, tmp_path):
    rejects = rejected(db, tmp_path, {"a.jsonl": "\n".join(__import__("json").dumps(r) for r in [
        *PEOPLE, {"type": "phone", "number": "07700 900123"},
        {"type": "contact", "contact_id": "C9", "intel_id": "I1", "from_type": "phone", "from_id": "07700 900123",
         "to_type": "phone", "to_id": "07700 900999", "contacted_on": "2025-01-03"}])})
    assert str(only(rejects, "a.jsonl", 5, "to_id")).endswith(
        "to_id: phone '+447700900999' is neither in this ingest nor already stored: add its phone record")
