"""Named Cypher statements, loaded from ``.cypher`` files in ``cypher/``.

A statement's name is its path under ``cypher/`` without the extension:
``cypher/people/search.cypher`` is ``people/search``. Keeping every statement in a file
means an analyst can paste the same text into Neo4j Browser, and Python never assembles
Cypher from strings: values always travel as ``$parameters``.

A file may hold several statements separated by a ``;`` at the end of a line (the schema
does); :func:`statements` returns them one by one.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from graph_service.settings import PROJECT_ROOT

CYPHER_DIR = PROJECT_ROOT / "cypher"

_SPLIT = re.compile(r";\s*$", re.MULTILINE)
_COMMENT = re.compile(r"^\s*//.*$", re.MULTILINE)


class UnknownStatement(LookupError):
    """No ``.cypher`` file of that name."""


def names(directory: Path = CYPHER_DIR) -> list[str]:
    """All statement names under ``directory``, sorted."""
    return sorted(p.relative_to(directory).with_suffix("").as_posix() for p in directory.rglob("*.cypher"))


@lru_cache(maxsize=None)
def _read(name: str, directory: Path) -> str:
    path = (directory / f"{name}.cypher").resolve()
    if directory.resolve() not in path.parents or not path.is_file():
        raise UnknownStatement(f"no Cypher statement named {name!r} (looked for {name}.cypher in cypher/)")
    return path.read_text(encoding="utf-8")


def statements(name: str, directory: Path = CYPHER_DIR) -> list[str]:
    """The statements in ``cypher/<name>.cypher``, comments kept, empty parts dropped."""
    parts = _SPLIT.split(_read(name, directory))
    return [p.strip() for p in parts if _COMMENT.sub("", p).strip()]


def statement(name: str, directory: Path = CYPHER_DIR) -> str:
    """The single statement in ``cypher/<name>.cypher``."""
    found = statements(name, directory)
    if len(found) != 1:
        raise UnknownStatement(f"cypher/{name}.cypher holds {len(found)} statements, expected one")
    return found[0]
