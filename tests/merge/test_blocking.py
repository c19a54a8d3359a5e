"""Blocking and the cluster summaries against the plain definitions they stand for, on random mentions."""

from __future__ import annotations

import datetime as dt
import itertools
import random

import pytest

from graph.extract.records import Dating, EventMention
from graph.merge.blocking import NEAR_MISS_DAYS, candidate_arrays
from graph.merge.events import _quick_conflict, _summary
from graph.merge.rules import MentionRef, all_states, cluster_conflict

SPEAKS_FOR = {"the Kremlin": "Russia", "the White House": "United States"}
ACTORS = ["Donald Trump", "Vladimir Putin", "Volodymyr Zelenskyy", "the Kremlin", "Russia", "Ukraine",
          "the White House"]
PEOPLE = frozenset(ACTORS[:3])
CLASSES = ["PhoneCall", "Statement", "Agreement", "Talks"]


def random_mentions(seed: int, n: int = 60) -> list[MentionRef]:
    rng = random.Random(seed)
    start = dt.date(2025, 3, 10)
    mentions = []
    for i in range(n):
        day = start + dt.timedelta(days=rng.randrange(8))
        roll = rng.random()
        if roll < 0.15:
            dating = Dating(start, start + dt.timedelta(days=6), "week", "test", None)
        elif roll < 0.2:
            dating = None
        else:
            dating = Dating(day, day, "day", "test", None)
        actors = tuple(rng.sample(ACTORS, rng.randrange(0, 4)))
        cls = rng.choice(CLASSES)
        theme = rng.choice([None, None, "swap", "talks", "ceasefire", "ceasefire proposal"]) \
            if cls == "Agreement" else None
        event = EventMention(index=i, event_class=cls, head=0, trigger=rng.choice(["call", "spoke", "said"]),
                             trigger_span=(0, 4), sentence_span=(0, 10), sentence_index=rng.randrange(6),
                             agents=actors[:2], patients=actors[2:], dating=dating, theme=theme)
        mentions.append(MentionRef(f"a{rng.randrange(4)}", event))
    return mentions


def plain_pairs(mentions, states):
    """Every pair the definition names, in no particular order: same class, both dated, the later
    beginning within a day of the earlier's end, and an actor in common or one of the same article
    naming nobody."""
    dated = sorted((m for m in mentions if m.event.dating), key=lambda m: (m.event.dating.begin, m.id))
    found = {}
    for i, j in itertools.combinations(range(len(dated)), 2):
        a, b = dated[i], dated[j]
        if a.event.event_class != b.event.event_class:
            continue
        if b.event.dating.begin > a.event.dating.end + dt.timedelta(days=NEAR_MISS_DAYS):
            continue
        shared = states[a.id] & states[b.id]
        if shared or (a.stem == b.stem and not (a.actor_set and b.actor_set)):
            found[(a.id, b.id)] = len(shared)
    return found


@pytest.mark.parametrize("seed", range(12))
def test_blocking_finds_exactly_the_pairs_of_the_definition(seed):
    mentions = random_mentions(seed)
    states = all_states(mentions, SPEAKS_FOR)
    found = candidate_arrays(mentions, states)
    pairs = {(found.dated[i].id, found.dated[j].id): s
             for i, j, s in zip(found.a.tolist(), found.b.tolist(), found.shared.tolist())}
    assert len(pairs) == len(found)            # each pair once
    assert pairs == plain_pairs(mentions, states)


@pytest.mark.parametrize("seed", range(12))
def test_cluster_summaries_never_contradict_the_pairs(seed):
    """Where the summaries decide (not False), they decide as the pair-by-pair check does."""
    mentions = [m for m in random_mentions(seed, 40) if m.event.dating]
    states = all_states(mentions, SPEAKS_FOR)
    rng = random.Random(seed)
    decided = 0
    for cls in CLASSES:
        same = [m for m in mentions if m.event.event_class == cls]
        for _ in range(30):
            if len(same) < 2:
                break
            x = rng.sample(same, rng.randrange(1, min(4, len(same))))
            y = rng.sample([m for m in same if m not in x], rng.randrange(1, min(4, len(same) - len(x)) + 1))
            quick = _quick_conflict(_summary(x, states, PEOPLE), _summary(y, states, PEOPLE))
            full = cluster_conflict(x, y, states, PEOPLE)
            if quick is False:
                continue
            decided += 1
            assert quick == full
    assert decided
