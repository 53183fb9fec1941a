"""Ingest against the real Neo4j: the graph model, every rejection case, all or nothing,
idempotency, updates, and provenance of the direct relationships."""

from __future__ import annotations

import copy
from datetime import date, datetime, timezone

import pytest
from ingest_files import BASE, content, one, only, rejected, snapshot, write_csv, write_jsonl

from ingest import IngestRejected, ingest_paths, writer
from ingest.scenario import generate

#: A new person (P9) with a new report (I9, 3C) of a link from P2, who is in BASE.
NEW_PERSON_LINKED_TO_P2 = [
    {"type": "person", "person_id": "P9", "forename": "Kim", "surname": "Vale", "dob": "2011-05-06"},
    {"type": "intel", "intel_id": "I9", "reported_on": "2025-05-01", "source_evaluation": "3",
     "intelligence_assessment": "C", "handling_code": "P"},
    {"type": "link", "link_id": "K9", "intel_id": "I9", "subject_type": "person", "subject_id": "P2",
     "relation": "associates_with", "object_type": "person", "object_id": "P9"},
]


@pytest.fixture
def base(db, tmp_path):
    """The store holding BASE."""
    folder = tmp_path / "base"
    folder.mkdir()
    write_jsonl(folder / "base.jsonl", BASE)
    ingest_paths(db, [folder])
    return db


# -- the graph model -------------------------------------------------------------------------

def test_every_record_type_is_stored_as_the_graph_model_says(base):
    db = base
    person = one(db, "MATCH (p:Person {person_id: 'P1'}) RETURN properties(p) AS p")["p"]
    assert person["dob"] == date(2010, 4, 1) and person["aliases"] == ["Ames"] and person["surname"] == "Hart"
    assert one(db, "MATCH (v:Vehicle) RETURN v.vrm AS vrm, v.make AS make") == {"vrm": "AB12CDE", "make": "Ford"}
    location = one(db, "MATCH (l:Location {location_id: 'L1'}) RETURN l.point AS point, l.category AS c")
    assert (location["point"].latitude, location["point"].longitude, location["point"].srid) == (53.3811, -1.4701, 4326)
    intel = one(db, "MATCH (i:Intel {intel_id: 'I2'}) RETURN properties(i) AS i")["i"]
    assert intel["source_evaluation"] == "1" and intel["handling_conditions"] == "police only"
    assert one(db, "MATCH (:Intel {intel_id: 'I1'})-[:REPORTS]->(l:Link {link_id: 'K1'})-[:SUBJECT]->(:Person {person_id: 'P2'}) "
                   "MATCH (l)-[:OBJECT]->(:Person {person_id: 'P1'}) RETURN l.relation AS r") == {"r": "associates_with"}
    episode = one(db, "MATCH (e:MissingEpisode)-[:OF]->(c:Person), (e)-[:FOUND_AT]->(l:Location), "
                      "(e)-[:FOUND_WITH]->(w:Person) RETURN c.person_id AS c, l.location_id AS l, w.person_id AS w, "
                      "e.reported_at AS at, e.return_interview_on AS interview")
    assert (episode["c"], episode["l"], episode["w"]) == ("P1", "L1", "P2")
    assert episode["at"] == datetime(2025, 3, 1, 18, tzinfo=timezone.utc) and episode["interview"] == date(2025, 3, 4)
    sighting = one(db, "MATCH (s:Sighting)-[:AT]->(l), (s)-[:OF_VEHICLE]->(v) "
                       "RETURN l.location_id AS l, v.vrm AS v, COLLECT { MATCH (s)-[:SAW]->(p) RETURN p.person_id ORDER BY p.person_id } AS saw")
    assert sighting == {"l": "L2", "v": "AB12CDE", "saw": ["P1", "P2"]}
    care = one(db, "MATCH (:Person {person_id: 'P1'})-[:HAS_CARE_STATUS]->(c:CareStatus) RETURN properties(c) AS c")["c"]
    assert care == {"care_status_key": "P1|care_order|2024-06-01", "status": "care_order", "start_on": date(2024, 6, 1),
                    "review_due": date(2026, 6, 1)}  # a child's care status: reviewed after two years
    assert one(db, "MATCH (:Person {person_id: 'P1'})-[r:HAS_RELATIVE]->(x) RETURN r.relation AS r, x.person_id AS x") == \
        {"r": "parent", "x": "P3"}
    assert one(db, "MATCH (n:Notice)-[:SERVED_ON]->(a), (n)-[:PROTECTS]->(c) RETURN a.person_id AS a, c.person_id AS c, "
                   "n.basis AS basis") == {"a": "P2", "c": "P1", "basis": "s49_ca_1989"}
    assert one(db, "MATCH (s:PermissionStatement)-[:ABOUT_CHILD]->(c), (s)-[:ABOUT_ADULT]->(a), (s)-[:MADE_BY]->(m) "
                   "RETURN c.person_id + a.person_id + m.person_id AS ids") == {"ids": "P1P2P3"}


def test_a_link_is_drawn_as_a_direct_relationship_with_its_provenance(base):
    direct = one(base, "MATCH (:Person {person_id: 'P2'})-[r:ASSOCIATES_WITH]->(:Person {person_id: 'P1'}) "
                       "RETURN properties(r) AS r")["r"]
    assert direct == {"link_ids": ["K1", "K2"], "intel_ids": ["I1", "I2"], "count": 2, "best_grade": "1A",
                      "first_observed": date(2025, 1, 5), "last_observed": date(2025, 3, 1)}
    ungraded = one(base, "MATCH (:Person {person_id: 'P2'})-[r:USES_VEHICLE]->(:Vehicle) RETURN properties(r) AS r")["r"]
    assert ungraded == {"link_ids": ["K3"], "intel_ids": [], "count": 1, "best_grade": "2D"}


def test_a_new_link_citing_a_stored_report_takes_the_reports_grade_and_date(base, tmp_path):
    # P9 is new, so the ingest works out the relationship P2 -> P9 itself, unless a link cites
    # a report the store holds (I2: 1A, reported 5 Feb): then the store works it out.
    write_jsonl(tmp_path / "new.jsonl", [
        *NEW_PERSON_LINKED_TO_P2,
        {"type": "link", "link_id": "K8", "intel_id": "I2", "subject_type": "person", "subject_id": "P2",
         "relation": "associates_with", "object_type": "person", "object_id": "P9"},
        {"type": "link", "link_id": "K7", "subject_type": "person", "subject_id": "P9",
         "relation": "associates_with", "object_type": "person", "object_id": "P1"},
    ])
    ingest_paths(base, [tmp_path / "new.jsonl"])
    mixed = one(base, "MATCH (:Person {person_id: 'P2'})-[r:ASSOCIATES_WITH]->(:Person {person_id: 'P9'}) "
                      "RETURN properties(r) AS r")["r"]
    assert mixed == {"link_ids": ["K8", "K9"], "intel_ids": ["I2", "I9"], "count": 2, "best_grade": "1A",
                     "first_observed": date(2025, 2, 5), "last_observed": date(2025, 5, 1)}
    ungraded = one(base, "MATCH (:Person {person_id: 'P9'})-[r:ASSOCIATES_WITH]->(:Person {person_id: 'P1'}) "
                         "RETURN properties(r) AS r")["r"]
    assert ungraded == {"link_ids": ["K7"], "intel_ids": [], "count": 1, "best_grade": "2D"}


def test_direct_relationships_of_a_scenario_are_what_the_store_recomputes(db, tmp_path):
    # An ingest into an empty store works out every direct relationship from its records;
    # the store's own recompute from the stored links and reports must find nothing to change.
    ingest_paths(db, [generate(seed=7, size="small", out=tmp_path / "scenario")])
    ingested = content(db)
    triples = db.read_text("MATCH (s)<-[:SUBJECT]-(l:Link)-[:OBJECT]->(o) "
                           "RETURN DISTINCT elementId(s) AS subject, l.relation AS relation, elementId(o) AS object")
    assert len(triples) > 500
    with db.transaction() as tx:
        assert writer.recompute_direct(tx, writer.triples_of(triples)) == len(triples)
    assert content(db) == ingested


def test_jsonl_and_csv_hold_the_same_records(db, tmp_path):
    write_csv(tmp_path / "person.csv", ["person_id", "forename", "surname", "dob", "aliases"],
              [["P1", " Amy ", "Hart", "2010-04-01", "Ames; Amz;"], ["P2", "Dan", "", "", ""]])
    write_csv(tmp_path / "sighting.csv", ["sighting_id", "observed_at", "location_id", "source", "vrm", "person_ids"],
              [["S1", "2025-03-01T20:00:00Z", "L1", "officer", "", "P1;P2"]])
    write_jsonl(tmp_path / "places.jsonl", [BASE[4]])
    report = ingest_paths(db, [tmp_path])
    assert report.created["person"] == 2 and report.created["sighting"] == 1 and report.rejected == 0
    assert one(db, "MATCH (p:Person {person_id: 'P1'}) RETURN p.forename AS f, p.aliases AS a") == \
        {"f": "Amy", "a": ["Ames", "Amz"]}
    # An empty cell is an absent field.
    assert sorted(one(db, "MATCH (p:Person {person_id: 'P2'}) RETURN keys(p) AS k")["k"]) == ["forename", "person_id"]
    assert one(db, "MATCH (:Sighting)-[:SAW]->(p) RETURN count(p) AS n")["n"] == 2


def test_vehicles_are_one_node_however_the_registration_is_written(db, tmp_path):
    write_jsonl(tmp_path / "v.jsonl", [
        {"type": "vehicle", "vrm": "ab12 cde"},
        {"type": "vehicle", "vrm": "AB12CDE"},  # the same record after normalising: not a conflict
        {"type": "person", "person_id": "P1"},
        BASE[4],
        {"type": "link", "link_id": "K1", "subject_type": "person", "subject_id": "P1", "relation": "travelled_in",
         "object_type": "vehicle", "object_id": "Ab12 Cde"},
        {"type": "sighting", "sighting_id": "S1", "observed_at": "2025-01-01T00:00:00Z", "location_id": "L1",
         "source": "anpr", "vrm": "AB 12 CDE"},
    ])
    report = ingest_paths(db, [tmp_path])
    assert report.rejected == 0
    assert one(db, "MATCH (v:Vehicle) RETURN collect(v.vrm) AS v")["v"] == ["AB12CDE"]
    assert one(db, "MATCH (:Person)-[:TRAVELLED_IN]->(v:Vehicle)<-[:OF_VEHICLE]-(:Sighting) RETURN v.vrm AS v")["v"] == "AB12CDE"


def test_references_to_records_already_stored_are_accepted(base, tmp_path):
    write_jsonl(tmp_path / "more.jsonl", [
        {"type": "link", "link_id": "K9", "intel_id": "I1", "subject_type": "person", "subject_id": "P3",
         "relation": "frequents", "object_type": "location", "object_id": "L2"},
    ])
    report = ingest_paths(base, [tmp_path / "more.jsonl"])
    assert report.created["link"] == 1
    assert one(base, "MATCH (:Person {person_id: 'P3'})-[r:FREQUENTS]->(:Location {location_id: 'L2'}) "
                     "RETURN r.link_ids AS ids")["ids"] == ["K9"]


# -- rejections: each case names file:line, the field and the reason; nothing is written -----

def test_bad_json(base, tmp_path):
    rejects = rejected(base, tmp_path, {"a.jsonl": '{"type": "person", "person_id": "P9"}\n{"type": "person",\n'})
    assert "not valid JSON" in only(rejects, "a.jsonl", 2, None).reason
    assert len(rejects) == 1


def test_unknown_type(base, tmp_path):
    rejects = rejected(base, tmp_path, {"a.jsonl": '\n{"type": "persn", "person_id": "P9"}\n'})
    assert "did you mean 'person'" in only(rejects, "a.jsonl", 2, "type").reason


def test_unknown_csv_file_name(base, tmp_path):
    rejects = rejected(base, tmp_path, {"people.csv": "person_id\nP9\n"})
    assert "does not name a record type" in only(rejects, "people.csv", None, None).reason


@pytest.mark.parametrize("files, where", [
    ({"a.jsonl": '{"type": "location", "location_id": "L9", "lat": 53.0, "lon": -1.0}\n'}, ("a.jsonl", 1, "category")),
    ({"a.jsonl": '{"type": "person", "person_id": "  "}\n'}, ("a.jsonl", 1, "person_id")),
    ({"location.csv": "location_id,category,lat,lon\nL8,park,53,-1\nL9,,53,-1\n"}, ("location.csv", 3, "category")),
])
def test_missing_required_field(base, tmp_path, files, where):
    assert "required" in only(rejected(base, tmp_path, files), *where).reason


def test_value_outside_an_enumeration(base, tmp_path):
    rejects = rejected(base, tmp_path, {"notice.csv": "notice_id,adult_id,child_id,basis,issued_on,status\n"
                                                      "N9,P2,P1,s2_caa_1984,2025-01-01,pending\n"})
    reason = only(rejects, "notice.csv", 2, "status").reason
    assert "'pending' is not one of: active, withdrawn, expired, breached" == reason


@pytest.mark.parametrize("value", ["2010-13-01", "01/04/2010", "2010-4-1"])
def test_bad_date(base, tmp_path, value):
    rejects = rejected(base, tmp_path, {"person.csv": f"person_id,dob\nP9,{value}\n"})
    assert only(rejects, "person.csv", 2, "dob").reason == f"'{value}' is not a date (YYYY-MM-DD)"


def test_date_time_without_an_offset(base, tmp_path):
    rejects = rejected(base, tmp_path, {"a.jsonl": '{"type": "missing_episode", "episode_id": "E9", "person_id": "P1", '
                                                   '"reported_at": "2025-03-01T18:00:00"}\n'})
    assert "no UTC offset" in only(rejects, "a.jsonl", 1, "reported_at").reason


@pytest.mark.parametrize("lat, lon, field", [(91, -1, "lat"), (-90.5, 0, "lat"), (53, 181, "lon"), (53, "west", "lon")])
def test_coordinates_out_of_range(base, tmp_path, lat, lon, field):
    rejects = rejected(base, tmp_path, {"location.csv": f"location_id,category,lat,lon\nL9,park,{lat},{lon}\n"})
    reason = only(rejects, "location.csv", 2, field).reason
    assert "outside" in reason or "not a number" in reason


def test_handling_code_c_without_conditions(base, tmp_path):
    rejects = rejected(base, tmp_path, {"intel.csv": "intel_id,reported_on,source_evaluation,intelligence_assessment,"
                                                     "handling_code,handling_conditions\nI9,2025-01-01,2,C,C,\n"})
    assert "required when handling_code is C" in only(rejects, "intel.csv", 2, "handling_conditions").reason


def test_reference_to_an_id_neither_in_the_batch_nor_stored(base, tmp_path):
    rejects = rejected(base, tmp_path, {"a.jsonl": '{"type": "sighting", "sighting_id": "S9", "observed_at": '
                                                   '"2025-01-01T10:00:00Z", "location_id": "L1", "source": "cctv", '
                                                   '"person_ids": ["P1", "P404"]}\n'})
    assert only(rejects, "a.jsonl", 1, "person_ids").reason == \
        "person 'P404' is neither in this ingest nor already stored: add its person record"


def test_reference_to_a_rejected_record_says_so(base, tmp_path):
    rejects = rejected(base, tmp_path, {"a.jsonl": '{"type": "person", "person_id": "P9", "dob": "yesterday"}\n'
                                                   '{"type": "family", "person_id": "P9", "relative_id": "P2", '
                                                   '"relation": "sibling"}\n'})
    assert "was rejected (" in only(rejects, "a.jsonl", 2, "person_id").reason


def test_same_id_twice_with_different_values(base, tmp_path):
    rejects = rejected(base, tmp_path, {
        "a.jsonl": '{"type": "person", "person_id": "P9", "surname": "Ray"}\n',
        "person.csv": "person_id,surname\nP8,Bo\nP9,Roy\n",
    })
    first, second = only(rejects, "a.jsonl", 1, "person_id"), only(rejects, "person.csv", 3, "person_id")
    assert "person.csv:3 with a different surname" in first.reason
    assert "a.jsonl:1 with a different surname" in second.reason


def test_the_same_record_twice_is_one_record(db, tmp_path):
    write_jsonl(tmp_path / "a.jsonl", [BASE[0], BASE[0]])
    write_csv(tmp_path / "person.csv", ["person_id", "forename", "surname", "dob", "gender", "aliases"],
              [["P1", "Amy", "Hart", "2010-04-01", "female", "Ames"]])
    report = ingest_paths(db, [tmp_path])
    assert report.created["person"] == 1 and report.rejected == 0


@pytest.mark.parametrize("header, field", [
    ("person_id,forename,surnmae", "surnmae"),
    ("forename,surname", "person_id"),
    ("person_id,surname,surname", "surname"),
])
def test_csv_header_that_does_not_match_its_type(base, tmp_path, header, field):
    rejects = rejected(base, tmp_path, {"person.csv": f"{header}\nP9,Ann,Lee\n"})
    assert "no row of this file was read" in only(rejects, "person.csv", 1, field).reason


def test_csv_rows_are_numbered_by_the_line_they_start_on(base, tmp_path):
    # A quoted cell may hold a line break (an address: free text, see test_ingest_text.py).
    content = 'location_id,category,lat,lon,address\nL8,park,53,-1,"Two\nLines"\n\nL9,park,53,-1,x\nL7,park,91,-1,\n'
    rejects = rejected(base, tmp_path, {"location.csv": content})
    assert [(r.line, r.field) for r in rejects] == [(6, "lat")]


def test_a_file_that_is_not_utf8(base, tmp_path):
    rejects = rejected(base, tmp_path, {"person.csv": "person_id,forename\nP8,Ann\nP9,Zoë\n".encode("latin-1")})
    reject = only(rejects, "person.csv", 3, None)
    assert "not UTF-8" in reject.reason and "0xeb" in reject.reason


def test_a_utf8_byte_order_mark_is_accepted(db, tmp_path):
    (tmp_path / "person.csv").write_bytes("person_id,forename\nP9,Zoë\n".encode("utf-8-sig"))
    ingest_paths(db, [tmp_path])
    assert one(db, "MATCH (p:Person) RETURN p.forename AS f") == {"f": "Zoë"}


def test_link_relation_must_join_the_right_types(base, tmp_path):
    rejects = rejected(base, tmp_path, {"a.jsonl": '{"type": "link", "link_id": "K9", "subject_type": "person", '
                                                   '"subject_id": "P1", "relation": "uses_vehicle", '
                                                   '"object_type": "location", "object_id": "L1"}\n'})
    assert "joins person to vehicle, not person to location" in only(rejects, "a.jsonl", 1, "relation").reason


def test_a_sighting_must_see_something(base, tmp_path):
    rejects = rejected(base, tmp_path, {"sighting.csv": "sighting_id,observed_at,location_id,source,vrm,person_ids\n"
                                                        "S9,2025-01-01T10:00:00Z,L1,officer,,\n"})
    assert "needs a vrm, person_ids or both" in only(rejects, "sighting.csv", 2, "vrm").reason


def test_unknown_field_in_jsonl(base, tmp_path):
    rejects = rejected(base, tmp_path, {"a.jsonl": '{"type": "person", "person_id": "P9", "surnmae": "Lee"}\n'})
    assert "did you mean 'surname'" in only(rejects, "a.jsonl", 1, "surnmae").reason


def test_every_problem_of_a_batch_is_reported_not_just_the_first(base, tmp_path):
    rejects = rejected(base, tmp_path, {
        "a.jsonl": '{"type": "person", "person_id": "P9", "dob": "x"}\nnot json\n',
        "location.csv": "location_id,category,lat,lon\nL9,moon,100,0\n",
    })
    assert {(r.file.rsplit("/", 1)[-1], r.line, r.field) for r in rejects} == {
        ("a.jsonl", 1, "dob"), ("a.jsonl", 2, None), ("location.csv", 2, "category"), ("location.csv", 2, "lat")}


def test_missing_paths_are_reported(db, tmp_path):
    with pytest.raises(IngestRejected) as caught:
        ingest_paths(db, [tmp_path / "nowhere"])
    assert caught.value.rejects[0].reason == "no such file or directory"


def test_rejected_message_names_file_line_field_and_reason(base, tmp_path):
    rejects = rejected(base, tmp_path, {"person.csv": "person_id,dob\nP9,2010-13-01\n"})
    assert str(rejects[0]).endswith("person.csv:2: dob: '2010-13-01' is not a date (YYYY-MM-DD)")


# -- --load-valid ----------------------------------------------------------------------------

def test_load_valid_loads_the_valid_records_and_writes_the_rejects(db, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write_csv(folder / "person.csv", ["person_id", "dob"], [["P1", "2010-01-01"], ["P2", "2010-02-31"], ["P3", ""]])
    write_jsonl(folder / "family.jsonl", [
        {"type": "family", "person_id": "P1", "relative_id": "P3", "relation": "parent"},
        {"type": "family", "person_id": "P2", "relative_id": "P3", "relation": "parent"},
    ])
    rejects_file = tmp_path / "rejects.txt"
    report = ingest_paths(db, [folder], load_valid=True, rejects=rejects_file)
    assert report.written and report.rejected == 2
    assert report.created["person"] == 2 and report.created["family"] == 1
    assert one(db, "MATCH (p:Person) RETURN collect(p.person_id) AS ids")["ids"] in (["P1", "P3"], ["P3", "P1"])
    lines = rejects_file.read_text().splitlines()
    assert len(lines) == 2
    assert lines[0].endswith("family.jsonl:2: person_id: person 'P2' was rejected "
                             f"({folder / 'person.csv'}:3), so this record cannot be loaded either")
    assert lines[1].endswith("person.csv:3: dob: '2010-02-31' is not a date (YYYY-MM-DD)")


# -- idempotency and updates -----------------------------------------------------------------

def test_reingesting_the_same_files_changes_nothing(base, tmp_path):
    before = snapshot(base)
    write_jsonl(tmp_path / "again.jsonl", BASE)
    report = ingest_paths(base, [tmp_path / "again.jsonl"])
    assert sum(report.created.values()) == 0 and sum(report.updated.values()) == 0
    assert sum(report.unchanged.values()) == len(BASE)
    assert snapshot(base) == before


def test_new_and_stored_records_in_one_batch_end_as_one_fresh_load_would(db, tmp_path):
    # Updates and new records of the same types in one batch, links moving between people
    # and new links beside them: the store must end as loading the final records at once.
    new = [
        *NEW_PERSON_LINKED_TO_P2,
        {"type": "link", "link_id": "K8", "intel_id": "I1", "subject_type": "person", "subject_id": "P2",
         "relation": "associates_with", "object_type": "person", "object_id": "P1"},
        {"type": "sighting", "sighting_id": "S9", "observed_at": "2025-05-02T22:00:00Z", "location_id": "L1",
         "source": "officer", "person_ids": ["P9", "P2"]},
    ]
    changed = copy.deepcopy([r for r in BASE if r["type"] in ("person", "intel", "link", "sighting")])
    for record in changed:
        record.update({"person": {"surname": "Changed"}, "intel": {"summary": "regraded"},
                       "sighting": {"source": "cctv"}}.get(record["type"], {}))
        if record["type"] == "link":
            record["object_id"] = "P3" if record["object_type"] == "person" else record["object_id"]
    write_jsonl(tmp_path / "base.jsonl", BASE)
    ingest_paths(db, [tmp_path / "base.jsonl"])
    write_jsonl(tmp_path / "mixed.jsonl", changed + new)
    report = ingest_paths(db, [tmp_path / "mixed.jsonl"])
    assert dict(report.created) == {"person": 1, "intel": 1, "link": 2, "sighting": 1}
    assert report.updated["person"] == 3 and report.updated["link"] == 2 and report.updated["sighting"] == 1
    stepwise = content(db)

    db.apply("db/wipe")
    key = {"person": "person_id", "intel": "intel_id", "link": "link_id", "sighting": "sighting_id"}
    by_key = {(r["type"], r[key[r["type"]]] if r["type"] in key else id(r)): r for r in BASE + changed + new}
    write_jsonl(tmp_path / "final.jsonl", list(by_key.values()))
    ingest_paths(db, [tmp_path / "final.jsonl"])
    assert content(db) == stepwise


def test_an_updated_record_updates_and_keeps_what_others_wrote(base, tmp_path):
    base.write_text("MATCH (p:Person {person_id: 'P1'}) SET p.network_id = 7")
    changed = copy.deepcopy(BASE[0])
    changed["surname"] = "Hart-Jones"
    del changed["dob"]
    write_jsonl(tmp_path / "u.jsonl", [changed, BASE[1]])
    report = ingest_paths(base, [tmp_path / "u.jsonl"])
    assert (report.updated["person"], report.unchanged["person"], report.created["person"]) == (1, 1, 0)
    person = one(base, "MATCH (p:Person {person_id: 'P1'}) RETURN properties(p) AS p")["p"]
    assert person["surname"] == "Hart-Jones" and "dob" not in person and person["network_id"] == 7
    assert one(base, "MATCH (p:Person) RETURN count(p) AS n")["n"] == 3


def test_a_link_that_changes_its_endpoints_moves_its_provenance(base, tmp_path):
    moved = copy.deepcopy(BASE[9])  # K2: P2 -> P1 becomes P2 -> P3
    moved["object_id"] = "P3"
    write_jsonl(tmp_path / "m.jsonl", [moved])
    assert ingest_paths(base, [tmp_path / "m.jsonl"]).updated["link"] == 1
    old = one(base, "MATCH (:Person {person_id: 'P2'})-[r:ASSOCIATES_WITH]->(:Person {person_id: 'P1'}) RETURN properties(r) AS r")["r"]
    assert old == {"link_ids": ["K1"], "intel_ids": ["I1"], "count": 1, "best_grade": "2B",
                   "first_observed": date(2025, 1, 5), "last_observed": date(2025, 1, 5)}
    new = one(base, "MATCH (:Person {person_id: 'P2'})-[r:ASSOCIATES_WITH]->(:Person {person_id: 'P3'}) RETURN properties(r) AS r")["r"]
    assert new["link_ids"] == ["K2"] and new["best_grade"] == "1A"
    assert one(base, "MATCH (:Link {link_id: 'K2'})-[:OBJECT]->(p) RETURN collect(p.person_id) AS o")["o"] == ["P3"]

    # When the last link leaves, the direct relationship goes with it.
    also_moved = copy.deepcopy(BASE[8])
    also_moved["relation"], also_moved["object_type"], also_moved["object_id"] = "frequents", "location", "L1"
    write_jsonl(tmp_path / "m2.jsonl", [also_moved])
    ingest_paths(base, [tmp_path / "m2.jsonl"])
    assert base.read_text("MATCH (:Person {person_id: 'P2'})-[r:ASSOCIATES_WITH]->(:Person {person_id: 'P1'}) RETURN r") == []
    assert one(base, "MATCH (:Person {person_id: 'P2'})-[r:FREQUENTS]->(:Location) RETURN r.link_ids AS ids")["ids"] == ["K1"]


def test_a_regraded_report_regrades_the_relationships_it_supports(base, tmp_path):
    regraded = copy.deepcopy(BASE[7])  # I2, behind K2, was 1A
    regraded["intelligence_assessment"], regraded["reported_on"] = "E", "2024-12-01"
    write_jsonl(tmp_path / "r.jsonl", [regraded])
    assert ingest_paths(base, [tmp_path / "r.jsonl"]).updated["intel"] == 1
    direct = one(base, "MATCH (:Person {person_id: 'P2'})-[r:ASSOCIATES_WITH]->() RETURN properties(r) AS r")["r"]
    assert direct["best_grade"] == "2B"  # an E report never counts as the strongest
    assert direct["first_observed"] == date(2025, 1, 5)  # K2 keeps its own observed_at


def test_a_link_can_lose_its_report(base, tmp_path):
    unreported = copy.deepcopy(BASE[8])
    del unreported["intel_id"]
    write_jsonl(tmp_path / "k.jsonl", [unreported])
    ingest_paths(base, [tmp_path / "k.jsonl"])
    assert base.read_text("MATCH (:Intel)-[:REPORTS]->(:Link {link_id: 'K1'}) RETURN 1") == []
    direct = one(base, "MATCH (:Person {person_id: 'P2'})-[r:ASSOCIATES_WITH]->() RETURN properties(r) AS r")["r"]
    assert direct["intel_ids"] == ["I2"] and direct["count"] == 2


def test_updated_relationships_of_evidence_records_replace_the_old_ones(base, tmp_path):
    episode = copy.deepcopy(BASE[11])
    episode["found_with"] = ["P3"]
    del episode["found_location_id"]
    sighting = copy.deepcopy(BASE[12])
    sighting["person_ids"] = ["P1"]
    notice = copy.deepcopy(BASE[15])
    notice["adult_id"] = "P3"
    write_jsonl(tmp_path / "e.jsonl", [episode, sighting, notice])
    report = ingest_paths(base, [tmp_path / "e.jsonl"])
    assert (report.updated["missing_episode"], report.updated["sighting"], report.updated["notice"]) == (1, 1, 1)
    assert one(base, "MATCH (e:MissingEpisode) RETURN COLLECT { MATCH (e)-[:FOUND_WITH]->(p) RETURN p.person_id } AS w, "
                     "COUNT { (e)-[:FOUND_AT]->() } AS at") == {"w": ["P3"], "at": 0}
    assert one(base, "MATCH (s:Sighting) RETURN COLLECT { MATCH (s)-[:SAW]->(p) RETURN p.person_id } AS saw")["saw"] == ["P1"]
    assert one(base, "MATCH (n:Notice)-[:SERVED_ON]->(a) RETURN collect(a.person_id) AS a")["a"] == ["P3"]


def test_a_care_status_end_date_updates_the_same_status(base, tmp_path):
    ended = dict(BASE[13], end_on="2025-06-30")
    write_jsonl(tmp_path / "c.jsonl", [ended])
    assert ingest_paths(base, [tmp_path / "c.jsonl"]).updated["care_status"] == 1
    assert one(base, "MATCH (c:CareStatus) RETURN c.end_on AS e, count(c) AS n") == {"e": date(2025, 6, 30), "n": 1}
