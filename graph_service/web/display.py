"""How a page shows a moment: ``{{ sighting.observed_at | when }}``.

Intake files and the store keep date-times as ISO 8601 with an offset (``2026-10-26T11:35:00Z``,
``2026-10-18T10:04:00+01:00``), which is right for the API and exports but hard to read down a
column at the end of a shift, and mixes offsets: an analyst compares times on the clock the
events happened by. Pages show them as UK time to the minute, ``2026-10-26 11:35``, the date
written as it is everywhere else in the service. A value that is only a date stays a date.

>>> when("2026-10-26T11:35:00Z"), when("2026-07-01T23:30:00Z"), when("2026-10-18")
('2026-10-26 11:35', '2026-07-02 00:30', '2026-10-18')
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import Flask

#: The clock of the events: every force and council the service serves keeps UK time.
UK_TIME = ZoneInfo("Europe/London")


def when(value) -> str:
    """A date-time (ISO text, Python or driver value) as UK time to the minute; a date as
    itself; nothing as nothing. Text that is not a date-time is shown as it came."""
    if value is None or value == "":
        return ""
    if hasattr(value, "to_native"):  # the driver's DateTime and Date
        value = value.to_native()
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, datetime):
        if value.tzinfo is not None:  # a value without an offset is already local
            value = value.astimezone(UK_TIME)
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def init_app(app: Flask) -> None:
    app.add_template_filter(when, "when")
