"""Sentence → event records, on sentences written for the tests."""

from __future__ import annotations

import datetime as dt

import pytest


def events_of(extraction):
    return [(e.event_class, set(e.actors)) for e in extraction.events]


@pytest.mark.parametrize("text, expected_class, expected_actors", [
    ("Joe Biden spoke with Xi Jinping by phone on Monday.", "PhoneCall", {"Joe Biden", "Xi Jinping"}),
    ("Emmanuel Macron held a phone call with Keir Starmer on Friday.", "PhoneCall", {"Emmanuel Macron", "Keir Starmer"}),
    ("Sergei Lavrov met Marco Rubio in Riyadh on Tuesday.", "Meeting", {"Sergei Lavrov", "Marco Rubio"}),
    ("Russia invaded Ukraine in February 2022.", "Invasion", {"Russia", "Ukraine"}),
    ("Crimea was annexed by Moscow in 2014.", "Annexation", {"Moscow"}),
    ("Vladimir Putin ordered a mobilisation of reservists on Monday.", "Order", {"Vladimir Putin"}),
    ("Vladimir Putin ordered a halt to strikes on Monday.", "Ceasefire", {"Vladimir Putin"}),
    ("Russia and Ukraine will exchange 200 prisoners on Wednesday.", "PrisonerExchange", {"Russia", "Ukraine"}),
    ("Joe Biden backed off his demand for new tariffs on Monday.", "Other", {"Joe Biden"}),
    ("Xi Jinping backed down on Friday.", "Other", {"Xi Jinping"}),
])
def test_trigger_class_and_participants(extract, text, expected_class, expected_actors):
    found = events_of(extract(text))
    assert any(cls == expected_class and expected_actors <= actors for cls, actors in found), found


@pytest.mark.parametrize("text, expected", [
    ("Vladimir Putin agreed to a ceasefire on Monday.", "Ceasefire"),
    ("Vladimir Putin agreed to halt attacks on power plants on Monday.", "Ceasefire"),
    ("Volodymyr Zelenskyy agreed to the proposal on Monday.", "Agreement"),
    ("Vladimir Putin refused to accept a full ceasefire on Monday.", "Refusal"),
    ("Vladimir Putin did not agree to a ceasefire on Monday.", "Refusal"),
    ("Vladimir Putin declined to back the plan on Monday.", "Refusal"),
])
def test_agreement_ceasefire_refusal(extract, text, expected):
    classes = [c for c, _ in events_of(extract(text))]
    assert classes and classes[0] == expected, classes


@pytest.mark.parametrize("text", [
    "Vladimir Putin would agree to a ceasefire only under conditions.",
    "Donald Trump hopes to meet Vladimir Putin soon.",
    "Joe Biden is trying to agree a deal.",
])
def test_unreal_clauses_state_no_event(extract, text):
    classes = [c for c, _ in events_of(extract(text)) if c in ("Agreement", "Ceasefire", "Meeting")]
    assert classes == []


def test_speaking_to_reporters_is_not_a_phone_call(extract):
    assert "PhoneCall" not in [c for c, _ in events_of(extract("Speaking to reporters on Monday, Putin smiled."))]


def test_reported_speech_gives_the_reported_event_with_its_speaker(extract):
    extraction = extract("The Kremlin said that Vladimir Putin had ordered a mobilisation of reservists on Tuesday.")
    orders = [e for e in extraction.events if e.event_class == "Order"]
    assert orders and orders[0].speaker == "the Kremlin"
    assert "Statement" not in [e.event_class for e in extraction.events]


def test_a_report_that_states_its_own_time_is_a_statement_too(extract):
    extraction = extract("The Kremlin said on Tuesday that Vladimir Putin had ordered a mobilisation of reservists.")
    found = {(e.event_class, e.speaker) for e in extraction.events}
    assert {("Order", "the Kremlin"), ("Statement", None)} <= found


def test_statement_without_reported_event(extract):
    extraction = extract("Donald Trump said on Monday that the weather was fine.")
    assert [e.event_class for e in extraction.events] == ["Statement"]
    assert extraction.events[0].agents == ("Donald Trump",)


def test_one_event_per_clause(extract):
    extraction = extract("Emmanuel Macron spoke with Olaf Scholz by phone on Monday in a long phone call.")
    assert [e.event_class for e in extraction.events].count("PhoneCall") == 1


def test_furniture_yields_nothing(extract):
    text = ("Joe Biden spoke with Xi Jinping on Monday.\n"
            "Related stories\n"
            "Leaders agree to ceasefire in border war\n"
            "-\n"
            "Follow our channel and never miss an update.\n")
    classes = [e.event_class for e in extract(text).events]
    assert classes == ["PhoneCall"]



def test_conditional_demand_is_a_demand_of_the_speaker(extract):
    extraction = extract("Vladimir Putin told Donald Trump on Tuesday that any deal would require an end to arms deliveries.")
    demands = [e for e in extraction.events if e.event_class == "Demand"]
    assert demands and demands[0].agents == ("Vladimir Putin",)
    assert "Agreement" not in [e.event_class for e in extraction.events]


def test_quoted_words_keep_the_statement(extract):
    extraction = extract("Donald Trump wrote on Tuesday: “We agreed to an immediate ceasefire.”")
    assert {"Statement", "Ceasefire"} <= {e.event_class for e in extraction.events}


def test_purpose_infinitive_states_no_event(extract):
    extraction = extract("Steve Witkoff met Vladimir Putin on Monday to discuss a ceasefire proposal.")
    assert [e.event_class for e in extraction.events] == ["Meeting"]


def test_a_news_organisation_citing_is_not_a_statement_event(extract):
    extraction = extract("The talks stalled on Monday, The New York Times said.")
    assert "Statement" not in [e.event_class for e in extraction.events]


@pytest.mark.parametrize("text, expected_class, expected_actors", [
    ("Xi Jinping hosted Joe Biden in Beijing on Thursday.", "Meeting", {"Xi Jinping", "Joe Biden"}),
    ("Emmanuel Macron travelled to Kyiv on Thursday.", "Visit", {"Emmanuel Macron"}),
    ("Emmanuel Macron flew to Washington on Thursday.", "Visit", {"Emmanuel Macron"}),
])
def test_hosting_and_travelling(extract, text, expected_class, expected_actors):
    found = events_of(extract(text))
    assert any(cls == expected_class and expected_actors <= actors for cls, actors in found), found


@pytest.mark.parametrize("text", [
    "Emmanuel Macron travelled to the region on Thursday.",
    "The talks ended without agreement on Friday.",
])
def test_no_event_for_travel_to_no_one_or_for_no_agreement_by_no_one(extract, text):
    assert not [e for e in extract(text).events if e.event_class in ("Visit", "Refusal")]


@pytest.mark.parametrize("text, cls, agent", [
    ("China launched the invasion of Taiwan in February 2022.", "Invasion", "China"),
    ("Russia launched a massive drone attack on Kyiv on Sunday.", "Attack", "Russia"),
])
def test_the_subject_of_a_light_verb_acts_in_its_event_noun(extract, text, cls, agent):
    [event] = [e for e in extract(text).events if e.event_class == cls]
    assert agent in event.agents


@pytest.mark.parametrize("text, expected", [
    ("Joe Biden and Xi Jinping spoke on Tuesday.", {"Joe Biden", "Xi Jinping"}),
    ("Joe Biden and Xi Jinping talked for an hour on Tuesday.", {"Joe Biden", "Xi Jinping"}),
])
def test_two_parties_speaking_is_a_contact_between_them(extract, text, expected):
    [call] = [e for e in extract(text).events if e.event_class == "PhoneCall"]
    assert set(call.actors) == expected


@pytest.mark.parametrize("text", [
    "Officials spoke on Tuesday.",
    "Joe Biden and Xi Jinping did not speak on Tuesday.",
    "Joe Biden spoke on Tuesday.",
    "Xi Jinping invited Joe Biden to visit Beijing on Tuesday.",
])
def test_no_contact_without_two_parties_or_when_denied_or_only_invited(extract, text):
    assert not [e for e in extract(text).events if e.event_class in ("PhoneCall", "Visit")]


@pytest.mark.parametrize("text, agents", [
    ("Joe Biden's envoy Steve Witkoff met Xi Jinping in Beijing on Thursday.", ("Steve Witkoff",)),
    ("China's delegation met Joe Biden in Geneva on Thursday.", ("China",)),
    ("Chile's army and the M23 held talks in Goma on Saturday.", ("Chile", "M23")),   # an owner of no one named
])
def test_the_owner_of_a_subjects_title_is_not_the_subject(extract, text, agents):
    [meeting] = [e for e in extract(text).events if e.event_class in ("Meeting", "Talks")]
    assert meeting.agents == agents


@pytest.mark.parametrize("text, cls, theme", [
    ("Macron supported a proposal from Scholz to hold a summit.", "Agreement", "proposal"),
    ("The two ministers agreed to a prisoner swap.", "Agreement", "prisoner swap"),
    ("Erdogan agreed to begin negotiations on grain exports.", "Agreement", "negotiation"),
    ("Kyiv agreed with the US plan on Friday.", "Agreement", "plan"),
    ("Putin agreed to a 30-day pause in strikes.", "Ceasefire", None),      # the class noun is no theme
    ("Biden spoke with Xi Jinping on Tuesday.", "PhoneCall", None),          # only theme classes have one
])
def test_a_verb_event_records_what_it_is_about(extract, text, cls, theme):
    [event] = [e for e in extract(text).events if e.event_class == cls]
    assert event.theme == theme


@pytest.mark.parametrize("text, cls, agents", [
    ("Erdogan persuaded Finnish officials to accept a truce on Monday.", "Ceasefire", ("Finland",)),
    ("Macron convinced Scholz to support the plan on Monday.", "Agreement", ("Olaf Scholz",)),
    ("Xi Jinping agreed to support the plan on Monday.", "Agreement", ("Xi Jinping",)),   # subject control
])
def test_the_object_of_a_persuading_verb_does_the_infinitive(extract, text, cls, agents):
    [event] = [e for e in extract(text).events if e.event_class == cls]
    assert event.agents == agents


def test_a_contact_event_framing_an_object_is_not_its_content(extract):
    text = "Rubio persuaded Polish officials to accept a truce without preconditions during talks in Ankara last week."
    classes = [e.event_class for e in extract(text).events]
    assert "Talks" in classes and "Ceasefire" in classes


@pytest.mark.parametrize("text, statement", [
    # what is reported had already happened: the report is news of its own
    ("Macron, speaking on Sunday, said the ministers had already met in Rome.", True),
    ("Scholz said on Friday that Poland had already agreed to the plan, and Italy would follow.", True),
    # a backshifted report of the event itself, with no time of its own: the event, with its speaker
    ("Macron said that the ministers had met in Rome on Sunday.", False),
    ("Scholz said that Poland agreed to the plan on Friday.", False),
])
def test_a_report_of_what_had_already_happened_is_a_statement_too(extract, text, statement):
    events = extract(text).events
    assert any(e.event_class == "Statement" for e in events) is statement
    assert any(e.event_class != "Statement" and e.speaker for e in events)


@pytest.mark.parametrize("text, agents", [
    ("Drone attacks damaged a school in Kharkiv on March 12, 2025, amid the Russian invasion of Ukraine.", ("Russia",)),
    ("Drone attacks damaged a school in Kharkiv on March 12, 2025.", ()),                     # no campaign named
    ("Drone attacks damaged a school in Kharkiv on March 12, 2025, after the Russian invasion of Ukraine.", ()),
])
def test_an_attack_set_amid_a_campaign_is_part_of_it(extract, text, agents):
    [attack] = [e for e in extract(text).events if e.event_class == "Attack"]
    assert attack.agents == agents


@pytest.mark.parametrize("text, statement", [
    ("Joe Biden and Xi Jinping spoke for two hours on Monday in a phone call Xi described as very frank.", False),
    ("Joe Biden and Xi Jinping met on Monday, a meeting Biden characterized as excellent.", False),
    ("Joe Biden met Xi Jinping on Monday. On Tuesday Xi described Biden as a friend.", True),   # judges a person
])
def test_judging_a_contact_event_named_before_is_no_event(extract, text, statement):
    assert any(e.event_class == "Statement" for e in extract(text).events) is statement


@pytest.mark.parametrize("text, absent", [
    ("On Sunday the Chilean air force issued air raid alerts for the north.", "Attack"),
    ("On Sunday the Peruvian army sent a strike team to the border.", "Attack"),
    ("Chile and Peru opened ceasefire talks in Lima on Monday.", "Ceasefire"),
])
def test_an_event_noun_that_only_classifies_another_noun_is_no_event(extract, text, absent):
    assert absent not in [e.event_class for e in extract(text).events]


@pytest.mark.parametrize("text, absent", [
    ("Chile and Peru called for a negotiated settlement on Monday.", "Talks"),
    ("Chile marked the agreed route on the map on Monday.", "Agreement"),
])
def test_a_participle_before_its_noun_only_describes_it(extract, text, absent):
    assert absent not in [e.event_class for e in extract(text).events]


@pytest.mark.parametrize("text", [
    "A Chilean air strike killed 12 people in Arica on Monday.",
    "Residents fled after a Chilean air strike that killed 12 people in Arica on Monday.",
])
def test_what_an_attack_did_is_the_same_attack(extract, text):
    assert [e.event_class for e in extract(text).events] == ["Attack"]


def test_a_raid_is_an_attack(extract):
    events = extract("Peru's Saturday night raids on border posts drew protests.").events
    assert [(e.event_class, e.agents) for e in events] == [("Attack", ("Peru",))]


@pytest.mark.parametrize("text, expected", [
    ("Gustavo Petro hit back on Monday by blaming the rebels for the unrest.", ["Statement"]),
    ("Colombian jets hit rebel camps on Monday.", ["Attack"]),
])
def test_hitting_back_without_an_object_is_a_retort_not_a_strike(extract, text, expected):
    assert [e.event_class for e in extract(text).events] == expected


def test_a_noun_whose_participle_clause_tells_its_history_is_not_the_content_of_the_verb(extract):
    events = extract("Kenya accused Chile on Monday of breaking the limited truce declared in mid-March.").events
    [truce] = [e for e in events if e.event_class == "Ceasefire"]
    assert (truce.dating.begin, truce.dating.end) == (dt.date(2025, 3, 11), dt.date(2025, 3, 20))


@pytest.mark.parametrize("text, cls, actors", [
    ("Chile and Peru met in Lima on Monday.", "Meeting", {"Chile", "Peru"}),
    ("Joe Biden met Xi Jinping in Beijing on Monday.", "Meeting", {"Joe Biden", "Xi Jinping"}),
    ("Kaja Kallas told journalists at the White House on Monday that the plan would work.", "Statement",
     {"Kaja Kallas"}),
])
def test_a_place_says_where_and_never_removes_a_party_of_the_same_name(extract, text, cls, actors):
    [event] = [e for e in extract(text).events if e.event_class == cls]
    assert set(event.actors) == actors


@pytest.mark.parametrize("text, expected", [
    ("On Monday Chile required Peru to pay the debt.", ["Demand"]),
    ("On Monday Chilean officials required Peru to pay the debt.", ["Demand"]),
    ("The talks stalled on Monday over the first draft, which required Peru to pay the debt.", ["Talks"]),
])
def test_what_a_text_requires_is_no_demand_made(extract, text, expected):
    assert [e.event_class for e in extract(text).events] == expected


@pytest.mark.parametrize("text, expected", [
    ("Chile turned down a Peruvian offer of talks on Monday.", ["Refusal"]),
    ("Chile turned down the rhetoric on Monday.", []),
])
def test_turning_down_an_offer_is_a_refusal(extract, text, expected):
    assert [e.event_class for e in extract(text).events] == expected


@pytest.mark.parametrize("text, expected", [
    ("Gustavo Petro left Caracas on Friday after the talks.", [("Other", ("Gustavo Petro",))]),
    ("The call on Friday left Joe Biden furious.", []),
])
def test_leaving_a_named_place_is_a_departure(extract, text, expected):
    assert [(e.event_class, e.agents) for e in extract(text).events if e.event_class == "Other"] == expected


@pytest.mark.parametrize("text", [
    "On Monday, at the talks in Quito, Colombia handed over to Ecuador its memorandum on a border truce.",
    "Colombia submitted a draft of the treaty to Ecuador on Monday.",
])
def test_handing_over_or_submitting_a_plan_is_a_proposal(extract, text):
    assert ("Proposal", ("Colombia",), ("Ecuador",)) in [(e.event_class, e.agents, e.patients)
                                                         for e in extract(text).events]


def test_handing_over_a_parcel_is_no_proposal(extract):
    assert not [e for e in extract("Colombia handed over a parcel to Ecuador on Monday.").events
                if e.event_class == "Proposal"]


@pytest.mark.parametrize("text, agent", [
    ("This was stated on Monday by Kaja Kallas, the EU's foreign policy chief.", "Kaja Kallas"),
    ("Kaja Kallas commented on the plan with a row of emojis on Monday.", "Kaja Kallas"),
    ("Kaja Kallas signaled on Monday that the bloc was ready to lift the tariffs.", "Kaja Kallas"),
])
def test_stating_and_commenting_are_statements(extract, text, agent):
    assert [agent in e.agents for e in extract(text).events if e.event_class == "Statement"] == [True]


def test_who_mediates_or_hosts_a_contact_is_no_party_to_it(extract):
    text = "Chile and Peru met in Lima on Monday. The meeting, mediated by Qatar, resulted in Chile and Peru agreeing to hold talks."
    meetings = [e for e in extract(text).events if e.event_class == "Meeting"]
    assert meetings and all("Qatar" not in e.actors for e in meetings)
    assert {e.dating.begin for e in meetings} == {dt.date(2025, 3, 17)}


@pytest.mark.parametrize("text", [
    "The exchange of prisoners between Chile and Peru ended on Monday.",
    "Chile and Peru carried out a swap of captured soldiers on Monday.",
])
def test_an_exchange_or_swap_of_prisoners_is_a_prisoner_exchange(extract, text):
    assert "PrisonerExchange" in [e.event_class for e in extract(text).events]


def test_an_exchange_of_views_is_no_prisoner_exchange(extract):
    assert not extract("The exchange of views on Monday was frank.").events


def test_we_in_a_quotation_is_the_speaker(extract):
    events = extract("“We have agreed on a swap of prisoners,” Gustavo Petro said on Monday.").events
    assert [e.agents for e in events if e.event_class == "Agreement"] == [("Gustavo Petro",)]


@pytest.mark.parametrize("text, expected", [
    ("Hamas freed three hostages on Sunday.", ["PrisonerExchange"]),
    ("Peru released two captured hostages on Sunday.", ["PrisonerExchange"]),
    ("The government freed its economy from price controls on Monday.", []),
])
def test_freeing_or_releasing_hostages_is_an_exchange_of_captives(extract, text, expected):
    assert [e.event_class for e in extract(text).events] == expected
