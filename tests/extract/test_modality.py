"""What a clause asserts: conditions, generic clauses, hedges, statements by no one."""

from __future__ import annotations

import pytest


def classes(extraction):
    return [(e.event_class, e.agents) for e in extraction.events]


@pytest.mark.parametrize("text, absent", [
    ("Keir Starmer said on Sunday that sanctions could follow if China refuses to engage.", "Refusal"),
    ("Keir Starmer said on Sunday that talks would end unless China agreed to the plan.", "Agreement"),
    ("It was plain even to all those who refused to admit the facts on Monday.", "Refusal"),
    ("Anyone who accepted the deal on Monday was wrong.", "Agreement"),
])
def test_conditions_and_generic_clauses_state_no_event(extract, text, absent):
    assert absent not in [c for c, _ in classes(extract(text))]


def test_a_condition_does_not_hide_the_main_clause(extract):
    found = classes(extract("China refused the plan on Monday if reports are right."))
    assert ("Refusal", ("China",)) in found


@pytest.mark.parametrize("text, expected", [
    ("Xi Jinping said on Monday he agreed in principle with the plan.", "Statement"),
    ("Xi Jinping agreed to the plan on Monday.", "Agreement"),
])
def test_agreed_in_principle_is_a_stated_position(extract, text, expected):
    assert [c for c, _ in classes(extract(text)) if c in ("Statement", "Agreement")] == [expected]


def test_a_statement_by_no_one_is_no_event(extract):
    assert not [c for c, _ in classes(extract("It added on Monday that talks will begin.")) if c == "Statement"]


def test_a_misread_relative_clause_is_still_a_report(extract):
    text = "Beijing said in its summary of the call that Joe Biden supported an idea from Xi Jinping on Monday."
    extraction = extract(text)
    [support] = [e for e in extraction.events if e.event_class == "Agreement"]
    assert support.speaker == "Beijing"
    assert "Statement" not in [c for c, _ in classes(extraction)]


def test_a_report_naming_an_event_noun_without_telling_it_is_still_a_statement(extract):
    found = classes(extract("Gabriel Boric said Chile remained committed to the truce."))
    assert ("Statement", ("Gabriel Boric",)) in found


def test_a_claim_is_the_event_not_what_it_claims(extract):
    found = classes(extract("Xi Jinping claimed on Monday that China supported a halt to the fighting."))
    assert ("Statement", ("Xi Jinping",)) in found
    assert "Ceasefire" not in [c for c, _ in found]


def test_a_claim_does_not_swallow_a_report_conjoined_to_it(extract):
    text = "Xi Jinping has claimed he backs the plan, but Beijing said on Monday that he demanded more aid."
    [demand] = [e for e in extract(text).events if e.event_class == "Demand"]
    assert demand.speaker == "Beijing"


def test_the_nearest_speech_verb_is_the_speaker(extract):
    text = "Beijing said that Xi Jinping told Joe Biden on Monday that China was ready to guarantee the deal."
    extraction = extract(text)
    [proposal] = [e for e in extraction.events if e.event_class == "Proposal"]
    assert proposal.speaker == "Xi Jinping"
    assert ("Statement", ("Beijing",)) not in classes(extraction)


@pytest.mark.parametrize("text, cls", [
    ("The first meeting between Chinese and Indian delegations in years was held in Geneva on Friday.", "Talks"),
    ("The delegations met in Geneva on Friday.", "Talks"),
    ("Joe Biden met Xi Jinping in Geneva on Friday.", "Meeting"),
])
def test_a_meeting_of_delegations_is_talks(extract, text, cls):
    assert [c for c, _ in classes(extract(text)) if c in ("Talks", "Meeting")] == [cls]


def test_ready_for_a_ceasefire_states_no_ceasefire(extract):
    text = "Xi Jinping insisted on Monday that China was ready for a full ceasefire."
    assert "Ceasefire" not in [c for c, _ in classes(extract(text))]


@pytest.mark.parametrize("text", [
    "Joe Biden and Xi Jinping remained silent on the prospect of a meeting on Monday.",
    "Joe Biden raised the possibility of a meeting with Xi Jinping on Monday.",
])
def test_the_prospect_of_an_event_is_no_event(extract, text):
    assert "Meeting" not in [c for c, _ in classes(extract(text))]


@pytest.mark.parametrize("text, truce", [
    ("Kellogg told Biden that ceding two provinces would be the quickest route to reach a ceasefire, "
     "officials said on Monday.", False),
    ("Ruto said on Monday there was no easy way to reach a truce in the region.", False),
    ("Boric was the first leader to sign the truce with Peru on Monday.", True),     # ranked: a fact
])
def test_a_way_to_an_event_is_no_event(extract, text, truce):
    assert ("Ceasefire" in [c for c, _ in classes(extract(text))]) is truce


@pytest.mark.parametrize("text, source_speaks", [
    ("Lula and Modi spoke by phone on Monday. Lula \"stressed Brazil's support for Indian sovereignty\" and "
     "\"called for a quick end to the dispute\", the Planalto said.", False),                     # quoting what someone else did: a source
    ("Lula and Modi spoke by phone on Monday. \"We agreed to meet soon,\" Lula said.", True),     # quoting one's own words: a statement
])
def test_quoting_what_someone_else_did_is_only_a_source(extract, text, source_speaks):
    statements = [e for e in extract(text).events if e.event_class == "Statement" and e.trigger == "said"]
    assert bool(statements) is source_speaks


def test_judging_a_named_call_is_no_statement_of_its_own(extract):
    text = "Speaking in Beijing after the call on Monday, Xi Jinping described the call as very useful."
    extraction = extract(text)
    assert "Statement" not in [c for c, _ in classes(extraction)]
    assert "PhoneCall" in [c for c, _ in classes(extraction)]


def test_talks_judged_in_a_relative_clause_are_no_statement_of_their_own(extract):
    text = "Kenya and Chile agreed on Monday to cut tariffs, after two days of talks that Ruto described as useful."
    found = [c for c, _ in classes(extract(text))]
    assert "Statement" not in found and "Talks" in found


def test_describing_something_else_is_still_a_statement(extract):
    text = "Xi Jinping on Monday described the proposal as very useful."
    assert "Statement" in [c for c, _ in classes(extract(text))]


@pytest.mark.parametrize("text, expected", [
    ("Emmanuel Macron called Keir Starmer on Monday.", "PhoneCall"),
    ("Emmanuel Macron called Keir Starmer a friend on Monday.", "Statement"),
    ("Emmanuel Macron called the talks useful on Monday.", "Statement"),
])
def test_calling_someone_is_a_phone_call(extract, text, expected):
    assert [c for c, _ in classes(extract(text)) if c in ("PhoneCall", "Statement")] == [expected]


@pytest.mark.parametrize("text, negated", [
    ("The ministry did not issue orders to prolong the pause on Tuesday.", True),
    ("Kenya never held talks with Chile in March.", True),
    ("Kenya held talks with Chile on Monday.", False),
])
def test_a_noun_is_negated_with_the_verb_it_is_the_object_of(nlp, text, negated):
    from graph.extract.modality import is_negated

    doc = nlp(text)
    noun = next(t for t in doc if t.lemma_ in ("order", "talk", "talks"))
    assert is_negated(noun) is negated


@pytest.mark.parametrize("text, negated", [
    ("Kenya gave no details of the accord on Monday.", True),      # an object with "no"
    ("No talks were held in Nairobi on Monday.", True),            # a subject with "no"
    ("Kenya signed the accord with no ceremony on Monday.", False),  # "no" in an adjunct negates nothing
])
def test_a_verb_is_negated_by_no_before_its_object(nlp, text, negated):
    from graph.extract.modality import is_negated

    doc = nlp(text)
    verb = next(t for t in doc if t.lemma_ in ("give", "hold", "sign"))
    assert is_negated(verb) is negated


@pytest.mark.parametrize("text", [
    "Kenya and Chile did not meet in Nairobi on Monday.",
    "Kenya did not attack Chile on Monday.",
    "The Chilean ministry made no comment on Monday.",
    "Kenya offered no timetable for a summit on Monday.",
])
def test_a_negated_event_is_none_unless_it_is_a_refusal(extract, text):
    assert classes(extract(text)) == []


def test_a_negated_agreement_is_a_refusal(extract):
    assert classes(extract("Kenya did not agree to a truce on Monday.")) == [("Refusal", ("Kenya",))]


def test_a_negated_noun_event_with_no_party_is_no_event(extract):
    found = classes(extract("After midnight on Tuesday, did not issue orders to prolong the pause."))
    assert "Order" not in [c for c, _ in found]


@pytest.mark.parametrize("text, offered", [
    ("Kenya would be ready to host talks with Chile, its president said on Monday.", True),
    ("Kenya would be ready to fight, its army chief said on Monday.", False),
    ("Kenya would agree to the plan, its president said on Monday.", False),
])
def test_readiness_stated_with_a_modal_is_still_an_offer(extract, text, offered):
    assert ("Proposal" in [c for c, _ in classes(extract(text))]) is offered


@pytest.mark.parametrize("text", [
    "Soon after midnight the Kenyan air force issued alerts warning of strikes by Chile.",
    "Kenya warned of attacks on its ports by Chile on Monday.",
    "Kenya said the risk of strikes by Chile on its ports was high on Monday.",
])
def test_what_is_warned_of_or_feared_has_not_happened(extract, text):
    assert "Attack" not in [c for c, _ in classes(extract(text))]


@pytest.mark.parametrize("text", [
    "Kenya and Chile committed on Monday to resuming talks in Lima.",
    "Chile pledged on Monday to hold talks with Kenya.",
    "Kenya vowed on Monday to meet Chile before the summer.",
    "Kenya advised its citizens to avoid travelling to Chile.",     # advice, and what to avoid
])
def test_what_is_pledged_has_not_happened_yet(extract, text):
    assert not {"Talks", "Meeting", "Visit"} & {c for c, _ in classes(extract(text))}


@pytest.mark.parametrize("text, held", [
    ("Peru would not reopen the border until twelve Chilean soldiers were freed.", False),   # not yet
    ("The shelling went on until twelve Chilean soldiers were freed on Monday.", True),     # it happened
])
def test_what_a_future_or_negated_clause_waits_for_has_not_happened(extract, text, held):
    assert ("PrisonerExchange" in {c for c, _ in classes(extract(text))}) is held


def test_an_event_deep_in_a_condition_states_nothing(extract):
    text = ("Kenya said on Monday it could leave the trade talks unless Chile and Peru proved they were "
            "keen on negotiating a settlement of the dispute.")
    assert [c for c, _ in classes(extract(text)) if c == "Talks"] == []


@pytest.mark.parametrize("text, absent", [
    ("Whether Chile has also agreed to the plan is unclear.", "Agreement"),
    ("Reporters asked on Monday whether Kenya would accept the plan.", "Agreement"),
    ("A meeting on Friday was supposed to end in Kenya agreeing to share ports with Chile.", "Agreement"),
])
def test_a_question_or_what_was_supposed_to_happen_states_no_event(extract, text, absent):
    assert absent not in [c for c, _ in classes(extract(text))]


@pytest.mark.parametrize("text", [
    "“As of today, we can report that the enemy is trying to regroup, but in places it does not stop its attempts "
    "to break through,” Gustavo Petro said in a statement on Monday.",
    "“We could say the troops are tired, and in many places they do not stop their attempts to move,” Gustavo Petro "
    "said on Monday.",
])
def test_a_verb_with_a_subject_of_its_own_does_not_share_the_modal_it_is_conjoined_to(extract, text):
    assert ("Statement", ("Gustavo Petro",)) in classes(extract(text))


@pytest.mark.parametrize("text, expected", [
    ("Peru could end the dispute on Monday by freeing all prisoners.", []),
    ("Peru ended the dispute on Monday by freeing all prisoners.", ["PrisonerExchange"]),
])
def test_the_means_of_a_modal_act_is_no_event_either(extract, text, expected):
    assert [c for c, _ in classes(extract(text))] == expected


@pytest.mark.parametrize("text, expected", [
    ("William Ruto is expected to travel to Santiago in December.", ["Visit"]),     # a schedule
    ("William Ruto expects to travel to Santiago in December.", []),               # a hope
    ("William Ruto is expected to reject the Chilean offer.", []),                 # a forecast
])
def test_a_passive_expected_announces_scheduled_contact_only(extract, text, expected):
    assert [e.event_class for e in extract(text).events] == expected


@pytest.mark.parametrize("text, talks", [
    ("Peru told reporters on Friday that Chile was open to talks.", False),      # readiness
    ("Chile opened talks with Peru on Monday.", True),                            # the verb opens them
])
def test_open_to_talks_is_readiness_not_talks(extract, text, talks):
    assert ("Talks" in [e.event_class for e in extract(text).events]) is talks


def test_what_those_who_refused_would_have_done_is_unreal(nlp, knowledge):
    from graph.extract.modality import is_irrealis

    doc = nlp("It is plain to all, even to those who declined to admit the facts, that Peru is to blame.")
    admit = next(t for t in doc if t.lower_ == "admit")
    assert is_irrealis(admit, "Statement", knowledge)
