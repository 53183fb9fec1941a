"""The Flask dashboard: an application factory and its blueprints.

=================  ==============================================================
module             what it serves
=================  ==============================================================
``health``         ``/healthz`` (open, nothing personal)
``auth``           ``/login``, ``/logout``; ``roles_required`` and ``audit``
``home``           ``/``: counts, recent intelligence and missing episodes, actions
``search``         ``/search``
``people``         ``/people/<id>`` and its map
``vehicles``       ``/vehicles/<vrm>``
``locations``      ``/locations/<id>``
``networks``       ``/networks``, ``/networks/<id>``
``hotspots``       ``/hotspots`` (the MACSE view), its map, print view and export; the controls
                   (``hotspots_choice``), the computed layers (``hotspots_layers``) and
                   what is shown of them (``hotspots_output``) in modules of their own
``candidates``     ``/candidates``: abduction-notice candidates to review (disruption leads)
``disruption``     ``/disruption``: disruption plans and the action list (disruption leads)
``admin``          ``/admin/audit``, ``/admin/users``
``casework``       ``/concerns``, the person page's casework panel; ``/api/v1/concerns``
``alerts``         ``/alerts``: each user's inbox and watches; ``/api/v1/alerts``
``notices``        ``/notices``: abduction warning notices, their letters; ``/api/v1/notices``
``api``            ``/api/v1/...`` and its OpenAPI document
``workspace``      ``/paths`` and ``/api/v1/paths``: the investigation workspace
``chart_exports``  ``/networks/<n>/export.graphml|anx``, ``/people/<id>/export...``
``chart``          ``/chart`` and ``/api/v1/chart``: the link chart
=================  ==============================================================

``headers`` adds the security headers to every response; ``errors`` answers errors in
HTML or JSON; ``database`` holds the Neo4j connection; ``mapframes`` serves folium maps
(and the vendored Leaflet assets at ``/static/maps/``); ``queries`` turns Cypher rows into
what pages and the API show; ``display`` gives pages the ``when`` filter (a moment in UK time).
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta

from flask import Flask, g, request
from flask_wtf.csrf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

from graph_service import settings as service_settings
from graph_service.security.keys import session_secret
from graph_service.settings import Settings

request_log = logging.getLogger("graph_service.requests")

#: A session ends after this long without a request...
SESSION_IDLE_TIMEOUT = timedelta(minutes=30)
#: ... and this long after login, however busy (a working day and a bit).
SESSION_ABSOLUTE_LIFETIME = timedelta(hours=10)


def create_app(settings: Settings | None = None) -> Flask:
    """Build the dashboard for ``settings`` (default: from the environment)."""
    app = Flask(__name__)
    settings = settings or service_settings.load()
    app.config.update(
        SETTINGS=settings,
        SECRET_KEY=session_secret(settings),
        SESSION_COOKIE_NAME="graph_service_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=False,  # set per request when it came over TLS (headers.py)
        PERMANENT_SESSION_LIFETIME=SESSION_IDLE_TIMEOUT,
        SESSION_ABSOLUTE_LIFETIME=SESSION_ABSOLUTE_LIFETIME,
        SESSION_REFRESH_EACH_REQUEST=True,
        WTF_CSRF_TIME_LIMIT=None,  # the token lives as long as the session, which expires itself
        MAX_CONTENT_LENGTH=64 * 1024,
    )
    # Behind a TLS-terminating proxy, X-Forwarded-Proto tells Flask the request was HTTPS so
    # the session cookie gets its Secure flag. The client's address is taken from
    # X-Forwarded-For only as far as the configured proxies vouch for it: sessions are bound
    # to it and failed logins counted by it, so a forged header must not move either.
    app.json.sort_keys = False  # answers keep the order the code builds them in
    app.wsgi_app = ProxyFix(app.wsgi_app, x_for=settings.trusted_proxies, x_proto=1, x_host=0, x_port=0,
                            x_prefix=0)

    from graph_service.web import (
        admin,
        alerts,
        api,
        areas,
        auth,
        candidates,
        casework,
        chart,
        chart_exports,
        cross_border,
        database,
        display,
        disruption,
        errors,
        headers,
        health,
        home,
        hotspots,
        investigations,
        locations,
        mapframes,
        networks,
        notices,
        people,
        review,
        search,
        timeline,
        vehicles,
        workspace,
    )

    database.init_app(app)
    headers.init_app(app)
    CSRFProtect(app)
    auth.init_app(app)
    errors.init_app(app)
    for module in (health, home, search, people, vehicles, locations, networks, hotspots, candidates, disruption,
                   admin, api, casework, alerts, notices, workspace, chart_exports, chart, investigations, areas,
                   review, cross_border, timeline):
        app.register_blueprint(module.blueprint)
    app.register_blueprint(alerts.api)
    app.register_blueprint(casework.api)
    app.register_blueprint(notices.api)
    mapframes.init_app(app)
    display.init_app(app)
    _template_globals(app)
    add_nav_item(app, "Paths", "/paths", "analyst")
    add_nav_item(app, "Investigations", "/investigations", "analyst")
    add_nav_item(app, "Candidates", "/candidates", "disruption_lead")
    add_nav_item(app, "Notices", "/notices", "disruption_lead")
    add_nav_item(app, "Disruption", "/disruption", "disruption_lead")
    add_nav_item(app, "Concerns", "/concerns", "analyst")
    add_nav_item(app, "Alerts", "/alerts", "analyst")
    add_nav_item(app, "Areas", "/areas", "analyst")
    add_nav_item(app, "Review", "/review", "analyst")
    add_nav_item(app, "Areas", "/areas", "partner")
    _log_requests(app)
    return app


def _template_globals(app: Flask) -> None:
    from flask_login import current_user

    from graph_service.vocabulary import BASIS_NAMES
    from graph_service.web.queries import RECORDED

    app.extensions["dashboard_nav"] = []
    app.jinja_env.globals["RECORDED"] = RECORDED
    app.jinja_env.globals["BASIS_NAMES"] = BASIS_NAMES  # a notice's legal basis in words, on any page

    @app.context_processor
    def _nav():
        def extra_nav():
            """Menu entries other features add with :func:`add_nav_item`, for this user's role."""
            return [item for item in app.extensions["dashboard_nav"]
                    if current_user.is_authenticated and current_user.can(item["ability"])]

        return {"extra_nav": extra_nav}


def add_nav_item(app: Flask, label: str, url: str, ability: str) -> None:
    """Put a feature's page (candidate review, disruption plans...) in the menu for roles
    granting ``ability``."""
    app.extensions["dashboard_nav"].append({"label": label, "url": url, "ability": ability})


def _log_requests(app: Flask) -> None:
    """One line per request. The route pattern is logged, never the path or query string,
    which carry person IDs and search text; nor the user."""

    @app.before_request
    def _start_clock() -> None:
        g.request_started = time.perf_counter()

    @app.after_request
    def _log(response):
        route = request.url_rule.rule if request.url_rule else "(no route)"
        took = (time.perf_counter() - g.get("request_started", time.perf_counter())) * 1000
        request_log.info("%s %s %s %.0fms", request.method, route, response.status_code, took)
        return response
