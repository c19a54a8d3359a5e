"""Dates an event takes from other events and from the text around it.

Where :mod:`.anchoring` reads an event's own time, this module places it
against something else: another event ("after the call", "a day after the
talks", "on the eve of the summit": ``relative-to-event``), the other way
round (an undated event that a dated one is placed against at a stated
distance: ``before-dated-event``), a clause that only says when
("the visit comes a day after the two ministers spoke"), and what the text told
last ("Hours later, drones struck Kyiv": ``after-previous``). A time right
after an event noun placed by "since" or "after" belongs to that noun
(:func:`trailing_times`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Doc, Token

from graph.extract.arguments import carrier
from graph.extract.date_rules import count_of, month_span, year_span
from graph.extract.dates import TimeMention, default_vocabulary
from graph.extract.lead import before_its_context
from graph.extract.modality import clause_head
from graph.extract.records import Dating, EventMention
from graph.extract.text import doc_text
from graph.knowledge import Knowledge

ARTICLES = {"the", "a", "an"}
#: An event named inside another noun's phrase ("the groundwork for the call") is not dated by the clause.
NOUNS = {"NOUN", "PROPN"}
MAX_CLIMB = 6
#: Relative words of an aside told of the main clause's occasion ("met in June, where they agreed …").
SAME_OCCASION = {"where", "when"}
#: Words that place a clause before another only at a stated distance ("hours before X arrived").
EARLIER = {"before"}


def from_time(time: TimeMention) -> Dating:
    span = time.span
    return Dating(span.begin, span.end, span.granularity.value, time.rule,
                  time.anchor, time.text, (time.start, time.end))


def climb(token: Token, blocking: frozenset[str], background: frozenset[str] = frozenset(),
           containers: frozenset[str] = frozenset()) -> list[Token]:
    """The word and the words above it, up to the sentence root.

    The climb stops at a blocking preposition ("days after the meeting"), at
    a clause it introduces ("until he met Putin", "since taking office"), at a preposition naming a
    background ("on March 17, amid the invasion"), at a preposition
    attached to a noun ("the groundwork for the call"), at a relative clause set off by a comma
    ("Qatar, which mediated the truce, said on Sunday"; not at one telling of the same occasion:
    "met in June, where they agreed …") and between conjoined
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
        if node.dep_ == "pcomp" and node.head.lower_ in blocking:
            break                                # "his first visit since taking office"
        if node.dep_ == "conj" and _perfect(node) != _perfect(node.head):
            break
        if node.dep_ == "relcl" and node.pos_ in ("VERB", "AUX") and node.left_edge.i > 0 \
                and node.doc[node.left_edge.i - 1].text == "," \
                and not any(c.lower_ in SAME_OCCASION for c in node.children if c.dep_ == "advmod"):
            break          # "Qatar, which mediated the truce, said on Sunday": an aside has its own time
        path.append(node.head)
    return path


def _perfect(verb: Token) -> bool:
    """"have been", "has hit": a perfect clause, whose time is not that of a simple-past clause
    it is conjoined to ("was annexed in 2014, and strikes have been part of the war")."""
    return verb.pos_ in ("VERB", "AUX") and any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)


#: Days in a unit of a distance told as a count ("three weeks after", "two years before"); the
#: units are those of the time vocabulary (``[ago]`` in ``ontology/time.toml``).
UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}


@lru_cache(maxsize=4)
def _counted_sequel(units: tuple[str, ...]) -> re.Pattern:
    """"a month later", "two weeks earlier": a distance after or before what the text told last."""
    return re.compile(rf"\b(\w+) ((?:{'|'.join(units)})s?) (later|earlier)\b")
#: A distance of at least this many days dates to the month, of at least a year to the year.
MONTH_DISTANCE, YEAR_DISTANCE = 28, 365


def told_shift(phrase: str, knowledge: Knowledge) -> int | None:
    """The days a phrase puts between two events: the table's ("a day after", "on the eve
    of"), else a count of units ("three years after": 1,095)."""
    days = knowledge.cues.day_shifts.get(phrase)
    words = phrase.split()
    if days is not None or len(words) != 3 or words[2] not in ("after", "before"):
        return days
    unit = words[1][:-1] if words[1].endswith("s") else words[1]
    vocabulary = default_vocabulary()
    if unit not in dict(vocabulary.ago_rules) or unit not in UNIT_DAYS:
        return None
    try:
        count = count_of(words[0], vocabulary)
    except KeyError:
        return None
    return count * UNIT_DAYS[unit] * (1 if words[2] == "after" else -1)


def _day_shift(prep: Token, knowledge: Knowledge) -> int | None:
    """The days "a day after", "hours before" put between two events (None: the text does not say)."""
    for child in prep.children:
        if child.dep_ == "npadvmod":
            return told_shift(" ".join(t.lower_ for t in child.subtree) + " " + prep.lower_, knowledge)
    return None


@lru_cache(maxsize=8)
def _without_articles(phrases: tuple[str, ...]) -> frozenset[str]:
    """"after the call" as the parse's chain of words has it: "after call"."""
    return frozenset(" ".join(w for w in p.split() if w not in ARTICLES) for p in phrases)


@lru_cache(maxsize=8)
def _phrase_shifts(shifts: tuple[tuple[str, int], ...]) -> dict[str, int]:
    """The day shifts by phrase as the parse's chain of words has it ("on eve of": -1)."""
    return {" ".join(w for w in p.split() if w not in ARTICLES): days for p, days in shifts}


def relative_targets(node: Token, knowledge: Knowledge) -> list[tuple[int, int | None]]:
    """(token index of an event noun, day shift or None when unstated) for "after the call"-like
    phrases on ``node`` ("on the eve of the summit": the shift of the phrase itself)."""
    preps = _without_articles(knowledge.cues.relative_preps)
    phrase_shifts = _phrase_shifts(tuple(knowledge.cues.day_shifts.items()))
    out = []
    # "Ruto, hours before flying out, announced …": the parse may hang the phrase on the named subject
    named_subjects = [c for c in node.children if c.dep_ == "nsubj" and c.pos_ == "PROPN"]
    for child in [*node.children, *(c for s in named_subjects for c in s.children)]:
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
        measured = _day_shift(child, knowledge)
        if measured is None:
            measured = next((_measured(m, child, knowledge) for m in node.children
                             if m.dep_ == "npadvmod" and m.i == child.i - 1 - (m.right_edge.i - m.i)), None)
        for phrase, target in reversed(chain):
            if phrase in preps or (measured is not None and phrase == child.lower_):
                out.append((target.i, phrase_shifts.get(phrase) if measured is None else measured))
                break
    for measure in node.children:
        if measure.dep_ != "npadvmod":
            continue
        for prep in measure.children:
            obj = next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None)
            if prep.dep_ == "prep" and prep.lower_ in preps and obj is not None:
                out.append((obj.i, _measured(measure, prep, knowledge)))
        for clause in measure.children:         # "comes a day after X spoke": the clause hung on "day"
            mark = next((c for c in clause.children if c.dep_ == "mark" and c.lower_ in preps), None)
            if clause.dep_ in ("relcl", "acl") and mark is not None:
                out += _clause_targets(clause, _measured(measure, mark, knowledge))
    for clause in node.children:
        mark = next((c for c in clause.children if c.dep_ == "mark" and (c.lower_ in preps or c.lower_ in EARLIER)),
                    None)
        if clause.dep_ == "advcl" and mark is not None:
            shift = _day_shift(mark, knowledge)
            if shift is None:
                shift = next((_measured(m, mark, knowledge) for m in clause.children
                              if m.dep_ in ("npadvmod", "dep") and m.i < mark.i), None)
            if shift is None:                   # "came a day after X postponed": the measure hung on "came"
                shift = next((_measured(m, mark, knowledge) for m in node.children
                              if m.dep_ == "npadvmod" and m.right_edge.i == mark.i - 1), None)
            if mark.lower_ in preps or shift is not None:      # "hours before the delegation arrived"
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
    return told_shift(" ".join(words + [prep.lower_]), knowledge)


def shifted(dating: Dating, days: int, anchor_index: int, rule: str = "relative-to-event") -> Dating:
    """The dating moved by ``days``; a distance of months or years ("three years after the
    talks began") dates no closer than its month or year."""
    delta = dt.timedelta(days=days)
    begin, end, granularity = dating.begin + delta, dating.end + delta, dating.granularity
    if abs(days) >= YEAR_DISTANCE:
        span, granularity = year_span(begin.year), "year"
        begin, end = span.begin, span.end
    elif abs(days) >= MONTH_DISTANCE:
        span, granularity = month_span(begin.year, begin.month), "month"
        begin, end = span.begin, span.end
    return Dating(begin, end, granularity, rule, dating.begin, None, None, anchor_index)


def relative_dating(event: EventMention, node: Token, events_by_head: dict[int, EventMention],
                    knowledge: Knowledge, own_times: dict[int, list[TimeMention]] | None = None) -> Dating | None:
    """The date of the event (or of the dated clause: "hours before heading to church late
    yesterday") that a phrase on ``node`` places the event against, shifted as the text says."""
    targets = relative_targets(node, knowledge)
    for target, shift in targets:
        other = events_by_head.get(target)
        if (other is not None and other.index != event.index and other.dating is not None
                and not (shift is None and other.dating.granularity != "day" and placed_by(node.doc[target], EARLIER))):
            return shifted(other.dating, shift or 0, other.index)
    if any(target in events_by_head for target, _ in targets):
        return None
    for target, shift in targets:
        times = (own_times or {}).get(target)
        if times and times[0].span is not None:
            base, delta = from_time(times[0]), dt.timedelta(days=shift or 0)
            return Dating(base.begin + delta, base.end + delta, base.granularity, "relative-to-clause",
                          base.anchor_date, base.expression, base.expression_span)
    return None


def placed_by(target: Token, words: set[str]) -> bool:
    """Whether a clause is placed against ``target`` by one of ``words``: its preposition ("before
    confirming it in April") or its clause's conjunction ("after Maduro met the envoy")."""
    placing = [target.head] if target.dep_ in ("pobj", "pcomp") else [c for c in target.children if c.dep_ == "mark"]
    return any(w.lower_ in words for w in placing)


def placing_events(event: EventMention, doc: Doc, events_by_head: dict[int, EventMention],
                    knowledge: Knowledge, vague: bool = False) -> list[tuple[EventMention, int | None]]:
    """The events that a clause above ``event`` is placed against at a stated distance in days
    ("a day after the call", "hours after the talks", "on the eve of the summit"); with
    ``vague``, also those placed at no stated distance ("after the call": shift None)."""
    found = []
    for node in climb(doc[event.head], knowledge.cues.blocking_preps, knowledge.extra.background_preps,
                       knowledge.extra.container_nouns):
        for target, shift in relative_targets(node, knowledge):
            other = events_by_head.get(target)
            if other is not None and other.index != event.index and (shift is not None or vague):
                found.append((other, shift))
    return found


def trailing_times(doc: Doc, events: list[EventMention], times: list[TimeMention],
                    blocking: frozenset[str]) -> list[TimeMention]:
    """"the worst winter since Iraq's invasion of Kuwait in August 1990": a time right
    after a noun placed by "since", "after", "before" … belongs to that noun, whatever verb
    the parser hangs it on (a clause is not dated by a time inside such a phrase, whether the
    noun is an event of its own or the content of another)."""
    ends = {}
    for token in doc:
        if token.dep_ == "pobj" and token.pos_ in ("NOUN", "PROPN") and token.head.lower_ in blocking:
            ends[token.right_edge.idx + len(token.right_edge)] = token.i
    if not ends:
        return times
    out = []
    for time in times:
        before = _end_before(doc, time.start)
        if before in ends and time.head is not None:
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


def sequel_clauses(doc: Doc, knowledge: Knowledge) -> dict[int, int]:
    """Verbs whose clause is placed after what the text told last ("Hours later, drones struck
    Kyiv", "the next day"), and the days after it (``sequel_shifts``)."""
    text = doc_text(doc).lower()
    found: dict[int, int] = {}
    units = tuple(sorted(unit for unit, _ in default_vocabulary().ago_rules))
    for match in _counted_sequel(units).finditer(text):       # "a month later", "three weeks earlier"
        days = told_shift(f"{match.group(1)} {match.group(2)} after", knowledge)
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if days is not None and span is not None:
            found.setdefault(clause_head(span.root).i, days if match.group(3) == "later" else -days)
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


def sequel_dating(event: EventMention, doc: Doc, events: list[EventMention], sequels: dict[int, int],
            knowledge: Knowledge) -> Dating | None:
    """An event in a clause placed after what the text told last: the latest event dated to a day
    before its clause, shifted (``after-previous``; a month or more from a month); not one told
    in the pluperfect ("The day before, X had met Y. Later that day, …": that day is the
    story's, not the flashback's)."""
    if not sequels:
        return None
    path = climb(doc[event.head], knowledge.cues.blocking_preps, knowledge.extra.background_preps,
                  knowledge.extra.container_nouns)
    node = next((n for n in path if n.i in sequels), None)
    if node is None:
        return None
    days = sequels[node.i]
    start = node.left_edge.i          # before the clause the sequel is told in ("…, and a month later they …")
    coarse = ("day", "month") if abs(days) >= MONTH_DISTANCE else ("day",)     # "In May … a year later"
    before = [e for e in events if e.dating is not None and e.dating.granularity in coarse and e.head < start
              and not before_its_context(doc[e.head])]      # a flashback ("had met") moves no story time
    if not before:
        return None
    last = max(before, key=lambda e: e.head)
    return shifted(last.dating, days, last.index, "after-previous")
