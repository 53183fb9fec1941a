"""Password hashing with argon2 (argon2id, the library's recommended parameters).

>>> digest = hash_password("correct horse battery staple")
>>> verify_password(digest, "correct horse battery staple")
True
>>> verify_password(digest, "wrong")
False
"""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

#: NCSC guidance favours length over composition rules ("three random words").
MIN_LENGTH = 12

_hasher = PasswordHasher()

#: Verified against when the user name is unknown, so a failed login takes as long
#: whether or not the name exists (no user-name discovery by timing).
_DUMMY_HASH = _hasher.hash("no user has this password, it only spends the time")


class WeakPassword(ValueError):
    """A password the service refuses to set."""


def check_password_rules(password: str) -> str:
    if len(password) < MIN_LENGTH:
        raise WeakPassword(f"a password needs at least {MIN_LENGTH} characters (got {len(password)})")
    if password.strip() != password:
        raise WeakPassword("a password may not start or end with spaces")
    return password


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(digest: str | None, password: str) -> bool:
    """True when ``password`` matches ``digest``; with no digest, spends the same time and
    answers False."""
    try:
        return _hasher.verify(digest or _DUMMY_HASH, password) and digest is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(digest: str) -> bool:
    """True when ``digest`` was made with weaker parameters than today's."""
    return _hasher.check_needs_rehash(digest)
