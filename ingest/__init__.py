"""Ingest: the intake format (docs/intake-format.md v1) into the graph (docs/graph-model.md).

An example (it needs a database, so it is not a doctest; ``tests/test_ingest_*.py`` run
ingests against a real one)::

    from ingest import ingest_paths, IngestRejected
    report = ingest_paths(db, [Path("exports/")])

Modules, in the order a record meets them:

- :mod:`ingest.readers`: JSON Lines and ``<type>.csv`` files into raw records;
- :mod:`ingest.records`: one pydantic model per record type (fields, enumerations, rules), on
  the base in :mod:`ingest.record`; phones, online accounts and contacts in
  :mod:`ingest.communications`;
- :mod:`ingest.checks`: the same key twice, references to other records;
- :mod:`ingest.writer`: batched ``MERGE`` into Neo4j, direct relationships and provenance;
- :mod:`ingest.run`: one ingest start to finish, all or nothing, and its report;
- :mod:`ingest.resolution`: possible duplicate people, listed for a person to decide.
"""

from ingest.rejects import IngestRejected, Reject
from ingest.run import IngestReport, ingest_paths

__all__ = ["ingest_paths", "IngestRejected", "IngestReport", "Reject"]
