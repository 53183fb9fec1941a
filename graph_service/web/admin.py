"""``/admin``: the audit log and the users, for administrators only. Reading the audit log
is itself audited (it names the people others looked at)."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm

from graph_service.security.roles import ROLES
from graph_service.security.users import UserProblem
from graph_service.web.auth import audit, audit_log, roles_required

blueprint = Blueprint("admin", __name__, url_prefix="/admin")

PAGE_SIZE = 200


def audit_entries() -> dict:
    """The newest entries (filtered by ``user``, ``action``, ``id``) and the log's check."""
    filters = {name: (request.args.get(name) or "").strip()[:100] or None for name in ("user", "action", "id")}
    log = audit_log()
    entries = log.newest(PAGE_SIZE, user=filters["user"], action=filters["action"], concerning=filters["id"])
    check = log.verify()
    return {
        "filters": filters,
        "entries": [e.as_dict() for e in entries],
        "limit": PAGE_SIZE,
        "verification": {"intact": check.ok, "entries": check.entries, "head_hash": check.head_hash,
                         "problems": check.problems},
    }


@blueprint.get("/audit")
@roles_required("admin")
def audit_page():
    data = audit_entries()
    if not data["verification"]["intact"]:
        # The entries name people and cannot be logged as read: show only what is wrong.
        return render_template("admin_audit.html", **{**data, "entries": []}), 503
    audit("audit.view", [], detail=str({k: v for k, v in data["filters"].items() if v}) or None)
    return render_template("admin_audit.html", **data)


class DisableForm(FlaskForm):
    """Only the CSRF token: the user name is in the URL."""


@blueprint.get("/users")
@roles_required("admin")
def users():
    listed = [u.public() for u in current_app.extensions["users"].list()]
    return render_template("admin_users.html", users=listed, roles=ROLES, form=DisableForm())


@blueprint.post("/users/<name>/disable")
@roles_required("admin")
def disable(name: str):
    if not DisableForm().validate_on_submit():
        abort(400)
    if name == current_user.name:
        flash("You cannot disable your own account here; ask another administrator.", "error")
        return redirect(url_for("admin.users"), code=303)
    if current_app.extensions["users"].get(name) is None:
        flash(f"no user {name!r}", "error")
        return redirect(url_for("admin.users"), code=303)
    audit("user.disable", [name])  # first: no change unless it is on record
    try:
        current_app.extensions["users"].disable(name)
    except UserProblem as problem:
        flash(str(problem), "error")
        return redirect(url_for("admin.users"), code=303)
    flash(f"{name} is disabled; their sessions have ended.", "info")
    return redirect(url_for("admin.users"), code=303)
