"""``/``: the home page. Analysts see counts, the newest intelligence and missing episodes,
and open actions; partners see aggregates only; administrators see the state of the
users and the audit log."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user, login_required

from graph_service import disclosure
from graph_service.web import queries
from graph_service.web.auth import audit, audit_log
from graph_service.web.database import get_db

blueprint = Blueprint("home", __name__)


def analyst_summary() -> dict:
    db = get_db()
    return {
        "counts": queries.counts(db),
        "recent_intel": queries.recent_intel(db),
        "recent_missing": queries.recent_missing(db),
        "actions": queries.open_actions(db),
    }


def partner_summary() -> dict:
    return {"counts": disclosure.home_counts(queries.partner_counts(get_db()))}


def admin_summary() -> dict:
    from flask import current_app

    users = current_app.extensions["users"].list()
    check = audit_log().verify()
    return {
        "users": {"total": len(users), "active": sum(u.active for u in users)},
        "audit": {"entries": check.entries, "intact": check.ok, "problems": check.problems[:5],
                  "head_hash": check.head_hash},
    }


def summary_for_current_user() -> dict:
    """The home page's data for the user's role; audited when it names anyone."""
    if current_user.can("analyst"):
        data = analyst_summary()
        audit("home.view", queries.people_ids(data))
        return {"role_view": "analyst", **data}
    if current_user.can("partner"):
        audit("home.view", [])
        return {"role_view": "partner", **partner_summary()}
    return {"role_view": "admin", **admin_summary()}


@blueprint.get("/")
@login_required
def home():
    return render_template("home.html", **summary_for_current_user())
