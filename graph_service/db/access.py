"""The one database access layer: a driver, sessions, and named statements.

Everything that talks to Neo4j goes through :class:`Database`. Statements come from
``cypher/`` by name (see :mod:`graph_service.db.cypher`) and values always travel as
parameters.

An example (it needs a running server, so it is not a doctest;
``tests/test_query_and_schema.py`` makes the same calls against a real one)::

    db = connect(settings.load())
    db.read("server/ping")          # [{'ok': 1}]
"""

from __future__ import annotations

import logging
import threading
from contextlib import contextmanager
from typing import Any, Callable, Iterator

from neo4j import READ_ACCESS, WRITE_ACCESS, Driver, GraphDatabase, ManagedTransaction
from neo4j.exceptions import Neo4jError

from graph_service.db import cypher, schema
from graph_service.db.runtime import ManagedNeo4j, RuntimeProblem
from graph_service.settings import Settings

log = logging.getLogger(__name__)

#: Seconds a transaction waits for a write lock before saying that it is waiting.
LOCK_NOTICE_AFTER = 2.0
#: How many times a read is tried when a publish in batches began (or ended) while it ran.
READ_ATTEMPTS = 3


#: How the store's guard names a network run written in batches (an ingest is named by its ID).
NETWORK_RUN_MARKER = "network-run:"


class StoreBeingPublished(RuntimeError):
    """A read was refused because an ingest too large for one transaction is being published
    in batches, or a store's first network run too large for one is being written in batches:
    until its last batch commits, the store holds part of it (docs/scaling.md). Readers are
    served again within a minute or two; one that did not finish (a killed command) is removed
    by the next ingest or start (:mod:`graph_service.db.unfinished`)."""

    def __init__(self, ingest_id: str | None):
        self.ingest_id = ingest_id
        self.network_run = bool(ingest_id) and ingest_id.startswith(NETWORK_RUN_MARKER)
        if self.network_run:
            message = ("the networks found in the intelligence are being stored: they are not complete until it "
                       f"ends (network run {ingest_id[len(NETWORK_RUN_MARKER):]})")
        elif ingest_id:
            message = f"an ingest is being published: the records are not complete until it ends (ingest {ingest_id})"
        else:
            message = "the records changed during every attempt to read them"
        super().__init__(message)


def memory_refusal(problem: BaseException | None) -> Neo4jError | None:
    """The server's refusal for want of transaction memory behind ``problem``, or None: the
    driver's error itself, or the cause of what the service raised around it (a transaction
    used by several threads fails as a whole, naming the refusal as its cause). A refused
    transaction wrote nothing; the remedy is more memory for Neo4j (``NEO4J_HEAP``) or less
    work a transaction (docs/scaling.md)."""
    seen = set()
    while problem is not None and id(problem) not in seen:
        seen.add(id(problem))
        if isinstance(problem, Neo4jError) and "MemoryPoolOutOfMemoryError" in (problem.code or ""):
            return problem
        problem = problem.__cause__ or problem.__context__
    return None


class Database:
    """A connection to the service's Neo4j database."""

    def __init__(self, driver: Driver, database: str | None = None):
        self.driver = driver
        self.database = database
        self._schema_checked = False
        self._schema_lock = threading.Lock()
        self._generation: int | None = None  # the last the guard saw with no publish under way

    def close(self) -> None:
        self.driver.close()

    def __enter__(self) -> "Database":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def session(self, write: bool = False) -> Iterator:
        with self.driver.session(
            database=self.database, default_access_mode=WRITE_ACCESS if write else READ_ACCESS
        ) as session:
            yield session

    def ping(self) -> bool:
        """True when the server answers Cypher now (no retries: for health checks)."""
        with self.session() as session:
            return session.run(cypher.statement("server/ping")).single()["ok"] == 1

    def ensure_schema(self) -> list[str]:
        """Make sure the constraints and indexes of ``cypher/schema.cypher`` are in place
        (see :mod:`graph_service.db.schema`), once per connection: every write method calls
        it before it writes. The names that were missing and have been applied."""
        with self._schema_lock:
            if self._schema_checked:
                return []
            applied = schema.ensure(self)
            self._schema_checked = True
            return applied

    # -- named statements --------------------------------------------------------------
    def read(self, name: str, **params: Any) -> list[dict]:
        """Rows of the named read statement, in a read-only transaction."""
        return self.read_text(cypher.statement(name), params)

    def read_packed(self, name: str, **params: Any) -> list[dict]:
        """Rows of a named read statement that returns them all in one record, as ``columns``
        (their names) and ``items`` (a list per row): for results of a hundred thousand rows,
        which the driver takes many times faster as one record than as as many records."""
        text = cypher.statement(name)

        return self._read(lambda tx: _unpacked(tx.run(text, params)))

    def write(self, name: str, **params: Any) -> dict[str, int]:
        """Run the named write statement in its own transaction; the counters it changed."""
        text = cypher.statement(name)

        def work(tx: ManagedTransaction) -> dict[str, int]:
            return _counters(tx.run(text, params).consume())

        self.ensure_schema()
        with self.session(write=True) as session:
            return session.execute_write(work)

    def apply(self, name: str) -> int:
        """Run every statement of a multi-statement file (the schema), each in its own
        auto-commit transaction as schema commands require; how many ran."""
        parts = cypher.statements(name)
        with self.session(write=True) as session:
            for text in parts:
                session.run(text).consume()
        return len(parts)

    @contextmanager
    def transaction(self, lock: str | None = None) -> Iterator["Transaction"]:
        """One write transaction for many named statements: all of it commits, or none.

        ``lock``: a name (``"ingest"``); transactions that give the same name run one after
        the other, the later waiting for the earlier to commit or roll back. The lock is a
        ``WriteLock`` node with a unique name, created first thing in the transaction and
        deleted last: the server's own uniqueness locking makes a second transaction wait on
        it, on the managed server and an external one alike, and it is never seen outside.
        """
        self.ensure_schema()
        with self.session(write=True) as session:
            with session.begin_transaction() as tx:
                if lock is not None:
                    _take_lock(tx, lock)
                yield Transaction(tx)
                if lock is not None:
                    tx.run(cypher.statement("db/release_lock"), name=lock).consume()
                tx.commit()

    @contextmanager
    def lock(self, name: str) -> Iterator[None]:
        """Hold the write lock ``name`` (see :meth:`transaction`) across many transactions:
        for work written in several commits (an ingest staged in batches, docs/scaling.md).

        The lock is taken in a transaction of its own that writes nothing else and is rolled
        back at the end, so it is released however the work ends; a process killed while
        holding it drops its connection, and the server rolls the transaction back then too.
        Transactions of this process that take the same lock would wait for it forever: the
        work inside writes with :meth:`write_batch` and :meth:`transaction` without ``lock``.
        """
        self.ensure_schema()
        with self.session(write=True) as session:
            tx = session.begin_transaction()
            try:
                _take_lock(tx, name)
                yield
            finally:
                tx.rollback()

    def lock_is_free(self, name: str, wait: float) -> bool:
        """Whether the write lock ``name`` could be taken within ``wait`` seconds; it is not
        kept. For work that must not wait behind a running ingest, or should not run during
        one: a start removing what a killed ingest left (:mod:`graph_service.db.unfinished`).

        The server ends a transaction that outlives its timeout, waiting on a lock or not, so
        the timeout is given only to this probe, never to a transaction that holds the lock."""
        self.ensure_schema()
        with self.session(write=True) as session:
            try:
                with session.begin_transaction(timeout=wait) as tx:
                    tx.run(cypher.statement("db/take_lock"), name=name).consume()
                    tx.rollback()
            except Neo4jError as problem:
                # Ended while waiting for the lock (LockClientStopped) or just after it.
                if any(word in (problem.code or "") for word in ("LockClientStopped", "TransactionTimedOut")):
                    return False
                raise
        return True

    def write_batch(self, name: str, **params: Any) -> list[dict]:
        """Rows of a named write statement in one transaction of its own (a staged batch)."""
        text = cypher.statement(name)
        self.ensure_schema()
        with self.session(write=True) as session:
            with session.begin_transaction() as tx:
                rows = [record.data() for record in tx.run(text, params)]
                tx.commit()
        return rows

    def run_auto_commit(self, name: str, **params: Any) -> list[dict]:
        """Rows of a named statement that commits as it goes (``CALL { ... } IN TRANSACTIONS``
        needs an auto-commit transaction): for clearing large amounts in batches."""
        with self.session(write=True) as session:
            return [record.data() for record in session.run(cypher.statement(name), params)]

    # -- an analyst's own Cypher (the `query` command only) ----------------------------
    def read_text(self, text: str, params: dict[str, Any] | None = None) -> list[dict]:
        """Rows of ``text`` in a read-only transaction: the server refuses any write."""

        return self._read(lambda tx: [record.data() for record in tx.run(text, params or {})])

    def _read(self, work: Callable[[ManagedTransaction], list[dict]]) -> list[dict]:
        """Rows of ``work`` in a read transaction that saw no part of a publish in batches.

        The guard is a sequence lock (``db/publish_state``): a publish in batches raises the
        store's generation before its first batch and again with its last write, and names
        itself meanwhile. Read after ``work``, in the same transaction, a generation that is
        the one seen last time with no publish under way means that no publish began since,
        so ``work`` saw the store whole (Neo4j reads what is committed when each statement
        runs, and every batch commits after the publish began). A publish under way refuses
        the read; a generation that moved runs it again, up to :data:`READ_ATTEMPTS` times.
        One one-row statement a read; the first read of a connection checks at its start too
        (docs/scaling.md, "A publish in batches").
        """
        guard = cypher.statement("db/publish_state")

        def guarded(tx: ManagedTransaction) -> tuple[list[dict], bool]:
            seen = self._generation
            if seen is None:
                seen = _unpublishing(tx.run(guard).single())
            rows = work(tx)
            now = _unpublishing(tx.run(guard).single())
            self._generation = now
            return rows, now == seen

        with self.session(write=False) as session:
            for _ in range(READ_ATTEMPTS):
                rows, whole = session.execute_read(guarded)
                if whole:
                    return rows
        raise StoreBeingPublished(self.publishing())

    def publishing(self) -> str | None:
        """The ID of the ingest being published in batches now (or left half published by a
        killed process), else None."""
        return self.read_housekeeping("db/publish_state")[0]["publishing"]

    def read_housekeeping(self, name: str, **params: Any) -> list[dict]:
        """Rows of a named statement about the store's own upkeep (the publish guard, unfinished
        ingests), read without the guard: the clean-up of a publish that did not finish reads
        them while the guard is raised. Never for records a user sees."""
        text = cypher.statement(name)
        with self.session(write=False) as session:
            return session.execute_read(lambda tx: [record.data() for record in tx.run(text, params)])

    def write_text(self, text: str, params: dict[str, Any] | None = None) -> list[dict]:
        def work(tx: ManagedTransaction) -> list[dict]:
            return [record.data() for record in tx.run(text, params or {})]

        self.ensure_schema()
        with self.session(write=True) as session:
            return session.execute_write(work)


class Transaction:
    """An open write transaction that runs named statements."""

    def __init__(self, tx):
        self.tx = tx

    def run(self, name: str, **params: Any) -> list[dict]:
        return [record.data() for record in self.tx.run(cypher.statement(name), params)]

    def read_packed(self, name: str, **params: Any) -> list[dict]:
        """Rows of a statement that returns them in one record, as :meth:`Database.read_packed`."""
        return _unpacked(self.tx.run(cypher.statement(name), params))

    def write(self, name: str, **params: Any) -> dict[str, int]:
        return _counters(self.tx.run(cypher.statement(name), params).consume())


def _unpublishing(state) -> int:
    """The generation of a ``db/publish_state`` row; refused while a publish is under way."""
    if state["publishing"] is not None:
        raise StoreBeingPublished(state["publishing"])
    return state["generation"]


def _unpacked(result) -> list[dict]:
    """The rows of a packed result (``columns`` and ``items``; no record when its rows were
    grouped away). The items are taken as the driver built them: ``Record.data()`` would
    copy every value of every row again, recursively (seconds on a force's evidence)."""
    rows = []
    for packed in result:
        columns = packed["columns"]
        rows += [dict(zip(columns, item, strict=True)) for item in packed["items"]]
    return rows


def _take_lock(tx, name: str) -> None:
    """Take the write lock ``name`` in ``tx``, saying so if that takes a while.

    The lock node is never committed, so no reader can tell whether another transaction
    holds it or the server is merely slow to answer (on a busy machine the first statement
    alone may take seconds): the notice says both."""
    notice = threading.Timer(LOCK_NOTICE_AFTER, log.warning, (
        "waiting for the %s write lock: another %s may be writing to this database, or the "
        "server is busy (nothing of this one is written until then; Ctrl-C gives up)", name, name))
    notice.daemon = True
    notice.start()
    try:
        tx.run(cypher.statement("db/take_lock"), name=name).consume()
    finally:
        notice.cancel()


def _counters(summary) -> dict[str, int]:
    counters = summary.counters
    return {
        name: getattr(counters, name)
        for name in ("nodes_created", "nodes_deleted", "relationships_created", "relationships_deleted",
                     "properties_set", "labels_added")
    }


def connection(settings: Settings) -> tuple[str, tuple[str, str]]:
    """URI and credentials for the configured server (external, or the managed one)."""
    if not settings.managed:
        if settings.neo4j_password is None:
            raise RuntimeProblem("NEO4J_URI is set but NEO4J_PASSWORD is not", "set NEO4J_PASSWORD")
        return settings.neo4j_uri, (settings.neo4j_user, settings.neo4j_password)
    server = ManagedNeo4j(settings)
    if server.uri is None:
        raise RuntimeProblem(
            f"no managed Neo4j has been started in {settings.home}", "run `graph-service neo4j start`"
        )
    return server.uri, ("neo4j", server.password)


def connect(settings: Settings, **driver_options: Any) -> Database:
    """A :class:`Database` for the configured server.

    Server notifications ("relationship type does not exist" on a graph without networks
    yet...) are off unless ``notifications_min_severity`` is given: the service's own
    statements are written for such graphs, and the driver would log each one with its
    query text.
    """
    uri, auth = connection(settings)
    driver_options.setdefault("notifications_min_severity", "OFF")
    return Database(GraphDatabase.driver(uri, auth=auth, **driver_options), settings.neo4j_database)
