"""Child Abduction Warning Notice (CAWN) candidates: who, on which legal basis, and why.

The service lists *candidates* with the facts behind each line; a disruption lead decides,
never the service. The feature in steps, each in its own module:

1. :mod:`~graph_service.analysis.candidates.facts`: the plain fact records (people, evidence
   of association, care statuses, family, notices, permission statements, missing episodes);
2. :mod:`~graph_service.analysis.candidates.database`: those facts read from Neo4j with the
   named statements in ``cypher/candidates/``;
3. :mod:`~graph_service.analysis.candidates.rules`: the legal rules, pure functions over the
   facts (ages, the window, the bases, connected persons, active notices, the score);
4. :mod:`~graph_service.analysis.candidates.evaluation`: every pair judged by the rules in
   their legal order;
5. :mod:`~graph_service.analysis.candidates.explanation`: the sentences that explain each
   judgement, apart from the rules;
6. :mod:`~graph_service.analysis.candidates.outcomes`: the lines of the list;
7. :mod:`~graph_service.analysis.candidates.review`: what a disruption lead records (decisions,
   permission statements, served notices), written to Neo4j.

For an as-of date ``D`` and a look-back window ``[D - lookback_days, D]`` (both ends
included), two people make a *candidate* pair when all of these hold:

* there is evidence of association between them (the child found with the person at the
  end of a missing episode, both named in one sighting, an ``associates_with`` link, or the
  child travelling in a vehicle the person uses) dated inside the window and not graded E;
* the younger is under 18 on ``D`` (the child) and the other is 18 or over (the adult);
* the child is under 16 (section 2, Child Abduction Act 1984: only when the adult is not a
  connected person) and/or under 18 and subject on ``D`` to a care order, interim care
  order, emergency protection order or police protection (section 49, Children Act 1989);
* no ``active`` notice is on record for the same adult and child.

Items dated after ``D`` do not exist for the run. Every other pair with evidence is listed
as excluded with one reason code and a sentence (see :data:`REASONS`), except pairs where
neither person is known to be under 18, which are not a matter for this list.

>>> from datetime import date
>>> D = date(2026, 10, 31)
>>> facts = Facts(
...     people=[Person("A1", date(1990, 1, 1)), Person("C1", date(2012, 5, 5))],
...     evidence=[Evidence(SIGHTING, "S1", ("C1", "A1"), date(2026, 9, 1), (Grade.recorded_fact("S1"),))],
... )
>>> result = evaluate(facts, as_of=D)
>>> [(c.adult_id, c.child_id, c.legal_bases) for c in result.candidates]
[('A1', 'C1', ['s2_caa_1984'])]

Reference: Child Abduction Act 1984 s2; Children Act 1989 s49; College of Policing, Child
Abduction Warning Notices (2019); ``docs/candidates.md``.
"""

from graph_service.analysis.candidates.database import (
    candidate_list,
    child_born_after,
    explain,
    facts_from_rows,
    fetch_facts,
)
from graph_service.analysis.candidates.evaluation import Judgement, evaluate, evaluate_pair, judge_pair
from graph_service.analysis.candidates.explanation import REASONS, describe_evidence
from graph_service.analysis.candidates.facts import (
    ASSOCIATES_WITH,
    CONTACT,
    EVIDENCE_KINDS,
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
from graph_service.analysis.candidates.outcomes import Candidate, CandidateList, Exclusion, NotListed, explain_dict
from graph_service.analysis.candidates.rules import (
    ACTIVE_NOTICE,
    ADULT_AGE_UNKNOWN,
    ADULT_UNDER_18,
    CHILD_NOT_ELIGIBLE,
    CONNECTED_PERSON,
    LOOKBACK_DAYS,
    NO_RECENT_EVIDENCE,
    Score,
    active_notices,
    age_on,
    assign_roles,
    connection,
    exists_on,
    in_window,
    legal_bases,
    qualifies,
    qualifying_orders,
    score,
    window_start,
)

# The legal words are the vocabulary's; they are named here too because the candidate rules'
# callers and tests speak of them.
from graph_service.vocabulary import CONNECTED_RELATIONS, LOOKED_AFTER_STATUSES, S2, S49, S49_STATUSES

__all__ = [
    "ACTIVE_NOTICE", "ADULT_AGE_UNKNOWN", "ADULT_UNDER_18", "ASSOCIATES_WITH", "CHILD_NOT_ELIGIBLE",
    "CONNECTED_PERSON", "CONNECTED_RELATIONS", "CONTACT", "EVIDENCE_KINDS", "FOUND_WITH", "LOOKBACK_DAYS",
    "LOOKED_AFTER_STATUSES", "NO_RECENT_EVIDENCE", "REASONS", "S2", "S49", "S49_STATUSES", "SIGHTING",
    "TRAVELLED_IN", "Candidate", "CandidateList", "CareStatus", "Evidence", "Exclusion", "Facts", "Grade",
    "Judgement", "MissingEpisode", "NotListed", "Notice", "PermissionStatement", "Person", "Relative", "Score",
    "active_notices", "age_on", "assign_roles", "candidate_list", "child_born_after", "connection",
    "describe_evidence", "evaluate", "evaluate_pair", "exists_on", "explain", "explain_dict", "facts_from_rows",
    "fetch_facts", "in_window", "judge_pair", "legal_bases", "qualifies", "qualifying_orders", "score",
    "window_start",
]
