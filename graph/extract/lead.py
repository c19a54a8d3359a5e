"""The article's lead event and the events dated by it (rules 5 to 7 of :mod:`.anchoring`).

News opens with the day's story (the inverted pyramid). The lead event is
the first contact event of the opening; when nothing dates it, the
publication date does (``lead-publication-date``). Undated simple-past
clauses of the opening happened on its day (``lead-context``), and so did
what a party to it reports further down (``lead-readout``). What a party to
a dated call, meeting or talks did in the simple past further down, with
no time of its own, is an outcome of that contact (``contact-outcome``):
"Chile and Peru held talks on Monday … Peru proposed a summit".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from spacy.tokens import Doc, Token

from graph.extract.candidates import CONTACT
from graph.extract.modality import clause_head
from graph.extract.records import Dating, EventMention
from graph.knowledge import represented

#: How many of the first event-bearing sentences count as the article's opening.
LEAD_SENTENCES = 4
#: How many more event-bearing sentences (not wholly about another time) the opening runs on.
OPENING_EXTRA = 2
#: Adverbs that make a present perfect news of the day ("has now left", "has just signed").
JUST = {"now", "just"}
#: The lead event is sought in this many first event-bearing sentences.
HEADLINE_AND_LEAD = 2
NON_FINITE = {"VB", "VBG"}
#: News is of the last days: a contact dated longer before publication is no lead of the opening.
NEWS_WINDOW = dt.timedelta(days=14)
#: With no contact event in the opening, a statement of the first event-bearing sentence leads.
SPOKEN_LEADS = {"Statement"}
NON_FINITE_LINKS = {"xcomp", "pcomp", "advcl", "conj", "prep"}


def _reported_as_past(token: Token) -> bool:
    """The clause of ``token`` reports something done: past tense or perfect ("have held").

    A non-finite clause ("agreed to stop attacks after a call") takes the
    tense of the finite verb it depends on.
    """
    verb = clause_head(token)
    while verb.tag_ in NON_FINITE and verb.dep_ in NON_FINITE_LINKS and verb.head.i != verb.i:
        verb = clause_head(verb.head)
    if verb.pos_ not in ("VERB", "AUX"):
        return any(t.tag_ == "VBD" for t in token.sent)
    if verb.tag_ == "VBD":
        return True
    return verb.tag_ == "VBN" and any(c.dep_ in ("aux", "auxpass") and c.lemma_ == "have" for c in verb.children)


def _bounded(token: Token, bounds: frozenset[str]) -> bool:
    """"The EU has brokered talks between Serbia and Kosovo since 2011": a perfect clause bounded in
    time tells a stretch, not the news of a day (not so "held their first call since 2020")."""
    verb = clause_head(token)
    return (verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)
            and any(c.dep_ == "prep" and c.lower_ in bounds for w in {verb, token} for c in w.children))


def lead_event(events: list[EventMention], doc: Doc, published: dt.date | None,
               bounds: frozenset[str] = frozenset()) -> tuple[EventMention, Dating] | None:
    """The lead event and its date: a dated mention of it elsewhere, else the publication date.

    The lead is the first contact event of the first event-bearing sentence
    that has one, among the first two (a headline may come before the lead
    paragraph); in the second, only one naming a party ("the attack came as
    talks stalled" is no lead); never one whose clause is bounded (``bounds``:
    "has brokered talks since 2011").
    """
    opening = sorted({e.sentence_index for e in events})[:HEADLINE_AND_LEAD]
    leads = [e for n in opening for e in events if e.sentence_index == n and e.event_class in CONTACT
             and (e.actors or n == opening[0])]
    if not leads and opening:
        leads = [e for e in events if e.sentence_index == opening[0] and e.event_class in SPOKEN_LEADS
                 and not e.nominal and e.agents and e.dating is None]

    if not leads or leads[0].dating is not None:
        return None
    lead = leads[0]
    if not _reported_as_past(doc[lead.head]) or _bounded(doc[lead.head], bounds):
        return None
    mine = set(lead.actors)
    same = [e for e in events if e.dating is not None and e.event_class == lead.event_class
            and e.dating.rule not in ("same-sentence", "same-event-in-article")
            and (not mine or mine & set(e.actors))
            and not e.dating.ahead]                 # the lead is told as past
    if same:
        base = max(same, key=lambda e: (len(mine & set(e.actors)), -e.index))
        return lead, Dating(base.dating.begin, base.dating.end, base.dating.granularity, "same-event-in-article",
                            base.dating.anchor_date, None, None, base.index)
    if published is None or any(e.dating is not None and e.event_class == lead.event_class for e in events):
        return None
    return lead, Dating(published, published, "day", "lead-publication-date", published)


def before_its_context(token: Token) -> bool:
    """A pluperfect or "already" clause ("had already agreed") happened before the time around it.

    Not so in reported speech, where the pluperfect is only the backshift of
    the report ("the Kremlin said Mr Trump had supported …").
    """
    verb = clause_head(token)
    if verb.dep_ == "ccomp" and not any(c.lower_ == "already" for c in verb.children):
        return False
    return any(c.lower_ in ("had", "already") for c in verb.children)


def tense_bearer(verb: Token) -> Token:
    """The verb whose tense a participle clause takes: "discussed Iran, with Lula suggesting talks",
    "met Modi, calling for a truce" (an unmarked participle has no tense of its own)."""
    if verb.tag_ != "VBG" or verb.head.i == verb.i:
        return verb
    if verb.dep_ == "pcomp" and verb.head.lower_ == "with" and verb.head.head.pos_ in ("VERB", "AUX"):
        return verb.head.head
    if verb.dep_ == "advcl" and verb.head.pos_ in ("VERB", "AUX") and not any(
            c.dep_ in ("mark", "aux", "auxpass") for c in verb.children):
        return verb.head
    return verb


def simple_past(token: Token, event_heads: set[int] | frozenset[int] = frozenset()) -> bool:
    """A clause in the simple past ("agreed", "was agreed", "did not agree"; a participle hung on
    one that is no event of ``event_heads``: a participle of an event is dated with it,
    ``participle-clause``), not the pluperfect ("had agreed")."""
    own = clause_head(token)
    verb = tense_bearer(own)
    if verb.i in event_heads and verb.i != own.i:
        return False
    if verb.tag_ != "VBD" and not (verb.tag_ in ("VBN", "VB") and any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD"
                                                                     for c in verb.children)):
        return False
    return not before_its_context(verb)


def _elsewhere(sentence: list[EventMention], lead: EventMention) -> bool:
    """A sentence about another time: all its events dated by words of their own, none on the lead's day."""
    return all(e.dating is not None and e.dating.expression is not None
               and (e.dating.begin, e.dating.end) != (lead.dating.begin, lead.dating.end) for e in sentence)


def _lead_of(events: list[EventMention], published: dt.date | None = None
             ) -> tuple[EventMention | None, dict[int, list[EventMention]]]:
    """The lead event (the first contact event dated to a day among the opening sentences,
    not after publication: talks announced for next Monday are no lead) and the events by
    sentence."""
    by_sentence: dict[int, list[EventMention]] = {}
    for event in events:
        by_sentence.setdefault(event.sentence_index, []).append(event)
    leads = [e for n in sorted(by_sentence)[:LEAD_SENTENCES] for e in by_sentence[n]
             if e.event_class in CONTACT and e.dating and e.dating.granularity == "day"
             and (published is None or published - NEWS_WINDOW <= e.dating.end <= published)]
    return (leads[0] if leads else None), by_sentence


def _goes_on(event: EventMention, flashback: list[EventMention], speaks_for: dict[str, str]) -> bool:
    """"The clashes began on October 11 when Chile attacked. Peru responded with air strikes.": an
    act in kind by a party to the sentence just before, wholly about another time, goes on with
    that time (:mod:`.narrative`), not with the lead's (an act of another kind after a caption
    of an old summit does not)."""
    mine = represented(event.actors, speaks_for)
    return bool(mine) and any(e.event_class == event.event_class and mine & represented(e.actors, speaks_for)
                              for e in flashback)


def _on_lead_day(event: EventMention, lead: EventMention, rule: str) -> EventMention:
    base = lead.dating
    return replace(event, dating=Dating(base.begin, base.end, base.granularity, rule,
                                        base.anchor_date, None, None, lead.index))


def backshifted(token: Token) -> bool:
    """A pluperfect reported by a past speech verb ("said that X had supported"): the
    simple past of the report's time, not an earlier event ("had already agreed" is)."""
    verb = clause_head(token)
    return (verb.tag_ == "VBN" and verb.dep_ == "ccomp" and verb.head.tag_ == "VBD"
            and any(c.lower_ == "had" for c in verb.children) and not any(c.lower_ == "already" for c in verb.children))


def lead_context(events: list[EventMention], doc: Doc, placed: set[int],
                 speaks_for: dict[str, str], published: dt.date | None = None) -> list[EventMention]:
    """Undated simple-past events of the opening sentences happened when the lead event did.

    News opens with the day's story (the inverted pyramid): a simple-past
    clause among the first sentences that states no time of its own
    reports the lead event's day. The lead is the first contact event dated
    to a day among the opening sentences, within :data:`NEWS_WINDOW` before
    publication (not "put off after a spat on Feb. 28" in a May story); sentences wholly about another
    time (a photo caption of an old summit, a flashback) do not count
    towards the opening. Further down, a simple-past event reported by a
    party to the lead event ("the Kremlin said Mr Trump supported …") is
    that party's readout of it: ``lead-readout``. Not so a contact event
    (another call or meeting), which needs a time of its own.
    """
    lead, by_sentence = _lead_of(events, published)
    if lead is None:
        return events
    order = sorted(by_sentence)
    away = {n for n in order if _elsewhere(by_sentence[n], lead)}
    opening = set([n for n in order if n not in away][:LEAD_SENTENCES + OPENING_EXTRA])
    after_flashback = {n: by_sentence[p] for p, n in zip(order, order[1:]) if p in away}
    parties = represented(lead.actors, speaks_for)
    heads = {e.head for e in events}
    out = []
    for event in events:
        if event.dating is None and event.index not in placed and (not event.nominal or event.negated):
            head = doc[event.head]
            if event.sentence_index in opening and simple_past(head, heads) and not _goes_on(
                    event, after_flashback.get(event.sentence_index, ()), speaks_for):
                event = _on_lead_day(event, lead, "lead-context")
            elif (event.speaker and event.event_class not in CONTACT and not event.nominal
                  and speaks_for.get(event.speaker, event.speaker) in parties
                  and (simple_past(head, heads) or backshifted(head))):
                event = _on_lead_day(event, lead, "lead-readout")
        out.append(event)
    return out


def contact_outcomes(events: list[EventMention], doc: Doc, placed: set[int], speaks_for: dict[str, str],
                     published: dt.date | None, outcome_classes: frozenset[str]) -> list[EventMention]:
    """What a party to a dated contact event did afterwards in the text, with no time of its own.

    "Chile and Peru held talks in Lima on Monday. … Peru proposed a summit.
    Chile did not agree to a border treaty.": an agreement, refusal,
    proposal or demand told in the simple past (or backshifted in a report)
    by a party to the nearest earlier dated call, meeting or talks (dated to
    a day, not after publication) is an outcome of that contact and took
    place on its day (``contact-outcome``). Reported by someone else ("officials
    in Paris said Biden supported …"), it is not: the reporter's own account
    may be of another time.
    """
    contacts = [(e, represented(e.actors, speaks_for)) for e in events
                if e.event_class in CONTACT and e.dating is not None and e.dating.granularity == "day"
                and len(e.actors) >= 2 and (published is None or e.dating.end <= published)]
    if not contacts:
        return events
    heads = {e.head for e in events}
    out = []
    for event in events:
        if (event.dating is None and event.index not in placed and event.event_class in outcome_classes
                and (not event.nominal or event.negated) and event.agents):
            head = doc[event.head]
            mine = represented(event.agents, speaks_for)
            reporter = speaks_for.get(event.speaker, event.speaker) if event.speaker else None
            if clause_head(head).dep_ == "ccomp" and reporter not in mine:
                out.append(event)
                continue
            earlier = next((c for c, parties in reversed(contacts) if c.index < event.index and mine & parties), None)
            if earlier is not None and (simple_past(head, heads) or backshifted(head)):
                event = _on_lead_day(event, earlier, "contact-outcome")
        out.append(event)
    return out


#: "is on a visit to": a present "be" with this preposition before a visit noun.
ONGOING_PREPS = {"on"}


def ongoing(event: EventMention, doc: Doc, published: dt.date) -> Dating | None:
    """"Ruto, who is on a three-day state visit to Chile": a visit the present tense says is going
    on took place on the publication day (``ongoing``; "are in talks" may have gone on for months)."""
    noun = doc[event.head]
    prep = noun.head
    if (event.event_class != "Visit" or not event.nominal or noun.dep_ != "pobj"
            or prep.lower_ not in ONGOING_PREPS or prep.head.lemma_ != "be" or prep.head.tag_ not in ("VBZ", "VBP")):
        return None
    return Dating(published, published, "day", "ongoing", published)


def just_done(events: list[EventMention], doc: Doc, placed: set[int], published: dt.date | None) -> list[EventMention]:
    """"Witkoff has now left Russia", "Chile has just signed the treaty": a present perfect with
    "now" or "just" and no time of its own reports what happened on the publication day
    (``just-done``); so does a contact the present tense says is going on (:func:`ongoing`)."""
    if published is None:
        return events
    out = []
    for event in events:
        verb = clause_head(doc[event.head])
        now = ongoing(event, doc, published) if event.dating is None and event.index not in placed else None
        if now is not None:
            event = replace(event, dating=now)
        elif (event.dating is None and event.index not in placed and not event.nominal and verb.tag_ == "VBN"
                and any(c.dep_ == "aux" and c.lower_ in ("has", "have") for c in verb.children)
                and any(c.dep_ == "advmod" and c.lower_ in JUST for c in verb.children)):
            event = replace(event, dating=Dating(published, published, "day", "just-done", published))
        out.append(event)
    return out
