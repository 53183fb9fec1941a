"""``graph-service audit``: read the audit log and check that nobody has changed it."""

from __future__ import annotations

import sys

import click

from graph_service import settings as service_settings
from graph_service.cli.output import echo_json, echo_table
from graph_service.security.audit import AuditLog


@click.group("audit")
def command() -> None:
    """The audit log of views, searches and exports of personal data."""


@command.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (every field, incl. hashes).")
@click.option("--user", help="Only this user's entries.")
@click.option("--action", help="Only this action (e.g. person.view, search).")
@click.option("--id", "concerning", metavar="ID", help="Only entries concerning this ID.")
@click.option("--limit", type=int, default=None, help="At most this many, newest first.")
def list_entries(as_json: bool, user: str | None, action: str | None, concerning: str | None,
                 limit: int | None) -> None:
    """List entries (oldest first, or newest first with --limit)."""
    log = AuditLog.of(service_settings.load())
    if limit is not None:
        entries = log.newest(limit, user=user, action=action, concerning=concerning)
    else:
        entries = [
            e for e in log.entries()
            if (user is None or e.user == user) and (action is None or e.action == action)
            and (concerning is None or concerning in e.ids)
        ]
    if as_json:
        echo_json([e.as_dict() for e in entries])
        return
    echo_table([
        {"seq": e.seq, "time": e.time, "user": e.user, "action": e.action, "ids": " ".join(e.ids),
         "purpose": e.purpose, "detail": e.detail or ""}
        for e in entries
    ])


@command.command("verify")
@click.option("--checkpoint", metavar="HASH",
              help="A head hash printed by an earlier verify: fail unless the log still holds it.")
def verify(checkpoint: str | None) -> None:
    """Check the hash chain; exit status 1 when any entry was altered, removed or reordered."""
    log = AuditLog.of(service_settings.load())
    result = log.verify()
    if checkpoint and result.ok and not any(e.hash == checkpoint for e in log.entries()):
        result.problems.append(f"no entry has the checkpoint hash {checkpoint} (the log was rewritten)")
    if result.ok:
        click.echo(f"audit log intact: {result.entries} entries, head {result.head_hash}")
        click.echo("Keep the head hash somewhere else and pass it as --checkpoint to a later verify.")
        return
    click.echo(f"audit log BROKEN ({result.entries} entries read):", err=True)
    for problem in result.problems:
        click.echo(f"  {problem}", err=True)
    sys.exit(1)
