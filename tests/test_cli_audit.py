"""The command line's audit entries (issue #11): `query` and every export are on record as the
operating-system user, before anything is shown, written or changed; while the audit log
fails its check, commands that show personal data refuse with a clear error."""

from __future__ import annotations

import getpass
import json

import pytest
from test_web_fixtures import broken, loaded  # noqa: F401

from graph_service.security.audit import AuditLog

OPERATOR = f"cli:{getpass.getuser()}"


@pytest.fixture
def log(settings):
    return AuditLog.of(settings)


def newest(log: AuditLog):
    return log.newest(1)[0]


def test_query_is_audited_with_its_text_parameter_names_and_write_flag(loaded, cli, log):
    text = "MATCH (p:Person) WHERE p.person_id = $id RETURN p.surname AS surname"
    answer = cli("query", "--json", "--param", "id=P1", text)
    assert answer.returncode == 0, answer.stderr
    entry = newest(log)
    assert (entry.user, entry.action) == (OPERATOR, "query")
    detail = json.loads(entry.detail)
    assert detail == {"cypher": text, "name": None, "params": ["id"], "write": False}
    assert "P1" not in entry.detail.replace("p.person_id", "")  # parameter values stay out

    written = cli("query", "--write", "CREATE (m:AuditProbe {n: 1}) RETURN m.n AS n")
    assert written.returncode == 0, written.stderr
    entry = newest(log)
    assert entry.action == "query.write" and json.loads(entry.detail)["write"] is True


def test_a_write_query_changes_nothing_while_the_log_is_broken(loaded, cli, log):
    with broken(log):
        refused = cli("query", "--write", "CREATE (m:AuditProbeBroken) RETURN 1 AS n")
    assert refused.returncode == 1
    assert "audit log fails its check" in refused.stderr
    check = cli("query", "--json", "MATCH (m:AuditProbeBroken) RETURN count(m) AS n")
    assert json.loads(check.stdout) == [{"n": 0}]


@pytest.mark.parametrize("args", [
    ["people", "duplicates", "--json"],
    ["networks", "list", "--json"],
    ["candidates", "--format", "json"],
    ["query", "--json", "MATCH (p:Person) RETURN p.surname AS surname"],
    ["disruption", "actions", "--format", "json"],
    ["hotspots", "--out", "{tmp}/layer.geojson"],
])
def test_commands_showing_personal_data_refuse_while_the_log_is_broken(loaded, cli, log, tmp_path, args):
    with broken(log):
        refused = cli(*[a.replace("{tmp}", str(tmp_path)) for a in args])
    assert refused.returncode == 1, refused.stdout
    assert "audit log fails its check" in refused.stderr and "Traceback" not in refused.stderr
    assert "Hart" not in refused.stdout and "P1" not in refused.stdout
    assert not (tmp_path / "layer.geojson").exists()


def test_exports_are_audited_with_their_parameters(loaded, cli, log, tmp_path):
    out = tmp_path / "candidates.csv"
    answer = cli("candidates", "--format", "csv", "--out", str(out), "--purpose", "case 7")
    assert answer.returncode == 0, answer.stderr
    entry = newest(log)
    assert (entry.user, entry.action, entry.purpose) == (OPERATOR, "candidates.export.csv", "case 7")
    assert "format=csv" in entry.detail and f"out={out}" in entry.detail and "lookback_days=" in entry.detail

    layer = tmp_path / "layer.geojson"
    answer = cli("hotspots", "--kinds", "missing,sighting", "--cell", "300", "--out", str(layer))
    assert answer.returncode == 0, answer.stderr
    entry = newest(log)
    assert (entry.user, entry.action) == (OPERATOR, "hotspots.export")
    for part in ("source=stored", "kinds=missing,sighting", "cell=300.0", f"out={layer}"):
        assert part in entry.detail, entry.detail

    answer = cli("people", "duplicates", "--json")
    assert answer.returncode == 0, answer.stderr
    assert newest(log).action == "people.duplicates" and newest(log).detail == "json=True"


def test_networks_and_disruption_plans_are_audited(loaded, cli, log):
    detected = cli("networks", "detect", "--json")
    assert detected.returncode == 0, detected.stderr
    entry = newest(log)
    assert entry.action == "networks.detect" and "seed=42" in entry.detail
    network_id = json.loads(detected.stdout)["networks"][0]["network_id"]
    shown = cli("networks", "show", str(network_id))
    assert shown.returncode == 0, shown.stderr
    entry = newest(log)
    assert entry.action == "networks.show" and f"network={network_id}" in entry.detail and "P2" in entry.ids

    planned = cli("disruption", "plan", "--network", str(network_id), "--format", "json")
    assert planned.returncode == 0, planned.stderr
    entry = newest(log)
    assert entry.action == "disruption.plan" and f"plan=network:{network_id}" in entry.detail
    actions = json.loads(planned.stdout)["stored_actions"]
    named = {p for a in actions if a["target_kind"] != "person" for p in a.get("person_ids") or []}
    assert named and named <= set(entry.ids)
    listed = cli("disruption", "actions", "--format", "csv")
    assert listed.returncode == 0, listed.stderr
    assert named <= set(newest(log).ids)


def test_users_are_not_changed_while_the_log_is_broken(cli, log, settings, tmp_path):
    from graph_service.security.users import UserStore

    password = tmp_path / "password"
    password.write_text("a long enough passphrase\n")
    log.append("tests", "setup")  # a log to break
    with broken(log):
        refused = cli("users", "add", "cli-while-broken", "--role", "analyst", "--password-file", str(password))
    assert refused.returncode == 1 and "audit verify" in refused.stderr
    assert UserStore.of(settings).get("cli-while-broken") is None
    added = cli("users", "add", "cli-while-broken", "--role", "analyst", "--password-file", str(password))
    assert added.returncode == 0, added.stderr
    assert (newest(log).user, newest(log).action, newest(log).ids) == (OPERATOR, "user.add", ["cli-while-broken"])
