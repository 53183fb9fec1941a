"""``graph-service profile``: the JSON the issue names, audited; the printable pack in Chromium,
self-contained and printable to PDF."""

from __future__ import annotations

import json
import re

import pytest
from test_profile import west  # noqa: F401

from graph_service.security.audit import AuditLog


def test_the_command_prints_the_profile_as_json_and_audits_it(west, cli, neo4j_server, settings):  # noqa: F811
    env = {"NEO4J_URI": neo4j_server.uri, "NEO4J_PASSWORD": neo4j_server.password}
    done = cli("profile", "West", "--from", "2026-03-01", "--to", "2026-03-31", "--since", "2026-03-15", "--json",
               "--purpose", "MACSE March", env=env)
    assert done.returncode == 0, done.stderr
    profile = json.loads(done.stdout)
    assert {"area", "from", "to", "victims", "offenders", "locations", "themes", "indicators"} <= set(profile)
    assert profile["victims"]["total"] == 2 and profile["indicators"]["by_month"][0]["month"] == "2026-03"
    entry = AuditLog.of(settings).newest(1, action="profile.view")[0]
    assert entry.purpose == "MACSE March" and "area=ward:west" in entry.detail
    partner = json.loads(cli("profile", "ward:west", "--from", "2026-03-01", "--to", "2026-03-31", "--partner",
                             "--json", env=env).stdout)
    assert partner["victims"]["total"] is None and partner["withheld"]["victims.total"]
    unknown = cli("profile", "Nowhere", "--from", "2026-03-01", "--to", "2026-03-31", env=env)
    assert unknown.returncode == 1 and "no loaded area has the ID or name 'Nowhere'" in unknown.stderr


def test_the_printable_pack_is_self_contained_and_prints(west, cli, neo4j_server, browser, tmp_path):  # noqa: F811
    env = {"NEO4J_URI": neo4j_server.uri, "NEO4J_PASSWORD": neo4j_server.password}
    out = tmp_path / "pack.html"
    done = cli("profile", "West", "--from", "2026-03-01", "--to", "2026-03-31", "--html", str(out), env=env)
    assert done.returncode == 0, done.stderr
    page = browser.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(out.as_uri())
    assert [r for r in requests if not r.startswith("data:")] == [out.as_uri()]
    assert page.locator("h1").inner_text().startswith("Problem profile: West")
    assert page.locator("figure img").count() == 13
    assert "Children at risk" in page.locator(".profile-headlines").inner_text()
    assert page.pdf(format="A4").startswith(b"%PDF")
    page.close()


def pdf_text(path) -> str:
    """The PDF's text, ligatures (the "fi" of "profile") as their letters."""
    import unicodedata

    from pypdf import PdfReader

    return unicodedata.normalize("NFKC", "\n".join(page.extract_text() for page in PdfReader(path).pages))


def test_the_issue_s_interface_area_format_and_out(west, cli, neo4j_server, settings, tmp_path):  # noqa: F811
    env = {"NEO4J_URI": neo4j_server.uri, "NEO4J_PASSWORD": neo4j_server.password}
    out = tmp_path / "profile.json"
    done = cli("profile", "--area", "West", "--from", "2026-03-01", "--to", "2026-03-31", "--since", "2026-03-15",
               "--format", "json", "--out", str(out), env=env)
    assert done.returncode == 0, done.stderr
    profile = json.loads(out.read_text(encoding="utf-8"))
    assert profile["area"]["area_id"] == "ward:west" and (profile["from"], profile["to"]) == ("2026-03-01", "2026-03-31")
    assert set(profile["victims"]) >= {"total", "by_age_band", "by_gender", "looked_after"}
    assert set(profile["offenders"]) >= {"total", "by_age_band", "by_gender"}
    assert [m["month"] for m in profile["indicators"]["by_month"]] == ["2026-03"]
    assert profile["withheld"] == {} and profile["indicators"]["by_month"][0]["withheld"] == {}
    entry = AuditLog.of(settings).newest(1, action="profile.export")[0]
    assert "area=ward:west" in entry.detail and "format=json" in entry.detail
    # the partner's months carry the reason beside each withheld figure
    partner = json.loads(cli("profile", "--area", "ward:west", "--from", "2026-03-01", "--to", "2026-03-31",
                             "--partner", "--format", "json", env=env).stdout)
    march = partner["indicators"]["by_month"][0]
    assert march["intel_reports"] is None and march["withheld"]["intel_reports"].startswith("withheld: a count below 3")
    # two ways of naming the area that disagree; a PDF to the terminal; no force to default to
    twice = cli("profile", "West", "--area", "East", "--from", "2026-03-01", "--to", "2026-03-31", env=env)
    assert twice.returncode == 2 and "given twice" in twice.stderr
    terminal = cli("profile", "--area", "West", "--from", "2026-03-01", "--to", "2026-03-31", "--format", "pdf", env=env)
    assert terminal.returncode == 2 and "--out FILE" in terminal.stderr
    no_force = cli("profile", "--from", "2026-03-01", "--to", "2026-03-31", env=env)
    assert no_force.returncode == 1 and "the profile is the force's, and none is loaded" in no_force.stderr


def test_the_pack_as_pdf_holds_the_charts_titles_and_figures(west, cli, neo4j_server, settings, tmp_path):  # noqa: F811
    env = {"NEO4J_URI": neo4j_server.uri, "NEO4J_PASSWORD": neo4j_server.password}
    out = tmp_path / "pack.pdf"
    done = cli("profile", "--area", "West", "--from", "2026-03-01", "--to", "2026-03-31", "--format", "pdf",
               "--out", str(out), "--purpose", "MACSE March", env=env)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF")
    text = pdf_text(out)
    assert "Problem profile: West" in text
    for title in ("Children at risk by age band", "Children at risk by gender", "Missing episodes and return interviews",
                  "Intelligence reports by assessment"):
        assert text.count(title) >= 2, title  # in the chart and in its table's caption
    # the figures: C1 is 13 (13 to 15); in March three missing episodes, one child repeat missing, one
    # return interview, in time; one report graded 2B (the month may wrap in its cell: "2026-\n03")
    assert re.search(r"13 to 15\s+1\b", text)
    assert re.search(r"2026-\s*03 3 1 1 1\n", text) and re.search(r"2026-\s*03 0 1 0 0 0\n", text)
    entry = AuditLog.of(settings).newest(1, action="profile.export")[0]
    assert entry.purpose == "MACSE March" and "format=pdf" in entry.detail


def test_without_chromium_the_pdf_is_refused_with_what_to_install(monkeypatch, tmp_path):
    from graph_service.reports.pdf import PdfUnavailable, html_to_pdf

    monkeypatch.setenv("PATH", str(tmp_path))  # a PATH holding no browser
    with pytest.raises(PdfUnavailable, match=r"Chromium is needed .*`apt-get install chromium`"):
        html_to_pdf("<p>x</p>")
