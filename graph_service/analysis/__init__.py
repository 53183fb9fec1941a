"""Analysis over the intelligence graph: networks, hotspots, candidates, disruption.

Each feature is split into one module per step, as the networks are (``networks.py`` names the
steps; ``candidates/`` and ``disruption/`` are packages): the facts fetched from Neo4j through
:mod:`graph_service.db`, the rules as pure functions over plain records or graphs (testable
without a database), and what is stored. Nothing here renders: pages are :mod:`graph_service.web`,
printed packs :mod:`graph_service.reports`, maps ``maps``.
"""
