"""Field types of the intake records: each checks one value and returns it as the service
stores it, or raises an error whose message a user can act on.

Every text field of every record type is one of :data:`Id`, :data:`Text`, :data:`FreeText`
or :data:`Vrm` (or a list of them), so the rules on characters below hold everywhere:

- **NFKC.** IDs, registrations, names and other short text are stored in Unicode's
  compatibility form, so text that reads the same is the same: full-width ``ＡＢ１２`` is
  ``AB12``, a no-break space a space, the ligature ``ﬁ`` the letters ``fi``. Free text
  (summaries, handling conditions, addresses) is stored in composed form (NFC) only, as the
  reporter wrote it.
- **Refused:** control characters (NUL included), bidirectional controls and zero-width or
  other invisible formatting characters. They cannot be seen, so they make two values that
  look the same differ, or make a value read differently from what is stored. Line breaks
  and tabs are allowed in free text only.
- **Registrations** are compared after removing spaces (INTAKE.md); a zero-width character
  is a space of no width, so it is removed too.
- **IDs** (and registrations) have at most :data:`ID_MAX` characters.

>>> _vrm("ＡＢ１２\\u200bcde")
'AB12CDE'
>>> _text("Ａｍｙ")
'Amy'
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime
from typing import Annotated, Any

import phonenumbers
from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

from graph_service.vocabulary import ONLINE_PLATFORMS, PHONE_DEFAULT_REGION

#: The longest ID (or registration) accepted: IDs are keys, shown in lists and typed by users.
ID_MAX = 64

#: Bidirectional controls: they change the order in which text is shown, so a value can read
#: differently from what is stored ("Trojan Source", CVE-2021-42574).
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f" + "".join(map(chr, range(0x202A, 0x202F))) + "".join(map(chr, range(0x2066, 0x206A)))
)
#: Characters of no width: two values that differ only by one look the same.
ZERO_WIDTH = frozenset("\u180e\u200b\u200c\u200d\u2060\ufeff")
#: Line breaks and tabs, allowed in free text only.
LAYOUT = frozenset("\n\r\t\u2028\u2029")
#: The free-text fields (named in messages about line breaks).
FREE_TEXT_FIELDS = "summary, handling_conditions and address"


def _problem(error_type: str, message: str, **context: Any) -> PydanticCustomError:
    return PydanticCustomError(error_type, message, context or None)


def shown(value: Any) -> str:
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


# -- characters ----------------------------------------------------------------------------

def _string(value: Any) -> str:
    if not isinstance(value, str):
        raise _problem("text", "must be text (a string), not {kind}", kind=_json_kind(value))
    if value.isascii():  # most values, and no surrogate is ASCII
        return value
    # JSON may escape half of a UTF-16 surrogate pair ("\ud800"): valid JSON, but no character.
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise _problem("text", "holds an invalid character ({code}) at position {position}: check the export",
                       code=f"\\u{ord(value[error.start]):04x}", position=error.start + 1) from None
    return value


def _code(char: str) -> str:
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X} {name}" if name else f"U+{ord(char):04X}"


def _check_characters(value: str, allowed: frozenset[str] = frozenset()) -> None:
    """Refuse control, bidirectional and invisible formatting characters not in ``allowed``."""
    if value.isprintable():  # the common case, checked in C: none of those characters is printable
        return
    for position, char in enumerate(value, 1):
        if char in allowed:
            continue
        category = unicodedata.category(char)
        if char in BIDI_CONTROLS:
            what, why = "a bidirectional control", (
                "it changes the order text is shown in, so the value would read differently from what is stored")
        elif char in LAYOUT:
            what, why = "a line break or tab", f"those belong only in free text ({FREE_TEXT_FIELDS})"
        elif category == "Cc":
            what, why = "a control character", "control characters are never part of a value"
        elif char in ZERO_WIDTH:
            what, why = "a zero-width character", "it cannot be seen, so values that look the same would differ"
        elif category == "Cf":
            what, why = "an invisible formatting character", (
                "it cannot be seen, so values that look the same would differ")
        else:
            continue  # printable in effect: a no-break space, a private-use or unassigned code point
        raise _problem("hidden_character", "holds {what} ({code}) at position {position}: {why}; remove it",
                       what=what, code=_code(char), position=position, why=why)


def _text(value: Any) -> str:
    """Short text (names, makes, postcodes...): no hidden characters, NFKC."""
    value = _string(value)
    if value.isascii() and value.isprintable():
        return value  # printable ASCII is its own NFKC form: the common case, at C speed
    _check_characters(value)
    return unicodedata.normalize("NFKC", value)


def _free_text(value: Any) -> str:
    """Free text (a summary): line breaks and tabs allowed, composed as written (NFC)."""
    value = _string(value)
    _check_characters(value, LAYOUT)
    return unicodedata.normalize("NFC", value)


def _short_enough(value: str, what: str) -> str:
    if len(value) > ID_MAX:
        raise _problem("too_long", "is {length} characters long: {what} has at most {limit}",
                       length=len(value), what=what, limit=ID_MAX)
    return value


def _id(value: Any) -> str:
    return _short_enough(_text(value), "an ID")


def without_zero_width(value: Any) -> Any:
    """``value`` without zero-width characters, if it is text (they are spaces in a registration)."""
    return "".join(c for c in value if c not in ZERO_WIDTH) if isinstance(value, str) else value


def normalise_vrm(value: str) -> str:
    """A vehicle registration as the service compares and stores it: NFKC, no spaces (zero-width
    ones included), upper case.

    >>> normalise_vrm(" ab12  cde ")
    'AB12CDE'
    >>> normalise_vrm("ＡＢ１２\\u200bＣＤＥ")
    'AB12CDE'
    """
    return "".join(unicodedata.normalize("NFKC", without_zero_width(value)).split()).upper()


def _vrm(value: Any) -> str:
    value = _string(value)
    _check_characters(value, ZERO_WIDTH)
    vrm = normalise_vrm(value)
    if not vrm:
        raise _problem("vrm", "a registration needs at least one letter or digit")
    return _short_enough(vrm, "a registration")


# -- phones and online accounts (docs/intake-format.md, "Communications") -------------------

#: Why :mod:`phonenumbers` finds a number impossible, in words a user can act on.
_IMPOSSIBLE = {
    phonenumbers.ValidationResult.INVALID_COUNTRY_CODE: "its country code is not one in use",
    phonenumbers.ValidationResult.TOO_SHORT: "it has too few digits for a number of that country",
    phonenumbers.ValidationResult.TOO_LONG: "it has too many digits for a number of that country",
    phonenumbers.ValidationResult.INVALID_LENGTH: "it has a number of digits no number of that country has",
}


#: Ofcom's numbers reserved for drama and training, in E.164 (07700 900000-900999 mobile,
#: 01632 960xxx, and the 496 ranges of the cities, 020 7946 0xxx): no one has them, so
#: synthetic data uses them, and they are accepted although the library finds them unallocated.
FICTION_RANGES = ("+447700900", "+441632960", "+4411349600", "+441144960", "+441154960", "+441164960",
                  "+441174960", "+441184960", "+441214960", "+441314960", "+441414960", "+441514960",
                  "+441614960", "+441914980", "+442079460")


def normalise_phone(value: str) -> str:
    """A phone number in E.164 (``+447700900123``), read as a UK number when it has no country
    code, so that ``07700 900123``, ``+44 7700 900123`` and ``0044 7700 900123`` are one phone.
    Raises ``ValueError`` with the reason when it is not a number in use.

    A number must be valid by the library's metadata (a range allocated in its country), so a
    mistyped digit is caught at intake, not stored as a second phone. Ofcom's ranges reserved
    for drama and training (:data:`FICTION_RANGES`) are accepted too, though no network
    allocates them: training data and the synthetic scenario use them so that they never hold a
    real person's number.

    >>> normalise_phone("07700 900123"), normalise_phone("+44 (0)114 496 0123")
    ('+447700900123', '+441144960123')
    >>> normalise_phone("+1 202-555-0143")
    '+12025550143'
    """
    text = unicodedata.normalize("NFKC", value).strip()
    try:
        number = phonenumbers.parse(text, PHONE_DEFAULT_REGION)
    except phonenumbers.NumberParseException as error:
        reason = {
            phonenumbers.NumberParseException.INVALID_COUNTRY_CODE: "its country code is not one in use",
            phonenumbers.NumberParseException.TOO_SHORT_NSN: "it has too few digits",
            phonenumbers.NumberParseException.TOO_SHORT_AFTER_IDD: "it has too few digits",
            phonenumbers.NumberParseException.TOO_LONG: "it has too many digits",
        }.get(error.error_type, "it holds no phone number (digits, with + and a country code for one outside the UK)")
        raise ValueError(reason) from None
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if phonenumbers.is_valid_number(number) or (len(e164) == len("+447700900123") and e164.startswith(FICTION_RANGES)):
        return e164
    possible = phonenumbers.is_possible_number_with_reason(number)
    if possible == phonenumbers.ValidationResult.IS_POSSIBLE_LOCAL_ONLY or number.italian_leading_zero:
        raise ValueError("it lacks its area code or digits: write the number in full")
    raise ValueError(_IMPOSSIBLE.get(possible, "no range of numbers in use in its country holds it: "
                                               "check for a mistyped or missing digit"))


def _phone(value: Any) -> str:
    value = _string(value)
    _check_characters(value)
    try:
        return normalise_phone(value)
    except ValueError as reason:
        raise _problem("phone", "{value} is not a phone number: {reason} (numbers without a country code "
                                "are read as UK numbers)", value=shown(value), reason=str(reason)) from None


def normalise_handle(value: str) -> str:
    """An online account's handle as the service compares it: NFKC, without a leading ``@``,
    spaces around it and case (the platforms listed treat ``@Jay_22`` and ``jay_22`` as one).

    >>> normalise_handle(" @Jay_22 ")
    'jay_22'
    """
    return unicodedata.normalize("NFKC", value).strip().removeprefix("@").strip().casefold()


def _handle(value: Any) -> str:
    value = _string(value)
    _check_characters(value)
    handle = normalise_handle(value)
    if not handle:
        raise _problem("handle", "a handle needs at least one character besides @")
    return _short_enough(handle, "a handle")


def account_key(platform: str, handle: str) -> str:
    """How a link or a contact names an online account: ``platform:handle`` (``snapchat:jay_22``).

    >>> account_key("snapchat", "@Jay_22")
    'snapchat:jay_22'
    """
    return f"{platform}:{normalise_handle(handle)}"


def normalise_account_key(value: str) -> str:
    """``platform:handle`` as written in a link or contact, normalised (``Snapchat:@Jay_22`` is
    ``snapchat:jay_22``). Raises ``ValueError`` with the reason when it names no account.

    >>> normalise_account_key("Snapchat: @Jay_22")
    'snapchat:jay_22'
    """
    platform, sep, handle = unicodedata.normalize("NFKC", value).partition(":")
    platform = platform.strip().casefold()
    if not sep or not normalise_handle(handle):
        raise ValueError("an online account is named platform:handle (for example snapchat:jay_22)")
    if platform not in ONLINE_PLATFORMS:
        raise ValueError(f"{platform!r} is not one of the platforms: {', '.join(ONLINE_PLATFORMS)}")
    return account_key(platform, handle)


def normalise_reference(kind: str, value: str) -> str:
    """A reference to a vehicle, phone or online account in the form its record is stored under
    (other kinds are IDs, returned as they are). Raises ``ValueError`` for a phone number or
    account that cannot be read.

    >>> normalise_reference("phone", "0114 496 0123"), normalise_reference("vehicle", "ab12 cde")
    ('+441144960123', 'AB12CDE')
    """
    if kind == "vehicle":
        return normalise_vrm(value)
    if kind == "phone":
        return normalise_phone(value)
    if kind == "online_account":
        return normalise_account_key(value)
    return value


# -- dates, numbers, enumerations ----------------------------------------------------------

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _date(value: Any) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str) and _DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise _problem("date", "{value} is not a date (YYYY-MM-DD)", value=shown(value))


def _datetime(value: Any) -> datetime:
    parsed = value if isinstance(value, datetime) else None
    if parsed is None and isinstance(value, str) and _DATE.match(value) and len(value) > 10:
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            parsed = None
    if parsed is None:
        raise _problem(
            "datetime", "{value} is not a date-time (ISO 8601, e.g. 2025-03-01T21:30:00Z)", value=shown(value)
        )
    if parsed.tzinfo is None:
        raise _problem(
            "datetime_offset", "{value} has no UTC offset: add Z or an offset such as +01:00", value=shown(value)
        )
    return parsed


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise _problem("number", "must be a number, not {kind}", kind=_json_kind(value))
    try:
        number = float(value)
    except ValueError:
        raise _problem("number", "{value} is not a number", value=shown(value)) from None
    if not math.isfinite(number):
        raise _problem("number", "{value} is not a finite number", value=shown(value))
    return number


def _degrees(limit: int, what: str):
    def check(value: Any) -> float:
        number = _number(value)
        if not -limit <= number <= limit:
            raise _problem(
                "coordinate_range",
                "{value} is outside -{limit}..{limit}: a {what} in WGS84 decimal degrees is expected",
                value=shown(value), limit=limit, what=what,
            )
        return number

    return check


def _hours(value: Any) -> float:
    number = _number(value)
    if not 0 < number <= 24 * 366:
        raise _problem("hours_range", "{value} is not a number of hours from above 0 up to 8784 (a year)",
                       value=shown(value))
    return number


def _one_of(values: tuple[str, ...]):
    allowed = ", ".join(values)

    def check(value: Any) -> str:
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)  # a source evaluation written as a JSON number: 1, 2 or 3
        if value not in values:
            raise _problem("enumeration", "{value} is not one of: {allowed}", value=shown(value), allowed=allowed)
        return value

    return check


# -- lists ---------------------------------------------------------------------------------

def _list_of(item_check, what: str):
    def check(value: Any) -> list[str]:
        if not isinstance(value, list):
            raise _problem("list", "must be a list{what} (a JSON array of strings), not {kind}",
                           what=what, kind=_json_kind(value))
        items = []
        for position, item in enumerate(value, 1):
            try:
                items.append(item_check(item))
            except PydanticCustomError as problem:
                raise _problem(problem.type, "item {position} {problem}", position=position,
                               problem=problem.message()) from None
        return list(dict.fromkeys(items))  # the same value twice says nothing more

    return check


Text = Annotated[str, BeforeValidator(_text)]
FreeText = Annotated[str, BeforeValidator(_free_text)]
Id = Annotated[str, BeforeValidator(_id)]
Vrm = Annotated[str, BeforeValidator(_vrm)]
PhoneNumber = Annotated[str, BeforeValidator(_phone)]
Handle = Annotated[str, BeforeValidator(_handle)]
Date = Annotated[date, BeforeValidator(_date)]
DateTime = Annotated[datetime, BeforeValidator(_datetime)]
Latitude = Annotated[float, BeforeValidator(_degrees(90, "latitude"))]
Longitude = Annotated[float, BeforeValidator(_degrees(180, "longitude"))]
Hours = Annotated[float, BeforeValidator(_hours)]
IdList = Annotated[list[str], BeforeValidator(_list_of(_id, " of IDs"))]
TextList = Annotated[list[str], BeforeValidator(_list_of(_text, ""))]


def OneOf(values: tuple[str, ...]):  # reads like a type in the models
    return Annotated[str, BeforeValidator(_one_of(values))]


def OneOfList(values: tuple[str, ...], what: str):  # a list field whose items come from a fixed list
    return Annotated[list[str], BeforeValidator(_list_of(_one_of(values), what))]


def cross_field(field: str, reason: str) -> PydanticCustomError:
    """A rule over several fields, reported against ``field`` (see :mod:`ingest.checks`)."""
    return PydanticCustomError("cross_field", "{reason}", {"field": field, "reason": reason})
