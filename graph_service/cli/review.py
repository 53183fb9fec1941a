"""``graph-service review``: records due for review under MoPI, retaining one with a reason, and
deleting a person or an intelligence report (docs/retention.md). Every listing, decision and
deletion is audited, by IDs."""

from __future__ import annotations

from datetime import date

import click

from graph_service import settings as service_settings
from graph_service.analysis.retention import deletion, due_dates, policy, queue
from graph_service.cli.auditing import operator, parameters, record, require_intact
from graph_service.cli.output import echo_json, echo_table
from graph_service.db import connect
from graph_service.web.paging import MAX_PER_PAGE


@click.group("review")
def command() -> None:
    """Review of records under MoPI: what is due, retain with a reason, or delete."""


def _names(people: list[dict]) -> str:
    return ", ".join(" ".join(x for x in (p["person_id"], p.get("forename"), p.get("surname")) if x) for p in people)


@command.command("list")
@click.option("--due-by", type=click.DateTime(["%Y-%m-%d"]), help="List what is due on or before this date "
              "(YYYY-MM-DD; default: today).")
@click.option("--page", type=click.IntRange(min=1), default=1, show_default=True)
@click.option("--per-page", type=click.IntRange(1, MAX_PER_PAGE), default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print items, total, due_by, page, pages, per_page.")
def list_due(due_by, page, per_page, as_json) -> None:
    """Records due for review, oldest review date first, each with why it is due and whom it names."""
    settings = service_settings.load()
    require_intact(settings)
    day = due_by.date() if due_by else date.today()
    with connect(settings) as db:
        dated = due_dates.bring_up_to_date(db)
        if dated is not None:
            click.echo(f"The retention policy has changed: {dated:,} records' review dates set again under it.",
                       err=True)
        found = queue.due(db, day, page, per_page)
    named = [p["person_id"] for item in found.items for p in item["people"]]
    record(settings, "review.view", [i["record_id"] for i in found.items] + named,
           detail=parameters(due_by=day.isoformat(), page=page, json=as_json))
    pages = max(1, -(-found.total // per_page))
    if as_json:
        echo_json({"items": found.items, "total": found.total, "due_by": day.isoformat(), "page": page,
                   "pages": pages, "per_page": per_page})
        return
    echo_table([{"record": f"{i['record_type']} {i['record_id']}", "review date": i["review_date"],
                 "overdue (days)": i["overdue_days"], "why": i["why"], "people named": _names(i["people"])}
                for i in found.items])
    click.echo(f"{found.total} records due for review by {day.isoformat()}; page {page} of {pages}")


@command.command("retain")
@click.argument("record_id")
@click.option("--reason", required=True, help="Why the record is still needed for a policing purpose (kept).")
@click.option("--type", "record_type", type=click.Choice(policy.RECORD_TYPES),
              help="The record's type, when its ID names records of several types.")
def retain(record_id: str, reason: str, record_type: str | None) -> None:
    """Retain a record: its next review date is set by the policy, the decision kept with your name."""
    if not reason.strip():
        raise click.UsageError("--reason: say why the record is still needed for a policing purpose")
    settings = service_settings.load()
    require_intact(settings)
    with connect(settings) as db:
        try:
            found = queue.find(db, record_id, record_type)
        except (queue.UnknownRecord, queue.AmbiguousRecord) as problem:
            raise click.ClickException(str(problem)) from None
        record(settings, "review.retain", [record_id], purpose=reason.strip(),
               detail=parameters(type=found["record_type"]))
        done = queue.retain(db, record_id, reason, operator(), found["record_type"])
    click.echo(f"{done['record_type']} {record_id}: retained; next review {done['next_review']} "
               f"({done['decision_id']})")


@command.command("delete")
@click.option("--person", "person_id", metavar="ID", help="Delete this person, their records, ties and evidence.")
@click.option("--intel", "intel_id", metavar="ID", help="Delete this intelligence report and its links.")
@click.option("--reason", required=True, help="Why it is no longer needed for a policing purpose (kept in the "
              "audit log: write it without names).")
def delete(person_id: str | None, intel_id: str | None, reason: str) -> None:
    """Delete a person or a report, and what was computed from them, in one transaction."""
    if (person_id is None) == (intel_id is None):
        raise click.UsageError("give one of --person ID or --intel ID")
    if not reason.strip():
        raise click.UsageError("--reason: say why it is no longer needed for a policing purpose")
    settings = service_settings.load()
    require_intact(settings)

    def audited(deleted: deletion.Deleted) -> None:
        # Inside the transaction: nothing is deleted unless this entry is on disk.
        record(settings, f"review.delete_{deleted.kind}", deleted.ids, purpose=reason.strip(),
               detail=f"{deleted.count} records")

    with connect(settings) as db:
        try:
            deleted = (deletion.delete_person(db, person_id, audited) if person_id
                       else deletion.delete_report(db, intel_id, audited))
        except (deletion.UnknownPerson, deletion.UnknownReport) as problem:
            raise click.ClickException(str(problem)) from None
    click.echo(summary(deleted))


def summary(deleted: deletion.Deleted) -> str:
    """What a deletion did, in lines for the terminal."""
    what = "person" if deleted.kind == "person" else "intelligence report"
    lines = [f"deleted {what} {deleted.target} and {deleted.count - 1} records with it:"]
    lines += [f"  {kind}: {len(ids)}" for kind, ids in deleted.records.items() if ids and kind != deleted.kind]
    changed = {k: v for k, v in deleted.derived.items() if v}
    if changed:
        lines.append("computed from them and removed or updated: "
                     + ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in changed.items()))
    for kind, ids in deleted.kept.items():
        if ids and deleted.kind == "person":
            lines.append(f"kept, with the person taken out: {kind} {', '.join(ids)}")
    if deleted.kept.get("intel"):
        lines.append("those reports also concern others; their summaries are free text: read them")
    if deleted.recomputed:
        lines.append(f"direct relationships recomputed: {deleted.recomputed}")
    lines.append("networks are recomputed at the next `graph-service networks detect`")
    return "\n".join(lines)
