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
5. ``lead-publication-date``: the article's lead event (the first contact
   event of the first sentence), when nothing in the article dates it, is
   taken to have happened on the publication date: the news convention of
   reporting the day's event. Nothing else ever defaults to that date.

Nominal mentions of other classes ("a ceasefire", "the invasion") are kept
only when dated: undated they are talk about an event, not a report of one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from spacy.tokens import Doc, Token

from graph.extract.dates import TimeMention
from graph.extract.events import CONTACT, clause_head
from graph.extract.records import Dating, EventMention
from graph.knowledge import Knowledge

MAX_PASSES = 5
#: Classes whose definite mentions ("the call") refer back to one event of the article.
REFERABLE = {"PhoneCall", "Meeting", "Visit"}
DEFINITE = {"the", "this", "that"}
#: An event named inside another noun's phrase ("the groundwork for the call") is not dated by the clause.
NOUNS = {"NOUN", "PROPN"}
MAX_CLIMB = 6


def _from_time(time: TimeMention) -> Dating:
    span = time.span
    return Dating(span.begin, span.end, span.granularity.value, time.rule,
                  time.anchor, time.text, (time.start, time.end))


def _climb(token: Token, blocking: frozenset[str]) -> list[Token]:
    """The word and the words above it, up to the sentence root.

    The climb stops at a blocking preposition ("days after the meeting") and
    at a preposition attached to a noun ("the groundwork for the call"):
    the clause's time is then not the time of the event named there.
    """
    path = [token]
    while path[-1].head.i != path[-1].i and len(path) < MAX_CLIMB:
        node = path[-1]
        if node.dep_ == "pobj" and (node.head.lower_ in blocking or node.head.head.pos_ in NOUNS):
            break
        path.append(node.head)
    return path


def _definite(token: Token) -> bool:
    """"the call", "Monday's call", "their meeting": a mention that refers back."""
    return any((c.dep_ == "det" and c.lower_ in DEFINITE) or c.dep_ == "poss" for c in token.children)


def _day_shift(prep: Token, knowledge: Knowledge) -> int:
    for child in prep.children:
        if child.dep_ == "npadvmod":
            phrase = " ".join(t.lower_ for t in child.subtree) + " " + prep.lower_
            return knowledge.cues.day_shifts.get(phrase, 0)
    return 0


def _relative_targets(node: Token, knowledge: Knowledge) -> list[tuple[int, int]]:
    """(token index of an event noun, day shift) for "after the call"-like phrases on ``node``."""
    preps = knowledge.cues.relative_preps
    out = []
    for child in node.children:
        if child.dep_ != "prep":
            continue
        words, chain = [child.lower_], []
        obj = next((g for g in child.children if g.dep_ in ("pobj", "pcomp")), None)
        while obj is not None:
            chain.append((" ".join(words), obj))
            inner = next((g for g in obj.children if g.dep_ == "prep"), None)
            if inner is None:
                break
            words += [t.lower_ for t in obj.subtree if t.i < inner.i and t.dep_ != "det"] + [inner.lower_]
            obj = next((g for g in inner.children if g.dep_ == "pobj"), None)
        for phrase, target in reversed(chain):
            if phrase in preps:
                out.append((target.i, _day_shift(child, knowledge)))
                break
    return out


def _shifted(dating: Dating, days: int, anchor_index: int) -> Dating:
    delta = dt.timedelta(days=days)
    return Dating(dating.begin + delta, dating.end + delta, dating.granularity, "relative-to-event",
                  dating.begin, None, None, anchor_index)


def _own_or_relative(event: EventMention, doc: Doc, times_by_head: dict[int, list[TimeMention]],
                     clause_times: dict[int, list[TimeMention]], events_by_head: dict[int, EventMention], knowledge: Knowledge) -> Dating | None:
    for node in _climb(doc[event.head], knowledge.cues.blocking_preps):
        times = times_by_head.get(node.i) or (
            clause_times.get(node.i) if node.pos_ in ("VERB", "AUX") else None)
        if times:
            return _from_time(min(times, key=lambda t: abs(t.start - event.trigger_span[0])))
        for target, shift in _relative_targets(node, knowledge):
            other = events_by_head.get(target)
            if other is not None and other.index != event.index and other.dating is not None:
                return _shifted(other.dating, shift, other.index)
    return None


def _same_event(event: EventMention, doc: Doc, dated: list[EventMention]) -> Dating | None:
    mine = set(event.actors)
    if event.event_class not in REFERABLE or not (_definite(doc[event.head]) or not mine):
        return None
    candidates = [d for d in dated if d.event_class == event.event_class and d.dating.rule != "same-sentence"
                  and (not mine or mine <= set(d.actors) or mine & set(d.actors))]
    if not candidates:
        return None
    best = max(candidates, key=lambda d: (len(mine & set(d.actors)), -abs(d.index - event.index)))
    spans = {(d.dating.begin, d.dating.end) for d in candidates if set(d.actors) == set(best.actors)}
    if len(spans) > 1:
        return None
    base = best.dating
    return Dating(base.begin, base.end, base.granularity, "same-event-in-article", base.anchor_date,
                  None, None, best.index)


def _same_sentence(event: EventMention, events: list[EventMention]) -> Dating | None:
    if event.nominal:
        return None
    others = [e for e in events if e.sentence_index == event.sentence_index and e.dating is not None
              and e.index != event.index and e.dating.rule != "same-sentence"]
    spans = {(e.dating.begin, e.dating.end) for e in others}
    if len(spans) != 1:
        return None
    base = others[0]
    return Dating(base.dating.begin, base.dating.end, base.dating.granularity, "same-sentence",
                  base.dating.anchor_date, None, None, base.index)


def _reported_as_past(token: Token) -> bool:
    """The clause of ``token`` reports something done: past tense or perfect ("have held")."""
    verb = clause_head(token)
    if verb.pos_ not in ("VERB", "AUX"):
        return any(t.tag_ == "VBD" for t in token.sent)
    if verb.tag_ == "VBD":
        return True
    return verb.tag_ == "VBN" and any(c.dep_ in ("aux", "auxpass") and c.lemma_ == "have" for c in verb.children)


def _lead(events: list[EventMention], doc: Doc, published: dt.date | None) -> tuple[EventMention, Dating] | None:
    """The lead event and its date: a dated mention of it elsewhere, else the publication date."""
    if not events:
        return None
    first_sentence = min(e.sentence_index for e in events)
    leads = [e for e in events if e.sentence_index == first_sentence and e.event_class in CONTACT]
    if not leads or leads[0].dating is not None:
        return None
    lead = leads[0]
    if not _reported_as_past(doc[lead.head]):
        return None
    mine = set(lead.actors)
    same = [e for e in events if e.dating is not None and e.event_class == lead.event_class
            and e.dating.rule not in ("same-sentence", "same-event-in-article")
            and (not mine or mine & set(e.actors))]
    if same:
        base = max(same, key=lambda e: (len(mine & set(e.actors)), -e.index))
        return lead, Dating(base.dating.begin, base.dating.end, base.dating.granularity, "same-event-in-article",
                            base.dating.anchor_date, None, None, base.index)
    if published is None or any(e.dating is not None and e.event_class == lead.event_class for e in events):
        return None
    return lead, Dating(published, published, "day", "lead-publication-date", published)


def date_events(doc: Doc, events: list[EventMention], times: list[TimeMention],
                published: dt.date | None, knowledge: Knowledge) -> list[EventMention]:
    """The event mentions with their datings settled (see the module docstring)."""
    times_by_head: dict[int, list[TimeMention]] = {}
    for time in times:
        if time.span is not None and time.head is not None:
            times_by_head.setdefault(time.head, []).append(time)
    clause_times: dict[int, list[TimeMention]] = {}
    for head, found in times_by_head.items():
        if doc[head].pos_ not in ("VERB", "AUX"):
            clause_times.setdefault(clause_head(doc[head]).i, []).extend(found)
    events = list(events)
    lead_done = False
    for _ in range(MAX_PASSES):
        changed = False
        by_head = {e.head: e for e in events}
        for i, event in enumerate(events):
            if event.dating is not None:
                continue
            dating = (_own_or_relative(event, doc, times_by_head, clause_times, by_head, knowledge)
                      or _same_event(event, doc, [e for e in events if e.dating is not None])
                      or _same_sentence(event, events))
            if dating is not None:
                events[i] = replace(event, dating=dating)
                by_head[event.head] = events[i]
                changed = True
        if not changed and not lead_done:
            lead_done = True
            found = _lead(events, doc, published)
            if found is not None:
                lead, dating = found
                events[events.index(lead)] = replace(lead, dating=dating)
                changed = True
        if not changed:
            break
    return [e for e in events if e.dating is not None or not e.nominal or e.event_class in CONTACT]
