"""How events get their dates, and the record of why."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

D = dt.date


def dated(extraction, cls):
    return [e for e in extraction.events if e.event_class == cls and e.dating]


def test_own_weekday_is_the_same_day_in_a_past_clause(extract):
    [call] = dated(extract("Joe Biden spoke with Xi Jinping on Tuesday."), "PhoneCall")
    assert (call.dating.begin, call.dating.end, call.dating.granularity) == (D(2025, 3, 18), D(2025, 3, 18), "day")
    assert call.dating.rule == "weekday-past" and call.dating.expression == "on Tuesday"


def test_future_clause_resolves_forward(extract):
    [swap] = dated(extract("Russia and Ukraine will exchange 100 prisoners on Wednesday."), "PrisonerExchange")
    assert swap.dating.begin == D(2025, 3, 19)


@pytest.mark.parametrize("text, day", [
    ("Talks between Chile and Peru are scheduled for Thursday.", D(2025, 3, 20)),   # scheduled now: ahead
    ("Talks between Chile and Peru were scheduled for Thursday.", D(2025, 3, 13)),  # told as past
])
def test_a_passive_of_scheduling_in_the_present_looks_ahead(extract, text, day):
    [talks] = dated(extract(text), "Talks")
    assert talks.dating.begin == day


def test_last_week_is_monday_to_sunday(extract):
    [talks] = dated(extract("Ukraine held talks with the US in Saudi Arabia last week."), "Talks")
    assert (talks.dating.begin, talks.dating.end, talks.dating.granularity) == (D(2025, 3, 10), D(2025, 3, 16), "week")
    assert talks.places == ("Saudi Arabia",)


def test_after_the_call_takes_the_call_date(extract):
    text = "Joe Biden spoke with Xi Jinping on Monday. After the call, Biden said the talks went well."
    extraction = extract(text)
    [statement] = dated(extraction, "Statement")
    assert statement.dating.begin == D(2025, 3, 17)
    assert statement.dating.rule == "relative-to-event"
    anchor = next(e for e in extraction.events if e.index == statement.dating.anchor_mention)
    assert anchor.event_class == "PhoneCall" and anchor.trigger == "call"


def test_day_after_shifts(extract):
    text = "Joe Biden met Xi Jinping on Monday. Biden visited Japan a day after the meeting."
    [visit] = dated(extract(text), "Visit")
    assert visit.dating.begin == D(2025, 3, 18)


def test_definite_mention_takes_the_date_of_its_event(extract):
    text = "Joe Biden spoke with Xi Jinping on Monday. The call lasted an hour."
    calls = dated(extract(text), "PhoneCall")
    assert {c.dating.begin for c in calls} == {D(2025, 3, 17)}
    assert any(c.dating.rule == "same-event-in-article" for c in calls)


def test_lead_event_without_a_date_takes_the_publication_date(extract):
    text = "A long call between Joe Biden and Xi Jinping ended without a deal.\nBoth sides stayed silent."
    [call] = dated(extract(text), "PhoneCall")
    assert call.dating.rule == "lead-publication-date" and call.dating.begin == D(2025, 3, 18)


def test_no_time_in_the_text_means_no_date(extract):
    extraction = extract("Analysts say the summit between Joe Biden and Xi Jinping matters.\n"
                         "Joe Biden criticised Xi Jinping.", published=D(2025, 3, 18))
    assert not [e for e in extraction.events if e.event_class == "Statement" and e.dating]


def test_event_named_after_a_preposition_is_not_dated_by_its_clause(extract):
    text = "Joe Biden phoned Xi Jinping on Monday, days after their meeting in Geneva."
    assert not dated(extract(text), "Meeting")


def test_an_event_a_clause_is_counted_since_is_not_dated_by_it(extract):
    text = "Gabriel Boric arrived in Nairobi on Monday, his first trip to Kenya since taking office."
    assert not dated(extract(text), "Other")


def test_a_visit_the_present_tense_says_is_going_on_is_on_the_publication_day(extract):
    [visit] = dated(extract("William Ruto, who is on a three-day visit to Chile, praised its wine.",
                            published=D(2025, 3, 18)), "Visit")
    assert visit.dating.rule == "ongoing" and visit.dating.begin == D(2025, 3, 18)


def by_class_of(extraction, cls):
    return [e for e in extraction.events if e.event_class == cls]


def test_a_clause_placed_after_a_thing_that_is_no_event_still_takes_the_lead_day(extract):
    text = ("Kenya and Chile held talks in Nairobi on Monday.\n"
            "Gabriel Boric criticised Peru after the ceremony.")
    [statement] = by_class_of(extract(text), "Statement")
    assert statement.dating.rule == "lead-context" and statement.dating.begin == D(2025, 3, 17)


def test_a_definite_contact_its_sentence_places_another_before_is_not_that_one(extract):
    text = "William Ruto held a long meeting with Lula on Monday before the summit."
    summits = [e for e in extract(text).events if e.trigger == "summit"]
    assert summits and summits[0].dating is None


@pytest.mark.parametrize("text, day", [
    ("Gabriel Boric wrote on Sunday that Peru had shelled Chilean posts overnight.", D(2025, 3, 16)),
    ("Gabriel Boric said on Sunday that Peru had shelled Chilean posts yesterday.", D(2025, 3, 15)),
    ("Gabriel Boric said that Peru had shelled Chilean posts overnight.", D(2025, 3, 18)),   # the news day
])
def test_a_day_counted_from_the_telling_counts_from_the_reports_own_day(extract, text, day):
    [attack] = [e for e in extract(text, published=D(2025, 3, 18)).events if e.event_class == "Attack"]
    assert attack.dating.begin == day


def test_contact_going_on_since_a_time_is_no_lead_of_the_day(extract):
    text = ("Norway has hosted talks between Kenya and Chile since 2019.\n"
            "Kenya accused Chile of stalling.")
    events = extract(text, published=D(2025, 3, 18)).events
    assert not [e for e in events if e.dating and e.dating.rule in ("lead-publication-date", "lead-context")]


@pytest.mark.parametrize("text", [
    "The truce between Chile and Peru collapsed on Tuesday when Chilean jets struck Callao.",
    "Chile and Peru each said on Monday that the other had broken the truce.",
])
def test_a_lasting_accord_is_not_of_the_day_it_ends_or_is_broken(extract, text):
    assert not [e for e in extract(text).events if e.event_class == "Ceasefire" and e.dating]


def test_a_past_mention_is_not_the_later_event_of_its_kind(extract):
    text = ("Gabriel Boric chose Kenya for his first trip abroad since the election.\n"
            "On Friday, Gabriel Boric will travel to Mombasa.")
    trips = [e for e in extract(text, published=D(2025, 3, 18)).events if e.trigger == "trip"]
    assert trips and trips[0].dating is None


def test_no_publication_date_leaves_relative_dates_unresolved(extract):
    extraction = extract("Joe Biden spoke with Xi Jinping on Monday.", published=None)
    assert not dated(extraction, "PhoneCall")


def test_opening_simple_past_clause_happened_on_the_lead_day(extract):
    text = ("Joe Biden and Xi Jinping held a long phone call on Monday.\n"
            "Xi Jinping agreed to resume trade talks.\n")
    [agreement] = [e for e in extract(text).events if e.event_class == "Agreement"]
    assert agreement.dating.rule == "lead-context" and agreement.dating.begin == D(2025, 3, 17)


def test_pluperfect_does_not_take_a_neighbours_date(extract):
    text = "Joe Biden spoke with Xi Jinping on Monday, although China had already agreed to the plan."
    assert not [e for e in extract(text).events if e.event_class == "Agreement" and e.dating]


def test_future_clause_in_reported_speech_does_not_take_the_report_date(extract):
    text = "Joe Biden said on Monday that Russia and Ukraine will start negotiations."
    assert not [e for e in extract(text).events if e.event_class == "Talks" and e.dating]


def test_light_verb_noun_dated_by_a_relative_phrase_below_it(extract):
    text = ("Joe Biden spoke with Xi Jinping on Monday.\n"
            "The Kremlin said Vladimir Putin had given an order to halt the shelling in the wake of the call.\n")
    [order] = dated(extract(text), "Order")
    assert order.dating.rule == "relative-to-event" and order.dating.begin == D(2025, 3, 17)
    assert order.speaker == "the Kremlin"


def test_clause_placed_before_an_undated_event_gets_no_date(extract):
    text = "Joe Biden met Xi Jinping on Monday. A day after the delegations met, Biden said he was pleased."
    assert not dated(extract(text), "Statement")


def test_taking_office_in_a_month_is_dated_at_month_granularity(extract):
    [event] = dated(extract("Mr Trump made peace a priority when he took office in January."), "Other")
    assert (event.dating.begin, event.dating.end, event.dating.granularity) == (D(2025, 1, 1), D(2025, 1, 31), "month")
    assert event.agents == ("Donald Trump",)


def test_the_lead_may_follow_a_headline(extract):
    text = ("Biden drops tariff demand after Xi call\n"
            "Joe Biden spoke with Xi Jinping for two hours on Monday.\n"
            "Xi Jinping agreed to resume trade talks.\n")
    [agreement] = [e for e in extract(text).events if e.event_class == "Agreement"]
    assert agreement.dating.rule == "lead-context" and agreement.dating.begin == D(2025, 3, 17)


@pytest.mark.parametrize("text, cls", [
    ("Lula and Modi spoke by telephone on Tuesday. The two men also discussed trade, with Lula proposing "
     "a summit in Brasilia.", "Proposal"),
    ("Lula and Modi spoke by phone on Tuesday. Lula raised the trade dispute, urging Delhi to cut tariffs.",
     "Demand"),
])
def test_a_participle_takes_the_tense_of_its_clause_in_the_opening(extract, text, cls):
    [event] = [e for e in extract(text).events if e.event_class == cls]
    assert event.dating and event.dating.rule == "lead-context" and event.dating.begin == D(2025, 3, 18)


def test_sentences_about_another_time_do_not_use_up_the_opening(extract):
    caption = "Joe Biden and Xi Jinping shook hands after their summit on June 16, 2021 in Geneva.\n"
    text = ("Joe Biden and Xi Jinping held a long phone call on Monday.\n" + caption * 6
            + "Xi Jinping agreed to resume trade talks.\n")
    [agreement] = [e for e in extract(text).events if e.event_class == "Agreement"]
    assert agreement.dating.rule == "lead-context" and agreement.dating.begin == D(2025, 3, 17)


def test_the_opening_ends(extract):
    """Past the opening, only a party to the call is taken to have agreed on its day (contact-outcome)."""
    filler = "Analysts said the talks were long.\n"
    text = ("Joe Biden and Xi Jinping held a long phone call on Monday.\n" + filler * 10
            + "Olaf Scholz agreed to resume trade talks.\nXi Jinping agreed to resume trade talks.\n")
    agreements = {e.agents: e.dating for e in extract(text).events if e.event_class == "Agreement"}
    assert agreements[("Olaf Scholz",)] is None
    assert agreements[("Xi Jinping",)].rule == "contact-outcome"
    assert agreements[("Xi Jinping",)].begin == D(2025, 3, 17)


READOUT = ("Joe Biden and Xi Jinping held a long phone call on Monday.\n"
           + "Analysts said the talks were long.\n" * 10)


@pytest.mark.parametrize("report, cls", [
    ("Beijing said Joe Biden supported the plan.\n", "Agreement"),
    ("Beijing said that Joe Biden had supported the plan.\n", "Agreement"),
    ("The White House said China refused the offer.\n", "Refusal"),
])
def test_a_party_of_the_lead_reports_what_happened_on_its_day(extract, report, cls):
    [event] = [e for e in extract(READOUT + report).events if e.event_class == cls]
    assert event.dating.rule == "lead-readout" and event.dating.begin == D(2025, 3, 17)


@pytest.mark.parametrize("report, cls", [
    ("Beijing said that Joe Biden had already supported the plan.\n", "Agreement"),
    ("Officials in Paris said Joe Biden supported the plan.\n", "Agreement"),
    ("Beijing said Joe Biden spoke with Emmanuel Macron.\n", "PhoneCall"),
])
def test_not_a_readout_of_the_lead(extract, report, cls):
    [event] = [e for e in extract(READOUT + report).events if e.event_class == cls and e.index > 0]
    assert event.dating is None


@pytest.mark.parametrize("text", [
    "Joe Biden and Xi Jinping held talks on Monday, their first meeting since 2019.",
    "Joe Biden and Xi Jinping held talks on Monday, their first meeting since March 2021.",
])
def test_a_time_after_since_bounds_the_event_and_does_not_date_it(extract, text):
    """It dates only the earlier meeting the "first … since" tells of."""
    events = extract(text).events
    assert not [e for e in events if e.dating and e.dating.begin.year < 2025 and e.dating.rule != "first-since"]
    assert [e.dating.begin.year for e in events if e.dating and e.dating.begin.year < 2025] == [int(text[-5:-1])]


def test_their_next_meeting_does_not_refer_back(extract):
    text = ("Joe Biden and Xi Jinping met in Geneva on Monday.\n"
            "Xi Jinping looked forward to their next meeting.\n")
    meetings = [e for e in extract(text).events if e.event_class == "Meeting" and e.sentence_index == 1]
    assert meetings and all(e.dating is None for e in meetings)


def test_a_clause_introduced_by_until_is_not_dated_by_its_main_clause(extract):
    text = ("Joe Biden and Xi Jinping held a long phone call on Monday.\n"
            "Joe Biden said on Monday that nothing would happen until he met Xi Jinping.\n")
    assert not [e for e in extract(text).events if e.event_class == "Meeting" and e.dating]    # (nor an event)


def test_a_call_placing_an_agreement_is_an_event_but_no_lead(extract):
    """The call came before Monday's agreement: the publication day (Tuesday) would be wrong."""
    text = ("Xi agrees to resume trade talks\n"
            "Xi Jinping on Monday agreed to resume trade talks after a long phone call with Joe Biden.\n")
    [call] = [e for e in extract(text).events if e.event_class == "PhoneCall"]
    assert set(call.actors) == {"Xi Jinping", "Joe Biden"}
    assert call.dating is None


def test_after_a_call_without_a_partner_the_subject_is_not_a_party(extract):
    text = ("Joe Biden and Xi Jinping held a long phone call on Monday.\n"
            "Hours after the call, Indian troops attacked the border post.\n")
    calls = [e for e in extract(text).events if e.event_class == "PhoneCall" and e.sentence_index == 1]
    assert calls and all("India" not in c.actors for c in calls)


OPENING = "Russia invaded Ukraine in February 2022. "


@pytest.mark.parametrize("text, begin, end, rule", [
    # told twice: the undated telling takes the stated date, a week stays a week
    (OPENING + "Poland accepted a truce last week. Polish officials earlier accepted a truce in Ankara.",
     D(2025, 3, 10), D(2025, 3, 16), "restated-in-article"),
    # two stated dates: nothing says which one the undated telling is
    (OPENING + "Poland accepted a truce in January. Poland accepted a truce last week. "
               "Polish officials earlier accepted a truce in Ankara.", None, None, None),
    # a future plan does not date a past event
    (OPENING + "Poland will accept a truce on Friday. Polish officials earlier accepted a truce in Ankara.",
     None, None, None),
    # another party's acceptance is another event
    (OPENING + "Finland accepted a truce last week. Polish officials earlier accepted a truce in Ankara.",
     None, None, None),
])
def test_an_event_told_twice_is_dated_by_the_telling_with_a_date(extract, text, begin, end, rule):
    *_, last = [e for e in extract(text).events if e.event_class == "Ceasefire"]
    assert (last.dating.begin, last.dating.end, last.dating.rule) == (begin, end, rule) if rule else last.dating is None


@pytest.mark.parametrize("framing", ["during talks", "at talks", "in the course of talks"])
def test_talks_framing_an_event_take_its_date(extract, framing):
    text = OPENING + f"Poland accepted a truce last week. Polish officials earlier accepted a truce {framing} in Ankara."
    extraction = extract(text)
    [talks] = [e for e in extraction.events if e.event_class == "Talks"]
    assert (talks.dating.begin, talks.dating.end, talks.dating.granularity) == (D(2025, 3, 10), D(2025, 3, 16), "week")
    assert talks.dating.rule == "framing-event"
    framed = next(e for e in extraction.events if e.index == talks.dating.anchor_mention)
    assert framed.event_class == "Ceasefire" and framed.agents == ("Poland",)


@pytest.mark.parametrize("text", [
    "Drone attacks damaged a school in Kharkiv on March 12, 2025, amid the Russian invasion of Ukraine.",
    "Air attacks damaged a market in Kherson on Monday amidst Russia's invasion of Ukraine.",
])
def test_the_background_of_a_dated_clause_is_not_dated_by_it(extract, text):
    events = extract(text).events
    assert [e.dating.begin for e in events if e.event_class == "Invasion" and e.dating] in (
        [], [D(2022, 2, 24)])        # undated, or by what a reader knows of it (history.toml), never by the clause
    assert [e for e in events if e.event_class == "Attack" and e.dating]


def test_an_ellipsis_of_accepting_a_truce_dates_the_truce_told_again(extract):
    """"as Poland did last week" repeats "accept a full truce": told again as a truce accepted at
    talks, it is the same acceptance, and the talks that framed it take its date."""
    text = (OPENING + "Moldova refused to accept a full truce, as Poland did last week. The Czech foreign "
            "minister earlier persuaded Polish officials to accept a truce during talks in Vienna.")
    events = extract(text).events
    [accepted] = [e for e in events if e.event_class == "Ceasefire" and e.trigger == "accept"]
    [talks] = [e for e in events if e.event_class == "Talks"]
    assert (accepted.dating.begin, accepted.dating.end, accepted.dating.rule) == \
        (D(2025, 3, 10), D(2025, 3, 16), "restated-in-article")
    assert accepted.agents == ("Poland",) and accepted.frame == talks.index
    assert (talks.dating.begin, talks.dating.rule) == (D(2025, 3, 10), "framing-event")


def test_an_undated_event_takes_the_date_of_the_meeting_it_happened_at(extract):
    text = (OPENING + "Polish officials had earlier proposed a truce covering the border and the return of "
            "detainees at their meeting with the Turkish delegation in Ankara earlier this month.")
    events = extract(text).events
    [proposal] = [e for e in events if e.event_class == "Proposal"]
    [meeting] = [e for e in events if e.index == proposal.frame]
    assert meeting.event_class in ("Talks", "Meeting") and meeting.dating.rule == "earlier-this-month"
    assert (proposal.dating.begin, proposal.dating.end, proposal.dating.rule) == \
        (D(2025, 3, 1), D(2025, 3, 18), "during-event")
    assert proposal.dating.anchor_mention == meeting.index


def test_an_event_with_no_frame_has_none(extract):
    events = extract("Joe Biden spoke with Xi Jinping on Monday.").events
    assert events and all(e.frame is None for e in events)


def test_a_call_placing_another_in_the_same_clause_is_an_event_of_its_own(extract):
    """"spoke with Modi … after his call with Xi": two calls, the second placed after the first."""
    text = ("Joe Biden and Xi Jinping spoke by phone on Monday. Biden said that he spoke with Narendra Modi "
            "and several Asian leaders after his call with Xi.")
    calls = [e for e in extract(text).events if e.event_class == "PhoneCall" and e.sentence_index == 1]
    assert {(e.trigger, frozenset(e.actors)) for e in calls} == {
        ("spoke", frozenset({"Joe Biden", "Narendra Modi"})), ("call", frozenset({"Joe Biden", "Xi Jinping"}))}
    assert all(e.dating.begin == D(2025, 3, 17) for e in calls)


def test_a_past_report_of_next_week_s_talks_is_never_dated_after_publication(extract):
    text = ("Officials of both countries will meet in London on Monday.\n"
            "Joe Biden confirmed the meeting in a message to reporters.\n")
    announcements = [e for e in extract(text, D(2025, 6, 6)).events if e.trigger == "confirmed"]
    assert announcements and (announcements[0].dating is None or announcements[0].dating.end <= D(2025, 6, 6))


def test_an_event_since_another_does_not_take_its_date(extract):
    text = "Keir Starmer held talks with Emmanuel Macron in Paris, their fourth meeting since Joe Biden took office in January."
    meetings = [e for e in extract(text).events if e.trigger == "meeting"]
    assert meetings and all(e.dating is None or e.dating.begin.month != 1 for e in meetings)


def test_dated_mentions_are_looked_up_near_a_mention_in_text_order():
    from graph.extract.same_event import SAME_EVENT_REACH, DatedMentions
    from graph.extract.records import Dating, EventMention

    day = Dating(D(2025, 3, 18), D(2025, 3, 18), "day", "weekday-past", D(2025, 3, 18))
    calls = [EventMention(index=i, event_class="PhoneCall", head=i, trigger="call", trigger_span=(i, i + 1),
                          sentence_span=(i, i + 1), sentence_index=i, dating=day) for i in range(0, 400, 2)]
    dated = DatedMentions(list(reversed(calls)))
    probe = EventMention(index=201, event_class="PhoneCall", head=201, trigger="call", trigger_span=(0, 1),
                         sentence_span=(0, 1), sentence_index=0)
    near = dated.near(probe)
    assert [e.index for e in near] == list(range(202 - 2 * SAME_EVENT_REACH, 202 + 2 * SAME_EVENT_REACH, 2))
    assert dated.near(replace(probe, event_class="Meeting")) == []


def test_a_date_of_a_clause_modifying_a_noun_is_not_the_sentence_s(extract):
    """"the truce signed with Chile in May": May is when the truce was signed, not when Kenya
    condemned the attack."""
    events = extract("Kenya condemned the attack and praised the truce signed with Chile in May.").events
    condemned = next(e for e in events if e.trigger == "condemned")
    assert condemned.dating is None or condemned.dating.rule == "lead-publication-date"


def test_with_no_contact_in_the_opening_a_past_statement_leads_on_the_publication_date(extract):
    extraction = extract("“The harbour stays closed,” Gustavo Petro wrote on his official channel.\n"
                         "The port authority has not commented.")
    [statement] = dated(extraction, "Statement")
    assert statement.dating.rule == "lead-publication-date" and statement.dating.begin == D(2025, 3, 18)


def test_a_statement_in_the_present_does_not_lead(extract):
    assert not dated(extract("Gustavo Petro says the harbour stays closed.\nThe port authority is silent."),
                     "Statement")


@pytest.mark.parametrize("text", [
    "Early today, the Colombian army reported 40 instances of shelling near the border.",
    "On Monday, the Colombian army recorded hundreds of attacks on its posts.",
])
def test_an_event_counted_by_a_number_noun_takes_the_clause_time(extract, text):
    [attack] = dated(extract(text), "Attack")
    assert attack.dating.begin in (D(2025, 3, 17), D(2025, 3, 18))


def test_an_undated_past_act_takes_the_day_the_narrative_just_stated(extract):
    text = ("Colombian troops shelled rebel camps near Cucuta on Monday.\n"
            "A rebel spokesman called the raid a massacre.\n"
            "Colombia rejected calls for a truce.")
    [refusal] = [e for e in extract(text).events if e.event_class == "Refusal"]
    assert refusal.dating.rule == "narrative-time" and refusal.dating.begin == D(2025, 3, 17)


def test_an_act_in_kind_after_a_flashback_goes_on_with_it_not_with_the_lead(extract):
    text = ("Chile and Peru held talks in Quito on Saturday.\n"
            "The fighting began on March 3 when Peruvian troops shelled Chilean border posts.\n"
            "Chile responded with air strikes on Peruvian bases.\n")
    [strikes] = [e for e in extract(text).events if e.trigger == "air strikes"]
    assert strikes.agents == ("Chile",)
    assert strikes.dating.rule == "narrative-time" and strikes.dating.begin == D(2025, 3, 3)


@pytest.mark.parametrize("text", [
    "Colombian troops shelled rebel camps near Cucuta on Monday.\nColombia had rejected calls for a truce.",
    "Colombian troops shelled rebel camps near Cucuta on Monday.\nEcuador rejected calls for a truce.",
    "Colombian troops shelled rebel camps near Cucuta on Monday.\nColombia said the army would hold the line.",
])
def test_a_pluperfect_another_partys_act_or_a_statement_is_not_dated_by_the_narrative(extract, text):
    assert not [e for e in extract(text).events if e.dating and e.dating.rule == "narrative-time"]


@pytest.mark.parametrize("text, earlier", [
    ("Monday's call between Joe Biden and Xi Jinping was their first since March 2021.",
     ("PhoneCall", D(2021, 3, 1), D(2021, 3, 31))),
    ("Macron and Putin held their first such conversation since May 2020 on Tuesday.",
     ("PhoneCall", D(2020, 5, 1), D(2020, 5, 31))),
    ("Joe Biden praised the summit in Rome, the first he has hosted since 2018.",
     ("Meeting", D(2018, 1, 1), D(2018, 12, 31))),
])
def test_the_first_since_a_time_tells_an_earlier_event_then(extract, text, earlier):
    events = extract(text).events
    [before] = [e for e in events if e.dating and e.dating.rule == "first-since"]
    assert (before.event_class, before.dating.begin, before.dating.end) == earlier
    later = [e for e in events if e.event_class == before.event_class and e is not before]
    assert later and later[0].actors == before.actors and later[0].dating.begin.year == 2025


def test_since_without_first_tells_no_earlier_event(extract):
    assert not [e for e in extract("Joe Biden has spoken with Xi Jinping often since 2021.").events
                if e.dating and e.dating.rule == "first-since"]


def test_a_negated_contact_is_no_lead(extract):
    assert not dated(extract("Joe Biden has not visited Paris in years.\nHis aides declined to comment."), "Visit")


def test_an_agreement_reached_after_a_dated_meeting_is_of_its_day_and_its_parties(extract):
    text = ("Chile and Peru held talks in Lima on Monday.\n"
            "Their ministers discussed fishing quotas.\n"
            "In the end, a deal was reached about a joint patrol.")
    [deal] = [e for e in extract(text).events if e.event_class == "Agreement"]
    assert deal.dating.begin == D(2025, 3, 17) and set(deal.actors) == {"Chile", "Peru"}


@pytest.mark.parametrize("text, cls, span", [
    ("William Ruto said on his channel that one month has gone by since Chile turned down a Kenyan plan.", "Refusal",
     (D(2025, 2, 1), D(2025, 2, 28))),
    ("It has been two years since Chile and Peru held talks, William Ruto said on Monday.", "Talks",
     (D(2023, 1, 1), D(2023, 12, 31))),
    ("William Ruto said on Monday that three days had passed since Chile rejected the plan.", "Refusal",
     (D(2025, 3, 14), D(2025, 3, 14))),
])
def test_the_time_elapsed_since_an_event_dates_it_back_from_the_telling(extract, text, cls, span):
    [event] = [e for e in extract(text).events if e.event_class == cls]
    assert (event.dating.begin, event.dating.end, event.dating.rule) == (*span, "elapsed-since")


@pytest.mark.parametrize("text, dated_today", [
    ("Gustavo Petro has now left Caracas, his office said.", True),
    ("Colombia has just signed the treaty with Ecuador.", True),
    ("Colombia has signed the treaty with Ecuador.", False),
])
def test_a_perfect_with_now_or_just_is_news_of_the_publication_day(extract, text, dated_today):
    events = [e for e in extract(text).events if e.event_class in ("Other", "Agreement")]
    assert [e.dating is not None and e.dating.rule == "just-done" and e.dating.begin == D(2025, 3, 18)
            for e in events] == [dated_today]


def test_a_deadlines_day_is_the_deadlines_not_its_clauses(extract):
    text = "On Sunday Marco Rubio played down a Thursday deadline set by Joe Biden, saying that talks would go on."
    events = {e.event_class: e for e in extract(text).events}
    assert events["Demand"].dating.begin == D(2025, 3, 20)
    assert events["Statement"].dating.begin == D(2025, 3, 16)


@pytest.mark.parametrize("text, span", [
    ("Chile and Peru met in Lima on Monday. The previous meeting had been held in December 2022. Then the Chilean "
     "president also called on Peru to withdraw its troops.", (D(2022, 12, 1), D(2022, 12, 31))),
    ("Chile and Peru last met in May 2021. At the time, Chile demanded that Peru withdraw its troops.",
     (D(2021, 5, 1), D(2021, 5, 31))),
])
def test_then_and_at_the_time_take_the_time_just_told(extract, text, span):
    [demand] = [e for e in extract(text).events if e.event_class == "Demand"]
    assert (demand.dating.begin, demand.dating.end, demand.dating.rule) == (*span, "then-anaphora")


def test_a_report_placed_after_another_event_is_the_source_of_what_it_reports(extract):
    events = extract("After Monday's meeting with Meloni, the Elysee said Macron had ordered the border closed.").events
    assert "Statement" not in [e.event_class for e in events]
    assert {e.event_class: e.dating.begin for e in events}["Meeting"] == D(2025, 3, 17)


def test_a_report_with_a_time_of_its_own_is_an_event_too(extract):
    events = extract("The Elysee told reporters on Monday that Macron had ordered the border closed.").events
    assert sorted(e.event_class for e in events) == ["Order", "Statement"]


def test_a_time_right_after_a_speech_verb_is_the_time_of_the_speaking(extract):
    [statement] = [e for e in extract("Peru's trade ministry said on Saturday it would extend an inquiry into "
                                      "Chilean copper imports.").events if e.event_class == "Statement"]
    assert (statement.dating.begin, statement.dating.rule) == (D(2025, 3, 15), "weekday-past")


@pytest.mark.parametrize("text, cls, span", [
    ("Chile and Peru signed a pact on Thursday, three years after negotiations began.", "Talks",
     (D(2022, 1, 1), D(2022, 12, 31), "year")),                 # a distance in years dates to the year
    ("Chile and Peru signed a pact on Thursday, two months after their first meeting.", "Meeting",
     (D(2025, 1, 1), D(2025, 1, 31), "month")),                 # in months, to the month
    ("Chile and Peru signed a pact on Thursday, ten days after talks began.", "Talks",
     (D(2025, 3, 3), D(2025, 3, 3), "day")),                    # in days, to the day
])
def test_a_distance_told_as_a_count_of_units_places_the_earlier_event(extract, text, cls, span):
    [event] = [e for e in extract(text).events if e.event_class == cls]
    assert (event.dating.begin, event.dating.end, event.dating.granularity) == span
    assert event.dating.rule == "before-dated-event"


def test_a_time_written_before_its_noun_dates_the_noun_not_the_clause(extract):
    events = extract("The May 3 meeting follows a round of talks between Chile and Peru in Lima.").events
    assert [(e.event_class, e.dating.begin if e.dating else None) for e in events] == [
        ("Meeting", D(2025, 5, 3)), ("Talks", None)]


def test_a_possessive_time_is_its_noun_s_not_the_clause_s(extract):
    [statement] = extract("Saturday's swap was announced by Chile's defence ministry.").events
    assert statement.dating is None or statement.dating.rule != "weekday-past"


def test_a_report_is_not_dated_by_what_it_quotes(extract):
    text = ("Chile and Peru signed a border pact in Lima on Monday. Kenya and Chile met in Nairobi on Tuesday. "
            "Ghana proposed talks on Wednesday. Peru rejected the plan on Thursday. Kenya attacked a rebel camp "
            "on Friday. Ghana and Togo met on Saturday. Mali attacked a rebel camp on Sunday. "
            '"We met Peru yesterday and the talks went well," Gabriel Boric said.')
    [statement] = [e for e in extract(text).events if e.event_class == "Statement"]
    assert statement.dating is None or statement.dating.rule != "same-sentence"


@pytest.mark.parametrize("text, day", [
    ("Chilean jets struck rebel camps near the border on Wednesday, hours before the Peruvian delegation "
     "arrived in Lima.", D(2025, 3, 12)),
    ("Chilean jets struck rebel camps near the border on Wednesday, a day before the Peruvian delegation "
     "arrived in Lima.", D(2025, 3, 13)),
])
def test_a_clause_placed_before_another_at_a_stated_distance_dates_it(extract, text, day):
    [visit] = [e for e in extract(text).events if e.event_class == "Visit"]
    assert (visit.dating.begin, visit.dating.rule) == (day, "before-dated-event")


def test_a_flashback_in_the_pluperfect_moves_no_story_time(extract):
    text = ("Gabriel Boric met Dina Boluarte in Lima on Friday. The previous day, Boric had met William Ruto. "
            "Later that day, Boric flew to Quito.")
    [flight] = [e for e in extract(text).events if e.event_class == "Visit"]
    assert (flight.dating.begin, flight.dating.rule) == (D(2025, 3, 14), "after-previous")


def test_a_statement_by_the_same_speaker_in_the_next_sentence_goes_on_with_the_dated_one(extract):
    text = ("Chile rejected the Peruvian plan on Monday. Gabriel Boric said on Thursday that the plan was unfair. "
            '"The ball is in their court now," Boric told reporters.')
    said, told = [e for e in extract(text).events if e.event_class == "Statement"]
    assert (told.dating.begin, told.dating.rule, told.dating.anchor_mention) == (
        D(2025, 3, 13), "continued-statement", said.index)


def test_an_aside_set_off_by_commas_is_not_dated_by_the_clause_around_it(extract):
    events = extract("Egypt and Qatar, which brokered the truce, said on Sunday that talks would resume.").events
    assert [e.event_class for e in events if e.dating] == ["Statement"]


def test_a_partyless_contact_after_the_first_sentence_is_no_lead(extract):
    text = "Chile launched a drone attack on rebel camps, killing 12 fighters.\n\nThe attack came as talks stalled.\n"
    assert [e.dating for e in extract(text).events if e.event_class == "Talks"] == [None]


@pytest.mark.parametrize("text, span", [
    ("In February 2023, Aleksandar Vucic and Albin Kurti accepted a plan to normalise ties, and a month later, "
     "in the town of Ohrid, they agreed on how to implement it.", (D(2023, 3, 1), D(2023, 3, 31))),
    ("In May 2021, Chile and Peru signed a fishing pact, and a year later they signed a border treaty.",
     (D(2022, 1, 1), D(2022, 12, 31))),
])
def test_a_counted_sequel_in_a_conjoined_clause_counts_from_the_clause_before(extract, text, span):
    first, later = [e for e in extract(text).events if e.event_class == "Agreement"]
    assert ((later.dating.begin, later.dating.end), later.dating.rule) == (span, "after-previous")
    assert set(later.actors) == set(first.actors)             # "they": the two named, not the town


def test_a_clause_conjoined_to_a_sequel_shares_its_day(extract):
    text = ("Fighting between Chile and Peru broke out on Thursday. Chile launched air strikes on Peruvian "
            "bases a day later, and Peru fired rockets into Chilean territory.")
    days = [e.dating.begin for e in extract(text).events if e.sentence_index == 1]
    assert days == [D(2025, 3, 14), D(2025, 3, 14)]


def test_an_aside_told_of_the_same_occasion_shares_its_time(extract):
    text = ("William Ruto met Gabriel Boric in Nairobi on Friday. Boric had met Dina Boluarte in Lima in January, "
            "where they agreed to share river water.")
    [agreement] = [e for e in extract(text).events if e.event_class == "Agreement"]
    assert (agreement.dating.begin, agreement.dating.end) == (D(2025, 1, 1), D(2025, 1, 31))


def test_a_time_inside_a_participle_clause_dates_the_clause_it_hangs_on(extract):
    text = ("Kenya and Chile met in Lima on Friday. Speaking in a televised address on Wednesday, "
            "William Ruto condemned the raid.")
    [statement] = [e for e in extract(text).events if e.event_class == "Statement"]
    assert statement.dating.begin == D(2025, 3, 12)


def test_talks_another_event_is_placed_after_are_no_lead(extract):
    events = extract("Kenya and Chile agreed on Monday to cut tariffs, after two days of talks in Lima.").events
    assert [(e.event_class, e.dating.rule if e.dating else None) for e in events] == [
        ("Agreement", "weekday-past"), ("Talks", None)]


@pytest.mark.parametrize("text", [
    "Kenya shelled Peru on Saturday. The shelling killed 31 people, Peru's ministry said on Sunday.",
    "Kenya launched air strikes on Peru on Saturday. The strikes hit a depot, the ministry said on Sunday.",
])
def test_a_definite_noun_in_a_report_is_its_antecedent_not_the_day_of_the_report(extract, text):
    attacks = dated(extract(text), "Attack")
    assert {(a.dating.begin, a.dating.rule) for a in attacks[1:]} == {(D(2025, 3, 15), "same-event-in-article")}


@pytest.mark.parametrize("text", [
    "Kenya shelled Peru on Saturday. An attack killed 31 people, Peru's ministry said on Sunday.",   # indefinite
    "Kenya shelled Peru on Saturday. The shelling on Sunday killed 31 people, Peru's ministry said.",  # its own day
])
def test_an_indefinite_or_dated_noun_in_a_report_keeps_its_day(extract, text):
    assert dated(extract(text), "Attack")[1].dating.begin == D(2025, 3, 16)


@pytest.mark.parametrize("text", [
    "The fishing deal followed weekend talks between Chile and Peru in Lima.",
    "Chile and Peru agreed on Monday after weekend talks in Lima.",
])
def test_weekend_modifying_an_event_noun_is_its_time(extract, text):
    [talks] = dated(extract(text), "Talks")
    assert (talks.dating.begin, talks.dating.end) == (D(2025, 3, 15), D(2025, 3, 16))


def test_a_when_clause_hung_on_a_time_happened_then(extract):
    [event] = [e for e in extract("Peru left the bloc in May 2021, when Chile hosted the summit.").events
               if e.event_class == "Meeting"]
    assert (event.dating.begin, event.dating.end) == (D(2021, 5, 1), D(2021, 5, 31))


def test_a_when_clause_on_a_bounding_time_is_a_precedent_left_undated(extract):
    text = ("Boric and Milei ended their summit without a deal. The summit was their first since 2019, when "
            "they met in Osaka.")
    [met] = [e for e in extract(text).events if e.trigger == "met"]
    assert met.dating is None


def test_a_contact_long_before_publication_is_no_lead_for_the_opening(extract):
    text = ("Chile and Peru signed the fishing pact on Wednesday. The deal was agreed in May, but the ceremony was "
            "put off after a spat between Gabriel Boric and Javier Milei at the palace on Feb. 28. "
            "Peru's minister said the pact was fair.")
    [said] = [e for e in extract(text, dt.date(2025, 6, 20)).events if e.trigger == "said"]
    assert said.dating is None or said.dating.begin != D(2025, 2, 28)


def test_an_event_noun_s_past_relative_clause_tells_its_own_time(extract):
    text = "In March, Chile and Peru agreed on a prisoner exchange, which took place in two stages and ended on April 4."
    [swap] = dated(extract(text, dt.date(2025, 6, 1)), "PrisonerExchange")
    assert (swap.dating.begin, swap.dating.end) == (D(2025, 4, 4), D(2025, 4, 4))


def test_a_meeting_that_came_hours_after_strikes_is_the_meeting_told_before(extract):
    text = ("Gabriel Boric met Javier Milei in Lima on Thursday. The meeting came hours after Peru fired rockets at "
            "Arica, killing two people, Chilean officials said.")
    events = extract(text).events
    [meeting] = [e for e in events if e.trigger == "meeting"]
    [rockets] = [e for e in events if e.trigger == "fired"]
    assert set(meeting.actors) == {"Gabriel Boric", "Javier Milei"} and meeting.dating.begin == D(2025, 3, 13)
    assert rockets.dating.rule == "before-dated-event"


@pytest.mark.parametrize("text, cls, day", [
    ("Lula and Modi met at the summit in Rio on Wednesday. Soon after speaking with Modi, "
     "Lula held a press conference.", "Meeting", D(2025, 3, 12)),
    ("Lula and Modi met at the summit in Rio on Wednesday. Soon after speaking with Modi by "
     "phone, Lula held a press conference.", "PhoneCall", None),          # by phone: another contact
    ("Lula met Boric at the summit in Rio on Wednesday. Soon after speaking with Modi, "
     "Lula held a press conference.", "PhoneCall", None),                 # not the meeting's parties
])
def test_speaking_with_the_parties_of_a_dated_meeting_is_that_meeting(extract, text, cls, day):
    [speaking] = [e for e in extract(text).events if e.trigger == "speaking"]
    assert speaking.event_class == cls
    assert (speaking.dating.begin if speaking.dating else None) == day


@pytest.mark.parametrize("text, day", [
    ("Rubio and Lavrov spoke by phone on Sunday. Rubio said talks in Oslo were useful and frank.",
     D(2025, 3, 16)),                                                      # judged as past: held by then
    ("Rubio and Lavrov spoke by phone on Sunday. Rubio said the talks in Oslo were useful and frank.",
     None),                                                                # definite: one told before
    ("Rubio and Lavrov spoke by phone on Sunday. Rubio said talks in Oslo were scheduled for March.",
     D(2025, 3, 1)),                                                       # a time of their own
])
def test_contact_a_dated_report_judges_was_held_by_its_day(extract, text, day):
    [talks] = [e for e in extract(text).events if e.event_class == "Talks"]
    assert (talks.dating.begin if talks.dating else None) == day


@pytest.mark.parametrize("text, day", [
    ("Modi and Putin held talks in Moscow on Tuesday. At the talks, Modi told Putin that war was no solution.",
     D(2025, 3, 18)),
    ("Modi and Putin held talks in Moscow on Tuesday. Following the talks, India and Russia signed nine deals.",
     D(2025, 3, 18)),
    ("After the talks, Ishiba told a news conference that the two sides were close. Yoon held talks with "
     "Kishida in Tokyo in March 2023.", None),                              # no talks told before it
])
def test_the_talks_an_event_happened_at_or_after_are_those_told_before(extract, text, day):
    [event] = [e for e in extract(text).events if e.event_class in ("Statement", "Agreement") and e.trigger != "said"]
    assert (event.dating.begin if event.dating else None) == day
    assert day is None or event.dating.rule == "relative-to-event"


def test_a_report_by_another_does_not_reset_the_partys_narrative_time(extract):
    text = ("Chile and Peru agreed to an immediate truce early on Sunday following talks mediated by Kenya in "
            "Nairobi, Kenya's foreign ministry said, after a week of the worst fighting between the neighbours "
            "in years. The two sides also agreed to hold follow-up meetings to make sure the truce holds, the "
            "ministry said in a statement.")
    [agreement] = [e for e in extract(text).events if e.event_class == "Agreement"]
    assert agreement.dating and agreement.dating.rule == "narrative-time" and agreement.dating.begin == D(2025, 3, 16)


def test_a_headline_summit_naming_no_one_is_not_another_meeting_of_one_of_its_parties(extract):
    text = ("Starmer and Macron agree returns deal at London summit\n\n"
            "LONDON, July 10 - British Prime Minister Keir Starmer and French President Emmanuel Macron agreed "
            "on Thursday a pilot scheme to return some migrants who cross the Channel, at a summit in London.\n\n"
            "On Tuesday, Macron dined with King Charles at Windsor Castle.\n")
    summits = [e for e in extract(text, dt.date(2025, 7, 10)).events if e.trigger == "summit" and e.dating]
    assert all(e.dating.begin != D(2025, 7, 8) for e in summits), summits
