"""Mending the parse before extraction (graph/extract/repair.py)."""

from __future__ import annotations

import pytest

from graph.extract.attachment import speech_lemmas
from graph.extract.repair import closing_attributions, nouns_taken_for_verbs, particles_with_objects


def test_a_closing_attribution_hung_on_the_object_is_the_speech_verb_s_subject(nlp, knowledge):
    doc = nlp("Chile and Peru agreed late Saturday to a seven-day humanitarian ceasefire, Norway and the United States "
              "said in a joint statement.")
    said = next(t for t in doc if t.lower_ == "said")
    assert not [c for c in said.children if c.dep_ == "nsubj"]             # the model's parse
    assert closing_attributions(doc, speech_lemmas(knowledge)) == 1
    assert [c.text for c in said.children if c.dep_ == "nsubj"] == ["Norway"]


@pytest.mark.parametrize("text", [
    "Chile and Peru agreed to a truce, officials in Lima said on Sunday.",     # already has its subject
    "Chile said on Sunday that Peru had agreed to a truce.",
])
def test_a_parse_with_its_subjects_in_place_is_left_alone(nlp, knowledge, text):
    doc = nlp(text)
    before = [(t.dep_, t.head.i) for t in doc]
    closing_attributions(doc, speech_lemmas(knowledge))
    assert [(t.dep_, t.head.i) for t in doc] == before


def test_the_reporters_of_a_truce_are_its_source_not_its_parties(extract):
    [truce] = extract("Chile and Peru agreed late Saturday to a seven-day humanitarian ceasefire, "
                      "Norway and the United States said in a joint statement.").events
    assert (set(truce.actors), truce.speaker) == ({"Chile", "Peru"}, "Norway")


def test_a_particle_with_an_object_is_a_preposition(nlp):
    doc = nlp("Gabriel Boric called on Javier Milei at his residence on Monday.")
    on = doc[3]
    assert on.dep_ == "prt"                                                  # the model's parse
    assert particles_with_objects(doc) == 1 and on.dep_ == "prep"


@pytest.mark.parametrize("text, noun, modifier", [
    ("Chad and Sudan signed a ceasefire deal on Tuesday.", "deal", "ceasefire"),
    ("Kyiv signed a minerals deal with Washington on Monday.", "deal", "minerals"),
])
def test_a_noun_taken_for_a_bare_verb_heads_its_compound(nlp, text, noun, modifier):
    doc = nlp(text)
    head = next(t for t in doc if t.lower_ == noun)
    assert head.tag_ == "VB"                                               # the model's parse
    assert nouns_taken_for_verbs(doc) == 1
    assert (head.pos_, head.dep_) == ("NOUN", "dobj")
    assert [(c.text, c.dep_) for c in head.children if c.dep_ == "compound"] == [(modifier, "compound")]


@pytest.mark.parametrize("text", [
    "Chad let the people decide on Monday.",          # a causative's bare verb
    "The ministers deal with crises every day.",
])
def test_a_bare_verb_of_a_clause_is_left_alone(nlp, text):
    doc = nlp(text)
    assert nouns_taken_for_verbs(doc) == 0


def test_a_ceasefire_deal_signed_on_a_day_is_dated(extract):
    [truce] = [e for e in extract("Chad and Sudan signed a ceasefire deal on Tuesday.").events]
    assert truce.event_class == "Ceasefire" and truce.dating and truce.dating.rule == "weekday-past"
