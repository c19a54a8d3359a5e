"""Events dated by the occasion they came out of, or by a clause that only says when.

"Lee and Ishiba agreed on Tuesday after a two-hour summit": the summit was
that day (:func:`inverse_relative`, ``occasion-of-dated-event``); "met on
Wednesday, a day after the call": the call was on Tuesday
(``before-dated-event``); "the visit comes a day after the two ministers
spoke", "the call came a day after X postponed his trip": a clause that is
no event dates what it is placed against (:func:`occurrence_anchors`). The
phrases that place one clause against another are read in
:mod:`.placement`.
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc, Token

from graph.extract.arguments import carrier
from graph.extract.dates import TimeMention
from graph.extract.placement import (UNIT_DAYS, from_time, placed_by, placing_events, relative_targets,
                                     shifted)
from graph.extract.records import Dating, EventMention
from graph.knowledge import Knowledge

#: Words that place a clause right after a contact it came out of ("… on Friday after X met Y").
LATER = {"after", "following"}
#: Subjects that stand for what the text told last ("it came a day after the call").
WHAT_WAS_TOLD = {"it", "this"}
#: The days before publication a present-tense "comes" may speak of: a story filed the day after.
NEWS_DAYS = 2


#: Contact the parties act straight after ("agreed on Tuesday after a summit in Seoul"): that day's.
SAME_DAY_CONTACTS = {"PhoneCall", "Meeting", "Talks"}


def _occasion_of(other: EventMention, event: EventMention, doc: Doc, containers: frozenset[str]) -> bool:
    """"Lee and Ishiba agreed on Tuesday after a two-hour summit", "Rutte spoke to reporters on
    Thursday after meeting Trump", "Chile freed them on Friday after Boric met the envoy": a call,
    meeting or talks named by a noun, a gerund or a past clause with no time of its own, that what
    is dated to a day comes after, was held that day; not so a
    counted stretch ("after months of talks"), nor a contact with no parties or with parties
    the dated event does not share (a gerund's subject is the clause's)."""
    noun = doc[other.head]
    if other.event_class not in SAME_DAY_CONTACTS or event.dating.granularity != "day":
        return False
    if noun.dep_ == "advcl" and noun.tag_ == "VBD" and placed_by(noun, LATER):
        return True                             # "freed them on Friday after Boric met the envoy"
    gerund = noun.dep_ == "pcomp" and noun.tag_ == "VBG"     # "told reporters after meeting Trump"
    if not (other.nominal or gerund):
        return False
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in UNIT_DAYS:
        return False
    stand = noun if gerund else carrier(noun, containers)        # "after a second round of talks"
    prep = stand.head if stand.dep_ in ("pobj", "pcomp") and stand.head.dep_ == "prep" else None
    if prep is None or (prep.i > 0 and doc[prep.i - 1].lemma_.lower() in UNIT_DAYS):
        return False                            # "days after their meeting": some days before
    if gerund:                                  # its subject is the clause's
        return set(other.agents) <= set(event.agents)
    return bool(other.actors) and set(other.actors) <= set(event.actors)


def occurrence_anchors(events: list[EventMention], doc: Doc, published: dt.date | None,
                        knowledge: Knowledge, own_times: dict[int, list[TimeMention]]) -> dict[int, Dating]:
    """A clause that is no event but has a time dates the event it is placed against at a stated
    distance: "shops closed on Sunday evening, hours after a ceasefire was declared", and a clause
    that only says when something happened ("come", "happen", ``occurrence_verbs``): "the visit
    comes a day after the two ministers spoke" (present tense: the publication date), "this came hours
    after the call" (with "it" or "this": the day of the latest event dated before it)
    (``before-dated-event``); a call, meeting or talks told in a clause such a timed clause comes
    right after is of its day ("released them on Friday after Maduro met the envoy":
    ``occasion-of-dated-event``)."""
    verbs = knowledge.extra.occurrence_verbs
    by_head = {e.head: e for e in events}
    found: dict[int, Dating] = {}
    for token in doc:
        if token.pos_ not in ("VERB", "AUX") or token.i in by_head:
            continue
        own = own_times.get(token.i)
        if own:
            base = from_time(own[0]), None
        elif token.lemma_.lower() in verbs:
            base = _occurrence_time(token, events, published)
        else:
            continue
        if base is None:
            continue
        for target, shift in relative_targets(token, knowledge):
            other = by_head.get(target)
            if other is not None and other.dating is None and shift is not None:
                found.setdefault(other.index, shifted(base[0], -shift, base[1], "before-dated-event"))
            elif (other is not None and other.dating is None and own and base[0].granularity == "day"
                  and other.event_class in SAME_DAY_CONTACTS and not other.nominal and placed_by(doc[target], LATER)):
                found.setdefault(other.index, shifted(base[0], 0, base[1], "occasion-of-dated-event"))
    return found


def _occurrence_time(verb: Token, events: list[EventMention], published: dt.date | None
                     ) -> tuple[Dating, int | None] | None:
    """The time of an occurrence clause: now for the present tense (the news day: the latest
    day told before it in the two days up to publication, else the publication date), its
    subject's for a dated event noun ("the call came …"), the last dated day for "it came"."""
    if verb.tag_ in ("VBZ", "VBP") and published is not None:
        recent = [e for e in events if e.dating is not None and e.dating.granularity == "day"
                  and e.head < verb.sent.start and 0 <= (published - e.dating.begin).days <= NEWS_DAYS]
        if recent:
            latest = max(recent, key=lambda e: (e.dating.begin, -e.head))
            return latest.dating, latest.index
        return Dating(published, published, "day", "publication-date", published), None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if verb.tag_ != "VBD" or subject is None:
        return None
    told = next((e for e in events if e.head == subject.i and e.dating is not None), None)
    if told is not None:                    # "the call came a day after Wadephul postponed his trip"
        return told.dating, told.index
    if subject.lower_ not in WHAT_WAS_TOLD:
        return None
    before = [e for e in events if e.dating is not None and e.dating.granularity == "day"
              and e.head < verb.sent.start]
    if not before:
        return None
    last = max(before, key=lambda e: e.head)
    return last.dating, last.index


def inverse_relative(events: list[EventMention], doc: Doc, knowledge: Knowledge,
                     only_occasions: bool = False) -> dict[int, Dating]:
    """An undated event that a dated one is placed against at a stated distance takes the date
    that distance gives: "X on Wednesday, a day after the call" puts the call on Tuesday
    (``before-dated-event``). An event placed against it in a vaguer way ("after the call")
    says nothing of its day, unless it is the occasion the dated event came straight out of
    (:func:`_occasion_of`; ``only_occasions``: these alone, once the discourse has dated more)."""
    by_head = {e.head: e for e in events}
    found: dict[int, Dating] = {}
    for event in events:
        if event.dating is None or event.dating.rule in ("relative-to-event", "before-dated-event"):
            continue
        for other, shift in placing_events(event, doc, by_head, knowledge, vague=True):
            if other.dating is not None or other.index in found:
                continue
            if shift is not None and not only_occasions:
                found[other.index] = shifted(event.dating, -shift, event.index, "before-dated-event")
            elif _occasion_of(other, event, doc, knowledge.extra.container_nouns):
                found[other.index] = shifted(event.dating, 0, event.index, "occasion-of-dated-event")
    return found
