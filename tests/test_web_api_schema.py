"""Schemathesis against the served OpenAPI document: every answer of /api/v1/ (generated
valid and invalid requests, as an analyst over the loaded graph) must match the document,
and none may be a server error."""

from __future__ import annotations

import re

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance
from test_web_fixtures import BY_ROLE, loaded, login, web_users  # noqa: F401

from graph_service import settings as service_settings
from graph_service.analysis.networks import run_networks
from graph_service.web import create_app
from graph_service.web.openapi import document

USER_AGENT = "schemathesis-test"


#: The analyst's session cookie, filled in by the ``analyst`` fixture.
SESSION: dict[str, str] = {}


@pytest.fixture(scope="module")
def analyst(loaded, web_users):  # noqa: F811
    """An analyst's session (the API's own login, as a browser has it), for every case."""
    run_networks(loaded, seed=42)  # so network routes have something to show
    client = APP.test_client()
    response = login(client, BY_ROLE["analyst"], purpose="API schema tests", headers={"User-Agent": USER_AGENT})
    assert response.status_code == 303
    SESSION["cookie"] = client.get_cookie("graph_service_session").value
    return SESSION


# The app of the test session's state folder (it connects to Neo4j on first use), known to
# schemathesis from the start so its own probes (e.g. without the cookie) reach it too; and
# the document as the code defines it (the last test checks the app serves the same).
APP = create_app(service_settings.load())
schema = schemathesis.openapi.from_dict(document())
schema.app = APP


@schema.auth(refresh_interval=None)  # no caching: the fixture logs in after collection
class SessionCookie:
    """The document's ``session`` security scheme: schemathesis adds it to every case, and
    its own checks also send cases without it (which must answer 401)."""

    def get(self, case, context):
        return SESSION.get("cookie", "")

    def set(self, case, data, context):
        case.cookies = {**(case.cookies or {}), "graph_service_session": data}


@schema.parametrize()
@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.filter_too_much])
def test_api_conforms_to_its_openapi_document(case, analyst):
    # A session is bound to the address and browser it was opened from (the Flask test
    # client's 127.0.0.1 and our User-Agent), so schemathesis' WSGI client presents the same.
    # The hot spot window and the profile's period have rules across parameters that OpenAPI
    # cannot state (to on or after from; at most 1098 days for hot spots): a schema-valid pair
    # may be refused with 400, which test_web_pages.py and test_profile.py test on their own.
    # A change (POST) needs the form's CSRF token, which no document can hold: a valid body
    # without it is refused with 400 (tests/test_notices_web.py posts with the token).
    # An entity of the chart and the paths is kind:ID, and whether the ID can be one (a phone
    # number in use, a VRM, platform:handle) is a rule no pattern states: "phone:1" matches the
    # document and is refused with 400, which test_workspace_web.py tests on its own.
    across_parameters = case.operation.path.startswith("/api/v1/hotspots") or case.operation.path.endswith("/profile")
    entity_keys = case.operation.path in ("/api/v1/chart", "/api/v1/paths")
    excluded = ([positive_data_acceptance] if across_parameters or entity_keys or case.operation.method.upper() == "POST"
                else None)
    # The WSGI transport hands the body over as sent, so ask for it uncompressed (the gzip
    # answer of the hot spot layer is tested in test_web_pages.py).
    response = case.call_and_validate(headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity"},
                                      environ_base={"REMOTE_ADDR": "127.0.0.1"}, excluded_checks=excluded)
    if (case.cookies or {}).get("graph_service_session") == SESSION["cookie"]:
        assert response.status_code != 401  # the session held: the answers checked were real ones


def test_the_app_serves_the_document_and_it_describes_every_api_route(analyst):
    app = APP
    client = app.test_client()
    client.set_cookie("graph_service_session", analyst["cookie"])
    served = client.get("/api/v1/openapi.json", headers={"User-Agent": USER_AGENT}).get_json()
    assert served == document()
    routes = {re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule.rule)
              for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/v1/")}
    assert routes == set(served["paths"])
    assert served["paths"]["/api/v1/people"]["get"]["parameters"][0]["name"] == "q"
