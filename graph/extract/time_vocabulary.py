"""The vocabulary the date rules are built from (``ontology/time.toml``): relative
phrases, modifiers, prepositions, tense cues, number words.

:mod:`.dates` reads it (:func:`graph.extract.dates.load_time_vocabulary`) and
:mod:`.date_rules` compiles its patterns from it; it sits below both so that
they form no import circle (issue #19).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RelativePhrase:
    phrase: str  # lower case, single spaces
    rule: str  # may hold "{direction}" (past | future)
    unit: str  # one of graph.extract.dates.UNITS
    offset: int
    part: str = "whole"  # whole | before | after


@dataclass(frozen=True)
class TimeVocabulary:
    relative: tuple[RelativePhrase, ...]
    modifiers: tuple[tuple[str, int], ...]  # ("last", -1), ...
    absorbed_prepositions: tuple[str, ...]
    licensing_prepositions: tuple[str, ...]
    blocked_before: tuple[str, ...]
    weekday_edges: tuple[str, ...]
    weekday_parts: tuple[str, ...]
    future_auxiliaries: tuple[str, ...]
    future_governors: tuple[str, ...]
    numbers: tuple[tuple[str, int], ...]
    ago_rules: tuple[tuple[str, str], ...]  # ("year", "years-ago"), ...
    parts_of_month: tuple[tuple[str, int, int], ...]
    parts_of_year: tuple[tuple[str, int, int], ...]
    ahead_nouns: tuple[str, ...] = ()
