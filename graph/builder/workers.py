"""The per-article stage, in this process or in a pool of worker processes.

For each article: parse (spaCy, streamed through ``nlp.pipe``), extract
(:func:`graph.extract.extract_article`) and describe it as its own graph in
Turtle (:func:`graph.rdf.article_graph`). Articles depend on nothing but
themselves here, so the stage runs anywhere: :func:`in_process` streams
them through one pipeline, :func:`in_pool` sends chunks to ``jobs`` worker
processes (each loads the model once, or inherits it from this process
when the system forks), :class:`ExtractedBeside` the few articles of a rebuild
to one forked process while this one reads the cache,
:mod:`graph.builder.distributed` to a Dask cluster. Every
way yields the results in input order, and keeps only a bounded number of
articles in flight: no process holds all the parsed documents.
"""

from __future__ import annotations

import collections
import concurrent.futures
import functools
import multiprocessing
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from pathlib import Path

from graph.builder.beside import beside
from graph.builder.cache import ArticleResult, code_version
from graph.errors import TimelineError
from graph.ingest import Article
from graph.knowledge import Knowledge

#: A pool is worth its start only with at least this many articles to extract per worker.
MIN_ARTICLES_PER_WORKER = 2
#: The most articles sent to a worker at once (one ``nlp.pipe`` call).
MAX_CHUNK = 16
#: Chunks in flight per worker: enough to keep it busy, few enough to bound memory.
CHUNKS_PER_WORKER = 2
STAGES = ("parse", "extract", "rdf")


@dataclass
class Chunk:
    """A worker's answer: results in the order of its articles, seconds per stage, the code it ran."""

    results: list[ArticleResult]
    seconds: dict[str, float] = field(default_factory=dict)
    code: str = ""


def extract_stream(articles: Iterable[Article], model: str, ontology: str | None,
                   seconds: dict[str, float], knowledge: Knowledge | None = None) -> Iterator[ArticleResult]:
    """Parse, extract and describe each article, in order; adds the time of each stage to ``seconds``.
    ``knowledge``: the knowledge files of ``ontology`` as read, when they were."""
    from graph.export.turtle import to_turtle
    from graph.extract import extract_article
    from graph.knowledge import load_knowledge
    from graph.nlp import load_model, parse_stream
    from graph.rdf import article_graph

    nlp = load_model(model)
    if knowledge is None:
        knowledge = load_knowledge(Path(ontology) if ontology else None)
    pending: collections.deque[Article] = collections.deque()

    def texts():
        for article in articles:
            pending.append(article)
            yield article.text

    docs = parse_stream(nlp, texts(), MAX_CHUNK)
    while True:
        started = time.perf_counter()
        doc = next(docs, None)
        parsed = time.perf_counter()
        if doc is None:
            return
        article = pending.popleft()
        extraction = extract_article(doc, article, knowledge)
        extracted = time.perf_counter()
        turtle = to_turtle(article_graph(article, extraction, knowledge))
        described = time.perf_counter()
        for stage, spent in zip(STAGES, (parsed - started, extracted - parsed, described - extracted)):
            seconds[stage] = seconds.get(stage, 0.0) + spent
        yield ArticleResult(extraction, turtle)


def process_chunk(articles: list[Article], model: str, ontology: str | None,
                  knowledge: Knowledge | None = None) -> Chunk:
    """What a worker runs: one chunk of articles through the stage."""
    seconds: dict[str, float] = {}
    results = list(extract_stream(articles, model, ontology, seconds, knowledge))
    return Chunk(results, seconds, code_version())


class ResultsBeside:
    """The results of a chunk extracted by a process beside this one (``running``, from
    :func:`graph.builder.beside.beside`): iterating waits for them (in input order) and adds the
    process's stage times to ``seconds``."""

    seconds: dict[str, float]
    running: Any
    results: Iterator[ArticleResult] | None

    def __iter__(self) -> Iterator[ArticleResult]:
        return self

    def __next__(self) -> ArticleResult:
        if self.results is None:
            chunk = self.running.wait()
            for stage, spent in chunk.seconds.items():
                self.seconds[stage] = self.seconds.get(stage, 0.0) + spent
            self.results = iter(chunk.results)
        return next(self.results)

    def close(self) -> None:
        """Stop the process when its results are no longer wanted (the build failed)."""
        if self.results is None:
            self.running.cancel()


class ExtractedBeside(ResultsBeside):
    """The stage for ``articles`` in one forked process, started at once: it imports spaCy and
    loads the model itself, so a rebuild that extracts a few articles reads the rest from the
    cache meanwhile."""

    def __init__(self, articles: Iterable[Article], model: str, ontology: str | None,
                 seconds: dict[str, float]) -> None:
        self.seconds = seconds
        self.running = beside(functools.partial(process_chunk, list(articles), model, ontology))
        self.results = None


def workers_for(articles: int, jobs: int) -> int:
    """How many worker processes ``articles`` to extract justify; 1 means: stay in this process."""
    return max(1, min(jobs, articles // MIN_ARTICLES_PER_WORKER))


def chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    for article in articles:
        chunk.append(article)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def chunk_size(articles: int, workers: int) -> int:
    """Small enough that every worker gets several chunks, at most :data:`MAX_CHUNK`."""
    return max(1, min(MAX_CHUNK, articles // (workers * 4)))


def _context():
    """Fork where the system can (workers inherit the loaded model), else spawn."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def warm_up(ontology: str | None, knowledge: Knowledge | None = None) -> None:
    """Load what every worker needs once, here, before the workers are forked.

    The knowledge files, the gazetteer's token index and dateparser's first
    call (about 0.3 s, its language data) would otherwise be paid again in
    every worker.
    """
    from graph.extract.actors import gazetteer
    from graph.extract.date_rules import parse_absolute
    from graph.knowledge import load_knowledge

    gazetteer(knowledge if knowledge is not None else load_knowledge(Path(ontology) if ontology else None))
    parse_absolute("1 January 2000")


def in_pool(articles: Iterable[Article], count: int, workers: int, model: str, ontology: str | None,
            seconds: dict[str, float]) -> Iterator[ArticleResult]:
    """The stage in ``workers`` processes; results in input order, a few chunks in flight at a time."""
    from concurrent.futures.process import BrokenProcessPool

    if _context().get_start_method() == "fork":
        warm_up(ontology)
    pieces = chunks(articles, chunk_size(count, workers))
    pending: collections.deque[concurrent.futures.Future] = collections.deque()
    pool = concurrent.futures.ProcessPoolExecutor(workers, mp_context=_context())
    try:
        def submit() -> None:
            piece = next(pieces, None)
            if piece is not None:
                pending.append(pool.submit(process_chunk, piece, model, ontology))

        for _ in range(workers * CHUNKS_PER_WORKER):
            submit()
        while pending:
            try:
                chunk = pending.popleft().result()
            except BrokenProcessPool as exc:
                raise TimelineError("a worker process died while extracting",
                                    hint="rerun with fewer --jobs (out of memory?) or --jobs 1") from exc
            submit()
            for stage, spent in chunk.seconds.items():
                seconds[stage] = seconds.get(stage, 0.0) + spent
            yield from chunk.results
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
