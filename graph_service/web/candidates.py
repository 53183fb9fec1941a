"""``/candidates``: the abduction-notice candidate list for disruption leads to review.

Every line shows the legal basis, the score, the evidence with its grades and the reasons, and
the newest decision on the pair; the reviewer approves or rejects a line with a reason (a POST
with the CSRF token). The list, the printable pack and the CSV are audited. The rules are
:mod:`graph_service.analysis.candidates`; decisions :mod:`graph_service.analysis.candidate_review`.
The service never decides: it records what a named reviewer decided.
"""

from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, Length

from graph_service.analysis import candidates as cw
from graph_service.analysis.candidates import review as candidate_review
from graph_service.reports import packs
from graph_service.web.auth import audit, roles_required
from graph_service.web.database import get_db
from graph_service.web.paging import Page, offset, requested_page

blueprint = Blueprint("candidates", __name__)

#: Lines a page shows: each candidate carries its reasons, evidence (folded) and a decision
#: form, so ten fill a few screens; exclusions are one table row each.
CANDIDATES_PER_PAGE = 10
EXCLUSIONS_PER_PAGE = 50
TABS = ("candidates", "excluded")


class DecisionForm(FlaskForm):
    adult_id = HiddenField(validators=[DataRequired(), Length(max=100)])
    child_id = HiddenField(validators=[DataRequired(), Length(max=100)])
    decision = StringField("Decision", validators=[DataRequired(), AnyOf(candidate_review.DECISIONS)])
    reason = TextAreaField("Reason", validators=[DataRequired(), Length(max=2000)],
                           description="Recorded with your name; shown with the line from now on.")


def candidate_list() -> cw.CandidateList:
    return cw.candidate_list(get_db(), as_of=date.today())


def people_of(result: cw.CandidateList) -> list[str]:
    return [pid for c in result.candidates for pid in (c.adult_id, c.child_id)] + [
        pid for e in result.excluded for pid in (e.adult_id, e.child_id)]


def page_data(result: cw.CandidateList) -> dict:
    decisions = candidate_review.latest_decisions(get_db())
    lines = []
    for candidate in result.candidates:
        line = candidate.to_dict()
        line["decision"] = decisions.get((candidate.adult_id, candidate.child_id))
        line["adult_name"] = result.names.get(candidate.adult_id)
        line["child_name"] = result.names.get(candidate.child_id)
        lines.append(line)
    excluded = [{**e.to_dict(), "adult_name": result.names.get(e.adult_id), "child_name": result.names.get(e.child_id)}
                for e in result.excluded]
    return {"as_of": result.as_of.isoformat(), "lookback_days": result.lookback_days, "candidates": lines,
            "excluded": excluded}


@blueprint.get("/candidates")
@roles_required("disruption_lead")
def candidates():
    """Today's list, highest score first, a page at a time; the pairs that are not candidates
    on their own tab (``?tab=excluded``), filtered by ``reason``."""
    tab = request.args.get("tab", "candidates")
    if tab not in TABS:
        abort(400, description=f"tab: choose one of {', '.join(TABS)}.")
    reason = request.args.get("reason") or None
    if reason is not None and reason not in cw.REASONS:
        abort(400, description=f"reason: choose one of {', '.join(cw.REASONS)}.")
    number, per_page = requested_page(CANDIDATES_PER_PAGE if tab == "candidates" else EXCLUSIONS_PER_PAGE)
    result = candidate_list()
    data = page_data(result)
    reasons = {code: sum(e["reason_code"] == code for e in data["excluded"]) for code in cw.REASONS}
    lines = data["candidates"] if tab == "candidates" else [
        e for e in data["excluded"] if reason is None or e["reason_code"] == reason]
    start = offset(number, per_page)
    page = Page(lines[start:start + per_page], len(lines), number, per_page)
    audit("candidates.view", [pid for line in page.items for pid in (line["adult_id"], line["child_id"])],
          detail=f"{tab} page {number}" + (f", {reason}" if reason else ""))
    return render_template("candidates.html", as_of=data["as_of"], lookback_days=data["lookback_days"], tab=tab,
                           page=page, reason=reason, reasons=reasons, totals={
                               "candidates": len(data["candidates"]), "excluded": len(data["excluded"])},
                           reason_texts=cw.REASONS, form=DecisionForm())


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
    flash(f"Recorded: {recorded['decision']} for {line.adult_id} and {line.child_id}.", "info")
    back = url_for("candidates.candidates", page=index // CANDIDATES_PER_PAGE + 1)  # the page the line is on
    return redirect(back + f"#line-{line.adult_id}-{line.child_id}", code=303)


@blueprint.get("/candidates/pack.html")
@roles_required("disruption_lead")
def pack():
    result = candidate_list()
    audit("candidates.export", people_of(result), detail="printable pack")
    return Response(packs.candidates_html(result, generated_by=current_user.name), mimetype="text/html",
                    headers={"Content-Disposition": f'attachment; filename="candidates_{result.as_of}.html"'})


@blueprint.get("/candidates.csv")
@roles_required("disruption_lead")
def csv():
    result = candidate_list()
    audit("candidates.export", people_of(result), detail="csv")
    return Response(packs.candidates_csv(result), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="candidates_{result.as_of}.csv"'})
