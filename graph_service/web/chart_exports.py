"""Downloads of a network or of a person's neighbourhood as GraphML, i2 ANX or its places as
a GeoPackage (:mod:`graph_service.exports`): ``/networks/<n>/export.<format>`` and
``/people/<id>/export.<format>``. Police analysts only; every download is audited before it
is built. The same filters as the link chart (``kind``, ``lowest_grade``, ``since``,
``until``) narrow what is exported."""

from __future__ import annotations

import json

from flask import Blueprint, Response, abort, request

from graph_service import exports
from graph_service.analysis import link_chart
from graph_service.analysis.evidence_graph import Entity
from graph_service.web.auth import audit, roles_required
from graph_service.web.database import get_db
from graph_service.web.workspace import BadRequest, filters_from_request

blueprint = Blueprint("chart_exports", __name__)


def _filters():
    try:
        return filters_from_request()
    except BadRequest as problem:
        abort(400, description=str(problem))


def _download(chart: dict, form: str, name: str, action: str, what: str) -> Response:
    audit(action, link_chart.people_named(chart), detail=json.dumps({"export": what, "format": form, **{
        k: request.args.getlist(k) if k == "kind" else request.args.get(k)
        for k in ("kind", "lowest_grade", "since", "until") if request.args.get(k)}}))
    data = exports.to_format(chart, form)
    suffix, mimetype = exports.FORMATS[form]
    return Response(data, mimetype=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="{name}{suffix}"'})


@blueprint.get("/networks/<int(max=2147483647):network_id>/export.<any(graphml, anx, gpkg):form>")
@roles_required("analyst")
def network_export(network_id: int, form: str):
    chart = link_chart.network_chart(get_db(), network_id, _filters())
    if chart is None:
        abort(404)
    return _download(chart, form, f"network-{network_id}", "export.network", f"network {network_id}")


@blueprint.get("/people/<person_id>/export.<any(graphml, anx, gpkg):form>")
@roles_required("analyst")
def person_export(person_id: str, form: str):
    start = Entity("person", person_id)
    chart = link_chart.build(get_db(), [start], _filters(), expand=[start])
    if not chart["nodes"]:
        abort(404)
    # The file name carries no ID a browser's download list would keep: the person's ID stays
    # out of it, as it stays out of the request log.
    return _download(chart, form, "neighbourhood", "export.person", f"person {person_id}")
