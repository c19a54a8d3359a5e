"""Page furniture: related-story links, newsletter prompts, credits.

Detected by form, not by listing any page's lines: a line that matches a
furniture phrase (data in ``ontology/furniture.toml``), or a short line
standing alone without sentence-final punctuation, or a short standalone
question, below the headline and standfirst.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from graph import settings
from graph.errors import KnowledgeError

FINAL_PUNCTUATION = tuple('.!"”’\'»:;)…')


@dataclass(frozen=True)
class FurnitureRules:
    phrases: tuple[str, ...]
    keep_first_lines: int
    short_line_words: int


@functools.lru_cache(maxsize=4)
def load_furniture_rules(path: Path | None = None) -> FurnitureRules:
    path = Path(path) if path else settings.ontology_dir() / "furniture.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise KnowledgeError(f"cannot read furniture rules: {exc}", path=path) from exc
    return FurnitureRules(tuple(p.lower() for p in data.get("phrases", ())),
                          int(data.get("keep_first_lines", 3)), int(data.get("short_line_words", 25)))


def is_furniture_line(line: str, position: int, rules: FurnitureRules) -> bool:
    """Whether one line of an article (its ``position``-th non-empty line) is furniture."""
    text = line.strip()
    lowered = text.lower()
    if any(phrase in lowered for phrase in rules.phrases):
        return True
    if position < rules.keep_first_lines:
        return False
    words = len(text.split())
    if words >= rules.short_line_words:
        return False
    return not text.endswith(FINAL_PUNCTUATION) or (text.endswith("?") and words < 12)


def _is_separator(line: str) -> bool:
    return not any(ch.isalnum() for ch in line)


def furniture_spans(text: str, rules: FurnitureRules | None = None) -> list[tuple[int, int]]:
    """Character spans of the furniture lines of an article.

    Besides single lines, a list of teasers set apart by separator lines
    (``-``, ``•``) is furniture: every line next to a separator is.
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
    return spans
