"""A partner's summaries of networks: what code P intelligence alone shows, pseudonymised, small
counts withheld, places snapped to their grid cell when their count is."""

from __future__ import annotations

import hashlib
import hmac
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping

from graph_service.disclosure.hotspots import snapped
from graph_service.disclosure.rules import PRIVATE_CATEGORIES, figure


def pseudonyms(key: bytes, network_id, person_ids: Iterable[str]) -> dict[str, str]:
    """"Member 1", "Member 2"... in an order that says nothing about the people (a keyed
    hash), fresh for each network.

    >>> names = pseudonyms(b"key", 7, ["P0002", "P0001", "P0002"])
    >>> sorted(names.values()), names == pseudonyms(b"key", 7, ["P0001", "P0002"])
    (['Member 1', 'Member 2'], True)
    """

    def order(pid: str) -> str:
        return hmac.new(key, f"{network_id}:{pid}".encode(), hashlib.sha256).hexdigest()

    return {pid: f"Member {i}" for i, pid in enumerate(sorted(set(person_ids), key=order), start=1)}


def network_summaries(rows: Iterable[Mapping], key: bytes, is_child: Callable[[str | None], bool]) -> list[dict]:
    """Per network, what code P intelligence alone shows (rows of
    ``cypher/web/networks/partner_summary.cypher``), pseudonymised and with small counts withheld.

    Members are listed only when there are at least SUPPRESS_BELOW of them, without saying
    which are children (the count of children is the figure, withheld when small); a place
    whose member count is withheld is shown at the centre of its grid cell.
    """
    summaries = []
    for row in rows:
        ties = {tuple(sorted((t["a"], t["b"]))) for t in row["ties"] if t["a"] != t["b"]}
        if not ties:
            continue
        evidenced = {pid for pair in ties for pid in pair}
        names = pseudonyms(key, row["network_id"], evidenced)
        dob = {m["person_id"]: m["dob"] for m in row["members"]}
        degree: dict[str, int] = defaultdict(int)
        for a, b in ties:
            degree[a] += 1
            degree[b] += 1
        members = figure(len(evidenced))
        member_list = [] if members is None else sorted(
            ({"pseudonym": names[pid], "shareable_ties": figure(degree[pid])} for pid in evidenced),
            key=lambda m: int(m["pseudonym"].split()[1]),
        )
        places: dict[str, dict] = {}
        for place in row["places"]:
            if place["person_id"] not in evidenced or place["category"] in PRIVATE_CATEGORIES:
                continue
            entry = places.setdefault(place["location_id"], {
                "name": place["name"], "category": place["category"], "lat": place["lat"], "lon": place["lon"],
                "people": set()})
            entry["people"].add(place["person_id"])
        shown_places = []
        for place in places.values():
            count = figure(len(place["people"]))
            lat, lon = (place["lat"], place["lon"]) if count is not None else snapped(place["lat"], place["lon"])
            shown_places.append({"name": place["name"], "category": place["category"], "lat": lat, "lon": lon,
                                 "exact": count is not None, "members": count})
        summaries.append({
            "network_id": row["network_id"],
            "members": members,
            "children": figure(sum(is_child(dob.get(pid)) for pid in evidenced)),
            "shareable_ties": figure(len(ties)),
            "reports": figure(len({t["intel_id"] for t in row["ties"]})),
            "member_list": member_list,
            # How many places is a count like any other, withheld below 3 in the list of
            # networks; the places themselves are shown (snapped when their members are withheld).
            "place_count": figure(len(shown_places)),
            "places": sorted(shown_places, key=lambda p: (p["name"] or "", p["category"] or "")),
        })
    return summaries
