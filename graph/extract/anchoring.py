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
   ``participle-clause`` ("condemned the war on Friday, calling on Putin
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

A time that bounds an event ("since 2019", "until Friday") is not its time;
an elliptic clause ("as Ukraine did last week") has a time of its own.

Nominal mentions of other classes ("a ceasefire", "the invasion") are kept
only when dated: undated they are talk about an event, not a report of one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Doc, Token

from graph.extract.arguments import carrier
from graph.extract.dates import TimeMention, clause_tense
from graph.extract.events import CONTACT
from graph.extract.framing import during_dating, framing_dating, restated_dating
from graph.extract.lead import before_its_context, contact_outcomes, lead_context, lead_event
from graph.extract.modality import clause_head, gapless
from graph.extract.records import Dating, EventMention
from graph.extract.text import doc_text
from graph.knowledge import Knowledge

MAX_PASSES = 5
#: Times that give way to any other time of the same clause ("in his overnight address on Monday").
VAGUE_RULES = {"overnight-or-same-day"}
PARTICIPLES = {"VBG", "VBN"}
ARGUMENTS = {"nsubj", "nsubjpass", "dobj"}
ARTICLES = {"the", "a", "an"}
#: Classes whose definite mentions ("the call") refer back to one event of the article.
REFERABLE = {"PhoneCall", "Meeting", "Visit"}
DEFINITE = {"the", "this", "that"}
#: An event named inside another noun's phrase ("the groundwork for the call") is not dated by the clause.
NOUNS = {"NOUN", "PROPN"}
MAX_CLIMB = 6
#: Links from an infinitive up to the verb whose object it completes ("rejected an invitation to meet").
INFINITIVE_PATH = {"acl", "xcomp", "dobj"}


def _bounding(text: str, time: TimeMention, bounds: frozenset[str]) -> bool:
    """"since 2019", "until Friday", "before Monday": a time that bounds an event is not its time."""
    before = text[:time.start].split()
    return bool(before) and before[-1].lower() in bounds


def _from_time(time: TimeMention) -> Dating:
    span = time.span
    return Dating(span.begin, span.end, span.granularity.value, time.rule,
                  time.anchor, time.text, (time.start, time.end))


def _climb(token: Token, blocking: frozenset[str], background: frozenset[str] = frozenset(),
           containers: frozenset[str] = frozenset()) -> list[Token]:
    """The word and the words above it, up to the sentence root.

    The climb stops at a blocking preposition ("days after the meeting"), at
    a clause it introduces ("until he met Putin"), at a preposition naming a
    background ("on March 17, amid the invasion"), at a preposition
    attached to a noun ("the groundwork for the call") and between conjoined
    clauses of which one is perfect and the other not: the clause's time is
    then not the time of the event named there.
    """
    path = [token]
    while path[-1].head.i != path[-1].i and len(path) < MAX_CLIMB:
        node = path[-1]
        if node.dep_ == "pobj" and (node.head.lower_ in blocking | background or node.head.head.pos_ in NOUNS):
            stand = carrier(node, containers)
            if stand.i == node.i:
                break
            path += [node.head, stand]
            continue
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in blocking for c in node.children):
            break
        if node.dep_ == "conj" and _perfect(node) != _perfect(node.head):
            break
        path.append(node.head)
    return path


def _perfect(verb: Token) -> bool:
    """"have been", "has hit": a perfect clause, whose time is not that of a simple-past clause
    it is conjoined to ("was annexed in 2014, and strikes have been part of the war")."""
    return verb.pos_ in ("VERB", "AUX") and any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)


def _definite(token: Token) -> bool:
    """"the call", "Monday's call", "their meeting": a mention that refers back."""
    return any((c.dep_ == "det" and c.lower_ in DEFINITE) or c.dep_ == "poss" for c in token.children)


def _names_a_new_one(token: Token, modifiers: frozenset[str]) -> bool:
    """"their next meeting", "another call": never one mentioned before."""
    return any(c.dep_ in ("amod", "det") and c.lower_ in modifiers for c in token.children)


def _day_shift(prep: Token, knowledge: Knowledge) -> int | None:
    """The days "a day after", "hours before" put between two events (None: the text does not say)."""
    for child in prep.children:
        if child.dep_ == "npadvmod":
            phrase = " ".join(t.lower_ for t in child.subtree) + " " + prep.lower_
            return knowledge.cues.day_shifts.get(phrase)
    return None


@lru_cache(maxsize=8)
def _without_articles(phrases: tuple[str, ...]) -> frozenset[str]:
    """"after the call" as the parse's chain of words has it: "after call"."""
    return frozenset(" ".join(w for w in p.split() if w not in ARTICLES) for p in phrases)


def _relative_targets(node: Token, knowledge: Knowledge) -> list[tuple[int, int | None]]:
    """(token index of an event noun, day shift or None when unstated) for "after the call"-like
    phrases on ``node`` ("on the eve of the summit": the shift of the phrase itself)."""
    preps = _without_articles(knowledge.cues.relative_preps)
    phrase_shifts = {" ".join(w for w in p.split() if w not in ARTICLES): days
                     for p, days in knowledge.cues.day_shifts.items()}
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
                shift = _day_shift(child, knowledge)
                if shift is None:
                    shift = next((_measured(m, child, knowledge) for m in node.children
                                  if m.dep_ == "npadvmod" and m.i == child.i - 1 - (m.right_edge.i - m.i)), None)
                out.append((target.i, phrase_shifts.get(phrase) if shift is None else shift))
                break
    for measure in node.children:
        if measure.dep_ != "npadvmod":
            continue
        for prep in measure.children:
            obj = next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None)
            if prep.dep_ == "prep" and prep.lower_ in preps and obj is not None:
                out.append((obj.i, _measured(measure, prep, knowledge)))
    for clause in node.children:
        mark = next((c for c in clause.children if c.dep_ == "mark" and c.lower_ in preps), None)
        if clause.dep_ == "advcl" and mark is not None:
            shift = _day_shift(mark, knowledge)
            if shift is None:
                shift = next((_measured(m, mark, knowledge) for m in clause.children
                              if m.dep_ in ("npadvmod", "dep") and m.i < mark.i), None)
            out += _clause_targets(clause, shift)
    for prep in node.children:
        measure = next((g for g in prep.children if g.dep_ == "pobj"), None) if prep.dep_ == "prep" else None
        for clause in measure.children if measure is not None else ():
            mark = next((c for c in clause.children if c.dep_ == "mark" and c.lower_ in preps), None)
            if clause.dep_ in ("advcl", "relcl", "acl") and mark is not None:
                phrase = " ".join(t.lower_ for t in (prep, measure, mark) if t.lower_ not in ARTICLES)
                out += _clause_targets(clause, phrase_shifts.get(phrase))
    return out


def _clause_targets(clause: Token, shift: int | None) -> list[tuple[int, int | None]]:
    """A clause an event is placed against, and the event nouns it is about: "after the meeting
    concluded" (its subject), "after Trump ended his call" (its object)."""
    return [(clause.i, shift)] + [(c.i, shift) for c in clause.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]


def _measured(measure: Token, prep: Token, knowledge: Knowledge) -> int | None:
    """"a day after" parsed as a measure noun with the preposition below or beside it."""
    words = [t.lower_ for t in measure.subtree if t.i < prep.i and not (prep.left_edge.i <= t.i <= prep.right_edge.i)]
    return knowledge.cues.day_shifts.get(" ".join(words + [prep.lower_]))


def _placed_by_another_event(token: Token, knowledge: Knowledge) -> bool:
    """Whether a clause above the word is placed before or after something else.

    "Speaking ahead of the call, X said …", "a day after the delegations
    met, X said …": such a clause is dated by that other event or not at all,
    never by its neighbours.
    """
    blocking = knowledge.cues.blocking_preps
    if any(c.dep_ == "mark" and c.lower_ in blocking for c in clause_head(token).children):
        return True
    for node in _climb(token, blocking, knowledge.extra.background_preps):
        for child in node.children:
            if child.dep_ == "prep" and child.lower_ in blocking:
                return True
            clauses = [child, *(g for g in child.children if g.dep_ in ("relcl", "advcl", "acl"))]
            if any(m.dep_ == "mark" and m.lower_ in blocking for c in clauses for m in c.children):
                return True
    return False


def _past_carrier(token: Token, triggers: set[int]) -> int | None:
    """The event a time on an infinitive with no event of its own belongs to.

    "rejected an invitation to meet in Turkey last week": "to meet" states
    no event, so its past time dates the past-tense event above it.
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


def _shifted(dating: Dating, days: int, anchor_index: int, rule: str = "relative-to-event") -> Dating:
    delta = dt.timedelta(days=days)
    return Dating(dating.begin + delta, dating.end + delta, dating.granularity, rule,
                  dating.begin, None, None, anchor_index)


def _own_or_relative(event: EventMention, doc: Doc, times_by_head: dict[int, list[TimeMention]],
                     clause_times: dict[int, list[TimeMention]], events_by_head: dict[int, EventMention], knowledge: Knowledge) -> Dating | None:
    path = _climb(doc[event.head], knowledge.cues.blocking_preps, knowledge.extra.background_preps,
                  knowledge.extra.container_nouns)
    if clause_tense(doc[event.head]) == "future" or before_its_context(doc[event.head]):
        own = clause_head(doc[event.head]).i
        path = path[:[n.i for n in path].index(own) + 1] if own in [n.i for n in path] else path[:1]
    for node in path:
        times = times_by_head.get(node.i) or (
            clause_times.get(node.i) if node.pos_ in ("VERB", "AUX") else None)
        if times:
            return _from_time(min(times, key=lambda t: (t.rule in VAGUE_RULES, abs(t.start - event.trigger_span[0]))))
        found = _relative(event, node, events_by_head, knowledge)
        if found:
            return found
    head = doc[event.head]
    carriers = [head] if event.nominal else [head, head.head] if head.dep_ == "dobj" else []
    for carrier in carriers:
        for child in carrier.children:
            if child.dep_ not in ("acl", "relcl", "advcl", "xcomp") or child.i == head.i:
                continue
            if any(c.dep_ == "mark" and c.lower_ in knowledge.cues.blocking_preps for c in child.children):
                continue
            for token in _own_clause(child):
                if token.i in times_by_head:
                    return _from_time(times_by_head[token.i][0])
                found = _relative(event, token, events_by_head, knowledge)
                if found:
                    return found
    return None


def _own_clause(root: Token) -> list[Token]:
    """The words of a clause, leaving out the clauses nested in it."""
    out, stack = [], [root]
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(c for c in node.children if c.dep_ not in ("relcl", "advcl", "acl", "ccomp", "csubj"))
    return sorted(out, key=lambda t: t.i)


def _relative(event: EventMention, node: Token, events_by_head: dict[int, EventMention],
              knowledge: Knowledge) -> Dating | None:
    for target, shift in _relative_targets(node, knowledge):
        other = events_by_head.get(target)
        if other is not None and other.index != event.index and other.dating is not None:
            return _shifted(other.dating, shift or 0, other.index)
    return None


def _placing_events(event: EventMention, doc: Doc, events_by_head: dict[int, EventMention],
                    knowledge: Knowledge) -> list[tuple[EventMention, int]]:
    """The events that a clause above ``event`` is placed against at a stated distance in days
    ("a day after the call", "hours after the talks", "on the eve of the summit")."""
    found = []
    for node in _climb(doc[event.head], knowledge.cues.blocking_preps, knowledge.extra.background_preps,
                       knowledge.extra.container_nouns):
        for target, shift in _relative_targets(node, knowledge):
            other = events_by_head.get(target)
            if other is not None and other.index != event.index and shift is not None:
                found.append((other, shift))
    return found


def _occurrence_anchors(events: list[EventMention], doc: Doc, published: dt.date | None,
                        knowledge: Knowledge, own_times: dict[int, list[TimeMention]]) -> dict[int, Dating]:
    """A clause that is no event but has a time dates the event it is placed against at a stated
    distance: "cities went dark on Saturday night, hours after a truce was declared", and a clause
    that only says when something happened ("come", "happen", ``occurrence_verbs``): "the talks
    come a day after Trump spoke to Xi" (present tense: the publication date), "it came hours
    after the call" (with "it" or "this": the day of the latest event dated before it)
    (``before-dated-event``)."""
    verbs = knowledge.extra.occurrence_verbs
    by_head = {e.head: e for e in events}
    found: dict[int, Dating] = {}
    for token in doc:
        if token.pos_ not in ("VERB", "AUX") or token.i in by_head:
            continue
        own = own_times.get(token.i)
        if own:
            base = _from_time(own[0]), None
        elif token.lemma_.lower() in verbs:
            base = _occurrence_time(token, events, published)
        else:
            continue
        if base is None:
            continue
        for target, shift in _relative_targets(token, knowledge):
            other = by_head.get(target)
            if other is not None and other.dating is None and shift is not None:
                found.setdefault(other.index, _shifted(base[0], -shift, base[1], "before-dated-event"))
    return found


def _occurrence_time(verb: Token, events: list[EventMention], published: dt.date | None
                     ) -> tuple[Dating, int | None] | None:
    """The time of an occurrence clause: now for the present tense, the last dated day for "it came"."""
    if verb.tag_ in ("VBZ", "VBP") and published is not None:
        return Dating(published, published, "day", "publication-date", published), None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if verb.tag_ != "VBD" or subject is None or subject.lower_ not in ("it", "this"):
        return None
    before = [e for e in events if e.dating is not None and e.dating.granularity == "day"
              and e.head < verb.sent.start]
    if not before:
        return None
    last = max(before, key=lambda e: e.head)
    return last.dating, last.index


def _inverse_relative(events: list[EventMention], doc: Doc, knowledge: Knowledge) -> dict[int, Dating]:
    """An undated event that a dated one is placed against at a stated distance takes the date
    that distance gives: "X on Wednesday, a day after the call" puts the call on Tuesday
    (``before-dated-event``). An event placed against it in a vaguer way ("after the call")
    says nothing of its day."""
    by_head = {e.head: e for e in events}
    found: dict[int, Dating] = {}
    for event in events:
        if event.dating is None or event.dating.rule in ("relative-to-event", "before-dated-event"):
            continue
        for other, shift in _placing_events(event, doc, by_head, knowledge):
            if other.dating is None and other.index not in found:
                found[other.index] = _shifted(event.dating, -shift, event.index, "before-dated-event")
    return found


def _same_event(event: EventMention, doc: Doc, dated: list[EventMention],
                modifiers: frozenset[str] = frozenset(), speaks_for: dict[str, str] | None = None) -> Dating | None:
    """A definite mention ("the call", "his call with Putin") is the dated mention of its class
    in the article that has all its parties (an institution counting as its state); with one
    party named, one that shares it."""
    mine = set(event.actors)
    if not event.nominal or event.event_class not in REFERABLE or not (_definite(doc[event.head]) or not mine):
        return None
    if _names_a_new_one(doc[event.head], modifiers):
        return None
    states = speaks_for or {}
    mine_states = {states.get(a, a) for a in mine}

    def holds_mine(other: EventMention) -> bool:
        theirs = set(other.actors) | {states.get(a, a) for a in other.actors}
        return mine_states <= theirs or mine <= theirs

    candidates = [d for d in dated if d.event_class == event.event_class and d.dating.rule != "same-sentence"
                  and (not mine or holds_mine(d) or (len(mine) == 1 and mine & set(d.actors)))]
    if not candidates:
        return None
    best = max(candidates, key=lambda d: (len(mine & set(d.actors)), -abs(d.index - event.index)))
    spans = {(d.dating.begin, d.dating.end) for d in candidates if set(d.actors) == set(best.actors)}
    if len(spans) > 1:
        return None
    base = best.dating
    return Dating(base.begin, base.end, base.granularity, "same-event-in-article", base.anchor_date,
                  None, None, best.index)


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
                   knowledge: Knowledge) -> Dating | None:
    if event.nominal or before_its_context(doc[event.head]):
        return None
    others = [e for e in events if e.sentence_index == event.sentence_index and e.dating is not None
              and e.index != event.index and e.dating.rule != "same-sentence" and not e.elliptic
              and _linked(doc[event.head], doc[e.head], knowledge.cues.simultaneous_marks)]
    spans = {(e.dating.begin, e.dating.end) for e in others}
    if len(spans) != 1:
        return None
    base = others[0]
    return Dating(base.dating.begin, base.dating.end, base.dating.granularity, "same-sentence",
                  base.dating.anchor_date, None, None, base.index)


def _trailing_times(doc: Doc, events: list[EventMention], times: list[TimeMention],
                    blocking: frozenset[str]) -> list[TimeMention]:
    """"the largest assault since Russia's invasion of Ukraine in February 2022": a time right
    after an event noun placed by "since", "after", "before" … belongs to that noun, whatever
    verb the parser hangs it on (a clause is not dated by a time inside such a phrase)."""
    ends = {}
    for event in events:
        token = doc[event.head]
        if event.nominal and token.dep_ == "pobj" and token.head.lower_ in blocking:
            ends[token.right_edge.idx + len(token.right_edge)] = token.i
    if not ends:
        return times
    out = []
    for time in times:
        before = _end_before(doc, time.start)
        if before in ends and time.head is not None and doc[time.head].pos_ in ("VERB", "AUX"):
            time = replace(time, head=ends[before])
        out.append(time)
    return out


def _end_before(doc: Doc, start: int) -> int:
    """The end offset of the last word before character ``start``."""
    text = doc_text(doc)
    end = start
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _participle_clause(event: EventMention, doc: Doc, by_head: dict[int, EventMention]) -> Dating | None:
    """"Scholz condemned the war during the call, calling on Putin to withdraw": a present
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


def _sequel_clauses(doc: Doc, knowledge: Knowledge) -> dict[int, int]:
    """Verbs whose clause is placed after what the text told last ("Hours later, drones struck
    Kyiv", "the next day"), and the days after it (``sequel_shifts``)."""
    text = doc_text(doc).lower()
    found: dict[int, int] = {}
    for phrase, days in knowledge.cues.sequel_shifts.items():
        start = text.find(phrase)
        while start >= 0:
            end = start + len(phrase)
            before, after = text[start - 1:start], text[end:end + 1]
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None and not before.isalnum() and not after.isalnum():
                found.setdefault(clause_head(span.root).i, days)
            start = text.find(phrase, end)
    return found


def _sequel(event: EventMention, doc: Doc, events: list[EventMention], sequels: dict[int, int],
            knowledge: Knowledge) -> Dating | None:
    """An event in a clause placed after what the text told last: the latest event dated to a day
    before its sentence, shifted (``after-previous``)."""
    if not sequels:
        return None
    path = _climb(doc[event.head], knowledge.cues.blocking_preps, knowledge.extra.background_preps,
                  knowledge.extra.container_nouns)
    days = next((sequels[n.i] for n in path if n.i in sequels), None)
    if days is None:
        return None
    start = doc[event.head].sent.start
    before = [e for e in events if e.dating is not None and e.dating.granularity == "day" and e.head < start]
    if not before:
        return None
    last = max(before, key=lambda e: e.head)
    return _shifted(last.dating, days, last.index, "after-previous")


def date_events(doc: Doc, events: list[EventMention], times: list[TimeMention],
                published: dt.date | None, knowledge: Knowledge) -> list[EventMention]:
    """The event mentions with their datings settled (see the module docstring)."""
    times_by_head: dict[int, list[TimeMention]] = {}
    text = doc_text(doc)
    bounds = knowledge.cues.blocking_preps | knowledge.extra.bounding_preps
    times = _trailing_times(doc, events, times, knowledge.cues.blocking_preps)
    for time in times:
        if time.span is not None and time.head is not None and not _bounding(text, time, bounds):
            times_by_head.setdefault(time.head, []).append(time)
    triggers = {e.head for e in events}
    clause_times: dict[int, list[TimeMention]] = {}
    for head, found in times_by_head.items():
        token = doc[head]
        if token.pos_ not in ("VERB", "AUX"):
            clause_times.setdefault(clause_head(token).i, []).extend(found)
        elif (token.tag_ in PARTICIPLES and token.dep_ in ("advcl", "acl") and head not in triggers
              and not any(c.dep_ == "aux" and c.lower_ == "having" for c in token.children)):
            clause_times.setdefault(clause_head(token.head).i, []).extend(found)
        elif head not in triggers and (carrier := _past_carrier(token, triggers)) is not None:
            past = [t for t in found if published is not None and t.span.end <= published]
            clause_times.setdefault(carrier, []).extend(past)
    events = list(events)
    extra = knowledge.extra
    placed = {e.index for e in events if _placed_by_another_event(doc[e.head], knowledge)}
    sequels = _sequel_clauses(doc, knowledge)
    framed_of = {e.frame: e.index for e in events if e.frame is not None}
    lead_done = False
    for _ in range(MAX_PASSES):
        changed = False
        by_head = {e.head: e for e in events}
        by_index = {e.index: e for e in events}
        for i, event in enumerate(events):
            if event.dating is not None:
                continue
            dating = (_own_or_relative(event, doc, times_by_head, clause_times, by_head, knowledge)
                      or _sequel(event, doc, events, sequels, knowledge))
            if dating is None and event.index in placed:
                dating = _same_event(event, doc, [e for e in events if e.dating is not None],
                                     extra.new_event_modifiers, knowledge.speaks_for)
            if dating is None and event.index not in placed:
                dating = (_same_event(event, doc, [e for e in events if e.dating is not None],
                                      extra.new_event_modifiers, knowledge.speaks_for)
                          or _same_sentence(event, doc, events, knowledge)
                          or _participle_clause(event, doc, by_head)
                          or framing_dating(event, by_index, framed_of)
                          or during_dating(event, by_index)
                          or restated_dating(event, doc, events, extra.restated_classes, knowledge.cues,
                                             extra.object_control_verbs))
            if dating is not None:
                events[i] = replace(event, dating=dating)
                by_head[event.head] = events[i]
                by_index[event.index] = events[i]
                changed = True
        found = _inverse_relative(events, doc, knowledge)
        for index, dating in _occurrence_anchors(events, doc, published, knowledge, times_by_head).items():
            found.setdefault(index, dating)
        for index, dating in found.items():
            at = next(i for i, e in enumerate(events) if e.index == index)
            events[at] = replace(events[at], dating=dating)
            changed = True
        if not changed and not lead_done:
            lead_done = True
            found = lead_event(events, doc, published)
            if found is not None:
                lead, dating = found
                events[events.index(lead)] = replace(lead, dating=dating)
                changed = True
        if not changed:
            break
    events = lead_context(events, doc, placed, knowledge.speaks_for, published)
    events = contact_outcomes(events, doc, placed, knowledge.speaks_for, published, extra.outcome_classes)
    by_head = {e.head: e for e in events}
    events = [replace(e, dating=_participle_clause(e, doc, by_head)) if e.dating is None and e.index not in placed
              else e for e in events]
    return [e for e in events if e.dating is not None or not e.nominal or e.event_class in CONTACT]
