"""notebooks/hotspots.ipynb runs from top to bottom on the demo scenario and libpysal's
Cardiff data, and finds what they hold."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

pytestmark = pytest.mark.neo4j

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "hotspots.ipynb"


def tagged_json(notebook, tag: str) -> dict:
    cell = next(c for c in notebook.cells if tag in c.metadata.get("tags", []))
    text = "".join(o.get("text", "") for o in cell.outputs if o.get("output_type") == "stream" and o["name"] == "stdout")
    return json.loads(next(line for line in text.splitlines() if line.startswith("{")))


def test_the_hotspots_notebook_runs_on_an_empty_store(db):
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not c.get("outputs") for c in notebook.cells if c.cell_type == "code"), "commit it with outputs cleared"
    NotebookClient(notebook, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    errors = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs if o.get("output_type") == "error"]
    assert errors == []
    # The demo scenario was generated and ingested; every place its answer key plants lies in a hot cell.
    planted = tagged_json(notebook, "planted")
    assert planted["planted"] >= 5 and planted["in_hot_cells"] == planted["planted"]
    # Cardiff: a real clustered pattern gives 99% hot spots; 168 residences in 100 cells of 10 units.
    cardiff = tagged_json(notebook, "juvenile")
    assert cardiff["cells"] == 100 and cardiff["hot_99"] > 0
    html = [o["data"]["text/html"] for c in notebook.cells if c.cell_type == "code" for o in c.outputs
            if "text/html" in o.get("data", {}) and "srcdoc" in o["data"]["text/html"]]
    assert len(html) == 1 and "Hot spots (Getis-Ord Gi*)" in html[0] and "src=&quot;http" not in html[0]
