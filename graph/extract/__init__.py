"""Extractors: pure functions from a parsed article to typed records.

One module per kind: :mod:`~graph.extract.repair` (a parse mended first),
:mod:`~graph.extract.furniture` (what is not the story), :mod:`~graph.extract.actors`, :mod:`~graph.extract.dates`,
:mod:`~graph.extract.events`, :mod:`~graph.extract.anchoring` (dating
events), :mod:`~graph.extract.claims`. :func:`extract_article`
(:mod:`~graph.extract.article`) runs them in that order.
"""

from __future__ import annotations

import importlib

from graph.extract.records import ActorMention, ArticleExtraction, Claim, Dating, EventMention

__all__ = ["extract_article", "ActorMention", "ArticleExtraction", "Claim", "Dating", "EventMention"]


def __getattr__(name: str):
    """:func:`extract_article` is imported on first use (with the extractors, spaCy): a rebuild that
    takes every article from the cache reads the records without them."""
    if name == "extract_article":
        return importlib.import_module("graph.extract.article").extract_article
    raise AttributeError(f"module 'graph.extract' has no attribute {name!r}")
