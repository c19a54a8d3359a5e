"""Clauses the small model parses badly: ellipsis, stranded subjects, misread relative clauses."""

from __future__ import annotations

import datetime as dt

import pytest

D = dt.date


def by_class(extraction, cls):
    return [e for e in extraction.events if e.event_class == cls]


@pytest.mark.parametrize("text, cls, agent, span", [
    # "as X did <time>": the pro-verb repeats the verb phrase before the mark
    ("Sergei Lavrov refused to accept the plan as Keir Starmer did last week.",
     "Agreement", "Keir Starmer", (D(2025, 3, 10), D(2025, 3, 16))),
    ("Emmanuel Macron accepted the plan on Sunday, just as Olaf Scholz did on Friday.",
     "Agreement", "Olaf Scholz", (D(2025, 3, 14), D(2025, 3, 14))),
    ("China refused to sign the deal on Monday, as India did not.", "Refusal", "India", None),
])
def test_ellipsis_states_a_second_event(extract, text, cls, agent, span):
    found = [e for e in by_class(extract(text), cls) if e.elliptic]
    assert [e.agents for e in found] == [(agent,)]
    if span is not None:
        assert (found[0].dating.begin, found[0].dating.end) == span


def test_the_main_clause_keeps_its_own_time_and_arguments(extract):
    text = "Sergei Lavrov refused to accept the plan as Keir Starmer did last week."
    [refusal] = by_class(extract(text), "Refusal")
    assert refusal.agents == ("Sergei Lavrov",) and "Keir Starmer" not in refusal.actors
    assert refusal.dating is None or refusal.dating.begin != D(2025, 3, 10)


@pytest.mark.parametrize("text", [
    "Joe Biden did the deal on Monday as Xi Jinping wanted.",
    "Joe Biden signed the deal on Monday, and so did Xi Jinping.",
])
def test_a_full_verb_do_is_no_ellipsis(extract, text):
    assert not [e for e in extract(text).events if e.elliptic]


@pytest.mark.parametrize("text, cls, agent", [
    ("The talks fell on the anniversary of Russia annexing Crimea 11 years ago.", "Annexation", "Russia"),
    ("Shipping resumed after the Peruvians this month signed off on the truce deal.", "Ceasefire", "Peru"),
])
def test_a_subject_stranded_on_a_preposition(extract, text, cls, agent):
    [event] = by_class(extract(text), cls)
    assert agent in event.agents


def test_a_past_time_on_an_infinitive_dates_the_event_above(extract):
    text = "Xi Jinping, who rejected an invitation to meet Joe Biden in Geneva last week, said China was ready."
    [refusal] = by_class(extract(text), "Refusal")
    assert (refusal.dating.begin, refusal.dating.end) == (D(2025, 3, 10), D(2025, 3, 16))


def test_a_past_time_on_a_purpose_infinitive_dates_the_event_it_is_the_purpose_of(extract):
    [meeting] = by_class(extract("William Ruto first met Gabriel Boric to discuss trade in Lima in May 2021."),
                         "Meeting")
    assert (meeting.dating.begin, meeting.dating.end) == (D(2021, 5, 1), D(2021, 5, 31))


@pytest.mark.parametrize("text", [
    "Xi Jinping rejected an invitation to meet Joe Biden next week.",
    "Xi Jinping accepted an invitation to attend a summit in Lima in September.",   # a month told as nearest
])
def test_a_time_ahead_on_an_infinitive_does_not_date_a_past_event(extract, text):
    [event] = [e for e in extract(text).events if e.event_class in ("Refusal", "Agreement")]
    assert event.dating is None


def test_an_event_in_a_relative_clause_does_not_share_the_sentence_date(extract):
    text = ("Joe Biden spoke with Xi Jinping on Monday.\n"
            "The friendly call is the latest gesture, even if it means a deal that would reward China "
            "for launching the invasion.\n")
    assert not [e for e in by_class(extract(text), "Invasion") if e.dating]


def test_a_misread_relative_clause_with_no_gap_still_shares_the_date(extract):
    text = ("Joe Biden spoke with Xi Jinping on Monday.\n"
            "Beijing said on Monday in its summary of the call that Joe Biden supported an idea from Xi Jinping.\n")
    [support] = by_class(extract(text), "Agreement")
    assert support.dating is not None and support.dating.begin == D(2025, 3, 17)


def test_a_possessive_subject_is_a_misread_noun(extract):
    text = "Xi Jinping welcomed Joe Biden’s calls for a truce and agreed to begin talks on Monday."
    [agreement] = by_class(extract(text), "Agreement")
    assert agreement.agents == ("Xi Jinping",)


@pytest.mark.parametrize("text, source", [
    ("Xi Jinping agreed to the plan on Monday, according to Beijing.", "Beijing"),
    ("Xi Jinping agreed to the plan on Monday, according to a Beijing readout.", "Beijing"),
    ("Xi Jinping agreed to the plan on Monday.", None),
])
def test_according_to_names_the_source(extract, text, source):
    [agreement] = by_class(extract(text), "Agreement")
    assert agreement.speaker == source
