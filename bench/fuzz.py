"""A long fuzz run of the cheap targets: the date resolver, decoding and front matter, Turtle literals.

The same properties as ``tests/robustness/test_fuzz.py`` (defined in
``tests/robustness/strategies.py``), with many more inputs and a random
seed unless one is given:

- ``resolve``: arbitrary and rule-shaped expressions, anchors 1900–2100,
  tenses (also invalid ones): only the documented ValueError for a bad
  tense, ordered spans, relative expressions near their anchor;
- ``decode`` and ``front matter``: arbitrary bytes and TOML-ish blocks:
  text with ``\\n`` line ends or an ``InputError``, nothing else;
- ``turtle literal``: any text as a literal comes back from
  ``to_turtle`` + rdflib unchanged.

Prints the number of inputs run per target, the total, the seconds, and
every failure with the smallest input hypothesis found; exits 1 if any.

    PYTHONPATH=. python bench/fuzz.py [--examples 3000] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import traceback

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from tests.robustness import strategies as fz

TARGETS = {
    "resolve": ((fz.time_expressions(), fz.ANCHORS, fz.TENSE_VALUES), fz.check_resolve),
    "decode": ((fz.article_bytes(),), fz.check_decode),
    "front matter": ((fz.front_matter(),), fz.check_front_matter),
    "turtle literal": ((fz.tricky_text(),), fz.check_turtle_literal),
}


def run(name: str, examples: int, run_seed: int) -> tuple[int, str | None]:
    """Run one target; returns (inputs run, failure or None)."""
    strategies, check = TARGETS[name]
    count = [0]

    def counted(args):
        count[0] += 1
        check(*args)

    test = seed(run_seed)(settings(max_examples=examples, deadline=None, database=None,
                                   suppress_health_check=list(HealthCheck))(given(st.tuples(*strategies))(counted)))
    try:
        test()
    except Exception:  # noqa: BLE001 - a failure of the property is the result
        return count[0], traceback.format_exc(limit=3)
    return count[0], None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=3000, help="inputs per target (default 3000)")
    parser.add_argument("--seed", type=int, default=None, help="hypothesis seed (default: random, printed)")
    args = parser.parse_args()
    run_seed = args.seed if args.seed is not None else random.randrange(2**32)
    print(f"seed {run_seed}, {args.examples} inputs per target")
    total, failures, started = 0, [], time.perf_counter()
    for name in TARGETS:
        began = time.perf_counter()
        count, failure = run(name, args.examples, run_seed)
        total += count
        print(f"{name:15} {count:7,d} inputs  {time.perf_counter() - began:6.1f} s  {'FAILED' if failure else 'ok'}")
        if failure:
            failures.append((name, failure))
    print(f"{'total':15} {total:7,d} inputs  {time.perf_counter() - started:6.1f} s  "
          f"{len(failures)} failure{'s' if len(failures) != 1 else ''}")
    for name, failure in failures:
        print(f"\n--- {name} ---\n{failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
