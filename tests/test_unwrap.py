"""Hard-wrapped articles are read as paragraphs; every other text is left byte for byte."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from graph.ingest import read_article
from graph.unwrap import unwrap_hard_wrapped, wrap_width

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
HEAD = ["Leaders pledge new talks on the border dispute", "[March 18, 2025]", "By Jane Doe and John Roe"]
PARAGRAPHS = [
    "BERLIN — Emmanuel Macron met Olaf Scholz in Berlin on Monday and the two leaders agreed on a joint plan "
    "for the summit in Geneva, according to officials in both capitals who spoke after the meeting.",
    "Joe Biden spoke with Xi Jinping by phone on Tuesday for more than an hour, the White House said in a "
    "statement, adding that the two presidents had discussed trade and the security of shipping lanes in the region.",
    "Vladimir Putin told reporters in Moscow that Russia would send a delegation to the talks, but he gave no "
    "date for the visit and declined to say who would lead it.",
    "“We are ready to listen,” Putin said.",
]
ARTICLE = "\n".join(HEAD + PARAGRAPHS) + "\n"


def wrapped(width: int, between: str = "\n") -> str:
    """``ARTICLE`` as wire copy wrapped at ``width`` columns."""
    body = between.join(textwrap.fill(p, width, break_on_hyphens=False) for p in PARAGRAPHS)
    return "\n".join(HEAD) + "\n" + body + "\n"


@pytest.mark.parametrize("width", [50, 60, 66, 72, 76, 80, 86, 96])
def test_a_hard_wrapped_article_reads_as_its_paragraphs(width):
    text = wrapped(width)
    assert text.count("\n") >= ARTICLE.count("\n") + 4
    assert unwrap_hard_wrapped(text) == ARTICLE


@pytest.mark.parametrize("width", [60, 72])
def test_paragraphs_set_apart_by_blank_lines_stay_apart(width):
    assert unwrap_hard_wrapped(wrapped(width, "\n\n")) == "\n".join(HEAD) + "\n" + "\n\n".join(PARAGRAPHS) + "\n"


@pytest.mark.parametrize("width", [60, 72, 80])
def test_unwrapping_keeps_every_offset(width):
    text = wrapped(width)
    unwrapped = unwrap_hard_wrapped(text)
    assert len(unwrapped) == len(text)
    assert [i for i, (a, b) in enumerate(zip(text, unwrapped)) if a != b] == \
        [i for i, (a, b) in enumerate(zip(text, unwrapped)) if (a, b) == ("\n", " ")]


def test_a_wrapped_headline_is_joined_but_not_to_the_date_line():
    head = ("Leaders of the two countries pledge to hold new talks on the long border\n"
            "dispute in spring\n[March 18, 2025]\n")
    text = head + textwrap.fill(PARAGRAPHS[1] + " " + PARAGRAPHS[2], 72) + "\n"
    lines = unwrap_hard_wrapped(text).split("\n")
    assert lines[:3] == ["Leaders of the two countries pledge to hold new talks on the long border dispute in spring",
                         "[March 18, 2025]", PARAGRAPHS[1] + " " + PARAGRAPHS[2]]


@pytest.mark.parametrize("text", [
    ARTICLE,
    "\n".join(PARAGRAPHS),
    "\n\n".join(PARAGRAPHS) + "\n",
    # short lines that all end a sentence
    "Leaders meet.\nThe talks went well.\nAn aide said the two men spoke for an hour.\nMore talks are planned.\n",
    # a headline, teasers and a list: short lines without stops, none going on in lowercase
    "Leaders pledge new talks on the border dispute\nRelated stories\n-\nLeaders agree to talks in border war\n-\n"
    "An aide to the president resigns after the vote\n-\nFollow our channel and never miss an update\n",
    # lines of similar length, each a sentence of its own
    "\n".join(["The two leaders met in Berlin on Monday to talk about the summit."] * 8),
    "",
    "one line only",
])
def test_normal_text_is_left_byte_for_byte(text):
    assert unwrap_hard_wrapped(text) == text


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.stem)
def test_the_seed_articles_are_not_hard_wrapped(path):
    text = path.read_text(encoding="utf-8")
    assert wrap_width(text.split("\n")) is None
    assert unwrap_hard_wrapped(text) == text


@pytest.mark.parametrize("width", [60, 72, 80])
def test_a_hard_wrapped_file_gives_the_events_of_the_unwrapped_article(tmp_path, nlp, knowledge, width):
    from graph.extract import extract_article

    path = tmp_path / "wire.txt"
    path.write_text(wrapped(width), encoding="utf-8")
    article, _ = read_article(path)
    assert article.text == ARTICLE
    read = extract_article(nlp(article.text), article, knowledge)
    plain = extract_article(nlp(ARTICLE), article, knowledge)
    assert [s.text for s in nlp(article.text).sents] == [s.text for s in nlp(ARTICLE).sents]
    assert read.events == plain.events
    assert {"Meeting", "PhoneCall"} <= {e.event_class for e in read.events}
