# Two commands on a fresh machine:
#   make run    set everything up, start Neo4j, load the demo scenario, serve the dashboard
#   make test   set everything up and run the test suite against a real Neo4j
# Both are idempotent: a second run reuses the virtual environment, the Neo4j server files
# and the demo data.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_INSTALL := $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup system-deps run test unit lint neo4j-start neo4j-stop clean

# Java 17 and Maven assemble the managed Neo4j; Chromium runs the browser tests.
system-deps:
	@command -v java >/dev/null || $(APT_INSTALL) openjdk-17-jre-headless
	@command -v mvn >/dev/null || $(APT_INSTALL) maven
	@command -v chromium >/dev/null || $(APT_INSTALL) chromium

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: system-deps $(STAMP)

neo4j-start: setup
	$(BIN)/graph-service neo4j start
	$(BIN)/graph-service db init

neo4j-stop:
	$(BIN)/graph-service neo4j stop

# The demo step generates and loads the medium synthetic scenario once, finds its networks,
# and creates demo users (passwords printed once) when there are none.
run: neo4j-start
	$(BIN)/graph-service demo
	$(BIN)/graph-service serve --host $(HOST) --port $(PORT)

# Lint first: a test run on code that does not pass the linter is not worth waiting for.
test: setup lint
	$(BIN)/pytest

# The unit subset: no Neo4j, no Chromium (tests/conftest.py marks the others).
unit: setup
	$(BIN)/pytest -m "not neo4j and not browser"

lint: setup
	$(BIN)/ruff check .

clean: neo4j-stop
	rm -rf $(VENV) .local
