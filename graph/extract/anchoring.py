"""Giving event mentions their dates, and recording why.

In order of trust:

1. ``own``: a temporal expression attached (in the parse) to the trigger or
   to a clause above it ("met on Monday", "said on Monday that X agreed");
2. ``relative-to-event``: a clause above the trigger is placed relative to
   another event mention ("after the call", "a day after the talks"): it
   takes that event's date, shifted where the text says so;
3. ``same-event-in-article``: a contact event without a date of its own
   ("the call") takes the date of the dated mention of the same class in
   the same article that shares its actors;
4. ``same-sentence``: a verb event without a date shares the only date
   stated by the other events of its sentence;
   ``participle-clause`` ("criticised the tariffs on Friday, calling on Paris
   to withdraw": the participle shares its clause's date);
   then ``framing-event`` ("during talks": the talks take the date of the
   event they frame), ``during-event`` (the other way round: "proposed a
   truce at their meeting earlier this month") and ``restated-in-article``
   (an event told twice is dated by the telling that states its time), see
   :mod:`.framing`;
5. ``lead-publication-date``: the article's lead event (the first contact
   event of the first event-bearing sentence), when nothing in the article dates it, is
   taken to have happened on the publication date: the news convention of
   reporting the day's event. Nothing else ever defaults to that date.
6. ``lead-context``: a simple-past clause among the opening sentences
   without a time of its own happened on the lead event's day (the
   opening: the first event-bearing sentences not wholly about another
   time, see :mod:`.lead`);
7. ``lead-readout``: further down, a simple-past event reported by a party
   to the lead event ("the Kremlin said Mr Trump supported …") is that
   party's readout of it and happened on its day;
8. ``contact-outcome``: an agreement, refusal, proposal or demand that a
   party to an earlier dated call, meeting or talks made, told in the simple
   past without a time of its own, came out of that contact.

Dates taken from other events and from the text around them ("a day after
the call", "on the eve of the summit", "hours later") are worked out in
:mod:`.placement`, the occasions an event came out of and the clauses that
only say when ("the call came a day after …") in :mod:`.occasions`; the
people who speak for a state in the article in :mod:`.voices`; what a party
to a dated contact did afterwards (``contact-outcome``) and what "has now"
happened (``just-done``) in
:mod:`.lead`; time measured since an event (``elapsed-since``) in
:mod:`.elapsed`; the reference time a narrative or a "then" sets
(``narrative-time``, ``then-anaphora``) in :mod:`.narrative`; the earlier
event a "first … since" tells of (``first-since``) in :mod:`.precedent`.

A time that bounds an event ("since 2019", "until Friday") is not its time,
and one right after a speech verb is the speaking's (:mod:`.attachment`);
an elliptic clause ("as Ukraine did last week") has a time of its own.

Nominal mentions of other classes ("a ceasefire", "the invasion") are kept
only when dated, and, when they name no party, only when a time of their own
dates them: otherwise they are talk about an event, not a report of one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from spacy.tokens import Doc, Token

from graph.extract.actors import quoted_spans
from graph.extract.attachment import bounding, said_on, speech_lemmas, times_of_clauses, told_relative
from graph.extract.dates import TimeMention, clause_tense, default_vocabulary
from graph.extract.candidates import CONTACT, refers_back
from graph.extract.narrative import anaphoric_time, continued_statements, narrative_time
from graph.extract.precedent import precedents
from graph.extract.partyless import parties_from_article, parties_from_frames, parties_from_teller
from graph.extract.elapsed import elapsed_since
from graph.extract.framing import during_dating, framing_dating, restated_dating
from graph.extract.landmarks import known_events
from graph.extract.lead import before_its_context, contact_outcomes, just_done, lead_context, lead_event
from graph.extract.arguments import carrier
from graph.extract.modality import clause_head, gapless
from graph.extract.occasions import inverse_relative, occurrence_anchors
from graph.extract.placement import (climb, from_time, relative_dating, sequel_clauses, sequel_dating,
                                     trailing_times)
from graph.extract.records import Dating, EventMention
from graph.extract.same_event import DatedMentions, judged_in_report, same_event, spoken_at_meeting, told_again
from graph.extract.text import doc_text, in_spans
from graph.knowledge import Knowledge

MAX_PASSES = 5
#: Times that give way to any other time of the same clause ("in his nightly address on Monday").
VAGUE_RULES = {"overnight-or-same-day"}
ARGUMENTS = {"nsubj", "nsubjpass", "dobj"}


def _a_plain_thing(prep: Token, heads: frozenset[int]) -> bool:
    """"said after the ceremony": a preposition whose object is a noun that is no event (nor a
    time: "days after the vote") places the clause against nothing the text dates."""
    objects = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
    return bool(objects) and all(o.pos_ in ("NOUN", "PROPN") and o.i not in heads and o.ent_type_ not in ("DATE", "TIME")
                                 and not any(c.dep_ in ("relcl", "acl", "prep") for c in o.children) for o in objects)


def _placed_by_another_event(token: Token, knowledge: Knowledge, heads: frozenset[int] = frozenset()) -> bool:
    """Whether a clause above the word is placed before or after something else.

    "Speaking ahead of the call, X said …", "a day after the delegations
    met, X said …": such a clause is dated by that other event or not at all,
    never by its neighbours.
    """
    blocking = knowledge.cues.blocking_preps
    if any(c.dep_ == "mark" and c.lower_ in blocking for c in clause_head(token).children):
        return True
    for node in climb(token, blocking, knowledge.extra.background_preps):
        for child in node.children:
            if child.dep_ == "prep" and child.lower_ in blocking and not _a_plain_thing(child, heads):
                return True
            clauses = [child, *(g for g in child.children if g.dep_ in ("relcl", "advcl", "acl"))]
            if any(m.dep_ == "mark" and m.lower_ in blocking for c in clauses for m in c.children):
                return True
    return False


def when_clauses(doc: Doc, times: list[TimeMention]) -> list[tuple[TimeMention, int]]:
    """"left the bloc in 2019, when Chile hosted the summit": a "when" clause hung on a time
    happened at that time; (time, verb) pairs (one hung on a bounding time, "their first meeting
    since 2019, when they met in Osaka", is the story's precedent, left to :mod:`.precedent`)."""
    found = []
    for time in times:
        span = doc.char_span(time.start, time.end, alignment_mode="expand") if time.span is not None else None
        if span is None:
            continue
        for clause in span.root.children:
            if clause.dep_ == "relcl" and any(c.lower_ == "when" for c in clause.children):
                found.append((time, clause.i))
    return found


def _modifies_a_noun(doc: Doc, time: TimeMention) -> bool:
    """"after weekend talks": a time written as a noun's modifier is that noun's time, whatever
    word comes before it."""
    span = doc.char_span(time.start, time.end, alignment_mode="expand")
    return span is not None and span.root.dep_ in ("compound", "amod", "nmod") and span.root.head.pos_ == "NOUN"


def _reference_point(event: EventMention, doc: Doc, knowledge: Knowledge) -> bool:
    """"agreed on Monday, after two days of talks": an event noun another is placed after or
    before is a reference point of the story, not its lead."""
    stand = carrier(doc[event.head], knowledge.extra.container_nouns)
    return event.nominal and stand.dep_ == "pobj" and stand.head.lower_ in knowledge.cues.blocking_preps


def _ended_by(event: EventMention, doc: Doc, extra) -> bool:
    """"The ceasefire collapsed on Tuesday", "said the other had broken the truce": a lasting
    accord (``durable_classes``) whose verb ends or breaks it (``accord_enders``) is not of that
    verb's day."""
    head = doc[event.head]
    return (event.nominal and event.event_class in extra.durable_classes and head.dep_ in ("nsubj", "dobj")
            and head.head.lemma_.lower() in extra.accord_enders)


def _own_or_relative(event: EventMention, doc: Doc, times_by_head: dict[int, list[TimeMention]],
                     clause_times: dict[int, list[TimeMention]], events_by_head: dict[int, EventMention], knowledge: Knowledge) -> Dating | None:
    path = climb(doc[event.head], knowledge.cues.blocking_preps, knowledge.extra.background_preps,
                  knowledge.extra.container_nouns)
    if clause_tense(doc[event.head]) == "future" or before_its_context(doc[event.head]):
        own = clause_head(doc[event.head]).i
        path = path[:[n.i for n in path].index(own) + 1] if own in [n.i for n in path] else path[:1]
    if _ended_by(event, doc, knowledge.extra):
        path = path[:1]                         # "the truce collapsed on Tuesday": its end, not its day
    head = doc[event.head]
    for told in (c for c in head.children if event.nominal and c.dep_ == "relcl" and c.tag_ == "VBD"):
        for token in _own_clause(told):         # "the exchange, which ended on May 25": its own history
            if token.i in times_by_head:
                return from_time(times_by_head[token.i][0])
    for node in path:
        times = times_by_head.get(node.i) or (
            clause_times.get(node.i) if node.pos_ in ("VERB", "AUX") else None)
        if times:
            return from_time(min(times, key=lambda t: (t.rule in VAGUE_RULES, abs(t.start - event.trigger_span[0]))))
        found = relative_dating(event, node, events_by_head, knowledge, times_by_head)
        if found:
            return found
    carriers = [head] if event.nominal else [head, head.head] if head.dep_ == "dobj" else []
    scheduling = default_vocabulary().future_governors
    for holder in carriers + (_complements(head) if event.nominal else []):
        for child in holder.children:
            if child.dep_ not in ("acl", "relcl", "advcl", "xcomp") or child.i == head.i:
                continue
            if holder not in carriers and child.lemma_.lower() not in scheduling:
                continue
            if any(c.dep_ == "mark" and c.lower_ in knowledge.cues.blocking_preps for c in child.children):
                continue
            for token in _own_clause(child):
                if token.i in times_by_head:
                    return from_time(times_by_head[token.i][0])
                found = relative_dating(event, token, events_by_head, knowledge, times_by_head)
                if found:
                    return found
    return None


def _complements(noun: Token) -> list[Token]:
    """The nouns of an event noun's prepositional phrases ("talks over the dispute"): a participle
    of scheduling the parse hangs on one of them ("… the dispute scheduled for May 3") is the event's."""
    return [g for c in noun.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]


def _own_clause(root: Token) -> list[Token]:
    """The words of a clause, leaving out the clauses nested in it."""
    out, stack = [], [root]
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(c for c in node.children if c.dep_ not in ("relcl", "advcl", "acl", "ccomp", "csubj"))
    return sorted(out, key=lambda t: t.i)


def _open_path(token: Token, top: int, simultaneous: frozenset[str]) -> bool:
    """No relative or (non-simultaneous) adverbial clause on the way from ``token`` up to ``top``.

    ("acl" is not a barrier here: the small model hangs main verbs on nouns as "acl".)"""
    node = token
    while node.i != top and node.head.i != node.i:
        if (node.dep_ == "relcl" and not gapless(node)) or (
                node.dep_ == "advcl" and _own_time_clause(node, simultaneous)):
            return False
        node = node.head
    return True


def _own_time_clause(node: Token, simultaneous: frozenset[str]) -> bool:
    return node.dep_ in ("relcl", "acl") or (node.dep_ == "advcl" and not any(
        c.dep_ == "mark" and c.lower_ in simultaneous for c in node.children))


def _linked(token: Token, other: Token, simultaneous: frozenset[str]) -> bool:
    """Whether ``other`` governs ``token``, or ``token`` governs ``other`` without a
    relative or adverbial clause in between (whose time is its own), unless
    that clause is marked as simultaneous ("as the call was taking place")."""
    above = {a.i for a in token.ancestors}
    if other.i in above or (other.dep_ in ARGUMENTS and other.head.i in above | {token.i}):
        top = other.i if other.i in above else other.head.i
        return top == token.i or _open_path(token, top, simultaneous)
    node = other
    while node.head.i != node.i:
        if _own_time_clause(node, simultaneous):
            return False
        node = node.head
        if node.i == token.i:
            return True
    return False


def _same_sentence(event: EventMention, doc: Doc, events: list[EventMention],
                   knowledge: Knowledge, published: dt.date | None = None,
                   quotes: list[tuple[int, int]] = ()) -> Dating | None:
    """The only date the other events of the sentence have; a past clause never takes a date
    after publication ("confirmed the meeting" set for next Monday was confirmed before it),
    nor that of an event that only bounds it ("the worst since the 1990 invasion"), nor that a
    noun takes from a clause of its own ("refused a full truce and broke the one agreed in May");
    a report outside a quotation not that of an event quoted ("'the call made yesterday …,' X
    said"): what is quoted was told of another time."""
    head = doc[event.head]
    if event.nominal or before_its_context(head) or (
            head.dep_ in ("pobj", "pcomp") and head.head.lower_ in knowledge.extra.bounding_preps):
        return None                             # "his first visit since taking office": a bound
    past = published is not None and clause_tense(doc[event.head]) == "past"
    others = [e for e in events if e.sentence_index == event.sentence_index and e.dating is not None
              and e.index != event.index and e.dating.rule != "same-sentence" and not e.elliptic
              and not (past and e.dating.begin > published)
              and not (doc[e.head].dep_ == "pobj" and doc[e.head].head.lower_ in knowledge.extra.bounding_preps)
              and not _dated_by_own_clause(e, doc)
              and _linked(doc[event.head], doc[e.head], knowledge.cues.simultaneous_marks)]
    if others and not in_spans(event.trigger_span[0], quotes):
        others = [e for e in others if not in_spans(e.trigger_span[0], quotes)]
    spans = {(e.dating.begin, e.dating.end) for e in others}
    if len(spans) != 1:
        return None
    base = others[0]
    return Dating(base.dating.begin, base.dating.end, base.dating.granularity, "same-sentence",
                  base.dating.anchor_date, None, None, base.index)


def _dated_by_own_clause(event: EventMention, doc: Doc) -> bool:
    """An event told by a clause that modifies a noun ("the truce agreed in May"), or an event noun
    dated by such a clause ("the truce declared in mid-March"): the date is the noun's own
    history, not the time of its sentence."""
    if doc[event.head].dep_ in ("acl", "relcl"):
        return True
    span = event.dating.expression_span if event.nominal else None
    if span is None:
        return False
    head = doc[event.head]
    return any(c.dep_ in ("acl", "relcl") and c.left_edge.idx <= span[0] < c.right_edge.idx + len(c.right_edge)
               for noun in (head, *_complements(head)) for c in noun.children)


def _participle_clause(event: EventMention, doc: Doc, by_head: dict[int, EventMention]) -> Dating | None:
    """"Starmer criticised the tariffs during the call, calling on Macron to drop them": a present
    participle clause with no time of its own tells what the subject did in the same act, so it
    has the date of the event it hangs on (``participle-clause``)."""
    head = doc[event.head]
    if event.nominal or head.tag_ != "VBG" or head.dep_ not in ("advcl", "conj"):
        return None
    if any(c.dep_ == "mark" for c in head.children):
        return None
    above = by_head.get(head.head.i)
    if above is None or above.dating is None or above.index == event.index:
        return None
    base = above.dating
    return Dating(base.begin, base.end, base.granularity, "participle-clause", base.anchor_date, None, None,
                  above.index)


def date_events(doc: Doc, events: list[EventMention], times: list[TimeMention], published: dt.date | None,
                knowledge: Knowledge, speaks_for: dict[str, str] | None = None) -> list[EventMention]:
    """The event mentions with their datings settled (see the module docstring); ``speaks_for``:
    who speaks for which state in the article (:func:`~graph.extract.voices.article_voices`), by
    default the knowledge's."""
    speaks_for = knowledge.speaks_for if speaks_for is None else speaks_for
    times_by_head: dict[int, list[TimeMention]] = {}
    text = doc_text(doc)
    bounds = knowledge.cues.blocking_preps | knowledge.extra.bounding_preps
    times = told_relative(doc, said_on(doc, trailing_times(doc, events, times, knowledge.cues.blocking_preps),
                                       knowledge), knowledge)
    for time in times:
        if time.span is not None and time.head is not None and (not bounding(text, time, bounds)
                                                                 or _modifies_a_noun(doc, time)):
            times_by_head.setdefault(time.head, []).append(time)
    precedent_clauses = set()
    for time, clause in when_clauses(doc, times):
        if bounding(text, time, bounds):        # "their first since 2019, when they met": a precedent, left
            precedent_clauses.add(clause)
        else:
            times_by_head.setdefault(clause, []).append(time)
    clause_times = times_of_clauses(doc, times_by_head, {e.head for e in events}, published, knowledge)
    told_on = {e.index: found[0].span.begin for e in events
               if e.event_class == "Statement" and (found := times_by_head.get(e.head))
               and found[0].span.granularity.value == "day"}
    events = elapsed_since(list(events), text, published, told_on)
    extra = knowledge.extra
    heads = frozenset(e.head for e in events)
    placed = {e.index for e in events if _placed_by_another_event(doc[e.head], knowledge, heads)
              or clause_head(doc[e.head]).i in precedent_clauses}
    quotes = quoted_spans(text)
    sequels = sequel_clauses(doc, knowledge)
    framed_of = {e.frame: e.index for e in events if e.frame is not None}
    speech = speech_lemmas(knowledge)
    timed = set(times_by_head)
    lead_done = False
    for _ in range(MAX_PASSES):
        changed = False
        by_head = {e.head: e for e in events}
        by_index = {e.index: e for e in events}
        dated = DatedMentions(events)
        for i, event in enumerate(events):
            if event.dating is not None:
                continue
            own_sequel = (sequels.get(clause_head(doc[event.head]).i) is not None     # "…, and a month later they"
                          and event.head not in times_by_head)       # not "Saturday night's attacks"
            dating = (told_again(event, doc, dated.near(event), speech, timed)
                      or (own_sequel and sequel_dating(event, doc, events, sequels, knowledge))
                      or _own_or_relative(event, doc, times_by_head, clause_times, by_head, knowledge)
                      or sequel_dating(event, doc, events, sequels, knowledge))
            if dating is None and event.index in placed:
                dating = same_event(event, doc, dated.near(event), extra.new_event_modifiers, speaks_for,
                            knowledge.cues.blocking_preps)
            if dating is None and event.index not in placed:
                dating = (same_event(event, doc, dated.near(event), extra.new_event_modifiers, speaks_for,
                            knowledge.cues.blocking_preps)
                          or _same_sentence(event, doc, events, knowledge, published, quotes)
                          or _participle_clause(event, doc, by_head)
                          or framing_dating(event, by_index, framed_of)
                          or during_dating(event, by_index)
                          or restated_dating(event, doc, events, extra.restated_classes, knowledge.cues,
                                             extra.object_control_verbs))
            if dating is None and event.index not in placed:
                dating = spoken_at_meeting(event, doc, dated, extra)
                event = replace(event, event_class="Meeting") if dating is not None else event
            if dating is not None:
                events[i] = replace(event, dating=dating)
                by_head[event.head] = events[i]
                by_index[event.index] = events[i]
                dated.add(events[i])
                changed = True
        found = inverse_relative(events, doc, knowledge)
        for index, dating in occurrence_anchors(events, doc, published, knowledge, times_by_head).items():
            found.setdefault(index, dating)
        position = {e.index: i for i, e in enumerate(events)}
        for index, dating in found.items():
            events[position[index]] = replace(events[position[index]], dating=dating)
            changed = True
        if not changed and not lead_done:
            lead_done = True
            found = lead_event([e for e in events if not _reference_point(e, doc, knowledge)], doc, published,
                               knowledge.extra.bounding_preps)
            if found is not None:
                lead, dating = found
                events[events.index(lead)] = replace(lead, dating=dating)
                changed = True
        if not changed:
            break
    events = anaphoric_time(events, doc, placed, published)
    events = just_done(lead_context(events, doc, placed, speaks_for, published), doc, placed, published)
    events = contact_outcomes(events, doc, placed, speaks_for, published, extra.outcome_classes)
    by_head = {e.head: e for e in events}
    events = [replace(e, dating=_participle_clause(e, doc, by_head)) if e.dating is None and e.index not in placed
              else e for e in events]
    events = judged_in_report(continued_statements(narrative_time(events, doc, placed, published, speaks_for), doc,
                                                   published), doc)
    occasions = inverse_relative(events, doc, knowledge, only_occasions=True)
    events = [replace(e, dating=occasions[e.index]) if e.index in occasions else e for e in events]
    definite = {e.index for e in events if e.nominal and refers_back(doc[e.head])}
    events = parties_from_article(parties_from_frames(events), definite, extra.outcome_classes, extra.durable_classes)
    events = precedents(parties_from_teller(events, extra.suffered_classes, speaks_for, knowledge.states),
                        doc, times, text)
    events = known_events(events, doc, knowledge.history, published, speaks_for)
    anchors = {e.dating.anchor_mention for e in events if e.dating is not None}
    return [e for e in events if e.event_class in CONTACT or not e.nominal or e.index in anchors
            or (e.dating is not None and (e.actors or e.dating.expression is not None))]
