"""An analyst's own edge list (CSV) as a graph, for network detection without the database.

The file has a header row naming its columns, ``source`` and ``target`` (node IDs, as text)
and optionally ``weight`` (a positive number; empty means 1). A pair listed more than once,
in either direction, is one tie whose weight is the sum. Every problem is reported with the
file, line, column and reason, and nothing is returned unless the whole file is good.

>>> from pathlib import Path; import tempfile
>>> path = Path(tempfile.mkdtemp()) / "edges.csv"
>>> _ = path.write_text("source,target,weight\\na,b,2\\nb,c,\\n")
>>> sorted(read_edgelist(path).edges(data="weight"))
[('a', 'b', 2.0), ('b', 'c', 1.0)]
>>> _ = path.write_text("source,target,weight\\na,b,lots\\n")
>>> try:
...     read_edgelist(path)
... except EdgeListError as problem:
...     print(problem)
edges.csv:2: weight: 'lots' is not a number
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

COLUMNS = ("source", "target", "weight")
REQUIRED = ("source", "target")
_EXPECTED = "expected the header source,target[,weight]"


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    column: str | None
    reason: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.column}: {self.reason}" if self.column else f"{where}: {self.reason}"


class EdgeListError(ValueError):
    """The edge list cannot be used; ``problems`` lists every reason found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))


def read_edgelist(path: Path) -> nx.Graph:
    """The undirected weighted graph in the CSV edge list at ``path`` (see the module docstring)."""
    path = Path(path)
    name = path.name
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise EdgeListError([Problem(name, None, None, "no such file")]) from None
    except UnicodeDecodeError as problem:
        raise EdgeListError([Problem(name, None, None, f"not UTF-8 text ({problem.reason} at byte {problem.start})")]) from None
    except OSError as problem:
        raise EdgeListError([Problem(name, None, None, f"cannot read it: {problem.strerror}")]) from None

    reader = csv.reader(text.splitlines())
    header = next(reader, None)
    if header is None:
        raise EdgeListError([Problem(name, 1, None, f"the file is empty; {_EXPECTED}")])
    columns = [cell.strip().lower() for cell in header]
    problems = _header_problems(name, columns)
    if problems:
        raise EdgeListError(problems)

    position = {column: i for i, column in enumerate(columns)}
    graph = nx.Graph()
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(columns):
            problems.append(Problem(name, line, None, f"{len(row)} cells, but the header has {len(columns)}"))
            continue
        source, target = row[position["source"]].strip(), row[position["target"]].strip()
        bad = [Problem(name, line, column, "empty: every edge needs a node ID here")
               for column, value in (("source", source), ("target", target)) if not value]
        if not bad and source == target:
            bad.append(Problem(name, line, "target", f"{target!r} is the source too: a node cannot be tied to itself"))
        weight, reason = _weight(row[position["weight"]] if "weight" in position else "")
        if reason:
            bad.append(Problem(name, line, "weight", reason))
        if bad:
            problems.extend(bad)
            continue
        if graph.has_edge(source, target):
            graph[source][target]["weight"] += weight
        else:
            graph.add_edge(source, target, weight=weight)
    if problems:
        raise EdgeListError(problems)
    if graph.number_of_edges() == 0:
        raise EdgeListError([Problem(name, None, None, "no edges below the header")])
    return graph


def _header_problems(name: str, columns: list[str]) -> list[Problem]:
    problems = []
    for column in columns:
        if column not in COLUMNS:
            problems.append(Problem(name, 1, "header", f"unknown column {column!r}; {_EXPECTED}"))
    for column in sorted({c for c in columns if columns.count(c) > 1}):
        problems.append(Problem(name, 1, "header", f"column {column!r} appears {columns.count(column)} times"))
    for column in REQUIRED:
        if column not in columns:
            problems.append(Problem(name, 1, "header", f"no {column!r} column; {_EXPECTED}"))
    return problems


def _weight(raw: str) -> tuple[float, str | None]:
    raw = raw.strip()
    if not raw:
        return 1.0, None
    try:
        weight = float(raw)
    except ValueError:
        return 0.0, f"{raw!r} is not a number"
    if not math.isfinite(weight) or weight <= 0:
        return 0.0, f"{raw!r}: a weight must be a positive number"
    return weight, None
