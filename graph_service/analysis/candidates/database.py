"""The candidate facts read from Neo4j, and the lists and explanations made from them.

The named statements in ``cypher/candidates/`` return rows; :func:`facts_from_rows` turns
them into :class:`~graph_service.analysis.candidates.facts.Facts` (no database needed, so it
is tested on its own); :func:`fetch_facts` runs the statements. :func:`candidate_list` and
:func:`explain` are what the CLI and the dashboard call.

>>> facts = facts_from_rows(people=[{"person_id": "A1", "dob": date(1990, 1, 1), "forename": "Ann"}])
>>> facts.people["A1"].name
'Ann'
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from itertools import combinations
from typing import Iterable

from graph_service.analysis.candidates.evaluation import evaluate
from graph_service.analysis.candidates.facts import (
    ASSOCIATES_WITH,
    CONTACT,
    FOUND_WITH,
    SIGHTING,
    TRAVELLED_IN,
    CareStatus,
    Evidence,
    Facts,
    Grade,
    MissingEpisode,
    Notice,
    PermissionStatement,
    Person,
    Relative,
)
from graph_service.analysis.candidates.outcomes import CandidateList, explain_dict
from graph_service.analysis.candidates.rules import LOOKBACK_DAYS, window_start
from graph_service.db.values import to_date
from graph_service.vocabulary import CONNECTED_RELATIONS


def facts_from_rows(people=(), links=(), found_with=(), sightings=(), journeys=(), care_statuses=(),
                    relatives=(), notices=(), statements=(), missing_episodes=(), contacts=()) -> Facts:
    """:class:`Facts` from the rows of the ``cypher/candidates/`` statements."""
    evidence: list[Evidence] = []
    for r in links:
        evidence.append(Evidence(ASSOCIATES_WITH, r["link_id"], (r["subject_id"], r["object_id"]), to_date(r["on"]),
                                 (_link_grade(r, "link_id", ""),)))
    for r in found_with:
        evidence.append(Evidence(FOUND_WITH, r["episode_id"], (r["child_id"], r["person_id"]), to_date(r["on"]),
                                 (Grade.recorded_fact(r["episode_id"]),)))
    for r in sightings:
        on = to_date(r["on"])
        for a, b in combinations(sorted(set(r["person_ids"])), 2):
            evidence.append(Evidence(SIGHTING, r["sighting_id"], (a, b), on, (Grade.recorded_fact(r["sighting_id"]),)))
    for r in journeys:
        evidence.append(Evidence(TRAVELLED_IN, r["link_id"], (r["traveller_id"], r["user_id"]), to_date(r["on"]),
                                 (_link_grade(r, "link_id", ""), _link_grade(r, "use_link_id", "use_")), r["vrm"]))
    for r in contacts:
        evidence.append(Evidence(CONTACT, r["contact_id"], (r["from_id"], r["to_id"]), to_date(r["on"]),
                                 (_link_grade(r, "contact_id", ""), _link_grade(r, "from_link_id", "from_"),
                                  _link_grade(r, "to_link_id", "to_")),
                                 ends=(r["from_end"], r["to_end"]), means=r.get("means")))
    return Facts(
        people=[Person(r["person_id"], to_date(r["dob"]), " ".join(filter(None, (r.get("forename"), r.get("surname")))))
                for r in people],
        evidence=evidence,
        care_statuses=[CareStatus(r["person_id"], r["status"], to_date(r["start_on"]), to_date(r["end_on"]))
                       for r in care_statuses],
        relatives=[Relative(r["child_id"], r["relative_id"], r["relation"]) for r in relatives],
        notices=[Notice(r["notice_id"], r["adult_id"], r["child_id"], r["basis"], to_date(r["issued_on"]), r["status"])
                 for r in notices],
        statements=[PermissionStatement(r["statement_id"], r["adult_id"], r["child_id"], to_date(r["made_on"]),
                                        r.get("made_by_id")) for r in statements],
        missing_episodes=[MissingEpisode(r["episode_id"], r["person_id"], to_date(r["on"])) for r in missing_episodes],
    )


def _link_grade(row: dict, id_field: str, prefix: str) -> Grade:
    return Grade.of_link(row[id_field], row.get(f"{prefix}intel_id"), row.get(f"{prefix}source_evaluation"),
                         row.get(f"{prefix}intelligence_assessment"), row.get(f"{prefix}handling_code"))


EVIDENCE_STATEMENTS = {
    "links": "candidates/associates_with",
    "found_with": "candidates/found_with",
    "sightings": "candidates/sightings",
    "journeys": "candidates/travelled_in",
    "contacts": "candidates/contacts",
}
OTHER_STATEMENTS = {
    "people": "candidates/people",
    "relatives": "candidates/relatives",
    "care_statuses": "candidates/care_statuses",
    "notices": "candidates/notices",
    "statements": "candidates/permission_statements",
    "missing_episodes": "candidates/missing_episodes",
}


def child_born_after(as_of: date) -> date:
    """A date of birth after this may be under 18 on ``as_of`` (a day to spare for leap days):
    the database keeps such pairs and the rules decide exactly."""
    return _years_before(as_of, 18) - timedelta(days=1)


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def fetch_facts(db, as_of: date, lookback_days: int = LOOKBACK_DAYS, person_ids: Iterable[str] | None = None) -> Facts:
    """Read the facts the rules need from Neo4j (items dated after ``as_of`` are left out).

    Without ``person_ids``: the evidence of every pair where one person may be under 18 (the
    list). With them: every pair that involves one of those people, whatever their ages (for
    ``--explain`` and disruption plans); other pairs are left out, as their evidence may be
    incomplete.
    """
    anchors = None if person_ids is None else sorted(set(person_ids))
    params = {"as_of": as_of, "window_start": window_start(as_of, lookback_days), "person_ids": anchors,
              "child_born_after": child_born_after(as_of)}
    rows = _read_all(db, EVIDENCE_STATEMENTS, params)
    named = set(anchors or ())
    for r in rows["links"]:
        named.update((r["subject_id"], r["object_id"]))
    for r in rows["found_with"]:
        named.update((r["child_id"], r["person_id"]))
    for r in rows["sightings"]:
        named.update(r["person_ids"])
    for r in rows["journeys"]:
        named.update((r["traveller_id"], r["user_id"]))
    for r in rows["contacts"]:
        named.update((r["from_id"], r["to_id"]))
    # Everything else is read only for the people the evidence names.
    params.update(person_ids=sorted(named), relations=sorted(CONNECTED_RELATIONS))
    rows.update(_read_all(db, OTHER_STATEMENTS, params))
    facts = facts_from_rows(**rows)
    if anchors is not None:
        facts.evidence = [item for item in facts.evidence if not set(anchors).isdisjoint(item.people)]
    return facts


def _read_all(db, statements: dict[str, str], params: dict) -> dict[str, list[dict]]:
    """Rows of several named reads, run side by side (each in its own session): the server
    answers them on as many cores as it has."""
    with ThreadPoolExecutor(max_workers=len(statements)) as pool:
        futures = {name: pool.submit(db.read, statement, **params) for name, statement in statements.items()}
        return {name: future.result() for name, future in futures.items()}


def candidate_list(db, as_of: date | None = None, lookback_days: int = LOOKBACK_DAYS) -> CandidateList:
    """The candidate list for ``as_of`` (default today) from the graph in ``db``."""
    as_of = as_of or date.today()
    return evaluate(fetch_facts(db, as_of, lookback_days), as_of, lookback_days)


def explain(db, person_id: str, as_of: date | None = None, lookback_days: int = LOOKBACK_DAYS) -> dict:
    """Every pair of ``person_id`` and why it is or is not listed (see :func:`explain_dict`)."""
    as_of = as_of or date.today()
    facts = fetch_facts(db, as_of, lookback_days, person_ids=[person_id])
    return explain_dict(evaluate(facts, as_of, lookback_days), person_id)
