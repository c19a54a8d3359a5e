"""Time each stage after the parse on its own, on the same extractions.

Parsing and extraction run once (their result is kept in a pickle so that
later runs skip them); then the stages that come after the parse are timed
one by one, each ``--repeat`` times (the run with the least CPU time is printed,
CPU and wall seconds: on a shared machine the CPU time is the steadier figure):

- ``rdf``: :func:`graph.rdf.article_graph` of every article;
- ``article-turtle``: :func:`graph.export.turtle.to_turtle` of each article graph;
- ``merge``: :func:`graph.merge.merge_articles`;
- ``validate``: :func:`graph.builder.validate.validate` of the merged graph;
- ``graph-turtle``: ``to_turtle`` of the merged graph;
- ``timeline``: :func:`graph.export.html.render_timeline` of the merged graph.

With ``--profile STAGE`` that stage is run once more under cProfile.

    PYTHONPATH=. python bench/profile_stages.py [--articles 200] [--seed 7] [--cache /tmp/x.pickle]
        [--profile validate]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pickle
import pstats
import tempfile
import time
from pathlib import Path

from bench import corpus

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
STAGES = ("rdf", "article-turtle", "merge", "validate", "graph-turtle", "timeline")
#: The stage whose result a stage works on.
NEEDS = {"article-turtle": "rdf", "validate": "merge", "graph-turtle": "merge", "timeline": "merge"}


def extractions_of(count: int, seed: int, cache: Path | None):
    """(articles, extractions) of a generated corpus, from ``cache`` when it holds them."""
    if cache and cache.exists():
        with cache.open("rb") as handle:
            stored = pickle.load(handle)
        if stored["count"] == count and stored["seed"] == seed:
            return stored["articles"], stored["extractions"]
    from graph.extract import extract_article
    from graph.ingest import read_corpus
    from graph.knowledge import load_knowledge
    from graph.nlp import load_model

    with tempfile.TemporaryDirectory(prefix="bench-stages-") as tmp:
        corpus.write_corpus(Path(tmp), count, seed)
        articles, _ = read_corpus(Path(tmp))
    knowledge = load_knowledge()
    nlp = load_model()
    extractions = [extract_article(doc, article, knowledge)
                   for doc, article in zip(nlp.pipe((a.text for a in articles), batch_size=16), articles)]
    if cache:
        with cache.open("wb") as handle:
            pickle.dump({"count": count, "seed": seed, "articles": articles, "extractions": extractions}, handle)
    return articles, extractions


def stage_runs(articles, extractions):
    """Each stage as a function of nothing, in pipeline order (later ones reuse earlier results)."""
    from graph.export.html import render_timeline
    from graph.export.turtle import to_turtle
    from graph.knowledge import load_knowledge
    from graph.merge import merge_articles
    from graph.rdf import article_graph
    from graph.builder.validate import validate

    knowledge = load_knowledge()
    state: dict = {}

    def rdf():
        state["graphs"] = [article_graph(a, x, knowledge) for a, x in zip(articles, extractions)]

    def article_turtle():
        return sum(len(to_turtle(g)) for g in state["graphs"])

    def merge():
        state["merged"] = merge_articles(articles, extractions, knowledge)

    return {
        "rdf": rdf,
        "article-turtle": article_turtle,
        "merge": merge,
        "validate": lambda: validate(state["merged"].graph),
        "graph-turtle": lambda: to_turtle(state["merged"].graph),
        "timeline": lambda: render_timeline(state["merged"].graph),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cache", type=Path, default=None, help="pickle of the extractions (read or written)")
    parser.add_argument("--only", nargs="*", choices=STAGES, default=None, help="time only these stages")
    parser.add_argument("--profile", choices=STAGES, default=None, help="profile this stage once more")
    parser.add_argument("--profile-lines", type=int, default=25)
    parser.add_argument("--profile-sort", default="cumulative")
    args = parser.parse_args(argv)

    articles, extractions = extractions_of(args.articles, args.seed, args.cache)
    runs = stage_runs(articles, extractions)
    print(f"{len(articles)} articles, {sum(len(x.events) for x in extractions)} event mentions")
    total = 0.0
    needed = set(args.only or STAGES) | ({args.profile} if args.profile else set())
    needed |= {NEEDS[s] for s in needed if s in NEEDS}
    for stage in STAGES:
        if stage not in needed:
            continue
        wanted = args.only is None or stage in args.only
        wall, cpu = min((_timed(runs[stage]) for _ in range(args.repeat if wanted else 1)), key=lambda t: t[1])
        if wanted:
            total += cpu
            print(f"  {stage:<16} {cpu:8.3f} s CPU {wall:8.3f} s wall")
    print(f"  {'total':<16} {total:8.3f} s CPU")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        runs[args.profile]()
        profiler.disable()
        stream = io.StringIO()
        pstats.Stats(profiler, stream=stream).strip_dirs().sort_stats(args.profile_sort).print_stats(
            args.profile_lines)
        print(stream.getvalue())


def _timed(run) -> tuple[float, float]:
    """(wall, CPU) seconds of one run; the best run is the one with the least CPU time."""
    started, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - started, time.process_time() - cpu


if __name__ == "__main__":
    main()
