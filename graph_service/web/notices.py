"""``/notices``: abduction warning notices for disruption leads. The list in order of concern
(breached, active, ended; paged), a notice's page (its statements, its breaches, a form to
record it withdrawn or expired), recording the permission statement and the notice served for
an approved candidate (``/notices/new``), and the printable notice letter. ``/api/v1/notices``
answers and records the same as JSON. Every view, print and change is audited; every change
is a POST with the CSRF token, written in one transaction with its audit entry, and followed by
an evaluation of the alert rules. Partners and administrators get 403: a notice names an adult
and a child. The rules are :mod:`graph_service.analysis.notices`.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from wtforms import DateField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from graph_service.analysis import notices
from graph_service.analysis.candidates import review
from graph_service.vocabulary import BASIS_NAMES, NOTICE_BASES
from graph_service.web import candidate_lists
from graph_service.web.auth import audit, roles_required
from graph_service.web.database import get_db
from graph_service.web.paging import Page, requested_page
from graph_service.web.queries import plain

blueprint = Blueprint("notices", __name__)
api = Blueprint("notices_api", __name__, url_prefix="/api/v1")

PER_PAGE = 25


class _PairForm(FlaskForm):
    adult_id = HiddenField(validators=[DataRequired(), Length(max=100)])
    child_id = HiddenField(validators=[DataRequired(), Length(max=100)])


class StatementForm(_PairForm):
    made_by_id = StringField("Made by (person ID of the parent, carer or local authority officer)",
                             validators=[DataRequired(), Length(max=100)])
    made_on = DateField("Made on", validators=[DataRequired()])


class ServeForm(_PairForm):
    basis = SelectField("Legal basis", choices=list(NOTICE_BASES))
    issued_on = DateField("Served on", validators=[DataRequired()])
    served_by = StringField("Served by (officer)", validators=[DataRequired(), Length(max=200)])


class EndForm(FlaskForm):
    status = SelectField("The notice was", choices=["withdrawn", "expired"])
    ended_on = DateField("On", validators=[DataRequired()])
    reason = TextAreaField("Reason", validators=[DataRequired(), Length(max=2000)])


def _problems(form: FlaskForm) -> str:
    return "; ".join(f"{name}: {', '.join(errors)}" for name, errors in form.errors.items())


def _page() -> Page:
    number, per_page = requested_page(PER_PAGE)
    items, total = notices.notices_page(get_db(), number, per_page)
    audit("notices.view", [pid for n in items for pid in (n["adult_id"], n["child_id"])], detail=f"page {number}")
    return Page(items, total, number, per_page)


def _notice_or_404(notice_id: str, action: str) -> dict:
    try:
        found = notices.notice(get_db(), notice_id)
    except notices.NoSuchNotice:
        abort(404)
    audit(action, [notice_id, found["adult_id"], found["child_id"]])
    return found


@blueprint.get("/notices")
@roles_required("disruption_lead")
def notice_list():
    return render_template("notices.html", page=_page(), basis_names=BASIS_NAMES)


@blueprint.get("/notices/<notice_id>")
@roles_required("disruption_lead")
def notice_page(notice_id: str):
    found = _notice_or_404(notice_id, "notice.view")
    return render_template("notice.html", notice=found, end_form=EndForm(), basis_names=BASIS_NAMES)


@blueprint.get("/notices/<notice_id>/letter")
@roles_required("disruption_lead")
def letter(notice_id: str):
    """The notice letter filled from the record, to print and serve; audited as printed."""
    found = _notice_or_404(notice_id, "notice.letter")
    return render_template("notice_letter.html", notice=found, basis_names=BASIS_NAMES)


def render_letter(notice: dict, printed_by: str) -> str:
    """The letter as one self-contained HTML document (for a file: ``graph-service notices
    letter``): the page's template with its style sheet inline (our own file, allowed by its
    hash), and no script. The same words as the page, every value of the record escaped."""
    web = Path(__file__).parent
    environment = Environment(loader=FileSystemLoader(web / "templates"), autoescape=select_autoescape(default=True))
    css = (web / "static" / "css" / "notice_letter.css").read_text(encoding="utf-8")
    css_hash = "sha256-" + base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    return environment.get_template("notice_letter.html").render(
        notice=notice, basis_names=BASIS_NAMES, printed_by=printed_by, inline_css=Markup(css), css_hash=css_hash)


def _approved_line(adult_id: str, child_id: str):
    """Today's list and the pair's line on it, which must be approved (newest decision)."""
    result = candidate_lists.todays_list()
    line = next((c for c in result.candidates
                 if (c.adult_id, c.child_id) == (adult_id, child_id)), None)
    history = review.decision_history(get_db(), adult_id, child_id)
    if line is None or not history or history[0]["decision"] != "approved":
        abort(400, description=f"adult_id, child_id: {adult_id} and {child_id} are not an approved line of "
                               "today's candidate list; approve the line on the candidates page first.")
    return result, line


@blueprint.get("/notices/new")
@roles_required("disruption_lead")
def new_notice():
    """The permission statement and the notice served, for an approved candidate."""
    adult_id, child_id = request.args.get("adult_id", ""), request.args.get("child_id", "")
    result, line = _approved_line(adult_id, child_id)
    names = result.names
    statements = get_db().read("candidates/statements_for_pair", adult_id=adult_id, child_id=child_id,
                               as_of=result.as_of)
    audit("notice.prepare", [adult_id, child_id])
    pair = {"adult_id": adult_id, "child_id": child_id}
    serve = ServeForm(data={**pair, "basis": line.legal_bases[0]})
    return render_template("notice_new.html", line=line, adult_name=names.get(adult_id), child_name=names.get(child_id),
                           statements=statements, statement_form=StatementForm(data=pair), serve_form=serve,
                           basis_names=BASIS_NAMES)


def _back_to_new(form: _PairForm):
    return redirect(url_for("notices.new_notice", adult_id=form.adult_id.data, child_id=form.child_id.data), code=303)


@blueprint.post("/notices/statements")
@roles_required("disruption_lead")
def add_statement():
    form = StatementForm()
    if not form.validate_on_submit():
        abort(400, description=f"The statement was not recorded ({_problems(form)}).")
    pair = [form.adult_id.data, form.child_id.data]
    try:
        made = notices.record_statement(
            get_db(), *pair, form.made_by_id.data.strip(), form.made_on.data, user=current_user.name,
            before_commit=lambda s: audit("notice.statement", [*pair, s["made_by_id"]], detail=s["statement_id"]))
    except review.ReviewError as problem:
        abort(400, description=str(problem))
    flash(f"Recorded: statement {made['statement_id']} made on {made['made_on']}.", "info")
    return _back_to_new(form)


@blueprint.post("/notices")
@roles_required("disruption_lead")
def serve():
    form = ServeForm()
    if not form.validate_on_submit():
        abort(400, description=f"The notice was not recorded ({_problems(form)}).")
    _approved_line(form.adult_id.data, form.child_id.data)
    served, created = _serve(form.adult_id.data, form.child_id.data, form.basis.data, form.issued_on.data,
                             form.served_by.data)
    for warning in served["warnings"]:
        flash(f"Recorded, but {warning}.", "error")
    flash(f"Recorded: notice {served['notice_id']} served on {served['issued_on']}; {len(created)} new alerts.",
          "info")
    return redirect(url_for("notices.notice_page", notice_id=served["notice_id"]), code=303)


def _serve(adult_id: str, child_id: str, basis, issued_on, served_by) -> tuple[dict, list[str]]:
    try:
        return notices.serve(get_db(), adult_id, child_id, basis, issued_on, served_by, user=current_user.name,
                             before_commit=lambda n: audit("notice.serve", [n["notice_id"], adult_id, child_id],
                                                           detail=f"{n['basis']} on {n['issued_on']}"))
    except review.ReviewError as problem:
        abort(400, description=str(problem))


def _end(notice_id: str, status, ended_on, reason) -> tuple[dict, list[str]]:
    try:
        return notices.end(get_db(), notice_id, status, ended_on, reason, user=current_user.name,
                           before_commit=lambda n: audit("notice.end", [notice_id, n["adult_id"], n["child_id"]],
                                                         detail=f"{n['status']} on {n['ended_on']}: {reason}"[:500]))
    except review.ReviewError as problem:
        abort(404 if "no notice with ID" in str(problem) else 400, description=str(problem))


@blueprint.post("/notices/<notice_id>/end")
@roles_required("disruption_lead")
def end(notice_id: str):
    form = EndForm()
    if not form.validate_on_submit():
        abort(400, description=f"Nothing was recorded ({_problems(form)}).")
    changed, _ = _end(notice_id, form.status.data, form.ended_on.data, form.reason.data)
    flash(f"Recorded: notice {notice_id} {changed['status']} on {changed['ended_on']}; no breach alert is raised "
          "for a contact from that day.", "info")
    return redirect(url_for("notices.notice_page", notice_id=notice_id), code=303)


# -- the API -------------------------------------------------------------------------------
def _json_body() -> dict:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        abort(400, description="body: send a JSON object.")
    return body


def _text(body: dict, name: str) -> str | None:
    value = body.get(name)
    if value is not None and not isinstance(value, str):
        abort(400, description=f"{name}: give text.")
    return value


@api.get("/notices")
@roles_required("disruption_lead")
def notice_list_json():
    return jsonify(_page().as_json())


@api.get("/notices/<notice_id>")
@roles_required("disruption_lead")
def notice_json(notice_id: str):
    return jsonify(_notice_or_404(notice_id, "notice.view"))


@api.post("/notices")
@roles_required("disruption_lead")
def serve_json():
    """Record a notice served for an approved candidate: ``{adult_id, child_id, basis, issued_on, served_by}``."""
    body = _json_body()
    adult_id, child_id = _text(body, "adult_id") or "", _text(body, "child_id") or ""
    served, created = _serve(adult_id, child_id, _text(body, "basis"), _text(body, "issued_on"),
                             _text(body, "served_by"))
    return jsonify({"notice": plain(served), "new_alerts": created}), 201


@api.post("/permission-statements")
@roles_required("disruption_lead")
def statement_json():
    """Record a permission statement: ``{adult_id, child_id, made_by_id, made_on}``."""
    body = _json_body()
    pair = [_text(body, "adult_id") or "", _text(body, "child_id") or ""]
    try:
        made = notices.record_statement(
            get_db(), *pair, _text(body, "made_by_id"), _text(body, "made_on"), user=current_user.name,
            before_commit=lambda s: audit("notice.statement", [*pair, s["made_by_id"]], detail=s["statement_id"]))
    except review.ReviewError as problem:
        abort(400, description=str(problem))
    return jsonify({"statement": plain(made)}), 201


@api.post("/notices/<notice_id>/end")
@roles_required("disruption_lead")
def end_json(notice_id: str):
    """Record a notice withdrawn or expired: ``{status, ended_on, reason}``."""
    body = _json_body()
    changed, created = _end(notice_id, _text(body, "status"), _text(body, "ended_on"), _text(body, "reason"))
    return jsonify({"notice": plain(changed), "new_alerts": created})
