"""Page furniture: related-story links, newsletter prompts, credits.

Detected by form, not by listing any page's lines (the phrases are data in
``ontology/furniture.toml``):

* a short line that matches a furniture phrase, stands alone without
  sentence-final punctuation, or is a short standalone question, below the
  headline and standfirst, is furniture as a whole; so is a line in a list
  of teasers set apart by separator lines (``-``, ``•``);
* in a long line (a paragraph), a furniture phrase marks only what holds it:
  the bracketed span around it ("(Photo by …/Getty Images)") when that is
  short, else the sentence-like piece around it. The rest of the paragraph
  is story: furniture never costs a story.
"""

from __future__ import annotations

import bisect
import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from graph import settings
from graph.errors import KnowledgeError
from graph.extract.text import in_spans

FINAL_PUNCTUATION = tuple('.!"”’\'»:;)…')
BRACKETS = {"(": ")", "[": "]"}
#: The end of a sentence-like piece: final punctuation, closing quotes or brackets, then white space.
PIECE_END = re.compile(r"([.!?…][\"”’'»)\]]*)\s+")
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class FurnitureRules:
    phrases: tuple[str, ...]
    keep_first_lines: int
    short_line_words: int
    min_story_share: float = 0.25


@functools.lru_cache(maxsize=4)
def load_furniture_rules(path: Path | None = None) -> FurnitureRules:
    path = Path(path) if path else settings.ontology_dir() / "furniture.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise KnowledgeError(f"cannot read furniture rules: {exc}", path=path) from exc
    return FurnitureRules(tuple(p.lower() for p in data.get("phrases", ())),
                          int(data.get("keep_first_lines", 3)), int(data.get("short_line_words", 25)),
                          float(data.get("min_story_share", 0.25)))


def is_short_line(line: str, rules: FurnitureRules) -> bool:
    """Whether a line is short enough to be furniture as a whole (not a paragraph)."""
    return len(line.split()) < rules.short_line_words


#: A full sentence ends inside the line ("Chile rejected the plan. We will keep talking, — added X"):
#: the line is prose, whatever its end looks like.
SENTENCE_INSIDE = re.compile(r"[a-z0-9][.!?][\"”’']?\s+[A-Z“\"]")


def is_furniture_line(line: str, position: int, rules: FurnitureRules) -> bool:
    """Whether one short line of an article (its ``position``-th non-empty line) is furniture.

    A long line is never furniture as a whole (see :func:`phrase_spans`).
    """
    text = line.strip()
    if not is_short_line(text, rules):
        return False
    lowered = text.lower()
    if any(phrase in lowered for phrase in rules.phrases):
        return True
    if position < rules.keep_first_lines or SENTENCE_INSIDE.search(text):
        return False
    return not text.endswith(FINAL_PUNCTUATION) or (text.endswith("?") and len(text.split()) < 12)


def _is_separator(line: str) -> bool:
    return not any(ch.isalnum() for ch in line)


def bracket_pairs(line: str) -> list[tuple[int, int]]:
    """Spans of the balanced ``(…)`` and ``[…]`` of a line, brackets included, in order of opening."""
    pairs, stack = [], []
    for i, ch in enumerate(line):
        if ch in BRACKETS:
            stack.append((ch, i))
        elif stack and ch == BRACKETS[stack[-1][0]]:
            pairs.append((stack.pop()[1], i + 1))
        elif ch in BRACKETS.values():
            stack.clear()
    return sorted(pairs)


def innermost_brackets(pairs: list[tuple[int, int]], starts: list[int]) -> list[tuple[int, int] | None]:
    """For each of the sorted positions ``starts``, the innermost bracket pair around it (or None).

    One pass over the nested ``pairs`` (as :func:`bracket_pairs` gives them).
    """
    found, open_, j = [], [], 0
    for at in starts:
        while j < len(pairs) and pairs[j][0] < at:
            while open_ and open_[-1][1] <= pairs[j][0]:
                open_.pop()
            open_.append(pairs[j])
            j += 1
        while open_ and open_[-1][1] <= at:
            open_.pop()
        found.append(open_[-1] if open_ else None)
    return found


def pieces(line: str) -> list[tuple[int, int]]:
    """Spans of the sentence-like pieces of a line, without the white space between them."""
    spans, start = [], 0
    for m in PIECE_END.finditer(line):
        if m.end() < len(line):
            spans.append((start, m.end(1)))
            start = m.end()
    spans.append((start, len(line.rstrip())))
    return spans


@functools.lru_cache(maxsize=8)
def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern | None:
    return re.compile("|".join(map(re.escape, phrases)), re.IGNORECASE) if phrases else None


def phrase_spans(line: str, rules: FurnitureRules) -> list[tuple[int, int]]:
    """Spans (in ``line``) of the furniture held by a long line: what holds each furniture phrase.

    The innermost bracketed span around the phrase when it is short, else the
    sentence-like piece around it (cut to the brackets, when it is inside long ones).
    """
    pattern = _phrase_pattern(rules.phrases)
    matches = [m.span() for m in pattern.finditer(line)] if pattern else []
    if not matches:
        return []
    sentences = pieces(line)
    starts = [a for a, _ in sentences]
    brackets = innermost_brackets(bracket_pairs(line), [start for start, _ in matches])
    words = [m.start() for m in re.finditer(r"\S+", line)]
    spans = set()
    for (start, end), bracket in zip(matches, brackets):
        if bracket and bracket[1] <= end:
            bracket = None
        if bracket and bisect.bisect_left(words, bracket[1]) - bisect.bisect_left(words, bracket[0]) \
                < rules.short_line_words:
            spans.add(bracket)
            continue
        a = sentences[bisect.bisect_right(starts, start) - 1][0]
        b = sentences[bisect.bisect_right(starts, end - 1) - 1][1]
        if bracket:
            a, b = max(a, bracket[0]), min(b, bracket[1])
        spans.add((a, b))
    return sorted(spans)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def furniture_spans(text: str, rules: FurnitureRules | None = None) -> list[tuple[int, int]]:
    """Character spans of the furniture of an article, in order, not overlapping.

    A line next to a separator line (a list of teasers set apart by ``-`` or
    ``•``) is furniture whole, as are the short lines of
    :func:`is_furniture_line`; another long line gives only the spans of
    :func:`phrase_spans`.
    """
    rules = rules or load_furniture_rules()
    lines = [m for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
    spans = []
    for position, match in enumerate(lines):
        line = match.group()
        beside = [lines[j].group() for j in (position - 1, position + 1) if 0 <= j < len(lines)]
        if (_is_separator(line) or any(_is_separator(other) for other in beside)
                or is_furniture_line(line, position, rules)):
            spans.append(match.span())
        elif not is_short_line(line, rules):
            spans += [(match.start() + a, match.start() + b) for a, b in phrase_spans(line, rules)]
    return _merged(spans)


def in_furniture(position: int, spans: list[tuple[int, int]]) -> bool:
    """Whether a character offset lies inside one of the sorted, disjoint ``spans`` of :func:`furniture_spans`."""
    return in_spans(position, spans)


def story_share(text: str, rules: FurnitureRules | None = None) -> float:
    """The share of the words of ``text`` outside its furniture (1.0 for a text without words)."""
    spans = furniture_spans(text, rules)
    words = [m.start() for m in WORD.finditer(text)]
    if not words:
        return 1.0
    return 1 - sum(in_furniture(at, spans) for at in words) / len(words)


def mostly_furniture(text: str, rules: FurnitureRules | None = None) -> bool:
    """Whether an article is left with (almost) no story once its furniture is removed."""
    rules = rules or load_furniture_rules()
    return story_share(text, rules) < rules.min_story_share
