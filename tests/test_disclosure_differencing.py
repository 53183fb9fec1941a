"""Property: a partner who subtracts one published profile figure from another (a council less
its ward, a council less all its wards, one period less an overlapping one) never learns a
count of 1 or 2 that was not itself published as "fewer than 3".

The attacker's view is brute-forced: every set of true counts that would have been published as
the same figures is a possibility, and a difference is learned only when every possibility gives
it the same value. Without rounding the attack succeeds (the first test shows it does), so the
property can fail.
"""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph_service import disclosure
from graph_service.disclosure.differencing import check_window, months_before, rounded


def published(count: int) -> int | None:
    """A count as the partner version of the profile shows it: withheld below 3, then rounded."""
    return disclosure.round_counts({"n": disclosure.figure(count)})["n"]


def possible(shown: int | None, most: int = 60) -> list[int]:
    """Every true count the partner cannot tell from ``shown``."""
    return [n for n in range(most) if published(n) == shown]


def learned(difference_of: tuple[int, ...]) -> set[int]:
    """The values of ``first - sum(rest)`` consistent with what was published of each count."""
    ranges = [possible(published(n)) for n in difference_of]
    return {first - sum(rest) for first, *rest in itertools.product(*ranges)}


def test_without_rounding_subtraction_gives_a_small_count_away():
    # the attack the rule is for: a council's 8 children less its ward's 7 is 1
    exact = {"council": disclosure.figure(8), "ward": disclosure.figure(7)}
    assert exact["council"] - exact["ward"] == 1
    assert learned((8, 7)) != {1}  # and with the rule, it is not learned


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 40), st.integers(1, 2))
def test_a_larger_area_or_a_longer_period_less_a_smaller_one_never_gives_1_or_2(smaller, difference):
    larger = smaller + difference  # the council holds the ward and 1 or 2 more; the longer period a day more
    if published(larger) is None:
        return  # the larger figure is itself shown as "fewer than 3": nothing more to learn
    consistent = learned((larger, smaller))
    assert not consistent <= {1, 2}, (larger, smaller, consistent)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 15), min_size=2, max_size=4), st.integers(1, 2))
def test_a_council_less_all_its_wards_never_gives_1_or_2(wards, rest):
    council = sum(wards) + rest  # a count the wards do not hold (evidence at places in no ward)
    if published(council) is None:
        return  # the council's own figure is already shown as "fewer than 3"
    consistent = learned((council, *wards))
    assert not consistent <= {1, 2}, (council, wards, consistent)


@settings(max_examples=200, deadline=None)
@given(st.dates(date(2024, 1, 1), date(2027, 12, 31)), st.dates(date(2024, 1, 1), date(2027, 12, 31)))
def test_a_partner_period_is_whole_months_or_refused(first, second):
    start, end = min(first, second), max(first, second)
    whole = start.day == 1 and (end.month != date.fromordinal(end.toordinal() + 1).month)
    if whole:
        check_window(start, end)
        before = months_before(start, end)
        assert before[0].day == 1 and before[1] == date.fromordinal(start.toordinal() - 1)
    else:
        with pytest.raises(disclosure.PeriodRefused, match="whole calendar months"):
            check_window(start, end)


def test_rounding_keeps_0_withholds_1_and_2_and_rounds_the_rest_to_5():
    assert [published(n) for n in range(14)] == [0, None, None, 5, 5, 5, 5, 5, 10, 10, 10, 10, 10, 15]
    assert rounded(None) is None
    profile = {"month": "2026-03", "withheld": {"victims.total": "withheld: a count below 3"}, "partner": True,
               "from": date(2026, 3, 1), "victims": {"total": 7, "by_gender": {"female": 12, "male": 3}},
               "by_area": {"figures": ["missing_episodes"], "areas": [{"name": "A", "by_month": [{"n": 8}]}]}}
    assert disclosure.round_counts(profile) == {
        **profile, "victims": {"total": 5, "by_gender": {"female": 10, "male": 5}},
        "by_area": {"figures": ["missing_episodes"], "areas": [{"name": "A", "by_month": [{"n": 10}]}]}}
