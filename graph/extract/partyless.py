"""Parties a mention that names none takes from the rest of its article.

"In talks held in Lima, Chile and Peru agreed …": talks that frame an event
are between its parties. "A frosty meeting on Friday" … "Starmer met Meloni
on Friday": a partyless mention is the article's event of its class on the
same dates, and a definite noun ("the deal was first agreed in May") the
article's event of its class whatever its date; an agreement reached on the
day of a meeting, the meeting's parties; shelling a side's spokesman reports
without naming anyone, that side (as its target). Pure functions over the
event records of one article, run after dating (:mod:`.anchoring`).
"""

from __future__ import annotations

from dataclasses import replace

from graph.extract.candidates import CONTACT
from graph.extract.records import EventMention


def parties_from_frames(events: list[EventMention]) -> list[EventMention]:
    """"In talks held in Lima, Chile and Peru agreed to share river water": talks that frame an event
    and name no party of their own are between the parties of the event they frame."""
    by_index = {e.index: e for e in events}
    found: dict[int, EventMention] = {}
    for event in events:
        frame = by_index.get(event.frame) if event.frame is not None else None
        if frame is not None and not frame.actors and event.actors and frame.index not in found:
            found[frame.index] = replace(frame, agents=event.agents, patients=event.patients)
    return [found.get(e.index, e) for e in events]


def parties_from_article(events: list[EventMention], definite: set[int] = frozenset(),
                         outcomes: frozenset[str] = frozenset(), accords: frozenset[str] = frozenset()
                         ) -> list[EventMention]:
    """"A frosty meeting on Friday" … "Starmer met Meloni on Friday": a mention that names
    no party is the article's event of its class on the same dates, when the article tells one
    (with its parties), and takes them: those of its widest telling, when every other telling's
    parties are among them (two events with different parties leave it alone). A definite noun
    (``definite``: "the deal was first agreed in May") refers back to its class's event told
    before it or in its own sentence, whatever its own date says, and takes its parties the same way. A partyless outcome (``outcomes``:
    "Chile and Peru met in Lima on Monday … a deal was reached") on the day of a contact
    between parties takes that contact's parties, when only one such contact was that day. A
    definite accord (``accords``: "the deal" after "a truce between Israel and Hamas") with no
    such event of its own class takes the parties of the article's accord of another class."""
    told: dict[tuple[str, object, object], set[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
    by_class: dict[str, list[tuple[int, tuple[str, ...], tuple[str, ...]]]] = {}
    for event in events:
        if event.actors and event.dating is not None:
            key = (event.event_class, event.dating.begin, event.dating.end)
            told.setdefault(key, set()).add((event.agents, event.patients))
        if event.actors:
            by_class.setdefault(event.event_class, []).append((event.sentence_index, event.agents, event.patients))
    met: dict[tuple[object, object], set[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
    for event in events:
        if event.event_class in CONTACT and len(event.actors) >= 2 and event.dating is not None:
            met.setdefault((event.dating.begin, event.dating.end), set()).add((event.agents, event.patients))
    out = []
    for event in events:
        if not event.actors and (event.dating is not None or event.index in definite):
            found = told.get((event.event_class, event.dating.begin, event.dating.end), set()) \
                if event.dating is not None else set()
            if not found and event.index in definite:      # refers back: to one told before it or beside it
                found = {(a, p) for n, a, p in by_class.get(event.event_class, ()) if n <= event.sentence_index}
            if not found and event.index in definite and event.event_class in accords:   # "the truce … the deal"
                found = {(a, p) for kind in accords - {event.event_class} for n, a, p in by_class.get(kind, ())
                         if n <= event.sentence_index}
            if not found and event.dating is not None and event.event_class in outcomes and not event.nominal:
                found = met.get((event.dating.begin, event.dating.end), set())
            if found:
                agents, patients = max(found, key=lambda parties: (len(set(parties[0] + parties[1])), parties))
                widest = set(agents + patients)
                if all(set(a + p) <= widest for a, p in found):
                    event = replace(event, agents=agents, patients=patients)
        out.append(event)
    return out


def parties_from_teller(events: list[EventMention], classes: frozenset[str], speaks_for: dict[str, str],
                        states: frozenset[str]) -> list[EventMention]:
    """"There was heavy shelling overnight, the Moldovan president said": an attack (``classes``)
    that names no one, told by someone who speaks for a state (its head, an institution of it,
    or the state itself), was suffered by that state: it is the attack's target."""
    out = []
    for event in events:
        side = speaks_for.get(event.speaker) if event.speaker else None
        if side is None and event.speaker in states:
            side = event.speaker
        if not event.actors and side is not None and event.event_class in classes:
            event = replace(event, patients=(side,))
        out.append(event)
    return out
