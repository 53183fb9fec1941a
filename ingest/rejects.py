"""Rejected records: where they are, which field, and why, in words a user can act on."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Reject:
    """One problem with one record (or with a whole file, when ``line`` is None).

    >>> str(Reject("person.csv", 12, "dob", "'2010-13-01' is not a date (YYYY-MM-DD)"))
    "person.csv:12: dob: '2010-13-01' is not a date (YYYY-MM-DD)"
    """

    file: str
    line: int | None
    field: str | None
    reason: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.field}: {self.reason}" if self.field else f"{where}: {self.reason}"


def rejected_records(rejects: list[Reject]) -> int:
    """How many records (or unreadable files) the problems concern: one record may have several."""
    return len({(r.file, r.line) for r in rejects})


class IngestRejected(Exception):
    """Records were rejected, so nothing from this ingest was written."""

    def __init__(self, rejects: list[Reject]):
        self.rejects = list(rejects)
        count = rejected_records(self.rejects)
        shown = "\n".join(str(r) for r in self.rejects[:20])
        more = f"\n... and {len(self.rejects) - 20} more problems" if len(self.rejects) > 20 else ""
        super().__init__(
            f"{count} record{'s' if count != 1 else ''} rejected; nothing was written:\n{shown}{more}"
        )


def write_rejects(path, rejects: list[Reject]) -> None:
    """The rejects file of ``--rejects FILE``: one problem a line, as the command prints them."""
    with open(path, "w", encoding="utf-8") as out:
        for reject in rejects:
            out.write(f"{reject}\n")
