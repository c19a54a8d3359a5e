"""Who speaks for which state in an article: a voice word in a title naming a state."""

from __future__ import annotations

import datetime as dt

import pytest

from graph.extract.actors import find_actor_mentions
from graph.extract.voices import article_voices


@pytest.mark.parametrize("text, person, state", [
    ("Brazilian government spokesman Paulo Pimenta said the talks went well.", "Paulo Pimenta", "Brazil"),
    ("Paulo Pimenta, the Brazilian envoy, said the talks went well.", "Paulo Pimenta", "Brazil"),
    ("Chile's chief negotiator Ana Soto told reporters the talks went well.", "Ana Soto", "Chile"),
    ("Kremlin aide Pavel Orlov said the talks went well.", "Pavel Orlov", "Russia"),
])
def test_a_voice_in_a_title_speaks_for_the_state_it_names(nlp, knowledge, text, person, state):
    doc = nlp(text)
    voices = article_voices(doc, find_actor_mentions(doc, knowledge, dt.date(2025, 3, 18)), knowledge)
    assert voices[person] == state


@pytest.mark.parametrize("text, person", [
    ("Brazilian economist Paulo Pimenta said the talks went well.", "Paulo Pimenta"),     # no voice word
    ("Government spokesman Paulo Pimenta said the talks went well.", "Paulo Pimenta"),    # no state named
])
def test_no_voice_without_a_state_and_a_voice_word(nlp, knowledge, text, person):
    doc = nlp(text)
    voices = article_voices(doc, find_actor_mentions(doc, knowledge, dt.date(2025, 3, 18)), knowledge)
    assert person not in voices


def test_what_a_voice_reports_of_the_lead_is_its_states_readout(extract):
    text = ("Brazilian President Luiz Inacio Lula da Silva and Indian Prime Minister Narendra Modi spoke by phone "
            "on Friday, their first call in a year.\n"
            "Chinese President Xi Jinping has criticised the call, saying it was a mistake.\n"
            "The Chinese leader said the call was not helpful.\n"
            "\"It is a shame,\" Xi said.\n"
            "\"This is bad for everyone.\"\n"
            "Beijing has long courted both countries, the Chinese leader said.\n"
            "China is the largest trading partner of Brazil, Xi said.\n"
            "India is a rival, Xi said.\n"
            "The call lasted about an hour, Brazilian government spokesman Paulo Pimenta said.\n"
            "\"Lula urged India to cut tariffs on Brazilian sugar,\" the spokesman said.\n")
    [demand] = [e for e in extract(text, dt.date(2024, 11, 16)).events if e.event_class == "Demand"]
    assert demand.speaker == "Paulo Pimenta"
    assert demand.dating and demand.dating.rule == "lead-readout" and demand.dating.begin == dt.date(2024, 11, 15)
