"""Server-side paging for every long list: the page a request asks for, and what a page says.

A list page or API call reads ``page`` (1 = first) and ``per_page`` from the query string
with :func:`requested_page`, fetches only that slice, and answers a :class:`Page`: its
``items``, the ``total`` and the link to the next page. A bad value is a 400 naming the
parameter, never a silent default. A page holding two lists (a network's members and its ties)
pages each under its own ``prefix``: ``members_page``, ``ties_page``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from flask import abort, request, url_for

#: Rows a page shows unless asked otherwise, and the most a request may ask for.
PER_PAGE = 25
MAX_PER_PAGE = 200
#: The highest page number a request may ask for (keeps SKIP within Neo4j's integers).
MAX_PAGE = 1_000_000


@dataclass(frozen=True)
class Page:
    """One page of a list: ``items`` of ``total``, page ``number`` (1 = first) of ``pages``."""

    items: list
    total: int
    number: int
    per_page: int
    #: Put before ``page`` and ``per_page`` in the query string, for a second list on one page.
    prefix: str = ""
    #: The query parameters its links carry on (None: all of this request's). A page rendered
    #: once for many requests names them, so that no one request's extras are kept in it.
    keep: tuple[str, ...] | None = None

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def first_index(self) -> int:
        """1-based position of the first item, for "21–40 of 312"."""
        return (self.number - 1) * self.per_page + 1

    @property
    def last_index(self) -> int:
        return self.first_index + len(self.items) - 1

    def url(self, number: int | None) -> str | None:
        """This request's URL at another page (None when there is no such page)."""
        if number is None or not 1 <= number <= self.pages:
            return None
        # flat=False keeps a repeated parameter whole (the hot spot page's kinds=...&kinds=...)
        carried = {k: v for k, v in request.args.to_dict(flat=False).items() if self.keep is None or k in self.keep}
        args = {**request.view_args, **carried, f"{self.prefix}page": number,
                f"{self.prefix}per_page": self.per_page}
        return url_for(request.endpoint, **args)

    @property
    def next_url(self) -> str | None:
        return self.url(self.number + 1)

    @property
    def previous_url(self) -> str | None:
        return self.url(self.number - 1)

    def as_json(self) -> dict:
        return {"items": self.items, "total": self.total, "page": self.number, "per_page": self.per_page,
                "pages": self.pages, "next": self.next_url}


def requested_page(per_page: int = PER_PAGE, prefix: str = "") -> tuple[int, int]:
    """``(page, per_page)`` from the query string; 400 naming the parameter when one is wrong."""
    return (_whole(f"{prefix}page", 1, 1, MAX_PAGE), _whole(f"{prefix}per_page", per_page, 1, MAX_PER_PAGE))


def page_of(items: list, number: int, per_page: int, prefix: str = "", keep: tuple[str, ...] | None = None) -> Page:
    """Page ``number`` of a list already read whole (kept per detection run or per day)."""
    start = offset(number, per_page)
    return Page(items[start:start + per_page], len(items), number, per_page, prefix, keep)


def offset(page: int, per_page: int) -> int:
    return (page - 1) * per_page


def _whole(name: str, default: int, least: int, most: int) -> int:
    raw = request.args.get(name)
    if raw is None:
        return default
    if not re.fullmatch(r"[0-9]{1,9}", raw):
        abort(400, description=f"{name}: {raw[:20]!r} is not a whole number.")
    value = int(raw)
    if not least <= value <= most:
        abort(400, description=f"{name}: choose from {least} to {most}.")
    return value
