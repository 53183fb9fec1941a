"""The intake records of ``docs/intake-format.md`` (format v1) as pydantic models, one class per type.

A model takes the fields of one record after the reader has cleaned them (text stripped,
empty values dropped, CSV list cells split on ``;``) and either returns the record in the
form the service stores (dates as dates, a VRM normalised, grades as text) or raises a
``ValidationError`` whose messages say what is wrong in words a user can act on.

>>> Person.model_validate({"person_id": "P1", "dob": "2010-04-30"}).dob
datetime.date(2010, 4, 30)
>>> Vehicle.model_validate({"vrm": "ab12 cde"}).vrm
'AB12CDE'

Checks that need more than one record (duplicate IDs, references to other records) live in
:mod:`ingest.checks`.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from typing import Annotated, Any, ClassVar, Iterator

from pydantic import BaseModel, BeforeValidator, ConfigDict, model_validator
from pydantic_core import PydanticCustomError

from graph_service.grading import HANDLING_CODES, INTELLIGENCE_ASSESSMENTS, SOURCE_EVALUATIONS

# The intake format's enumerations are defined once, in the vocabulary; RELATIONS is the name
# the link model below has always used for the link relations.
from graph_service.vocabulary import (
    CARE_STATUSES,
    ENTITY_TYPES,
    FAMILY_RELATIONS,
    LOCATION_CATEGORIES,
    NOTICE_BASES,
    NOTICE_STATUSES,
    SIGHTING_SOURCES,
)
from graph_service.vocabulary import LINK_RELATIONS as RELATIONS

# -- field types ----------------------------------------------------------------------------

def _problem(error_type: str, message: str, **context: Any) -> PydanticCustomError:
    return PydanticCustomError(error_type, message, context or None)


def _shown(value: Any) -> str:
    """A value as the user wrote it, shortened, for messages."""
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _json_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, str):
        return "text"
    return type(value).__name__


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise _problem("text", "must be text (a string), not {kind}", kind=_json_kind(value))
    _check_unicode(value)
    return value


def _check_unicode(value: str) -> None:
    # JSON may escape half of a UTF-16 surrogate pair ("\ud800"): valid JSON, but no character.
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise _problem("text", "holds an invalid character ({code}) at position {position}: check the export",
                       code=f"\\u{ord(value[error.start]):04x}", position=error.start + 1) from None


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _date(value: Any) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str) and _DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise _problem("date", "{value} is not a date (YYYY-MM-DD)", value=_shown(value))


def _datetime(value: Any) -> datetime:
    parsed = value if isinstance(value, datetime) else None
    if parsed is None and isinstance(value, str) and _DATE.match(value) and len(value) > 10:
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            parsed = None
    if parsed is None:
        raise _problem(
            "datetime", "{value} is not a date-time (ISO 8601, e.g. 2025-03-01T21:30:00Z)", value=_shown(value)
        )
    if parsed.tzinfo is None:
        raise _problem(
            "datetime_offset", "{value} has no UTC offset: add Z or an offset such as +01:00", value=_shown(value)
        )
    return parsed


def normalise_vrm(value: str) -> str:
    """A vehicle registration as the service compares and stores it: no spaces, upper case.

    >>> normalise_vrm(" ab12  cde ")
    'AB12CDE'
    """
    return "".join(value.split()).upper()


def _vrm(value: Any) -> str:
    vrm = normalise_vrm(_text(value))
    if not vrm:
        raise _problem("vrm", "a registration needs at least one letter or digit")
    return vrm


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise _problem("number", "must be a number, not {kind}", kind=_json_kind(value))
    try:
        number = float(value)
    except ValueError:
        raise _problem("number", "{value} is not a number", value=_shown(value)) from None
    if not math.isfinite(number):
        raise _problem("number", "{value} is not a finite number", value=_shown(value))
    return number


def _degrees(limit: int, what: str):
    def check(value: Any) -> float:
        number = _number(value)
        if not -limit <= number <= limit:
            raise _problem(
                "coordinate_range",
                "{value} is outside -{limit}..{limit}: a {what} in WGS84 decimal degrees is expected",
                value=_shown(value), limit=limit, what=what,
            )
        return number

    return check


def _one_of(values: tuple[str, ...]):
    allowed = ", ".join(values)

    def check(value: Any) -> str:
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)  # a source evaluation written as a JSON number: 1, 2 or 3
        if value not in values:
            raise _problem("enumeration", "{value} is not one of: {allowed}", value=_shown(value), allowed=allowed)
        return value

    return check


def _id_list(value: Any) -> list[str]:
    if not isinstance(value, list):
        raise _problem("list", "must be a list of IDs (a JSON array of strings), not {kind}", kind=_json_kind(value))
    for position, item in enumerate(value, 1):
        if not isinstance(item, str):
            raise _problem("list_item", "item {position} must be text (a string), not {kind}",
                           position=position, kind=_json_kind(item))
        _check_unicode(item)
    return list(dict.fromkeys(value))  # the same ID twice says nothing more


def _text_list(value: Any) -> list[str]:
    if not isinstance(value, list):
        raise _problem("list", "must be a list (a JSON array of strings), not {kind}", kind=_json_kind(value))
    return _id_list(value)


Text = Annotated[str, BeforeValidator(_text)]
Id = Text
Date = Annotated[date, BeforeValidator(_date)]
DateTime = Annotated[datetime, BeforeValidator(_datetime)]
Vrm = Annotated[str, BeforeValidator(_vrm)]
Latitude = Annotated[float, BeforeValidator(_degrees(90, "latitude"))]
Longitude = Annotated[float, BeforeValidator(_degrees(180, "longitude"))]
IdList = Annotated[list[str], BeforeValidator(_id_list)]
TextList = Annotated[list[str], BeforeValidator(_text_list)]


def OneOf(values: tuple[str, ...]):  # noqa: N802 - reads like a type in the models below
    return Annotated[str, BeforeValidator(_one_of(values))]


def _cross_field(field: str, reason: str) -> PydanticCustomError:
    """A rule over several fields, reported against ``field`` (see :mod:`ingest.checks`)."""
    return PydanticCustomError("cross_field", "{reason}", {"field": field, "reason": reason})


# -- records --------------------------------------------------------------------------------

class Record(BaseModel):
    """One intake record. Subclasses name their type, key and references."""

    model_config = ConfigDict(extra="forbid")

    #: The record type as written in the ``type`` field or the CSV file name.
    TYPE: ClassVar[str]
    #: Fields holding lists (``;``-separated in CSV).
    LIST_FIELDS: ClassVar[tuple[str, ...]] = ()

    @property
    def key(self) -> str:
        """The record's ID, unique within its type (re-ingesting it updates, never duplicates)."""
        raise NotImplementedError

    #: Field that holds the key, named in messages about duplicates.
    KEY_FIELD: ClassVar[str]

    def references(self) -> Iterator[tuple[str, str, str]]:
        """``(field, kind, id)`` for every other record this one refers to; kind is a record
        type that has IDs: ``person``, ``vehicle``, ``location`` or ``intel``."""
        return iter(())

    @classmethod
    def fields(cls) -> tuple[str, ...]:
        return tuple(cls.model_fields)

    @classmethod
    def required_fields(cls) -> tuple[str, ...]:
        return tuple(name for name, info in cls.model_fields.items() if info.is_required())


class Person(Record):
    TYPE = "person"
    KEY_FIELD = "person_id"
    LIST_FIELDS = ("aliases",)

    person_id: Id
    forename: Text | None = None
    surname: Text | None = None
    dob: Date | None = None
    gender: Text | None = None
    ethnicity: Text | None = None
    aliases: TextList | None = None

    @property
    def key(self) -> str:
        return self.person_id


class Vehicle(Record):
    TYPE = "vehicle"
    KEY_FIELD = "vrm"

    vrm: Vrm
    make: Text | None = None
    model: Text | None = None
    colour: Text | None = None

    @property
    def key(self) -> str:
        return self.vrm


class Location(Record):
    TYPE = "location"
    KEY_FIELD = "location_id"

    location_id: Id
    name: Text | None = None
    category: OneOf(LOCATION_CATEGORIES)
    lat: Latitude
    lon: Longitude
    address: Text | None = None
    postcode: Text | None = None

    @property
    def key(self) -> str:
        return self.location_id


class Intel(Record):
    TYPE = "intel"
    KEY_FIELD = "intel_id"

    intel_id: Id
    reported_on: Date
    source_evaluation: OneOf(SOURCE_EVALUATIONS)
    intelligence_assessment: OneOf(INTELLIGENCE_ASSESSMENTS)
    handling_code: OneOf(HANDLING_CODES)
    handling_conditions: Text | None = None
    summary: Text | None = None
    review_on: Date | None = None

    @property
    def key(self) -> str:
        return self.intel_id

    @model_validator(mode="after")
    def _conditions_with_code_c(self) -> "Intel":
        if self.handling_code == "C" and not self.handling_conditions:
            raise _cross_field(
                "handling_conditions",
                "required when handling_code is C: record the conditions on sharing this report",
            )
        return self


class Link(Record):
    TYPE = "link"
    KEY_FIELD = "link_id"

    link_id: Id
    intel_id: Id | None = None
    subject_type: OneOf(ENTITY_TYPES)
    subject_id: Id
    relation: OneOf(tuple(RELATIONS))
    object_type: OneOf(ENTITY_TYPES)
    object_id: Id
    observed_at: DateTime | None = None

    @property
    def key(self) -> str:
        return self.link_id

    @model_validator(mode="after")
    def _relation_joins_these_types(self) -> "Link":
        subjects, objects = RELATIONS[self.relation]
        if self.subject_type not in subjects or self.object_type not in objects:
            raise _cross_field(
                "relation",
                f"{self.relation!r} joins {' or '.join(subjects)} to {' or '.join(objects)}, "
                f"not {self.subject_type} to {self.object_type}",
            )
        # A vehicle is referred to by its registration, compared in normalised form.
        if self.subject_type == "vehicle":
            self.subject_id = normalise_vrm(self.subject_id)
        if self.object_type == "vehicle":
            self.object_id = normalise_vrm(self.object_id)
        if self.subject_type == self.object_type and self.subject_id == self.object_id:
            raise _cross_field("object_id", "is the same as subject_id: a link joins two different things")
        return self

    def references(self):
        yield "subject_id", self.subject_type, self.subject_id
        yield "object_id", self.object_type, self.object_id
        if self.intel_id is not None:
            yield "intel_id", "intel", self.intel_id


class MissingEpisode(Record):
    TYPE = "missing_episode"
    KEY_FIELD = "episode_id"
    LIST_FIELDS = ("found_with",)

    episode_id: Id
    person_id: Id
    reported_at: DateTime
    found_at: DateTime | None = None
    found_location_id: Id | None = None
    found_with: IdList | None = None
    return_interview_on: Date | None = None

    @property
    def key(self) -> str:
        return self.episode_id

    @model_validator(mode="after")
    def _consistent(self) -> "MissingEpisode":
        if self.found_at is not None and self.found_at < self.reported_at:
            raise _cross_field("found_at", "is before reported_at: check both times and their offsets")
        if self.found_with and self.person_id in self.found_with:
            raise _cross_field("found_with", "lists the missing person themself: list only the people found with them")
        return self

    def references(self):
        yield "person_id", "person", self.person_id
        if self.found_location_id is not None:
            yield "found_location_id", "location", self.found_location_id
        for person_id in self.found_with or ():
            yield "found_with", "person", person_id


class Sighting(Record):
    TYPE = "sighting"
    KEY_FIELD = "sighting_id"
    LIST_FIELDS = ("person_ids",)

    sighting_id: Id
    observed_at: DateTime
    location_id: Id
    source: OneOf(SIGHTING_SOURCES)
    vrm: Vrm | None = None
    person_ids: IdList | None = None

    @property
    def key(self) -> str:
        return self.sighting_id

    @model_validator(mode="after")
    def _sees_something(self) -> "Sighting":
        if self.vrm is None and not self.person_ids:
            raise _cross_field("vrm", "a sighting needs a vrm, person_ids or both: say what was seen")
        return self

    def references(self):
        yield "location_id", "location", self.location_id
        if self.vrm is not None:
            yield "vrm", "vehicle", self.vrm
        for person_id in self.person_ids or ():
            yield "person_ids", "person", person_id


class CareStatus(Record):
    TYPE = "care_status"
    KEY_FIELD = "person_id"

    person_id: Id
    status: OneOf(CARE_STATUSES)
    start_on: Date
    end_on: Date | None = None

    @property
    def key(self) -> str:
        # No ID of its own: a person's status from a start date is one record.
        return f"{self.person_id}|{self.status}|{self.start_on.isoformat()}"

    @model_validator(mode="after")
    def _ends_after_start(self) -> "CareStatus":
        if self.end_on is not None and self.end_on < self.start_on:
            raise _cross_field("end_on", "is before start_on: check both dates")
        return self

    def references(self):
        yield "person_id", "person", self.person_id


class Family(Record):
    TYPE = "family"
    KEY_FIELD = "person_id"

    person_id: Id
    relative_id: Id
    relation: OneOf(FAMILY_RELATIONS)

    @property
    def key(self) -> str:
        return f"{self.person_id}|{self.relative_id}|{self.relation}"

    @model_validator(mode="after")
    def _two_people(self) -> "Family":
        if self.person_id == self.relative_id:
            raise _cross_field("relative_id", "is the same person as person_id: a person is not their own relative")
        return self

    def references(self):
        yield "person_id", "person", self.person_id
        yield "relative_id", "person", self.relative_id


class Notice(Record):
    TYPE = "notice"
    KEY_FIELD = "notice_id"

    notice_id: Id
    adult_id: Id
    child_id: Id
    basis: OneOf(NOTICE_BASES)
    issued_on: Date
    status: OneOf(NOTICE_STATUSES)

    @property
    def key(self) -> str:
        return self.notice_id

    @model_validator(mode="after")
    def _two_people(self) -> "Notice":
        if self.adult_id == self.child_id:
            raise _cross_field("child_id", "is the same person as adult_id")
        return self

    def references(self):
        yield "adult_id", "person", self.adult_id
        yield "child_id", "person", self.child_id


class PermissionStatement(Record):
    TYPE = "permission_statement"
    KEY_FIELD = "statement_id"

    statement_id: Id
    child_id: Id
    adult_id: Id
    made_by_id: Id
    made_on: Date

    @property
    def key(self) -> str:
        return self.statement_id

    @model_validator(mode="after")
    def _two_people(self) -> "PermissionStatement":
        if self.adult_id == self.child_id:
            raise _cross_field("adult_id", "is the same person as child_id")
        return self

    def references(self):
        yield "child_id", "person", self.child_id
        yield "adult_id", "person", self.adult_id
        yield "made_by_id", "person", self.made_by_id


#: Every record type by name, in the order they are loaded: records that others refer to first.
RECORD_TYPES: dict[str, type[Record]] = {
    model.TYPE: model
    for model in (
        Person, Vehicle, Location, Intel, Link, MissingEpisode, Sighting,
        CareStatus, Family, Notice, PermissionStatement,
    )
}

#: Record types whose IDs other records refer to.
REFERENCED_TYPES = ("person", "vehicle", "location", "intel")
