"""Unwrapping hard-wrapped text: line breaks that only end a line of a wrapped paragraph.

Wire copy pasted from an e-mail or a terminal arrives wrapped at a fixed
width: every line is about as long as the others (60–80 characters) and
lines break mid-sentence. Read as it is, every line would look like a short
line of page furniture and end a sentence. :func:`unwrap_hard_wrapped`
replaces each such line break by a space: the text keeps its length, so
every character offset into it stays valid.

A text is hard-wrapped when most of its non-empty lines are about as long as
its wrap width (a high percentile of the line lengths, at most
``MAX_WIDTH``) and some lines break before a lowercase word. A break is
unwrapped when the line before it is near the wrap width and does not end a
sentence, and the line after continues it: it starts with a lowercase letter;
or the line before is itself a continuation (a paragraph being wrapped, not
a headline or byline standing alone); or the line before is prose (mostly
lowercase words or ending in one, and not the first line: the headline) and
the line after is not a list of names (a byline). Normal text, whose lines are long
paragraphs or end in punctuation, is never changed.
"""

from __future__ import annotations

import re

#: Narrowest and widest wrap widths taken for hard wrapping.
MIN_WIDTH, MAX_WIDTH = 40, 100
#: A line at least this share of the wrap width is "near" it.
NEAR = 0.6
#: The wrap width is this percentile of the line lengths (a few lines may overhang it).
PERCENTILE = 0.9
#: At least this many non-empty lines, and this many breaks before a lowercase word.
MIN_LINES, MIN_BREAKS = 4, 2
#: The end of a sentence: final punctuation, then closing quotes or brackets.
SENTENCE_END = re.compile(r"[.!?…][\"”’'»)\]]*$")
#: Prose has fewer capitalised words than this share; a byline or name list at least this many.
PROSE_CAPITALS, NAME_CAPITALS = 0.5, 0.75
#: What a continued line may start with besides a lowercase letter (inside a wrapped paragraph).
CONTINUES = re.compile(r"[\w“‘\"'(]")


def wrap_width(lines: list[str]) -> int | None:
    """The width ``lines`` are hard-wrapped at, or None when they are not lines of similar length."""
    lengths = sorted(len(line.strip()) for line in lines if line.strip())
    if len(lengths) < MIN_LINES:
        return None
    width = lengths[int(PERCENTILE * (len(lengths) - 1))]
    if not MIN_WIDTH <= width <= MAX_WIDTH:
        return None
    near = sum(1 for n in lengths if n >= NEAR * width)
    return width if 2 * near >= len(lengths) else None


def _open_end(line: str, width: int) -> bool:
    """A line near the wrap width that does not end a sentence: its break may be a wrap."""
    text = line.strip()
    return len(text) >= NEAR * width and not SENTENCE_END.search(text)


def capitalised_share(line: str) -> float:
    """The share of the words of a line (those starting with a letter) that start with a capital."""
    initials = [word.lstrip("“‘\"'(")[:1] for word in line.split()]
    letters = [ch for ch in initials if ch.isalpha()]
    return sum(ch.isupper() for ch in letters) / len(letters) if letters else 0.0


def _prose_goes_on(line: str, after: str) -> bool:
    """A line of prose followed by one that is not a list of names (a byline).

    Prose: mostly lowercase words, or ending in a lowercase word ("… said the").
    """
    last = line.split()[-1].lstrip("“‘\"'(")[:1]
    prose = capitalised_share(line) < PROSE_CAPITALS or last.islower()
    return prose and capitalised_share(after) < NAME_CAPITALS


def wrapped_breaks(lines: list[str]) -> list[int]:
    """Indexes ``i`` of the lines whose line break (before ``lines[i + 1]``) only wraps a paragraph."""
    width = wrap_width(lines)
    if width is None:
        return []
    headline = next(i for i, line in enumerate(lines) if line.strip())
    breaks: list[int] = []
    lowercase = 0
    for i in range(len(lines) - 1):
        after = lines[i + 1].lstrip()
        if not after or not _open_end(lines[i], width):
            continue
        if after[0].islower():
            lowercase += 1
        elif not (CONTINUES.match(after) and (breaks and breaks[-1] == i - 1
                                              or i != headline and _prose_goes_on(lines[i], after))):
            continue
        breaks.append(i)
    return breaks if lowercase >= MIN_BREAKS else []


def unwrap_hard_wrapped(text: str) -> str:
    """``text`` with the line breaks inside hard-wrapped paragraphs made spaces (same length)."""
    lines = text.split("\n")
    breaks = set(wrapped_breaks(lines))
    if not breaks:
        return text
    parts = []
    for i, line in enumerate(lines):
        parts.append(line)
        if i < len(lines) - 1:
            parts.append(" " if i in breaks else "\n")
    return "".join(parts)
