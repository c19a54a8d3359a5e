"""Collective nouns ("the group", "the rebels") standing for the organisation named before them."""

from __future__ import annotations

import pytest


def parties(extraction):
    return [(e.event_class, set(e.actors)) for e in extraction.events]


@pytest.mark.parametrize("text, expected", [
    ("The Kivu Front took Uvira in May. On Monday, the group fired rockets at Chile.",
     ("Attack", {"Kivu Front", "Chile"})),
    ("The Kivu Front took Uvira in May. On Monday, the rebels fired rockets at Chile.",
     ("Attack", {"Kivu Front", "Chile"})),
    ("The Kivu Front took Uvira in May. A spokesman for the group said on Monday it would talk to Peru.",
     ("Statement", {"Kivu Front"})),
])
def test_the_group_is_the_organisation_last_named(extract, text, expected):
    assert expected in parties(extract(text))


def test_the_group_is_never_a_state_institution_or_a_medium(extract):
    found = parties(extract("The Kremlin spoke of talks. Reuters reported the raid. On Monday, the group fired "
                            "rockets at Chile."))
    assert ("Attack", {"Chile"}) in found


def test_the_group_looks_only_a_few_sentences_back(extract):
    text = ("The Kivu Front took Uvira in May. Peru was calm. Chile was calm. Bolivia was calm. "
            "On Monday, the group fired rockets at Chile.")
    assert ("Attack", {"Chile"}) in parties(extract(text))
