"""``graph-service users``: add, list and disable dashboard users; demo users for ``make run``.

Passwords never travel on the command line (it ends up in shell history and ``ps``):
they are typed at a prompt or read from a file.
"""

from __future__ import annotations

import secrets
import sys

import click

from graph_service import settings as service_settings
from graph_service.cli.auditing import operator
from graph_service.cli.output import echo_json, echo_table
from graph_service.security.audit import AuditLog
from graph_service.security.roles import ROLES
from graph_service.security.users import UserProblem, UserStore

#: One demo user per role, for trying the dashboard with ``make run``.
DEMO_USERS = {f"demo-{role.replace('_', '-')}": role for role in ROLES}


def _store_and_log() -> tuple[UserStore, AuditLog]:
    settings = service_settings.load()
    return UserStore.of(settings), AuditLog.of(settings)


def _read_password_file(path: str) -> str:
    try:
        text = sys.stdin.read() if path == "-" else open(path, encoding="utf-8").read()
    except OSError as problem:
        raise click.ClickException(f"cannot read the password file {path}: {problem.strerror}") from None
    lines = text.splitlines()
    if not lines or not lines[0]:
        raise click.ClickException(f"the password file {path} is empty: put the password on its first line")
    return lines[0]


@click.group("users")
def command() -> None:
    """Dashboard users and their roles."""


@command.command("add")
@click.argument("name")
@click.option("--role", required=True, type=click.Choice(list(ROLES)), help="What the user may see and do.")
@click.option("--password-file", metavar="FILE",
              help="Read the password from the first line of FILE ('-' for standard input). "
                   "Without it, you are asked for the password.")
def add(name: str, role: str, password_file: str | None) -> None:
    """Add user NAME with a ROLE."""
    store, log = _store_and_log()
    if store.get(name) is not None:
        raise click.ClickException(f"user {name!r} already exists")
    if password_file:
        password = _read_password_file(password_file)
    else:
        password = click.prompt(f"Password for {name}", hide_input=True, confirmation_prompt=True)
    try:
        store.check_new(name, role, password)
        log.append(operator(), "user.add", [name], detail=f"role {role}")  # first: no change off the record
        user = store.add(name, role, password)
    except UserProblem as problem:
        raise click.ClickException(str(problem)) from None
    click.echo(f"added {user.name} ({user.role})")


@command.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def list_users(as_json: bool) -> None:
    """List users, their roles and whether they may log in."""
    store, _ = _store_and_log()
    rows = [user.public() for user in store.list()]
    echo_json(rows) if as_json else echo_table(rows)


@command.command("disable")
@click.argument("name")
def disable(name: str) -> None:
    """Stop NAME logging in; their open sessions end at once."""
    store, log = _store_and_log()
    if store.get(name) is None:
        raise click.ClickException(f"no user {name!r}")
    log.append(operator(), "user.disable", [name])  # first: no change off the record
    try:
        user = store.disable(name)
    except UserProblem as problem:
        raise click.ClickException(str(problem)) from None
    click.echo(f"disabled {user.name}")


@command.command("demo")
def demo() -> None:
    """Create (or give new passwords to) one demo user per role, and print the passwords.

    The passwords are random and shown only this once; run the command again for new ones.
    For trying the dashboard on synthetic data only."""
    store, log = _store_and_log()
    rows = []
    for name, role in DEMO_USERS.items():
        password = secrets.token_urlsafe(15)
        existing = store.get(name)
        if existing is not None and (existing.role != role or not existing.active):
            raise click.ClickException(
                f"{name!r} exists with role {existing.role} (active: {existing.active}); "
                "it is not a demo user any more, so it is left alone"
            )
        log.append(operator(), "user.demo", [name], detail=f"role {role}")  # first: no change off the record
        if existing is None:
            store.add(name, role, password)
        else:
            store.set_password(name, password)
        rows.append({"user": name, "role": role, "password": password})
    echo_table(rows)
    click.echo("These passwords are shown only now. Demo users are for synthetic data only.")
