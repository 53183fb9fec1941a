"""The lines of a candidate list: candidates, excluded pairs, pairs not for the list.

Each line keeps the evidence behind it and the sentences that explain it, and turns itself
into plain data (``to_dict``) for the JSON API, the CLI and the packs.

>>> CandidateList(date(2026, 10, 31), 365, [], []).to_dict()
{'as_of': '2026-10-31', 'candidates': [], 'excluded': []}
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from graph_service.analysis.candidates.facts import Evidence
from graph_service.analysis.candidates.rules import Score


@dataclass
class Candidate:
    adult_id: str
    child_id: str
    legal_bases: list[str]
    score: Score
    statement_held: bool
    evidence: list[Evidence]
    reasons: list[str]
    status = "candidate"

    def to_dict(self) -> dict:
        return {"adult_id": self.adult_id, "child_id": self.child_id, "legal_bases": list(self.legal_bases),
                "score": self.score.value, "statement_held": self.statement_held,
                "evidence": [item.to_dict() for item in self.evidence], "reasons": list(self.reasons)}


@dataclass
class Exclusion:
    adult_id: str
    child_id: str
    reason_code: str
    reason: str
    evidence: list[Evidence] = field(default_factory=list)  # every item that exists on the day
    status = "excluded"

    def to_dict(self) -> dict:
        return {"adult_id": self.adult_id, "child_id": self.child_id, "reason_code": self.reason_code,
                "reason": self.reason}


@dataclass
class NotListed:
    """A pair with evidence where neither person is known to be under 18: shown by explain only."""

    person_ids: tuple[str, str]
    reason: str
    evidence: list[Evidence] = field(default_factory=list)
    status = "not_listed"

    def to_dict(self) -> dict:
        return {"person_ids": list(self.person_ids), "status": self.status, "reason": self.reason,
                "evidence": [item.to_dict() for item in self.evidence]}


@dataclass
class CandidateList:
    as_of: date
    lookback_days: int
    candidates: list[Candidate]
    excluded: list[Exclusion]
    not_listed: list[NotListed] = field(default_factory=list)
    #: Display names of the people on the list (for printed packs and pages; not in ``to_dict``).
    names: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"as_of": self.as_of.isoformat(), "candidates": [c.to_dict() for c in self.candidates],
                "excluded": [e.to_dict() for e in self.excluded]}

    def lines_of(self, person_id: str) -> list[Candidate | Exclusion | NotListed]:
        """Every pair of one person, listed or not, for ``--explain``."""
        lines: list = [c for c in self.candidates if person_id in (c.adult_id, c.child_id)]
        lines += [e for e in self.excluded if person_id in (e.adult_id, e.child_id)]
        lines += [n for n in self.not_listed if person_id in n.person_ids]
        return lines


def explain_dict(result: CandidateList, person_id: str) -> dict:
    """Every pair of ``person_id`` and why it is or is not listed, as plain data."""
    pairs = []
    for line in result.lines_of(person_id):
        if isinstance(line, NotListed):
            pairs.append(line.to_dict())
            continue
        entry = {"status": line.status, **line.to_dict()}
        if isinstance(line, Exclusion):
            entry["evidence"] = [item.to_dict() for item in line.evidence]
        pairs.append(entry)
    return {"as_of": result.as_of.isoformat(), "lookback_days": result.lookback_days,
            "person_id": person_id, "pairs": pairs}
