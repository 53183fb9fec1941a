"""The link chart: ``/chart`` (the page) and ``/api/v1/chart`` (its data as JSON, which the
page's script fetches: no data is written into the page's script text). Start from any
entities (``start=person:P0001``, repeated) or a network (``network=7``); ``expand=kind:ID``
(repeated) adds everything one hop from those entities (``hops=2`` or ``3``: that many hops); ``kind``, ``lowest_grade``, ``since``
and ``until`` filter the evidence. Police analysts only; every answer is audited."""

from __future__ import annotations

import json

from flask import Blueprint, abort, jsonify, render_template, request

from graph_service.analysis import link_chart
from graph_service.analysis.evidence_graph import RELATION_TEXT, Entity
from graph_service.web.auth import audit, roles_required
from graph_service.web.chart_exports import ChartExportForm
from graph_service.web.database import get_db
from graph_service.web.investigations import SaveForm
from graph_service.web.workspace import BadRequest, filter_choices, filters_from_request

blueprint = Blueprint("chart", __name__)

#: Most entities a request may name (a chart's own limit is lower; this stops a huge URL).
MAX_NAMED = 400


def _entities(name: str) -> list[Entity]:
    values = request.args.getlist(name)
    if len(values) > MAX_NAMED:
        raise BadRequest(f"{name}: at most {MAX_NAMED} entities")
    if any(not v.strip() for v in values):
        raise BadRequest(f"{name}: an empty entity; write kind:ID")
    try:
        return [Entity.parse(v) for v in values]
    except ValueError as problem:
        raise BadRequest(f"{name}: {problem}") from None


def _expand_hops() -> int:
    text = request.args.get("hops", "").strip() or "1"
    if not text.isdigit() or not 1 <= int(text) <= link_chart.MAX_EXPAND_HOPS:
        raise BadRequest(f"hops: give a whole number from 1 to {link_chart.MAX_EXPAND_HOPS}")
    return int(text)


def _network() -> int | None:
    text = request.args.get("network", "").strip()
    if not text:
        return None
    if not text.isdigit() or int(text) > 2147483647:
        raise BadRequest("network: give a network number")
    return int(text)


@blueprint.get("/api/v1/chart")
@roles_required("analyst")
def chart_api():
    try:
        filters = filters_from_request()
        start, expand, network = _entities("start"), _entities("expand"), _network()
        expand_hops = _expand_hops()
    except BadRequest as problem:
        abort(400, description=str(problem))
    db = get_db()
    if network is not None and not start:
        chart = link_chart.network_chart(db, network, filters)
        if chart is None:
            abort(404)
    else:
        chart = link_chart.build(db, start, filters, expand=expand, expand_hops=expand_hops)
    audit("chart.view", link_chart.people_named(chart), detail=json.dumps({
        "network": network, "start": len(start), "expand": [str(e) for e in expand], "hops": expand_hops,
        **{k: request.args.getlist(k) if k == "kind" else request.args.get(k)
           for k in ("kind", "lowest_grade", "since", "until") if request.args.get(k)}}))
    return jsonify({**chart, "limit": link_chart.MAX_NODES})


@blueprint.get("/chart")
@roles_required("analyst")
def chart_page():
    try:
        filters_from_request()
        start, network = _entities("start"), _network()
    except BadRequest as problem:
        abort(400, description=str(problem))
    return render_template("chart.html", start=[str(e) for e in start], network=network,
                           choices=filter_choices(None), relation_text=RELATION_TEXT, save_form=SaveForm(),
                           export_form=ChartExportForm())
