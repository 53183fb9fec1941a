"""Analysis over the intelligence graph: networks, hotspots, candidates, disruption.

Each module holds pure functions over plain records or graphs, plus a thin function that
fetches its facts from Neo4j through :mod:`graph_service.db`.
"""
