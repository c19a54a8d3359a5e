"""Parties a mention that names none takes from the rest of its article (graph/extract/partyless.py)."""

from __future__ import annotations

import pytest


def attacks(extraction):
    return [(set(e.agents), set(e.patients)) for e in extraction.events if e.event_class == "Attack"]


@pytest.mark.parametrize("text, side", [
    ("There was heavy shelling of border villages overnight, the Ukrainian leader Volodymyr Zelenskyy told MPs.",
     "Ukraine"),                                                  # a head of state speaks for the state
    ("Drones struck an oil depot on Monday, the Kremlin said.", "Russia"),           # an institution does too
    ("Moldova said there were drone strikes near the border on Friday.", "Moldova"),  # and the state itself
])
def test_an_attack_a_side_reports_without_naming_anyone_was_suffered_by_that_side(extract, text, side):
    assert attacks(extract(text)) == [(set(), {side})]


@pytest.mark.parametrize("text, expected", [
    ("Drones struck an oil depot on Monday, Reuters said.", (set(), set())),       # a medium speaks for no side
    ("Russia shelled Kharkiv on Monday, Ukrainian President Volodymyr Zelenskyy said.",
     ({"Russia"}, set())),                                        # named parties are kept as told
])
def test_a_reported_attack_takes_no_side_from_a_medium_nor_over_its_own_parties(extract, text, expected):
    assert attacks(extract(text))[:1] == [expected]


def test_a_definite_mention_takes_no_parties_from_a_later_one(extract):
    text = ("Kenyan and Chilean delegations held talks in Lima on Monday.\n"
            "The meeting ended with a plan for a summit, an official said.\n"
            "Peru called for a meeting between William Ruto and Gabriel Boric.")
    meetings = [e for e in extract(text).events if e.event_class == "Meeting" and e.sentence_index == 1]
    assert meetings and not ({"William Ruto", "Gabriel Boric"} & set(meetings[0].actors))


def test_a_definite_deal_naming_no_one_takes_the_parties_of_the_article_s_truce(extract):
    text = "A truce between Chile and Peru took effect on Sunday. The deal, mediated by Kenya, was agreed on Wednesday."
    [deal] = [e for e in extract(text).events if e.event_class == "Agreement"]
    assert set(deal.actors) == {"Chile", "Peru"}


@pytest.mark.parametrize("text, parties", [
    ("Kenya and Chile said the talks had gone well.", {"Kenya", "Chile"}),     # the parties' own report
    ("Peru said on Saturday it welcomed the talks.", set()),                    # an onlooker's
])
def test_a_contact_reported_by_an_onlooker_is_not_theirs(extract, text, parties):
    [talks] = [e for e in extract(text).events if e.event_class == "Talks"]
    assert set(talks.actors) == parties
