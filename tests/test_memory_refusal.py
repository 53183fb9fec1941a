"""Work the server refuses for want of transaction memory (a region's first network run at the
default heap, docs/scaling.md) is told apart from every other failure, behind whatever the
service raised around it, and `networks detect` and `ingest` then say that nothing was written
and how to give Neo4j the memory it needs."""

from __future__ import annotations

import pytest
from neo4j.exceptions import Neo4jError

from graph_service.cli.networks import _explain_refusal
from graph_service.db.access import memory_refusal

#: More than the test server's transaction memory (70% of its 1 GB heap) can hold in one list.
TOO_MUCH = "UNWIND range(1, 200000000) AS i RETURN size(collect(i)) AS n"


@pytest.fixture
def refusal(db) -> Neo4jError:
    # Sent as one auto-commit statement: a managed transaction would be retried for 30 s.
    with db.session() as session, pytest.raises(Neo4jError) as refused:
        session.run(TOO_MUCH).consume()
    return refused.value


def test_the_servers_refusal_is_found_itself_and_behind_a_failed_transaction(refusal):
    assert "MemoryPoolOutOfMemoryError" in refusal.code
    assert memory_refusal(refusal) is refusal
    try:
        try:
            raise refusal
        except Neo4jError as cause:  # as a transaction shared by two threads reports it
            raise RuntimeError("Transaction failed") from cause
    except RuntimeError as wrapped:
        assert memory_refusal(wrapped) is refusal


def test_other_failures_are_not_taken_for_a_refusal(db):
    with db.session() as session, pytest.raises(Neo4jError) as broken:
        session.run("RETURN 1 +").consume()
    assert memory_refusal(broken.value) is None
    assert memory_refusal(ValueError("no database here")) is None


def test_networks_detect_explains_a_refusal_and_exits_1(refusal, capsys):
    _explain_refusal(ValueError("not the database"))  # any other failure is left to the caller
    assert capsys.readouterr().err == ""
    try:
        raise RuntimeError("Transaction failed") from refusal
    except RuntimeError as wrapped:
        with pytest.raises(SystemExit) as exited:
            _explain_refusal(wrapped)
    assert exited.value.code == 1
    said = capsys.readouterr().err
    assert "MemoryPoolOutOfMemoryError" in said and "nothing of this run was written" in said
    assert "NEO4J_HEAP" in said


def test_ingest_explains_a_refusal_with_the_servers_own_words_and_exits_1(refusal, capsys):
    from graph_service.cli.ingest import _database_refused

    with pytest.raises(SystemExit) as exited:
        _database_refused(refusal)
    assert exited.value.code == 1
    said = capsys.readouterr().err
    assert f"({refusal.code})" in said and "nothing from this ingest was written" in said
    assert "GRAPH_SERVICE_PUBLISH_BATCH" in said and "NEO4J_HEAP" in said


def test_ingest_gives_no_memory_hint_for_another_refusal(db, capsys):
    from graph_service.cli.ingest import _database_refused

    with db.session() as session, pytest.raises(Neo4jError) as broken:
        session.run("RETURN 1 +").consume()
    with pytest.raises(SystemExit):
        _database_refused(broken.value)
    said = capsys.readouterr().err
    assert "nothing from this ingest was written" in said and "NEO4J_HEAP" not in said
