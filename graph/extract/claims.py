"""Claims: attributes of an event that a source states, such as a call's length.

A duration ("a 90-minute call", "spoke for more than two hours", "around an
hour and a half") in a sentence is attached to the contact event of that
sentence whose trigger is nearest, as an ISO 8601 duration with its
qualifier ("more than") kept apart.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import replace

from graph import settings
from graph.extract.candidates import CONTACT
from graph.extract.records import Claim, EventMention

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "forty-five": 45, "fifty": 50, "sixty": 60, "ninety": 90,
}
UNIT_MINUTES = {"minute": 1, "hour": 60}


@functools.lru_cache(maxsize=2)
def _pattern() -> re.Pattern:
    path = settings.ontology_dir() / "events.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    qualifiers = sorted(data.get("durations", {}).get("qualifiers", ()), key=len, reverse=True)
    numbers = "|".join(sorted(map(re.escape, NUMBER_WORDS), key=len, reverse=True))
    return re.compile(
        rf"\b(?:(?P<qual>{'|'.join(map(re.escape, qualifiers))})\s+)?"
        rf"(?P<num>\d+(?:\.\d+)?|{numbers})[\s-](?P<unit>minute|hour)s?"
        r"(?P<half>\s+and\s+a\s+half)?\b",
        re.IGNORECASE,
    )


def _iso(minutes: float) -> str:
    hours, rest = divmod(int(round(minutes)), 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{rest}M" if rest or not hours else "")


def find_durations(sentence: str) -> list[tuple[int, int, str, str | None, str]]:
    """(start, end, ISO duration, qualifier, text) for every duration in a sentence."""
    out = []
    for match in _pattern().finditer(sentence):
        number = match.group("num").lower()
        value = float(number) if number[0].isdigit() else NUMBER_WORDS[number]
        minutes = value * UNIT_MINUTES[match.group("unit").lower()]
        if match.group("half"):
            minutes += UNIT_MINUTES[match.group("unit").lower()] / 2
        qualifier = match.group("qual").lower() if match.group("qual") else None
        out.append((match.start(), match.end(), _iso(minutes), qualifier, match.group()))
    return out


def attach_durations(text: str, events: list[EventMention]) -> list[EventMention]:
    """Events with the duration claims their sentences state."""
    by_sentence: dict[int, list[EventMention]] = {}
    for event in events:
        if event.event_class in CONTACT:
            by_sentence.setdefault(event.sentence_index, []).append(event)
    claims: dict[int, list[Claim]] = {}
    for candidates in by_sentence.values():
        start, end = candidates[0].sentence_span
        for d_start, _, value, qualifier, written in find_durations(text[start:end]):
            nearest = min(candidates, key=lambda e: abs(e.trigger_span[0] - (start + d_start)))
            claims.setdefault(nearest.index, []).append(
                Claim("duration", value, written, qualifier, nearest.speaker))
    return [replace(e, claims=tuple(claims[e.index])) if e.index in claims else e for e in events]
