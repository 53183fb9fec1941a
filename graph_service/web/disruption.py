"""``/disruption``: disruption plans and the MACSE action list, for disruption leads.

A lead asks for a plan for a network; the service proposes tactics with the facts behind
each (:mod:`graph_service.analysis.disruption`) and stores them as ``proposed`` actions;
people agree, assign, date and progress them here. Every view, export and change is audited.
"""

from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, StringField
from wtforms.validators import AnyOf, DataRequired, Length, NumberRange, Optional

from graph_service.analysis import disruption as plans
from graph_service.reports import packs
from graph_service.web.auth import audit, roles_required
from graph_service.web.database import get_db
from graph_service.web.paging import page_of, requested_page

blueprint = Blueprint("disruption", __name__)


class PlanForm(FlaskForm):
    network_id = IntegerField("Network number", validators=[DataRequired(), NumberRange(min=1)])


class ActionForm(FlaskForm):
    owner = StringField("Owner", validators=[Optional(), Length(max=100)])
    due_on = DateField("Review by", validators=[Optional()])
    status = StringField("Status", validators=[Optional(), AnyOf(plans.ACTION_STATUSES)])
    note = StringField("Note", validators=[Optional(), Length(max=1000)])


#: Each action carries its facts and a form: twenty fill a few screens. Plans are one line each.
ACTIONS_PER_PAGE = 20
PLANS_PER_PAGE = 25


def _status_filter() -> str | None:
    status = request.args.get("status") or None
    if status is not None and status not in plans.ACTION_STATUSES:
        abort(400, description=f"status: choose one of {', '.join(plans.ACTION_STATUSES)}.")
    return status


def _people_in(actions: list[dict]) -> list[str]:
    """Everyone the actions name: person targets, and the people in the facts about vehicle
    and place targets."""
    return plans.people_named(actions)


@blueprint.get("/disruption")
@roles_required("disruption_lead")
def actions():
    """The stored actions (in plan, tactic and target order), ``ACTIONS_PER_PAGE`` a page,
    and the plans, newest first, ``PLANS_PER_PAGE`` a page (``plans_page``); only the
    actions shown are audited."""
    status = _status_filter()
    number, per_page = requested_page(ACTIONS_PER_PAGE)
    plans_number, plans_per_page = requested_page(PLANS_PER_PAGE, "plans_")
    shown = page_of(plans.stored_actions(get_db(), status=status), number, per_page)
    audit("disruption.view", _people_in(shown.items),
          detail=(f"status {status}, " if status else "") + f"page {number}")
    return render_template("disruption.html", actions=shown, plans=page_of(
        plans.stored_plans(get_db()), plans_number, plans_per_page, "plans_"), status=status,
        statuses=plans.ACTION_STATUSES, plan_form=PlanForm(), action_form=ActionForm)


@blueprint.post("/disruption/plan")
@roles_required("disruption_lead")
def plan():
    form = PlanForm()
    if not form.validate_on_submit():
        abort(400, description="network_id: give the number of a current network.")
    try:
        proposed = plans.plan_for_network(get_db(), form.network_id.data, as_of=date.today())
        # Stored only once its audit entry is on disk (a broken log answers 503, nothing stored).
        saved = plans.save_plan(get_db(), proposed, user=current_user.name, before_commit=lambda plan: audit(
            "disruption.plan", list(plan.scope.person_ids), detail=f"network {form.network_id.data}"))
    except plans.PlanError as problem:
        abort(400, description=str(problem))
    flash(f"Plan for network {form.network_id.data}: {len(saved)} actions (new ones are proposed, for people to "
          "agree and assign).", "info")
    return redirect(url_for("disruption.actions"), code=303)


@blueprint.post("/disruption/actions/<action_id>")
@roles_required("disruption_lead")
def update(action_id: str):
    form = ActionForm()
    if not form.validate_on_submit():
        problems = "; ".join(f"{name}: {', '.join(errors)}" for name, errors in form.errors.items())
        abort(400, description=f"The change was not recorded ({problems}).")
    try:
        plans.update_action(
            get_db(), action_id, user=current_user.name, owner=form.owner.data, due_on=form.due_on.data,
            status=form.status.data, note=form.note.data,
            before_commit=lambda changed: audit("disruption.update", _people_in([changed]),
                                                detail=f"{action_id}: {changed.get('changes')}"[:500]))
    except plans.PlanError as problem:
        abort(400, description=str(problem))
    flash("The action is updated.", "info")
    index = next((i for i, a in enumerate(plans.stored_actions(get_db())) if a["action_id"] == action_id), 0)
    back = url_for("disruption.actions", page=index // ACTIONS_PER_PAGE + 1)  # the page the action is on
    return redirect(back + f"#{action_id}", code=303)


@blueprint.get("/disruption/actions.html")
@roles_required("disruption_lead")
def pack():
    stored = plans.stored_actions(get_db(), status=_status_filter())
    audit("disruption.export", _people_in(stored), detail="printable action list")
    return Response(packs.actions_html(stored, generated_by=current_user.name), mimetype="text/html",
                    headers={"Content-Disposition": 'attachment; filename="disruption_actions.html"'})


@blueprint.get("/disruption/actions.csv")
@roles_required("disruption_lead")
def csv():
    stored = plans.stored_actions(get_db(), status=_status_filter())
    audit("disruption.export", _people_in(stored), detail="csv")
    return Response(packs.actions_csv(stored), mimetype="text/csv",
                    headers={"Content-Disposition": 'attachment; filename="disruption_actions.csv"'})
