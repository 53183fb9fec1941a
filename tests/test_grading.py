"""The one grading table: E never counts, stronger grades weigh more, old evidence fades."""

import doctest
from datetime import date

import pytest

from graph_service import grading


def test_module_examples_hold():
    assert doctest.testmod(grading).failed == 0


def test_e_never_counts_whatever_the_source_or_date():
    for source in grading.SOURCE_EVALUATIONS:
        assert grading.evidence_weight(source, "E", date(2026, 1, 1), as_of=date(2026, 1, 1)) == 0


def test_weights_fall_with_weaker_sources_and_assessments():
    for source in grading.SOURCE_EVALUATIONS:
        row = [grading.grade_weight(source, a) for a in grading.INTELLIGENCE_ASSESSMENTS]
        assert row == sorted(row, reverse=True)
    for assessment in "ABCD":
        column = [grading.grade_weight(s, assessment) for s in grading.SOURCE_EVALUATIONS]
        assert column == sorted(column, reverse=True) and column[0] > column[-1]


def test_unknown_grades_are_refused():
    with pytest.raises(ValueError, match="no such grade: 4/A"):
        grading.grade_weight("4", "A")


def test_strongest_label():
    assert grading.strongest(["2C", "1B", None, "3A"]) == "1B"
    assert grading.strongest([]) is None
