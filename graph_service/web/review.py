"""``/review``: the analysts' review queue under MoPI (docs/retention.md). Records due for review,
oldest review date first, a page at a time (read by :mod:`.review_queue` from the records' stored
review dates; while they are being set under a new policy the page says so and reloads), each
with why it is due and whom it names;
retaining one with a reason; deleting a person or a report after a confirmation step.
Analysts and disruption leads only: a partner or an administrator gets 403. Every view is
audited, and every decision and deletion by IDs (a deletion's entry inside its transaction).
The work is :mod:`graph_service.analysis.retention`.
"""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, TextAreaField
from wtforms.validators import DataRequired, Length

from graph_service.analysis.retention import deletion, policy, queue
from graph_service.web import review_queue
from graph_service.web.auth import audit, roles_required
from graph_service.web.database import get_db
from graph_service.web.paging import Page, requested_page

blueprint = Blueprint("review", __name__)

PER_PAGE = 20
#: What the page may delete, and the query parameter naming it.
TARGETS = {"person": "person", "intel": "intel"}


class RetainForm(FlaskForm):
    record_type = SelectField("Record type", choices=list(policy.RECORD_TYPES))
    record_id = HiddenField(validators=[DataRequired(), Length(max=200)])
    reason = TextAreaField("Reason", validators=[DataRequired(), Length(max=2000)],
                           description="Why it is still needed for a policing purpose; kept with your name.")


class DeleteForm(FlaskForm):
    kind = SelectField("Delete a", choices=list(TARGETS))
    target_id = HiddenField(validators=[DataRequired(), Length(max=64)])
    reason = TextAreaField("Reason", validators=[DataRequired(), Length(max=2000)],
                           description="Why it is no longer needed; kept in the audit log, so write it without names.")


def _due_by() -> date:
    raw = request.args.get("due_by")
    if raw is None:
        return date.today()
    try:
        return date.fromisoformat(raw)
    except ValueError:
        abort(400, description=f"due_by: {raw[:20]!r} is not a date (YYYY-MM-DD).")


@blueprint.get("/review")
@roles_required("analyst")
def due():
    due_by = _due_by()
    number, per_page = requested_page(PER_PAGE)
    found = review_queue.page(due_by, number, per_page)
    if found is None:  # still being worked out: say so, and reload (the template's refresh)
        return render_template("review.html", preparing=round(review_queue.seconds_working() or 0),
                               page=Page([], 0, number, per_page), due_by=due_by.isoformat(), form=RetainForm(),
                               policy=policy.POLICY)
    audit("review.view", [i["record_id"] for i in found.items] + [p["person_id"] for i in found.items
                                                                   for p in i["people"]],
          detail=f"due by {due_by.isoformat()}, page {number}")
    return render_template("review.html", page=Page(found.items, found.total, number, per_page), preparing=None,
                           due_by=due_by.isoformat(), form=RetainForm(), policy=policy.POLICY)


@blueprint.post("/review/retain")
@roles_required("analyst")
def retain():
    form = RetainForm()
    if not form.validate_on_submit():
        abort(400, description="reason: say why the record is still needed (up to 2000 characters).")
    record_type, record_id = form.record_type.data, form.record_id.data
    db = get_db()
    try:
        queue.find(db, record_id, record_type)
    except queue.UnknownRecord:
        abort(404)
    audit("review.retain", [record_id], detail=f"type {record_type}")
    done = queue.retain(db, record_id, form.reason.data, current_user.name, record_type)
    flash(f"{record_type} {record_id} retained; next review {done['next_review']}.", "info")
    return redirect(_back())


@blueprint.get("/review/delete")
@roles_required("analyst")
def confirm_delete():
    """The confirmation step: what is about to be deleted, and a reason to give."""
    given = [(kind, request.args.get(kind)) for kind in TARGETS if request.args.get(kind)]
    if len(given) != 1:
        abort(400, description="give one of person=ID or intel=ID.")
    kind, target_id = given[0]
    try:
        found = queue.find(get_db(), target_id, kind)
    except queue.UnknownRecord:
        abort(404)
    named = queue.people_named(get_db(), kind, target_id)
    audit("review.view", [target_id, *(p["person_id"] for p in named)], detail=f"confirm deletion of {kind}")
    return render_template("review_delete.html", kind=kind, target_id=target_id, record=found, people=named,
                           form=DeleteForm())


@blueprint.post("/review/delete")
@roles_required("analyst")
def delete():
    form = DeleteForm()
    if not form.validate_on_submit():
        abort(400, description="reason: say why it is no longer needed (up to 2000 characters).")
    kind, target_id, reason = form.kind.data, form.target_id.data, form.reason.data.strip()

    def audited(deleted: deletion.Deleted) -> None:
        audit(f"review.delete_{deleted.kind}", deleted.ids, detail=f"{deleted.count} records; reason: {reason}")

    try:
        deleted = (deletion.delete_person(get_db(), target_id, audited) if kind == "person"
                   else deletion.delete_report(get_db(), target_id, audited))
    except (deletion.UnknownPerson, deletion.UnknownReport):
        abort(404)
    # The network pages keep what they read until the next run: not what was just deleted.
    current_app.extensions["network_pages"].forget()
    what = "Person" if kind == "person" else "Intelligence report"
    flash(f"{what} {target_id} deleted with {deleted.count - 1} records; what was computed from them has gone "
          "too. Networks are recomputed at the next detection run.", "info")
    return redirect(url_for("review.due"))


def _back() -> str:
    # Back to the queue page the form was on; only our own path, never a URL from the request.
    args = {}
    page, due_by = request.args.get("page", ""), request.args.get("due_by", "")
    if page.isdigit():
        args["page"] = page
    try:
        args["due_by"] = date.fromisoformat(due_by).isoformat()
    except ValueError:
        pass
    return url_for("review.due", **args)
