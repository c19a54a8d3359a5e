"""One article's graph: what that article says, before any merging."""

from __future__ import annotations

from rdflib import Graph, Literal
from rdflib.namespace import PROV, RDF, RDFS

from graph.extract.records import ArticleExtraction
from graph.ingest import Article
from graph.knowledge import Knowledge
from graph.rdf import ids
from graph.rdf.describe import (add_actor, add_article, add_claim, add_participants, add_provenance, add_time,
                                event_label)
from graph.rdf.namespaces import TL, new_graph


def article_graph(article: Article, extraction: ArticleExtraction, knowledge: Knowledge) -> Graph:
    """The article, the events it states (one per mention, typed by class), and the actors they name.

    An article's event ``tlid:article/<stem>/event/<n>`` is what that one
    article says; its mention ``tlid:mention/<stem>/<n>`` (the same node as in
    the merged graph) carries the evidence and the date's reasoning.
    """
    graph = new_graph()
    add_article(graph, article)
    for name, (kind, surfaces) in extraction.actors.items():
        add_actor(graph, name, kind, surfaces, knowledge)
    for event in extraction.events:
        node = ids.article_event_iri(article.stem, event.index)
        mention = ids.mention_iri(article.stem, event.index)
        graph.add((node, RDF.type, TL[event.event_class]))
        graph.add((node, RDFS.label, Literal(event_label(event.event_class, event.actors, event.dating))))
        if event.dating is not None:
            add_time(graph, node, event.dating)
        add_participants(graph, node, event.agents, event.patients, event.places)
        graph.add((node, PROV.wasDerivedFrom, ids.article_iri(article.stem)))
        graph.add((node, TL.mention, mention))
        graph.add((mention, RDF.type, TL.EventMention))
        graph.add((mention, TL.mentionOf, node))
        add_provenance(graph, mention, event, article)
        for claim in event.claims:
            add_claim(graph, node, claim, article, mention)
    return graph
