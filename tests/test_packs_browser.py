"""The printable packs in real headless Chromium: they render, print, and fetch nothing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from graph_service.analysis import candidates as cw
from graph_service.reports import packs

pytestmark = pytest.mark.browser

D = date(2026, 10, 31)


def open_pack(browser, tmp_path, html: str):
    path = tmp_path / "pack.html"
    path.write_text(html, encoding="utf-8")
    page = browser.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.as_uri())
    return page, requests, path


def test_the_candidate_pack_renders_prints_and_fetches_nothing(browser, tmp_path):
    people = [cw.Person("A1", date(1980, 1, 1), "Invented <b>Adult</b>"), cw.Person("C1", date(2013, 2, 2)),
              cw.Person("B1", date(2010, 5, 5))]
    evidence = [cw.Evidence(cw.SIGHTING, "S1", ("C1", "A1"), D - timedelta(days=3), (cw.Grade.recorded_fact("S1"),)),
                cw.Evidence(cw.SIGHTING, "S2", ("C1", "B1"), D - timedelta(days=3), (cw.Grade.recorded_fact("S2"),))]
    result = cw.evaluate(cw.Facts(people=people, evidence=evidence), D)
    page, requests, path = open_pack(browser, tmp_path, packs.candidates_html(result, generated_by="cli:tester"))
    assert requests == [path.as_uri()]
    assert page.title() == "Abduction warning notice candidates, 2026-10-31"
    assert page.locator("h3").first.inner_text().startswith("1. Adult A1 (Invented <b>Adult</b>)")  # escaped
    assert page.locator("text=adult_under_18").is_visible()
    assert page.locator("text=OFFICIAL-SENSITIVE").first.is_visible()
    pdf = page.pdf(format="A4", landscape=True)
    assert pdf.startswith(b"%PDF") and len(pdf) > 2000


def test_the_action_list_renders_for_the_meeting(browser, tmp_path):
    actions = [{"action_id": "action-1", "plan_id": "network:7", "tactic": "vehicle_marker",
                "title": "Vehicle marker on the Police National Computer and ANPR alert", "legal_basis": "PNC",
                "target_kind": "vehicle", "target_id": "AB12CDE", "target_label": "AB12CDE (blue Ford Focus)",
                "facts": ["Sighted 2 times at locations of concern."], "evidence_ids": ["S1", "S2"],
                "owner": None, "due_on": date(2026, 11, 28), "status": "proposed", "supported": True, "notes": []}]
    page, requests, path = open_pack(browser, tmp_path, packs.actions_html(actions))
    assert requests == [path.as_uri()]
    row = page.locator("tbody tr").first.inner_text()
    assert "AB12CDE (blue Ford Focus)" in row and "unassigned" in row and "2026-11-28" in row
    assert page.pdf(format="A4").startswith(b"%PDF")
