"""``/admin``: the audit log and the users, for administrators only. Reading the audit log
is itself audited (it names the people others looked at)."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm

from graph_service.security.roles import ROLES
from graph_service.security.users import UserProblem
from graph_service.web.auth import audit, audit_log, roles_required
from graph_service.web.paging import Page, page_of, requested_page

blueprint = Blueprint("admin", __name__, url_prefix="/admin")

#: Entries a page shows, newest first (an entry can name dozens of IDs, wrapping its row).
PAGE_SIZE = 25


def audit_entries() -> dict:
    """A page of the entries (filtered by ``user``, ``action``, ``id``), newest first, and the
    log's check. The log is one file read from the start: the filter keeps only what matches,
    and only the page's entries are turned into answers."""
    filters = {name: (request.args.get(name) or "").strip()[:100] or None for name in ("user", "action", "id")}
    number, per_page = requested_page(PAGE_SIZE)
    log = audit_log()
    found = [e for e in log.entries()
             if (filters["user"] is None or e.user == filters["user"])
             and (filters["action"] is None or e.action == filters["action"])
             and (filters["id"] is None or filters["id"] in (e.ids if isinstance(e.ids, list) else []))]
    newest_first = found[::-1]
    page = page_of(newest_first, number, per_page)
    check = log.verify()
    return {
        "filters": filters,
        "page": Page([e.as_dict() for e in page.items], page.total, number, per_page),
        "verification": {"intact": check.ok, "entries": check.entries, "head_hash": check.head_hash,
                         "problems": check.problems},
    }


@blueprint.get("/audit")
@roles_required("admin")
def audit_page():
    data = audit_entries()
    if not data["verification"]["intact"]:
        # The entries name people and cannot be logged as read: show only what is wrong.
        empty = Page([], 0, 1, data["page"].per_page)
        return render_template("admin_audit.html", **{**data, "page": empty}), 503
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
