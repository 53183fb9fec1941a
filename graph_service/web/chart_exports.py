"""Downloads of a network, of a person's neighbourhood, or of a link chart as drawn, as GraphML,
i2 ANX or its places as a GeoPackage (:mod:`graph_service.exports`):
``/networks/<n>/export.<format>``, ``/people/<id>/export.<format>`` and ``POST /chart/export``
(the entities on the chart, expansions included, sent by the chart page's form: a chart of 250
entities is too long for a link). Police analysts only; every download is audited before it is
built. The same filters as the link chart (``kind``, ``lowest_grade``, ``since``, ``until``)
narrow what is exported."""

from __future__ import annotations

import json

from flask import Blueprint, Response, abort, request
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired

from graph_service import exports
from graph_service.analysis import link_chart
from graph_service.analysis.evidence_graph import Entity
from graph_service.web.auth import audit, roles_required
from graph_service.web.database import get_db
from graph_service.web.workspace import BadRequest, filters_from_request

blueprint = Blueprint("chart_exports", __name__)

#: The formats a download offers, in the words of the tools that open them.
FORMAT_CHOICES = [SelectChoice("graphml", "GraphML (Gephi, yEd, NetworkX)"),
                  SelectChoice("anx", "i2 ANX (Analyst's Notebook)"),
                  SelectChoice("gpkg", "GeoPackage of its places (QGIS, ArcGIS)")]


class ChartExportForm(FlaskForm):
    """A link chart's download: its format, and its entities (``kind:ID``, one a line), filled
    in by the chart's script as the download is asked for."""

    format = SelectField("Download as", choices=FORMAT_CHOICES)
    entities = HiddenField(validators=[DataRequired()])


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


@blueprint.post("/chart/export")
@roles_required("analyst")
def chart_export():
    """The chart as drawn: the entities on it and the ties among them, under the chart's filters
    (its query string)."""
    from graph_service.web.chart import MAX_NAMED

    form = ChartExportForm()
    if not form.validate_on_submit():
        abort(400, description="format: choose graphml, anx or gpkg; entities: download from a drawn chart.")
    lines = [line.strip() for line in form.entities.data.splitlines() if line.strip()]
    if len(lines) > MAX_NAMED:
        abort(400, description=f"entities: at most {MAX_NAMED}")
    try:
        entities = [Entity.parse(line) for line in lines]
    except ValueError as problem:
        abort(400, description=f"entities: {problem}")
    chart = link_chart.build(get_db(), entities, _filters(), limit=len(entities))
    if not chart["nodes"]:
        abort(404)
    return _download(chart, form.format.data, "chart", "export.chart", f"chart of {len(chart['nodes'])} entities")
