"""Events a reader dates without being told (graph/extract/landmarks.py, ontology/history.toml)."""

from __future__ import annotations

import datetime as dt

import pytest


def invasions(extraction):
    return [(e.dating.begin, e.dating.rule) if e.dating else None
            for e in extraction.events if e.event_class == "Invasion"]


@pytest.mark.parametrize("text, day", [
    ("Iraq invaded Kuwait, and a coalition of thirty states drove its army out.", dt.date(1990, 8, 2)),
    ("The talks fell a week before the anniversary of Turkey's invasion of Cyprus.", dt.date(1974, 7, 20)),
    ("When the Kremlin invaded Ukraine, Kenya called for restraint.", dt.date(2022, 2, 24)),
])
def test_an_undated_past_mention_of_a_known_event_takes_its_day(extract, text, day):
    assert invasions(extract(text)) == [(day, "known-event")]


def test_a_mention_with_a_time_of_its_own_keeps_it(extract):
    [(day, rule)] = invasions(extract("Russia invaded Georgia in August 2008 and Moldova feared it was next."))
    assert (day, rule) == (dt.date(2008, 8, 1), "absolute-month")


@pytest.mark.parametrize("text, published", [
    ("Russia invaded Ukraine, the minister said.", dt.date(2021, 5, 1)),   # told before the event: another one
    ("Russia invaded a neighbour, the minister said.", dt.date(2025, 3, 18)),  # not all its parties
])
def test_a_mention_that_cannot_be_the_known_event_stays_undated(extract, text, published):
    assert invasions(extract(text, published)) in ([], [None])


@pytest.mark.parametrize("text, day", [
    ("Kenya condemned the move at the time, after Russia annexed Crimea.", dt.date(2014, 3, 18)),
    ("Russia annexed a Ukrainian region, the minister said.", None),       # not the known place
])
def test_a_known_event_done_to_a_place_needs_that_place(extract, text, day):
    found = [e.dating.begin if e.dating else None for e in extract(text).events if e.event_class == "Annexation"]
    assert found == [day]
