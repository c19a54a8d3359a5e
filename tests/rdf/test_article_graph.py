"""One article's graph follows the contract."""

from __future__ import annotations

import datetime as dt

from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, TIME, XSD

from graph.ingest import Article
from graph.rdf import article_graph
from graph.rdf.namespaces import OA, SCHEMA, SEM, TL, TLID, WD

TEXT = "Joe Biden spoke with Xi Jinping on Monday.\nThe call lasted 90 minutes, the White House said.\n"


def build(extract, knowledge):
    article = Article(stem="a1", text=TEXT, published=dt.date(2025, 3, 18), outlet="Daily Planet")
    return article_graph(article, extract(TEXT), knowledge)


def test_article_node(extract, knowledge):
    graph = build(extract, knowledge)
    node = TLID["article/a1"]
    assert (node, RDF.type, SCHEMA.NewsArticle) in graph
    assert graph.value(node, SCHEMA.identifier) == Literal("a1")
    assert graph.value(node, SCHEMA.datePublished) == Literal("2025-03-18", datatype=XSD.date)
    assert graph.value(graph.value(node, SCHEMA.publisher), RDFS.label) == Literal("Daily Planet")


def test_mention_with_time_actors_evidence_and_reasoning(extract, knowledge):
    graph = build(extract, knowledge)
    [event] = [e for e in graph.subjects(RDF.type, TL.PhoneCall)
               if graph.value(graph.value(e, TL.mention), TL.trigger) == Literal("spoke")]
    mention = graph.value(event, TL.mention)
    assert str(event).startswith(str(TLID["article/a1/event/"]))
    assert (mention, RDF.type, TL.EventMention) in graph and (event, RDF.type, TL.EventMention) not in graph
    assert graph.value(mention, TL.mentionOf) == event
    day = Literal("2025-03-17", datatype=XSD.date)
    assert graph.value(event, SEM.hasBeginTimeStamp) == day == graph.value(event, SEM.hasEndTimeStamp)
    assert graph.value(event, SEM.hasTimeStamp) == day
    assert graph.value(event, TL.granularity) == TIME.unitDay
    assert set(graph.objects(event, SEM.hasActor)) == {TLID["actor/joe-biden"], TLID["actor/xi-jinping"]}
    selectors = list(graph.objects(graph.value(graph.value(mention, TL.evidence), OA.hasTarget), OA.hasSelector))
    exact = {str(graph.value(s, OA.exact)): (int(graph.value(s, OA.start)), int(graph.value(s, OA.end))) for s in selectors}
    assert exact == {"Joe Biden spoke with Xi Jinping on Monday.": (0, 42), "spoke": (10, 15)}
    reasoning = graph.value(mention, TL.dateResolution)
    assert graph.value(reasoning, TL.rule) == Literal("weekday-past")
    assert graph.value(reasoning, TL.timeExpression) == Literal("on Monday")
    assert graph.value(reasoning, TL.anchor) == TLID["article/a1"]


def test_actors_with_types_aliases_and_wikidata(extract, knowledge):
    graph = build(extract, knowledge)
    biden = TLID["actor/joe-biden"]
    assert {(biden, RDF.type, SEM.Actor), (biden, RDF.type, SCHEMA.Person), (biden, OWL.sameAs, WD.Q6279)} <= set(graph)
    assert graph.value(biden, RDFS.label) == Literal("Joe Biden")
    assert list(graph.objects(biden, SKOS.altLabel)) == []


def test_duration_claim(extract, knowledge):
    graph = build(extract, knowledge)
    [claim] = list(graph.subjects(RDF.type, TL.Claim))
    assert graph.value(claim, TL.value) == Literal("PT1H30M", datatype=XSD.duration)
    assert graph.value(claim, TL.text) == Literal("90 minutes")


def test_no_blank_nodes(extract, knowledge):
    graph = build(extract, knowledge)
    assert all(isinstance(term, (URIRef, Literal)) for triple in graph for term in triple)
