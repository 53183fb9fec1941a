"""Database access: the managed local Neo4j, named Cypher statements, and connections."""

from graph_service.db.access import Database, StoreBeingPublished, Transaction, connect, connection
from graph_service.db.runtime import ManagedNeo4j, RuntimeProblem, Status

__all__ = ["Database", "StoreBeingPublished", "Transaction", "connect", "connection", "ManagedNeo4j", "RuntimeProblem", "Status"]
