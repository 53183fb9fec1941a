"""The dashboard's connection to Neo4j: one driver per app, opened on first use."""

from __future__ import annotations

import threading

from flask import Flask, current_app

from graph_service.db import Database, connect

_lock = threading.Lock()


def init_app(app: Flask) -> None:
    app.extensions["graph_db"] = None


def get_db() -> Database:
    """The app's :class:`Database`, connecting on first use (Neo4j may start after the app).
    The driver is thread-safe and shared by every request."""
    app = current_app
    with _lock:
        if app.extensions.get("graph_db") is None:
            app.extensions["graph_db"] = connect(app.config["SETTINGS"], connection_timeout=5)
        return app.extensions["graph_db"]
