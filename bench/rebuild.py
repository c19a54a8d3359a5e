"""A rebuild after adding one article to a built corpus, in fresh processes, against other code.

``bench/run.py`` times a build and its rebuild in one process; this times
only the rebuild, the way ``timeline-kg build`` runs it (a fresh
``python -m graph build``, wall and CPU seconds and peak RSS by
``os.wait4``), so that runs of two versions of the code can be interleaved
on a shared machine. For each code folder (``--code``, default: this
repository; another checkout of the package, e.g. ``git archive`` of an
older commit with ``graph/`` and ``ontology/``):

1. the built output ``OUT`` is copied and built again from ``CORPUS`` with
   that code (every article from the cache; the build state is versioned
   by the code, so this makes the state that code keeps);
2. then, ``--runs`` times, that copy is copied again (and synced to disk)
   and built from a copy of ``CORPUS`` with one article added (``bench/run.py``'s
   :func:`~bench.run.add_article`), the runs of the code folders taking
   turns.

Give ``--full SECONDS`` (the full build's wall time) to print each rebuild
as a share of it. Timings vary by machine; tests never assert them.

    PYTHONPATH=. python bench/rebuild.py CORPUS OUT [--code DIR ...] [--runs 3] [--full 156] [--work /tmp]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.run import add_article

REPO = Path(__file__).resolve().parent.parent


def run_build(code: Path, corpus: Path, out: Path) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak RSS in MB) of ``python -m graph build`` with the package of ``code``."""
    env = dict(os.environ, PYTHONPATH=str(code))
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "graph", "build", str(corpus), "--out", str(out)],
                               env=env, cwd=tempfile.gettempdir(), stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"the build with {code} failed")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("out", type=Path, help="a build of the corpus")
    parser.add_argument("--code", type=Path, action="append", help="a folder holding graph/ and ontology/")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--full", type=float, default=None, help="the full build's wall seconds")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()))
    args = parser.parse_args(argv)
    codes = [code.resolve() for code in args.code or [REPO]]
    args.corpus, args.out = args.corpus.resolve(), args.out.resolve()
    work = Path(tempfile.mkdtemp(prefix="bench-rebuild-", dir=args.work))
    try:
        plus = work / "corpus-plus"
        shutil.copytree(args.corpus, plus)
        add_article(plus)
        primed = []
        for n, code in enumerate(codes):
            folder = work / f"primed-{n}"
            shutil.copytree(args.out, folder)
            run_build(code, args.corpus, folder)
            primed.append(folder)
        for run in range(args.runs):
            for code, folder in zip(codes, primed):
                target = work / "run"
                shutil.copytree(folder, target)
                os.sync()   # the copy on disk before the timed build, not written back during it
                wall, cpu, rss = run_build(code, plus, target)
                shutil.rmtree(target)
                share = f" = {100 * wall / args.full:.1f}% of the full build" if args.full else ""
                print(f"{code}: rebuild {wall:.1f} s wall{share}, {cpu:.1f} s CPU, peak RSS {rss:.0f} MB",
                      flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
