"""Twins: mentions that agree on everything that decides a merge are one before any pair is looked at.

News is heavy-tailed: on the day of a big call, thousands of reports say
"X and Y spoke by phone", all with the same class, day, parties and
trigger. Every pair of them would be a candidate, so a pairwise merge grows
with the square of one event's reports. Such mentions are *twins*: no rule
of :mod:`.rules` can tell them apart (two of them always agree, and each
agrees or conflicts with a third mention of another article in the same
way), so they are
joined first, as one group, and only the group's first member (its
*representative*) goes through blocking and clustering. The pairs examined
then grow with the distinct ways an event is told, not with its reports.

The twin key is what the rules read: class, dates and their granularity,
trigger, theme, the actors and states (the shared count scores a pair), the
people of a two-party event, a statement's speakers and who acts in an
attack (told the other way round, it is another event). The rules that
read the article and the sentence are kept apart:

- two statements of one article far apart are two statements, so a
  statement twins only when its article tells no other statement with the
  same key (the few articles that repeat one are resolved pair by pair);
- a statement without a speaker agrees with nothing, and a mention that
  names nobody joins only within its own article, so those twin only there;
- a twin's article may hold a third mention that conflicts with it, so the
  clustering checks a cluster's twins with its members (``twins_of`` in
  :func:`graph.merge.events.cluster_mentions`).

Joining twins first is the pair-by-pair result wherever the best-first
order has no ties; where it has (a mention with two equally good
partners), it may choose the other one: on the synthetic benchmark
(``bench/merge_scale.py``) the partitions are identical at 1,000, 10,000
and 100,000 mentions, and 2 of 201,225 clusters differ at 1,000,000; every
cluster is still free of conflicts (``tests/merge/test_twins.py``).
"""

from __future__ import annotations

import collections
from dataclasses import dataclass

from graph.merge.rules import DIRECTED, STATEMENT, TWO_PARTY, MentionRef


@dataclass(frozen=True)
class Twins:
    """The representatives (one per group, in input order) and each one's other members (in input order)."""

    representatives: list[MentionRef]
    others: dict[str, list[MentionRef]]


def _key(m: MentionRef, states: frozenset[str], people: frozenset[str]) -> tuple | None:
    event = m.event
    dating = event.dating
    if dating is None:
        return None
    cls = event.event_class
    said = cls == STATEMENT
    if said and not event.agents:
        return None
    return (cls, dating.begin, dating.end, dating.granularity, event.trigger.lower(), event.theme, states,
            m.actor_set & people if cls in TWO_PARTY else None,
            frozenset(event.agents) if said or cls in DIRECTED else None, None if states else m.stem)


def twins(mentions: list[MentionRef], states: dict[str, frozenset[str]], people: frozenset[str]) -> Twins:
    """Group ``mentions`` into twins (see the module docstring); a mention without a twin is its own group."""
    keys = {m.id: _key(m, states[m.id], people) for m in mentions}
    told = collections.Counter((key, m.stem) for m in mentions if (key := keys[m.id]) is not None and key[0] == STATEMENT)
    groups: dict[tuple, list[MentionRef]] = {}
    for m in mentions:
        key = keys[m.id]
        if key is None or (key[0] == STATEMENT and told[(key, m.stem)] > 1):
            groups[("", m.id)] = [m]
        else:
            groups.setdefault(key, []).append(m)
    first_of = {group[0].id: group for group in groups.values()}
    representatives: list[MentionRef] = []
    others: dict[str, list[MentionRef]] = {}
    for m in mentions:
        group = first_of.get(m.id)
        if group is not None:
            representatives.append(m)
            if len(group) > 1:
                others[m.id] = group[1:]
    return Twins(representatives, others)
