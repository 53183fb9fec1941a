"""``graph-service profile``: the JSON the issue names, audited; the printable pack in Chromium,
self-contained and printable to PDF."""

from __future__ import annotations

import json

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
    assert page.locator("figure img").count() == 12
    assert "Children at risk" in page.locator(".profile-headlines").inner_text()
    assert page.pdf(format="A4").startswith(b"%PDF")
    page.close()
