"""Security headers on every response, and the session cookie's flags.

The Content-Security-Policy allows scripts only from the app itself or carrying this
response's nonce, so injected markup cannot run script. Pages never use inline styles.
Folium maps are the one exception to "no inline styles": they are served on their own
routes (see :func:`map_frame`), framed by our pages only, with inline styles allowed
for the map document alone. A map document's scripts are named by their hashes instead of a
nonce (``g.script_hashes``, see :mod:`graph_service.web.mapframes`).
"""

from __future__ import annotations

import secrets
from functools import wraps

from flask import Flask, g, request
from flask.sessions import SecureCookieSessionInterface

from graph_service.settings import tile_origin

#: Map tile servers pages may load images from, by ``settings.tiles`` (a force's own tile
#: server's origin for ``URL|ATTRIBUTION``: :func:`graph_service.settings.tile_origin`).
TILE_ORIGINS = {"osm": tile_origin("osm"), "none": ""}


def csp_nonce() -> str:
    """This response's nonce (templates: ``<script nonce="{{ csp_nonce() }}">``)."""
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(18)
    return g.csp_nonce


def map_frame(view):
    """Mark a view as a map document: framed by our own pages, allowed inline styles."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        g.map_frame = True
        return view(*args, **kwargs)

    return wrapped


def policy(tiles: str, nonce: str, frame: bool, script_hashes: tuple[str, ...] = ()) -> str:
    images = " ".join(filter(None, ["'self'", "data:", TILE_ORIGINS.get(tiles) or tile_origin(tiles)]))
    # A map document has no nonce: its scripts are the ones its hashes name.
    scripts = " ".join(["'self'", *(f"'{h}'" for h in script_hashes)]) if frame else f"'self' 'nonce-{nonce}'"
    return "; ".join([
        "default-src 'none'",
        f"script-src {scripts}",
        "style-src 'self' 'unsafe-inline'" if frame else "style-src 'self'",
        f"img-src {images}",
        "connect-src 'self'",
        "font-src 'self'",
        "frame-src 'self'",
        "frame-ancestors 'self'" if frame else "frame-ancestors 'none'",
        "form-action 'self'",
        "base-uri 'none'",
        "object-src 'none'",
    ])


class SessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, with the Secure flag whenever the request came over TLS."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config["SESSION_COOKIE_SECURE"] or request.is_secure)


def init_app(app: Flask) -> None:
    app.session_interface = SessionInterface()
    app.jinja_env.globals["csp_nonce"] = csp_nonce
    tiles = app.config["SETTINGS"].tiles

    @app.after_request
    def _headers(response):
        frame = bool(g.get("map_frame"))
        headers = response.headers
        headers["Content-Security-Policy"] = policy(tiles, csp_nonce(), frame, g.get("script_hashes", ()))
        headers["X-Content-Type-Options"] = "nosniff"
        headers["X-Frame-Options"] = "SAMEORIGIN" if frame else "DENY"
        # URLs carry person IDs: never send them to a tile server or any other site. Our own
        # pages still get it: Flask-WTF checks a same-site Referer on form posts over HTTPS.
        headers["Referrer-Policy"] = "same-origin"
        headers["Cross-Origin-Opener-Policy"] = "same-origin"
        headers["Cross-Origin-Resource-Policy"] = "same-origin"
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()"
        if request.is_secure:
            headers["Strict-Transport-Security"] = "max-age=31536000"
        if request.endpoint != "static" and not (request.endpoint or "").endswith(".static"):
            # Personal data must not linger in a shared computer's browser cache.
            headers["Cache-Control"] = "no-store"
        return response
