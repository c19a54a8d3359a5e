"""Parsing in bounded memory: a long text in pieces, joined back into one document with the same offsets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.nlp import PIECE_CHARS, parse_stream, pieces


@pytest.mark.parametrize(("text", "size", "expected"), [
    ("First part here.\n\nSecond part here.", 24, ["First part here.\n\n", "Second part here."]),
    ("One line here\nand another line", 20, ["One line here\n", "and another line"]),
    ("The envoy left. Talks ended late.", 22, ["The envoy left. ", "Talks ended late."]),
    ("Talks went on and on", 12, ["Talks went ", "on and on"]),
    ("Ceasefireagreementsigned", 10, ["Ceasefirea", "greementsi", "gned"]),
])
def test_a_long_text_is_cut_at_the_best_break_before_the_size(text, size, expected):
    assert pieces(text, size) == expected


@given(st.text(alphabet=st.sampled_from("ab .\n'\"A1"), max_size=400), st.integers(4, 60))
@settings(max_examples=200, deadline=None)
def test_the_pieces_joined_are_the_text_and_none_is_longer_than_the_size(text, size):
    found = pieces(text, size)
    assert "".join(found) == text
    assert all(len(piece) <= size for piece in found)


def test_a_text_over_the_piece_size_parses_to_one_document_with_the_same_text_and_sentences(nlp):
    report = "Officials from both sides met in Geneva on Monday. The envoy said talks would resume.\n\n"
    long_text = report * (PIECE_CHARS // len(report) + 3)
    short = "A short note on the talks."
    docs = list(parse_stream(nlp, [short, long_text, short], batch_size=16))
    assert [d.text for d in docs] == [short, long_text, short]
    whole = docs[1]
    assert len(list(whole.sents)) == 2 * (PIECE_CHARS // len(report) + 3)
    assert [e.text for e in whole.ents if e.label_ == "GPE"] == ["Geneva"] * (PIECE_CHARS // len(report) + 3)
    assert all(whole[t.i].idx == t.idx for t in whole)


class _RecordingPipeline:
    """Stands in for spaCy: records what it is given at once, returns real documents."""

    def __init__(self, nlp):
        self.nlp, self.calls = nlp, []

    def pipe(self, texts, batch_size):
        texts = list(texts)
        self.calls.append((batch_size, [len(t) for t in texts]))
        return self.nlp.pipe(texts, batch_size=batch_size)


def test_the_parser_is_never_given_more_than_one_piece_of_a_long_text_at_once(nlp):
    """Parser memory grows with what it is given at once: a long article goes one piece at a time."""
    recording = _RecordingPipeline(nlp)
    long_text = "The talks resumed in Vienna. " * (3 * PIECE_CHARS // 29)
    docs = list(parse_stream(recording, ["Short one.", long_text], batch_size=16))
    assert docs[1].text == long_text
    ((batch, lengths),) = [call for call in recording.calls if sum(call[1]) > 100]
    assert batch == 1 and len(lengths) >= 3 and max(lengths) <= PIECE_CHARS


@pytest.mark.parametrize("text, words", [
    ("LIMA/SANTIAGO -Chile and Peru met on Monday.", ["LIMA", "/", "SANTIAGO", "-", "Chile", "and", "Peru"]),
    ("Pro-Chile groups met on Monday.", ["Pro", "-", "Chile", "groups"]),
    ("Prices rose -5% on Monday.", ["Prices", "rose", "-5", "%"]),
])
def test_a_dash_written_against_a_name_is_split_off_it(nlp, text, words):
    assert [t.text for t in nlp(text)][:len(words)] == words


@pytest.mark.parametrize("text, dateline", [
    ("Pact signed\n\nPHNOM PENH, June 3 - Cambodia and Laos signed a trade pact on Tuesday.", "PHNOM PENH, June 3"),
    ("Water deal agreed\n\nKUALA LUMPUR, June 3 (Reuters) - Malaysia and Singapore agreed on Tuesday.",
     "KUALA LUMPUR, June 3"),
])
def test_a_capitalised_dateline_is_one_sentence_of_its_own(nlp, text, dateline):
    sentences = [s.text for s in nlp(text).sents]
    assert sentences[0].strip() == text.split("\n")[0] and sentences[1].startswith(dateline)
    assert len(sentences) == 3 and sentences[1].rstrip().endswith("-") and sentences[2][0].isupper()


@pytest.mark.parametrize("text", [
    "MOSCOW -Russia and Ukraine swapped prisoners on Friday.",      # no comma or agency: maybe no dateline
    "NATO - the alliance said on Friday it would meet.",
])
def test_a_capitalised_word_and_a_dash_alone_are_no_dateline(nlp, text):
    assert len(list(nlp(text).sents)) == 1
