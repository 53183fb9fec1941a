"""Readers for the intake files: JSON Lines and ``<type>.csv`` (docs/intake-format.md, "Files").

A reader yields one :class:`RawRecord` per record, with its fields cleaned the same way for
both formats so the models see one shape: text stripped, empty values (an empty CSV cell,
``null``, ``""``, ``[]``) dropped as absent, and CSV list cells split on ``;``. Anything
that stops a line or a file being read at all is yielded as a :class:`~ingest.rejects.Reject`.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "person.csv").write_text("person_id,surname,aliases\\nP1, Smith ,Jo;Jos\\n")
>>> [r.fields for r in read_file(folder / "person.csv")]
[{'person_id': 'P1', 'surname': 'Smith', 'aliases': ['Jo', 'Jos']}]
"""

from __future__ import annotations

import csv
import difflib
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from ingest.records import RECORD_TYPES
from ingest.rejects import Reject

SUFFIXES = (".jsonl", ".csv")


@dataclass(slots=True)
class RawRecord:
    """One record as read: where it is, its type, and its cleaned fields (not yet validated)."""

    file: str
    line: int
    type: str
    fields: dict[str, Any]


def intake_files(paths: Iterable[Path]) -> tuple[list[Path], list[Reject]]:
    """The files to read: each file given, and the ``*.jsonl`` and ``*.csv`` files of each
    directory given (not its subdirectories), in name order."""
    files: list[Path] = []
    problems: list[Reject] = []
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.is_file() and p.suffix in SUFFIXES)
            if not found:
                problems.append(Reject(str(path), None, None, "directory holds no .jsonl or .csv files"))
            files.extend(found)
        elif path.is_file():
            if path.suffix in SUFFIXES:
                files.append(path)
            else:
                problems.append(Reject(str(path), None, None,
                                       "not an intake file: name it *.jsonl or <type>.csv (docs/intake-format.md)"))
        else:
            problems.append(Reject(str(path), None, None, "no such file or directory"))
    return list(dict.fromkeys(files)), problems


def read_file(path: Path) -> Iterator[RawRecord | Reject]:
    """Records of one intake file (by its suffix), and the problems that stop any being read."""
    name = str(path)
    try:
        text = _utf8(path)
    except _NotUtf8 as problem:
        yield Reject(name, problem.line, None, problem.reason)
        return
    if path.suffix == ".jsonl":
        yield from _jsonl(name, text)
    else:
        yield from _csv(name, path.stem, text)


def type_hint(name: str) -> str:
    close = difflib.get_close_matches(name, RECORD_TYPES, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


# -- text ---------------------------------------------------------------------------------

class _NotUtf8(Exception):
    def __init__(self, line: int, reason: str):
        self.line, self.reason = line, reason


def _utf8(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")  # a byte-order mark (as spreadsheets write) is fine
    except UnicodeDecodeError as error:
        line_start = data.rfind(b"\n", 0, error.start) + 1
        line = data.count(b"\n", 0, error.start) + 1
        raise _NotUtf8(
            line,
            f"file is not UTF-8 text (byte 0x{data[error.start]:02x} in column {error.start - line_start + 1}): "
            "export or save it as UTF-8; nothing in this file was read",
        ) from None


def _clean(value: Any) -> Any:
    """Strip text; None for an empty value (absent)."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, list):
        items = [item.strip() if isinstance(item, str) else item for item in value]
        items = [item for item in items if item is not None and item != ""]
        return items or None
    return value


# -- JSON Lines ---------------------------------------------------------------------------

def _jsonl(name: str, text: str) -> Iterator[RawRecord | Reject]:
    # split("\n"), not splitlines(): JSON strings may hold U+2028 and friends, which are not
    # line breaks here and must not shift the line numbers users see.
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            yield Reject(name, number, None, f"not valid JSON: {error.msg} (column {error.colno})")
            continue
        if not isinstance(data, dict):
            yield Reject(name, number, None, "each line must be one JSON object ({...}) with a \"type\" field")
            continue
        kind = data.pop("type", None)
        if kind is None:
            yield Reject(name, number, "type", f"missing: name the record type, one of {', '.join(RECORD_TYPES)}")
            continue
        if not isinstance(kind, str) or kind not in RECORD_TYPES:
            yield Reject(name, number, "type", f"{kind!r} is not a record type{type_hint(str(kind))}; "
                                               f"the types are {', '.join(RECORD_TYPES)}")
            continue
        fields = {}
        for field, value in data.items():
            value = _clean(value)
            if value is not None:
                fields[field] = value
        yield RawRecord(name, number, kind, fields)


# -- CSV ----------------------------------------------------------------------------------

def _csv(name: str, kind: str, text: str) -> Iterator[RawRecord | Reject]:
    model = RECORD_TYPES.get(kind)
    if model is None:
        yield Reject(name, None, None, f"the file name does not name a record type: call it <type>.csv, "
                                       f"where type is one of {', '.join(RECORD_TYPES)}{type_hint(kind)}")
        return
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
    except csv.Error as error:
        yield Reject(name, 1, None, f"the header row is not valid CSV: {error}")
        return
    if header is None:
        return  # an empty file holds no records
    header = [column.strip() for column in header]
    problems = list(_header_problems(name, model, header))
    if problems:
        yield from problems
        return
    lists = set(model.LIST_FIELDS)
    end_of_previous = reader.line_num
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield Reject(name, end_of_previous + 1, None, f"not valid CSV: {error} (the rest of this file was not read)")
            return
        number, end_of_previous = end_of_previous + 1, reader.line_num
        if not row or (len(row) == 1 and not row[0].strip()):
            continue  # a blank line
        if len(row) != len(header):
            yield Reject(name, number, None, f"the row has {len(row)} cells but the header has {len(header)} "
                                             "columns: check for a missing or extra comma or quote")
            continue
        fields = {}
        for column, cell in zip(header, row, strict=False):
            cell = cell.strip()
            if not cell:
                continue
            if column in lists:
                items = [item.strip() for item in cell.split(";") if item.strip()]
                if items:
                    fields[column] = items
            else:
                fields[column] = cell
        yield RawRecord(name, number, kind, fields)


_SKIPPED = " (no row of this file was read)"


def _header_problems(name: str, model, header: list[str]) -> Iterator[Reject]:
    known = model.fields()
    seen: set[str] = set()
    for column in header:
        if column in seen:
            yield Reject(name, 1, column, f"column appears twice in the header{_SKIPPED}")
        seen.add(column)
        if column not in known:
            close = difflib.get_close_matches(column, known, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            yield Reject(name, 1, column or "(empty)", f"not a field of {model.TYPE}{hint}; "
                                                        f"the fields are {', '.join(known)}{_SKIPPED}")
    for field in model.required_fields():
        if field not in seen:
            yield Reject(name, 1, field, f"required column missing from the header of this {model.TYPE} file{_SKIPPED}")
