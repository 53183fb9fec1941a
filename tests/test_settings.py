"""Settings come from the environment, and two state folders are two installations."""

import os
from pathlib import Path

import pytest

from graph_service import settings as service_settings
from graph_service.db import ManagedNeo4j
from graph_service.settings import SettingsError


def test_defaults_use_the_managed_server_in_the_checkout():
    s = service_settings.load({})
    assert s.managed
    assert s.home == service_settings.PROJECT_ROOT / ".local"
    assert s.neo4j_user == "neo4j"
    assert s.tiles == "osm"
    assert s.dashboard_workers == min(os.cpu_count() or 1, service_settings.MAX_WORKERS)


def test_the_dashboard_processes_are_a_setting():
    assert service_settings.load({"GRAPH_SERVICE_WORKERS": "3"}).dashboard_workers == 3


def test_neo4j_uri_switches_to_an_external_server():
    s = service_settings.load({"NEO4J_URI": "neo4j://cluster.example:7687", "NEO4J_USER": "svc",
                               "NEO4J_PASSWORD": "pw"})
    assert not s.managed
    assert (s.neo4j_uri, s.neo4j_user, s.neo4j_password) == ("neo4j://cluster.example:7687", "svc", "pw")


def test_two_homes_are_two_separate_installations(tmp_path):
    one = ManagedNeo4j(service_settings.load({"GRAPH_SERVICE_HOME": str(tmp_path / "one")}))
    two = ManagedNeo4j(service_settings.load({"GRAPH_SERVICE_HOME": str(tmp_path / "two")}))
    paths = lambda server: {server.lib, server.data, server.logs, server.conf, server.password_file}  # noqa: E731
    assert not paths(one) & paths(two)
    assert all(Path(p).is_relative_to(tmp_path / "one") for p in paths(one))


@pytest.mark.parametrize(
    "env, message",
    [
        ({"NEO4J_BOLT_PORT": "seven"}, "NEO4J_BOLT_PORT='seven' is not a whole number"),
        ({"NEO4J_BOLT_PORT": "70000"}, "not a TCP port"),
        ({"GRAPH_SERVICE_TILES": "google"}, "use 'osm' or 'none'"),
        ({"GRAPH_SERVICE_WORKERS": "0"}, r"GRAPH_SERVICE_WORKERS=0: give how many processes serve the dashboard \(1-64\)"),
        ({"GRAPH_SERVICE_WORKERS": "four"}, "GRAPH_SERVICE_WORKERS='four' is not a whole number"),
    ],
)
def test_unusable_values_are_named(env, message):
    with pytest.raises(SettingsError, match=message):
        service_settings.load(env)
