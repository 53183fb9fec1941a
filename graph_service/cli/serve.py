"""``graph-service serve``: the dashboard under waitress, a production WSGI server."""

from __future__ import annotations

import logging

import click


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option("--threads", default=8, show_default=True, type=int, help="Worker threads.")
def command(host: str, port: int, threads: int) -> None:
    """Serve the dashboard."""
    import waitress

    from graph_service.web import create_app, warm_up

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    app = create_app()
    warm_up.warm_up(app)  # what the first visitors would wait for, worked out in the background
    click.echo(f"Serving the dashboard on http://{host}:{port}/ (Ctrl+C to stop)")
    waitress.serve(app, host=host, port=port, threads=threads, ident="graph-service")
