"""``/healthz`` for load balancers: open (no login), and nothing personal in it."""

from __future__ import annotations

from flask import Blueprint, jsonify

from graph_service import __version__
from graph_service.web.database import get_db

blueprint = Blueprint("health", __name__)


def neo4j_reachable() -> bool:
    try:
        return get_db().ping()
    except Exception:  # any failure to answer means "not reachable" to a health check
        return False


@blueprint.get("/healthz")
def healthz():
    reachable = neo4j_reachable()
    body = {"service": "ok", "version": __version__, "neo4j": {"reachable": reachable}}
    return jsonify(body), 200 if reachable else 503
