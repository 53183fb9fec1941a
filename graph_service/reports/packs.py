"""Printable packs and spreadsheets: candidate lists and disruption action lists.

The disruption meeting works from paper as often as from a screen, so each list has a
self-contained HTML pack (print CSS, no scripts, nothing fetched from elsewhere) and a CSV.
The dashboard offers the same packs as downloads.

>>> candidates_csv(CandidateList(date(2026, 10, 31), 365, [], [])).splitlines()[0]   # doctest: +ELLIPSIS
'"status","rank","adult_id","child_id","legal_bases","score","statement_held","evidence","reason_code","reasons"'
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timezone
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from graph_service.analysis.candidates import CandidateList, window_start

TEMPLATES = Path(__file__).parent / "templates"
_env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]),
                   trim_blocks=True, lstrip_blocks=True)

#: Spreadsheet programs run cells that start like a formula; such text is written with a
#: leading apostrophe so an ID or a reason can never become one (OWASP "CSV injection";
#: ASVS 5.0 1.2.10 adds the null character).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\0")


def _cell(value) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _csv(header: list[str], rows: list[list]) -> str:
    out = io.StringIO()
    # Every cell quoted (OWASP): a spreadsheet that splits on ";" or tabs, as many locales do,
    # then finds no new cell starting inside one of ours, where a formula could begin.
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(header)
    writer.writerows([[_cell(v) for v in row] for row in rows])
    return out.getvalue()


def _stamp() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def _evidence_text(item: dict) -> str:
    ids = "+".join([item["id"], *item.get("related_ids", [])])
    return f"{ids} ({item['kind']}, {item['date'] or 'undated'}, {'/'.join(item['grades'])})"


def candidates_csv(result: CandidateList) -> str:
    """One row per candidate (ranked) and per excluded pair."""
    rows = []
    for rank, c in enumerate(result.to_dict()["candidates"], 1):
        rows.append(["candidate", rank, c["adult_id"], c["child_id"], ";".join(c["legal_bases"]), c["score"],
                     "yes" if c["statement_held"] else "no", "; ".join(_evidence_text(e) for e in c["evidence"]),
                     "", " | ".join(c["reasons"])])
    for e in result.to_dict()["excluded"]:
        rows.append(["excluded", "", e["adult_id"], e["child_id"], "", "", "", "", e["reason_code"], e["reason"]])
    return _csv(["status", "rank", "adult_id", "child_id", "legal_bases", "score", "statement_held", "evidence",
                 "reason_code", "reasons"], rows)


def candidates_html(result: CandidateList, generated_by: str | None = None, area: str | None = None) -> str:
    """The candidate list as a printable pack for the disruption meeting; ``area`` names the
    area the list was narrowed to (:mod:`graph_service.analysis.area_filter`), if any."""
    data = result.to_dict()
    return _env.get_template("candidates_pack.html").render(
        as_of=data["as_of"], lookback_days=result.lookback_days, area=area,
        window_start=window_start(result.as_of, result.lookback_days).isoformat(),
        candidates=data["candidates"], excluded=data["excluded"], names=result.names,
        generated_at=_stamp(), generated_by=generated_by)


ACTION_COLUMNS = ["action_id", "plan_id", "target_kind", "target_id", "target_label", "tactic", "title",
                  "legal_basis", "facts", "evidence_ids", "owner", "due_on", "status", "supported", "notes"]


def actions_csv(actions: list[dict]) -> str:
    """Stored actions (:func:`graph_service.analysis.disruption.stored_actions`) as a spreadsheet."""
    rows = []
    for a in actions:
        rows.append([a.get("action_id"), a.get("plan_id"), a.get("target_kind"), a.get("target_id"),
                     a.get("target_label"), a.get("tactic"), a.get("title"), a.get("legal_basis"),
                     " | ".join(a.get("facts") or []), ";".join(a.get("evidence_ids") or []), a.get("owner") or "",
                     _iso(a.get("due_on")), a.get("status"), "no" if a.get("supported") is False else "yes",
                     " | ".join(a.get("notes") or [])])
    return _csv(ACTION_COLUMNS, rows)


def actions_html(actions: list[dict], plan: dict | None = None, generated_by: str | None = None) -> str:
    """The action list as a printable pack for the MACSE meeting; ``plan`` (a stored plan or
    ``Plan.to_dict()``) heads it when the list is one plan's."""
    if plan is not None:
        plan = {**plan, "as_of": _iso(plan.get("as_of")), "members": plan.get("members") or []}
    shown = [{**a, "due_on": _iso(a.get("due_on"))} for a in actions]
    open_count = sum(1 for a in actions if a.get("status") in ("proposed", "agreed", "in_progress"))
    return _env.get_template("disruption_actions.html").render(
        actions=shown, plan=plan, open_count=open_count, generated_at=_stamp(), generated_by=generated_by)


def _iso(value) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, (date, datetime)) else str(value)
