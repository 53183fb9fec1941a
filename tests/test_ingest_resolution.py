"""Possible duplicate people (pure; no database): who is listed, why, and who is not."""

from __future__ import annotations

from datetime import date

from ingest.resolution import normalise_name, possible_duplicates


def person(pid, forename=None, surname=None, dob=None, aliases=None):
    return {"person_id": pid, "forename": forename, "surname": surname,
            "dob": date.fromisoformat(dob) if dob else None, "aliases": aliases}


def pairs(people):
    return {(d.person_a, d.person_b): d.reasons for d in possible_duplicates(people)}


def test_names_compare_without_case_accents_apostrophes_or_hyphens():
    assert normalise_name("  Siân  O’Neill-Burke ") == normalise_name("sian ONEILL BURKE") == "sian oneill burke"


def test_same_name_and_dob():
    assert pairs([person("P1", "Amy", "Hart", "2010-04-01"), person("P2", "AMY", "hart", "2010-04-01"),
                  person("P3", "Amy", "Hart", "2010-04-02"), person("P4", "Amy", "Hart")]) == \
        {("P1", "P2"): ["same_name_and_dob"]}


def test_transposed_names_when_dates_of_birth_do_not_disagree():
    assert pairs([person("P1", "Hart", "Amy", "2010-04-01"), person("P2", "Amy", "Hart"),
                  person("P3", "Amy", "Hart", "2009-01-01")]) == {("P1", "P2"): ["transposed_names"]}


def test_a_name_that_reads_the_same_both_ways_is_not_transposed():
    assert pairs([person("P1", "Lee", "Lee", "2000-01-01"), person("P2", "Ann", "Lee")]) == {}


def test_alias_matching_a_full_name_or_a_shared_full_name_alias():
    found = pairs([person("P1", "Jay", "Khan", aliases=["Jamal Ross", "JJ"]), person("P2", "Jamal", "Ross"),
                   person("P3", "Kai", "Bell", aliases=["jamal  ross"]), person("P4", "J", "J", aliases=["JJ"])])
    assert found == {("P1", "P2"): ["alias_match"], ("P1", "P3"): ["alias_match"], ("P2", "P3"): ["alias_match"]}


def test_alias_with_a_conflicting_date_of_birth_is_not_listed():
    assert pairs([person("P1", "Jay", "Khan", "2001-01-01", aliases=["Jamal Ross"]),
                  person("P2", "Jamal", "Ross", "1990-01-01")]) == {}


def test_several_reasons_for_one_pair_are_one_line():
    found = possible_duplicates([person("P1", "Amy", "Hart", "2010-04-01", aliases=["Hart Amy"]),
                                 person("P2", "Hart", "Amy", "2010-04-01", aliases=["Amy Hart"])])
    assert [(d.person_a, d.person_b, sorted(d.reasons)) for d in found] == \
        [("P1", "P2", ["alias_match", "transposed_names"])]
    assert all(d.detail for d in found)


def test_people_without_names_are_never_paired():
    assert pairs([person("P1", dob="2010-01-01"), person("P2", dob="2010-01-01"), person("P3", "Amy")]) == {}
