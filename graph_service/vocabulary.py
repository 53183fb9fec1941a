"""The service's words, each defined once: the intake format's enumerations and the legal lists.

Intake validation, the scenario generator, the analyses, the dashboard and the command line
import these names rather than writing the values out again: a list written twice drifts (the
connected relations once did). ``docs/intake-format.md`` lists the same values for exporting
systems, and a test holds the page and this module equal. The 3x5x2 grades live beside this
module, in :mod:`graph_service.grading`.

>>> "foster_carer" in FAMILY_RELATIONS and "foster_carer" not in CONNECTED_RELATIONS
True
>>> sorted(set(CARE_STATUSES) - set(S49_STATUSES))
['accommodated_s20', 'none']

Reference: Child Abduction Act 1984 s2; Children Act 1989 ss20, 31, 44, 46 and 49;
``docs/intake-format.md``; ``docs/candidates.md``.
"""

from __future__ import annotations

# -- intake format v1 (docs/intake-format.md, "Enumerations") ------------------------------

#: ``location.category``.
LOCATION_CATEGORIES = (
    "home_address", "children_home", "hotel", "takeaway", "licensed_premises",
    "park", "school", "taxi_rank", "shop", "car_park", "other",
)
#: ``link.subject_type`` and ``link.object_type``.
ENTITY_TYPES = ("person", "vehicle", "location", "phone", "online_account")
#: ``link.relation``: the subject types and object types each relation may join.
LINK_RELATIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "associates_with": (("person",), ("person",)),
    "uses_vehicle": (("person",), ("vehicle",)),  # owner, driver, keeper
    "travelled_in": (("person",), ("vehicle",)),  # seen as a passenger
    "seen_at": (("person", "vehicle"), ("location",)),
    "lives_at": (("person", "vehicle"), ("location",)),
    "frequents": (("person", "vehicle"), ("location",)),
    "uses_phone": (("person",), ("phone",)),  # the person's own number, or one they use
    "uses_account": (("person",), ("online_account",)),  # an online account the person uses
}
#: ``online_account.platform``: where an account lives. ``other`` for a platform not listed
#: (name it in the report); a new platform is added here and on the intake-format page.
ONLINE_PLATFORMS = (
    "snapchat", "instagram", "whatsapp", "facebook", "tiktok", "telegram", "x", "discord",
    "kik", "wickr", "signal", "other",
)
#: ``contact.from_type`` and ``contact.to_type``: the means a contact runs between.
CONTACT_ENDS = ("phone", "online_account")
#: ``contact.means``: how the two were in contact.
CONTACT_MEANS = ("call", "text", "message", "video_call", "other")
#: ``contact.known_from``: how the contact is known (its grade comes from its report).
CONTACT_SOURCES = (
    "call_records", "device_examination", "screenshots", "platform_report", "witness", "other",
)
#: The default region a phone number written without a country code is read in (docs/intake-format.md).
PHONE_DEFAULT_REGION = "GB"
#: ``sighting.source``.
SIGHTING_SOURCES = ("anpr", "officer", "partner", "cctv")
#: ``care_status.status``.
CARE_STATUSES = (
    "care_order", "interim_care_order", "emergency_protection_order",
    "police_protection", "accommodated_s20", "none",
)
#: ``family.relation``.
FAMILY_RELATIONS = (
    "parent", "guardian", "special_guardian", "parental_responsibility",
    "child_arrangements_order", "foster_carer", "sibling", "other_relative",
)
#: ``notice.status``.
NOTICE_STATUSES = ("active", "withdrawn", "expired", "breached")
#: The statuses of a notice that has ended (``notice.ended_on`` is the day it ended).
NOTICE_ENDINGS = ("withdrawn", "expired")

# -- the law -------------------------------------------------------------------------------

#: The two legal bases of a Child Abduction Warning Notice, as ``notice.basis`` writes them.
S2 = "s2_caa_1984"
S49 = "s49_ca_1989"
NOTICE_BASES = (S2, S49)
BASIS_NAMES = {S2: "section 2, Child Abduction Act 1984", S49: "section 49, Children Act 1989"}

#: Relations that make the relative a person *connected* with the child (Child Abduction Act
#: 1984, s2(2) and s1(2)): a parent, a guardian or special guardian, a person with parental
#: responsibility, or one named in a child arrangements (formerly residence) order. Written
#: out, never taken by position from :data:`FAMILY_RELATIONS`: a foster carer, a sibling or
#: another relative is *not* connected, and a notice under s2 may be served on them.
CONNECTED_RELATIONS = frozenset({
    "parent", "guardian", "special_guardian", "parental_responsibility", "child_arrangements_order",
})

#: Care statuses that bring a child under 18 within section 49 of the Children Act 1989, with
#: how a sentence names each. ``accommodated_s20`` (voluntary accommodation) is deliberately
#: absent: it never qualifies.
S49_STATUSES = {
    "care_order": "a care order",
    "interim_care_order": "an interim care order",
    "emergency_protection_order": "an emergency protection order",
    "police_protection": "police protection",
}
#: Statuses that mean the child is looked after by the local authority (a risk indicator).
LOOKED_AFTER_STATUSES = frozenset(S49_STATUSES) | {"accommodated_s20"}

# -- places --------------------------------------------------------------------------------

#: The places a hot-spot map shows, and names a hot spot after: every location category but
#: home addresses (a home belongs to a person, not to a pattern of harm, and a private address
#: is never published).
HOTSPOT_PLACE_CATEGORIES = tuple(c for c in LOCATION_CATEGORIES if c != "home_address")

#: What makes an event at a place a sign of the exploitation of children, for hot spots of
#: concern (``docs/hotspots.md``), with the kind of event each is (a choice of kinds chooses
#: its reasons too): a child found there after a missing episode, a sighting there of a child
#: with an adult not their family, graded intelligence placing a child there, and graded
#: intelligence placing there an adult of concern.
HOTSPOT_CONCERN_REASONS = {
    "found_after_missing": "missing",
    "child_with_adult": "sighting",
    "child_in_intel": "intel",
    "adult_of_concern": "intel",
}

#: The places of concern a disruption plan targets (``docs/disruption.md``): a vehicle seen at
#: them again and again is marked. Schools, shops and "other" are where a vehicle is seen for
#: ordinary reasons, and a home address belongs to a person.
PLACES_OF_CONCERN = frozenset({
    "hotel", "takeaway", "licensed_premises", "taxi_rank", "park", "car_park", "children_home",
})

# -- casework (docs/casework.md) -----------------------------------------------------------

#: ``cse_concern.level``: the Pan-London protocol's levels of concern. 1: suspicion of CSE
#: without evidence of what is happening (recorded so that later suspicions add up); 2 and 3:
#: more serious, for specialist teams. An assessment of the child's situation, never on its
#: own a reason to list an adult.
CSE_CONCERN_LEVELS = ("1", "2", "3")
#: ``cse_concern.risk_factors``: the indicators an assessment may record, in words about what
#: happens to the child, never about the child's own conduct.
CSE_RISK_FACTORS = (
    "missing_episodes", "school_absence", "looked_after", "older_associate", "unexplained_gifts",
    "seen_in_cars_with_unknown_adults", "present_at_hotspots", "online_contact_with_unknown_adults",
    "substance_misuse", "sexual_health_concern", "self_harm", "peer_exploitation", "change_in_behaviour",
)
#: ``missing_episode.missing_from``: where the child went missing from. A part-day absence
#: from school is an episode too (the LGA pack names it as an indicator).
MISSING_FROM = ("home", "care", "school", "other")
#: Hours after a child's return by which a return interview is expected (statutory guidance
#: on children who run away or go missing from home or care).
RETURN_INTERVIEW_HOURS = 72

# -- areas ---------------------------------------------------------------------------------

#: The levels of area a boundary file is loaded at (``graph-service areas load --level``), from
#: the largest to the smallest: a police force, a local authority (council), an electoral ward.
AREA_LEVELS = ("force", "local_authority", "ward")

# -- the problem profile (docs/areas.md) -----------------------------------------------------

#: Age bands of children at risk in a problem profile: (label, lowest age, highest age).
CHILD_AGE_BANDS = (("under 10", 0, 9), ("10 to 12", 10, 12), ("13 to 15", 13, 15), ("16 and 17", 16, 17))
#: Age bands of suspected perpetrators (adults) in a problem profile.
ADULT_AGE_BANDS = (("18 to 24", 18, 24), ("25 to 34", 25, 34), ("35 to 44", 35, 44), ("45 and over", 45, 200))
#: What a profile says where a field (gender, ethnicity, date of birth) was not recorded.
NOT_RECORDED = "not recorded"
#: The themes a problem profile counts, in its words (docs/areas.md says how each is counted).
PROFILE_THEMES = {
    "hotels_and_takeaways": "children at risk at hotels or takeaways",
    "vehicles": "children at risk seen in or with vehicles",
    "peer_recruitment": "children at risk who are key players of a network of 5 or more (peer recruitment: "
                        "safeguard first)",
    "cross_border": "children at risk also seen outside the area (movement across its border)",
}
#: Peer recruitment: a child at risk who is a key player of a network at least this large (in a
#: network of two or three everyone is a key player, which says nothing about recruiting).
PEER_RECRUITMENT_NETWORK_SIZE = 5
#: Places of concern a profile lists by category, and the categories its hotels-and-takeaways theme counts.
HOTELS_AND_TAKEAWAYS = ("hotel", "takeaway")
#: Repeat missing: this many episodes or more ...
REPEAT_MISSING_EPISODES = 3
#: ... within this many days.
REPEAT_MISSING_DAYS = 90
