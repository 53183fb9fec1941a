"""The four roles and what each may do (shared/DESIGN.md, "Security model").

A role *grants* abilities. Abilities are named after the role that first needs them, so a
page says what it needs in the users' words: ``roles_required("analyst")`` lets in anyone
whose role grants analyst work, which includes a disruption lead.

>>> grants("disruption_lead", "analyst")
True
>>> grants("partner", "analyst")
False
"""

from __future__ import annotations

#: Role name -> what it is, in words shown to administrators.
ROLES: dict[str, str] = {
    "analyst": "police analyst: reads all intelligence, runs analysis",
    "disruption_lead": "analyst who also reviews candidate lists and disruption plans",
    "partner": "MACSE partner outside the police: hotspot layers, aggregates and "
    "pseudonymised network summaries from handling code P intelligence only",
    "admin": "manages users and reads the audit log; no access to intelligence",
}

#: Role -> the abilities it grants.
GRANTS: dict[str, frozenset[str]] = {
    "analyst": frozenset({"analyst"}),
    "disruption_lead": frozenset({"analyst", "disruption_lead"}),
    "partner": frozenset({"partner"}),
    "admin": frozenset({"admin"}),
}


class UnknownRole(ValueError):
    """A role name that is not one of :data:`ROLES`."""


def check_role(role: str) -> str:
    """``role`` if it exists, else :class:`UnknownRole` naming the roles there are."""
    if role not in ROLES:
        raise UnknownRole(f"no role {role!r}; roles are: {', '.join(ROLES)}")
    return role


def grants(role: str, ability: str) -> bool:
    """True when ``role`` may do what ``ability`` names."""
    return ability in GRANTS.get(role, frozenset())


def sees_personal_data(role: str) -> bool:
    """Named people, vehicles and addresses, and intelligence of any handling code."""
    return grants(role, "analyst")
