"""The association graph, detection run and write-back, against the real Neo4j via ingest."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, timedelta

import pytest

from graph_service.analysis.network_store import write_networks
from graph_service.analysis.networks import association_graph, network_detail, run_networks
from ingest import ingest_paths

AS_OF = date(2026, 6, 30)
ON = f"{AS_OF.isoformat()}T12:00:00Z"
YEAR_AGO = (AS_OF - timedelta(days=365)).isoformat()


class Intake:
    """Intake records (docs/intake-format.md) written to JSON Lines and ingested."""

    def __init__(self, folder):
        self.folder = folder
        self.records: list[dict] = [
            {"type": "location", "location_id": "LOC1", "name": "Golden Noodle Bar", "category": "takeaway",
             "lat": 51.45, "lon": -0.97},
        ]
        self.people: set[str] = set()
        self.vehicles: set[str] = set()
        self.count = 0

    def _id(self, prefix: str) -> str:
        self.count += 1
        return f"{prefix}{self.count:04d}"

    def person(self, person_id: str, dob: str = "1990-01-01", **fields) -> str:
        if person_id not in self.people:
            self.people.add(person_id)
            self.records.append({"type": "person", "person_id": person_id, "dob": dob, **fields})
        return person_id

    def vehicle(self, vrm: str) -> str:
        if vrm not in self.vehicles:
            self.vehicles.add(vrm)
            self.records.append({"type": "vehicle", "vrm": vrm})
        return vrm

    def link(self, subject: str, relation: str, obj: str, grade: str | None = "1A", on: str = ON) -> str:
        object_type = "vehicle" if relation in ("uses_vehicle", "travelled_in") else "person"
        for pid in (subject, obj) if object_type == "person" else (subject,):
            self.person(pid)
        if object_type == "vehicle":
            self.vehicle(obj)
        link = {"type": "link", "link_id": self._id("LNK"), "subject_type": "person", "subject_id": subject,
                "relation": relation, "object_type": object_type, "object_id": obj}
        if grade:
            intel_id = self._id("INT")
            self.records.append({"type": "intel", "intel_id": intel_id, "reported_on": on[:10],
                                 "source_evaluation": grade[0], "intelligence_assessment": grade[1],
                                 "handling_code": "P"})
            link["intel_id"] = intel_id
        else:
            link["observed_at"] = on
        self.records.append(link)
        return link["link_id"]

    def sighting(self, people: list[str], vrm: str | None = None, on: str = ON) -> str:
        for pid in people:
            self.person(pid)
        record = {"type": "sighting", "sighting_id": self._id("SGT"), "observed_at": on, "location_id": "LOC1",
                  "source": "anpr" if vrm else "officer", "person_ids": people}
        if vrm:
            record["vrm"] = self.vehicle(vrm)
        self.records.append(record)
        return record["sighting_id"]

    def missing(self, child: str, found_with: list[str], on: str = ON) -> str:
        self.person(child, dob="2011-03-01")
        for pid in found_with:
            self.person(pid)
        record = {"type": "missing_episode", "episode_id": self._id("MIS"), "person_id": child,
                  "reported_at": on, "found_at": on, "found_location_id": "LOC1", "found_with": found_with}
        self.records.append(record)
        return record["episode_id"]

    def ingest(self, db, name: str = "records.jsonl"):
        path = self.folder / name
        path.write_text("".join(json.dumps(r) + "\n" for r in self.records))
        report = ingest_paths(db, [path])
        self.records = []  # what was ingested stays stored; the next batch adds to it
        return report


@pytest.fixture
def intake(tmp_path):
    return Intake(tmp_path)


def weight(graph, a, b):
    return graph[a][b]["weight"] if graph.has_edge(a, b) else None


def test_each_kind_of_evidence_makes_a_tie_weighed_by_the_grading_table(db, intake):
    intake.link("P01", "associates_with", "P02", grade="1A")
    episode = intake.missing("C01", found_with=["P03", "P04"])
    intake.sighting(["P05", "P06"])
    intake.link("P07", "uses_vehicle", "AB12CDE", grade="2B")  # 0.6
    intake.link("P08", "uses_vehicle", "AB12CDE", grade="1A")  # 1.0
    intake.link("P09", "travelled_in", "AB12CDE", grade="1C")  # 0.6
    intake.sighting(["P10"], vrm="AB12CDE")  # P10 in the car, neither user seen
    intake.link("P11", "associates_with", "P12", grade=None)  # no report: ungraded, 2D
    intake.ingest(db)

    graph = association_graph(db, as_of=AS_OF)
    assert weight(graph, "P01", "P02") == pytest.approx(1.0)
    for pair in (("C01", "P03"), ("C01", "P04"), ("P03", "P04")):
        assert weight(graph, *pair) == pytest.approx(1.0)
        assert graph[pair[0]][pair[1]]["evidence"][0]["evidence_ids"] == (episode,)
    assert weight(graph, "P05", "P06") == pytest.approx(1.0)
    assert weight(graph, "P07", "P08") == pytest.approx(0.6)  # the weaker user's evidence
    assert weight(graph, "P09", "P07") == pytest.approx(0.6)
    assert weight(graph, "P09", "P08") == pytest.approx(0.6)  # the weaker: the trip, 1C
    assert weight(graph, "P10", "P07") == pytest.approx(0.6)
    assert weight(graph, "P10", "P08") == pytest.approx(1.0)
    assert weight(graph, "P11", "P12") == pytest.approx(0.2)
    kinds = {frozenset(e["kind"] for e in data["evidence"]) for _, _, data in graph.edges(data=True)}
    assert kinds == {frozenset({k}) for k in
                     ("associates_with", "found_with", "seen_together", "shared_vehicle", "travelled_in")}
    assert graph.nodes["C01"]["is_child"] and not graph.nodes["P01"]["is_child"]


def test_older_evidence_weighs_less_and_later_evidence_is_not_counted(db, intake):
    intake.link("P01", "associates_with", "P02", grade="1A", on=YEAR_AGO + "T12:00:00Z")
    intake.link("P03", "associates_with", "P04", grade="1A", on=(AS_OF + timedelta(days=1)).isoformat() + "T12:00:00Z")
    intake.sighting(["P01", "P02"], on=YEAR_AGO + "T12:00:00Z")
    intake.ingest(db)
    graph = association_graph(db, as_of=AS_OF)
    assert weight(graph, "P01", "P02") == pytest.approx(1 - 0.5 * 0.5)  # two items of half weight
    assert weight(graph, "P03", "P04") is None
    later = association_graph(db, as_of=AS_OF + timedelta(days=1))
    assert weight(later, "P03", "P04") == pytest.approx(1.0)


@pytest.mark.parametrize("source", ["1", "2", "3"])
def test_e_graded_evidence_never_creates_or_strengthens_a_tie(db, intake, source):
    e = f"{source}E"
    intake.link("P01", "associates_with", "P02", grade="1B")
    intake.ingest(db)
    before = association_graph(db, as_of=AS_OF)

    intake.link("P01", "associates_with", "P02", grade=e)  # on an existing tie
    intake.link("P01", "associates_with", "P03", grade=e)  # would be a new tie
    intake.link("P04", "uses_vehicle", "XY99ZZZ", grade=e)
    intake.link("P05", "uses_vehicle", "XY99ZZZ", grade="1A")
    intake.link("P06", "travelled_in", "XY99ZZZ", grade="1A")
    intake.link("P07", "travelled_in", "XY99ZZZ", grade=e)
    intake.ingest(db)
    after = association_graph(db, as_of=AS_OF)

    assert weight(after, "P01", "P02") == weight(before, "P01", "P02") == pytest.approx(0.8)
    assert len(after["P01"]["P02"]["evidence"]) == 1
    assert weight(after, "P01", "P03") is None
    assert weight(after, "P04", "P05") is None  # P04's only evidence of use is E
    assert weight(after, "P04", "P06") is None
    assert weight(after, "P07", "P05") is None
    assert weight(after, "P06", "P05") == pytest.approx(1.0)
    assert not any(e in item["grade"] for *_, data in after.edges(data=True) for item in data["evidence"]
                   if item["grade"].endswith("E"))


def plant_two_networks(intake, children=("C1",)):
    """Two groups of five seen together often, a weak link between them, and a pair."""
    groups = [["A1", "A2", "A3", "A4", "A5"], ["B1", "B2", "B3", "B4", "B5"]]
    for members in groups:
        for i in range(len(members)):
            intake.sighting(members[i:i + 3] if i + 3 <= len(members) else members[i:] + members[:1])
            intake.link(members[i], "associates_with", members[(i + 2) % len(members)], grade="2B")
    intake.link("A1", "associates_with", "B1", grade="3D")
    intake.link("X1", "associates_with", "X2", grade="1A")  # a pair: no network
    for child in children:
        intake.person(child, dob="2012-05-05")
        intake.missing(child, found_with=["A2", "A3"])
        intake.link(child, "associates_with", "B2", grade="2C")
        intake.link(child, "associates_with", "B4", grade="2C")
    return groups


def test_a_run_writes_networks_scores_and_ties_that_cypher_can_read(db, intake):
    groups = plant_two_networks(intake)
    intake.ingest(db)
    run = run_networks(db, as_of=AS_OF, objective="modularity", resolution=1.0, seed=3)

    rows = db.read_text(
        "MATCH (p:Person)-[m:MEMBER_OF]->(n:Network) "
        "RETURN n.network_id AS network, collect(p.person_id) AS members, "
        "collect(p.network_id = n.network_id) AS copies ORDER BY network"
    )
    found = {frozenset(r["members"]) for r in rows}
    assert frozenset(groups[1]) in found or frozenset(groups[1]) | {"C1"} in found
    assert all(all(r["copies"]) for r in rows)
    assert {r["network"] for r in rows} == set(run.result.networks)
    assert not db.read_text("MATCH (p:Person {person_id: 'X1'}) WHERE p.network_id IS NOT NULL "
                            "OR EXISTS { (p)-[:MEMBER_OF]->() } RETURN p")

    stored = db.read_text("MATCH (r:NetworkRun) RETURN r.method AS method, r.objective AS objective, "
                          "r.resolution AS resolution, r.seed AS seed, r.as_of AS as_of, r.ran_at AS ran_at, "
                          "r.networks AS networks")
    assert len(stored) == 1
    assert (stored[0]["method"], stored[0]["objective"]) == ("louvain", "modularity")
    assert stored[0]["resolution"] == 1.0 and stored[0]["seed"] == 3
    assert stored[0]["as_of"].to_native() == AS_OF and stored[0]["ran_at"] is not None
    assert stored[0]["networks"] == len(run.result.networks)

    scores = db.read_text("MATCH (p:Person)-[m:MEMBER_OF]->() RETURN p.person_id AS id, m.weighted_degree AS wd, "
                          "m.betweenness AS bc, m.brokerage AS br")
    assert {r["id"]: r["wd"] for r in scores} == pytest.approx(
        {pid: run.result.scores[pid].weighted_degree for pid in run.result.network_of})
    ties = db.read_text("MATCH (a:Person)-[t:TIED_TO]->(b:Person) RETURN a.person_id AS a, b.person_id AS b, "
                        "t.weight AS w, t.kinds AS kinds")
    assert {(t["a"], t["b"]) for t in ties} >= {("A1", "A2"), ("A1", "B1")}
    # Every tie of the graph is stored, a pair in no network too (X1 and X2 are two people,
    # too few for a network): the ties need no detection, so they are written while it runs.
    assert ("X1", "X2") in {(t["a"], t["b"]) for t in ties}
    assert len(ties) == run.result.graph.number_of_edges()


def test_a_child_who_seems_to_recruit_is_shown_as_a_child_at_risk(db, intake):
    plant_two_networks(intake, children=("C1",))
    # The child brings three other children into contact with group A.
    for other in ("C2", "C3", "C4"):
        intake.person(other, dob="2012-01-01")
        intake.sighting(["C1", other, "A1"])
        intake.sighting(["C1", other])
    intake.ingest(db)
    run = run_networks(db, as_of=AS_OF)
    network_id = run.result.network_of["C1"]
    assert "C1" in [kp.node for kp in run.result.key_players[network_id]]
    detail = network_detail(db, network_id)
    child = next(m for m in detail["members"] if m["person_id"] == "C1")
    assert child["child_at_risk"] is True
    assert child["role"].startswith("child at risk")
    adults = [m for m in detail["members"] if not m["child_at_risk"]]
    assert adults and not any(m["role"].startswith("child") for m in adults)


def test_same_data_same_ids_and_a_small_change_moves_only_the_person_concerned(db, intake):
    # Modularity: under CPM, A5's five strong new ties make the two tight groups one (a
    # different, also right, answer); this test is about IDs when one person moves.
    plant_two_networks(intake)
    intake.ingest(db)
    first = run_networks(db, as_of=AS_OF, objective="modularity")
    again = run_networks(db, as_of=AS_OF, objective="modularity")
    assert again.result.networks == first.result.networks

    # New intelligence ties A5 to everyone in group B: more ties than A5 has in group A.
    for other in ("B1", "B2", "B3", "B4", "B5"):
        intake.link("A5", "associates_with", other, grade="1A")
    intake.ingest(db, "more.jsonl")
    third = run_networks(db, as_of=AS_OF, objective="modularity")
    before, after = first.result.network_of, third.result.network_of
    moved = {p for p in set(before) | set(after) if before.get(p) != after.get(p)}
    assert moved == {"A5"}
    assert after["A5"] == before["B1"]
    assert set(third.result.networks) == set(first.result.networks)
    assert db.read_text("MATCH (n:Network) RETURN count(n) AS n")[0]["n"] == len(first.result.networks)


def _stored_run(db) -> tuple[set, set, dict]:
    """Every membership and tie with all its values, and each person's network_id copy."""
    members = {(r["person"], r["network"], json.dumps(r["values"], sort_keys=True, default=str)) for r in db.read_text(
        "MATCH (p:Person)-[m:MEMBER_OF]->(n:Network) "
        "RETURN p.person_id AS person, n.network_id AS network, properties(m) AS values")}
    ties = {(r["a"], r["b"], json.dumps(r["values"], sort_keys=True, default=str)) for r in db.read_text(
        "MATCH (a:Person)-[t:TIED_TO]->(b:Person) RETURN a.person_id AS a, b.person_id AS b, properties(t) AS values")}
    copies = {r["person"]: r["network"] for r in db.read_text(
        "MATCH (p:Person) RETURN p.person_id AS person, p.network_id AS network")}
    return members, ties, copies


def test_a_run_writes_back_only_what_changed_and_stores_what_a_full_write_would(db, intake):
    plant_two_networks(intake)
    far = ["Z1", "Z2", "Z3", "Z4"]  # a group of its own, that nothing below touches
    for i, a in enumerate(far):
        for b in far[i + 1:]:
            intake.link(a, "associates_with", b, grade="1A")
    intake.ingest(db)
    first = run_networks(db, as_of=AS_OF, objective="modularity")
    members = sum(len(m) for m in first.result.networks.values())
    assert first.written["memberships_written"] == members > 0
    assert first.written["ties_written"] > 0 and first.written["ties_kept"] == 0

    again = run_networks(db, as_of=AS_OF, objective="modularity")
    assert again.written == {"memberships_deleted": 0, "memberships_written": 0, "memberships_updated": 0,
                             "memberships_kept": members, "ties_deleted": 0, "ties_written": 0,
                             "ties_updated": 0, "ties_kept": first.written["ties_written"]}

    # A5 moves to group B: its membership, and the ties and scores that moved with it, change;
    # the far group's rows are kept as they were.
    for other in ("B1", "B2", "B3", "B4", "B5"):
        intake.link("A5", "associates_with", other, grade="1A")
    intake.ingest(db, "more.jsonl")
    third = run_networks(db, as_of=AS_OF, objective="modularity")
    assert third.written["memberships_written"] > 0
    assert third.written["memberships_kept"] >= len(far) and third.written["ties_kept"] >= 6
    assert third.written["ties_written"] >= 5  # the five new ties at least
    incremental = _stored_run(db)
    assert incremental[2]["A5"] == third.result.network_of["A5"]

    # The same run written from nothing stores exactly the same rows and copies.
    db.write_text("MATCH (:Person)-[r:MEMBER_OF|TIED_TO]->() DELETE r")
    db.write_text("MATCH (p:Person) REMOVE p.network_id")
    write_networks(db, dataclasses.replace(third, run_id="written-again"))
    assert _stored_run(db) == incremental

    # Weights and scores are stored as the pages show them (two or three places), so a day's
    # ageing changes few rows; a weight that ages past a shown place is set in place.
    ties = {(a, b): weight for a, b, weight in third.result.graph.edges(data="weight")}
    stored = db.read_text("MATCH (a:Person)-[t:TIED_TO]->(b:Person) RETURN a.person_id AS a, b.person_id AS b, "
                          "t.weight AS weight")
    assert stored and all(row["weight"] == round(ties[row["a"], row["b"]], 2) for row in stored)

    # Half a year later every tie's evidence is older: every weight and score changes, and the
    # ties are set in place (none deleted or created), storing what a full write would.
    later = run_networks(db, as_of=AS_OF + timedelta(days=182), objective="modularity")
    assert later.written["ties_updated"] == later.written["ties_written"] == len(incremental[1])
    assert later.written["ties_deleted"] == 0  # (a member may move: ageing shifts which ties are strongest)
    assert later.written["memberships_updated"] > 0
    in_place = _stored_run(db)
    assert in_place != incremental
    db.write_text("MATCH (:Person)-[r:MEMBER_OF|TIED_TO]->() DELETE r")
    db.write_text("MATCH (p:Person) REMOVE p.network_id")
    write_networks(db, dataclasses.replace(later, run_id="later-written-again"))
    assert _stored_run(db) == in_place


def test_protected_characteristics_change_no_score(db, intake, tmp_path):
    def scores():
        run = run_networks(db, as_of=AS_OF, write=False)
        return (run.result.networks, {p: s for p, s in run.result.scores.items()}, run.result.concern,
                run.result.concern_rank)

    plant_two_networks(intake)
    people = {r["person_id"] for r in intake.records if r["type"] == "person"}
    for record in intake.records:
        if record["type"] == "person":
            record.update(gender="female", ethnicity="White")
    intake.ingest(db)
    first = scores()

    variant = [{"type": "person", "person_id": pid, "dob": "1990-01-01", "gender": "male", "ethnicity": "Asian"}
               for pid in sorted(people)]
    (tmp_path / "variant.jsonl").write_text("".join(json.dumps(r) + "\n" for r in variant))
    # keep each child's date of birth as it was: only the protected fields change
    for record in variant:
        if record["person_id"].startswith("C"):
            record["dob"] = "2012-05-05"
    (tmp_path / "variant.jsonl").write_text("".join(json.dumps(r) + "\n" for r in variant))
    ingest_paths(db, [tmp_path / "variant.jsonl"])
    assert db.read_text("MATCH (p:Person {person_id: 'A1'}) RETURN p.ethnicity AS e")[0]["e"] == "Asian"
    assert scores() == first


def test_an_empty_graph_runs_and_stores_no_networks(db):
    run = run_networks(db, as_of=AS_OF)
    assert run.result.networks == {} and run.result.partition.modularity is None
    assert db.read_text("MATCH (r:NetworkRun) RETURN r.networks AS n") == [{"n": 0}]


def test_the_commands_detect_list_and_show(db, intake, cli):
    plant_two_networks(intake)
    intake.ingest(db)
    done = cli("networks", "detect", "--as-of", AS_OF.isoformat(), "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["objective"] == "cpm" and result["method"] == "leiden" and result["as_of"] == AS_OF.isoformat()
    listed = [n for c in result["communities"] for n in c]
    assert len(listed) == len(set(listed)) == result["people"]
    ids = [n["network_id"] for n in result["networks"]]
    assert ids and all(len(n["members"]) >= 3 for n in result["networks"])

    listing = json.loads(cli("networks", "list", "--json").stdout)
    assert [row["network_id"] for row in listing] == ids
    assert [(r["rank"], r["reasons"]) for r in listing] == [(n["rank"], n["reasons"]) for n in result["networks"]]
    paged = json.loads(cli("networks", "list", "--json", "--offset", "1", "--limit", "1").stdout)
    assert [row["network_id"] for row in paged] == ids[1:2]

    shown = cli("networks", "show", str(ids[0]))
    assert shown.returncode == 0, shown.stderr
    for heading in ("Key players", "Members", "Ties", "Locations", "Golden Noodle Bar"):
        assert heading in shown.stdout
    detail = json.loads(cli("networks", "show", str(ids[0]), "--json").stdout)
    assert sorted(m["person_id"] for m in detail["members"]) == sorted(result["networks"][0]["members"])
    assert detail["locations"][0]["location_id"] == "LOC1"
    assert all(t["weight"] > 0 and t["grades"] for t in detail["ties"])

    missing = cli("networks", "show", "999")
    assert missing.returncode == 1 and "no network 999" in missing.stderr
    audit = cli("audit", "verify")
    assert audit.returncode == 0, audit.stderr


def test_a_network_id_beyond_64_bits_is_simply_unknown(db):
    # Found by schemathesis: the driver cannot send such a number; the answer is "no such network".
    assert network_detail(db, 2**70) is None
    assert network_detail(db, -(2**70)) is None
