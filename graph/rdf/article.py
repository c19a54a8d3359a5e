"""One article's graph: what that article says, before any merging."""

from __future__ import annotations

from graph.extract.records import ArticleExtraction
from graph.gc_pause import paused_gc
from graph.ingest import Article
from graph.knowledge import Knowledge
from graph.rdf import ids
from graph.rdf.describe import (add_actor, add_article, add_claim, add_event, add_event_mention, add_provenance,
                                add_sub_event, event_label)
from graph.rdf.namespaces import new_graph
from graph.rdf.triples import TripleGraph


def article_graph(article: Article, extraction: ArticleExtraction, knowledge: Knowledge) -> TripleGraph:
    """The article, the events it states (one per mention, typed by class), and the actors they name.

    An article's event ``tlid:article/<stem>/event/<n>`` is what that one
    article says; its mention ``tlid:mention/<stem>/<n>`` (the same node as in
    the merged graph) carries the evidence and the date's reasoning.
    """
    graph = new_graph()
    with paused_gc():
        add_article(graph, article)
        for name, (kind, surfaces) in extraction.actors.items():
            add_actor(graph, name, kind, surfaces, knowledge)
        for event in extraction.events:
            node = ids.article_event(article.stem, event.index)
            mention = ids.mention(article.stem, event.index)
            add_event(graph, node, event.event_class, event_label(event.event_class, event.actors, event.dating),
                      event.dating, event.agents, event.patients, event.places)
            add_event_mention(graph, node, mention, article.stem)
            add_provenance(graph, mention, event, article)
            for claim in event.claims:
                add_claim(graph, node, claim, article, mention)
            if event.frame is not None:
                add_sub_event(graph, node, ids.article_event(article.stem, event.frame))
    return graph
