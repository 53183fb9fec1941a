"""A store's first network run with more rows than one transaction holds (a region's, at a 4
or an 8 GB heap): written in batches behind the readers' guard, stored exactly as one
transaction stores it, and removed whole, the guard lowered, when it is killed
(docs/scaling.md, "A region's first network run").

``publish_batch`` is set small here so that the small scenario's few hundred rows take the
path a region's millions take; the kill test runs the command line with
``GRAPH_SERVICE_PUBLISH_BATCH``.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import date, timedelta

import pytest
from ingest_files import snapshot

from graph_service.analysis.networks import run_networks
from graph_service.db import StoreBeingPublished
from graph_service.db.access import NETWORK_RUN_MARKER
from graph_service.db.unfinished import discard_network_run
from ingest import ingest_paths
from ingest.scenario import generate

TIES = ("MATCH (a:Person)-[t:TIED_TO]->(b:Person) "
        "RETURN a.person_id AS a, b.person_id AS b, properties(t) AS tie ORDER BY a, b")
MEMBERS = ("MATCH (p:Person)-[m:MEMBER_OF]->(n:Network) RETURN p.person_id AS person, p.network_id AS copy, "
           "n.network_id AS network, properties(m) AS membership ORDER BY person, network")
NETWORKS = ("MATCH (n:Network)-[:FOUND_BY]->(r:NetworkRun) RETURN n.network_id AS network, n.size AS size, "
            "n.children AS children, n.concern_rank AS rank, n.concern_score AS score, n.concern_reasons AS reasons, "
            "n.active AS active, r.people AS people, r.ties AS ties, r.networks AS networks ORDER BY network")


@pytest.fixture(scope="module")
def scenario(tmp_path_factory):
    out = generate(seed=7, size="small", out=tmp_path_factory.mktemp("scenario") / "small")
    return out, date.fromisoformat(json.loads((out / "ground_truth.json").read_text())["as_of"])


def stored_networks(db) -> tuple[list, list, list]:
    return db.read_text(TIES), db.read_text(MEMBERS), db.read_text(NETWORKS)


def generation(db) -> int:
    return db.read_housekeeping("db/publish_state")[0]["generation"]


def test_a_first_run_in_batches_stores_what_one_transaction_stores(db, scenario):
    folder, as_of = scenario
    ingest_paths(db, [folder])
    one = run_networks(db, as_of=as_of)
    in_one = stored_networks(db)
    assert in_one[0] and in_one[1] and in_one[2]
    discard_network_run(db, NETWORK_RUN_MARKER + one.run_id)  # the store without networks again
    assert stored_networks(db) == ([], [], [])
    before = generation(db)
    batched = run_networks(db, as_of=as_of, publish_batch=50)
    assert stored_networks(db) == in_one
    assert generation(db) == before + 2  # the guard was raised, and lowered after the last batch
    assert db.publishing() is None
    assert batched.written == one.written
    # A later run writes only what changed, in one transaction as ever: the guard stays down.
    later = run_networks(db, as_of=as_of + timedelta(days=30), publish_batch=50)
    assert generation(db) == before + 2
    assert later.written["ties_kept"] > 0  # compared with the stored rows, not written again


def test_a_first_run_killed_while_written_in_batches_is_removed_at_the_next_start(db, scenario, cli):
    folder, as_of = scenario
    ingest_paths(db, [folder])
    before = snapshot(db)
    process = subprocess.Popen(
        [sys.executable, "-m", "graph_service.cli", "networks", "detect", "--as-of", as_of.isoformat()],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, "GRAPH_SERVICE_PUBLISH_BATCH": "1"})
    deadline = time.monotonic() + 300
    while not _wrote_some(db):
        assert process.poll() is None, f"the run ended before it could be killed: {process.stderr.read()[-500:]}"
        assert time.monotonic() < deadline, "the run never wrote a batch"
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    # Part of the run is stored: readers would see part of it, so they are refused, told why.
    with pytest.raises(StoreBeingPublished) as refused:
        db.read_text("MATCH (n:Network) RETURN count(n) AS n")
    assert refused.value.network_run and "networks found in the intelligence are being stored" in str(refused.value)
    started = cli("neo4j", "start")
    assert started.returncode == 0, started.stderr
    assert "Unfinished network run: removed what the unfinished network run" in started.stdout
    assert "the store is as it was before" in started.stdout
    assert db.publishing() is None
    assert snapshot(db) == before  # no tie, membership, network or run of the killed one
    assert db.read_text("MATCH (n:Network) RETURN count(n) AS n") == [{"n": 0}]


def _wrote_some(db) -> bool:
    publishing = db.read_housekeeping("db/publish_state")[0]["publishing"]
    if not (publishing or "").startswith(NETWORK_RUN_MARKER):
        return False
    with db.session() as session:  # past the guard, as only a test may: has a batch of ties committed?
        return session.run("MATCH ()-[t:TIED_TO]->() RETURN count(t) > 0 AS some").single()["some"]
