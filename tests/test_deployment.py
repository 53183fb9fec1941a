"""docker-compose.yml and the Dockerfile: nothing here can run Docker, so check the wiring."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_neo4j_service_is_the_official_5_community_image_with_a_volume_and_health_check():
    neo4j = _compose()["services"]["neo4j"]
    image, tag = neo4j["image"].split(":")
    assert image == "neo4j" and tag.startswith("5.") and tag.endswith("-community")
    assert any(v.endswith(":/data") for v in neo4j["volumes"])
    assert neo4j["environment"]["NEO4J_AUTH"].startswith("neo4j/${NEO4J_PASSWORD")
    assert "RETURN 1" in " ".join(neo4j["healthcheck"]["test"])
    assert "ports" not in neo4j  # Bolt is not published outside the compose network


def test_app_waits_for_a_healthy_neo4j_and_reaches_it_by_service_name():
    compose = _compose()
    app = compose["services"]["app"]
    assert app["build"] == "."
    assert app["depends_on"]["neo4j"]["condition"] == "service_healthy"
    env = app["environment"]
    assert env["NEO4J_URI"] == "bolt://neo4j:7687"
    assert env["NEO4J_PASSWORD"] == compose["services"]["neo4j"]["environment"]["NEO4J_AUTH"].split("/", 1)[1]
    assert any(v.endswith(":" + env["GRAPH_SERVICE_HOME"]) for v in app["volumes"])
    assert app["ports"] == ["127.0.0.1:8000:8000"]
    assert "/healthz" in " ".join(app["healthcheck"]["test"])
    for volume in ("neo4j-data", "app-state"):
        assert volume in compose["volumes"]


def test_dockerfile_serves_the_port_compose_publishes_and_copies_the_statements():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "EXPOSE 8000" in dockerfile and "--port 8000" in dockerfile
    for folder in ("graph_service", "ingest", "maps", "cypher"):
        assert f"COPY {folder} ./{folder}" in dockerfile
        assert (ROOT / folder).is_dir()
    assert "USER " in dockerfile  # not root
