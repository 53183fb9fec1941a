"""Checks over one whole ingest: each record against its type, the same key twice, and
references to other records.

:class:`Batch` collects the records of one invocation. Each record is validated by its
model (:mod:`ingest.records`); a second record with the same key is dropped when it is
identical and rejected with the first when it is not, since neither can be trusted over the
other. :meth:`Batch.check_references` then rejects every record that refers to an ID found
neither among the batch's valid records nor in the store.

>>> from ingest.readers import RawRecord
>>> batch = Batch()
>>> batch.add(RawRecord("a.jsonl", 1, "person", {"person_id": "P1", "dob": "2010-01-01"}))
>>> batch.add(RawRecord("a.jsonl", 2, "person", {"person_id": "P1", "dob": "2011-01-01"}))
>>> [str(r) for r in batch.rejects]   # doctest: +NORMALIZE_WHITESPACE
["a.jsonl:2: person_id: person 'P1' also appears at a.jsonl:1 with a different dob: keep one version",
 "a.jsonl:1: person_id: person 'P1' also appears at a.jsonl:2 with a different dob: keep one version"]
"""

from __future__ import annotations

import difflib
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Iterable

from pydantic import ValidationError

from ingest.fields import account_key, normalise_reference
from ingest.readers import RawRecord
from ingest.records import RECORD_TYPES, REFERENCED_TYPES, Record
from ingest.rejects import Reject

#: ``stored(kind, ids)``: which of ``ids`` (of a kind in REFERENCED_TYPES) the store holds.
StoredIds = Callable[[str, list[str]], set[str]]


@dataclass(slots=True)
class Accepted:
    """A valid record and where it came from."""

    record: Record
    file: str
    line: int

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


class Batch:
    """The valid records of one ingest (one per type and key) and the problems found."""

    def __init__(self) -> None:
        self.records: dict[str, dict[str, Accepted]] = {kind: {} for kind in RECORD_TYPES}
        self.rejects: list[Reject] = []
        self.read = 0  # records read, valid or not
        # Keys whose records disagree, with the first place each was seen: every later record
        # with that key is rejected too.
        self._conflicts: dict[tuple[str, str], str] = {}
        # IDs of records rejected in this batch, so a record referring to one can say why.
        self._rejected_ids: dict[tuple[str, str], str] = {}

    def __len__(self) -> int:
        return sum(len(by_key) for by_key in self.records.values())

    # -- one record ----------------------------------------------------------------------
    def add(self, raw: RawRecord | Reject) -> None:
        """Validate one record read from a file (or note the problem a reader found)."""
        if isinstance(raw, Reject):
            self.rejects.append(raw)
            if raw.line is not None:
                self.read += 1
            return
        self.read += 1
        model = RECORD_TYPES[raw.type]
        try:
            record = model.model_validate(raw.fields)
        except ValidationError as error:
            self.rejects.extend(_explain(raw, model, error))
            self._note_rejected_id(raw, model)
            return
        self._keep(Accepted(record, raw.file, raw.line))

    def _keep(self, accepted: Accepted) -> None:
        record = accepted.record
        by_key = self.records[record.TYPE]
        conflict = self._conflicts.get((record.TYPE, record.key))
        if conflict is not None:
            self._reject_duplicate(accepted, conflict, "")
            return
        first = by_key.get(record.key)
        if first is None:
            by_key[record.key] = accepted
            return
        differ = _differing_fields(first.record, record)
        if not differ:
            return  # the same record twice (two exports overlapping): it is one record
        del by_key[record.key]
        self._conflicts[(record.TYPE, record.key)] = first.where
        self._reject_duplicate(accepted, first.where, differ)
        self._reject_duplicate(first, accepted.where, differ)

    def _reject_duplicate(self, accepted: Accepted, other: str, differ: str) -> None:
        record = accepted.record
        what = f" with a different {differ}" if differ else ""
        self.rejects.append(Reject(
            accepted.file, accepted.line, record.KEY_FIELD,
            f"{record.TYPE} {_describe_key(record)} also appears at {other}{what}: keep one version",
        ))
        self._rejected_ids[(record.TYPE, record.key)] = accepted.where

    def _note_rejected_id(self, raw: RawRecord, model: type[Record]) -> None:
        if model.TYPE not in REFERENCED_TYPES:
            return
        key = raw.fields.get(model.KEY_FIELD)
        if not isinstance(key, str):
            return
        if model.TYPE == "online_account":
            platform = raw.fields.get("platform")
            key = account_key(platform, key) if isinstance(platform, str) else key
        try:
            key = normalise_reference(model.TYPE, key)
        except ValueError:
            pass  # a number that is not one: no record can refer to it by its stored form
        key = unicodedata.normalize("NFKC", key)
        self._rejected_ids.setdefault((model.TYPE, key), f"{raw.file}:{raw.line}")

    # -- references ----------------------------------------------------------------------
    def check_references(self, stored: StoredIds) -> None:
        """Reject every record that refers to a person, vehicle, location, phone, online account
        or report that is neither a valid record of this batch nor already stored."""
        available = {kind: set(self.records[kind]) for kind in REFERENCED_TYPES}
        wanted: dict[str, set[str]] = defaultdict(set)
        for accepted in self._referring():
            for _, kind, ref in accepted.record.references():
                if ref not in available[kind]:
                    wanted[kind].add(ref)
        for kind, ids in wanted.items():
            available[kind] |= stored(kind, sorted(ids))
        for accepted in list(self._referring()):
            problems = [
                Reject(accepted.file, accepted.line, field, self._dangling(kind, ref))
                for field, kind, ref in accepted.record.references()
                if ref not in available[kind]
            ]
            if problems:
                self.rejects.extend(problems)
                del self.records[accepted.record.TYPE][accepted.record.key]

    def _referring(self) -> Iterable[Accepted]:
        for kind, by_key in self.records.items():
            if kind not in REFERENCED_TYPES:
                yield from by_key.values()

    def _dangling(self, kind: str, ref: str) -> str:
        rejected_at = self._rejected_ids.get((kind, ref))
        if rejected_at is not None:
            return f"{kind} {ref!r} was rejected ({rejected_at}), so this record cannot be loaded either"
        return f"{kind} {ref!r} is neither in this ingest nor already stored: add its {kind} record"


def _describe_key(record: Record) -> str:
    if record.TYPE == "care_status":
        return f"for {record.person_id!r} with status {record.status!r} from {record.start_on.isoformat()}"
    return repr(record.key)


def _differing_fields(first: Record, second: Record) -> str:
    a, b = first.__dict__, second.__dict__
    if a == b:
        return ""
    return ", ".join(name for name in a if a[name] != b[name])


# -- pydantic errors in the users' words ----------------------------------------------------

def _explain(raw: RawRecord, model: type[Record], error: ValidationError) -> list[Reject]:
    problems = []
    for item in error.errors(include_url=False, include_input=False):
        kind, loc, context = item["type"], item["loc"], item.get("ctx") or {}
        field = str(loc[0]) if loc else context.get("field")
        if field is not None:  # a field name from JSON may hold anything: keep it printable
            field = field.encode("utf-8", "backslashreplace").decode("utf-8")
        if kind == "cross_field":
            reason = context["reason"]
        elif kind == "missing":
            reason = f"required for a {model.TYPE} record, but missing or empty"
        elif kind == "extra_forbidden":
            close = difflib.get_close_matches(field, model.fields(), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            reason = f"not a field of {model.TYPE}{hint}; the fields are {', '.join(model.fields())}"
        else:
            reason = item["msg"]
        problems.append(Reject(raw.file, raw.line, field, reason))
    return problems
