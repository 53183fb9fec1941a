"""Logging in and out, who may see what, and writing what they saw to the audit log.

Other features' pages use three things from here::

    from graph_service.web.auth import roles_required, audit

    @blueprint.get("/candidates")
    @roles_required("disruption_lead")
    def candidates():
        rows = ...
        audit("candidates.view", [row["adult_id"] for row in rows])
        return render_template(...)

``roles_required`` answers 401 (API) or a redirect to the login page when nobody is logged
in, and 403 when the user's role does not grant the ability. ``audit`` appends to the
audit log with the user and the purpose they gave at login; it must run *before* the
response is built, so that a broken audit log refuses the access instead of missing it.
"""

from __future__ import annotations

import hashlib
from functools import wraps
from typing import Iterable
from urllib.parse import urlsplit

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_limiter import Limiter
from flask_login import LoginManager, UserMixin, current_user, login_required, login_user, logout_user
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length, Optional

from graph_service.security import login_limits
from graph_service.security.audit import NOT_STATED, AuditLog, AuditLogBroken
from graph_service.security.roles import ROLES, grants
from graph_service.security.sessions import SessionStore
from graph_service.security.users import User, UserStore

blueprint = Blueprint("auth", __name__)

#: Failed logins allowed per client address and per user name before 429.
FAILED_LOGINS_PER_MINUTE = 5


class DashboardUser(UserMixin):
    """The logged-in user as Flask-Login sees them."""

    def __init__(self, user: User, token: str):
        self.name = user.name
        self.role = user.role
        self.token = token

    def get_id(self) -> str:
        # What Flask-Login keeps in the cookie: the token of the session held on the server.
        return self.token

    def can(self, ability: str) -> bool:
        return grants(self.role, ability)

    @property
    def role_label(self) -> str:
        return self.role.replace("_", " ")


class LoginForm(FlaskForm):
    username = StringField("User name", validators=[DataRequired(), Length(max=64)],
                           render_kw={"autocomplete": "username", "autocapitalize": "none"})
    password = PasswordField("Password", validators=[DataRequired(), Length(max=1024)],
                             render_kw={"autocomplete": "current-password"})
    purpose = StringField("Purpose of this session (optional)", validators=[Optional(), Length(max=200)],
                          description="For example a case reference or the MACSE meeting date. "
                                      "It is written to the audit log with everything you view.")


login_manager = LoginManager()
# Flask-Login's own protection only marks a permanent session "not fresh"; binding below
# ends it instead.
login_manager.session_protection = "basic"


def _users() -> UserStore:
    return current_app.extensions["users"]


def audit_log() -> AuditLog:
    return current_app.extensions["audit_log"]


def _sessions() -> SessionStore:
    return current_app.extensions["sessions"]


def _lifetimes() -> tuple[float, float]:
    """(idle timeout, absolute lifetime) in seconds."""
    return (current_app.config["PERMANENT_SESSION_LIFETIME"].total_seconds(),
            current_app.config["SESSION_ABSOLUTE_LIFETIME"].total_seconds())


@login_manager.user_loader
def _load_user(token: str) -> DashboardUser | None:
    # Ended (logout, disabled user, new password), idle, too old or used from elsewhere: the
    # request is anonymous, whatever the cookie says.
    name = _sessions().find(token, _binding(), *_lifetimes())
    user = _users().get(name) if name else None
    if user is None or not user.active:
        return None
    return DashboardUser(user, token)


def wants_json() -> bool:
    return request.path.startswith("/api/")


@login_manager.unauthorized_handler
def _unauthorized():
    if wants_json():
        abort(401)
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def _safe_next(target: str | None) -> str:
    """Only a path on this site: never an open redirect to somewhere else."""
    if not target:
        return url_for("home.home")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return url_for("home.home")
    return target


def _binding() -> str:
    """What a session is bound to: the client's address and browser. A session cookie copied
    to another machine or browser is worthless (the user there must log in)."""
    seen = f"{request.remote_addr}|{request.headers.get('User-Agent', '')}"
    return hashlib.sha256(seen.encode()).hexdigest()


def _client_address() -> str:
    # The client's own address behind GRAPH_SERVICE_TRUSTED_PROXIES proxies (ProxyFix).
    return request.remote_addr or "unknown"


def _login_name_here() -> str:
    # Per name *and* address: failed guesses from one place cannot lock the user out from
    # everywhere else.
    return f"{(request.form.get('username') or '').strip().lower()[:64]}|{_client_address()}"


def _failed(response) -> bool:
    return response.status_code == 401


@blueprint.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if request.method == "GET":
        if current_user.is_authenticated:
            return redirect(url_for("home.home"))
        return render_template("login.html", form=form)
    if not form.validate_on_submit():
        return render_template("login.html", form=form), 400
    user = _users().authenticate(form.username.data.strip().lower(), form.password.data)
    if user is None:
        flash("Unknown user name or wrong password.", "error")
        return render_template("login.html", form=form), 401
    purpose = (form.purpose.data or "").strip() or NOT_STATED
    try:  # no session unless its opening is on record
        audit_log().append(user.name, "login", [], purpose, detail=f"role {user.role}")
    except AuditLogBroken:
        current_app.logger.error("audit log broken: login refused")
        flash("The audit log failed its integrity check, so nobody can log in until an administrator has run "
              "`graph-service audit verify`.", "error")
        return render_template("login.html", form=form), 503
    session.clear()  # a fresh session: nothing from before login survives (no fixation)
    _sessions().end_expired(*_lifetimes())
    login_user(DashboardUser(user, _sessions().open(user.name, _binding())))
    session.permanent = True  # the cookie expires after PERMANENT_SESSION_LIFETIME without a request
    session["purpose"] = purpose
    return redirect(_safe_next(request.args.get("next")), code=303)


@blueprint.post("/logout")
@login_required
def logout():
    try:
        audit_log().append(current_user.name, "logout", [], purpose())
    except AuditLogBroken:
        current_app.logger.error("audit log broken: logout not recorded")  # ending a session is always allowed
    _sessions().end(current_user.token)  # every copy of the cookie ends with it
    logout_user()
    session.clear()
    flash("You have logged out.", "info")
    return redirect(url_for("auth.login"), code=303)


def roles_required(*abilities: str):
    """Let in a logged-in user whose role grants any of ``abilities`` (role names)."""
    unknown = set(abilities) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown roles {sorted(unknown)}; roles are {list(ROLES)}")

    def decorate(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if not any(current_user.can(ability) for ability in abilities):
                abort(403)
            return view(*args, **kwargs)

        wrapped.required_roles = abilities
        return wrapped

    return decorate


def purpose() -> str:
    return session.get("purpose") or NOT_STATED


def audit(action: str, ids: Iterable[str], detail: str | None = None) -> None:
    """Append what the current user is about to see; refuse the request (503) when the log
    is broken, because access that cannot be logged must not happen."""
    try:
        audit_log().append(current_user.name, action, list(dict.fromkeys(ids)), purpose(), detail=detail)
    except AuditLogBroken:
        current_app.logger.error("audit log broken: access refused")
        abort(503, description="The audit log failed its integrity check, so this cannot be shown. "
                               "An administrator must run `graph-service audit verify`.")


def init_app(app) -> None:
    settings = app.config["SETTINGS"]
    app.extensions["users"] = UserStore.of(settings)
    app.extensions["sessions"] = SessionStore(app.extensions["users"])
    app.extensions["audit_log"] = AuditLog.of(settings)
    login_manager.init_app(app)
    app.register_blueprint(blueprint)
    _limit_failed_logins(app)


def _limit_failed_logins(app) -> None:
    """After 5 failed logins in a minute from one address, or for one user name from one
    address, answer 429.
    The counts are kept in the state folder (:mod:`graph_service.security.login_limits`), so
    every process serving the dashboard (``serve --workers N``) counts the same attempts: a
    guesser gets five tries a minute, not five per process. Apps of one installation share
    them too (tests that count from zero reset the limiter)."""
    limiter = Limiter(key_func=_client_address, storage_uri=login_limits.storage_uri(app.config["SETTINGS"]),
                      headers_enabled=False, strategy="moving-window", key_prefix="graph-service")
    limiter.init_app(app)
    app.extensions["login_limiter"] = limiter
    rule = f"{FAILED_LOGINS_PER_MINUTE}/minute"
    view = app.view_functions["auth.login"]
    view = limiter.limit(rule, methods=["POST"], deduct_when=_failed)(view)
    view = limiter.limit(rule, methods=["POST"], deduct_when=_failed, key_func=_login_name_here, scope="login-name")(view)
    app.view_functions["auth.login"] = view
