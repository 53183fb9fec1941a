"""Checks over one whole ingest: each record against its type, the same key twice, and
references to other records.

:class:`Batch` collects the records of one invocation. Each record is validated by its
model (:mod:`ingest.records`); a second record with the same key is dropped when it is
identical and rejected with the first when it is not, since neither can be trusted over the
other. :meth:`Batch.check_references` then rejects every record that refers to an ID found
neither among the batch's valid records nor in the store.

A valid record is kept packed (:class:`Accepted`: its field values pickled, about 170 bytes
where the model takes about 1,400) and unpacked when it is written, so an ingest of ten
million records holds them in a few gigabytes (docs/scaling.md).

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
import pickle
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Callable, Iterable, overload

from pydantic import ValidationError

from ingest.fields import account_key, normalise_reference
from ingest.readers import RawRecord
from ingest.records import RECORD_TYPES, REFERENCED_TYPES, Record
from ingest.rejects import Reject

#: ``stored(kind, ids)``: which of ``ids`` (of a kind in REFERENCED_TYPES) the store holds.
StoredIds = Callable[[str, list[str]], set[str]]


@dataclass(slots=True)
class Accepted:
    """A valid record, packed, and where it came from.

    The record is kept as its field values pickled (a model holds about a kilobyte of its
    own beside its values); :attr:`record` gives it back as the model, unchecked, as the
    values were checked when it was read. Only this process reads what it packed.
    """

    model: type[Record]
    key: str
    packed: bytes
    file: str
    line: int

    @classmethod
    def of(cls, record: Record, file: str, line: int) -> "Accepted":
        values = tuple(record.__dict__[name] for name in type(record).model_fields)
        return cls(type(record), record.key, pickle.dumps(values, pickle.HIGHEST_PROTOCOL), file, line)

    @property
    def values(self) -> tuple:
        """The record's field values, in the order of its model's fields."""
        return pickle.loads(self.packed)

    @property
    def record(self) -> Record:
        return self.model.model_construct(**dict(zip(self.model.model_fields, self.values, strict=True)))

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


class Records(Sequence):
    """The valid records of one type, in the order they were read, unpacked as they are
    taken (a slice at a time, by the writers): a sequence of :class:`Record`."""

    def __init__(self, accepted: Iterable[Accepted]) -> None:
        self._accepted = list(accepted)

    def __len__(self) -> int:
        return len(self._accepted)

    @overload
    def __getitem__(self, index: int) -> Record: ...
    @overload
    def __getitem__(self, index: slice) -> list[Record]: ...
    def __getitem__(self, index):
        if isinstance(index, slice):
            return [accepted.record for accepted in self._accepted[index]]
        return self._accepted[index].record

    def keys(self) -> list[str]:
        """Each record's key, without unpacking it."""
        return [accepted.key for accepted in self._accepted]

    def split_by_key(self, keep: Callable[[str], bool]) -> tuple["Records", "Records"]:
        """The records whose key ``keep`` accepts, and the rest."""
        return self._split(lambda accepted: keep(accepted.key))

    def split(self, keep: Callable[[Record], bool]) -> tuple["Records", "Records"]:
        """The records ``keep`` accepts, and the rest (each unpacked to be asked, kept packed)."""
        return self._split(lambda accepted: keep(accepted.record))

    def _split(self, keep: Callable[[Accepted], bool]) -> tuple["Records", "Records"]:
        kept, rest = [], []
        for accepted in self._accepted:
            (kept if keep(accepted) else rest).append(accepted)
        return Records(kept), Records(rest)


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
        # Every ID a valid record refers to, by kind, noted as it is read (while its model is
        # at hand): the reference checks then unpack no record unless one is missing.
        self._referred: dict[str, set[str]] = defaultdict(set)

    def __len__(self) -> int:
        return sum(len(by_key) for by_key in self.records.values())

    def valid_records(self) -> dict[str, Records]:
        """The valid records of each type, to write."""
        return {kind: Records(by_key.values()) for kind, by_key in self.records.items()}

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
        self._keep(Accepted.of(record, raw.file, raw.line))
        for _, kind, ref in record.references():
            self._referred[kind].add(ref)

    def _keep(self, accepted: Accepted) -> None:
        kind, key = accepted.model.TYPE, accepted.key
        by_key = self.records[kind]
        conflict = self._conflicts.get((kind, key))
        if conflict is not None:
            self._reject_duplicate(accepted, conflict, "")
            return
        first = by_key.get(key)
        if first is None:
            by_key[key] = accepted
            return
        differ = _differing_fields(first, accepted)
        if not differ:
            return  # the same record twice (two exports overlapping): it is one record
        del by_key[key]
        self._conflicts[(kind, key)] = first.where
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
        dangling = False
        for kind, referred in self._referred.items():
            wanted = referred - available[kind]
            if wanted:
                found = stored(kind, sorted(wanted))
                available[kind] |= found
                dangling = dangling or len(found) < len(wanted)
        if not dangling:
            return  # every ID referred to is found: no record is rejected
        for accepted in list(self._referring()):
            problems = [
                Reject(accepted.file, accepted.line, field, self._dangling(kind, ref))
                for field, kind, ref in accepted.record.references()
                if ref not in available[kind]
            ]
            if problems:
                self.rejects.extend(problems)
                del self.records[accepted.model.TYPE][accepted.key]

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


def _differing_fields(first: Accepted, second: Accepted) -> str:
    if first.packed == second.packed:
        return ""
    a, b = first.values, second.values
    return ", ".join(name for name, x, y in zip(first.model.model_fields, a, b, strict=True) if x != y)


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
