"""The intake records of ``docs/intake-format.md`` (format v1) as pydantic models, one class per type.

A model takes the fields of one record after the reader has cleaned them (text stripped,
empty values dropped, CSV list cells split on ``;``) and either returns the record in the
form the service stores (dates as dates, a VRM normalised, grades as text) or raises a
``ValidationError`` whose messages say what is wrong in words a user can act on.

>>> Person.model_validate({"person_id": "P1", "dob": "2010-04-30"}).dob
datetime.date(2010, 4, 30)
>>> Vehicle.model_validate({"vrm": "ab12 cde"}).vrm
'AB12CDE'

The field types, and the rules on characters every text field follows (NFKC; no control,
bidirectional or zero-width characters; IDs of at most 64 characters), are in
:mod:`ingest.fields`. Checks that need more than one record (duplicate IDs, references to
other records) live in :mod:`ingest.checks`.
"""

from __future__ import annotations

from typing import Any

from pydantic import model_validator

from graph_service.grading import HANDLING_CODES, INTELLIGENCE_ASSESSMENTS, SOURCE_EVALUATIONS

# The intake format's enumerations are defined once, in the vocabulary; RELATIONS is the name
# the link model below has always used for the link relations.
from graph_service.vocabulary import (
    CARE_STATUSES,
    CSE_CONCERN_LEVELS,
    CSE_RISK_FACTORS,
    ENTITY_TYPES,
    FAMILY_RELATIONS,
    LOCATION_CATEGORIES,
    MISSING_FROM,
    NOTICE_BASES,
    NOTICE_ENDINGS,
    NOTICE_STATUSES,
    SIGHTING_SOURCES,
)
from graph_service.vocabulary import LINK_RELATIONS as RELATIONS
from ingest.fields import (
    Date,
    DateTime,
    FreeText,
    Hours,
    Id,
    IdList,
    Latitude,
    Longitude,
    OneOf,
    OneOfList,
    Text,
    TextList,
    Vrm,
    cross_field,
    normalise_reference,
    normalise_vrm,
    without_zero_width,
)
from ingest.record import COMMON_FIELDS, Record


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
    address: FreeText | None = None  # a postal address may be written on several lines
    postcode: Text | None = None

    @property
    def key(self) -> str:
        return self.location_id


class Intel(Record):
    TYPE = "intel"
    KEY_FIELD = "intel_id"
    OWN_DATE = "reported_on"

    intel_id: Id
    reported_on: Date
    source_evaluation: OneOf(SOURCE_EVALUATIONS)
    intelligence_assessment: OneOf(INTELLIGENCE_ASSESSMENTS)
    handling_code: OneOf(HANDLING_CODES)
    handling_conditions: FreeText | None = None
    summary: FreeText | None = None
    review_on: Date | None = None

    @property
    def key(self) -> str:
        return self.intel_id

    @model_validator(mode="after")
    def _conditions_with_code_c(self) -> "Intel":
        if self.handling_code == "C" and not self.handling_conditions:
            raise cross_field(
                "handling_conditions",
                "required when handling_code is C: record the conditions on sharing this report",
            )
        return self


class Link(Record):
    TYPE = "link"
    KEY_FIELD = "link_id"
    OWN_DATE = "observed_at"

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

    @model_validator(mode="before")
    @classmethod
    def _vehicle_ids_are_registrations(cls, data: Any) -> Any:
        # In a registration a zero-width character is a space (ingest.fields), not a hidden one.
        if isinstance(data, dict):
            for side in ("subject", "object"):
                if data.get(f"{side}_type") == "vehicle" and f"{side}_id" in data:
                    data = {**data, f"{side}_id": without_zero_width(data[f"{side}_id"])}
        return data

    @model_validator(mode="after")
    def _relation_joins_these_types(self) -> "Link":
        subjects, objects = RELATIONS[self.relation]
        if self.subject_type not in subjects or self.object_type not in objects:
            raise cross_field(
                "relation",
                f"{self.relation!r} joins {' or '.join(subjects)} to {' or '.join(objects)}, "
                f"not {self.subject_type} to {self.object_type}",
            )
        # A vehicle is referred to by its registration, a phone by its number and an account
        # as platform:handle, each compared in the normalised form its record is stored under.
        for side in ("subject", "object"):
            kind, value = getattr(self, f"{side}_type"), getattr(self, f"{side}_id")
            try:
                setattr(self, f"{side}_id", normalise_reference(kind, value))
            except ValueError as reason:
                raise cross_field(f"{side}_id", f"{value!r} names no {kind}: {reason}") from None
        if self.subject_type == self.object_type and self.subject_id == self.object_id:
            raise cross_field("object_id", "is the same as subject_id: a link joins two different things")
        return self

    def references(self):
        yield "subject_id", self.subject_type, self.subject_id
        yield "object_id", self.object_type, self.object_id
        if self.intel_id is not None:
            yield "intel_id", "intel", self.intel_id


class MissingEpisode(Record):
    TYPE = "missing_episode"
    KEY_FIELD = "episode_id"
    OWN_DATE = "reported_at"
    LIST_FIELDS = ("found_with",)

    episode_id: Id
    person_id: Id
    reported_at: DateTime
    found_at: DateTime | None = None
    found_location_id: Id | None = None
    found_with: IdList | None = None
    return_interview_on: Date | None = None
    # Optional (added after v1 files were written, which still load): where from, and how long
    # when no found_at says it (a part-day absence from school).
    missing_from: OneOf(MISSING_FROM) | None = None
    duration_hours: Hours | None = None

    @property
    def key(self) -> str:
        return self.episode_id

    @model_validator(mode="after")
    def _consistent(self) -> "MissingEpisode":
        if self.found_at is not None and self.found_at < self.reported_at:
            raise cross_field("found_at", "is before reported_at: check both times and their offsets")
        if self.found_with and self.person_id in self.found_with:
            raise cross_field("found_with", "lists the missing person themself: list only the people found with them")
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
    OWN_DATE = "observed_at"
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
            raise cross_field("vrm", "a sighting needs a vrm, person_ids or both: say what was seen")
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
    OWN_DATE = "start_on"

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
            raise cross_field("end_on", "is before start_on: check both dates")
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
            raise cross_field("relative_id", "is the same person as person_id: a person is not their own relative")
        return self

    def references(self):
        yield "person_id", "person", self.person_id
        yield "relative_id", "person", self.relative_id


class Notice(Record):
    TYPE = "notice"
    KEY_FIELD = "notice_id"
    OWN_DATE = "issued_on"

    notice_id: Id
    adult_id: Id
    child_id: Id
    basis: OneOf(NOTICE_BASES)
    issued_on: Date
    status: OneOf(NOTICE_STATUSES)
    #: The day a withdrawn or expired notice ended (docs/casework.md#notices): contact from that
    #: day is no breach. Absent for a notice in force, and allowed absent for an ended one.
    ended_on: Date | None = None

    @property
    def key(self) -> str:
        return self.notice_id

    @model_validator(mode="after")
    def _two_people(self) -> "Notice":
        if self.adult_id == self.child_id:
            raise cross_field("child_id", "is the same person as adult_id")
        return self

    @model_validator(mode="after")
    def _ends_after_service(self) -> "Notice":
        if self.ended_on is None:
            return self
        if self.status not in NOTICE_ENDINGS:
            raise cross_field("ended_on", f"is given but status is {self.status!r}: a notice that ended is "
                                          f"{' or '.join(NOTICE_ENDINGS)}")
        if self.ended_on < self.issued_on:
            raise cross_field("ended_on", f"is before issued_on ({self.issued_on.isoformat()}): a notice ends on "
                                          "or after the day it was served")
        return self

    def references(self):
        yield "adult_id", "person", self.adult_id
        yield "child_id", "person", self.child_id


class PermissionStatement(Record):
    TYPE = "permission_statement"
    KEY_FIELD = "statement_id"
    OWN_DATE = "made_on"

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
            raise cross_field("adult_id", "is the same person as child_id")
        return self

    def references(self):
        yield "child_id", "person", self.child_id
        yield "adult_id", "person", self.adult_id
        yield "made_by_id", "person", self.made_by_id


class CseConcern(Record):
    """A level of CSE concern on a child: an assessment at a date by a named professional."""

    TYPE = "cse_concern"
    KEY_FIELD = "concern_id"
    OWN_DATE = "assessed_on"
    LIST_FIELDS = ("risk_factors",)

    concern_id: Id
    person_id: Id
    level: OneOf(CSE_CONCERN_LEVELS)
    assessed_on: Date
    assessed_by: Text
    risk_factors: OneOfList(CSE_RISK_FACTORS, " of risk factors") | None = None
    review_on: Date | None = None

    @property
    def key(self) -> str:
        return self.concern_id

    @model_validator(mode="after")
    def _review_after_assessment(self) -> "CseConcern":
        if self.review_on is not None and self.review_on < self.assessed_on:
            raise cross_field("review_on", "is before assessed_on: a review follows the assessment")
        return self

    def references(self):
        yield "person_id", "person", self.person_id


# The communications records refer to the base above and are listed with the rest below.
from ingest.communications import Contact, OnlineAccount, Phone  # noqa: E402

#: Every record type by name, in the order they are loaded: records that others refer to first.
RECORD_TYPES: dict[str, type[Record]] = {
    model.TYPE: model
    for model in (
        Person, Vehicle, Location, Phone, OnlineAccount, Intel, Link, MissingEpisode, Sighting,
        CareStatus, Family, Notice, PermissionStatement, CseConcern, Contact,
    )
}

#: Record types whose IDs other records refer to.
REFERENCED_TYPES = ("person", "vehicle", "location", "phone", "online_account", "intel")

__all__ = ["COMMON_FIELDS", "RECORD_TYPES", "REFERENCED_TYPES", "Record", "normalise_vrm", *(
    model.__name__ for model in RECORD_TYPES.values())]
