"""Blocking: the pairs of mentions that *could* be one event, as arrays.

A mention goes into one block per actor it names (and state they stand for)
and one per article, each block holding one class. Inside a block, in date
order, a mention pairs with those that begin before its end plus a day of
slack: the sweep. Every block is swept at once with numpy (one sort of all
block entries, one ``searchsorted``), so the work grows with the mentions of
one actor's day, not with the square of all mentions, and no Python loop
runs per pair.

Mentions that no rule can tell apart are joined before blocking
(:mod:`.twins`), so a block holds the distinct ways its events are told,
not every report of them. What is left is bounded too: an entry pairs
with at most :data:`MAX_PARTNERS` of the entries after it (the nearest in
date and input order), so one block of n distinct mentions gives at most
n × that many pairs, and the mentions beyond still join through those
nearer ones (the clustering merges transitively) or, when each of the
nearest conflicts with them, are kept apart.

A pair that shares k actors is found once in each of their k blocks, so the
number of times the actor blocks find it *is* the number of actors the two
share; the article blocks only add the pairs in which one mention names
nobody.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: How far past its end a mention still pairs with one that begins later (the near misses).
NEAR_MISS_DAYS = 1
#: The most later entries of its block an entry pairs with: memory stays linear in a hot block.
MAX_PARTNERS = 256


@dataclass(frozen=True)
class Columns:
    """What the pair rules read of each dated mention, one array each (index: position in ``dated``)."""

    begin: np.ndarray          # day ordinals
    end: np.ndarray
    day: np.ndarray            # day-precise
    stem: np.ndarray           # codes: equal codes, equal values
    sentence: np.ndarray
    trigger: np.ndarray
    granularity: np.ndarray
    themed: np.ndarray
    statement: np.ndarray
    two_people: np.ndarray     # a two-party event naming two or more people
    agents: np.ndarray         # code of the set of agents (speakers, for a statement)
    people: np.ndarray         # code of the set of people it names
    empty_agents: int = -1     # the code of no agents
    directed: np.ndarray | None = None   # an act by someone on someone (see rules.DIRECTED)


@dataclass(frozen=True)
class Candidates:
    """Candidate pairs, in the order the sweep first finds them.

    ``dated`` are the dated mentions in (begin, id) order; ``a`` and ``b``
    index it (``a < b``: ``a`` begins first); ``shared`` counts the actors
    and states the two have in common.
    """

    dated: list
    a: np.ndarray
    b: np.ndarray
    shared: np.ndarray
    columns: Columns | None = None

    def __len__(self) -> int:
        return len(self.a)


def _sweep(order_block: np.ndarray, begins: np.ndarray, reaches: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Entry pairs (i, j), i < j, of one block where ``begins[j] <= reaches[i]`` (entries sorted by block, begin)."""
    span = int(max(reaches.max(initial=0), begins.max(initial=0))) + 1
    keys = order_block * span + begins
    limits = np.searchsorted(keys, order_block * span + reaches, side="right")
    counts = np.minimum(np.maximum(limits - np.arange(len(keys)) - 1, 0), MAX_PARTNERS)
    first = np.repeat(np.arange(len(keys)), counts)
    starts = np.cumsum(counts) - counts
    second = first + 1 + (np.arange(counts.sum()) - np.repeat(starts, counts))
    return first, second


def _columns(dated: list, people: frozenset[str], two_party: frozenset[str], statement: str,
             directed: frozenset[str] = frozenset()) -> tuple:
    """The :class:`Columns` of the dated mentions, and whether each names an actor, in one pass."""
    stems: dict = {}
    triggers: dict = {}
    grains: dict = {}
    speakers: dict = {}
    crowds: dict = {}
    rows = []
    row = rows.append
    for m in dated:
        event = m.event
        dating = event.dating
        cls = event.event_class
        grain = dating.granularity
        said = cls == statement
        crowd = m.actor_set & people if people and cls in two_party else None
        row((dating.begin.toordinal(), dating.end.toordinal(), grain == "day",
             stems.setdefault(m.stem, len(stems)), event.sentence_index,
             triggers.setdefault(event.trigger.lower(), len(triggers)), grains.setdefault(grain, len(grains)),
             bool(event.theme), said, crowd is not None and len(crowd) >= 2,
             speakers.setdefault(frozenset(event.agents), len(speakers)) if said else -2,
             crowds.setdefault(crowd, len(crowds)), bool(m.actor_set)))
    arrays = [np.asarray(column) for column in zip(*rows)]
    acts = np.asarray([m.event.event_class in directed and bool(m.event.agents) and bool(m.event.patients)
                       for m in dated], dtype=bool)
    return Columns(*arrays[:12], empty_agents=speakers.get(frozenset(), -1), directed=acts), arrays[12]


def candidate_arrays(mentions: list, states: dict[str, frozenset[str]], people: frozenset[str] = frozenset(),
                     two_party: frozenset[str] = frozenset(), statement: str = "",
                     directed: frozenset[str] = frozenset()) -> Candidates:
    """The candidate pairs of ``mentions`` (see the module docstring), with the columns the pair
    rules read (``people``, the ``two_party`` classes, the ``statement`` class and the ``directed``
    classes feed those)."""
    dated = sorted((m for m in mentions if m.event.dating is not None), key=lambda m: (m.event.dating.begin, m.id))
    n = len(dated)
    empty = np.zeros(0, dtype=np.int64)
    if n < 2:
        return Candidates(dated, empty, empty, empty)
    columns, named_ = _columns(dated, people, two_party, statement, directed)
    by_actor: dict[tuple[str, str], int] = {}
    by_article: dict[tuple[str, str], int] = {}
    entry_block, entry_mention = [], []
    for pos, m in enumerate(dated):
        cls = m.event.event_class
        for actor in states[m.id]:
            entry_block.append(by_actor.setdefault((cls, actor), len(by_actor)))
            entry_mention.append(pos)
        entry_block.append(-1 - by_article.setdefault((cls, m.stem), len(by_article)))
        entry_mention.append(pos)
    # blocks in the order of their keys: class, then actor blocks before article blocks, then name
    keys = sorted([(cls, 0, name, i) for (cls, name), i in by_actor.items()]
                  + [(cls, 1, stem, -1 - i) for (cls, stem), i in by_article.items()])
    lookup = np.empty(len(keys), dtype=np.int64)
    ids = np.fromiter((k[3] for k in keys), np.int64, len(keys))
    lookup[np.where(ids >= 0, ids, len(by_actor) - 1 - ids)] = np.arange(len(keys))
    raw = np.asarray(entry_block, dtype=np.int64)
    blocks = lookup[np.where(raw >= 0, raw, len(by_actor) - 1 - raw)]
    members = np.asarray(entry_mention, dtype=np.int64)
    order = np.lexsort((members, blocks))       # by block in key order, then by date (position)
    blocks, members, raw = blocks[order], members[order], raw[order]
    origin = int(columns.begin[0])
    begin, reach = columns.begin - origin, columns.end - origin + NEAR_MISS_DAYS
    first, second = _sweep(blocks, begin[members], reach[members])
    a, b = members[first], members[second]
    in_article = raw[first] < 0
    keep = ~(in_article & named_[a] & named_[b])
    a, b, in_article = a[keep], b[keep], in_article[keep]
    pair_keys = a * n + b
    unique, first_seen = np.unique(pair_keys, return_index=True)
    found_by_actor, times = np.unique(pair_keys[~in_article], return_counts=True)
    shared = np.zeros(len(unique), dtype=np.int64)
    shared[np.searchsorted(unique, found_by_actor)] = times
    found = np.argsort(first_seen, kind="stable")
    return Candidates(dated, a[first_seen[found]], b[first_seen[found]], shared[found], columns)

