"""The words: every sentence a reviewer reads about a pair, kept apart from the legal rules.

The rules (:mod:`~graph_service.analysis.candidates.rules`, applied by
:func:`~graph_service.analysis.candidates.evaluation.judge_pair`) decide; the functions here
only put a :class:`~graph_service.analysis.candidates.evaluation.Judgement` into sentences
that name the people, the dates, the law and the records, so a line can be checked against
the file. Nothing here changes who is listed.

>>> from graph_service.analysis.candidates.facts import Grade
>>> describe_evidence(Evidence(SIGHTING, "S1", ("C1", "A1"), date(2026, 9, 1), (Grade.recorded_fact("S1"),)))
'C1 and A1 were named together in sighting S1 (2026-09-01); graded 1A.'
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from graph_service.analysis.candidates.facts import (
    CONTACT,
    FOUND_WITH,
    SIGHTING,
    TRAVELLED_IN,
    CareStatus,
    Evidence,
    Person,
    iso,
)
from graph_service.analysis.candidates.rules import (
    ACTIVE_NOTICE,
    ADULT_AGE_UNKNOWN,
    ADULT_UNDER_18,
    CHILD_NOT_ELIGIBLE,
    CONNECTED_PERSON,
    NO_RECENT_EVIDENCE,
    window_start,
)
from graph_service.vocabulary import BASIS_NAMES, S2, S49, S49_STATUSES

if TYPE_CHECKING:  # the judgement is made in evaluation, which imports this module
    from graph_service.analysis.candidates.evaluation import Judgement

#: Each exclusion reason code in one sentence (a line's own reason names people and dates).
REASONS = {
    ADULT_AGE_UNKNOWN: "the other person's date of birth is not recorded, so they cannot be shown to be an adult",
    ADULT_UNDER_18: "the other person is under 18: a notice is served only on an adult",
    CHILD_NOT_ELIGIBLE: "the child is 16 or 17 and not subject to a qualifying order on the day",
    CONNECTED_PERSON: "the adult is connected with a child under 16 who has no qualifying order",
    NO_RECENT_EVIDENCE: "evidence exists but none qualifies inside the window",
    ACTIVE_NOTICE: "an active notice is already on record for this adult and child",
}


def describe_evidence(item: Evidence) -> str:
    """One item of evidence in a sentence, with its grades and intelligence reports."""
    a, b = item.people
    grades = "/".join(g.label for g in item.grades)
    when = iso(item.on) or "an undated record"
    if item.kind == FOUND_WITH:
        text = f"{a} was found with {b} at the end of missing episode {item.item_id} ({when})"
    elif item.kind == SIGHTING:
        text = f"{a} and {b} were named together in sighting {item.item_id} ({when})"
    elif item.kind == TRAVELLED_IN:
        text = (f"{a} travelled in vehicle {item.vrm} (link {item.item_id}, {when}), which {b} uses "
                f"(link {', '.join(item.related_ids)})")
    elif item.kind == CONTACT:
        text = contact_sentence(item, when)
    else:
        text = f"link {item.item_id}: {a} associates with {b} ({when})"
    intel = f", intelligence {', '.join(item.intel_ids)}" if item.intel_ids else ""
    return f"{text}; graded {grades}{intel}."


#: How a contact's means reads in a sentence ("a message from ... to ...").
CONTACT_MEANS_TEXT = {"call": "a call", "text": "a text message", "message": "an online message",
                      "video_call": "a video call", "other": "contact"}


def contact_sentence(item: Evidence, when: str) -> str:
    """A contact between two people's phones or accounts, naming whose each end is and the
    records that say so, so a reviewer can check each step of the chain.

    >>> from graph_service.analysis.candidates.facts import Grade
    >>> item = Evidence(CONTACT, "C1", ("A1", "C9"), date(2026, 9, 1),
    ...     (Grade("C1", "2", "B", "I1"), Grade("K1", "2", "B", "I2"), Grade("K2", "1", "A", "I3")),
    ...     ends=("+447700900123", "snapchat account amy_x"), means="message")
    >>> describe_evidence(item)  # doctest: +NORMALIZE_WHITESPACE
    'A1 and C9 were in contact: an online message on 2026-09-01 (contact C1) from phone +447700900123,
     which A1 uses (link K1), to snapchat account amy_x, which C9 uses (link K2); graded 2B/2B/1A,
     intelligence I1, I2, I3.'
    """
    a, b = item.people
    from_end, to_end = item.ends or ("", "")
    means = CONTACT_MEANS_TEXT.get(item.means or "other", "contact")
    from_link, to_link = (item.related_ids + ["", ""])[:2]

    def end(key: str) -> str:
        return f"phone {key}" if key.startswith("+") else key

    return (f"{a} and {b} were in contact: {means} on {when} (contact {item.item_id}) from {end(from_end)}, "
            f"which {a} uses (link {from_link}), to {end(to_end)}, which {b} uses (link {to_link})")


def not_listed_reason(first: Person, second: Person, as_of: date) -> str:
    return f"Neither {first.person_id} nor {second.person_id} is known to be under 18 on {as_of.isoformat()}."


def exclusion_reason(found: Judgement) -> str:
    """Why the pair is excluded, in the words of the rule that excluded it."""
    adult, child, D = found.adult.person_id, found.child.person_id, found.as_of.isoformat()
    if found.exclusion == ADULT_AGE_UNKNOWN:
        return (f"{adult} has no date of birth on record, so they cannot be shown to be 18 or over on {D}; a notice "
                f"is served only on an adult.")
    if found.exclusion == ADULT_UNDER_18:
        return (f"{adult} is {found.adult_age} on {D}, under 18: a notice is served only on an adult. Refer the "
                f"association between two children to safeguarding.")
    if found.exclusion == CONNECTED_PERSON:
        return (f"{adult} is the {words(found.connected.relation)} of {child}, a connected person, so section 2 of "
                f"the Child Abduction Act 1984 does not apply; {child} is not subject on {D} to an order that would "
                f"bring section 49 of the Children Act 1989 into play.")
    if found.exclusion == CHILD_NOT_ELIGIBLE:
        return (f"{child} is {found.child_age} on {D} and not subject on that day to a care order, interim care order, "
                f"emergency protection order or police protection{_statuses_note(found.statuses, found.as_of)}.")
    if found.exclusion == NO_RECENT_EVIDENCE:
        return _no_recent_evidence(found.items, found.as_of, found.lookback_days)
    if found.exclusion == ACTIVE_NOTICE:
        n = found.active[0]
        return (f"Notice {n.notice_id} ({n.basis}, issued {n.issued_on.isoformat()}) is active for {adult} and "
                f"{child}; a new notice would add nothing.")
    raise ValueError(f"no words for the exclusion {found.exclusion!r}")


def candidate_reasons(found: Judgement) -> list[str]:
    """Why the pair is a candidate: ages, legal basis, evidence, notices, statement, score."""
    adult, child, D = found.adult.person_id, found.child.person_id, found.as_of.isoformat()
    qualifying, result_score = found.qualifying, found.score
    reasons = [f"{adult} is {found.adult_age} on {D} (18 or over)."]
    if S2 in found.bases:
        reasons.append(f"{child} is {found.child_age} on {D}, under 16, and {adult} is not a connected "
                       f"person: section 2, Child Abduction Act 1984.")
    if S49 in found.bases:
        order = found.orders[0]
        reasons.append(f"{child} is {found.child_age} on {D} and subject to {S49_STATUSES[order.status]} since "
                       f"{order.start_on.isoformat()}: section 49, Children Act 1989.")
        if found.connected is not None and found.child_age < 16:
            reasons.append(f"Section 2 does not apply: {adult} is the {words(found.connected.relation)} of "
                           f"{child} (a connected person).")
    start = window_start(found.as_of, found.lookback_days).isoformat()
    reasons.append(f"{len(qualifying)} item{'s' if len(qualifying) != 1 else ''} of evidence of association "
                   f"between {start} and {D}, latest {iso(qualifying[0].on)}.")
    reasons += [describe_evidence(item) for item in qualifying]
    ignored = len(found.items) - len(qualifying)
    if ignored:
        reasons.append(f"{ignored} further item{'s' if ignored != 1 else ''} outside the window or graded E "
                       f"{'do' if ignored != 1 else 'does'} not count.")
    for n in sorted(found.notices, key=lambda n: n.issued_on):
        if n.issued_on <= found.as_of:
            reasons.append(f"Notice {n.notice_id} ({BASIS_NAMES.get(n.basis, n.basis)}, issued "
                           f"{n.issued_on.isoformat()}) is on record as "
                           f"{n.status}, not active.")
    if found.statements:
        s = max(found.statements, key=lambda s: s.made_on)
        reasons.append(f"Permission statement {s.statement_id} (made {s.made_on.isoformat()}) is held.")
    else:
        reasons.append("No permission statement is held: obtain one from the parent, carer or local authority "
                       "before a notice is served.")
    episodes = found.missing_episodes
    if episodes:
        reasons.append(f"{child} has {len(episodes)} missing episode{'s' if len(episodes) != 1 else ''} "
                       f"reported in the window.")
    if found.looked_after:
        reasons.append(f"{child} is looked after on {D} ({words(found.looked_after[0].status)}).")
    reasons.append(f"Score {result_score.value}: evidence {result_score.evidence:.3f} x risk factor "
                   f"{result_score.risk_factor:.2f}.")
    return reasons


def _no_recent_evidence(items: list[Evidence], as_of: date, lookback_days: int) -> str:
    start = window_start(as_of, lookback_days).isoformat()
    counting = [i for i in items if i.counts]
    head = f"No evidence of association qualifies between {start} and {as_of.isoformat()}"
    if not counting:
        ids = ", ".join(i.item_id for i in items)
        return f"{head}: the only evidence ({ids}) is graded E, suspected false or malicious, which never counts."
    dated = [i for i in counting if i.on is not None]
    if dated:
        latest = max(dated, key=lambda i: i.on)
        return f"{head}: the latest item, {latest.item_id}, is dated {latest.on.isoformat()}."
    return f"{head}: the evidence ({', '.join(i.item_id for i in counting)}) is undated."


def _statuses_note(statuses: list[CareStatus], as_of: date) -> str:
    notes = []
    for s in sorted(statuses, key=lambda s: s.start_on):
        if s.status == "accommodated_s20" and s.in_force(as_of):
            notes.append(f"accommodated under section 20 since {s.start_on.isoformat()}, which does not qualify")
        elif s.status in S49_STATUSES and s.end_on is not None and s.end_on < as_of:
            notes.append(f"{words(s.status)} ended on {s.end_on.isoformat()}")
    return f" ({'; '.join(notes)})" if notes else ""


def words(code: str) -> str:
    """A vocabulary code as words: ``interim_care_order`` → ``interim care order``."""
    return code.replace("_s20", " (section 20)").replace("_", " ")
