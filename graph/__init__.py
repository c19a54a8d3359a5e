"""timeline-kg: news articles → an event-timeline knowledge graph.

The pipeline, one module or subpackage per stage::

    ingest → nlp → extract (furniture, actors, dates, events, anchoring, claims)
           → rdf (per article) → merge (actors, events with networkx) → export (turtle, html)
           → query

Public API: :func:`build` runs it all; the other names are its stages.
"""

__version__ = "0.1.0"

from graph.errors import (ArticleError, ExportError, InputError, KnowledgeError, ManifestError, ModelError,
                          QueryError, TimelineError, ValidationError)
from graph.extract import ArticleExtraction, EventMention, extract_article
from graph.ingest import Article, Diagnostic, read_corpus
from graph.knowledge import Knowledge, load_knowledge
from graph.merge import MergeResult, merge_articles
from graph.pipeline import BuildReport, build
from graph.rdf import article_graph

__all__ = [
    "__version__", "build", "BuildReport", "read_corpus", "Article", "Diagnostic", "load_knowledge", "Knowledge",
    "extract_article", "ArticleExtraction", "EventMention", "article_graph", "merge_articles", "MergeResult",
    "TimelineError", "InputError", "ManifestError", "ArticleError", "ModelError", "KnowledgeError", "ExportError",
    "ValidationError", "QueryError",
]
