"""The schema (constraints and indexes of ``cypher/schema.cypher``) is in place before anything
writes.

Without the uniqueness constraints a ``MERGE`` on a key is neither fast (every lookup is a
label scan: the medium scenario took over 11 minutes instead of 34 s) nor safe (two
transactions can each create the node). So the first write of a :class:`~graph_service.db.Database`
compares the names of the constraints and indexes the server holds with those the schema file
creates, and applies the file when any is missing, as ``graph-service db init`` does.

Applying it rather than refusing with "run db init first": every statement of the file is
idempotent (``IF NOT EXISTS``) and only adds, so running it for the user does nothing the
user would not be told to do, and a fresh store, a restored backup or a new external server
just works. The check is one ``SHOW INDEXES`` per connection; when the user may not create
schema (an external server with fine-grained roles), or the store holds duplicates that a
constraint cannot be created over, the write is refused with what to do.
"""

from __future__ import annotations

import logging
import re
import time

from neo4j.exceptions import Neo4jError

from graph_service.db import cypher
from graph_service.db.runtime import RuntimeProblem

log = logging.getLogger(__name__)

SCHEMA = "schema"
#: Times the schema is applied before giving up, when another process is applying it too.
ATTEMPTS = 4
_NAME = re.compile(r"^\s*CREATE\s+(?:CONSTRAINT|(?:\w+\s+)?INDEX)\s+(\w+)\s+IF\s+NOT\s+EXISTS", re.IGNORECASE)


def expected_names() -> frozenset[str]:
    """Names of the constraints and indexes that ``cypher/schema.cypher`` creates."""
    names = set()
    for statement in cypher.statements(SCHEMA):
        for line in statement.splitlines():
            found = _NAME.match(line)
            if found:
                names.add(found.group(1))
    return frozenset(names)


def present_names(db) -> set[str]:
    """Names of the indexes the database holds and of the constraints they back."""
    rows = db.read_housekeeping("db/schema_objects")  # also while a publish in batches is under way
    return {row["name"] for row in rows} | {row["constraint"] for row in rows if row["constraint"]}


def missing(db) -> list[str]:
    """The schema's constraints and indexes the database does not hold, by name."""
    return sorted(expected_names() - present_names(db))


def ensure(db) -> list[str]:
    """Apply the schema if any of it is missing; the names that were missing."""
    absent = missing(db)
    if not absent:
        return []
    for attempt in range(1, ATTEMPTS + 1):
        try:
            db.apply(SCHEMA)
            break
        except Neo4jError as problem:
            # Another process applying the schema at the same moment makes a statement fail
            # (the rule exists now, or the schema is locked): what counts is whether the whole
            # schema is in place once the other has finished, so try again.
            if attempt == ATTEMPTS or _final(problem):
                if missing(db):
                    raise _refused(absent, problem) from None
                break
            time.sleep(attempt)
    still = missing(db)
    if still:
        raise RuntimeProblem(f"the schema was applied but {', '.join(still)} is still missing",
                             "run `graph-service db init` and read what the server says")
    log.warning("the database lacked %d of the schema's constraints and indexes (%s); applied "
                "cypher/schema.cypher, as `graph-service db init` does", len(absent), _listed(absent))
    return absent


def _final(problem: Neo4jError) -> bool:
    """A refusal that trying again cannot change."""
    code = problem.code or ""
    return any(word in code for word in ("Forbidden", "Security", "ConstraintCreationFailed", "ConstraintValidation"))


def _listed(names: list[str]) -> str:
    return ", ".join(names) if len(names) <= 4 else f"{', '.join(names[:4])} and {len(names) - 4} more"


def _refused(absent: list[str], problem: Neo4jError) -> RuntimeProblem:
    code, message = problem.code or "", problem.message or str(problem)
    what = f"the database lacks {_listed(absent)} (constraints and indexes of cypher/schema.cypher)"
    if "Forbidden" in code or "Security" in code:
        return RuntimeProblem(
            f"{what}, and this user may not create them: {message}",
            "ask an administrator to run `graph-service db init` against this database, then run this again; "
            "nothing was written",
        )
    if "ConstraintCreationFailed" in code or "ConstraintValidation" in code:
        return RuntimeProblem(
            f"{what}, and a uniqueness constraint could not be created over the data already stored: {message}",
            "the store holds two nodes with one key (written while there were no constraints): "
            "keep one of each, then run `graph-service db init`; nothing was written",
        )
    return RuntimeProblem(f"{what}, and applying it failed ({code}): {message}",
                          "run `graph-service db init` and read what the server says; nothing was written")
