"""The communications records of the intake format: ``phone``, ``online_account`` and
``contact`` (docs/intake-format.md, "Communications").

Grooming often runs through phones and social media, so phones and online accounts are
entities like vehicles: each is stored once under a normalised key (a phone under its number
in E.164, an account as ``platform:handle``), a person is tied to one by a ``link``
(``uses_phone``, ``uses_account``) graded through its report, and a ``contact`` between two of
them is a record of its own, graded through the report it is known from.

>>> Phone.model_validate({"number": "07700 900123"}).key
'+447700900123'
>>> OnlineAccount.model_validate({"platform": "snapchat", "handle": "@Jay_22"}).key
'snapchat:jay_22'
>>> Contact.model_validate({"contact_id": "C1", "intel_id": "I1", "from_type": "phone",
...     "from_id": "07700 900123", "to_type": "online_account", "to_id": "Snapchat:@Jay_22",
...     "contacted_on": "2025-02-01"}).to_id
'snapchat:jay_22'
"""

from __future__ import annotations

from pydantic import model_validator

from graph_service.vocabulary import CONTACT_ENDS, CONTACT_MEANS, CONTACT_SOURCES, ONLINE_PLATFORMS
from ingest.fields import (
    Date,
    Handle,
    Id,
    OneOf,
    PhoneNumber,
    Text,
    account_key,
    cross_field,
    normalise_reference,
)
from ingest.record import Record


class Phone(Record):
    """A phone, stored once under its number in E.164 (a UK number when written without +)."""

    TYPE = "phone"
    KEY_FIELD = "number"

    number: PhoneNumber

    @property
    def key(self) -> str:
        return self.number


class OnlineAccount(Record):
    """An account on an online platform, stored once as ``platform:handle`` (handle without @,
    compared ignoring case)."""

    TYPE = "online_account"
    KEY_FIELD = "handle"

    platform: OneOf(ONLINE_PLATFORMS)
    handle: Handle
    display_name: Text | None = None

    @property
    def key(self) -> str:
        return account_key(self.platform, self.handle)


class Contact(Record):
    """One contact (a call, a message...) from a phone or account to another, on a date, known
    from a graded report. Its grade is its report's: contact is intelligence like any other."""

    TYPE = "contact"
    KEY_FIELD = "contact_id"
    OWN_DATE = "contacted_on"

    contact_id: Id
    intel_id: Id
    from_type: OneOf(CONTACT_ENDS)
    from_id: Id
    to_type: OneOf(CONTACT_ENDS)
    to_id: Id
    contacted_on: Date
    means: OneOf(CONTACT_MEANS) | None = None
    known_from: OneOf(CONTACT_SOURCES) | None = None

    @property
    def key(self) -> str:
        return self.contact_id

    @model_validator(mode="after")
    def _two_different_ends(self) -> "Contact":
        # A phone named by a contact is its number in E.164, an account platform:handle, as
        # the phone and online_account records store them (the ID's characters are checked by
        # then); a reference that is neither is reported against its field.
        for end in ("from", "to"):
            kind, value = getattr(self, f"{end}_type"), getattr(self, f"{end}_id")
            try:
                setattr(self, f"{end}_id", normalise_reference(kind, value))
            except ValueError as reason:
                raise cross_field(f"{end}_id", f"{value!r} names no {kind}: {reason}") from None
        if (self.from_type, self.from_id) == (self.to_type, self.to_id):
            raise cross_field("to_id", "is the same as from_id: a contact runs between two different phones or accounts")
        return self

    def references(self):
        yield "intel_id", "intel", self.intel_id
        yield "from_id", self.from_type, self.from_id
        yield "to_id", self.to_type, self.to_id
