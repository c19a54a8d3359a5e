"""The build: articles → extraction → RDF per article → merge → exports.

:func:`build` is the library entry point behind ``timeline-kg build``. It
reads every article of an input folder; parses them with spaCy, extracts
event mentions and writes one Turtle file per article (in worker processes
or on a Dask cluster, :mod:`graph.builder.workers`, :mod:`graph.builder.distributed`; taken
from the per-article cache when nothing they depend on changed,
:mod:`graph.builder.cache`); merges them into one graph and writes ``graph.ttl``,
``merge-log.json`` and ``timeline.html``. The files are written into a
staging folder and published as one set (:mod:`graph.export.publish`): a
reader, or a build killed at any moment, sees the previous exports or the
new ones, never a mix.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from graph.builder.beside import beside
from graph.builder.cache import CACHE_EXPORTS, ArticleCache, ArticleResult, knowledge_version, pipeline_version
from graph.builder.distributed import connected, on_cluster
from graph.builder.early import EarlyExtractor, has_entries
from graph.builder.stored import (KNOWLEDGE_STATE, STATE_EXPORTS, carry_state, package_version, read_knowledge,
                                  read_state, write_state)
from graph.errors import InputError, ModelError
from graph.export.atomic import write_bytes_atomic
from graph.export.formats import EXTRA_FILES, parse_formats, write_formats
from graph.export.lock import build_lock
from graph.export.merge_log import write_merge_log
from graph.export.publish import Staging
from graph.export.turtle import write_turtle
from graph.export.turtle_blocks import TurtleBlocks, kept_state, previous_blocks
from graph.gc_pause import paused_gc
from graph.ingest import Article, Diagnostic, StoryShares, read_corpus
from graph.knowledge import Knowledge
from graph.merge import merge_articles, merged_graph
from graph.merge.kept import KeptClusters, state_version
from graph.nlp import available_model, load_model
from graph.builder.workers import ExtractedBeside, extract_stream, in_pool, workers_for

ARTICLES_DIR = "articles"
GRAPH_FILE = "graph.ttl"
MERGE_LOG_FILE = "merge-log.json"
TIMELINE_FILE = "timeline.html"
#: What a build owns in its output folder; anything else there is left alone.
EXPORTS = (f"{ARTICLES_DIR}/*.ttl", GRAPH_FILE, MERGE_LOG_FILE, TIMELINE_FILE, *EXTRA_FILES, *CACHE_EXPORTS,
           *STATE_EXPORTS)
#: Up to this many articles to extract, the per-article stage runs with the cyclic garbage collector
#: paused (as the merge, validation and exports always do): a rebuild that takes nearly everything
#: from the cache then never walks the millions of objects it reads back, and the few parses it does
#: (here or in workers forked with the collector paused) leave too little cyclic garbage to matter.
PAUSED_GC_EXTRACTIONS = 64
#: With this many articles from the cache and more than one job, the few to extract (too few for a
#: pool) are extracted in a forked process while this one reads the cache (spaCy never imported here).
BESIDE_HITS = 100
#: The build state (:mod:`graph.builder.stored`) holding the furniture check of each text.
SHARES_STATE = "story-shares"


@dataclass
class BuildReport:
    """What a build did: counts, timings per stage, diagnostics, files written.

    ``stages`` are wall seconds of this process (``articles`` is the whole
    per-article stage, however it ran; ``validate`` is what validation kept
    this process waiting: it runs in a forked process while the exports are
    written); ``article_stages`` add up the parse, extraction and RDF seconds
    of each article wherever it ran (over several workers they exceed the
    wall time). ``cached`` articles came from the
    cache; ``jobs`` is the number of worker processes used (1: this process,
    0: a Dask cluster).
    """

    articles: int = 0
    cached: int = 0
    jobs: int = 1
    events: int = 0
    dated_events: int = 0
    actors: int = 0
    triples: int = 0
    seconds: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)
    article_stages: dict[str, float] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    def summary(self) -> str:
        cached = f" ({self.cached} from cache)" if self.cached else ""
        return (f"{self.articles} articles{cached}, {self.events} events ({self.dated_events} dated), "
                f"{self.actors} actors, {self.triples} triples in {self.seconds:.1f} s")


class _Stopwatch:
    def __init__(self, report: BuildReport) -> None:
        self.report = report

    def __call__(self, stage: str):
        watch = self

        class _Timer:
            def __enter__(self):
                self.start = time.perf_counter()

            def __exit__(self, *exc):
                watch.report.stages[stage] = watch.report.stages.get(stage, 0.0) + time.perf_counter() - self.start

        return _Timer()


def _strict(diagnostics: list[Diagnostic]) -> None:
    """Under ``--strict``, any diagnostic stops the build before anything is written."""
    if diagnostics:
        errors = sum(1 for n in diagnostics if n.level == "error")
        what = (f"{errors} error{'s' * (errors != 1)}, " if errors else "") + \
               f"{len(diagnostics) - errors} warning{'s' * (len(diagnostics) - errors != 1)}"
        raise InputError(f"--strict: {what} about the input files; nothing was built or written",
                         hint="fix the files named above, or build without --strict")


class _ArticleStage:
    """Results of the per-article stage, in input order: from the cache, this process, a pool or Dask."""

    def __init__(self, articles: list[Article], cache: ArticleCache | None, *, model: str,
                 ontology: Path | None, jobs: int, cluster, report: BuildReport,
                 timer: _Stopwatch, early: EarlyExtractor | None = None):
        self.articles, self.cache, self.model = articles, cache, model
        self.ontology = str(ontology) if ontology else None
        self.report = report
        self.keys = [cache.key(a) for a in articles] if cache else [None] * len(articles)
        self.fresh = [cache is None or not cache.has(k) for k in self.keys]
        misses = sum(self.fresh)
        self.workers = workers_for(misses, jobs) if cluster is None else 0
        self.misses = misses
        # a few articles to extract beside many to read from the cache: extracted in a forked process
        # (which imports spaCy and loads the model) while this one reads the cache
        aside = cluster is None and jobs > 1 and self.workers == 1 and len(articles) - misses >= BESIDE_HITS
        if early is not None and not (aside and misses):
            early.close()   # nothing for it to extract, or too much for one process
            early = None
        if misses and cluster is None and not aside:
            with timer("load-model"):
                load_model(model)  # once here; forked workers inherit it
        todo = (a for a, fresh in zip(articles, self.fresh) if fresh)
        seconds = report.article_stages
        if not misses:
            self.computed: Iterator[ArticleResult] = iter(())
        elif cluster is not None:
            self.computed = on_cluster(cluster, todo, misses, model, self.ontology, seconds)
        elif self.workers > 1:
            self.computed = in_pool(todo, misses, self.workers, model, self.ontology, seconds)
        elif aside:
            self.computed = early.send(todo) if early else ExtractedBeside(todo, model, self.ontology, seconds)
        else:
            self.computed = extract_stream(todo, model, self.ontology, seconds)

    def __iter__(self) -> Iterator[tuple[Article, str | None, ArticleResult, bool]]:
        """(article, cache key, result, whether it came from the cache)"""
        for article, key, fresh in zip(self.articles, self.keys, self.fresh):
            if fresh:
                yield article, key, next(self.computed), False
                continue
            result = self.cache.get(key)
            if result is not None:
                yield article, key, result, True
                continue
            # an entry that does not check out: extract the article again, here, with the cyclic
            # collector on (all entries may fail, and the stage runs with it paused when none is missing)
            paused = not gc.isenabled()
            gc.enable()
            try:
                result = next(extract_stream([article], self.model, self.ontology, self.report.article_stages))
            finally:
                if paused:
                    gc.disable()
            yield article, key, result, False

    def close(self) -> None:
        close = getattr(self.computed, "close", None)
        if close:
            close()


def _early(out_dir: Path, model: str | None, ontology: Path | None, jobs: int | None, report: BuildReport,
           knowledge: Knowledge) -> EarlyExtractor | None:
    """The process for the few articles of a rebuild (:mod:`graph.builder.early`), started at once
    when the cache of ``out_dir`` holds enough entries for them to be extracted beside it."""
    if (jobs or os.cpu_count() or 1) < 2 or not has_entries(out_dir, BESIDE_HITS):
        return None
    try:
        model = model or available_model()
    except ModelError:
        return None     # said after the input is read, as without the cache
    return EarlyExtractor(model, str(ontology) if ontology else None, report.article_stages, knowledge)


def _count(report: BuildReport, events) -> None:
    """The counts of merged events, dated events and actors in ``report``."""
    report.events = len(events)
    report.dated_events = sum(1 for e in events if e.dating is not None)
    report.actors = len({a for e in events for a in e.actors})


@contextmanager
def _collector_back(enabled: bool) -> Iterator[None]:
    """On leaving, the cyclic garbage collector on again if it was (the build pauses it to publish)."""
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def build(input_dir: Path, out_dir: Path, *, model: str | None = None, ontology: Path | None = None,
          validate: bool = True, progress: Callable[[Article], None] | None = None,
          on_corpus: Callable[[list[Article], list[Diagnostic]], None] | None = None,
          strict: bool = False, jobs: int | None = None, cache: bool = True,
          scheduler: str | None = None, formats: Iterable[str] = ("turtle",)) -> BuildReport:
    """Build the exports of ``input_dir`` into ``out_dir``; returns what was done.

    ``on_corpus`` is called with the articles and the diagnostics once the
    input is read. With ``strict``, any diagnostic raises
    :class:`~graph.errors.InputError` before anything is written. The
    per-article stage (parse, extract, the article's own graph) runs in
    ``jobs`` worker processes (default: one per core; the seeds' few
    articles stay in this process), or on the Dask cluster whose scheduler
    is at ``scheduler``; articles whose entry in ``OUT/.cache/`` matches
    (same text, metadata, code, knowledge files and model) are not
    extracted again unless ``cache`` is False. The output is the same
    whichever way it ran. ``formats`` (:mod:`graph.export.formats`) adds
    ``graph.nt``, ``graph.jsonld``, ``graph.trig`` to the set; an unknown one
    raises :class:`~graph.errors.ExportError` before anything is read.

    The merged graph is validated against ``ontology/shapes.ttl`` before
    anything is published (``validate=False`` skips it): a graph that breaks
    the contract raises :class:`~graph.errors.ValidationError` and leaves the
    previous exports untouched.
    """
    from graph.export.timeline_kept import kept_views, write_kept_timeline

    started = time.perf_counter()
    formats = parse_formats(formats)
    report = BuildReport()
    timer = _Stopwatch(report)
    input_dir, out_dir = Path(input_dir), Path(out_dir)
    with timer("read"):
        reading = knowledge_version(ontology)
        knowledge, known = read_knowledge(out_dir if cache else None, ontology, reading)
    early = _early(out_dir, model, ontology, jobs, report, knowledge) if cache and scheduler is None else None
    try:
        with timer("read"):
            shares = StoryShares(read_state(out_dir, SHARES_STATE, reading) if cache else None)
            articles, report.diagnostics = read_corpus(input_dir, shares)
        if on_corpus:
            on_corpus(articles, report.diagnostics)
        if strict:
            _strict(report.diagnostics)
        model = model or available_model()
    except BaseException:
        if early is not None:
            early.close()
        raise
    collecting = gc.isenabled()
    with _collector_back(collecting), closing(early) if early else nullcontext(), connected(scheduler) as cluster, \
            build_lock(out_dir), Staging(out_dir, EXPORTS) as stage:
        # Everything is written into the staging folder; leaving the block publishes
        # the set at once (cache entries included), and article graphs no longer in
        # the input are gone with the old set.
        (stage.path / ARTICLES_DIR).mkdir()
        entries = ArticleCache(out_dir, pipeline_version(model, ontology), stage.path)
        if cache:
            write_state(stage.path, KNOWLEDGE_STATE, reading, known)
            write_state(stage.path, SHARES_STATE, reading, dict(sorted(shares.used.items())))
        else:
            entries.keep_all()
            carry_state(out_dir, stage.path)
        stream = _ArticleStage(articles, entries if cache else None, model=model, ontology=ontology,
                               jobs=jobs or os.cpu_count() or 1, cluster=cluster, report=report, timer=timer,
                               early=early)
        report.jobs = stream.workers
        version = package_version()
        sources = dict(zip((a.stem for a in articles), stream.keys)) if cache else None
        # what the last build kept of the merge (graph/merge/kept.py) and of the Turtle, read now: while
        # the few articles of a rebuild are extracted beside
        with timer("merge"):
            clustering = (KeptClusters.read(out_dir, state_version(version, knowledge.speaks_for), sources)
                          if cache else None)
        with timer("export"):
            kept = kept_state(out_dir, version) if cache else None
            previous = previous_blocks(out_dir, kept)
            split = kept is not None and cluster is None
            views = kept_views(out_dir, version) if split else None     # inherited by the page's process
        extractions = []
        try:
            with timer("articles"), paused_gc() if stream.misses <= PAUSED_GC_EXTRACTIONS else nullcontext():
                for article, key, result, hit in stream:
                    target = stage.path / ARTICLES_DIR / f"{article.stem}.ttl"
                    if key is not None:
                        if hit:
                            entries.keep(key, result)
                        else:
                            entries.put(key, result)
                    if key is None or not entries.export(key, target):
                        write_bytes_atomic(target, result.turtle)
                    report.files.append(out_dir / ARTICLES_DIR / f"{article.stem}.ttl")
                    extractions.append(result.extraction)
                    report.cached += hit
                    if progress:
                        progress(article)
        finally:
            stream.close()
        with paused_gc():
            with timer("merge"):
                merged = merge_articles(articles, extractions, knowledge, describe=False, kept=clustering)
            checked = page = None
            try:
                # a rebuild with kept blocks describes only the events whose blocks it does not keep
                # (graph/export/turtle_blocks.py), and its page reads only the events whose view it does
                # not keep (graph/export/timeline_kept.py): the page needs the keys first; a build
                # without describes the whole graph, and its page's process works out the keys itself
                # after the page (this one's are not made yet when it forks)
                blocks = None
                if split:
                    with timer("export"):
                        blocks = TurtleBlocks(merged.events, merged.sub_events, articles, version, sources)
                else:
                    with timer("merge"):
                        graph = merged_graph(merged, articles, knowledge)

                def timeline() -> None:
                    write_kept_timeline(stage.path / TIMELINE_FILE,
                                        (lambda numbers: merged_graph(merged, articles, knowledge, numbers)) if split
                                        else lambda _numbers: graph,
                                        [str(event.iri) for event in merged.events],
                                        lambda: (blocks or TurtleBlocks(merged.events, merged.sub_events, articles,
                                                                        version, sources)).keys,
                                        version, out_dir if split else None, stage.path if cache else None, views)

                with timer("export"):
                    # the page in a forked process, while this one writes the Turtle and the log
                    page = beside(timeline) if cluster is None else None
                    if page is not None and page.pid is not None:
                        views = None    # the page's process has them
                    if blocks is None:
                        blocks = TurtleBlocks(merged.events, merged.sub_events, articles, version, sources)
                    blocks.take(previous)
                    previous = None
                    if clustering is not None:
                        clustering.keep(stage.path, state_version(version, knowledge.speaks_for))
                        clustering = None
                shapes = None
                if validate:
                    from graph.builder.validate import shapes_version
                    shapes = shapes_version()
                described = None
                if split:
                    with timer("merge"):
                        described = blocks.described(shapes)
                        graph = merged_graph(merged, articles, knowledge, described)
                if validate:
                    from graph.builder.validate import validate as validate_graph
                    from graph.builder.validate import validate_beside

                    # only what changed since a validated build with the same shapes; in a forked
                    # process, on the other core, while the exports are written (not beside a Dask
                    # client: forking under its threads is not safe)
                    with timer("validate"):
                        skip = blocks.unchanged(shapes, described)
                        if cluster is None:
                            checked = validate_beside(graph, skip)
                        else:
                            validate_graph(graph, skip=skip)
                with timer("export"):
                    report.triples = write_turtle(graph, stage.path / GRAPH_FILE, blocks)
                    if blocks.count is not None:    # the kept blocks' triples are not all in the graph
                        report.triples = blocks.count
                    elif split:     # the writer took no blocks (blank nodes, which the merge makes none of)
                        graph = merged_graph(merged, articles, knowledge)
                        report.triples = write_turtle(graph, stage.path / GRAPH_FILE)
                    if cache:
                        blocks.keep(stage.path, shapes or "")
                    write_merge_log(stage.path / MERGE_LOG_FILE, merged.log)
                    if page is None:
                        timeline()
                    else:
                        page.wait()
                extra = write_formats(formats, stage.path / GRAPH_FILE, stage.path / ARTICLES_DIR, timer)
            except BaseException:
                for running in (checked, page):
                    if running is not None:
                        running.cancel()
                raise
            if checked is not None:
                with timer("validate"):
                    checked.wait()
            report.files += [out_dir / GRAPH_FILE, out_dir / MERGE_LOG_FILE, out_dir / TIMELINE_FILE]
            report.files += [out_dir / path.name for path in extra]
            _count(report, merged.events)
            publishing = time.perf_counter()
            # the merged graph and the extractions freed by reference counting, with the collector
            # still paused: re-enabling it with them alive set off a collection that walked them all
            del merged, blocks, graph
            checked = page = skip = described = None
            extractions.clear()
        gc.disable()    # publishing creates little that the collector could free
    report.stages["export"] += time.perf_counter() - publishing
    report.articles = len(articles)
    report.seconds = time.perf_counter() - started
    return report
