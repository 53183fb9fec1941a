"""``graph-service alerts``: evaluate the alert rules, list an inbox, acknowledge an alert, and
set or remove watches (docs/casework.md). Every listing and change is audited."""

from __future__ import annotations

import click

from graph_service import settings as service_settings
from graph_service.analysis import alerts
from graph_service.analysis.alerts import store
from graph_service.cli.auditing import operator, parameters, record, require_intact
from graph_service.cli.output import echo_json, echo_table
from graph_service.db import connect
from graph_service.security.users import UserStore
from graph_service.web.paging import MAX_PER_PAGE


@click.group("alerts")
def command() -> None:
    """Alerts: breaches of notices, watched people, vehicles and places, repeat missing."""


def _inbox_of(settings, user: str | None) -> list[str]:
    """The addresses of a dashboard user's inbox; every alert when no user is named."""
    if user is None:
        return [f"role:{ability}" for ability in ("analyst", "disruption_lead")] + _watchers(settings)
    found = UserStore.of(settings).get(user)
    if found is None:
        raise click.UsageError(f"no dashboard user {user!r}: see `graph-service users list`")
    return store.recipients(found.name, found.role)


def _watchers(settings) -> list[str]:
    with connect(settings) as db:
        return sorted({f"user:{w['user']}" for w in store.watches_of(db, None)})


@command.command("evaluate")
def evaluate() -> None:
    """Run every alert rule over the store now (ingest and watches do it themselves)."""
    settings = service_settings.load()
    with connect(settings) as db:
        result = alerts.evaluate(db)
    record(settings, "alerts.evaluate", result.created, detail=f"{len(result.created)} new")
    click.echo(f"{len(result.alerts)} alerts raised by the facts, {len(result.created)} new "
               f"({result.seconds:.2f} s)")


@command.command("list")
@click.option("--user", metavar="NAME", help="The dashboard user whose inbox to list (default: every alert).")
@click.option("--kind", type=click.Choice(alerts.KINDS))
@click.option("--page", type=click.IntRange(min=1), default=1, show_default=True)
@click.option("--per-page", type=click.IntRange(1, MAX_PER_PAGE), default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print items, total, unread, page, pages, per_page.")
def list_alerts(user, kind, page, per_page, as_json) -> None:
    """An inbox, not yet acknowledged first, newest first."""
    settings = service_settings.load()
    require_intact(settings)
    to = _inbox_of(settings, user)
    with connect(settings) as db:
        found = store.inbox(db, to, page, per_page, kind)
    record(settings, "alerts.view", [pid for a in found.items for pid in a["people"]],
           detail=parameters(user=user, kind=kind, page=page, json=as_json))
    pages = max(1, -(-found.total // per_page))
    if as_json:
        echo_json({"items": found.items, "total": found.total, "unread": found.unread, "page": page,
                   "pages": pages, "per_page": per_page})
        return
    echo_table([{"alert": a["alert_id"], "kind": a["kind"], "when": a["occurred_at"], "grade": a["grade"],
                 "people": ", ".join(a["people"]), "summary": a["summary"],
                 "acknowledged": a["acknowledged_by"] or ""} for a in found.items])
    click.echo(f"{found.total} alerts, {found.unread} not acknowledged; page {page} of {pages}")


@command.command("ack")
@click.argument("alert_id")
@click.option("--note", required=True, help="What was done about it (kept with the alert).")
@click.option("--user", metavar="NAME", help="Acknowledge in this dashboard user's inbox (default: any).")
def ack(alert_id: str, note: str, user: str | None) -> None:
    """Acknowledge an alert with a note."""
    settings = service_settings.load()
    require_intact(settings)
    if not note.strip():
        raise click.UsageError("--note: say what was done about the alert")
    to = _inbox_of(settings, user)
    with connect(settings) as db:
        try:
            done = store.acknowledge(db, alert_id, to, operator(), note)
        except store.NoSuchAlert as problem:
            raise click.ClickException(str(problem)) from None
    record(settings, "alerts.ack", [alert_id, *done["people"]], detail=parameters(user=user))
    click.echo(f"{alert_id}: already acknowledged by {done['acknowledged_by']}" if done["already"]
               else f"{alert_id}: acknowledged")


@command.command("watch")
@click.option("--user", metavar="NAME", required=True, help="The analyst told when it turns up.")
@click.option("--person", "person_id", metavar="ID")
@click.option("--vehicle", metavar="VRM")
@click.option("--place", metavar="ID", help="A location ID.")
@click.option("--reason", help="Why (kept with the watch).")
def watch(user, person_id, vehicle, place, reason) -> None:
    """Tell an analyst when new intelligence, a sighting or a missing episode names this."""
    given = [(kind, value) for kind, value in (("person", person_id), ("vehicle", vehicle), ("place", place)) if value]
    if len(given) != 1:
        raise click.UsageError("give one of --person, --vehicle, --place")
    settings = service_settings.load()
    if not _inbox_of(settings, user):  # the user must exist, and be one who receives alerts
        raise click.UsageError(f"{user} is not an analyst or disruption lead: only they receive alerts")
    kind, target = given[0]
    with connect(settings) as db:
        try:
            made = store.add_watch(db, user, kind, target, reason)
        except store.NoSuchTarget as problem:
            raise click.ClickException(str(problem)) from None
        record(settings, "alerts.watch", [made["target_id"]], detail=parameters(user=user, kind=kind))
        result = alerts.evaluate(db)
    click.echo(f"{made['watch_id']}: {user} watches {kind} {made['target_id']} from {made['since']}; "
               f"{len(result.created)} new alerts")


@command.command("watches")
@click.option("--user", metavar="NAME")
@click.option("--json", "as_json", is_flag=True)
def watches(user, as_json) -> None:
    """List watches."""
    settings = service_settings.load()
    with connect(settings) as db:
        rows = store.watches_of(db, user)
    record(settings, "alerts.watches", [w["target_id"] for w in rows], detail=parameters(user=user))
    echo_json(rows) if as_json else echo_table(rows)
