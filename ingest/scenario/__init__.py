"""Synthetic scenarios: a town's CSE intelligence picture, written as intake files.

>>> import tempfile
>>> from ingest.scenario import generate
>>> folder = tempfile.TemporaryDirectory()
>>> out = generate(seed=7, size="small", out=Path(folder.name) / "scenario")
>>> {"person.csv", "intel.jsonl", "ground_truth.json"} <= {path.name for path in out.iterdir()}
True
>>> folder.cleanup()

writes the intake files (docs/intake-format.md: CSV for people, places, vehicles, care and family; JSON
Lines for reports, links, episodes, sightings, notices and permission statements) and
``ground_truth.json``, the answer key that is never ingested: the planted networks, their
hotspots, and the adult-child pairs that are notice candidates on the scenario's as-of date.

How it is put together:

- ``world``: the calendar, the two towns, name pools, IDs and the file writer;
- ``scene``: one method per intake record, used by the stories;
- ``networks``: the four planted network models;
- ``background``: the unrelated people, places and events around them;
- ``truth``: the candidate rules applied to exactly the records written;
- ``communications``: phones, online accounts and contacts, in the networks and the background;
- ``boundaries``: a force, a council per town and its wards, as boundary files.

The same seed, size and as-of date give byte-identical files. See docs/scenario.md.
"""

from __future__ import annotations

import json
import random
from datetime import date
from pathlib import Path

from ingest.scenario import background, casework, communications, reviews
from ingest.scenario.boundaries import write_boundaries
from ingest.scenario.networks import plant
from ingest.scenario.scene import Scene
from ingest.scenario.truth import Facts, assess
from ingest.scenario.world import OUTPUT_FILES, TOWNS, Calendar, Output

#: About how many records each size writes.
SIZES = {"small": 2_000, "medium": 100_000, "large": 1_000_000, "region": 10_000_000}
#: Copies of each network model, and how busy their hotspots are, per size: more of the town
#: is covered as the size grows, and the hotspots grow with the background around them.
PLANTING = {"small": (1, 2), "medium": (2, 12), "large": (4, 50), "region": (8, 100)}
#: The scenario's "today" unless another is given: fixed, so output never depends on the clock.
DEFAULT_AS_OF = date(2026, 10, 31)
LOOKBACK_DAYS = 365
GROUND_TRUTH = "ground_truth.json"
#: Background records written per unit passed to ``background.generate`` (measured).
RECORDS_PER_UNIT = 950


class ScenarioError(Exception):
    """The scenario cannot be written as asked (bad size, date or output folder)."""


def generate(seed: int, size: str, out: Path | str, as_of: date | str | None = None) -> Path:
    """Write the scenario for ``seed`` and ``size`` (small, medium, large) into the folder
    ``out`` as of ``as_of`` (a date or YYYY-MM-DD; default :data:`DEFAULT_AS_OF`); returns
    ``out``. Raises :class:`ScenarioError` for a bad size, date or folder."""
    if size not in SIZES:
        raise ScenarioError(f"size must be one of {', '.join(SIZES)}, not {size!r}")
    as_of = _as_date(as_of)
    out = Path(out)
    _prepare(out)

    facts = Facts()
    collected = casework.Collector()
    directory = communications.Directory()
    output = Output(observers=[facts.observe, collected.observe, directory.observe])
    scene = Scene(random.Random(f"graph-service scenario {seed}"), Calendar(as_of), output)
    copies, activity = PLANTING[size]
    planted = plant(scene, copies, activity)
    planted_records = sum(output.counts.values())
    units = max(SIZES[size] - planted_records, 0) / RECORDS_PER_UNIT
    town = background.generate(scene, units, extra_venues=planted.venues,
                                        planted_adults=planted.adults, planted_children=planted.children)
    # Casework last, on generators of its own: every record above is the same with or without it.
    planted_casework = casework.plant_breaches(scene, seed, collected, planted.pairs, LOOKBACK_DAYS)
    casework.concerns(scene, seed, planted.children, town.teenagers)
    reviews_key = reviews.plant(scene, seed)
    # Phones, accounts and contacts last, on a generator of their own (records above unchanged).
    before = sum(output.counts.values())
    comms_key = communications.plant(scene, seed, directory, planted, town).key()
    comms_key["records"] = sum(output.counts.values()) - before

    assessment = assess(facts, as_of, LOOKBACK_DAYS)
    _check_planted_pairs(planted.pairs, assessment)
    files = output.write(out)
    boundary_files = write_boundaries(out)
    truth = {
        "seed": seed, "size": size, "as_of": as_of.isoformat(), "lookback_days": LOOKBACK_DAYS,
        "towns": {key: {"lat": t.lat, "lon": t.lon} for key, t in TOWNS.items()},
        "networks": planted.networks,
        "hotspots": planted.hotspots,
        "candidate_pairs": assessment.candidates,
        "excluded_pairs": assessment.excluded,
        "planted_pairs": planted.pairs,
        "possible_duplicates": town.duplicates,
        "alerts": casework.answer_key(collected, planted_casework),
        "reviews": reviews_key,
        "communications": comms_key,
        "record_counts": dict(sorted(output.counts.items())),
        "planted_records": planted_records,
        "total_records": sum(output.counts.values()),
        "files": files,
        "boundaries": boundary_files,
    }
    partial = out / (GROUND_TRUTH + ".partial")
    partial.write_text(json.dumps(truth, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    partial.replace(out / GROUND_TRUTH)
    return out


def _as_date(value: date | str | None) -> date:
    if value is None:
        return DEFAULT_AS_OF
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ScenarioError(f"as-of date {value!r} is not a date (YYYY-MM-DD)") from None


def _prepare(out: Path) -> None:
    """Make ``out``; refuse one holding other intake files, which would be ingested with ours."""
    if out.exists() and not out.is_dir():
        raise ScenarioError(f"{out} exists and is not a folder")
    out.mkdir(parents=True, exist_ok=True)
    ours = set(OUTPUT_FILES) | {GROUND_TRUTH}
    strangers = sorted(p.name for p in out.iterdir()
                       if p.suffix in (".csv", ".jsonl") and p.name not in ours)
    if strangers:
        raise ScenarioError(f"{out} already holds other intake files ({', '.join(strangers[:5])}); "
                            "write the scenario to an empty folder")


def _check_planted_pairs(pairs: list[dict], assessment) -> None:
    """Every planted pair must come out of the rules as its story meant; a story that drifted
    from its design is a bug in the generator, never a quietly wrong answer key."""
    candidates = {(c["adult_id"], c["child_id"]): c for c in assessment.candidates}
    excluded = {(e["adult_id"], e["child_id"]): e for e in assessment.excluded}
    problems = []
    for pair in pairs:
        key = (pair["adult_id"], pair["child_id"])
        if pair["expected"] == "candidate":
            found = candidates.get(key)
            ok = found is not None and found["legal_bases"] == pair["legal_bases"]
        else:
            found = excluded.get(key)
            ok = found is not None and found["reason_codes"] == [pair["reason"]]
        if not ok:
            problems.append(f"{pair['network']}: {key} meant {pair['expected']} "
                            f"{pair.get('legal_bases') or pair.get('reason')}, rules give {found}")
    if problems:
        raise AssertionError("planted pairs do not come out as designed:\n" + "\n".join(problems))
