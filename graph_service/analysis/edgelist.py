"""An analyst's own edge list (CSV) as a graph, for network detection without the database.

The file has a header row naming its columns, ``source`` and ``target`` (node IDs, as text)
and optionally ``weight`` (a positive number; empty means 1). A pair listed more than once,
in either direction, is one tie whose weight is the sum. Every problem is reported with the
file, line, column and reason, and nothing is returned unless the whole file is good.

Two readers give the same graph: :func:`read_edgelist` builds a NetworkX graph row by row;
:func:`read_edgelist_igraph` reads the file into arrays (pandas' C parser, numpy) and builds an
``igraph.Graph`` with no loop in Python over the edges, for files of millions of ties. It
checks the whole file with array operations and, when anything is wrong, hands the file to
the row-by-row reader, whose messages name the line (a bad file is reported the same way by
both).

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
import io
import math
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import numpy as np

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


#: Bytes the row-by-row reader treats as line breaks besides ``\n`` (``str.splitlines``), or
#: that need the csv module's quoting rules: a file holding any is read row by row.
_NOT_PLAIN = (b'"', b"\r", b"\x0b", b"\x0c", b"\x1c", b"\x1d", b"\x1e", b"\xc2\x85", b"\xe2\x80\xa8",
              b"\xe2\x80\xa9")


def read_edgelist_igraph(path: Path):
    """The graph of :func:`read_edgelist` as an ``igraph.Graph`` (vertex attribute ``name``,
    edge attribute ``weight``), read into arrays rather than row by row.

    Vertices are numbered in the order the file first names them and edges listed as
    ``networkx.Graph.edges`` lists :func:`read_edgelist`'s, so detection on either graph gives
    the same communities. A file the array reader cannot take whole (quoted cells, a problem on
    some line) is read by :func:`read_edgelist`, which names every problem.

    >>> from pathlib import Path; import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "edges.csv"
    >>> _ = path.write_text("source,target,weight\\nb,a,1.5\\na,b,2\\nb,c,\\n")
    >>> g = read_edgelist_igraph(path)
    >>> g.vs["name"], g.get_edgelist(), g.es["weight"]
    (['b', 'a', 'c'], [(0, 1), (0, 2)], [3.5, 1.0])
    """
    import igraph

    arrays = _edge_arrays(Path(path))
    if arrays is None:  # a file only the row-by-row reader takes, or one with problems
        return _igraph_from_networkx(read_edgelist(path))
    names, first, second, weights = arrays
    # Pairs of Python ints: igraph's wheel turns a numpy array into lists of lists before it
    # reads them, which took 11.7 s for 9M ties where these tuples take 2.2 s.
    graph = igraph.Graph(n=len(names), edges=zip(first.tolist(), second.tolist(), strict=True))
    graph.vs["name"] = names.tolist()
    graph.es["weight"] = weights.tolist()
    return graph


def _edge_arrays(path: Path):
    """``(names, first, second, weights)`` of a plain, good edge list; None otherwise."""
    import pandas as pd

    try:
        raw = path.read_bytes()
    except OSError:
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if any(mark in raw for mark in _NOT_PLAIN):
        return None
    header, _, body = raw.partition(b"\n")
    try:
        columns = [cell.strip().lower() for cell in next(csv.reader([header.decode("utf-8")]), [])]
    except UnicodeDecodeError:
        return None
    if not columns or _header_problems("", columns) or not body.strip():
        return None
    # Every line below the header has the header's number of cells (no quotes: one comma fewer).
    data = np.frombuffer(body if body.endswith(b"\n") else body + b"\n", dtype=np.uint8)
    ends = np.flatnonzero(data == ord("\n"))
    commas = np.bincount(np.searchsorted(ends, np.flatnonzero(data == ord(","))), minlength=len(ends))
    if np.any(commas != len(columns) - 1):
        return None  # a blank line or a wrong number of cells: the row reader says which
    # Weights are parsed by the C parser (a cell it cannot take, such as one with spaces
    # around the number, sends the file to the row reader); only an empty cell is missing.
    try:
        table = pd.read_csv(io.BytesIO(body), header=None, names=columns,
                            dtype={c: (np.float64 if c == "weight" else object) for c in columns},
                            na_values={"weight": [""]}, keep_default_na=False, skip_blank_lines=False,
                            engine="c", encoding="utf-8")
    except (ValueError, UnicodeDecodeError):
        return None
    # Cells are stripped as str.strip does, which takes time: only when the file has whitespace.
    spaced = bool(np.any((data <= ord(" ")) & (data != ord("\n")))) or bool(np.any(data >= 0x80))
    source, target = (table[c].str.strip() if spaced else table[c] for c in REQUIRED)
    source, target = source.to_numpy(dtype=object), target.to_numpy(dtype=object)
    weights = np.ones(len(table))
    if "weight" in table:
        weights = table["weight"].to_numpy(dtype=np.float64)
        missing = np.isnan(weights)
        if missing.any():
            # An empty cell weighs 1; a cell that reads as NaN ("nan") is a problem the row
            # reader names, so only cells empty in the file are filled.
            if not np.all(np.char.strip(_cells(body, columns, "weight")[missing]) == ""):
                return None
            weights = np.where(missing, 1.0, weights)
    if not len(source) or not np.all(np.isfinite(weights)) or np.any(weights <= 0):
        return None
    # First appearance, source before target, numbers the vertices as NetworkX orders nodes.
    codes, names = pd.factorize(np.column_stack((source, target)).ravel())
    if "" in names or np.any(codes[0::2] == codes[1::2]):  # an empty ID, or a tie of a node to itself
        return None
    low, high = np.sort(codes.reshape(-1, 2), axis=1).T
    pair = low.astype(np.int64) * len(names) + high
    row_pair, unique = pd.factorize(pair)  # pairs numbered in the order the file first gives them
    summed = np.bincount(row_pair, weights=weights, minlength=len(unique))  # in file order, as NetworkX adds
    # NetworkX lists an edge under its earlier node, in the order that node's ties were made:
    # a stable sort by that node keeps the order of first appearance among its ties.
    order = np.argsort(unique // len(names), kind="stable")
    return np.asarray(names, dtype=object), unique[order] // len(names), unique[order] % len(names), summed[order]


def _cells(body: bytes, columns: list[str], column: str) -> np.ndarray:
    """The raw text of one column of a plain edge list's body (no quotes), as read."""
    import pandas as pd

    return pd.read_csv(io.BytesIO(body), header=None, names=columns, usecols=[column], dtype=object,
                       keep_default_na=False, na_filter=False, skip_blank_lines=False, engine="c",
                       encoding="utf-8")[column].to_numpy(dtype=str)


def _igraph_from_networkx(graph: nx.Graph):
    import igraph

    index = {node: i for i, node in enumerate(graph)}
    result = igraph.Graph(n=len(index), edges=[(index[u], index[v]) for u, v in graph.edges])
    result.vs["name"] = list(graph)
    result.es["weight"] = [w for _, _, w in graph.edges(data="weight")]
    return result
