"""Triples for each kind of thing in the contract (docs/contract.md).

Each ``add_*`` function adds what the contract says about one thing to a
graph. Both the per-article graphs and the merged graph are built from
these, so the two never describe the same thing differently.
"""

from __future__ import annotations

import datetime as dt

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

from graph.extract.records import Dating, EventMention
from graph.ingest import Article, web_url
from graph.knowledge import Knowledge
from graph.rdf import ids
from graph.rdf.namespaces import ACTOR_TYPES, GRANULARITY_UNITS, OA, SCHEMA, SEM, TL, WD

STAMP_TYPES = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}


def stamp(dating: Dating) -> Literal | None:
    """``sem:hasTimeStamp`` at the dating's granularity, or None for weeks and intervals."""
    if dating.granularity == "day":
        return Literal(dating.begin.isoformat(), datatype=XSD.date)
    if dating.granularity == "month":
        return Literal(dating.begin.strftime("%Y-%m"), datatype=XSD.gYearMonth)
    if dating.granularity == "year":
        return Literal(f"{dating.begin.year:04d}", datatype=XSD.gYear)
    return None


def date_literal(day: dt.date) -> Literal:
    return Literal(day.isoformat(), datatype=XSD.date)


def add_article(graph: Graph, article: Article) -> URIRef:
    """The article: identifier, publication date, publisher, headline, and its URL.

    ``schema:url`` is an IRI only for an http(s) URL that Turtle can hold
    (:func:`graph.ingest.web_url`: no space, ``<``, ``>``, quote, …); any
    other URL is left out, so manifest text never breaks the Turtle or
    becomes a ``javascript:`` link. Reading the manifest warns about it.
    """
    node = ids.article_iri(article.stem)
    graph.add((node, RDF.type, SCHEMA.NewsArticle))
    graph.add((node, SCHEMA.identifier, Literal(article.stem)))
    if article.published:
        graph.add((node, SCHEMA.datePublished, date_literal(article.published)))
    if article.outlet:
        outlet = ids.outlet_iri(article.outlet)
        graph.add((node, SCHEMA.publisher, outlet))
        graph.add((outlet, RDF.type, SCHEMA.Organization))
        graph.add((outlet, RDFS.label, Literal(article.outlet)))
    if article.title:
        graph.add((node, SCHEMA.headline, Literal(article.title)))
    if web_url(article.url):
        graph.add((node, SCHEMA.url, URIRef(article.url)))
    return node


def add_actor(graph: Graph, name: str, kind: str, surfaces: set[str] | frozenset[str],
              knowledge: Knowledge) -> URIRef:
    """An actor with its type, names and links; a state it speaks for is declared too.

    A name the model took for a place but that acts in an event (an unknown
    town "said", a city is attacked by) is typed as an organisation: the
    contract allows only persons, organisations and countries as actors.
    """
    node = ids.actor_iri(name)
    known = knowledge.by_name.get(name)
    graph.add((node, RDF.type, SEM.Actor))
    graph.add((node, RDF.type, ACTOR_TYPES.get(kind, SCHEMA.Organization)))
    graph.add((node, RDFS.label, Literal(name)))
    for form in surfaces:
        if form != name:
            graph.add((node, SKOS.altLabel, Literal(form)))
    if known and known.wikidata:
        graph.add((node, OWL.sameAs, WD[known.wikidata]))
    if known and known.speaks_for:
        state = knowledge.by_name[known.speaks_for]
        graph.add((node, TL.speaksFor, add_actor(graph, state.name, state.kind, (), knowledge)))
    return node


def add_place(graph: Graph, name: str) -> URIRef:
    node = ids.place_iri(name)
    graph.add((node, RDF.type, SEM.Place))
    graph.add((node, RDFS.label, Literal(name)))
    return node


def add_time(graph: Graph, event: URIRef, dating: Dating) -> None:
    graph.add((event, SEM.hasBeginTimeStamp, date_literal(dating.begin)))
    graph.add((event, SEM.hasEndTimeStamp, date_literal(dating.end)))
    stamped = stamp(dating)
    if stamped is not None:
        graph.add((event, SEM.hasTimeStamp, stamped))
    graph.add((event, TL.granularity, GRANULARITY_UNITS[dating.granularity]))


def add_participants(graph: Graph, event: URIRef, agents, patients, places) -> None:
    for name in agents:
        graph.add((event, SEM.hasActor, ids.actor_iri(name)))
        graph.add((event, TL.hasAgent, ids.actor_iri(name)))
    for name in patients:
        graph.add((event, SEM.hasActor, ids.actor_iri(name)))
        graph.add((event, TL.hasPatient, ids.actor_iri(name)))
    for name in places:
        graph.add((event, SEM.hasPlace, add_place(graph, name)))


def _selector(graph: Graph, node: URIRef, start: int, end: int, text: str) -> URIRef:
    graph.add((node, RDF.type, OA.TextPositionSelector))
    graph.add((node, RDF.type, OA.TextQuoteSelector))
    graph.add((node, OA.start, Literal(start)))
    graph.add((node, OA.end, Literal(end)))
    graph.add((node, OA.exact, Literal(text)))
    return node


def add_provenance(graph: Graph, mention: URIRef, event: EventMention, article: Article) -> None:
    """The mention's source: article, evidence sentence and trigger span, and its dating."""
    source = ids.article_iri(article.stem)
    graph.add((mention, PROV.wasDerivedFrom, source))
    graph.add((mention, TL.trigger, Literal(event.trigger)))
    annotation, target = ids.part_iri(mention, "evidence"), ids.part_iri(mention, "target")
    graph.add((mention, TL.evidence, annotation))
    graph.add((annotation, RDF.type, OA.Annotation))
    graph.add((annotation, OA.hasTarget, target))
    graph.add((target, RDF.type, OA.SpecificResource))
    graph.add((target, OA.hasSource, source))
    s_start, s_end = event.sentence_span
    t_start, t_end = event.trigger_span
    graph.add((target, OA.hasSelector, _selector(graph, ids.part_iri(mention, "sentence"), s_start, s_end,
                                                 article.text[s_start:s_end])))
    graph.add((target, OA.hasSelector, _selector(graph, ids.part_iri(mention, "trigger-span"), t_start, t_end,
                                                 article.text[t_start:t_end])))
    if event.speaker:
        graph.add((mention, PROV.wasAttributedTo, ids.actor_iri(event.speaker)))
    if event.dating is not None:
        add_dating(graph, mention, event.dating, article)


def add_dating(graph: Graph, mention: URIRef, dating: Dating, article: Article) -> None:
    node = ids.part_iri(mention, "date")
    graph.add((mention, TL.dateResolution, node))
    graph.add((node, RDF.type, TL.DateResolution))
    graph.add((node, TL.rule, Literal(dating.rule)))
    graph.add((node, TL.granularity, GRANULARITY_UNITS[dating.granularity]))
    if dating.expression:
        graph.add((node, TL.timeExpression, Literal(dating.expression)))
    if dating.expression_span:
        graph.add((node, TL.expressionStart, Literal(dating.expression_span[0])))
        graph.add((node, TL.expressionEnd, Literal(dating.expression_span[1])))
    if dating.anchor_date:
        graph.add((node, TL.anchorDate, date_literal(dating.anchor_date)))
    if dating.anchor_mention is not None:
        graph.add((node, TL.anchor, ids.mention_iri(article.stem, dating.anchor_mention)))
    elif dating.anchor_date:
        graph.add((node, TL.anchor, ids.article_iri(article.stem)))


def add_claim(graph: Graph, event: URIRef, claim, article: Article, mention: URIRef) -> URIRef:
    node = ids.claim_iri(event, claim.prop, claim.value, claim.qualifier, article.stem, mention)
    graph.add((node, RDF.type, TL.Claim))
    graph.add((node, TL.about, event))
    graph.add((node, TL.property, TL[claim.prop]))
    graph.add((node, TL.value, Literal(claim.value, datatype=XSD.duration)))
    graph.add((node, TL.text, Literal(claim.text)))
    if claim.qualifier:
        graph.add((node, TL.qualifier, Literal(claim.qualifier)))
    graph.add((node, PROV.wasDerivedFrom, ids.article_iri(article.stem)))
    graph.add((node, TL.statedIn, mention))
    if claim.speaker:
        graph.add((node, PROV.wasAttributedTo, ids.actor_iri(claim.speaker)))
    return node


def event_label(event_class: str, actors, dating: Dating | None) -> str:
    who = ", ".join(actors) if actors else "unknown actors"
    when = f" ({dating.begin.isoformat()}" + (f"/{dating.end.isoformat()})" if dating.end != dating.begin else ")") \
        if dating else ""
    return f"{event_class}: {who}{when}"
