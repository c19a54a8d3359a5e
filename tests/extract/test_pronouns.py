"""Possessive pronouns: "his" and "their" resolved through the clauses above them."""

from __future__ import annotations

import datetime as dt

import pytest

from graph.extract.actors import find_actor_mentions


def pronouns(nlp, knowledge, text):
    found = find_actor_mentions(nlp(text), knowledge, dt.date(2025, 3, 18))
    return [(m.text, m.names) for m in found if m.rule == "pronoun"]


@pytest.mark.parametrize("text, pronoun, expected", [
    # the nearest person that is an argument of a clause above the pronoun, not the subject
    ("Olaf Scholz said he hoped to speak to Joe Biden to learn what was offered during his call with Xi Jinping.",
     "his", ("Joe Biden",)),
    ("Joe Biden said his administration would act.", "his", ("Joe Biden",)),
    ("Emmanuel Macron praised Keir Starmer for his support.", "his", ("Keir Starmer",)),
    # nothing above it in its sentence: the latest subject before it
    ("Joe Biden met Xi Jinping. He said his talks went well.", "his", ("Joe Biden",)),
    # under a preposition placing the clause in time: the subject's own doing, a resolved "he" too
    ("Joe Biden said he spoke with Narendra Modi after his call with Xi Jinping.", "his", ("Joe Biden",)),
    ("Emmanuel Macron met Keir Starmer before his trip to Kyiv.", "his", ("Emmanuel Macron",)),
    # such a phrase opening the sentence: the subject named after it
    ("William Ruto spoke to Lula by phone. Gabriel Boric rejected a trade offer from Lula. Before his call with "
     "Lula, Ruto said Kenya wanted lower tariffs.", "his", ("William Ruto",)),
])
def test_possessive_his(nlp, knowledge, text, pronoun, expected):
    assert (pronoun, expected) in pronouns(nlp, knowledge, text)


@pytest.mark.parametrize("text, expected", [
    ("Joe Biden and Xi Jinping shook hands after their summit in Geneva.", {"Joe Biden", "Xi Jinping"}),
    ("Joe Biden met Xi Jinping after their call on Monday.", {"Joe Biden", "Xi Jinping"}),
])
def test_their_stands_for_the_actors_named_together(nlp, knowledge, text, expected):
    [(_, names)] = [p for p in pronouns(nlp, knowledge, text) if p[0] == "their"]
    assert set(names) == expected


def test_their_without_two_actors_above_is_not_resolved(nlp, knowledge):
    assert not [p for p in pronouns(nlp, knowledge, "Officials praised their progress.") if p[0] == "their"]


def test_a_call_with_a_possessor_is_not_the_clause_subjects(extract):
    text = "Olaf Scholz told Joe Biden that China offered nothing new during his call with Xi Jinping."
    [call] = [e for e in extract(text).events if e.event_class == "PhoneCall"]
    assert set(call.actors) == {"Joe Biden", "Xi Jinping"}


def test_their_summit_takes_both_leaders(extract):
    text = "Joe Biden and Xi Jinping shook hands after their summit on June 16, 2021 in Geneva."
    [summit] = [e for e in extract(text).events if e.event_class == "Meeting"]
    assert set(summit.actors) == {"Joe Biden", "Xi Jinping"}
    assert summit.dating.begin == dt.date(2021, 6, 16)


def test_the_two_leaders_are_the_last_two_people_named(extract):
    text = "Joe Biden spoke with Xi Jinping on Monday.\nThe two leaders agreed to resume trade talks.\n"
    [agreement] = [e for e in extract(text).events if e.event_class == "Agreement"]
    assert set(agreement.agents) == {"Joe Biden", "Xi Jinping"}


def test_the_leaders_of_named_states_are_not_a_pair(nlp, knowledge):
    text = "Joe Biden spoke with Xi Jinping on Monday. Biden met both leaders of France and Germany."
    assert not [m for m in find_actor_mentions(nlp(text), knowledge, None) if m.text == "both leaders"]


def test_they_stands_for_the_people_named_above_it(extract):
    text = "Joe Biden said on Monday that he had a long call with Xi Jinping and that they agreed to resume talks."
    [agreement] = [e for e in extract(text).events if e.event_class == "Agreement"]
    assert set(agreement.agents) == {"Joe Biden", "Xi Jinping"}


def test_the_two_leaders_are_a_pair_named_together_not_any_two_people(extract):
    text = ("According to Olaf Scholz, Joe Biden told Xi Jinping during the call that he was ready.\n"
            "Ahead of the call between the two leaders, Emmanuel Macron said on Monday that talks would help.\n")
    calls = [e for e in extract(text).events if e.event_class == "PhoneCall" and e.sentence_index == 1]
    assert calls and all(set(c.actors) == {"Joe Biden", "Xi Jinping"} for c in calls)


@pytest.mark.parametrize("text, cls, parties", [
    ("Hun Manet and Anwar Ibrahim met in Lima on Friday. Keir Starmer said on Saturday he had spoken to both leaders.",
     "PhoneCall", {"Keir Starmer", "Hun Manet", "Anwar Ibrahim"}),      # a pair as the object a trigger needs
    ("Kenya and Chile clashed at sea on Friday. Keir Starmer said on Saturday he had spoken to the leaders of both "
     "countries.", "PhoneCall", {"Keir Starmer", "Kenya", "Chile"}),    # a pair inside the object
    ("Fighting between Kenya and Chile went on. William Ruto met Gabriel Boric on Monday, and the two sides signed "
     "a trade pact.", "Agreement", {"William Ruto", "Gabriel Boric"}),  # two people and no state before it
    ("Kenya and Chile signed a trade pact on Monday. On Tuesday, the two governments issued a joint statement.",
     "Statement", {"Kenya", "Chile"}),                                   # "the two governments" are the two states
])
def test_a_pair_phrase_names_the_two_last_named_together(extract, text, cls, parties):
    assert [set(e.actors) for e in extract(text).events if e.event_class == cls and e.sentence_index == 1] == [parties]


def test_a_pair_named_together_earlier_in_the_sentence_comes_first(extract):
    text = ("Olaf Scholz and Emmanuel Macron spoke by phone on Sunday. Olaf Scholz met Donald Tusk in Warsaw "
            "on Monday, where the two leaders signed a declaration on border security.")
    [agreement] = [e for e in extract(text).events if e.event_class == "Agreement"]
    assert set(agreement.actors) == {"Olaf Scholz", "Donald Tusk"}


@pytest.mark.parametrize("text, agent", [
    ("The Chilean navy said it had attacked a smuggling base in Peru on Tuesday.", "Chile"),
    ("Peru's defence ministry said on Monday it had struck rebel camps near the border.", "Peru"),
])
def test_it_in_a_report_is_the_state_or_body_reporting(extract, text, agent):
    [attack] = [e for e in extract(text).events if e.event_class == "Attack"]
    assert attack.agents == (agent,)


def test_it_in_a_person_s_report_is_no_one(extract):
    [statement] = extract("Joe Biden said on Monday it was time to talk.").events
    assert statement.actors == ("Joe Biden",)


def test_a_family_name_the_tagger_missed_is_the_person_named_in_full(extract):
    text = ("Armenian Prime Minister Nikol Pashinyan held talks in Istanbul on Friday. "
            "Later that day, Pashinyan flew to Baku.")
    [visit] = [e for e in extract(text).events if e.event_class == "Visit"]
    assert visit.agents == ("Nikol Pashinyan",)


def test_the_sides_a_mediator_reports_on_are_not_the_mediators(extract):
    text = ("Chile and Peru clashed at the border in May. Egypt and Qatar, which mediated the truce, said on Sunday "
            "that both sides had agreed to extend it.")
    [agreement] = [e for e in extract(text).events if e.event_class == "Agreement"]
    assert set(agreement.actors) == {"Chile", "Peru"}


def test_both_ministers_are_the_two_named_together(extract):
    text = ("Sergei Lavrov and Wang Yi met in Beijing on Monday. "
            "Narendra Modi received both ministers in Delhi on Tuesday.")
    [visit] = [e for e in extract(text).events if e.event_class == "Visit"]
    assert set(visit.actors) == {"Narendra Modi", "Sergei Lavrov", "Wang Yi"}


def test_he_said_is_the_last_teller_not_the_last_one_told_of(extract):
    text = ("Yuri Ushakov said Vladimir Putin had warned Donald Trump about the missiles. "
            "The move would harm ties, he said.")
    statements = [e for e in extract(text).events if e.event_class == "Statement" and e.sentence_index == 1]
    assert [s.agents for s in statements] == [("Yuri Ushakov",)]


def test_a_dateline_is_never_the_subject_a_pronoun_looks_for(extract):
    text = ("NAIROBI, Kenya (Wire) - Kenyan President William Ruto said he agreed to cut tariffs on Chile after "
            "meeting Chilean President Gabriel Boric in Santiago on Thursday.")
    [meeting] = [e for e in extract(text).events if e.event_class == "Meeting"]
    assert {"William Ruto", "Gabriel Boric"} <= set(meeting.actors)


def test_they_opening_a_sentence_is_the_subject_group_of_the_sentence_before(extract):
    text = ("In February, William Ruto and Gabriel Boric agreed on a trade plan in Lima. "
            "A month later, in Nairobi, they signed a fishing pact.")
    agreements = [set(e.actors) for e in extract(text).events if e.event_class == "Agreement"]
    assert agreements == [{"William Ruto", "Gabriel Boric"}] * 2


def test_their_opening_a_subject_is_the_subject_group_of_the_sentence_before(extract):
    text = "Gabriel Boric and Javier Milei met in Lima in May. Their row at the palace ended the visit."
    quarrels = [e for e in extract(text).events if e.trigger == "row"]
    assert [set(e.actors) for e in quarrels] == [{"Gabriel Boric", "Javier Milei"}]


def test_the_two_sides_are_the_two_people_named_together_after_the_last_two_states(extract):
    text = ("Chile shelled Peru in 1990. Gabriel Boric told Javier Milei on Tuesday that trade mattered. "
            "The two sides agreed to cut tariffs.")
    [deal] = [e for e in extract(text).events if e.event_class == "Agreement"]
    assert set(deal.actors) == {"Gabriel Boric", "Javier Milei"}


def test_the_two_sides_are_the_two_states_named_after_the_last_two_people(extract):
    text = ("Gabriel Boric told Javier Milei on Tuesday that trade mattered. Chile shelled Peru on Wednesday. "
            "The two sides agreed to a truce.")
    [truce] = [e for e in extract(text).events if e.event_class in ("Agreement", "Ceasefire")]
    assert set(truce.actors) == {"Chile", "Peru"}


def test_he_opening_a_sentence_is_the_teller_not_the_one_told_of(nlp, knowledge):
    text = "Gabriel Boric said Javier Milei had no plans to travel. He declined to give a reason."
    found = [(m.text, m.name) for m in find_actor_mentions(nlp(text), knowledge, dt.date(2025, 3, 18))
             if m.rule == "pronoun"]
    assert found == [("He", "Gabriel Boric")]


def test_the_two_men_are_a_pair_the_parser_joins_below_a_title(nlp, knowledge):
    text = ("Iranian Foreign Minister Abbas Araghchi and US envoy Steve Witkoff sat in separate rooms while "
            "Omani Foreign Minister Badr Albusaidi passed messages between them. The two men later spoke directly.")
    [pair] = [m for m in find_actor_mentions(nlp(text), knowledge, dt.date(2025, 4, 12)) if m.text == "The two men"]
    assert set(pair.names) == {"Abbas Araghchi", "Steve Witkoff"}


def test_their_below_a_clause_whose_subject_is_one_group_is_that_group_s(extract):
    [attacks] = [e for e in extract("The Houthis doubled their attacks on shipping in May.").events if e.event_class == "Attack"]
    assert attacks.agents == ("Houthis",)


@pytest.mark.parametrize("text, phrase, expected", [
    ("Chile and Peru met in Lima on Monday. Both Andean countries agreed to cut tariffs.", "Both Andean countries",
     {"Chile", "Peru"}),
    ("Gabriel Boric spoke with Javier Milei on Monday. The two South American leaders agreed to meet.",
     "The two South American leaders", {"Gabriel Boric", "Javier Milei"}),
])
def test_a_pair_phrase_may_take_adjectives_before_its_noun(nlp, knowledge, text, phrase, expected):
    [pair] = [m for m in find_actor_mentions(nlp(text), knowledge, dt.date(2025, 3, 18)) if m.text == phrase]
    assert set(pair.names) == expected


def test_they_after_a_pair_phrase_is_the_pair(extract):
    text = ("Gabriel Boric spoke with Javier Milei on Monday. The two leaders agreed to cut tariffs. "
            "They also agreed to meet in May.")
    agreements = [set(e.actors) for e in extract(text).events if e.event_class == "Agreement"]
    assert agreements[-1] >= {"Gabriel Boric", "Javier Milei"}


def test_their_of_two_people_and_a_place_they_met_in_is_the_two_people(extract):
    text = ("Gabriel Boric welcomed Javier Milei to La Moneda on Monday for talks on Bolivia's gas exports, "
            "their second meeting in three months.")
    [meeting] = [e for e in extract(text).events if e.trigger == "meeting"]
    assert set(meeting.actors) == {"Gabriel Boric", "Javier Milei"}
