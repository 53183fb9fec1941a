"""Stable network IDs: "network 7" names the same group from one MACSE meeting to the next.

A new detection run numbers its networks afresh; :func:`assign_network_ids` carries the
previous run's IDs over by overlap of members:

- a new network may keep an old network's ID when **most of its members were in that
  network, or most of that network's members are in it**;
- when several pairs qualify, the biggest overlap is matched first (then the older, lower
  ID), and each old ID and each new network is matched at most once: when a network splits,
  the larger part keeps the ID; when two merge, the one contributing most people gives its ID;
- a network that matches nothing gets a new ID, above every ID ever used (``next_id``), so a
  retired number is never given to a different group.

Same members, same IDs; a change in the data moves only the people it concerns.

>>> previous = {7: {"a", "b", "c", "d"}, 8: {"x", "y", "z"}}
>>> ids = assign_network_ids([{"x", "y", "z", "w"}, {"a", "b", "c"}, {"p", "q", "r"}], previous, next_id=9)
>>> {network_id: sorted(members) for network_id, members in ids.items()}
{7: ['a', 'b', 'c'], 8: ['w', 'x', 'y', 'z'], 9: ['p', 'q', 'r']}

Reference: Greene, Doyle & Cunningham (2010), "Tracking the evolution of communities in
dynamic social networks", ASONAM, which matches each step's communities to the previous
ones by member overlap.
"""

from __future__ import annotations

from collections import Counter
from typing import Hashable, Iterable, Mapping


def assign_network_ids(
    networks: Iterable[Iterable[Hashable]],
    previous: Mapping[int, Iterable[Hashable]],
    next_id: int = 1,
) -> dict[int, frozenset]:
    """IDs for ``networks`` given the ``previous`` run's ``{network_id: members}``.

    ``next_id`` is the lowest ID never used before (at least one above every previous ID);
    unmatched networks are numbered from it, largest first, then by smallest member.
    Returns ``{network_id: members}`` in ID order.
    """
    new = [frozenset(n) for n in networks]
    old = {int(k): frozenset(v) for k, v in previous.items()}
    next_id = max([next_id, *(k + 1 for k in old)])

    # Only old networks that share a member can overlap: count shared members through each
    # member's old network rather than intersecting every new network with every old one
    # (thousands by thousands on a force's graph).
    old_of: dict[Hashable, list[int]] = {}
    for old_id, members in old.items():
        for member in members:
            old_of.setdefault(member, []).append(old_id)
    candidates = []
    for i, members in enumerate(new):
        shared = Counter(old_id for m in members for old_id in old_of.get(m, ()))
        for old_id, overlap in shared.items():
            if 2 * overlap > len(members) or 2 * overlap > len(old[old_id]):
                candidates.append((-overlap, old_id, i))
    assigned: dict[int, frozenset] = {}
    matched: set[int] = set()
    for _, old_id, i in sorted(candidates):
        if old_id not in assigned and i not in matched:
            assigned[old_id] = new[i]
            matched.add(i)

    unmatched = sorted(
        (new[i] for i in range(len(new)) if i not in matched), key=lambda c: (-len(c), min(map(str, c)))
    )
    for members in unmatched:
        assigned[next_id] = members
        next_id += 1
    return dict(sorted(assigned.items()))
