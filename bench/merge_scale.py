"""How event coreference scales: merge N synthetic mentions and print the time.

Mentions are drawn (seeded) from a few hundred event "seeds": each real event
is reported by several articles with varied triggers, some actors left out,
some dates at week or month granularity, plus distractors on neighbouring
days. Prints mentions, clusters, candidate pairs, seconds and mentions/s for
each size, so the growth can be read off (tests never assert times).

    python bench/merge_scale.py [--sizes 1000,10000,100000] [--seed 7]
"""

from __future__ import annotations

import argparse
import hashlib
import datetime as dt
import random
import resource
import time

from graph.extract.records import Dating, EventMention
from graph.merge.blocking import candidate_arrays
from graph.merge.events import MentionRef, cluster_mentions
from graph.merge.rules import all_states

CLASSES = ["PhoneCall", "Meeting", "Talks", "Agreement", "Ceasefire", "Refusal", "Demand", "Statement", "Attack"]
PEOPLE = [f"Person {i}" for i in range(300)]
STATES = [f"State {i}" for i in range(60)]
TRIGGERS = {"PhoneCall": ["call", "spoke", "conversation"], "Meeting": ["met", "meeting", "summit"]}


def synthetic_mentions(n: int, seed: int) -> list[MentionRef]:
    rng = random.Random(seed)
    start = dt.date(2020, 1, 1)
    events = max(1, n // 6)
    mentions = []
    for i in range(n):
        event = rng.randrange(events)
        ev_rng = random.Random(event * 7919 + seed)
        cls = ev_rng.choice(CLASSES)
        day = start + dt.timedelta(days=ev_rng.randrange(2000))
        actors = ev_rng.sample(PEOPLE, 2) + ev_rng.sample(STATES, 1)
        kept = [a for a in actors if rng.random() > 0.3] or actors[:1]
        roll = rng.random()
        if roll < 0.1:
            monday = day - dt.timedelta(days=day.weekday())
            dating = Dating(monday, monday + dt.timedelta(days=6), "week", "bench", None)
        elif roll < 0.15:
            dating = Dating(day + dt.timedelta(days=1), day + dt.timedelta(days=1), "day", "bench", None)
        else:
            dating = Dating(day, day, "day", "bench", None)
        trigger = rng.choice(TRIGGERS.get(cls, [cls.lower()]))
        mention = EventMention(index=i, event_class=cls, head=0, trigger=trigger, trigger_span=(0, len(trigger)),
                               sentence_span=(0, 80), sentence_index=i % 40, agents=tuple(kept), dating=dating)
        mentions.append(MentionRef(f"a{i // 25:06d}", mention))
    return mentions


def clusters_hash(clusters) -> str:
    """A short digest of the partition (each cluster as its sorted member ids), independent of order."""
    parts = sorted("|".join(sorted(m.id for m in c.members)) for c in clusters)
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:12]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    people = frozenset(PEOPLE)
    print(f"{'mentions':>9} {'pairs':>10} {'clusters':>9} {'seconds':>8} {'mentions/s':>11} {'clusters hash':>14}")
    for size in (int(s) for s in args.sizes.split(",")):
        mentions = synthetic_mentions(size, args.seed)
        pairs = len(candidate_arrays(mentions, all_states(mentions, {})))
        started = time.perf_counter()
        clusters, _ = cluster_mentions(mentions, {}, people)
        seconds = time.perf_counter() - started
        print(f"{size:>9} {pairs:>10} {len(clusters):>9} {seconds:>8.2f} {size / seconds:>11.0f} {clusters_hash(clusters):>14}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    main()
