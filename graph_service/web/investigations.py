"""Saved investigations (``/investigations``): an analyst keeps a link chart under a name with
notes, opens it again later, and shares it with named colleagues. Police analysts only;
saving, opening and sharing are audited. The store is :mod:`graph_service.analysis.investigations`.
"""

from __future__ import annotations

from urllib.parse import parse_qs

from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from graph_service.analysis import investigations
from graph_service.analysis.evidence_graph import Entity
from graph_service.security.roles import grants
from graph_service.web.auth import audit, roles_required
from graph_service.web.database import get_db
from graph_service.web.paging import Page, offset, requested_page

blueprint = Blueprint("investigations", __name__)

PER_PAGE = 10


class SaveForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired(), Length(max=investigations.MAX_NAME)])
    notes = TextAreaField("Notes", validators=[Optional(), Length(max=investigations.MAX_NOTES)])
    #: The chart's entities (kind:ID, one a line), filled in by the chart's script on saving.
    entities = HiddenField(validators=[DataRequired()])
    #: The chart's own query string, whose filters the investigation keeps.
    query = HiddenField(validators=[Optional(), Length(max=20000)])


class ShareForm(FlaskForm):
    users = StringField("Share with (user names, separated by commas)", validators=[DataRequired(), Length(max=500)])


def _entities(text: str) -> list[Entity]:
    try:
        return [Entity.parse(line) for line in text.splitlines() if line.strip()]
    except ValueError as problem:
        abort(400, description=f"entities: {problem}")


@blueprint.post("/investigations")
@roles_required("analyst")
def save():
    form = SaveForm()
    if not form.validate_on_submit():
        abort(400, description="name: give the investigation a name (up to 120 characters); "
                               "entities: save from a drawn chart.")
    filters = parse_qs(form.query.data or "")
    try:
        saved = investigations.save(get_db(), current_user.name, form.name.data, _entities(form.entities.data),
                                    filters, form.notes.data or "")
    except ValueError as problem:
        abort(400, description=str(problem))
    audit("investigation.save", [saved, *[e.id for e in _entities(form.entities.data) if e.kind == "person"]])
    flash("Investigation saved.", "info")
    return redirect(url_for("investigations.show", investigation_id=saved), code=303)


@blueprint.get("/investigations")
@roles_required("analyst")
def listing():
    number, per_page = requested_page(PER_PAGE)
    items, total = investigations.of_user(get_db(), current_user.name, offset(number, per_page), per_page)
    audit("investigation.list", [i["investigation_id"] for i in items])
    return render_template("investigations.html", page=Page(items, total, number, per_page))


def _found(investigation_id: str) -> dict:
    found = investigations.get(get_db(), investigation_id, current_user.name)
    if found is None:
        abort(404)  # not yours and not shared with you: as if it did not exist
    audit("investigation.open", [investigation_id, *found["people"]])
    return found


@blueprint.get("/investigations/<investigation_id>")
@roles_required("analyst")
def show(investigation_id: str):
    found = _found(investigation_id)
    return render_template("investigation.html", investigation=found, share_form=ShareForm(),
                           chart_query=investigations.chart_query(found))


@blueprint.get("/api/v1/investigations/<investigation_id>")
@roles_required("analyst")
def show_api(investigation_id: str):
    found = _found(investigation_id)
    return jsonify({key: found[key] for key in ("investigation_id", "name", "notes", "owner", "entities", "filters",
                                                 "shared_with", "created_at", "updated_at")})


@blueprint.post("/investigations/<investigation_id>/share")
@roles_required("analyst")
def share(investigation_id: str):
    form = ShareForm()
    if not form.validate_on_submit():
        abort(400, description="users: name the users to share with.")
    names = [n.strip() for n in form.users.data.split(",") if n.strip()]
    users = current_app.extensions["users"]
    refused = [n for n in names if (u := users.get(n)) is None or not u.active or not grants(u.role, "analyst")]
    if refused:
        flash("Not shared: " + ", ".join(refused) + " is not an active police analyst's user name.", "error")
        return redirect(url_for("investigations.show", investigation_id=investigation_id), code=303)
    shared = investigations.share(get_db(), investigation_id, current_user.name, names)
    if shared is None:
        abort(404)  # only the owner shares
    audit("investigation.share", [investigation_id], detail="with " + ", ".join(names))
    flash("Shared with " + ", ".join(names) + ".", "info")
    return redirect(url_for("investigations.show", investigation_id=investigation_id), code=303)
