"""Which clause a time belongs to, read from the words right around it and the parse.

A time that bounds an event ("since 2019", "until Friday") is not its time,
unless a possessive makes it the time of the noun after it ("after Monday's
meeting"); a time right after a speech verb is the speaking's ("said on
Saturday it would …"), whatever verb the parser hangs it on, and a time
counted from the day of telling inside a report dated to a day counts from
that day ("wrote on Sunday that drones struck overnight"). The word before
a time is also what :mod:`.precedent` reads ("the first call since March").
A time on a word that tells no event dates the clause of that word
(:func:`times_of_clauses`).
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import datetime as dt

from spacy.tokens import Doc, Token

from graph.extract.dates import TimeMention, default_vocabulary
from graph.extract.modality import clause_head
from graph.extract.placement import MAX_CLIMB
from graph.knowledge import Knowledge

#: How far back the word before a time is looked for (a word longer than this is no bounding word).
LAST_WORD = 40
PARTICIPLES = {"VBG", "VBN"}
#: Entity types of time words ("yesterday evening": the time of "evening" is the clause's).
TIME_ENTITIES = {"DATE", "TIME"}
#: Links from an infinitive up to the verb whose object it completes ("rejected an invitation to meet")
#: or whose purpose it states ("met to discuss a treaty in Prague in October 2022").
INFINITIVE_PATH = {"acl", "xcomp", "dobj", "advcl"}


def word_before(text: str, time: TimeMention) -> str | None:
    """The word written right before the time, lower-cased (None at the start of the text)."""
    before = text[max(0, time.start - LAST_WORD):time.start].split()
    return before[-1].lower() if before else None


def bounding(text: str, time: TimeMention, bounds: frozenset[str]) -> bool:
    """"since 2019", "until Friday": a time that bounds an event is not its time ("after Monday's
    meeting": a possessive is the noun's time, and bounds nothing)."""
    if text.startswith(("'s", "’s"), time.end):
        return False
    return word_before(text, time) in bounds


@lru_cache(maxsize=4)
def speech_lemmas(knowledge: Knowledge) -> frozenset[str]:      # the one-word ``content`` triggers
    return frozenset(t.lemma[0] for t in knowledge.triggers if t.content and len(t.lemma) == 1)


def said_on(doc: Doc, times: list[TimeMention], knowledge: Knowledge) -> list[TimeMention]:
    """"said on Saturday it would …": a time right after a speech verb is the speaking's time."""
    speech = speech_lemmas(knowledge)
    out = []
    for time in times:
        first = doc.char_span(time.start, time.end, alignment_mode="expand")
        before = doc[first.start - 1] if first is not None and first.start > 0 else None
        if (before is not None and time.head is not None and before.lemma_.lower() in speech
                and before.pos_ == "VERB" and time.head != before.i and before.is_ancestor(doc[time.head])):
            time = replace(time, head=before.i)
        out.append(time)
    return out


#: Times told relative to the day of telling ("overnight", "yesterday", "today"): in a report
#: dated to another day, they count from that day.
DAY_RELATIVE_UNIT = "day"


def told_relative(doc: Doc, times: list[TimeMention], knowledge: Knowledge) -> list[TimeMention]:
    """"X wrote on Sunday that Russia had launched 300 drones overnight": a day-relative time
    inside what a speech verb reports counts from the report's own day (a day the report states,
    other than the one it was resolved against), not from the publication."""
    speech = speech_lemmas(knowledge)
    relative = {r.rule for r in default_vocabulary().relative if r.unit == DAY_RELATIVE_UNIT}
    days = {t.head: t for t in times if t.head is not None and t.span is not None and t.rule not in relative
            and t.span.granularity.value == "day" and t.span.begin == t.span.end}
    out = []
    for time in times:
        if time.rule in relative and time.span is not None and time.anchor is not None and time.head is not None:
            verb = next((a for a in doc[time.head].ancestors if a.lemma_.lower() in speech and a.pos_ == "VERB"), None)
            told = days.get(verb.i) if verb is not None else None
            if told is not None and told.span.begin != time.anchor and any(
                    c.dep_ == "ccomp" and c.is_ancestor(doc[time.head]) or c.i == time.head for c in verb.children):
                shift = told.span.begin - time.anchor
                time = replace(time, span=replace(time.span, begin=time.span.begin + shift, end=time.span.end + shift),
                               anchor=told.span.begin)
        out.append(time)
    return out


def times_of_clauses(doc: Doc, times_by_head: dict[int, list[TimeMention]], triggers: set[int],
                     published: dt.date | None, knowledge: Knowledge) -> dict[int, list[TimeMention]]:
    """The times each clause states through a word that is no event of its own: a noun of the
    clause ("signed at the end of the summit on Monday"), a participle clause hung on it
    ("Speaking in an address on Wednesday, X condemned …"), an infinitive with no event
    ("rejected an invitation to meet in Turkey last week"): clause head → times."""
    clause_times: dict[int, list[TimeMention]] = {}
    for head, found in times_by_head.items():
        token = doc[head]
        if token.pos_ not in ("VERB", "AUX"):
            if not (token.dep_ == "pobj" and token.head.lower_ in knowledge.cues.blocking_preps
                    or token.lemma_.lower() in default_vocabulary().ahead_nouns):     # "a Friday deadline"
                verb = clause_head(token)          # "Speaking in an address on Wednesday, X condemned …"
                verb = clause_head(verb.head) if _bare_participle(verb, triggers) and verb.dep_ == "advcl" else verb
                clause_times.setdefault(verb.i, []).extend(
                    t for t in found if not _written_before_its_event(t, token, triggers))
        elif token.dep_ in ("advcl", "acl") and _bare_participle(token, triggers):
            clause_times.setdefault(clause_head(token.head).i, []).extend(found)
        elif head not in triggers and (carrier := _past_carrier(token, triggers)) is not None:
            past = [t for t in found if published is not None and t.span.end <= published
                    and not t.rule.endswith("-nearest")]       # "an invitation to attend … in November": ahead
            clause_times.setdefault(carrier, []).extend(past)
    return clause_times


def _bare_participle(verb: Token, triggers: set[int]) -> bool:
    """A participle clause telling no event of its own ("Speaking on Monday, …"), not a perfect one."""
    return (verb.tag_ in PARTICIPLES and verb.i not in triggers
            and not any(c.dep_ == "aux" and c.lower_ == "having" for c in verb.children))


def _written_before_its_event(time: TimeMention, noun: Token, triggers: set[int]) -> bool:
    """"the April 11 meeting", "his Wednesday call", "Saturday's swap": a time written before the
    event noun it modifies, or a possessive one, is that noun's time, not its clause's (not so
    before a time word: "yesterday evening")."""
    if time.end > noun.idx or noun.ent_type_ in TIME_ENTITIES:
        return False
    return noun.i in triggers or noun.doc.text.startswith(("'s", "’s"), time.end)


def _past_carrier(token: Token, triggers: set[int]) -> int | None:
    """The event a time on an infinitive with no event of its own belongs to.

    "rejected an invitation to meet in Turkey last week", "met to discuss a
    treaty in October 2022": "to meet", "to discuss" state no event, so their
    past time dates the past-tense event above.
    """
    if token.tag_ != "VB" or not any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children):
        return None
    node = token
    for _ in range(MAX_CLIMB):
        if node.head.i == node.i or node.dep_ not in INFINITIVE_PATH:
            return None
        node = node.head
        if node.i in triggers:
            return node.i if node.tag_ == "VBD" else None
    return None
