"""The area a list page or API call is narrowed to (``?area=ID or name``), and the loaded areas
its select offers: one way for the networks and candidate lists, their API and downloads.

The rule of what is in an area is :mod:`graph_service.analysis.area_filter`; this module only
reads the request and answers a bad one as the problem profile's API does: a 404 when no loaded
area has that ID or name (the request is well formed; the area is not there), a 400 naming the
parameter for a name two areas share or a value too long. An area's people are kept while the
stored records and boundaries are unchanged (:func:`_kept`).
"""

from __future__ import annotations

import threading

from flask import abort, current_app, request

from graph_service.analysis.area_filter import AreaChoice, AreaError, AreaNotFound, choose_area
from graph_service.web.database import get_db

#: The longest area text a request may give (an ID is level and name: well under this).
MAX_LENGTH = 200
#: Areas whose people are kept (a force, its councils and some wards).
KEPT_AREAS = 16


def requested_area() -> AreaChoice | None:
    """The area the request asks for (``area``: an area's ID or name), with its people; None
    when it asks for none (no ``area``, or an empty one: the select's "all areas")."""
    asked = (request.args.get("area") or "").strip()
    if not asked:
        return None
    if len(asked) > MAX_LENGTH:
        abort(400, description=f"area: at most {MAX_LENGTH} characters.")
    try:
        return _kept(asked, lambda: choose_area(get_db(), asked))
    except AreaNotFound:
        abort(404, description="area: no loaded area has that ID or name (`/api/v1/areas` lists them).")
    except AreaError as problem:
        abort(400, description=str(problem))


def area_options() -> list[dict]:
    """The loaded areas for a select, largest level first (``cypher/areas/list.cypher``)."""
    return [{"area_id": row["area_id"], "name": row["name"], "level": row["level"]}
            for row in get_db().read("areas/list")]


def _kept(asked: str, find):
    """The area and its people, found again only when the stored records or boundaries changed
    (``cypher/profile/version.cypher``, counts from the count store): finding a council's people
    reads every piece of evidence at its places, seconds on a busy server, and every page of a
    narrowed list and every download asks for them."""
    version = tuple(get_db().read("profile/version")[0].values())
    kept = current_app.extensions.setdefault("area_choices", {"lock": threading.Lock(), "items": {}})
    with kept["lock"]:
        found = kept["items"].get((asked, version))
    if found is None:
        found = find()
        with kept["lock"]:
            items = kept["items"]
            if len(items) >= KEPT_AREAS or any(key[1] != version for key in items):
                items.clear()
            items[(asked, version)] = found
    return found
