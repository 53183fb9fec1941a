"""The Flask dashboard: an application factory and its blueprints."""

from __future__ import annotations

import logging
import time

from flask import Flask, g, request

from graph_service import settings as service_settings
from graph_service.settings import Settings

request_log = logging.getLogger("graph_service.requests")


def create_app(settings: Settings | None = None) -> Flask:
    """Build the dashboard for ``settings`` (default: from the environment)."""
    app = Flask(__name__)
    app.config["SETTINGS"] = settings or service_settings.load()

    from graph_service.web import database, health

    database.init_app(app)
    app.register_blueprint(health.blueprint)
    _log_requests(app)
    return app


def _log_requests(app: Flask) -> None:
    """One line per request. The route pattern is logged, never the path or query string,
    which carry person IDs and search text."""

    @app.before_request
    def _start_clock() -> None:
        g.request_started = time.perf_counter()

    @app.after_request
    def _log(response):
        route = request.url_rule.rule if request.url_rule else "(no route)"
        took = (time.perf_counter() - g.get("request_started", time.perf_counter())) * 1000
        request_log.info("%s %s %s %.0fms", request.method, route, response.status_code, took)
        return response
