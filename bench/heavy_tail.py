"""The heavy tail: one event told thousands of times, against as many reports of different events.

News is heavy-tailed: on the day of a big call, thousands of reports name
the same two people. This prints, for each input, the wall time and the
peak RSS of a full build (``python -m graph build``, a fresh process each,
measured with ``os.wait4``):

- ``--reports N`` one-paragraph reports (``bench/corpus.py --brief``) of
  **one** phone call, each written by its own writer (triggers, dates and
  sentence shapes vary as they do between outlets), against N reports of
  **N different** events; the ratio of the two builds (target ≤ 2×);
- one article of ``--sentences K`` sentences, a report of one call and its
  length told again and again (the shape that once took the whole
  machine): built, or refused with an ``Error:``, in bounded time and
  memory (target < 60 s, < 2 GB at 20,000 sentences).

Timings vary by machine; tests never assert them.

    PYTHONPATH=. python bench/heavy_tail.py [--reports 2000] [--sentences 20000] [--seed 7]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import corpus

REPO = Path(__file__).resolve().parent.parent


def _write(folder: Path, texts: dict[str, tuple[str, dt.date]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    manifest = []
    for name, (text, published) in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
        manifest += ["[[article]]", f'file = "{name}"', f"published = {published.isoformat()}", ""]
    (folder / "manifest.toml").write_text("\n".join(manifest), encoding="utf-8")
    return folder


def reports(folder: Path, n: int, seed: int, one_event: bool) -> Path:
    """``n`` brief reports: all of one phone call, or each of a different event."""
    rng = random.Random(seed)
    lex = corpus.load_lexicon()
    stories, _ = corpus.make_world(rng, lex, corpus.invent_people(rng, lex, 40), corpus.invent_places(rng, 30),
                                   max(1, n // 4))
    events = [(s, e) for s in stories for e in s.events]
    call = next(((s, e) for s, e in events if e.cls == "PhoneCall"), events[0])
    texts = {}
    for i in range(n):
        story, lead = call if one_event else events[i % len(events)]
        art_rng = random.Random(seed * 1_000_003 + i)
        published = lead.day + dt.timedelta(days=art_rng.choice([0, 1, 1, 2]))
        _, text = corpus.write_brief(art_rng, lex, story, lead, published)
        texts[f"r{i:06d}.txt"] = (text, published)
    return _write(folder, texts)


def long_article(folder: Path, sentences: int, seed: int) -> Path:
    """One article: a report of one call, then its length, told again and again (``sentences`` in all)."""
    rng = random.Random(seed)
    lex = corpus.load_lexicon()
    stories, _ = corpus.make_world(rng, lex, corpus.invent_people(rng, lex, 40), corpus.invent_places(rng, 30), 4)
    call = next((e for s in stories for e in s.events if e.cls == "PhoneCall"), stories[0].events[0])
    published = call.day + dt.timedelta(days=1)
    writer = corpus.Writer(rng, lex, published)
    body = []
    for i in range(sentences // 2):
        body.append(writer.sentence(call, precise=True))
        body.append(f"The call lasted {corpus.MINUTES[i % len(corpus.MINUTES)]} minutes.")
    return _write(folder, {"long.txt": (" ".join(body) + "\n", published)})


def timed_build(corpus_dir: Path, out_dir: Path) -> tuple[float, float, str]:
    """(wall seconds, peak RSS in MB of the build and its workers, its last line of output)."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "graph", "build", str(corpus_dir), "--out", str(out_dir)],
                               cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output = process.stdout.read()
    _, _, usage = os.wait4(process.pid, 0)
    process.returncode = 0
    wall = time.perf_counter() - started
    last = next((line for line in reversed(output.splitlines()) if line.strip()), "")
    return wall, usage.ru_maxrss / 1024, last


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=2000, help="reports in each of the two corpora (0: skip)")
    parser.add_argument("--sentences", type=int, default=20000, help="sentences of the long article (0: skip)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-heavy-") as tmp:
        base = Path(tmp)
        rows = []
        if args.reports:
            for label, one in ((f"{args.reports:,} reports of one call", True),
                               (f"{args.reports:,} reports of different events", False)):
                folder = reports(base / label.split()[-1], args.reports, args.seed, one)
                rows.append((label, *timed_build(folder, base / f"out-{len(rows)}")))
        if args.sentences:
            folder = long_article(base / "long", args.sentences, args.seed)
            size = (folder / "long.txt").stat().st_size
            rows.append((f"one article of {args.sentences:,} sentences ({size / 1e3:,.0f} KB)",
                         *timed_build(folder, base / "out-long")))
        print(f"{'input':<52} {'build s':>8} {'peak RSS':>10}  result")
        for label, wall, rss, last in rows:
            print(f"{label:<52} {wall:>8.1f} {rss:>7,.0f} MB  {last[:90]}")
        if args.reports:
            print(f"one call / different events: {rows[0][1] / rows[1][1]:.2f}× (target ≤ 2×)")


if __name__ == "__main__":
    main()
