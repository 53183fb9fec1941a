"""``/search``: people by name, alias or ID; vehicles by registration; places by name,
address or postcode. Analysts only; every search is audited with its text and results."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request

from graph_service.web import queries
from graph_service.web.auth import audit, roles_required
from graph_service.web.database import get_db

blueprint = Blueprint("search", __name__)

MIN_LENGTH, MAX_LENGTH = 2, 100


def search_text() -> str | None:
    """The ``q`` parameter, None when absent or empty; 400 unless 2 to 100 characters (the
    rule the OpenAPI document states)."""
    raw = request.args.get("q", "")
    if not raw:
        return None
    if not MIN_LENGTH <= len(raw) <= MAX_LENGTH:
        abort(400, description=f"q: search for {MIN_LENGTH} to {MAX_LENGTH} characters.")
    return raw


def run_search(text: str) -> dict:
    results = queries.search(get_db(), text) if text.split() else queries.NO_RESULTS | {"query": text}
    ids = [r["person_id"] for r in results["people"]] + [r["vrm"] for r in results["vehicles"]] + [
        r["location_id"] for r in results["locations"]]
    audit("search", ids, detail=f"query {text!r}")
    return results


@blueprint.get("/search")
@roles_required("analyst")
def search():
    text = search_text()
    results = run_search(text) if text else None
    return render_template("search.html", text=text or "", results=results)
