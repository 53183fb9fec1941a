"""A small hand-made evidence graph for the investigation workspace's tests (paths, exports,
link chart), loaded through the real intake pipeline, whose paths are known by hand:

    A ─1A─ B ─2B─ D          associates_with (intelligence)
    A ─3D─ C ─1A─ D          associates_with; A ─2E─ D is suspected false: never a hop
    A ─1B─ V1 ─2C─ K         A uses vehicle V1 (code C, with conditions); the child K travelled in it
    K ─found_with─ D         K, missing, was found with D at the hotel LOC1 (recorded, 1A);
                             K is missing again since 2026-06-10 (no hop: nobody found with K)
    E ─seen_together─ D      both seen at LOC1 (recorded, 1A)

A's name is hostile text: every page, export and chart must show it as text.
"""

from __future__ import annotations

import json

from ingest import ingest_paths

HOSTILE = '<script>alert("x")</script> & <b>"Hart"</b> ]]> \u00e9\u4e2d'
ON = "2026-05-01"
CONDITIONS = "Not to be shared outside the police without <DS> approval & a case ref"


def records() -> list[dict]:
    people = [
        {"type": "person", "person_id": "A", "forename": HOSTILE, "surname": "Ames", "dob": "1980-01-01"},
        {"type": "person", "person_id": "B", "forename": "Ben", "surname": "Bell", "dob": "1985-01-01"},
        {"type": "person", "person_id": "C", "forename": "Cal", "surname": "Cole", "dob": "1986-01-01"},
        {"type": "person", "person_id": "D", "forename": "Dan", "surname": "Dove", "dob": "1979-01-01"},
        {"type": "person", "person_id": "E", "forename": "Eve", "surname": "East", "dob": "1990-01-01"},
        {"type": "person", "person_id": "K", "forename": "Kim", "surname": "Kay", "dob": "2012-03-01"},
        {"type": "vehicle", "vrm": "V1", "make": "Ford", "model": "Focus", "colour": "silver"},
        {"type": "location", "location_id": "LOC1", "name": "Station Hotel", "category": "hotel",
         "lat": 51.45, "lon": -0.97},
    ]
    out = list(people)
    links = [
        ("L1", "A", "associates_with", "person", "B", "1A", "P"),
        ("L2", "B", "associates_with", "person", "D", "2B", "P"),
        ("L3", "A", "associates_with", "person", "C", "3D", "P"),
        ("L4", "C", "associates_with", "person", "D", "1A", "P"),
        ("L5", "A", "associates_with", "person", "D", "2E", "P"),
        ("L6", "A", "uses_vehicle", "vehicle", "V1", "1B", "C"),
        ("L7", "K", "travelled_in", "vehicle", "V1", "2C", "P"),
    ]
    for number, (link_id, subject, relation, object_type, obj, grade, code) in enumerate(links, 1):
        # One report a month from January, so that the chart's replay has months to step through.
        intel = {"type": "intel", "intel_id": f"I{number}", "reported_on": f"2026-{number:02d}-01", "source_evaluation": grade[0],
                 "intelligence_assessment": grade[1], "handling_code": code,
                 "summary": f"report {number}: {HOSTILE}" if subject == "A" else f"report {number}"}
        if code == "C":
            intel["handling_conditions"] = CONDITIONS
        out.append(intel)
        out.append({"type": "link", "link_id": link_id, "intel_id": f"I{number}", "subject_type": "person",
                    "subject_id": subject, "relation": relation, "object_type": object_type, "object_id": obj})
    out.append({"type": "missing_episode", "episode_id": "M1", "person_id": "K", "reported_at": f"{ON}T20:00:00Z",
                "found_at": f"{ON}T23:00:00Z", "found_location_id": "LOC1", "found_with": ["D"]})
    # K is missing again and not yet found: an open span on K's timeline (no hop: nobody found with K)
    out.append({"type": "missing_episode", "episode_id": "M2", "person_id": "K", "reported_at": "2026-06-10T18:00:00Z"})
    out.append({"type": "sighting", "sighting_id": "S1", "observed_at": f"{ON}T21:00:00Z", "location_id": "LOC1",
                "source": "officer", "person_ids": ["D", "E"]})
    return out


def load(db, folder) -> None:
    path = folder / "workspace.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records()), encoding="utf-8")
    ingest_paths(db, [path])
