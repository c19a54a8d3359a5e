"""The build: articles → extraction → RDF per article → merge → exports.

:func:`build` is the library entry point behind ``timeline-kg build``. It
reads every article of an input folder, parses them with spaCy (streamed
through ``nlp.pipe``), extracts event mentions, writes one Turtle file per
article, merges them into one graph and writes ``graph.ttl``,
``merge-log.json`` and ``timeline.html``. The files are written into a
staging folder and published as one set (:mod:`graph.export.publish`): a
reader, or a build killed at any moment, sees the previous exports or the
new ones, never a mix.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from graph.export.atomic import write_text_atomic
from graph.export.lock import build_lock
from graph.export.publish import Staging
from graph.export.turtle import write_turtle
from graph.extract import ArticleExtraction, extract_article
from graph.ingest import Article, Diagnostic, read_corpus
from graph.knowledge import Knowledge, load_knowledge
from graph.merge import merge_articles
from graph.nlp import load_model
from graph.rdf import article_graph

ARTICLES_DIR = "articles"
GRAPH_FILE = "graph.ttl"
MERGE_LOG_FILE = "merge-log.json"
TIMELINE_FILE = "timeline.html"
#: What a build owns in its output folder; anything else there is left alone.
EXPORTS = (f"{ARTICLES_DIR}/*.ttl", GRAPH_FILE, MERGE_LOG_FILE, TIMELINE_FILE)


@dataclass
class BuildReport:
    """What a build did: counts, timings per stage, diagnostics, files written."""

    articles: int = 0
    events: int = 0
    dated_events: int = 0
    actors: int = 0
    triples: int = 0
    seconds: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{self.articles} articles, {self.events} events ({self.dated_events} dated), "
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


def extract_all(articles: list[Article], knowledge: Knowledge, model: str | None = None,
                progress: Callable[[Article], None] | None = None,
                timer: Callable | None = None) -> list[ArticleExtraction]:
    """Parse and extract every article, in order, streaming texts through the parser."""
    nlp = load_model(model)
    extractions = []
    docs: Iterable = nlp.pipe((a.text for a in articles), batch_size=16)
    for article in articles:
        if timer:
            with timer("parse"):
                doc = next(docs)
            with timer("extract"):
                extractions.append(extract_article(doc, article, knowledge))
        else:
            extractions.append(extract_article(next(docs), article, knowledge))
        if progress:
            progress(article)
    return extractions


def build(input_dir: Path, out_dir: Path, *, model: str | None = None, ontology: Path | None = None,
          validate: bool = True, progress: Callable[[Article], None] | None = None,
          on_corpus: Callable[[list[Article]], None] | None = None) -> BuildReport:
    """Build the exports of ``input_dir`` into ``out_dir``; returns what was done.

    The merged graph is validated against ``ontology/shapes.ttl`` before
    anything is written (``validate=False`` skips it): a graph that breaks the
    contract raises :class:`~graph.errors.ValidationError` and leaves the
    previous exports untouched.
    """
    from graph.export.html import write_timeline

    started = time.perf_counter()
    report = BuildReport()
    timer = _Stopwatch(report)
    input_dir, out_dir = Path(input_dir), Path(out_dir)
    with timer("read"):
        knowledge = load_knowledge(ontology)
        articles, report.diagnostics = read_corpus(input_dir)
    if on_corpus:
        on_corpus(articles)
    with timer("load-model"):
        load_model(model)
    extractions = extract_all(articles, knowledge, model, progress, timer)
    with timer("rdf"):
        per_article = [(a, article_graph(a, x, knowledge)) for a, x in zip(articles, extractions)]
    with timer("merge"):
        merged = merge_articles(articles, extractions, knowledge)
    if validate:
        from graph.validate import validate as validate_graph

        with timer("validate"):
            validate_graph(merged.graph)
    with timer("export"), build_lock(out_dir), Staging(out_dir, EXPORTS) as stage:
        # Everything is written into the staging folder; leaving the block publishes
        # the set at once, and article graphs no longer in the input are gone with
        # the old set.
        (stage.path / ARTICLES_DIR).mkdir()
        for article, graph in per_article:
            write_turtle(graph, stage.path / ARTICLES_DIR / f"{article.stem}.ttl")
            report.files.append(out_dir / ARTICLES_DIR / f"{article.stem}.ttl")
        report.triples = write_turtle(merged.graph, stage.path / GRAPH_FILE)
        write_text_atomic(stage.path / MERGE_LOG_FILE, json.dumps(merged.log, indent=2, ensure_ascii=False) + "\n")
        write_timeline(merged.graph, stage.path / TIMELINE_FILE)
        report.files += [out_dir / GRAPH_FILE, out_dir / MERGE_LOG_FILE, out_dir / TIMELINE_FILE]
    report.articles = len(articles)
    report.events = len(merged.events)
    report.dated_events = sum(1 for e in merged.events if e.dating is not None)
    report.actors = len({a for e in merged.events for a in e.actors})
    report.seconds = time.perf_counter() - started
    return report
