"""The dashboard served from several worker processes, under gunicorn.

One Python process answers one request's Python at a time (the interpreter lock), so the
dashboard under 50 analysts was bound by one core however many threads served it
(docs/scaling.md). gunicorn's arbiter starts ``workers`` processes that take connections
from one listening socket, each with ``threads`` threads; the arbiter restarts a worker
that dies.

Each worker builds its own app (:func:`graph_service.web.create_app`) after it has been
forked: a Neo4j driver's connections and the warm-up's background thread do not survive a
fork, so nothing is built in the arbiter. What a user needs to be the same whichever
worker answers is already kept outside the process: the session key and the sessions (the
state folder's ``security/``, so a login and its CSRF token are valid everywhere), the
failed-login counts (:mod:`graph_service.security.login_limits`) and the audit log
(appended under a file lock). What each worker keeps for itself is what it has worked out
to answer faster: the warm-up's pages and the network pages; the hot spot layers, the partners'
network summaries and the kept results, which take minutes at a region's size, are worked out
by one worker for all and read by the others (:mod:`graph_service.web.shared_results`).
"""

from __future__ import annotations

import logging
import secrets
import shutil

from gunicorn.app.base import BaseApplication

from graph_service.settings import Settings
from graph_service.web import shared_results

#: Seconds a worker may go without a sign of life before the arbiter restarts it. Requests
#: run in the worker's threads, so a slow page does not count against it (gthread workers).
WORKER_TIMEOUT = 120
#: Seconds given to requests under way when the server is asked to stop.
GRACEFUL_TIMEOUT = 30
#: Seconds an idle connection is kept for the client's next request. gunicorn's default, 2 s,
#: let a busy worker close a connection just as its client sent the next request on it (one
#: error in 4,106 requests of the 50-client benchmark); browsers and a TLS proxy in front keep
#: theirs open longer.
KEEPALIVE = 30


class Dashboard(BaseApplication):
    """The dashboard as a gunicorn application: ``Dashboard(settings, host, port, workers,
    threads).run()`` serves until stopped (SIGTERM or Ctrl+C)."""

    def __init__(self, settings: Settings, host: str, port: int, workers: int, threads: int, warm: bool = True):
        self.settings = settings
        self.options = {
            "bind": f"{host}:{port}",
            "workers": workers,
            "worker_class": "gthread",
            "threads": threads,
            "timeout": WORKER_TIMEOUT,
            "graceful_timeout": GRACEFUL_TIMEOUT,
            "keepalive": KEEPALIVE,
            "preload_app": False,  # each worker builds its app after the fork (see the module)
            "accesslog": None,  # the app logs each request itself, without paths (web/__init__.py)
            "errorlog": "-",
            "proc_name": "graph-service",
            # gunicorn's control socket (workers added, removed or reloaded through `gunicornc`)
            # is not used here, and by default sits in the user's home folder, where a second
            # dashboard of the same user would take it over: none.
            "control_socket_disable": True,
        }
        self.warm = warm
        # The slow answers (hot spot layers, kept results) are worked out once for all workers,
        # in a folder and under a signing key of this server's own, made before the fork.
        self.shared_folder = shared_results.server_folder(settings.home)
        self.shared_secret = secrets.token_bytes(32)
        self.options["on_exit"] = self._remove_shared_folder
        super().__init__()

    def _remove_shared_folder(self, server) -> None:
        shutil.rmtree(self.shared_folder, ignore_errors=True)

    def load_config(self) -> None:
        for name, value in self.options.items():
            self.cfg.set(name, value)

    def load(self):
        """Called in each worker: its own app, and its own warm-up in the background."""
        from graph_service.web import create_app, warm_up

        app = create_app(self.settings)
        shared_results.share(app, self.shared_folder, self.shared_secret)
        if self.warm:
            warm_up.warm_up(app)
            warm_up.watch(app)
        logging.getLogger(__name__).info("worker ready")
        return app
