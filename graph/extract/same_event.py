"""A definite mention of an event told before in the article is that event, and takes its date.

"Trump and Putin spoke on Tuesday … the call lasted two hours": a definite
contact noun without a date of its own is the dated mention of its class in
the article that has its parties (``same-event-in-article``). "Chile shelled
Peru on Saturday … The shelling killed 31 people, Peru said on Sunday": a
definite noun told in a report is dated by its antecedent, not by the day of
the report (:func:`told_again`). "Trump and Zelensky met on Wednesday … Shortly
after talking with Zelensky, Trump …": speaking with the parties of a dated
meeting, by no phone, is that meeting (:func:`spoken_at_meeting`); "X said talks
in Geneva were worthwhile": contact a dated report judges took place by its day
(:func:`judged_in_report`).
"""

from __future__ import annotations

import bisect
from dataclasses import replace

from spacy.tokens import Doc, Token

from graph.extract.candidates import CONTACT, refers_back
from graph.extract.dates import clause_tense
from graph.extract.modality import by_phone
from graph.extract.records import Dating, EventMention
from graph.knowledge import ExtraCues, represented

#: How many dated mentions of its class on either side a definite mention is compared with
#: (an article telling one call thousands of times costs linear time, not quadratic).
SAME_EVENT_REACH = 32
#: Classes whose definite mentions ("the call") refer back to one event of the article.
REFERABLE = {"PhoneCall", "Meeting", "Visit"}
#: Classes whose definite mentions refer back only as an occasion something happened at or after.
OCCASIONS = {"Talks"}
OCCASION_PREPS = {"at", "during", "after", "following"}
MEETING = "Meeting"


def _names_a_new_one(token: Token, modifiers: frozenset[str]) -> bool:
    """"their next meeting", "another call": never one mentioned before."""
    return any(c.dep_ in ("amod", "det") and c.lower_ in modifiers for c in token.children)


class DatedMentions:
    """The dated mentions of an article by class, in text order, kept up to date as mentions get
    dated: what a definite mention may refer to, looked up near it in time linear in the article."""

    def __init__(self, events: list[EventMention]):
        self._indices: dict[str, list[int]] = {}
        self._events: dict[str, list[EventMention]] = {}
        for event in events:
            if event.dating is not None:
                self.add(event)

    def add(self, event: EventMention) -> None:
        indices = self._indices.setdefault(event.event_class, [])
        at = bisect.bisect(indices, event.index)
        indices.insert(at, event.index)
        self._events.setdefault(event.event_class, []).insert(at, event)

    def near(self, event: EventMention, event_class: str | None = None) -> list[EventMention]:
        """The dated mentions of the event's class (or of ``event_class``), at most
        ``SAME_EVENT_REACH`` on either side of it."""
        event_class = event_class or event.event_class
        indices = self._indices.get(event_class, [])
        at = bisect.bisect(indices, event.index)
        return self._events.get(event_class, [])[max(0, at - SAME_EVENT_REACH):at + SAME_EVENT_REACH]


def same_event(event: EventMention, doc: Doc, dated: list[EventMention],
                modifiers: frozenset[str] = frozenset(), speaks_for: dict[str, str] | None = None,
                blocking: frozenset[str] = frozenset()) -> Dating | None:
    """A definite mention ("the call", "his call with Putin") is the dated mention of its class
    in the article (``dated``: those near it) that has all its parties (an institution counting
    as its state); with one party named, one that shares it; never one of its own sentence
    that is placed before or after it (``blocking``: "met Lula before the summit")."""
    mine = set(event.actors)
    head = doc[event.head]
    occasion = (event.event_class in OCCASIONS and head.dep_ == "pobj" and head.head.lower_ in OCCASION_PREPS
                and refers_back(head))          # "At the talks, Modi told Putin …" (not "the talks" as a process)
    if not event.nominal or not (event.event_class in REFERABLE or occasion) or not refers_back(head):
        return None
    if _names_a_new_one(doc[event.head], modifiers):
        return None
    states = speaks_for or {}
    mine_states = represented(mine, states)

    def holds_mine(other: EventMention) -> bool:
        """Its parties hold mine, or it names none ("Thursday morning's call" … "the call between …")."""
        theirs = set(other.actors) | represented(other.actors, states)
        return not theirs or mine_states <= theirs or mine <= theirs

    told_past = clause_tense(doc[event.head]) == "past"     # "chose India for his first trip": not a later one
    blocked = doc[event.head].dep_ == "pobj" and doc[event.head].head.lower_ in blocking   # "met before the summit"
    candidates = [d for d in dated if d.event_class == event.event_class and d.dating.rule != "same-sentence"
                  and not (blocked and d.sentence_index == event.sentence_index)
                  and (not mine or holds_mine(d) or (len(mine) == 1 and mine & set(d.actors)))
                  and not (told_past and d.dating.ahead)
                  and not (occasion and d.index > event.index)]
    if not candidates:
        return None
    best = max(candidates, key=lambda d: (len(mine & set(d.actors)), -abs(d.index - event.index)))
    spans = {(d.dating.begin, d.dating.end) for d in candidates if set(d.actors) == set(best.actors)}
    if len(spans) > 1:
        return None
    base = best.dating
    return Dating(base.begin, base.end, base.granularity, "same-event-in-article", base.anchor_date,
                  None, None, best.index)




def told_again(event: EventMention, doc: Doc, dated: list[EventMention], speech: frozenset[str],
               timed: set[int]) -> Dating | None:
    """"Chile shelled Peru on Saturday … The shelling killed 31 people, Peru said on Sunday": a
    definite event noun (``refers_back``) in what a speech verb reports, its own clause stating
    no time (``timed``: the words times hang on), is the latest mention of its class told before
    its sentence (``dated``: those near it), with the parties it names among that one's: the
    report's day is when it was told, not when it happened."""
    head = doc[event.head]
    if head.pos_ != "NOUN" or not refers_back(head) or head.dep_ not in ("nsubj", "nsubjpass", "dobj"):
        return None
    clause = head.head
    if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in speech or clause.i in timed:
        return None
    if any(t.i in timed for c in clause.children if c.dep_ not in ("ccomp", "advcl", "relcl") for t in c.subtree):
        return None
    before = [d for d in dated if d.event_class == event.event_class and d.sentence_index < event.sentence_index
              and set(event.actors) <= set(d.actors)]
    if not before:
        return None
    base = max(before, key=lambda d: d.index).dating
    return Dating(base.begin, base.end, base.granularity, "same-event-in-article", base.anchor_date,
                  None, None, max(before, key=lambda d: d.index).index)


def spoken_at_meeting(event: EventMention, doc: Doc, dated: DatedMentions, extra: ExtraCues) -> Dating | None:
    """"Lula and Modi met in Rio on Wednesday … Soon after talking with Modi,
    Trump held a press conference": a verb of speaking (``unmarked_contact_words``) told by no phone,
    with no time of its own, whose parties met in a meeting dated to a day earlier in the article,
    is that meeting: the caller makes it one of class Meeting with the meeting's date."""
    head = doc[event.head]
    if (event.event_class != "PhoneCall" or event.nominal or event.dating is not None or len(event.actors) < 2
            or head.lemma_.lower() not in extra.unmarked_contact_words or by_phone(head, extra)):
        return None
    mine = set(event.actors)
    met = [e for e in dated.near(event, MEETING) if e.index < event.index and e.dating.granularity == "day"
           and mine <= set(e.actors)]
    if not met:
        return None
    base = met[-1].dating
    return Dating(base.begin, base.end, base.granularity, "same-event-in-article", base.anchor_date,
                  None, None, met[-1].index)


def judged_in_report(events: list[EventMention], doc: Doc) -> list[EventMention]:
    """"Rubio said talks in Oslo were useful": a call, meeting, talks or visit
    told by an indefinite noun (a definite one is one told before), the subject of a simple-past
    clause a report dated to a day states, with no time of its own, had taken place by the report:
    it takes the report's day (``judged-in-report``; "were scheduled for" is no simple past)."""
    reports = {e.head: e for e in events if e.event_class == "Statement" and e.dating is not None
               and e.dating.granularity == "day"}
    out = []
    for event in events:
        head = doc[event.head]
        clause = head.head
        if (event.dating is None and event.nominal and event.event_class in CONTACT and head.dep_ == "nsubj"
                and not refers_back(head)
                and clause.dep_ == "ccomp" and clause.tag_ == "VBD" and clause.head.i in reports):
            report = reports[clause.head.i]
            base = report.dating
            event = replace(event, dating=Dating(base.begin, base.end, base.granularity, "judged-in-report",
                                                 base.anchor_date, None, None, report.index))
        out.append(event)
    return out
