"""Temporal expressions in a parsed article, resolved to date intervals.

Pure functions from a spaCy ``Doc`` to typed records, in the manner of
textacy's ``extract`` modules::

    mentions = find_time_mentions(doc, published=datetime.date(2025, 3, 18))
    resolve("last week", datetime.date(2025, 3, 18))   # (DateSpan(...WEEK), "last-week")

Detection is our own (the regular expressions of :mod:`.date_rules`, checked
against the parse); dateparser only ever sees an expression already known to
be an absolute date, never a whole sentence, so durations ("30 days",
"90-minute"), frequencies ("weekly") and the modal "may" never become dates.

Resolution, against the publication date (the *anchor*):

- weekdays: in a past or present clause the most recent such day on or
  before the anchor (the same day allowed), in a future clause the next one
  on or after it; "last Monday" / "next Monday" exclude the anchor itself;
- a month name alone ("in January") or a day without a year ("Feb. 28"):
  on or before the anchor in a past clause, on or after it in a future one,
  and whichever is nearer in a present one ("the final is on May 15");
- "last/this/next week|month|year" are whole units (ISO weeks run Monday to
  Sunday); "earlier this week|month|year" run from the unit's first day to
  the anchor and "later this ..." from the anchor to its last day, both with
  granularity ``INTERVAL``; weekends are Saturday..Sunday ``INTERVAL``;
- "N years ago" is the year ``anchor.year - N``; "N weeks/months/days ago"
  the week/month/day containing ``anchor - N units``;
- bare month names and bare years count only where the context makes them
  dates (a preposition such as "in"/"since", a spaCy DATE entity, "the 2024
  campaign"), never the modal "may" nor a count ("2000 troops");
- absolute dates carry no anchor.

Phrases relative to another event ("the next day", "a day after") are left
to the caller and not reported.

Vocabulary (relative phrases, their rule ids, prepositions, future
auxiliaries) is read from ``ontology/time.toml`` unless a
:class:`TimeVocabulary` is passed.
"""

from __future__ import annotations

import bisect
import datetime
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from graph.errors import KnowledgeError
from graph.extract.date_rules import TENSES, DateSpan, Granularity, compile_blocked, compile_patterns, read
from graph.extract.text import DATELINE_DASH, doc_text
from graph.extract.time_vocabulary import RelativePhrase, TimeVocabulary

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "DEFAULT_VOCABULARY_PATH",
    "DateSpan",
    "Granularity",
    "TimeMention",
    "TimeVocabulary",
    "clause_tense",
    "default_vocabulary",
    "find_time_mentions",
    "load_time_vocabulary",
    "resolve",
]

DEFAULT_VOCABULARY_PATH = Path(__file__).resolve().parents[2] / "ontology" / "time.toml"
UNITS = ("day", "week", "weekend", "month", "year")
# Entity labels that make a date word part of a name ("Good Friday
# Agreement", "USA Today", "Theresa May") when the entity reaches beyond it.
_NAME_LABELS = frozenset({"PERSON", "ORG", "WORK_OF_ART", "FAC", "PRODUCT", "LAW", "GPE", "LOC", "NORP"})
_NOT_A_YEAR = frozenset({"CARDINAL", "MONEY", "QUANTITY", "PERCENT", "ORDINAL"})


@dataclass(frozen=True)
class TimeMention:
    text: str  # the expression as written: "last week", "on Monday", "July 16, 2018"
    start: int  # character offsets into doc.text
    end: int
    span: DateSpan | None  # None when it cannot be resolved (relative, no anchor)
    rule: str  # rule id: "absolute-day", "weekday-past", "last-week", ...
    anchor: datetime.date | None  # the date it was resolved against; None if absolute
    head: int | None  # doc index of the token the expression modifies


def load_time_vocabulary(path: Path) -> TimeVocabulary:
    """Read a vocabulary file (see ``ontology/time.toml``)."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        relative = tuple(
            RelativePhrase(" ".join(p.lower().split()), e["rule"], e["unit"], int(e["offset"]), e.get("part", "whole"))
            for e in data["relative"]
            for p in e["phrases"]
        )
        vocab = TimeVocabulary(
            relative=relative,
            modifiers=tuple((k.lower(), int(v)) for k, v in data["modifiers"].items()),
            absorbed_prepositions=tuple(data["prepositions"]["absorbed"]),
            licensing_prepositions=tuple(data["prepositions"]["licensing"]),
            blocked_before=tuple(" ".join(w.lower().split()) for w in data["context"]["blocked_before"]),
            weekday_edges=tuple(data["weekday"]["edges"]),
            weekday_parts=tuple(data["weekday"]["parts"]),
            future_auxiliaries=tuple(data["tense"]["future_auxiliaries"]),
            future_governors=tuple(data["tense"]["future_governors"]),
            numbers=tuple((k.lower(), int(v)) for k, v in data["numbers"].items()),
            ago_rules=tuple((k, str(v)) for k, v in data["ago"].items()),
            parts_of_month=tuple((k, int(a), int(b)) for k, (a, b) in data["parts_of_month"].items()),
            parts_of_year=tuple((k, int(a), int(b)) for k, (a, b) in data["parts_of_year"].items()),
            ahead_nouns=tuple(data["tense"].get("ahead_nouns", ())),
        )
    except OSError as exc:
        raise KnowledgeError(f"cannot read the time vocabulary: {exc}", path=path) from exc
    except (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as exc:
        raise KnowledgeError(f"malformed time vocabulary: {exc!r}", path=path) from exc
    bad = [r.phrase for r in relative if r.unit not in UNITS or r.part not in ("whole", "before", "after")]
    if bad or {u for u, _ in vocab.ago_rules} - {"day", "week", "month", "year"}:
        raise KnowledgeError(f"unknown unit or part in the time vocabulary: {bad}", path=path)
    return vocab


@lru_cache(maxsize=1)
def default_vocabulary() -> TimeVocabulary:
    return load_time_vocabulary(DEFAULT_VOCABULARY_PATH)


def resolve(
    text: str,
    anchor: datetime.date | None,
    tense: str = "past",
    *,
    vocabulary: TimeVocabulary | None = None,
) -> tuple[DateSpan, str] | None:
    """Resolve one expression (``tense`` in past/present/future) to
    ``(span, rule)``, or None if it is not a date or needs a missing anchor."""
    if tense not in TENSES:
        raise ValueError(f"tense must be one of {TENSES}, not {tense!r}")
    found = read(text, anchor, tense, vocabulary or default_vocabulary())
    if found is None or found[1].span is None:
        return None
    return found[1].span, found[1].rule


def find_time_mentions(
    doc: Doc,
    published: datetime.date | None,
    *,
    vocabulary: TimeVocabulary | None = None,
) -> list[TimeMention]:
    """All temporal expressions that denote a date or period (not
    durations), sorted by start."""
    vocab = vocabulary or default_vocabulary()
    text = doc_text(doc)
    blocked = compile_blocked(vocab)
    candidates = []  # (start, end, priority, mention)
    for priority, pattern in enumerate(compile_patterns(vocab)):
        for m in pattern.regex.finditer(text):
            start = _start_without_preposition(text, m)
            if not m.groupdict().get("prep") and blocked.search(text, max(0, start - 40), start):
                continue  # "the next Monday", "every Monday" (but "50 prisoners each on Monday")
            tokens = doc.char_span(start, m.end(), alignment_mode="expand")
            if tokens is None or len(tokens) == 0:
                continue
            core = _core_token(tokens, m)
            if not _plausible(pattern.licence, tokens, core, vocab) or (
                    not m.groupdict().get("prep") and _dateline(text, start, m.end())):
                continue
            reading = pattern.handler(m, published, _tense_of_time(core, vocab), vocab)
            if reading is None:
                continue
            mention = TimeMention(
                text=text[start : m.end()],
                start=start,
                end=m.end(),
                span=reading.span,
                rule=reading.rule,
                anchor=published if reading.anchored and reading.span is not None else None,
                head=_attachment(tokens, core),
            )
            candidates.append((start, m.end(), priority, mention))
    return _that_year(text, _weekday_with_date(text, [c[3] for c in _longest_first(candidates)], published))


#: A dateline before its date, at a line's start: a place (one or two comma-ended names of up to
#: four capitalised words: "The Hague,", "Lima, Peru,").
DATELINE_PLACE = re.compile(r"\s*(?:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3},\s*){1,2}$")
#: And after it: an agency in brackets, maybe, then a colon or a dash.
DATELINE_END = re.compile(r"\s*(?:\([^)\n]{1,30}\)\s*)?" + DATELINE_DASH + r"\s")


def _dateline(text: str, start: int, end: int) -> bool:
    """"Lima, March 14: The two ministers have agreed …", "SANTIAGO, May 5 (Reuters) - …": the date of a
    dateline is when the story was filed, not when anything in it happened."""
    line_start = text.rfind("\n", 0, start) + 1
    return (start - line_start <= 60 and bool(DATELINE_PLACE.match(text, line_start, start))
            and bool(DATELINE_END.match(text, end)))


def _longest_first(candidates: list[tuple[int, int, int, TimeMention]]) -> list[tuple[int, int, int, TimeMention]]:
    """The candidates that no longer (or, at equal length, better) one overlaps, in text order.

    The chosen spans never overlap, so their starts and ends are sorted alike
    and one bisection finds the only neighbours a new span could overlap.
    """
    starts: list[int] = []
    chosen: list[tuple[int, int, int, TimeMention]] = []
    for cand in sorted(candidates, key=lambda c: (c[0] - c[1], c[2], c[0])):
        at = bisect.bisect_right(starts, cand[0])
        if (at and chosen[at - 1][1] > cand[0]) or (at < len(chosen) and chosen[at][0] < cand[1]):
            continue
        starts.insert(at, cand[0])
        chosen.insert(at, cand)
    return sorted(chosen)


WEEKDAY_THEN_DATE = re.compile(r"\s*[(,]\s*$")


def _weekday_with_date(text: str, mentions: list[TimeMention], published: datetime.date | None) -> list[TimeMention]:
    """"on Saturday (April 19)", "on Monday, June 9": one date, the day and month naming it and
    the weekday choosing the year (the one nearest the anchor in which that day is that weekday)."""
    out: list[TimeMention] = []
    skip = False
    for i, mention in enumerate(mentions):
        if skip:
            skip = False
            continue
        after = mentions[i + 1] if i + 1 < len(mentions) else None
        if (after is not None and mention.rule.startswith("weekday") and mention.span is not None
                and after.rule.startswith("day-month") and after.span is not None
                and WEEKDAY_THEN_DATE.fullmatch(text[mention.end:after.start])):
            weekday = mention.span.begin.weekday()
            begin = after.span.begin
            anchor = published or begin
            years = [y for y in (anchor.year - 1, anchor.year, anchor.year + 1)
                     if _valid(y, begin.month, begin.day) and datetime.date(y, begin.month, begin.day).weekday() == weekday]
            day = min((datetime.date(y, begin.month, begin.day) for y in years),
                      key=lambda d: abs((d - anchor).days), default=begin)
            end = after.end + (1 if text[after.end:after.end + 1] == ")" else 0)
            out.append(TimeMention(text[mention.start:end], mention.start, end, DateSpan(day, day, Granularity.DAY),
                                   "weekday-and-date", mention.anchor, mention.head))
            skip = True
            continue
        out.append(mention)
    return out


def _valid(year: int, month: int, day: int) -> bool:
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


THAT_YEAR = re.compile(r"\s*,?\s*(?:that|the same) year\b", re.IGNORECASE)
YEAR_RULES = ("absolute-", "year", "month-year", "date-")


def _that_year(text: str, mentions: list[TimeMention]) -> list[TimeMention]:
    """"March 2019, weeks after the summit on 2 February that year": a day and month
    followed by "that year" fall in the year the text last named, not near the anchor."""
    out: list[TimeMention] = []
    years: list[int] = []
    for mention in mentions:
        follow = THAT_YEAR.match(text, mention.end)
        if follow and years and mention.span is not None and mention.rule.startswith("day-month"):
            begin = mention.span.begin
            if _valid(years[-1], begin.month, begin.day):
                day = datetime.date(years[-1], begin.month, begin.day)
                mention = TimeMention(text[mention.start:follow.end()], mention.start, follow.end(),
                                      DateSpan(day, day, Granularity.DAY), "day-month-that-year", None, mention.head)
        out.append(mention)
        if mention.span is not None and mention.rule.startswith(YEAR_RULES):
            years.append(mention.span.begin.year)
    return out


def _start_without_preposition(text: str, m) -> int:
    """Where the expression starts: a leading "in"/"on" is dropped when the
    expression is a possessive ("in Monday's call": the "in" is the call's)."""
    if m.groupdict().get("prep") and text.startswith(("'s", "’s"), m.end()):
        rest = m.group(0)[m.end("prep") - m.start() :]
        return m.end() - len(rest.lstrip())
    return m.start()


def _tense_of_time(core: Token, vocab: TimeVocabulary) -> str:
    """The tense a time is read in: its clause's, except for a time naming when something is due
    ("a Thursday deadline"; not "Friday's deadline", which may be the day it was set), which lies ahead."""
    if core.dep_ in ("compound", "nmod", "amod") and core.head.lemma_.lower() in vocab.ahead_nouns:
        return "future"
    return clause_tense(core, vocabulary=vocab)


def clause_tense(token: Token, *, vocabulary: TimeVocabulary | None = None) -> str:
    """"past", "present" or "future" of the clause governing ``token``: the
    nearest verb above it, read from its tag and auxiliaries ("will",
    "'ll", "is going to", "is set to", "has met" counts as past)."""
    vocab = vocabulary or default_vocabulary()
    verb = _governing_verb(token)
    return "present" if verb is None else _verb_tense(verb, vocab)


def _governing_verb(token: Token) -> Token | None:
    t = token
    for _ in range(len(token.doc)):
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass"):
            return t
        if t.head.i == t.i:
            return None
        t = t.head
    return None


def _verb_tense(verb: Token, vocab: TimeVocabulary) -> str:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in vocab.future_auxiliaries for a in auxes):
        return "future"
    governor = verb.head
    if verb.dep_ == "xcomp" and governor.lemma_.lower() in vocab.future_governors:
        if governor.lemma_.lower() != "go" or governor.tag_ == "VBG":
            outer = _verb_tense(governor, vocab)  # "was going to meet" stays past
            return "future" if outer == "present" else outer
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" or a.lemma_ == "have" for a in auxes):
        return "past"
    if (verb.tag_ == "VBN" and verb.lemma_.lower() in vocab.future_governors
            and any(a.dep_ == "auxpass" and a.tag_ in ("VBZ", "VBP") for a in auxes)):
        return "future"               # "talks are scheduled for Thursday", "a vote is planned for May"
    if verb.tag_ == "VBN" and not auxes and verb.dep_ == "acl" and verb.lemma_.lower() in vocab.future_governors:
        # "will hold talks scheduled for Friday": ahead; "was on his way to talks scheduled for
        # Friday": the Friday nearest the article, whatever the tense of the clause around it
        outer = _governing_verb(verb.head)
        return "future" if outer is not None and _verb_tense(outer, vocab) == "future" else "present"
    if verb.tag_ == "VBN" and not auxes:  # "the talks held in Riyadh"
        return "past"
    return "present"


def _core_token(tokens: Span, m) -> Token:
    """The token carrying the date word (weekday, month, year, phrase head)."""
    for group in ("weekday", "month", "year", "decade", "phrase", "unit", "body"):
        if m.groupdict().get(group):
            start = m.start(group)
            for t in tokens:
                if t.idx <= start < t.idx + len(t.text) or t.idx >= start:
                    return _phrase_root(t, tokens)
    return tokens.root


def _phrase_root(token: Token, tokens: Span) -> Token:
    """Climb from ``token`` while the head stays inside the expression, but
    not onto an absorbed preposition: "week" in "last week", not "on"."""
    t = token
    while t.head.i != t.i and tokens.start <= t.head.i < tokens.end and not _is_preposition(t.head):
        t = t.head
    return t


def _plausible(licence: str | None, tokens: Span, core: Token, vocab: TimeVocabulary) -> bool:
    """Context checks the regular expressions cannot make."""
    ent = core.ent_type_
    if ent in _NAME_LABELS and _entity_reaches_beyond(core, tokens):
        return False  # part of a longer name
    previous = core.doc[tokens.start - 1] if tokens.start > 0 else None
    if previous is not None and previous.is_title and not previous.is_sent_start:
        if previous.dep_ in ("amod", "compound") and tokens.start <= previous.head.i < tokens.end:
            return False  # a name: "Good Friday", "Super Tuesday", "Black Monday"
    if licence is None:
        return True
    if core.tag_ == "MD":  # the modal "may"
        return False
    before = previous.lower_ if previous is not None else ""
    licensed = (
        ent == "DATE"
        or tokens[0].lower_ in vocab.absorbed_prepositions
        or before in vocab.licensing_prepositions
        or before in vocab.absorbed_prepositions  # "in January's vote"
    )
    if licence == "month":
        return licensed
    if ent in _NOT_A_YEAR or (core.dep_ == "nummod" and core.head.tag_ in ("NNS", "NNPS")):
        return False  # "2000 troops", "in 2000 cases"
    modifies_noun = core.dep_ in ("nummod", "compound", "amod") and core.head.pos_ in ("NOUN", "PROPN")
    return licensed or (modifies_noun and before in ("the", "a", "an", "its", "their", "his", "her"))


def _entity_reaches_beyond(token: Token, tokens: Span) -> bool:
    doc = token.doc
    first = token.i
    while doc[first].ent_iob_ == "I" and first > 0:
        first -= 1
    last = token.i + 1
    while last < len(doc) and doc[last].ent_iob_ == "I":
        last += 1
    return first < tokens.start or last > tokens.end


def _attachment(tokens: Span, core: Token) -> int | None:
    """Index of the token the expression modifies: the head of its top token,
    through any preposition ("met on Monday" -> "met", "Monday's call" ->
    "call")."""
    t = core
    while t.head.i != t.i and tokens.start <= t.head.i < tokens.end:
        t = t.head
    while t.dep_ == "conj" and t.head.i != t.i:  # "in 2015 and 2019": 2019 -> 2015
        t = t.head
    if t.head.i == t.i:
        return None
    head = t.head
    while _is_preposition(head) and head.head.i != head.i:
        head = head.head
    return None if _is_preposition(head) else head.i


def _is_preposition(token: Token) -> bool:
    return token.pos_ == "ADP" or token.dep_ in ("prep", "agent")
