"""The command line's audit entries: who ran which command on personal data, with what.

Entries are written as the operating-system user who ran the command (``cli:NAME``), before
anything personal is printed or written to a file, and before any change is stored. While the
audit log fails its check, those commands refuse with one clear error instead.
"""

from __future__ import annotations

import getpass
from typing import Iterable

import click

from graph_service.security.audit import AuditLog, AuditLogBroken, Entry
from graph_service.settings import Settings


def operator() -> str:
    """Who ran the command, for the audit log."""
    return f"cli:{getpass.getuser()}"


class AuditRefused(click.ClickException):
    """The audit log fails its check, so the command shows and changes nothing."""

    def __init__(self, problem: AuditLogBroken):
        super().__init__(f"the audit log fails its check, so nothing personal is shown or changed: {problem}. "
                         "Run `graph-service audit verify` and tell whoever looks after the service.")


def require_intact(settings: Settings) -> AuditLog:
    """The audit log, if it passes its check; else the command stops here."""
    log = AuditLog.of(settings)
    try:
        log.check()
    except AuditLogBroken as problem:
        raise AuditRefused(problem) from None
    return log


def record(settings: Settings, action: str, ids: Iterable[str] = (), purpose: str | None = None,
           detail: str | None = None) -> Entry:
    """Write the command's entry (on disk when this returns), or stop the command."""
    try:
        return AuditLog.of(settings).append(operator(), action, list(dict.fromkeys(ids)), purpose, detail=detail)
    except AuditLogBroken as problem:
        raise AuditRefused(problem) from None


def parameters(**values) -> str:
    """A command's parameters for an entry's detail, those given only, in a stable order."""
    return " ".join(f"{name}={value}" for name, value in values.items() if value not in (None, False, "", ()))
