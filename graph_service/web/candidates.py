"""``/candidates``: the abduction-notice candidate list for disruption leads to review.

Every line shows the legal basis, the score, the evidence with its grades and the reasons, and
the newest decision on the pair; the reviewer approves or rejects a line with a reason (a POST
with the CSRF token). The list, the printable pack and the CSV are audited. The rules are
:mod:`graph_service.analysis.candidates`; decisions :mod:`graph_service.analysis.candidates.review`.
The service never decides: it records what a named reviewer decided. An approved line links to
``/notices/new`` (:mod:`.notices`), where the statement and the notice served are recorded.
"""

from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, Length, Optional

from graph_service.analysis import alerts
from graph_service.analysis import candidates as candidate_rules
from graph_service.analysis.area_filter import AreaChoice, AreaError, candidates_in_area, choose_area
from graph_service.analysis.candidates import review as candidate_review
from graph_service.reports import packs
from graph_service.web import candidate_lists
from graph_service.web.area_choice import area_options, requested_area
from graph_service.web.auth import audit, roles_required
from graph_service.web.database import get_db
from graph_service.web.paging import Page, offset, requested_page

blueprint = Blueprint("candidates", __name__)

#: Lines a page shows: each candidate carries its reasons, evidence (folded) and a decision
#: form, about 800 pixels in all, so five fill a few screens (ten were 9.8 screens of 900
#: pixels on a generated town); exclusions are one table row each.
CANDIDATES_PER_PAGE = 4
EXCLUSIONS_PER_PAGE = 50
TABS = ("candidates", "excluded")


@blueprint.record_once
def _list_per_app(state) -> None:
    candidate_lists.init_app(state.app)


class DecisionForm(FlaskForm):
    adult_id = HiddenField(validators=[DataRequired(), Length(max=100)])
    child_id = HiddenField(validators=[DataRequired(), Length(max=100)])
    #: The area the page was narrowed to, so that the answer goes back to that page.
    area = HiddenField(validators=[Optional(), Length(max=200)])
    decision = StringField("Decision", validators=[DataRequired(), AnyOf(candidate_review.DECISIONS)])
    reason = TextAreaField("Reason", validators=[DataRequired(), Length(max=2000)],
                           description="Recorded with your name; shown with the line from now on.")


def candidate_list() -> candidate_rules.CandidateList:
    """Today's list, waiting for it when it is being worked out (see :mod:`.candidate_lists`)."""
    return candidate_lists.todays_list()


def in_area(result: candidate_rules.CandidateList, area: AreaChoice | None) -> candidate_rules.CandidateList:
    """The list narrowed to the pairs whose adult or child has evidence in ``area`` (all with none)."""
    return result if area is None else candidates_in_area(result, area.people)


def area_detail(area: AreaChoice | None) -> str:
    """What an audit entry adds for an area chosen."""
    return f", area {area.area_id}" if area else ""


def requested_lines(group_parameter: str, per_page: dict[str, int]) -> tuple[str, str | None, int, int]:
    """Which lines a request asks for: the group (``candidates`` or ``excluded``, named by
    ``group_parameter``), the reason the excluded are filtered by, the page and its size."""
    group = request.args.get(group_parameter, "candidates")
    if group not in TABS:
        abort(400, description=f"{group_parameter}: choose one of {', '.join(TABS)}.")
    reason = request.args.get("reason") or None
    if reason is not None and reason not in candidate_rules.REASONS:
        abort(400, description=f"reason: choose one of {', '.join(candidate_rules.REASONS)}.")
    number, size = requested_page(per_page[group])
    return group, reason, number, size


def lines_page(result: candidate_rules.CandidateList, group: str, reason: str | None, number: int, per_page: int) -> dict:
    """One page of the candidates (highest score first) or of the pairs that are not
    candidates (filtered by ``reason``), with the counts the tabs and filters show. Names
    and decisions are read for the lines of the page only."""
    if group == "candidates":
        lines = result.candidates
    else:
        lines = [e for e in result.excluded if reason is None or e.reason_code == reason]
    start = offset(number, per_page)
    shown = lines[start:start + per_page]
    decisions = candidate_review.latest_decisions(get_db()) if group == "candidates" and shown else {}
    items = []
    for line in shown:
        item = {**line.to_dict(), "adult_name": result.names.get(line.adult_id),
                "child_name": result.names.get(line.child_id)}
        if group == "candidates":
            item["decision"] = decisions.get((line.adult_id, line.child_id))
        items.append(item)
    return {"as_of": result.as_of.isoformat(), "lookback_days": result.lookback_days,
            "totals": {"candidates": len(result.candidates), "excluded": len(result.excluded)},
            "reasons": {code: sum(e.reason_code == code for e in result.excluded) for code in candidate_rules.REASONS},
            "page": Page(items, len(lines), number, per_page)}


def people_of(result: candidate_rules.CandidateList) -> list[str]:
    return [pid for c in result.candidates for pid in (c.adult_id, c.child_id)] + [
        pid for e in result.excluded for pid in (e.adult_id, e.child_id)]


@blueprint.get("/candidates")
@roles_required("disruption_lead")
def candidates():
    """Today's list, highest score first, a page at a time; the pairs that are not candidates
    on their own tab (``?tab=excluded``), filtered by ``reason``."""
    tab, reason, number, per_page = requested_lines(
        "tab", {"candidates": CANDIDATES_PER_PAGE, "excluded": EXCLUSIONS_PER_PAGE})
    area = requested_area()
    result = candidate_lists.todays_list(wait=candidate_lists.PAGE_WAIT_SECONDS)
    if result is None:  # still being worked out: say so, and reload (the template's refresh)
        return render_template("candidates.html", preparing=round(candidate_lists.seconds_working() or 0),
                               tab=tab, form=DecisionForm())
    data = lines_page(in_area(result, area), tab, reason, number, per_page)
    page = data["page"]
    audit("candidates.view", [pid for line in page.items for pid in (line["adult_id"], line["child_id"])],
          detail=f"{tab} page {number}" + (f", {reason}" if reason else "") + area_detail(area))
    return render_template("candidates.html", as_of=data["as_of"], lookback_days=data["lookback_days"], tab=tab,
                           page=page, reason=reason, reasons=data["reasons"], totals=data["totals"],
                           reason_texts=candidate_rules.REASONS, form=DecisionForm(), preparing=None,
                           area=area, areas=area_options())


@blueprint.post("/candidates/decision")
@roles_required("disruption_lead")
def decide():
    form = DecisionForm()
    if not form.validate_on_submit():
        problems = "; ".join(f"{name}: {', '.join(errors)}" for name, errors in form.errors.items())
        flash(f"The decision was not recorded ({problems}).", "error")
        return redirect(url_for("candidates.candidates"), code=303)
    index, line = next(((i, c) for i, c in enumerate(candidate_list().candidates)
                        if (c.adult_id, c.child_id) == (form.adult_id.data, form.child_id.data)), (None, None))
    if line is None:
        abort(400, description="That pair is not on today's candidate list.")
    try:  # kept only once its audit entry is on disk (a broken log answers 503, nothing stored)
        recorded = candidate_review.record_decision(
            get_db(), line.adult_id, line.child_id, form.decision.data, form.reason.data, user=current_user.name,
            as_of=date.today(), legal_bases=line.legal_bases, score=line.score.value,
            before_commit=lambda review: audit("candidate.decision", [line.adult_id, line.child_id],
                                               detail=f"{review['decision']}: {review['reason']}"[:500]))
    except candidate_review.ReviewError as problem:
        abort(400, description=str(problem))
    alerts.evaluate(get_db())  # alerts are evaluated at every change of casework
    flash(f"Recorded: {recorded['decision']} for {line.adult_id} and {line.child_id}.", "info")
    back = _page_of_line(line, index, form.area.data or None)
    return redirect(back + f"#line-{line.adult_id}-{line.child_id}", code=303)


@blueprint.get("/candidates/pack.html")
@roles_required("disruption_lead")
def pack():
    area = requested_area()
    result = in_area(candidate_list(), area)
    audit("candidates.export", people_of(result), detail="printable pack" + area_detail(area))
    return Response(packs.candidates_html(result, generated_by=current_user.name, area=area.name if area else None),
                    mimetype="text/html", headers={"Content-Disposition": f'attachment; filename="{_file_name(result, area)}.html"'})


@blueprint.get("/candidates.csv")
@roles_required("disruption_lead")
def csv():
    area = requested_area()
    result = in_area(candidate_list(), area)
    audit("candidates.export", people_of(result), detail="csv" + area_detail(area))
    return Response(packs.candidates_csv(result), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{_file_name(result, area)}.csv"'})


def _page_of_line(line, index: int, area_id: str | None) -> str:
    """The list page a decided line is on: of the area's list when the page was narrowed to one
    (the whole list's page when that area is no longer loaded)."""
    try:
        area = choose_area(get_db(), area_id)
    except AreaError:
        area = None
    if area is not None:
        lines = in_area(candidate_list(), area).candidates
        found = next((i for i, c in enumerate(lines) if (c.adult_id, c.child_id) == (line.adult_id, line.child_id)), None)
        if found is None:  # not in that area's list: the whole list's page
            area = None
        else:
            index = found
    return url_for("candidates.candidates", page=index // CANDIDATES_PER_PAGE + 1, area=area.area_id if area else None)


def _file_name(result: candidate_rules.CandidateList, area: AreaChoice | None) -> str:
    """A download's name: the day, and the area's ID (letters, digits and ``-`` only) when chosen."""
    return f"candidates_{result.as_of}" + (f"_{area.area_id.replace(':', '_')}" if area else "")
