"""Time elapsed since an event: "a month had passed since Chile rejected the plan".

A clause that measures the time gone by since an event ("a month has now
passed since X", "it has been two weeks since X", "three years since X")
dates that event: the measure back from the time of telling, in the unit
it is measured in (a month back from 11 April is March; a day, the day). The
time of telling is the day a statement of the sentence states for itself
("said on Monday that …"), else the publication date. Only the first event told
after "since" in the sentence is dated, and only when nothing else dated
it. Recorded as ``elapsed-since``, with the measure as its expression.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import replace
from functools import lru_cache

from graph.extract.date_rules import count_of, unit_span
from graph.extract.dates import default_vocabulary
from graph.extract.records import Dating, EventMention

UNITS = ("day", "week", "month", "year")


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, ...]:
    words = "|".join(sorted((re.escape(w) for w, _ in default_vocabulary().numbers), key=len, reverse=True))
    count = rf"(?P<count>\d{{1,3}}|{words})"
    unit = rf"(?P<unit>{'|'.join(UNITS)})s?"
    return (
        re.compile(rf"\b{count}\s+{unit}\s+(?:(?:has|have|had)\s+)?(?:now\s+)?(?:passed|elapsed|gone\s+by)\s+since\b",
                   re.IGNORECASE),
        re.compile(rf"\bit(?:['’]s|\s+(?:has|had|is|was))\s+(?:now\s+)?(?:been\s+)?(?:almost\s+|nearly\s+|more\s+than\s+)?"
                   rf"{count}\s+{unit}\s+since\b", re.IGNORECASE),
    )


def elapsed_since(events: list[EventMention], text: str, published: dt.date | None,
                  told_on: dict[int, dt.date]) -> list[EventMention]:
    """The events of an article, those an elapsed-time clause measures dated by it (``told_on``:
    the day a statement's own time gives it, by its index)."""
    ordered = sorted(events, key=lambda e: e.trigger_span[0])
    starts = [e.trigger_span[0] for e in ordered]
    found: dict[int, Dating] = {}
    for pattern in _patterns():
        for m in pattern.finditer(text):
            after = bisect.bisect_left(starts, m.end())
            event = ordered[after] if after < len(ordered) else None
            if event is None or event.dating is not None or event.index in found \
                    or not event.sentence_span[0] <= m.start() < event.sentence_span[1]:
                continue
            told = [told_on[e.index] for e in ordered if e.sentence_index == event.sentence_index
                    and e.index in told_on]
            anchor = told[0] if told else published
            if anchor is None:
                continue
            n = count_of(m.group("count"), default_vocabulary())
            span = unit_span(m.group("unit").lower(), anchor, -n)
            found[event.index] = Dating(span.begin, span.end, span.granularity.value, "elapsed-since", anchor,
                                        m.group(0), m.span())
    return [replace(e, dating=found[e.index]) if e.index in found else e for e in events]
