"""Logging in and out, sessions, rate limiting, CSRF and security headers."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from test_web_fixtures import BY_ROLE, PASSWORD, csrf_token, login, web_users  # noqa: F401

from graph_service import settings as service_settings
from graph_service.security.audit import AuditLog
from graph_service.security.sessions import SessionStore
from graph_service.security.users import UserStore
from graph_service.web import create_app
from graph_service.web.auth import roles_required


@pytest.fixture
def app(settings, web_users):  # noqa: F811
    app = create_app(settings)
    app.extensions["login_limiter"].reset()  # the counts are the installation's: each test starts at zero
    return app


@pytest.fixture
def client(app):
    return app.test_client()


def test_login_form_has_labelled_fields_and_a_csrf_token(client):
    response = client.get("/login")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    for field in ("username", "password", "purpose"):
        assert f'name="{field}"' in html and f'for="{field}"' in html
    assert csrf_token(html)
    assert 'type="password"' in html


def test_login_without_csrf_token_is_refused_with_400(client):
    response = client.post("/login", data={"username": BY_ROLE["analyst"], "password": PASSWORD})
    assert response.status_code == 400
    assert client.get("/api/v1/summary").status_code == 401


def test_wrong_password_answers_401_and_logs_nobody_in(client):
    response = login(client, BY_ROLE["analyst"], password="not the password at all")
    assert response.status_code == 401
    assert "Unknown user name or wrong password" in response.get_data(as_text=True)
    assert client.get("/api/v1/summary").status_code == 401


def test_unknown_user_gets_the_same_answer_as_a_wrong_password(client):
    response = login(client, "nobody-here", password=PASSWORD)
    assert response.status_code == 401
    assert "Unknown user name or wrong password" in response.get_data(as_text=True)


def test_login_redirects_and_sets_a_hardened_session_cookie(client):
    response = login(client, BY_ROLE["admin"])
    assert response.status_code == 303
    assert response.headers["Location"] == "/"
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("graph_service_session=")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # plain HTTP here: a Secure cookie would never come back
    assert client.get("/api/v1/summary").get_json()["role_view"] == "admin"


@pytest.mark.parametrize("how", ["https base url", "proxy header"])
def test_session_cookie_is_secure_over_tls(app, how):
    client = app.test_client()
    if how == "https base url":
        # Over HTTPS, Flask-WTF also wants a same-site Referer (Referrer-Policy: same-origin sends it).
        response = login(client, BY_ROLE["admin"], base_url="https://localhost",
                         headers={"Referer": "https://localhost/login"})
    else:
        client.environ_base["HTTP_X_FORWARDED_PROTO"] = "https"
        response = login(client, BY_ROLE["admin"], headers={"Referer": "https://localhost/login"})
    assert response.status_code == 303
    assert "Secure" in response.headers["Set-Cookie"]
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


@pytest.mark.parametrize("target, expected", [
    ("/admin/users", "/admin/users"),
    ("https://elsewhere.example/phish", "/"),
    ("//elsewhere.example/phish", "/"),
    ("/\\elsewhere.example", "/"),
])
def test_login_returns_to_the_page_asked_for_but_never_off_site(client, target, expected):
    token = csrf_token(client.get("/login").get_data(as_text=True))
    response = client.post("/login", query_string={"next": target},
                           data={"csrf_token": token, "username": BY_ROLE["admin"], "password": PASSWORD})
    assert response.status_code == 303
    assert response.headers["Location"] == expected


def test_five_failed_logins_in_a_minute_then_429(client):
    name = BY_ROLE["analyst"]
    for _ in range(5):
        assert login(client, name, password="wrong password attempt").status_code == 401
    blocked = login(client, name)  # even the right password: the limit is on the attempts
    assert blocked.status_code == 429
    assert "Too many" in blocked.get_data(as_text=True)
    assert blocked.headers["Retry-After"] == "60"


def test_failed_logins_from_one_address_do_not_lock_the_user_out_elsewhere(app):
    """Anyone can type a colleague's name wrongly five times: that must not shut the
    colleague out of the service from their own desk."""
    name = BY_ROLE["partner"]
    first = app.test_client()
    for _ in range(5):
        assert login(first, name, password="wrong password attempt").status_code == 401
    assert login(first, name).status_code == 429
    other = app.test_client()
    other.environ_base["REMOTE_ADDR"] = "10.9.8.7"
    assert login(other, name).status_code == 303


def test_behind_a_trusted_proxy_failed_logins_count_per_client(tmp_path):
    home = service_settings.load({"GRAPH_SERVICE_HOME": str(tmp_path), "GRAPH_SERVICE_TRUSTED_PROXIES": "1"})
    UserStore.of(home).add("proxied", "admin", PASSWORD)
    app = create_app(home)
    guesser, colleague = app.test_client(), app.test_client()
    guesser.environ_base["HTTP_X_FORWARDED_FOR"] = "198.51.100.7"
    colleague.environ_base["HTTP_X_FORWARDED_FOR"] = "198.51.100.8"
    for _ in range(5):
        assert login(guesser, "nobody-here", password="wrong password attempt").status_code == 401
    assert login(guesser, "proxied").status_code == 429
    assert login(colleague, "proxied").status_code == 303  # the proxy's address is not everyone's


def test_behind_a_trusted_proxy_the_session_is_bound_to_the_client(tmp_path):
    home = service_settings.load({"GRAPH_SERVICE_HOME": str(tmp_path), "GRAPH_SERVICE_TRUSTED_PROXIES": "1"})
    UserStore.of(home).add("proxied", "admin", PASSWORD)
    app = create_app(home)
    owner = app.test_client()
    owner.environ_base["HTTP_X_FORWARDED_FOR"] = "198.51.100.7"
    assert login(owner, "proxied").status_code == 303
    assert owner.get("/api/v1/summary").status_code == 200
    thief = app.test_client()  # same proxy, same browser, another client behind it
    thief.environ_base["HTTP_X_FORWARDED_FOR"] = "198.51.100.9"
    thief.set_cookie("graph_service_session", owner.get_cookie("graph_service_session").value)
    assert thief.get("/api/v1/summary").status_code == 401
    assert owner.get("/api/v1/summary").status_code == 200


def test_without_trusted_proxies_a_forwarded_address_is_ignored(app, client):
    client.environ_base["HTTP_X_FORWARDED_FOR"] = "198.51.100.7"
    assert login(client, BY_ROLE["admin"]).status_code == 303
    client.environ_base["HTTP_X_FORWARDED_FOR"] = "198.51.100.9"  # forged: says nothing
    assert client.get("/api/v1/summary").status_code == 200


def test_trusted_proxies_setting_is_checked():
    assert service_settings.load({"GRAPH_SERVICE_TRUSTED_PROXIES": "2"}).trusted_proxies == 2
    assert service_settings.load({}).trusted_proxies == 0
    with pytest.raises(service_settings.SettingsError):
        service_settings.load({"GRAPH_SERVICE_TRUSTED_PROXIES": "-1"})


def test_successful_logins_do_not_count_towards_the_limit(app):
    for _ in range(7):  # one address, one user name, seven browsers
        assert login(app.test_client(), BY_ROLE["admin"]).status_code == 303


class SessionClock:
    """The sessions' clock, moved on by hand: the lifetimes are tested without waiting."""

    def __init__(self) -> None:
        self.now = time.time()

    def time(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(monkeypatch):
    from graph_service.security import sessions

    moved = SessionClock()
    monkeypatch.setattr(sessions, "time", moved)
    return moved


def test_session_expires_after_inactivity(settings, web_users, clock):  # noqa: F811
    app = create_app(settings)
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(seconds=1)
    client = app.test_client()
    assert login(client, BY_ROLE["admin"]).status_code == 303
    assert client.get("/api/v1/summary").status_code == 200
    clock.sleep(2.2)
    assert client.get("/api/v1/summary").status_code == 401
    page = client.get("/")
    assert page.status_code == 302 and page.headers["Location"].startswith("/login")


def test_activity_keeps_the_session_alive(settings, web_users, clock):  # noqa: F811
    app = create_app(settings)
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(seconds=2)
    client = app.test_client()
    assert login(client, BY_ROLE["admin"]).status_code == 303
    for _ in range(4):
        clock.sleep(0.9)
        assert client.get("/api/v1/summary").status_code == 200


def test_logout_needs_a_post_with_the_csrf_token(client):
    assert login(client, BY_ROLE["admin"]).status_code == 303
    assert client.get("/logout").status_code == 405
    assert client.post("/logout").status_code == 400
    assert client.get("/api/v1/summary").status_code == 200
    token = csrf_token(client.get("/").get_data(as_text=True))
    response = client.post("/logout", data={"csrf_token": token})
    assert response.status_code == 303 and response.headers["Location"] == "/login"
    assert client.get("/api/v1/summary").status_code == 401


def test_a_cookie_copied_before_logout_is_refused_after_it(app, client):
    """Logout ends the session on the server: every copy of the cookie dies with it."""
    assert login(client, BY_ROLE["admin"]).status_code == 303
    copy = app.test_client()
    copy.set_cookie("graph_service_session", client.get_cookie("graph_service_session").value)
    assert copy.get("/api/v1/summary").status_code == 200
    token = csrf_token(client.get("/").get_data(as_text=True))
    assert client.post("/logout", data={"csrf_token": token}).status_code == 303
    assert copy.get("/api/v1/summary").status_code == 401


def test_a_session_ends_at_its_absolute_lifetime_however_busy(settings, web_users, clock):  # noqa: F811
    app = create_app(settings)
    app.config["SESSION_ABSOLUTE_LIFETIME"] = timedelta(seconds=2)
    client = app.test_client()
    assert login(client, BY_ROLE["admin"]).status_code == 303
    for _ in range(2):
        clock.sleep(0.7)
        assert client.get("/api/v1/summary").status_code == 200
    clock.sleep(1.0)
    assert client.get("/api/v1/summary").status_code == 401


def test_the_default_lifetimes_are_30_minutes_idle_and_10_hours_in_all(app):
    assert app.config["PERMANENT_SESSION_LIFETIME"] == timedelta(minutes=30)
    assert app.config["SESSION_ABSOLUTE_LIFETIME"] == timedelta(hours=10)


def test_disabling_a_user_ends_every_copy_of_their_session(settings, app, client):
    store = UserStore.of(settings)
    store.add("web-temp-copies", "admin", PASSWORD)
    assert login(client, "web-temp-copies").status_code == 303
    copy = app.test_client()
    copy.set_cookie("graph_service_session", client.get_cookie("graph_service_session").value)
    store.disable("web-temp-copies")
    assert copy.get("/api/v1/summary").status_code == 401
    assert SessionStore(store).count("web-temp-copies") == 0


def test_disabling_a_user_ends_their_open_session(settings, client):
    store = UserStore.of(settings)
    store.add("web-temp-disable", "admin", PASSWORD)
    assert login(client, "web-temp-disable").status_code == 303
    assert client.get("/api/v1/summary").status_code == 200
    store.disable("web-temp-disable")
    assert client.get("/api/v1/summary").status_code == 401
    assert login(client, "web-temp-disable").status_code == 401


def test_a_new_password_ends_open_sessions(settings, client):
    store = UserStore.of(settings)
    store.add("web-temp-password", "admin", PASSWORD)
    assert login(client, "web-temp-password").status_code == 303
    store.set_password("web-temp-password", PASSWORD + " renewed")
    assert client.get("/api/v1/summary").status_code == 401


def test_a_stolen_cookie_from_another_browser_is_refused(app, client):
    """A session is bound to the address and browser it was opened from."""
    assert login(client, BY_ROLE["admin"]).status_code == 303
    cookie = client.get_cookie("graph_service_session").value
    thief = app.test_client()
    thief.environ_base["REMOTE_ADDR"] = "203.0.113.5"
    thief.environ_base["HTTP_USER_AGENT"] = "other browser"
    thief.set_cookie("graph_service_session", cookie)
    assert thief.get("/api/v1/summary").status_code == 401
    assert client.get("/api/v1/summary").status_code == 200  # the owner carries on


def _assert_security_headers(response, frame: bool = False):
    headers = response.headers
    csp = headers["Content-Security-Policy"]
    if frame:  # a map document: its scripts named by hash, never a nonce
        assert "script-src 'self' 'sha256-" in csp and "nonce" not in csp
    else:
        assert "script-src 'self' 'nonce-" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "unsafe-eval" not in csp
    assert "object-src 'none'" in csp and "base-uri 'none'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    if frame:
        assert "frame-ancestors 'self'" in csp and headers["X-Frame-Options"] == "SAMEORIGIN"
    else:
        assert "frame-ancestors 'none'" in csp and headers["X-Frame-Options"] == "DENY"
        assert "style-src 'self';" in csp


@pytest.mark.parametrize("path, status", [
    ("/login", 200),
    ("/", 302),
    ("/api/v1/people?q=amy", 401),
    ("/no/such/page", 404),
    ("/static/css/dashboard.css", 200),
    ("/static/maps/leaflet/leaflet.js", 200),
])
def test_every_response_carries_the_security_headers(client, path, status):
    response = client.get(path)
    assert response.status_code == status
    _assert_security_headers(response)


def test_each_response_has_its_own_nonce(client):
    nonces = {client.get("/login").headers["Content-Security-Policy"].split("nonce-")[1].split("'")[0]
              for _ in range(3)}
    assert len(nonces) == 3


def test_healthz_stays_open_and_carries_the_headers_when_neo4j_is_down(tmp_path):
    down = service_settings.load({"GRAPH_SERVICE_HOME": str(tmp_path), "NEO4J_URI": "bolt://127.0.0.1:9",
                                  "NEO4J_PASSWORD": "x"})
    response = create_app(down).test_client().get("/healthz")
    assert response.status_code == 503
    assert set(response.get_json()) == {"service", "version", "neo4j"}
    _assert_security_headers(response)


def test_pages_without_login_redirect_and_api_calls_answer_401(client):
    page = client.get("/people/P1")
    assert page.status_code == 302
    assert page.headers["Location"] == "/login?next=/people/P1"
    api = client.get("/api/v1/people/P1")
    assert api.status_code == 401
    assert api.get_json()["error"] == "login required"


def test_roles_required_refuses_a_role_that_does_not_exist():
    with pytest.raises(ValueError, match="unknown roles"):
        roles_required("superintendent")


def test_a_broken_audit_log_refuses_logged_access_with_503(tmp_path):
    """No audit, no access: while the log fails its check, nothing that must be logged is shown."""
    home = service_settings.load({"GRAPH_SERVICE_HOME": str(tmp_path)})
    UserStore.of(home).add("auditor", "admin", PASSWORD)
    app = create_app(home)
    client = app.test_client()
    assert login(client, "auditor").status_code == 303
    assert client.get("/admin/audit").status_code == 200

    log = AuditLog.of(home)
    lines = log.path.read_text().splitlines(keepends=True)
    log.path.write_text("".join(lines[1:]))  # the login entry is removed

    refused = client.get("/admin/audit")
    assert refused.status_code == 503
    assert "audit log" in refused.get_data(as_text=True)
    assert client.get("/api/v1/audit").status_code == 503
    summary = client.get("/api/v1/summary").get_json()  # the home page says so, and logs nothing
    assert summary["audit"]["intact"] is False
    assert summary["audit"]["problems"]
