"""Values as the driver returns them, turned into plain Python."""

from __future__ import annotations

from datetime import date, datetime


def to_date(value) -> date | None:
    """A date from the driver's value: neo4j Date/DateTime, Python date/datetime, ISO text."""
    if value is None:
        return None
    if hasattr(value, "to_native"):
        value = value.to_native()
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])
