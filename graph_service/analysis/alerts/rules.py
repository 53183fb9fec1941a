"""The alert rules: pure functions from facts (plain dicts read by :mod:`.facts`) to alerts.

Four kinds (issue 15; ``docs/casework.md``):

``breach``
    An adult with a notice in force (``active``, or already ``breached``) for a child is found
    with the child after a missing episode, sighted with the child, or the child travels in a
    vehicle the adult uses, on a day *after* the notice's date (and, for a notice withdrawn or
    expired on a recorded day, *before* that day). Neither end day counts: the notice may have
    been served, or withdrawn, later that day. To disruption leads.
``watch``
    Intelligence, a sighting or a missing episode naming a watched person, vehicle or place, on
    or after the day the watch began. To the analyst who watches.
``repeat_missing``
    A child's episode that makes three within 90 days. One alert when a child becomes repeat
    missing, not one for every later episode of the same run; a new run after a quiet spell
    raises a new one. To analysts.
``vehicle_at_place``
    A sighting of a watched vehicle at a place of concern (``PLACES_OF_CONCERN``). To the analyst
    who watches it.

Each alert's ID is made from what raised it, so evaluating again finds the same alert rather
than a new one. No rule reads a protected characteristic or a CSE concern level.

>>> notice = {"notice_id": "N1", "adult_id": "A", "child_id": "C", "issued_on": "2025-03-01", "status": "active",
...           "contacts": [{"kind": "sighting", "id": "S1", "at": "2025-03-01T21:00:00Z", "grade": "1A",
...                         "text": "seen together"},
...                        {"kind": "sighting", "id": "S2", "at": "2025-03-02T21:00:00Z", "grade": "1A",
...                         "text": "seen together"}]}
>>> [a.evidence[1]["id"] for a in breaches([notice])]
['S2']
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime

from graph_service import grading
from graph_service.analysis import missing
from graph_service.vocabulary import PLACES_OF_CONCERN, REPEAT_MISSING_DAYS

#: Notice statuses still in force: a breached notice has not ended.
IN_FORCE = ("active", "breached")
#: Who receives each kind: a role (every user whose role grants it) or the watching user.
TO_DISRUPTION_LEADS = "role:disruption_lead"
TO_ANALYSTS = "role:analyst"
KINDS = ("breach", "watch", "repeat_missing", "vehicle_at_place")
#: The order of concern an inbox lists unacknowledged alerts in, before their dates: a named
#: adult back with a child after a notice first; then a child who has become repeat missing; a
#: watched vehicle at a place of concern; what an analyst chose to watch turning up.
CONCERN_ORDER = ("breach", "repeat_missing", "vehicle_at_place", "watch")
RECORDED = grading.grade_label(*grading.RECORDED_FACT)


@dataclass(frozen=True)
class Alert:
    """One alert: its ``kind``, who it is for, the ``people`` it names (IDs), a one-line summary,
    the ``evidence`` (each with its grade) and the time of the fact that raised it."""

    kind: str
    key: str
    recipient: str
    people: tuple[str, ...]
    summary: str
    occurred_at: str
    evidence: tuple[dict, ...] = field(default=())
    #: The notice a breach is of (None for other kinds), so a notice's page finds its breaches.
    notice_id: str | None = None

    @property
    def alert_id(self) -> str:
        return "AL-" + hashlib.sha256(self.key.encode("utf-8")).hexdigest()[:12]

    @property
    def grade(self) -> str | None:
        """The strongest grade among the evidence that raised it."""
        return grading.strongest(e.get("grade") for e in self.evidence)

    def to_dict(self) -> dict:
        return {"alert_id": self.alert_id, "kind": self.kind, "recipient": self.recipient,
                "people": list(self.people), "summary": self.summary, "occurred_at": self.occurred_at,
                "grade": self.grade, "evidence": list(self.evidence),
                **({"notice_id": self.notice_id} if self.notice_id else {})}


def day_of(when: str) -> date:
    """The calendar day of an ISO date or date-time (as the facts carry them)."""
    return date.fromisoformat(when[:10])


def named(person_id: str, name: str | None) -> str:
    """A person as a summary names them: ``Dan Coe (P2)``, or the ID alone when no name is held.

    >>> named("P2", "Dan Coe"), named("P9", "")
    ('Dan Coe (P2)', 'P9')
    """
    return f"{name} ({person_id})" if name else person_id


def in_force_on(notice: dict, day: date) -> bool:
    """A contact on ``day`` breaches the notice: after the notice's day, and (for a notice
    withdrawn or expired on a recorded day) before the day it ended. Neither end day counts:
    the notice may have been served, or withdrawn, later that day. An ended notice with no
    recorded end day (as an intake file may hold) raises nothing."""
    if notice["status"] not in IN_FORCE and not notice.get("ended_on"):
        return False
    ended = notice.get("ended_on")
    return day > date.fromisoformat(notice["issued_on"]) and (not ended or day < date.fromisoformat(ended))


def breaches(notices: list[dict]) -> list[Alert]:
    """A breach alert for each contact while a notice was in force (:func:`in_force_on`)."""
    alerts = []
    for notice in notices:
        adult = named(notice["adult_id"], notice.get("adult_name"))
        child = named(notice["child_id"], notice.get("child_name"))
        ended = f" (ended {notice['ended_on']})" if notice.get("ended_on") else ""
        served = {"kind": "notice", "id": notice["notice_id"], "at": notice["issued_on"], "grade": RECORDED,
                  "text": f"notice ({notice.get('basis') or 'basis not recorded'}) issued {notice['issued_on']}, "
                          f"{notice['status']}{ended}"}
        for contact in notice["contacts"]:
            if contact.get("at") is None or not in_force_on(notice, day_of(contact["at"])):
                continue
            alerts.append(Alert(
                kind="breach", key=f"breach|{notice['notice_id']}|{contact['kind']}|{contact['id']}",
                recipient=TO_DISRUPTION_LEADS, people=(notice["adult_id"], notice["child_id"]),
                summary=f"{adult} {contact['text']} {child} on {day_of(contact['at'])}, "
                        f"after notice {notice['notice_id']} of {notice['issued_on']}",
                occurred_at=contact["at"], notice_id=notice["notice_id"],
                # The contact's line of evidence says who did what, read on its own in the table.
                evidence=(served, {**contact, "text": f"{adult} {contact['text']} {child}"})))
    return alerts


def watch_hits(watches: list[dict]) -> list[Alert]:
    """A watch alert for each event naming a watched thing on or after the watch began."""
    alerts = []
    for watch in watches:
        since = date.fromisoformat(watch["since"])
        for event in watch["events"]:
            if event.get("at") is None or day_of(event["at"]) < since:
                continue
            alerts.append(Alert(
                kind="watch", key=f"watch|{watch['watch_id']}|{event['kind']}|{event['id']}",
                recipient=f"user:{watch['user']}", people=tuple(event.get("people") or ()),
                summary=f"{event['kind'].replace('_', ' ')} {event['id']} names watched "
                        f"{watch['target_kind']} {watch['target_id']}: {event['text']}",
                occurred_at=event["at"], evidence=(event,)))
    return alerts


def vehicles_at_places(watches: list[dict]) -> list[Alert]:
    """A vehicle_at_place alert for each sighting of a watched vehicle at a place of concern."""
    alerts = []
    for watch in watches:
        if watch["target_kind"] != "vehicle":
            continue
        since = date.fromisoformat(watch["since"])
        for event in watch["events"]:
            if (event["kind"] != "sighting" or event.get("category") not in PLACES_OF_CONCERN
                    or day_of(event["at"]) < since):
                continue
            alerts.append(Alert(
                kind="vehicle_at_place", key=f"vehicle_at_place|{watch['watch_id']}|{event['id']}",
                recipient=f"user:{watch['user']}", people=tuple(event.get("people") or ()),
                summary=f"watched vehicle {watch['target_id']} seen at {event.get('place') or 'a place'} "
                        f"({event['category'].replace('_', ' ')}) on {day_of(event['at'])}",
                occurred_at=event["at"], evidence=(event,)))
    return alerts


def repeat_missing(children: list[dict]) -> list[Alert]:
    """A repeat_missing alert for each episode that makes a child's third within 90 days
    (when the episode before it did not already), by :func:`graph_service.analysis.missing.repeat_missing`."""
    alerts = []
    for child in children:
        episodes = sorted(child["episodes"], key=lambda e: (e["at"], e["id"]))
        runs = missing.repeat_missing(episodes, at=lambda e: datetime.fromisoformat(e["at"]))
        repeating = {episode["id"] for episode, _ in runs}
        before = {later["id"]: earlier["id"] for earlier, later in zip(episodes, episodes[1:], strict=False)}
        for episode, run in runs:
            if before.get(episode["id"]) in repeating:
                continue  # the run had already made the child repeat missing
            alerts.append(Alert(
                kind="repeat_missing", key=f"repeat_missing|{child['person_id']}|{episode['id']}",
                recipient=TO_ANALYSTS, people=(child["person_id"],),
                summary=f"{named(child['person_id'], child.get('name'))} missing {len(run)} times within "
                        f"{REPEAT_MISSING_DAYS} days (episodes {', '.join(e['id'] for e in run)})",
                occurred_at=episode["at"],
                evidence=tuple({**e, "grade": RECORDED, "kind": "missing_episode"} for e in run)))
    return alerts


def evaluate(notices: list[dict], watches: list[dict], children: list[dict]) -> list[Alert]:
    """Every alert the facts raise, each once."""
    found = {a.alert_id: a for a in
             breaches(notices) + watch_hits(watches) + vehicles_at_places(watches) + repeat_missing(children)}
    return list(found.values())
