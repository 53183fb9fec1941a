"""notebooks/networks.ipynb runs top to bottom against the real Neo4j of the test session."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "networks.ipynb"


def _text(cell) -> str:
    parts = []
    for output in cell.get("outputs", []):
        parts.append(output.get("text", ""))
        parts.append(output.get("data", {}).get("text/plain", ""))
    return "".join(parts)


def test_notebook_is_kept_without_outputs():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, "clear the notebook's outputs before committing"


def test_notebook_walks_through_the_demo_networks(db, tmp_path):
    # The kernel inherits this process's environment, so the notebook's settings name the
    # test session's server; `db` has just emptied it.
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(notebook, timeout=900, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()

    outputs = "\n".join(_text(cell) for cell in notebook.cells if cell.cell_type == "code")
    assert "demo scenario loaded" in outputs
    assert "same IDs and members as the previous run: True" in outputs
    nmi = float(outputs.split("NMI ")[1].split()[0])
    assert nmi >= 0.85
    stored = db.read_text("MATCH (n:Network {active: true}) RETURN count(n) AS networks")[0]["networks"]
    assert stored >= 4
    runs = db.read_text("MATCH (r:NetworkRun) RETURN count(r) AS runs")[0]["runs"]
    assert runs == 2
