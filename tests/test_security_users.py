"""Users, roles and passwords, in the store and through `graph-service users`."""

from __future__ import annotations

import json
import os
import stat

import pytest

from graph_service.security import passwords
from graph_service.security.roles import ROLES, grants, sees_personal_data
from graph_service.security.sessions import SessionStore
from graph_service.security.users import UserProblem, UserStore

GOOD = "a long enough passphrase"


@pytest.fixture
def store(tmp_path):
    return UserStore(tmp_path / "users.sqlite3")


def test_passwords_are_stored_as_argon2id_hashes_only(store):
    store.add("a.analyst", "analyst", GOOD)
    raw = store.path.read_bytes()
    assert GOOD.encode() not in raw
    assert store.get("a.analyst").password_hash.startswith("$argon2id$")
    assert stat.S_IMODE(os.stat(store.path).st_mode) == 0o600


def test_authenticate(store):
    store.add("a.analyst", "analyst", GOOD)
    assert store.authenticate("a.analyst", GOOD).role == "analyst"
    assert store.authenticate("a.analyst", GOOD + "x") is None
    assert store.authenticate("nobody", GOOD) is None


def test_disabled_user_cannot_log_in(store):
    store.add("p.partner", "partner", GOOD)
    store.disable("p.partner")
    assert store.authenticate("p.partner", GOOD) is None
    assert store.get("p.partner").active is False


def test_a_new_password_or_disabling_ends_the_users_sessions_held_on_the_server(store):
    sessions = SessionStore(store)
    store.add("a.analyst", "analyst", GOOD)
    store.add("b.analyst", "analyst", GOOD)
    first, other = sessions.open("a.analyst", "here"), sessions.open("b.analyst", "here")
    assert sessions.find(first, "here", idle=60, absolute=600) == "a.analyst"
    assert sessions.find(first, "elsewhere", idle=60, absolute=600) is None  # bound to where it was opened
    store.set_password("a.analyst", GOOD + " two")
    assert sessions.find(first, "here", idle=60, absolute=600) is None
    second = sessions.open("a.analyst", "here")
    store.disable("a.analyst")
    assert sessions.find(second, "here", idle=60, absolute=600) is None
    assert sessions.find(other, "here", idle=60, absolute=600) == "b.analyst"  # others carry on
    with store.transaction() as db:  # only a hash of the token is kept
        assert first not in str(db.execute("SELECT * FROM sessions").fetchall())


@pytest.mark.parametrize("name, role, password, message", [
    ("Bad Name", "analyst", GOOD, "not allowed"),
    ("ok.name", "superuser", GOOD, "no role 'superuser'"),
    ("ok.name", "analyst", "short", "at least 12 characters"),
])
def test_bad_users_are_refused_with_a_reason(store, name, role, password, message):
    with pytest.raises(UserProblem, match=message):
        store.add(name, role, password)
    assert store.list() == []


def test_duplicate_user_is_refused(store):
    store.add("a.analyst", "analyst", GOOD)
    with pytest.raises(UserProblem, match="already exists"):
        store.add("a.analyst", "admin", GOOD)
    assert store.get("a.analyst").role == "analyst"


def test_roles_follow_the_design():
    assert set(ROLES) == {"analyst", "disruption_lead", "partner", "admin"}
    assert grants("disruption_lead", "analyst") and grants("disruption_lead", "disruption_lead")
    assert not grants("analyst", "disruption_lead")
    assert [r for r in ROLES if sees_personal_data(r)] == ["analyst", "disruption_lead"]
    assert not grants("admin", "analyst") and not grants("partner", "analyst")


def test_verify_password_without_a_hash_is_false():
    assert passwords.verify_password(None, GOOD) is False


# -- the command line -----------------------------------------------------------------------

@pytest.fixture
def home(tmp_path):
    return {"GRAPH_SERVICE_HOME": str(tmp_path / "home")}


def test_users_add_from_a_password_file_list_and_disable(cli, tmp_path, home):
    secret = tmp_path / "pw.txt"
    secret.write_text(GOOD + "\n")
    added = cli("users", "add", "a.analyst", "--role", "analyst", "--password-file", str(secret), env=home)
    assert added.returncode == 0, added.stderr
    assert GOOD not in added.stdout + added.stderr

    listed = json.loads(cli("users", "list", "--json", env=home).stdout)
    assert listed == [{"name": "a.analyst", "role": "analyst", "active": True,
                       "created_at": listed[0]["created_at"], "disabled_at": None}]
    assert "password_hash" not in json.dumps(listed)

    store = UserStore(tmp_path / "home" / "security" / "users.sqlite3")
    assert store.authenticate("a.analyst", GOOD) is not None

    assert cli("users", "disable", "a.analyst", env=home).returncode == 0
    assert store.authenticate("a.analyst", GOOD) is None
    assert json.loads(cli("users", "list", "--json", env=home).stdout)[0]["active"] is False


def test_users_add_prompts_for_the_password(cli, tmp_path, home):
    result = cli("users", "add", "m.admin", "--role", "admin", input=f"{GOOD}\n{GOOD}\n", env=home)
    assert result.returncode == 0, result.stderr
    store = UserStore(tmp_path / "home" / "security" / "users.sqlite3")
    assert store.authenticate("m.admin", GOOD).role == "admin"


def test_users_add_has_no_password_option(cli, home):
    result = cli("users", "add", "x.user", "--role", "analyst", "--password", GOOD, env=home)
    assert result.returncode != 0
    assert "No such option" in result.stderr


@pytest.mark.parametrize("args, message", [
    (["users", "add", "x.user", "--role", "chief"], "'chief' is not one of"),
    (["users", "add", "x.user", "--role", "analyst", "--password-file", "/nonexistent/pw"],
     "cannot read the password file /nonexistent/pw"),
    (["users", "disable", "ghost"], "no user 'ghost'"),
])
def test_users_command_problems_exit_non_zero_with_a_message(cli, home, args, message):
    result = cli(*args, env=home)
    assert result.returncode != 0
    assert message in result.stderr


def test_weak_password_from_file_is_refused(cli, tmp_path, home):
    secret = tmp_path / "pw.txt"
    secret.write_text("short\n")
    result = cli("users", "add", "x.user", "--role", "analyst", "--password-file", str(secret), env=home)
    assert result.returncode == 1
    assert "at least 12 characters" in result.stderr


def test_users_demo_makes_one_user_per_role_with_fresh_random_passwords(cli, tmp_path, home):
    first = cli("users", "demo", env=home)
    second = cli("users", "demo", env=home)
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr

    def passwords_in(output):
        rows = [line.split("|") for line in output.splitlines() if line.startswith("| demo-")]
        return {cells[1].strip(): (cells[2].strip(), cells[3].strip()) for cells in rows}

    once, again = passwords_in(first.stdout), passwords_in(second.stdout)
    assert {role for role, _ in once.values()} == set(ROLES)
    assert all(once[name][1] != again[name][1] for name in once)
    store = UserStore(tmp_path / "home" / "security" / "users.sqlite3")
    for name, (role, password) in again.items():
        assert store.authenticate(name, password).role == role
        assert store.authenticate(name, once[name][1]) is None


def test_two_homes_have_separate_users(cli, tmp_path):
    secret = tmp_path / "pw.txt"
    secret.write_text(GOOD)
    one, two = {"GRAPH_SERVICE_HOME": str(tmp_path / "one")}, {"GRAPH_SERVICE_HOME": str(tmp_path / "two")}
    assert cli("users", "add", "only.here", "--role", "analyst", "--password-file", str(secret), env=one).returncode == 0
    assert json.loads(cli("users", "list", "--json", env=two).stdout) == []
    assert [u["name"] for u in json.loads(cli("users", "list", "--json", env=one).stdout)] == ["only.here"]
