"""``graph-service disruption``: propose, list, update and export disruption actions."""

from __future__ import annotations

import click

from graph_service import settings as service_settings
from graph_service.analysis import disruption as plans
from graph_service.analysis.candidates import LOOKBACK_DAYS
from graph_service.cli.auditing import operator, parameters, record, require_intact
from graph_service.cli.candidates import emit
from graph_service.cli.output import to_json
from graph_service.db import connect
from graph_service.reports import packs


@click.group("disruption")
def command() -> None:
    """Disruption plans: tactics against a network or a person, with the facts behind each."""


def _scope_options(f):
    f = click.option("--person", "person_id", metavar="ID", help="A person and their associates.")(f)
    return click.option("--network", "network_id", metavar="ID", help="A network found by the network analysis.")(f)


def _scope(network_id: str | None, person_id: str | None, required: bool) -> str | None:
    if network_id and person_id:
        raise click.UsageError("give --network or --person, not both")
    if required and not (network_id or person_id):
        raise click.UsageError("give --network ID or --person ID")
    if network_id:
        return f"network:{network_id}"
    return f"person:{person_id}" if person_id else None


@command.command("plan")
@_scope_options
@click.option("--as-of", type=click.DateTime(formats=["%Y-%m-%d"]), help="The day the facts are taken on (default today).")
@click.option("--lookback-days", type=click.IntRange(min=0), default=LOOKBACK_DAYS, show_default=True)
@click.option("--review-days", type=click.IntRange(min=1), default=plans.REVIEW_DAYS, show_default=True,
              help="New actions are due for review this many days after the as-of date.")
@click.option("--dry-run", is_flag=True, help="Show the proposals without storing them.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--purpose", help="Why you need the plan (recorded in the audit log).")
def plan(network_id, person_id, as_of, lookback_days, review_days, dry_run, fmt, purpose) -> None:
    """Propose tactics for a network (--network ID) or a person (--person ID) and store them."""
    _scope(network_id, person_id, required=True)
    day = as_of.date() if as_of else None
    settings = service_settings.load()
    require_intact(settings)

    def on_record(proposal: plans.Plan) -> None:
        named = plans.people_named(a.to_dict(proposal.plan_id) for a in proposal.actions)
        record(settings, "disruption.plan" + (".dry_run" if dry_run else ""), [*proposal.scope.person_ids, *named],
               purpose, detail=parameters(plan=proposal.plan_id, as_of=proposal.as_of.isoformat(),
                                          lookback_days=lookback_days, review_days=review_days, format=fmt))

    with connect(settings) as db:
        try:
            proposal = (plans.plan_for_network(db, network_id, day, lookback_days) if network_id
                        else plans.plan_for_person(db, person_id, day, lookback_days))
            if dry_run:
                stored = None
                on_record(proposal)
            else:  # stored only once its entry is on disk
                stored = plans.save_plan(db, proposal, user=operator(), review_days=review_days,
                                         before_commit=on_record)
        except plans.PlanError as problem:
            raise click.ClickException(str(problem)) from None
    if fmt == "json":
        data = proposal.to_dict()
        if stored is not None:
            data["stored_actions"] = stored
        click.echo(to_json(data))
        return
    click.echo(f"Plan {proposal.plan_id} as of {proposal.as_of.isoformat()}: {len(proposal.scope.person_ids)} "
               f"people in scope, {len(proposal.actions)} action{'s' if len(proposal.actions) != 1 else ''} proposed"
               f"{' (not stored: --dry-run)' if dry_run else ''}.")
    by_id = {a["action_id"]: a for a in stored or []}
    for action in proposal.actions:
        action_id = action.action_id(proposal.plan_id)
        kept = by_id.get(action_id, {})
        click.echo("")
        click.echo(f"{action_id}  {action.title}")
        click.echo(f"  target: {action.target_kind} {action.target_label}")
        click.echo(f"  basis:  {action.legal_basis}")
        for fact in action.facts:
            click.echo(f"  - {fact}")
        if kept:
            click.echo(f"  owner: {kept.get('owner') or 'unassigned'}; review by {kept.get('due_on')}; "
                       f"status: {kept.get('status')}")
    gone = [a for a in stored or [] if a.get("supported") is False]
    if gone:
        click.echo("")
        click.echo(f"{len(gone)} earlier action{'s' if len(gone) != 1 else ''} no longer supported by the facts: "
                   + ", ".join(a["action_id"] for a in gone))


@command.command("actions")
@_scope_options
@click.option("--status", type=click.Choice(plans.ACTION_STATUSES), help="Only actions with this status.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv", "html"]), default="text", show_default=True,
              help="csv and html make the action list for the MACSE meeting.")
@click.option("--out", metavar="FILE", help="Write to FILE instead of standard output.")
@click.option("--purpose", help="Why you need the list (recorded in the audit log).")
def actions(network_id, person_id, status, fmt, out, purpose) -> None:
    """List or export stored actions (all plans, or one with --network/--person)."""
    plan_id = _scope(network_id, person_id, required=False)
    settings = service_settings.load()
    require_intact(settings)
    with connect(settings) as db:
        found = plans.stored_actions(db, plan_id, status)
        plan_row = next((p for p in plans.stored_plans(db) if p["plan_id"] == plan_id), None) if plan_id else None
    if plan_id and plan_row is None:
        raise click.ClickException(f"no stored plan {plan_id}: run `graph-service disruption plan` first")
    record(settings, f"disruption.actions.{fmt}", [*(a["target_id"] for a in found), *plans.people_named(found)],
           purpose, detail=parameters(plan=plan_id, status=status, format=fmt, out=out))
    if fmt == "json":
        emit(to_json(found), out)
    elif fmt == "csv":
        emit(packs.actions_csv(found), out)
    elif fmt == "html":
        emit(packs.actions_html(found, plan_row, generated_by=operator()), out)
    else:
        if not found:
            emit("(no actions)", out)
            return
        emit("\n".join(f"{a['action_id']}  {a['status']:<11} {str(a.get('due_on') or ''):<10} "
                       f"{(a.get('owner') or 'unassigned'):<16} {a['tactic']:<26} {a['target_label']}"
                       f"{'  (no longer supported)' if a.get('supported') is False else ''}" for a in found), out)


@command.command("update")
@click.argument("action_id")
@click.option("--owner", help="Who carries the action (a name or team).")
@click.option("--due", "due_on", type=click.DateTime(formats=["%Y-%m-%d"]), help="The review date.")
@click.option("--status", type=click.Choice(plans.ACTION_STATUSES))
@click.option("--note", help="A note added to the action's history.")
def update(action_id, owner, due_on, status, note) -> None:
    """Change an action's owner, review date or status, or add a note."""
    settings = service_settings.load()
    require_intact(settings)
    with connect(settings) as db:
        try:  # stored only once its entry is on disk
            changed = plans.update_action(
                db, action_id, user=operator(), owner=owner, due_on=due_on.date() if due_on else None, status=status,
                note=note, before_commit=lambda changed: record(
                    settings, "disruption.update", [action_id, changed["target_id"], *plans.people_named([changed])],
                    None, detail=to_json(changed["changes"]).replace("\n", " ")))
        except plans.PlanError as problem:
            raise click.ClickException(str(problem)) from None
    click.echo(f"{action_id}: " + "; ".join(f"{name} {old!s} -> {new!s}" if name != "note" else "note added"
                                             for name, (old, new) in changed["changes"].items()))
