"""``graph-service serve``: the dashboard from several worker processes under gunicorn."""

from __future__ import annotations

import logging

import click

from graph_service import settings as service_settings


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option("--workers", type=click.IntRange(1, service_settings.MAX_WORKERS),
              help="Processes answering requests (default: GRAPH_SERVICE_WORKERS, else the machine's cores).")
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 64), help="Threads per process.")
def command(host: str, port: int, workers: int | None, threads: int) -> None:
    """Serve the dashboard."""
    from neo4j.exceptions import DriverError

    from graph_service.cli.neo4j import clean_up_unfinished_ingest
    from graph_service.db.runtime import RuntimeProblem
    from graph_service.web.processes import Dashboard

    logging.basicConfig(level=logging.INFO, format="%(asctime)s [%(process)d] %(name)s %(message)s")
    settings = service_settings.load()
    workers = workers or settings.dashboard_workers
    try:
        clean_up_unfinished_ingest(settings)  # before any worker starts (its connection is closed again)
    except (RuntimeProblem, DriverError, OSError) as problem:  # no database yet: the pages will say so
        logging.getLogger(__name__).warning("could not check for an unfinished ingest: %s", problem)
    click.echo(f"Serving the dashboard on http://{host}:{port}/ from {workers} process{'es' if workers > 1 else ''} "
               f"of {threads} threads (Ctrl+C to stop)")
    Dashboard(settings, host, port, workers, threads).run()
