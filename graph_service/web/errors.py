"""Errors answered in the form the client asked for: JSON under ``/api/``, a page elsewhere.
Messages name the problem without echoing request data back."""

from __future__ import annotations

from flask import jsonify, render_template
from flask_wtf.csrf import CSRFError
from neo4j.exceptions import ServiceUnavailable, SessionExpired
from werkzeug.exceptions import HTTPException

from graph_service.db import StoreBeingPublished
from graph_service.db.runtime import RuntimeProblem
from graph_service.web.auth import wants_json

TITLES = {
    400: "Bad request",
    401: "Login required",
    403: "Not available to your role",
    404: "Not found",
    405: "Method not allowed",
    413: "Request too large",
    429: "Too many attempts",
    500: "Something went wrong",
    503: "Not available just now",
}

EXPLANATIONS = {
    403: "Your role does not give access to this. Partners see hotspot layers, aggregates and "
         "pseudonymised network summaries; administrators see users and the audit log.",
    429: "Too many failed logins in the last minute. Wait a minute before trying again.",
}


def _answer(code: int, description: str | None, headers: dict | None = None, reload_after: int | None = None):
    """The error as JSON or a page; ``reload_after``: seconds after which the page asks for
    itself again (for a wait that ends by itself, so that a page left open comes back)."""
    title = TITLES.get(code, "Error")
    message = EXPLANATIONS.get(code) or description or title
    headers = {**(headers or {}), **({"Retry-After": "60"} if code in (429, 503) else {})}
    if wants_json():
        return jsonify({"error": title.lower(), "status": code, "message": message}), code, headers
    return (render_template("error.html", code=code, title=title, message=message, reload_after=reload_after),
            code, headers)


def init_app(app) -> None:
    @app.errorhandler(CSRFError)
    def _csrf(error: CSRFError):
        return _answer(400, f"The form could not be accepted ({error.description}). Reload the page and try again.")

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException):
        description = error.description if error.code in (400, 503) else None
        # Keep what the protocol requires of an error, e.g. Allow on 405.
        kept = {k: v for k, v in error.get_headers() if k.lower() == "allow"}
        return _answer(error.code or 500, description, kept)

    @app.errorhandler(ServiceUnavailable)
    @app.errorhandler(SessionExpired)
    @app.errorhandler(RuntimeProblem)
    def _database_down(error: Exception):
        app.logger.error("graph database not reachable: %s", type(error).__name__)
        return _answer(503, "The graph database is not reachable just now. Try again in a minute; "
                            "if it persists, tell the service's administrator.")

    @app.errorhandler(StoreBeingPublished)
    def _being_published(error: StoreBeingPublished):
        # Refused rather than shown half: an ingest too large for one transaction is being
        # published in batches, or a store's first network run written in batches (docs/scaling.md),
        # and until its last batch the store holds part of it.
        app.logger.warning("read refused: %s", error)
        if error.network_run:
            return _answer(503, "The networks found in the intelligence are being stored just now, and until they "
                                "are complete they would be shown in part. Try again in a minute or two.",
                           reload_after=60)
        return _answer(503, "New intelligence is being loaded just now, and until it is complete the records "
                            "would be shown in part. Try again in a minute or two.", reload_after=60)

    @app.errorhandler(Exception)
    def _unexpected(error: Exception):
        app.logger.exception("unhandled error")  # the traceback names no request data
        return _answer(500, "The error has been logged.")
