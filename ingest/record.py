"""The base of every intake record (:class:`Record`): its type, key, references, the optional
``review_date`` every type takes, and the field lists the readers and messages use.

Kept apart from the record types themselves (:mod:`ingest.records`, :mod:`ingest.communications`)
so that each group of types is its own module of a readable size.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar, Iterator

from pydantic import BaseModel, ConfigDict, model_validator

from ingest.fields import Date, cross_field

#: Optional fields every record type takes (docs/intake-format.md, "Fields of every type").
COMMON_FIELDS = ("review_date",)


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
    #: The record's own date (or date-time) field, if it has one: a review_date is not before it.
    OWN_DATE: ClassVar[str | None] = None

    #: When the record is next reviewed under MoPI (docs/retention.md); every type takes it,
    #: and without it the retention policy computes one (graph_service.analysis.retention).
    review_date: Date | None = None

    @model_validator(mode="after")
    def _review_not_before_own_date(self) -> "Record":
        own = getattr(self, self.OWN_DATE) if self.OWN_DATE else None
        if self.review_date is not None and own is not None:
            own_day = own.date() if isinstance(own, datetime) else own
            if self.review_date < own_day:
                raise cross_field("review_date", f"is before {self.OWN_DATE} ({own_day.isoformat()}): "
                                                 "a record is reviewed on or after its own date")
        return self

    def references(self) -> Iterator[tuple[str, str, str]]:
        """``(field, kind, id)`` for every other record this one refers to; kind is a record
        type that has IDs: ``person``, ``vehicle``, ``location``, ``phone``, ``online_account`` or ``intel``."""
        return iter(())

    @classmethod
    def fields(cls) -> tuple[str, ...]:
        # The type's own fields first, then those every type shares (review_date).
        return tuple(name for name in cls.model_fields if name not in COMMON_FIELDS) + COMMON_FIELDS

    @classmethod
    def required_fields(cls) -> tuple[str, ...]:
        return tuple(name for name, info in cls.model_fields.items() if info.is_required())
