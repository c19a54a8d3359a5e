"""timeline-kg: news articles → an event-timeline knowledge graph.

The pipeline, one module or subpackage per stage::

    ingest → nlp → extract (furniture, actors, dates, events, anchoring, claims)
           → rdf (per article) → merge (actors, events with networkx) → export (turtle, html)
           → query

Public API (imported on first use, so ``import graph`` stays cheap and the
command line starts fast): :func:`build` runs it all; the other names are
its stages and the exceptions of :mod:`graph.errors`.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

_API = {
    "build": "graph.builder.pipeline", "BuildReport": "graph.builder.pipeline",
    "read_corpus": "graph.ingest", "Article": "graph.ingest", "Diagnostic": "graph.ingest",
    "load_knowledge": "graph.knowledge", "Knowledge": "graph.knowledge",
    "extract_article": "graph.extract", "ArticleExtraction": "graph.extract", "EventMention": "graph.extract",
    "article_graph": "graph.rdf", "merge_articles": "graph.merge", "MergeResult": "graph.merge",
    "TimelineError": "graph.errors", "InputError": "graph.errors", "ManifestError": "graph.errors",
    "ArticleError": "graph.errors", "ModelError": "graph.errors", "KnowledgeError": "graph.errors",
    "ExportError": "graph.errors", "ValidationError": "graph.errors", "QueryError": "graph.errors",
    "SchedulerError": "graph.errors",
}

__all__ = ["__version__", *_API]


def __getattr__(name: str):
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'graph' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted(__all__)
