"""``/alerts``: each user's inbox (not yet acknowledged first, a page at a time), acknowledging
an alert with a note, and the watches an analyst sets; ``GET /api/v1/alerts`` answers the same
inbox as JSON. Alerts go to analysts and disruption leads only: a partner or an administrator
gets 403, since an alert names people and carries casework. Every view is audited. The rules
and storage are :mod:`graph_service.analysis.alerts`.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from graph_service.analysis import alerts
from graph_service.analysis.alerts import store
from graph_service.web.auth import audit, roles_required
from graph_service.web.database import get_db
from graph_service.web.paging import Page, requested_page

blueprint = Blueprint("alerts", __name__)
api = Blueprint("alerts_api", __name__, url_prefix="/api/v1")

PER_PAGE = 10


class AckForm(FlaskForm):
    note = TextAreaField("Note", validators=[DataRequired(), Length(max=2000)],
                         description="What was done about it; recorded with your name.")


class WatchForm(FlaskForm):
    target_kind = SelectField("Watch a", choices=list(store.TARGET_KINDS))
    target_id = StringField("ID or registration", validators=[DataRequired(), Length(max=64)])
    reason = StringField("Reason", validators=[Optional(), Length(max=200)])


def _inbox_to() -> list[str]:
    return store.recipients(current_user.name, current_user.role)


def _kind() -> str | None:
    kind = request.args.get("kind") or None
    if kind is not None and kind not in alerts.KINDS:
        abort(400, description=f"kind: choose one of {', '.join(alerts.KINDS)}.")
    return kind


def _page() -> tuple[Page, int, str | None]:
    kind = _kind()
    number, per_page = requested_page(PER_PAGE)
    found = store.inbox(get_db(), _inbox_to(), number, per_page, kind)
    audit("alerts.view", [pid for a in found.items for pid in a["people"]],
          detail=f"kind {kind or 'any'}, page {number}")
    return Page(found.items, found.total, number, per_page), found.unread, kind


@blueprint.get("/alerts")
@roles_required("analyst")
def inbox():
    page, unread, kind = _page()
    return render_template("alerts.html", page=page, unread=unread, kind=kind, kinds=alerts.KINDS,
                           ack_form=AckForm(), watch_form=WatchForm(),
                           watches=store.watches_of(get_db(), current_user.name))


@blueprint.post("/alerts/<alert_id>/ack")
@roles_required("analyst")
def acknowledge(alert_id: str):
    form = AckForm()
    if not form.validate_on_submit():
        abort(400, description="note: say what was done about the alert (up to 2000 characters).")
    try:
        done = store.acknowledge(get_db(), alert_id, _inbox_to(), current_user.name, form.note.data)
    except store.NoSuchAlert:
        abort(404)
    audit("alerts.ack", [alert_id, *done["people"]])
    flash("Already acknowledged by " + done["acknowledged_by"] if done["already"] else "Alert acknowledged.",
          "info")
    return redirect(_back())


@blueprint.post("/alerts/watches")
@roles_required("analyst")
def add_watch():
    form = WatchForm()
    if not form.validate_on_submit():
        abort(400, description="target_id: give the ID of a person or place, or a registration.")
    db = get_db()
    try:
        made = store.add_watch(db, current_user.name, form.target_kind.data, form.target_id.data,
                               form.reason.data or None)
    except store.NoSuchTarget as problem:
        flash(f"Not watched: {problem}.", "error")
        return redirect(_back())
    audit("alerts.watch", [made["target_id"]], detail=f"{made['target_kind']}")
    created = alerts.evaluate(db).created
    flash(f"You now watch {made['target_kind']} {made['target_id']}; {len(created)} new alerts.", "info")
    return redirect(_back())


@blueprint.post("/alerts/watches/<watch_id>/remove")
@roles_required("analyst")
def remove_watch(watch_id: str):
    FlaskForm().validate_on_submit() or abort(400, description="csrf_token: missing or wrong.")
    if not store.remove_watch(get_db(), current_user.name, watch_id):
        abort(404)
    audit("alerts.unwatch", [watch_id])
    flash("Watch removed; the alerts it raised are kept.", "info")
    return redirect(_back())


def _back() -> str:
    # Back to the inbox page the form was on; only our own path, never a URL from the request.
    page = request.args.get("page", "")
    return url_for("alerts.inbox", page=page) if page.isdigit() else url_for("alerts.inbox")


@api.get("/alerts")
@roles_required("analyst")
def inbox_json():
    page, unread, _ = _page()
    return jsonify({**page.as_json(), "unread": unread})
