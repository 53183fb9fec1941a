"""``/search``: people by name, alias or ID; vehicles by registration; places by name,
address or postcode; phones by number and online accounts by platform or handle. Analysts
only; every search is audited with its text and results."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request

from graph_service.web import queries
from graph_service.web.auth import audit, roles_required
from graph_service.web.database import get_db
from graph_service.web.paging import Page, offset, requested_page

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


#: Results of each kind a page shows (each kind paged on its own: ``people_page``,
#: ``vehicles_page``, ``locations_page``, ``communications_page``).
PER_PAGE = 25
PAGE_PARAMETERS = tuple(f"{kind}_{name}" for kind in queries.SEARCH_KINDS for name in ("page", "per_page"))


def run_search(text: str, kinds: tuple[str, ...] = queries.SEARCH_KINDS, prefixed: bool = True) -> dict[str, Page]:
    """One page of each kind of result, as the request asks (``people_page``... when
    ``prefixed``, else ``page`` and ``per_page``); audited with the IDs on those pages only."""
    asked = {kind: requested_page(PER_PAGE, f"{kind}_" if prefixed else "") for kind in kinds}
    found = queries.search(get_db(), text, {kind: (offset(*asked[kind]), asked[kind][1]) for kind in kinds})
    pages = {kind: Page(found[kind]["items"], found[kind]["total"], *asked[kind],
                        prefix=f"{kind}_" if prefixed else "", keep=(*PAGE_PARAMETERS, "q") if prefixed else None)
             for kind in kinds}
    keys = {"people": "person_id", "vehicles": "vrm", "locations": "location_id", "communications": "id"}
    shown = [row[keys[kind]] for kind, page in pages.items() for row in page.items]
    shown += queries.people_ids([page.items for page in pages.values()])  # a phone's or account's users
    audit("search", list(dict.fromkeys(shown)),
          detail=f"{'query' if len(kinds) > 1 else kinds[0] + ' query'} {text!r}")
    return pages


@blueprint.get("/search")
@roles_required("analyst")
def search():
    text = search_text()
    results = run_search(text) if text else None
    return render_template("search.html", text=text or "", results=results)
