"""The search box's text as a Lucene query for the full-text indexes of ``cypher/schema.cypher``
(``person_search``, ``vehicle_search``, ``location_search``).

Search text is hostile: it reaches Lucene only as words of letters and digits, each escaped,
so that no character of it is read as query syntax (``"``, ``~``, ``*``, ``(``, ``\\``, ``:``)
and no word as an operator (``AND``, ``OR``, ``NOT``: words are lower-cased, and Lucene's
operators are upper case). Every word must match (AND); a word matches a field's word that is
equal to it (boosted most), starts with it, or holds it (so ``oe`` finds Coe and Roe, as the
search did before the index), which ranks exact words first.

>>> words('Dan "Coe" (AND) ~*\\\\')
['dan', 'coe', 'and']
>>> query("Dan Coe")
'(dan^4 OR dan*^2 OR *dan*) AND (coe^4 OR coe*^2 OR *coe*)'
>>> query('*"~') is None
True
>>> escape("a+b")
'a\\\\+b'
"""

from __future__ import annotations

import re

#: Characters with a meaning in Lucene's query syntax, escaped by a backslash.
SPECIAL = set('+-&|!(){}[]^"~*?:\\/')
#: Words of letters and digits in any script (underscore is a separator, as for the analyser).
WORD = re.compile(r"[^\W_]+")
#: A UK postcode typed without its space ("s12ab"): outward code, then the inward code (a
#: digit and two letters), which the index holds as two words.
POSTCODE = re.compile(r"([a-z]{1,2}[0-9][a-z0-9]?)([0-9][a-z]{2})")
#: Most words of a query (the search text is at most 100 characters).
MOST_WORDS = 12


def escape(term: str) -> str:
    """``term`` with every character of Lucene's syntax escaped."""
    return "".join("\\" + c if c in SPECIAL else c for c in term)


def words(text: str) -> list[str]:
    """The words of ``text``, lower case, in order, each once."""
    return list(dict.fromkeys(WORD.findall(text.lower())))[:MOST_WORDS]


def _word(word: str) -> str:
    term = escape(word)
    return f"({term}^4 OR {term}*^2 OR *{term}*)"


def query(text: str, joined: bool = False) -> str | None:
    """The Lucene query for ``text``; None when it holds no word. ``joined``: the words written
    together count too (a registration typed with spaces, a postcode typed without)."""
    found = words(text)
    if not found:
        return None
    every = " AND ".join(_word(w) for w in found)
    if not joined:
        return every
    together = "".join(found)
    alternatives = [f"({every})", _word(together)]
    postcode = POSTCODE.fullmatch(together)
    if postcode:
        alternatives.append(f"({escape(postcode.group(1))} AND {escape(postcode.group(2))})^3")
    return " OR ".join(alternatives)
