"""Sentence → event records for the trigger breadth of the lexicon and the discourse dating
rules (``contact-outcome``, ``before-dated-event``), on sentences written for the tests."""

from __future__ import annotations

import datetime as dt

import pytest


def found(extraction):
    return [(e.event_class, set(e.actors), e.dating.begin.isoformat() if e.dating else None,
             e.dating.rule if e.dating else None) for e in extraction.events]


@pytest.mark.parametrize("text, expected_class, expected_actors", [
    ("Kenya and Chile signed a trade pact on Monday.", "Agreement", {"Kenya", "Chile"}),
    ("Poland summoned the Russian ambassador on Monday.", "Statement", {"Poland", "Russia"}),
    ("India expelled a Pakistani diplomat on Wednesday.", "Other", {"India", "Pakistan"}),
    ("Chile recalled its ambassador from Peru on Monday.", "Other", {"Chile", "Peru"}),
    ("Peru cut diplomatic ties with Chile on Monday.", "Other", {"Peru", "Chile"}),
    ("Rwandan troops seized the town of Uvira from Congo on Tuesday.", "Attack",
     {"Rwanda", "Democratic Republic of the Congo"}),                       # "Congo" alone is Kinshasa's
    ("Kenya and Chile initialled the draft accord in Lima on Tuesday.", "Agreement", {"Kenya", "Chile"}),
    ("The Kivu Front seized Uvira on Sunday.", "Attack", {"Kivu Front", "Uvira"}),    # a named object
    ("Chilean and Peruvian troops clashed at the border on Friday.", "Attack", {"Chile", "Peru"}),
    ("Fierce clashes broke out at the border on Friday.", "Attack", set()),        # clashes are armed
    ("Kenya said its border with Somalia, where troops clashed in 2020, was calm.", "Attack", set()),  # past: armed
    ("Gabriel Boric acknowledged on Monday that the fishing pact was fragile.", "Statement", {"Gabriel Boric"}),
    ("Javier Milei stressed on Monday that Argentina would stay in the bloc.", "Statement", {"Javier Milei"}),
    ("Gabriel Boric questioned on Monday whether Peru wanted a deal at all.", "Statement", {"Gabriel Boric"}),
    ("Javier Milei addressed the nation on Monday evening.", "Statement", {"Javier Milei"}),
    ("Peruvian troops fired at Chilean fishing boats on Monday.", "Attack", {"Peru", "Chile"}),
    ("Chile declared a state of emergency in its northern provinces on Monday.", "Order", {"Chile"}),
    ("Peru imposed martial law in the south on Monday.", "Order", {"Peru"}),
    ("When Gabriel Boric and Javier Milei finally sat down in Lima last Thursday, both needed a win.", "Meeting",
     {"Gabriel Boric", "Javier Milei"}),
    ("Boric ordered the navy on Monday to halt all military operations in the bay.", "Ceasefire", set()),
    ("The Kivu Front handed over four Kenyan women to the Red Cross on Sunday.", "PrisonerExchange",
     {"Kivu Front", "Kenya", "Red Cross"}),
    ("Chile freed two Peruvian journalists on Sunday.", "PrisonerExchange", {"Chile", "Peru"}),
    ("Both sides received 120 people in the first stage of the swap on Friday.", "PrisonerExchange", set()),
    ("A Peruvian spokesman declined on Monday to comment on the talks with Chile.", "Statement", {"Peru", "Chile"}),
    ("Gabriel Boric called on Javier Milei at his residence in Buenos Aires on Monday.", "Meeting",
     {"Gabriel Boric", "Javier Milei"}),                                 # a courtesy call
    ("Gabriel Boric called on Javier Milei on Monday to lift the tariffs.", "Demand", {"Gabriel Boric", "Javier Milei"}),
    ("Javier Milei pointed out on Monday that Chile had paid its share.", "Statement", {"Javier Milei"}),
    ("Gabriel Boric informed his Peruvian counterpart on Monday that Chile would sign.", "Statement",
     {"Gabriel Boric", "Peru"}),
    ("Opening a session of his security council on Monday, Gabriel Boric said Chile was calm.", "Meeting",
     {"Gabriel Boric"}),
    ("Chile and Peru opened talks in Lima on Monday.", "Talks", {"Chile", "Peru"}),
    ("A Pentagon spokeswoman said on Monday that Chile had not been warned.", "Statement", {"the Pentagon"}),
    ("Chile's navy said Peru's boats had not fired.", "Statement", {"Chile"}),     # what did not happen is no event
    ("Gabriel Boric asked Peru on Monday to free the fishermen.", "Demand", {"Gabriel Boric", "Peru"}),
    ("Javier Milei warned Chile on Monday to stay out of the dispute.", "Demand", {"Javier Milei", "Chile"}),
    ("Gabriel Boric asked for more patrol boats on Monday.", "Demand", {"Gabriel Boric"}),
    ("Gabriel Boric clashed with Javier Milei in Lima on Friday.", "Meeting", {"Gabriel Boric", "Javier Milei"}),
    ("Keir Starmer and Emmanuel Macron had a heated spat in Brussels on Friday.", "Meeting",
     {"Keir Starmer", "Emmanuel Macron"}),                                  # people quarrelling met
    ("The ceremony was put off after a spat between Chile President Gabriel Boric and Argentina's President Javier "
     "Milei at the palace on Feb. 28.", "Meeting", {"Gabriel Boric", "Javier Milei"}),   # states in their titles
    ("William Ruto sat down with Gabriel Boric in Nairobi on Monday.", "Meeting", {"William Ruto", "Gabriel Boric"}),
    ("When William Ruto sat down with Gabriel Boric last month, diplomats hoped for a deal.", "Meeting",
     {"William Ruto", "Gabriel Boric"}),                      # a past "when" clause is a fact, whatever is hoped
    ("Chile resumed strikes on rebel camps on Tuesday.", "Attack", {"Chile"}),       # a light verb's subject
    ("Chile pounded Peru's border posts with artillery on Monday.", "Attack", {"Chile", "Peru"}),
    ("Chilean troops killed twelve Peruvian soldiers at the border on Monday.", "Attack", {"Chile", "Peru"}),
    ("Chile and Peru exchanged artillery fire along the border on Tuesday.", "Attack", {"Chile", "Peru"}),
    ("Olaf Scholz faces a confidence vote in parliament on Monday.", "Other", {"Olaf Scholz"}),   # a light verb
    ("Chilean jets bombarded the port of Callao on Monday.", "Attack", {"Chile"}),
    ("Kenya and Chile concluded a trade deal in Nairobi on Monday.", "Agreement", {"Kenya", "Chile"}),
    ("Kenya and Chile concluded their talks in Nairobi on Monday.", "Talks", {"Kenya", "Chile"}),
    ("Xi Jinping welcomed Narendra Modi to Beijing on Tuesday.", "Visit", {"Xi Jinping", "Narendra Modi"}),
    ("Narendra Modi received Vladimir Putin at the airport on Thursday.", "Visit", {"Narendra Modi", "Vladimir Putin"}),
    ("Fighting between Chile and Peru broke out on Thursday.", "Attack", {"Chile", "Peru"}),
    ("Narendra Modi held three hours of talks with Xi Jinping on Tuesday.", "Talks", {"Narendra Modi", "Xi Jinping"}),
    ("Chile and Peru fought along the border on Thursday.", "Attack", {"Chile", "Peru"}),
    ("Clashes between Chile and Peru erupted near the border on Thursday.", "Attack", {"Chile", "Peru"}),
    ("Emmanuel Macron urged Vladimir Putin on Monday to accept a truce.", "Demand", {"Emmanuel Macron", "Vladimir Putin"}),
    ("Olaf Scholz called on Moscow on Friday to withdraw its troops.", "Demand", {"Olaf Scholz"}),
    ("Joe Biden requested more air defence systems on Monday.", "Demand", {"Joe Biden"}),
    ("Xi Jinping invited Joe Biden to visit Beijing on Monday.", "Proposal", {"Xi Jinping", "Joe Biden"}),
    ("Russia launched 90 drones at Odesa on Sunday.", "Attack", {"Russia"}),
    ("Iraq launched its invasion of Kuwait in August 1990.", "Invasion", {"Iraq"}),
    ("Russia fired missiles at Kharkiv on Sunday.", "Attack", {"Russia"}),
    ("Russia targeted a refinery near Odesa on Sunday.", "Attack", {"Russia"}),
    ("Russia and Ukraine struck a grain deal on Monday.", "Agreement", {"Russia", "Ukraine"}),
    ("Russia and Ukraine reached an agreement on Monday.", "Agreement", {"Russia", "Ukraine"}),
    ("Joe Biden postponed his trip to Berlin on Monday.", "Other", {"Joe Biden"}),
    ("On Wednesday Joe Biden accused Emmanuel Macron of stalling.", "Statement", {"Joe Biden", "Emmanuel Macron"}),
    ("Russia and Ukraine each released 200 soldiers on Saturday.", "PrisonerExchange", {"Russia", "Ukraine"}),
    ("Kenya received 90 prisoners of war from Chile on Friday.", "PrisonerExchange", {"Kenya", "Chile"}),
    ("Chile returned 40 soldiers to Kenya on Friday.", "PrisonerExchange", {"Chile", "Kenya"}),
    ("Kenya and Chile each brought home 150 soldiers on Saturday.", "PrisonerExchange", {"Kenya", "Chile"}),
    ("Peru freed four Chilean citizens on Friday in exchange for two Peruvian nationals.", "PrisonerExchange",
     {"Peru", "Chile"}),
    ("Kenya slapped new sanctions on Chile on Monday.", "Other", {"Kenya", "Chile"}),
    ("Chile lifted its embargo on Peru on Friday.", "Other", {"Chile", "Peru"}),
    ("Kenyan ministers approved a package of sanctions against Peru on Monday, targeting 40 firms.", "Other",
     {"Kenya", "Peru"}),
    ("Chile responded with air strikes on Peruvian bases on Monday.", "Attack", {"Chile", "Peru"}),
    ("Peru hit back with drone attacks on Chilean ports on Monday.", "Attack", {"Peru", "Chile"}),
    ("A draft on Peru was vetoed by Chile in the council on Friday.", "Refusal", {"Chile"}),
    ("Chile denied Peru's request for a visit on Friday.", "Refusal", {"Chile", "Peru"}),
    ("Chile said on Friday its navy had shot down two Peruvian jets.", "Attack", {"Chile", "Peru"}),
    ("Kenya denies backing the M23, which seized the Congolese town of Uvira in May.", "Attack", {"M23"}),
    ("Kenya suspended a fishing treaty with Chile on Monday.", "Other", {"Kenya", "Chile"}),
    ("Peru and Bolivia agreed on Wednesday to a ceasefire deal mediated by Chile.", "Ceasefire", {"Peru", "Bolivia"}),
    ("Peru and Bolivia traded accusations on Monday over the border clashes.", "Statement", {"Peru", "Bolivia"}),
    ("Peru on Monday dismissed the Chilean proposal as unacceptable.", "Refusal", {"Peru"}),
    ("Chile's cabinet approved the fishing deal with Peru on Friday.", "Agreement", {"Chile"}),
    ("Chile's cabinet approved a ceasefire with the rebels on Tuesday.", "Ceasefire", {"Chile"}),
    ("Peru freed the Chilean reporter Ana Rojas on Thursday.", "PrisonerExchange", {"Peru", "Ana Rojas"}),
    ("The rebels handed over four Chilean hostages to the Red Cross on Saturday.", "PrisonerExchange", {"Chile"}),
    ("Boric received Lula at the Great Hall of the Nation on Tuesday.", "Visit", {"Luiz Inacio Lula da Silva"}),
    ("Peruvian and Bolivian troops traded fire across the border on Monday.", "Attack", {"Peru", "Bolivia"}),
    ("Peru and Bolivia agreed on Wednesday to a ceasefire proposal from Chile.", "Agreement", {"Peru", "Bolivia"}),
    ("Gabriel Boric said he agreed to cut tariffs after meeting William Ruto in Lima on Thursday.", "Meeting",
     {"Gabriel Boric", "William Ruto"}),                      # a placing phrase is no content of the infinitive
    ("William Ruto and Gabriel Boric held a trilateral meeting with Lula before the ceremony, the Kenyan presidency "
     "said.", "Meeting",
     {"William Ruto", "Gabriel Boric", "Luiz Inacio Lula da Silva"}),
    ("Chile denied on Friday that its navy had attacked Peruvian boats.", "Statement", {"Chile"}),
    ("Gabriel Boric and William Ruto discussed the situation in Haiti by telephone on Monday.", "PhoneCall",
     {"Gabriel Boric", "William Ruto"}),
    ("Gabriel Boric and William Ruto held talks over the phone on Monday.", "PhoneCall",
     {"Gabriel Boric", "William Ruto"}),
    ("Gabriel Boric spoke with Javier Milei in Santiago on Monday.", "Meeting", {"Gabriel Boric", "Javier Milei"}),
    ("Peruvian Foreign Minister Elmer Schialer and US envoy Steve Witkoff waited in separate rooms on Monday. "
     "The two men also spoke directly as the session ended.", "Meeting", {"Elmer Schialer", "Steve Witkoff"}),
    ("Gabriel Boric and Javier Milei spoke directly by phone on Monday.", "PhoneCall", {"Gabriel Boric", "Javier Milei"}),
    ("Gabriel Boric talked with Javier Milei at the funeral on Monday.", "Meeting", {"Gabriel Boric", "Javier Milei"}),
    ("Gabriel Boric spoke with Javier Milei by phone from Santiago on Monday.", "PhoneCall",
     {"Gabriel Boric", "Javier Milei"}),
    ("Gabriel Boric and William Ruto spoke briefly in person on Monday.", "Meeting",
     {"Gabriel Boric", "William Ruto"}),
    ("Gabriel Boric landed in Nairobi on Monday.", "Visit", {"Gabriel Boric"}),
    ("Gabriel Boric dined with William Ruto in Nairobi on Monday.", "Meeting", {"Gabriel Boric", "William Ruto"}),
    ("Peruvian troops retook the town of Tacna on Monday.", "Attack", {"Peru"}),
    ("Chilean forces recaptured Arica on Monday.", "Attack", {"Chile"}),
])
def test_trigger_breadth(extract, text, expected_class, expected_actors):
    events = found(extract(text))
    assert any(cls == expected_class and expected_actors <= actors for cls, actors, _, _ in events), events


@pytest.mark.parametrize("text, unwanted", [
    ("Chile welcomed reporters to the briefing on Tuesday.", "Visit"),   # a guest must be named
    ("Chile received a letter from Peru on Thursday.", "Visit"),
    ("Peru retaliated with tariffs on Chilean fruit on Tuesday.", "Attack"),    # a measure of trade
    ("Chile cut tariffs on Peruvian fruit on Monday.", "Other"),                  # ties, not tariffs
    ("Gabriel Boric pounded the table at the meeting on Monday.", "Attack"),    # a target must be named
    ("In 1990 Chile seized a group of islands claimed by Peru.", "Statement"),   # a claim to land
    ("Peru claimed the islands in 1990.", "Statement"),
    ("Peru fought for its rights at the court in The Hague on Thursday.", "Attack"),   # fighting for a cause
    ("Chile fought corruption in its ports on Thursday.", "Attack"),
    ("Russia and Ukraine struck a grain deal on Monday.", "Attack"),
    ("Joe Biden called the talks useful on Monday.", "Demand"),
    ("Keir Starmer dropped an earlier demand that Meloni agree to a quota deal.", "Agreement"),
    ("Giorgia Meloni withdrew her demand that Tunisia accept a patrol pact.", "Agreement"),
    ("The new Chilean sanctions target the Peruvian fishing fleet.", "Attack"),   # a measure strikes no one
    ("Sanctions targeting Peruvian banks took effect on Monday.", "Attack"),
    ("The talks ended without agreement on Sunday, Chilean officials said.", "Refusal"),   # no one refused
    ("The talks ended without agreement on Sunday, Chilean officials said.", "Agreement"),
    ("The Chilean plan was met with scepticism in Lima on Monday.", "Meeting"),          # a reception
    ("Trucks carrying the freed soldiers arrived in Lima on Monday.", "Visit"),          # no visitor
    ("A powerful earthquake struck southern Chile on Monday.", "Attack"),                # a force of nature
    ("Chile shot down 40 Peruvian drones overnight.", "Attack"),                         # air defence
    ("Speaking to reporters aboard the presidential plane on Sunday, Boric said Chile was ready.", "PhoneCall"),
    ("Speaking to reporters aboard Air Force One on Sunday, Boric said Chile was ready.", "PhoneCall"),
    ("Boric said on Sunday that a trade deal with Kenya was close.", "Agreement"),       # a prospect
    ("The Chilean government released a statement on Monday.", "PrisonerExchange"),     # no one freed
    ("Chile denied on Friday that its navy had attacked Peruvian boats.", "Attack"),     # what is denied
    ("Kenyan ministers approved a package of sanctions against Peru on Monday, targeting 40 firms.", "Attack"),
    ("Chile and Peru clashed over fishing quotas on Friday.", "Attack"),                 # a quarrel of states
    ("Peruvian police questioned the suspect on Monday.", "Statement"),                 # an interrogation
    ("Peru agreed on Monday to pause its new export controls on copper for a year.", "Ceasefire"),
    ("Chile agreed on Monday to stop imports of Peruvian fruit.", "Ceasefire"),
    ("Boric and Milei sat in separate rooms on Monday.", "Meeting"),
    ("Boric welcomed Milei in Santiago on Tuesday and offered to host direct talks between Peru and Bolivia.", "Talks"),
    ("Gabriel Boric fired his chief of staff on Monday.", "Attack"),
    ("Peru introduced a new tax law on Monday.", "Order"),
    ("Gabriel Boric fired back at his critics on Monday.", "Attack"),                   # a retort
    ("Gabriel Boric landed in trouble with his party on Monday.", "Visit"),           # no place landed in
    ("Chile retook the lead in the polls on Monday.", "Attack"),                      # no place retaken
    ("Gabriel Boric addressed the concerns of farmers on Monday.", "Statement"),          # no audience
    ("A diplomatic row between Chile and Peru erupted on Friday.", "Meeting"),           # no one met
    ("Chile and Peru will meet on Friday, their first meeting since the palace clash in May.", "Attack"),
])
def test_object_and_mood_decide_the_sense(extract, text, unwanted):
    assert unwanted not in [cls for cls, _, _, _ in found(extract(text))]


def test_outcomes_of_dated_talks_take_their_day(extract):
    events = found(extract("Chile and Peru held a third round of talks in Quito on Monday. "
                           "Later, reporters waited outside.\n\nAnalysts spoke of progress.\n\n"
                           "In the end, Peru proposed to Chile to hold a summit of presidents. "
                           "Chile did not agree to a border treaty."))
    talks = [e for e in events if e[0] == "Talks"]
    assert talks and talks[0][1] == {"Chile", "Peru"} and talks[0][2] == "2025-03-17"
    assert ("Proposal", {"Peru", "Chile"}, "2025-03-17") in [e[:3] for e in events]
    assert ("Refusal", {"Chile"}, "2025-03-17") in [e[:3] for e in events]


def test_an_outcome_needs_a_party_to_the_contact(extract):
    history = " ".join(f"Olaf Scholz visited Paris in {year}." for year in (2015, 2016, 2017, 2018))
    events = found(extract(history + " Joe Biden and Xi Jinping spoke by phone on Monday. "
                           "Xi Jinping proposed a summit. Olaf Scholz proposed a new budget."))
    proposals = {frozenset(actors): (day, rule) for cls, actors, day, rule in events if cls == "Proposal"}
    assert proposals[frozenset({"Xi Jinping"})] == ("2025-03-17", "contact-outcome")
    assert proposals[frozenset({"Olaf Scholz"})] == (None, None)


@pytest.mark.parametrize("text, published, expected", [
    ("Biden met Macron on Wednesday, a day after his phone call with Xi.", dt.date(2025, 3, 18), "2025-03-11"),
    ("Biden met Macron on Wednesday, a day after Biden spoke to Xi.", dt.date(2025, 3, 18), "2025-03-11"),
    ("Biden visited Macron on Wednesday. This came two days after a short phone call between Biden and Xi.",
     dt.date(2025, 3, 18), "2025-03-10"),
    ("Preparation for the state visit comes a day after Biden spoke to Xi by phone.", dt.date(2025, 6, 6),
     "2025-06-05"),
    ("The scheduling of the talks comes a day after Modi spoke to Xi by phone.", dt.date(2025, 6, 6),
     "2025-06-05"),
    ("Biden said on Sunday that a summit would be held in Seoul. The news comes a day after Biden "
     "spoke to Xi by phone.", dt.date(2025, 3, 18), "2025-03-15"),
])
def test_an_event_placed_at_a_stated_distance_is_dated_by_it(extract, text, published, expected):
    calls = [e for e in found(extract(text, published)) if e[0] == "PhoneCall" and "Xi Jinping" in e[1]]
    assert calls and calls[0][2] == expected and calls[0][3] == "before-dated-event", calls


def test_said_before_a_contact_of_a_day_is_that_day(extract):
    text = ("William Ruto spoke to Lula by phone on Tuesday. Gabriel Boric rejected a trade offer from Lula on "
            "Monday. Before his call with Lula, Ruto said Kenya wanted lower tariffs.")
    statements = [e for e in found(extract(text)) if e[0] == "Statement"]
    assert statements and statements[-1][2:] == ("2025-03-18", "relative-to-event"), statements


def test_before_an_event_of_a_month_is_no_date(extract):
    events = found(extract("Chile and Peru denied the reports for months before signing the pact in January."))
    assert [e for e in events if e[0] == "Statement"] and not [e for e in events if e[3] == "relative-to-event"]


def test_a_dated_event_that_came_a_day_after_another_dates_it(extract):
    events = found(extract("Merz spoke with Xi by phone on Wednesday. The call came a day after Wadephul "
                           "postponed a planned trip to Beijing."))
    assert ("Other", "2025-03-11", "before-dated-event") in [(e[0], e[2], e[3]) for e in events], events


def test_a_contact_a_timed_clause_comes_right_after_is_of_its_day(extract):
    events = found(extract("Chile freed six Peruvian fishermen on Friday after Gabriel Boric met an envoy of "
                           "Dina Boluarte in Santiago, officials said."))
    assert ("Meeting", "2025-03-14", "occasion-of-dated-event") in [(e[0], e[2], e[3]) for e in events], events


def test_a_vague_placing_says_nothing_of_the_day(extract):
    calls = [e for e in found(extract("Biden met Macron on Wednesday, after his phone call with Xi."))
             if e[0] == "PhoneCall"]
    assert calls and calls[0][3] != "before-dated-event"


def test_overnight_is_the_night_before_publication_and_gives_way(extract):
    events = found(extract("Russia launched 90 drones at Odesa overnight.", dt.date(2025, 3, 19)))
    assert ("Attack", "2025-03-19", "overnight-or-same-day") in [(e[0], e[2], e[3]) for e in events]
    events = found(extract("Biden said in an overnight broadcast on Monday that talks would go on.",
                           dt.date(2025, 3, 19)))
    statements = [e for e in events if e[0] == "Statement"]
    assert statements and statements[0][2] == "2025-03-17"


def test_a_perfect_clause_does_not_take_the_time_of_a_past_one(extract):
    events = found(extract("Crimea was annexed by Moscow in 2014, and drone strikes on the region have "
                           "become common since the war began."))
    assert [e[0] for e in events if e[2] and e[2].startswith("2014")] == ["Annexation"]


@pytest.mark.parametrize("text, expected_class, expected_actors", [
    ("Armenia and Azerbaijan each exchanged 40 of their detained soldiers on Saturday.", "PrisonerExchange",
     {"Armenia", "Azerbaijan"}),
    ("Armenia and Azerbaijan each released a total of 60 soldiers and sailors on Sunday.", "PrisonerExchange",
     {"Armenia", "Azerbaijan"}),
    ("Recep Tayyip Erdogan announced a three-day holiday truce on Sunday.", "Ceasefire", {"Recep Tayyip Erdogan"}),
])
def test_counted_objects_and_announced_truces(extract, text, expected_class, expected_actors):
    events = found(extract(text))
    assert any(cls == expected_class and expected_actors <= actors for cls, actors, _, _ in events), events


def test_a_passive_subject_decides_the_sense_and_hours_after_is_the_same_day(extract):
    events = found(extract("Hours after a truce was declared by both generals, shells hit the port of Aden "
                           "on Saturday night."))
    assert ("Ceasefire", "2025-03-15", "before-dated-event") in [(e[0], e[2], e[3]) for e in events]


def test_a_time_right_after_a_placed_event_noun_is_its_time(extract):
    events = found(extract("Historians call it the worst winter since Iraq's invasion of Kuwait in August 1990."))
    assert ("Invasion", "1990-08-01") in [(e[0], e[2]) for e in events]


def test_a_name_modifying_another_event_is_not_a_party(extract):
    [meeting] = [e for e in extract("Giorgia Meloni and Keir Starmer met on the margins of the G7 summit "
                                    "in Apulia on Thursday.").events if e.trigger == "met"]
    assert set(meeting.actors) == {"Giorgia Meloni", "Keir Starmer"}


def test_a_participle_clause_shares_the_date_of_its_clause(extract):
    events = found(extract("Keir Starmer and Emmanuel Macron spoke by phone on Friday.\n"
                           "An aide said Keir Starmer criticised the tariffs, calling on Emmanuel Macron to drop them.\n"))
    assert ("Statement", "2025-03-14", "lead-context") in [(e[0], e[2], e[3]) for e in events]
    assert ("Demand", "2025-03-14", "participle-clause") in [(e[0], e[2], e[3]) for e in events]


def test_a_perfect_participle_keeps_its_own_time(extract):
    events = found(extract("Keir Starmer and Giorgia Meloni held a long video call, having last met in 2019, "
                           "Downing Street said on Tuesday."))
    assert ("PhoneCall", "2025-03-18") in [(e[0], e[2]) for e in events]


def test_after_an_event_noun_that_ended_is_after_that_event(extract):
    events = found(extract("The Elysee said in a statement after the summit ended on Friday that "
                           "trade would grow."))
    assert any(e[0] == "Statement" and e[2] == "2025-03-14" and e[3] == "relative-to-event" for e in events), events


@pytest.mark.parametrize("text, cls, day, rule", [
    ("Emmanuel Macron spoke with Giorgia Meloni on Tuesday. Rebels fired rockets at Goma in the hours after "
     "Macron ended his call with Meloni.", "Attack", "2025-03-18", "relative-to-event"),
    ("Shops closed on Sunday evening, hours after a ceasefire was declared by the two armies.",
     "Ceasefire", "2025-03-16", "before-dated-event"),
    ("The Elysee said Macron had passed down the order to close the border on Tuesday.", "Order", "2025-03-18", None),
])
def test_clauses_placed_against_other_events(extract, text, cls, day, rule):
    events = found(extract(text))
    assert any(e[0] == cls and e[2] == day and (rule is None or e[3] == rule) for e in events), events


def test_what_is_said_in_a_call_happened_during_it(extract):
    text = ("Olaf Scholz visited Paris in 2015. Olaf Scholz visited Rome in 2016. Olaf Scholz visited Oslo in 2017. "
            "Olaf Scholz visited Bern in 2018. Keir Starmer and Giorgia Meloni spoke by phone on Monday. "
            "In the brief call, Meloni pressed Starmer for more migration funds.")
    demands = [e for e in found(extract(text)) if e[0] == "Demand"]
    assert demands and demands[0][2] == "2025-03-17", demands


def test_a_light_verb_gives_its_subject_to_the_event_noun(extract):
    [order] = [e for e in extract("The Elysee said Emmanuel Macron had passed down the order to close the border "
                                  "on Tuesday.").events if e.event_class == "Order"]
    assert order.agents == ("Emmanuel Macron",)


@pytest.mark.parametrize("text, expected", [
    ("Giorgia Meloni said on Monday that Tunisia will have to stop the boats.", "Demand"),
    ("Keir Starmer insisted on Monday that Paris should patrol its beaches.", "Demand"),
    ("Keir Starmer said on Monday that we must stay united.", "Statement"),
    ("Emmanuel Macron wrote on Monday in a letter: “Brussels must cut red tape.”", "Statement"),
    ("Recep Tayyip Erdogan threatened on Friday to quit the pact.", "Statement"),
])
def test_a_report_that_someone_else_must_act_is_a_demand(extract, text, expected):
    classes = [cls for cls, _, _, _ in found(extract(text)) if cls in ("Statement", "Demand")]
    assert classes == [expected], classes


def test_on_the_eve_of_a_dated_conversation_is_the_day_before(extract):
    events = extract("Keir Starmer and Emmanuel Macron met on Friday. On the eve of the meeting with Macron, "
                     "Keir Starmer spoke by phone with Giorgia Meloni.").events
    [call] = [e for e in events if "Giorgia Meloni" in e.actors]
    assert call.agents == ("Keir Starmer",) and "Emmanuel Macron" not in call.actors
    assert (call.dating.begin, call.dating.rule) == (dt.date(2025, 3, 13), "relative-to-event")


def test_a_definite_call_is_the_one_with_all_its_parties(extract):
    text = ("Joe Biden visited Emmanuel Macron on Wednesday. This came a day after a tense phone call between "
            "Biden and Xi Jinping. Rebels fired rockets at Goma in the hours after Biden ended his call with Xi.")
    [attack] = [e for e in extract(text).events if e.event_class == "Attack"]
    assert attack.dating.begin == dt.date(2025, 3, 11)


@pytest.mark.parametrize("text, cls, day", [
    ("Armenia and Azerbaijan exchanged 30 soldiers on Sunday. Hours earlier, a village came under a heavy "
     "Azerbaijani artillery attack.", "Attack", "2025-03-16"),
    ("Joe Biden met Xi Jinping on Monday. The next day, Biden spoke with Emmanuel Macron.", "PhoneCall", "2025-03-18"),
    ("Emmanuel Macron met Joe Biden on Monday. A day later, Biden met Xi Jinping.", "Meeting", "2025-03-18"),
    ("Gabriel Boric met Javier Milei in Lima on Saturday. Earlier in the day, Boric held a meeting with the "
     "leaders of Peru and Bolivia.", "Meeting", "2025-03-15"),
    ("Gabriel Boric met Javier Milei in Lima on Saturday. Later in the day, Boric flew to Peru.", "Visit", "2025-03-15"),
    ("Chile imposed sanctions on Peru on Saturday. Kenya announced its own sanctions on the same day.", "Statement",
     "2025-03-15"),
])
def test_a_sequel_to_what_was_told_last(extract, text, cls, day):
    events = found(extract(text))
    assert (cls, day, "after-previous") in [(e[0], e[2], e[3]) for e in events], events


def test_an_event_noun_with_its_own_time_in_a_sequel_keeps_it(extract):
    text = ("Chile and Peru signed a truce on Monday. Earlier in the day, Peru retaliated for Chile's Saturday "
            "night attacks on its ports.")
    attacks = [e for e in found(extract(text)) if e[0] == "Attack" and e[2] == "2025-03-15"]
    assert attacks, found(extract(text))


def test_mentions_of_one_call_in_one_article_share_date_and_parties(extract):
    text = ("Thursday morning's call was their second this year.\n"
            "The call between Keir Starmer and Giorgia Meloni covered migration, an aide said.\n")
    calls = [e for e in extract(text, dt.date(2024, 11, 14)).events if e.event_class == "PhoneCall"]
    assert len(calls) == 2
    assert all(c.dating and c.dating.begin == dt.date(2024, 11, 14) for c in calls), calls
    assert all({"Keir Starmer", "Giorgia Meloni"} <= set(c.actors) for c in calls), calls


def test_a_country_an_attack_happens_in_is_attacked(extract):
    [attack] = [e for e in extract("The border dispute turned into rocket strikes on towns in Armenia and "
                                   "Azerbaijan on Sunday.").events if e.event_class == "Attack"]
    assert {"Armenia", "Azerbaijan"} <= set(attack.actors)
    [meeting] = [e for e in extract("Joe Biden and Emmanuel Macron met in France on Monday.").events]
    assert "France" not in meeting.actors


def test_a_stranded_coordinated_subject_acts_together(extract):
    [agreement] = [e for e in extract("The summit in Lima on Tuesday ended with Chile and Peru agreeing to "
                                      "joint border patrols.").events if e.event_class == "Agreement"]
    assert set(agreement.agents) == {"Chile", "Peru"}


def test_a_press_conference_is_a_statement_of_whoever_held_it(extract):
    events = found(extract("Joe Biden held a press conference on Wednesday."))
    assert ("Statement", {"Joe Biden"}, "2025-03-12") in [e[:3] for e in events]


@pytest.mark.parametrize("text, proposal", [
    ("Keir Starmer offered few details on Sunday.", False),
    ("Chile offered Peru a joint patrol plan on Sunday.", True),
])
def test_offering_details_is_no_proposal(extract, text, proposal):
    assert ("Proposal" in [e[0] for e in found(extract(text))]) is proposal


def test_an_event_placed_against_a_dated_clause_takes_its_date(extract):
    events = found(extract("Joe Biden spoke to Emmanuel Macron hours after touching down in Paris on Monday."))
    assert ("PhoneCall", "2025-03-17", "relative-to-clause") in [(e[0], e[2], e[3]) for e in events]


@pytest.mark.parametrize("text, expected", [
    ("Giorgia Meloni said Tunisia will have to sign a deal with Brussels.", ["Demand"]),
    ("Keir Starmer insisted on Friday that Paris should patrol its beaches and agree to a deal with London.",
     ["Demand"]),
])
def test_what_someone_else_is_obliged_to_do_is_no_event(extract, text, expected):
    assert [e[0] for e in found(extract(text))] == expected


def test_the_leaders_spoke_in_favour_is_their_agreement(extract):
    events = found(extract("Keir Starmer and Giorgia Meloni met on Tuesday. The leaders then spoke in favour of "
                           "closer defence ties."))
    assert ("Agreement", {"Keir Starmer", "Giorgia Meloni"}, "2025-03-18") in [e[:3] for e in events]


def test_a_dated_vote_is_an_event(extract):
    events = found(extract("Moldova will hold a referendum on October 20 on joining the bloc.", dt.date(2024, 9, 2)))
    assert ("Other", "2024-10-20") in [(e[0], e[2]) for e in events]


def test_imposing_a_curfew_is_an_order(extract):
    events = found(extract("Pakistan imposed a curfew on Saturday night."))
    assert ("Order", {"Pakistan"}, "2025-03-15") in [e[:3] for e in events]


def test_holidays_are_no_parties_and_progress_toward_an_end_is_no_event(extract):
    [truce] = extract("Recep Tayyip Erdogan declared a truce for Ramadan on Saturday.").events
    assert truce.actors == ("Recep Tayyip Erdogan",)
    events = extract("Negotiators said on Sunday they saw progress toward ending the conflict with a truce.").events
    assert "Ceasefire" not in [e.event_class for e in events]


def test_a_summit_on_whose_sidelines_two_leaders_meet_is_an_event_of_its_own(extract):
    events = found(extract("William Ruto and Gabriel Boric met briefly on the sidelines of a NATO summit "
                           "in Oslo on Wednesday."))
    assert [(cls, actors) for cls, actors, _, _ in events] == [
        ("Meeting", {"William Ruto", "Gabriel Boric"}), ("Meeting", {"NATO"})]


def test_a_partyless_event_noun_dated_only_by_another_event_is_talk_about_it(extract):
    events = found(extract("Joe Biden and Xi Jinping met on Monday. A truce was agreed at the meeting."))
    assert [e[0] for e in events].count("Ceasefire") == 1
    assert ("Ceasefire", "2025-03-17") in [(e[0], e[2]) for e in events]


def test_talks_framing_an_event_are_between_its_parties(extract):
    events = found(extract("In talks held in Lima earlier this month, Chile and Peru agreed to share river water."))
    assert ("Talks", {"Chile", "Peru"}) in [e[:2] for e in events]


def test_a_time_after_a_noun_placed_by_since_is_neither_the_clause_s_nor_its_neighbours(extract):
    events = found(extract("Officials described it as the worst winter since Iraq's invasion of Kuwait in August 1990."))
    assert ("Invasion", "1990-08-01") in [(e[0], e[2]) for e in events]
    events = found(extract("Keir Starmer called it on Monday the worst storm since Iraq's invasion of Kuwait in "
                           "August 1990."))
    assert all(e[2] != "1990-08-01" for e in events if e[0] == "Statement"), events


@pytest.mark.parametrize("text, cls, actors", [
    ("Iraq sent thousands of troops into Kuwait in August 1990.", "Invasion", {"Iraq", "Kuwait"}),
    ("The 20-point plan that Chile presented to Peru last week drew criticism.", "Proposal", {"Chile", "Peru"}),
    ("Special envoy Keith Kellogg is due in Kyiv next week.", "Visit", {"Keith Kellogg", "Kyiv"}),
])
def test_troops_sent_plans_presented_and_visits_due(extract, text, cls, actors):
    events = found(extract(text))
    assert any(e[0] == cls and actors <= e[1] and e[2] for e in events), events


def test_a_noun_told_by_its_relative_clause_is_one_event(extract):
    events = found(extract("The deal that Chile and Peru struck on Monday was praised."))
    assert [e[0] for e in events] == ["Agreement"]


def test_a_deadline_set_by_someone_is_their_demand(extract):
    events = found(extract("Officials noted a Friday deadline set by Keir Starmer for the talks."))
    assert ("Demand", {"Keir Starmer"}) in [e[:2] for e in events]


@pytest.mark.parametrize("text, expected", [
    ("Kenya and Chile said on Sunday that a round of negotiations in Lima had produced a draft.",
     ("Talks", {"Kenya", "Chile"})),
    ("Olaf Scholz said the summit in Oslo had been tense.", ("Meeting", {"Olaf Scholz"})),
])
def test_partyless_contact_reported_by_its_parties_is_theirs(extract, text, expected):
    assert expected in [e[:2] for e in found(extract(text))]


@pytest.mark.parametrize("text", [
    "Reuters said the summit in Oslo had been tense.",          # a medium reports, it does not take part
    "Olaf Scholz wanted talks, said Reuters, after the summit in Oslo.",
])
def test_a_medium_or_a_clause_outside_the_report_gives_a_contact_no_party(extract, text):
    assert not [e for e in found(extract(text)) if e[0] in ("Meeting", "Talks") and e[1] & {"Reuters"}]


def test_a_gerund_after_a_preposition_acts_with_the_subject_of_its_verb(extract):
    events = found(extract("Mark Carney spoke to reporters in Ottawa on Tuesday after meeting Keir Starmer."))
    assert ("Meeting", {"Mark Carney", "Keir Starmer"}) in [e[:2] for e in events]


def test_a_contact_placing_the_reported_clause_is_not_the_report_of_its_parties(extract):
    """"… in the wake of the phone call" inside a report: the call is the article's earlier one."""
    events = extract("Joe Biden spoke with Xi Jinping on Monday.\n"
                     "Kenya said Chile had signed a treaty to cut tariffs in the wake of the phone call.\n").events
    assert not [e for e in events if e.event_class == "PhoneCall" and "Kenya" in e.actors]


@pytest.mark.parametrize("text, attack", [
    ("Chile stunned Peru with a raid across the border in May.", True),
    ("Joe Biden stunned many voters at home when he phoned Putin.", False),
])
def test_a_verb_whose_object_must_name_someone(extract, text, attack):
    assert ("Attack" in [e[0] for e in found(extract(text))]) is attack


def test_each_side_stands_for_the_two_states_last_named_together(extract):
    events = found(extract("Kenya and Chile held talks in Lima. Each side released 200 prisoners on Friday."))
    assert ("PrisonerExchange", {"Kenya", "Chile"}) in [e[:2] for e in events]


def test_a_definite_noun_takes_its_class_parties_whatever_its_date_and_its_verb_is_the_same_event(extract):
    events = found(extract("Kenya and Chile signed a trade agreement on Wednesday. "
                           "The deal was first agreed to in January, but the signing was delayed."))
    assert [e[:3] for e in events if e[0] == "Agreement"] == [
        ("Agreement", {"Kenya", "Chile"}, "2025-03-12"), ("Agreement", {"Kenya", "Chile"}, "2025-01-01")]


@pytest.mark.parametrize("text, parties", [
    ("Kenya's delegation sat down with Chile in Lima on Monday for talks.", {"Kenya", "Chile"}),
    ("Two of William Ruto's ministers will face their Chilean counterparts on Monday for talks on trade.",
     {"William Ruto", "Chile"}),
])
def test_contact_that_is_the_purpose_of_a_verb_is_between_its_subject_and_partner(extract, text, parties):
    assert ("Talks", parties) in [e[:2] for e in found(extract(text))]


def test_a_destination_is_no_party_to_the_talks_it_is_travelled_to_for(extract):
    talks = [e for e in found(extract("Kenya flew to Lima for talks on Monday.")) if e[0] == "Talks"]
    assert all("Peru" not in e[1] for e in talks)


@pytest.mark.parametrize("text, agents, patients", [
    ("Kenya's envoy arrived in Lima on Friday for talks with Chile.", ("Kenya",), ("Chile",)),
    ("William Ruto stopped in Nairobi on his way to talks with Lima on Friday.", ("William Ruto",), ("Peru",)),
])
def test_who_travels_for_talks_with_someone_takes_part_in_them(extract, text, agents, patients):
    talks = [e for e in extract(text).events if e.event_class == "Talks"]
    assert [(e.agents, e.patients) for e in talks] == [(agents, patients)]


def test_what_an_attack_retaliates_for_is_an_event_of_its_own(extract):
    events = found(extract("Kenya fired missiles at a Chilean base on Monday, in retaliation for "
                           "Chile's Saturday night strikes on Kenyan ports."))
    assert ("Attack", "2025-03-15") in [(e[0], e[2]) for e in events]


def test_what_a_verb_retaliates_for_is_an_event_of_its_own(extract):
    events = found(extract("Chile retaliated for Peru's Saturday night raids on border posts, firing rockets at "
                           "a depot near Lima."))
    assert ("Attack", {"Peru"}, "2025-03-15") in [e[:3] for e in events]


def test_an_event_in_a_bounding_clause_of_a_report_leaves_the_report_a_statement(extract):
    events = found(extract("William Ruto said on Monday that a month had passed since Chile rejected a Kenyan plan."))
    assert ("Statement", {"William Ruto"}) in [e[:2] for e in events]
    assert "Refusal" in [e[0] for e in events]


def test_a_placing_phrase_the_parse_hangs_on_the_named_subject_still_places_the_verb(extract):
    events = found(extract("William Ruto, hours before heading to a church service late yesterday, "
                           "announced a truce with Chile."))
    assert ("Ceasefire", "2025-03-17", "relative-to-clause") in [(e[0], e[2], e[3]) for e in events]


def test_the_countries_refers_to_the_pair_named_several_sentences_back(extract):
    text = ("Kenya and Chile have argued over tariffs for months. Officials met. Markets fell. "
            "Analysts worried. Prices rose. The countries struck a trade deal on Monday.")
    assert ("Agreement", {"Kenya", "Chile"}) in [e[:2] for e in found(extract(text))]


def test_who_is_quoted_as_telling_is_the_speaker_not_the_medium_quoting(extract):
    events = found(extract("Interfax quoted Prime Minister Musalia Mudavadi as telling lawmakers on Tuesday "
                           "that the bill would pass."))
    assert ("Statement", {"Musalia Mudavadi"}) in [e[:2] for e in events]


@pytest.mark.parametrize("text, quoted", [
    ("Ruto wrote on X: 'THE TRUCE HOLDS. DON'T BREAK IT!' Then he left.",
     [" 'THE TRUCE HOLDS. DON'T BREAK IT!'"]),
    ("It's Kenya's plan, Chile's too.", []),
])
def test_a_single_quoted_quotation_after_a_colon_is_a_quotation(text, quoted):
    from graph.extract.actors import quoted_spans

    assert [text[a:b] for a, b in quoted_spans(text)] == quoted


def test_a_verbatim_post_keeps_its_statement(extract):
    events = found(extract("Later, William Ruto wrote on X: 'THE TRUCE HOLDS FROM TONIGHT. RESPECT IT!'"))
    assert ("Statement", {"William Ruto"}) in [e[:2] for e in events]


@pytest.mark.parametrize("text, speaker", [
    ("Kenya's parliament will vote on the treaty on May 8, a lawmaker said on Friday. "
     "Lawmaker Jane Wanjiru published the date on Telegram.", "Jane Wanjiru"),
    # two lawmakers named: "a lawmaker" stays no one
    ("Kenya's parliament will vote on the treaty on May 8, a lawmaker said on Friday. "
     "Lawmaker Jane Wanjiru and lawmaker Peter Otieno published the date.", None),
])
def test_a_title_with_a_is_the_one_person_the_article_names_with_it(extract, text, speaker):
    said = [e for e in extract(text).events if e.event_class == "Statement" and e.trigger == "said"]
    assert [e.agents[0] for e in said] == ([speaker] if speaker else [])


@pytest.mark.parametrize("text, expected", [
    ("Gabriel Boric told William Ruto in a phone call on Monday that trade must grow.",
     {"Gabriel Boric", "William Ruto"}),
    ("William Ruto reassured Gabriel Boric during a call on Monday.", {"Gabriel Boric", "William Ruto"}),
    ("William Ruto criticised Peru's border policy during the call on Monday.", {"William Ruto"}),  # not Peru
])
def test_whom_a_verb_addresses_in_a_call_took_part_in_it(extract, text, expected):
    calls = [actors for cls, actors, _, _ in found(extract(text)) if cls == "PhoneCall"]
    assert calls == [expected]


def test_what_a_thing_sent_by_someone_does_its_sender_does(extract):
    events = found(extract("Missiles fired by Chile hit the Peruvian port of Callao on Monday."))
    assert [cls for cls, _, _, _ in events] == ["Attack"] and {"Chile", "Peru"} <= events[0][1]


@pytest.mark.parametrize("text, expected", [
    # the pair that acts after a summit held it, that day
    ("William Ruto and Gabriel Boric signed a trade pact on Tuesday after a two-hour summit in Nairobi.",
     ("Meeting", {"William Ruto", "Gabriel Boric"}, "2025-03-18", "occasion-of-dated-event")),
    ("Kenya and Chile signed a trade pact on Tuesday after talks in Nairobi.",
     ("Talks", {"Kenya", "Chile"}, "2025-03-18", "occasion-of-dated-event")),
    # those who report it after talks are no parties to them
    ("Peru and Bolivia agreed late Saturday to a truce, Kenya and Chile said in a joint statement, after two weeks "
     "of talks in Lima.", ("Talks", set(), None, None)),
    # a counted stretch of talks is no day
    ("Kenya and Chile signed a trade pact on Tuesday after months of talks.", ("Talks", {"Kenya", "Chile"}, None, None)),
])
def test_contact_a_pair_acts_straight_after_was_theirs_that_day(extract, text, expected):
    contacts = [e for e in found(extract(text)) if e[0] == expected[0]]
    assert contacts == [expected]


def test_a_meeting_someone_speaks_straight_after_is_of_the_day_the_discourse_gives(extract):
    text = ("Kenya and Chile held trade talks in Nairobi on Monday.\n"
            "Gabriel Boric said on Tuesday that Chile wanted more access for its wine.\n"
            "\"We are close,\" Boric told reporters after meeting William Ruto.")
    [meeting] = [e for e in extract(text, published=dt.date(2025, 3, 19)).events if e.trigger == "meeting"]
    assert meeting.dating.rule == "occasion-of-dated-event" and meeting.dating.begin.isoformat() == "2025-03-18"


@pytest.mark.parametrize("text, expected", [
    ("Peru is watching the visit of William Ruto to Chile closely.", set()),     # an onlooker
    ("Peru welcomed the talks between Kenya and Chile on Monday.", {"Kenya", "Chile"}),
    ("William Ruto cut short his visit to Chile on Monday.", {"William Ruto"}),
])
def test_the_subject_of_a_verb_that_only_looks_on_at_contact_is_no_party(extract, text, expected):
    contacts = [actors for cls, actors, _, _ in found(extract(text)) if cls in ("Visit", "Talks")]
    assert contacts and all("Peru" not in actors and expected <= actors for actors in contacts)


@pytest.mark.parametrize("text, talks", [
    ("Kenya handed Chile a new offer on Monday, two sources familiar with the talks said.", False),
    ("A person briefed on the call said Kenya had made an offer.", False),
    ("Chile was involved in the talks with Kenya on Monday.", True),      # a party, not a source
])
def test_an_event_noun_describing_a_source_tells_no_event(extract, text, talks):
    assert any(cls in ("Talks", "PhoneCall") for cls, _, _, _ in found(extract(text))) is talks


def test_a_name_inside_the_summit_a_meeting_is_held_beside_is_no_party_to_the_meeting(extract):
    text = "William Ruto and Gabriel Boric held a meeting on the sidelines of the APEC summit in Lima on Monday."
    [meeting] = [e for e in extract(text).events if e.trigger == "meeting"]
    assert set(meeting.actors) == {"William Ruto", "Gabriel Boric"}


def test_an_attack_noun_whose_verb_tells_what_it_did_is_kept_like_a_verb(extract):
    events = extract("A Chilean missile strike on the port of Callao killed 35 people.").events
    assert [(e.event_class, e.nominal) for e in events] == [("Attack", False)]


@pytest.mark.parametrize("text, agents, patients", [
    ("Four people were killed in a Chilean drone strike on Callao on Friday.", {"Chile"}, set()),
    ("Chile said it had killed a senior M23 commander in a strike on Goma on Sunday.", {"Chile"}, {"M23"}),
    ("Peru killed two rebels in an ambush on Monday.", {"Peru"}, set()),
])
def test_a_killing_told_in_an_attack_is_that_attack(extract, text, agents, patients):
    events = [e for e in extract(text).events if e.event_class == "Attack"]
    assert len(events) == 1 and set(events[0].agents) == agents and patients <= set(events[0].patients)


@pytest.mark.parametrize("text, expected", [
    ("Kenya hosted talks between Chile and Peru in Nairobi on Monday.", [("Talks", {"Chile", "Peru"})]),
    ("William Ruto hosted Gabriel Boric in Nairobi on Monday.", [("Meeting", {"William Ruto", "Gabriel Boric"})]),
    ("Kenya brokered a truce between Chile and Peru on Monday.", [("Ceasefire", {"Chile", "Peru"})]),
])
def test_contact_a_third_party_hosts_is_between_its_own_parties(extract, text, expected):
    assert [(cls, actors) for cls, actors, _, _ in found(extract(text))] == expected


@pytest.mark.parametrize("text", [
    "Gabriel Boric updated Javier Milei on the talks on Monday.",
    "Gabriel Boric informed Javier Milei about the talks on Monday.",
])
def test_a_contact_a_teller_updates_someone_on_is_not_theirs(extract, text):
    assert [set(e.actors) for e in extract(text).events if e.event_class == "Talks"] == [set()]


@pytest.mark.parametrize("text, parties", [
    ("Dmitry Peskov said on Tuesday that the talks had been useful.", set()),         # a spokesman is no party
    ("Chile and Peru said on Tuesday that the talks had been useful.", {"Chile", "Peru"}),
])
def test_talks_told_by_their_reporters_are_theirs_unless_one_person_tells_them(extract, text, parties):
    assert [set(e.actors) for e in extract(text).events if e.event_class == "Talks"] == [parties]
