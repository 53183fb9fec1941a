"""The area a list page or API call is narrowed to (``?area=ID or name``), and the loaded areas
its select offers: one way for the networks and candidate lists, their API and downloads.

The rule of what is in an area is :mod:`graph_service.analysis.area_filter`; this module only
reads the request and answers a bad one with a 400 naming the parameter, as every bad query value
is (:mod:`.paging`): an area no loaded area has the ID or name of, or a name two areas share.
"""

from __future__ import annotations

from flask import abort, request

from graph_service.analysis.area_filter import AreaChoice, AreaError, AreaNotFound, choose_area
from graph_service.web.database import get_db

#: The longest area text a request may give (an ID is level and name: well under this).
MAX_LENGTH = 200


def requested_area() -> AreaChoice | None:
    """The area the request asks for (``area``: an area's ID or name), with its people; None
    when it asks for none (no ``area``, or an empty one: the select's "all areas")."""
    asked = (request.args.get("area") or "").strip()
    if not asked:
        return None
    if len(asked) > MAX_LENGTH:
        abort(400, description=f"area: at most {MAX_LENGTH} characters.")
    try:
        return choose_area(get_db(), asked)
    except AreaNotFound:
        abort(400, description="area: no loaded area has that ID or name (`/api/v1/areas` lists them).")
    except AreaError as problem:
        abort(400, description=str(problem))


def area_options() -> list[dict]:
    """The loaded areas for a select, largest level first (``cypher/areas/list.cypher``)."""
    return [{"area_id": row["area_id"], "name": row["name"], "level": row["level"]}
            for row in get_db().read("areas/list")]
