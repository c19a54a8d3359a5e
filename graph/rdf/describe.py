"""Triples for each kind of thing in the contract (docs/contract.md).

Each ``add_*`` function adds what the contract says about one thing to a
graph made by :func:`graph.rdf.namespaces.new_graph`. Both the per-article
graphs and the merged graph are built from these, so the two never describe
the same thing differently. Terms are plain values (:mod:`graph.rdf.triples`):
IRIs as ``str``, literals as :class:`~graph.rdf.triples.Lit`.
"""

from __future__ import annotations

import datetime as dt

from rdflib import URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

from graph.extract.records import Dating, EventMention
from graph.ingest import Article, web_url
from graph.knowledge import Knowledge
from graph.rdf import ids
from graph.rdf.namespaces import ACTOR_TYPES, GRANULARITY_UNITS, OA, SCHEMA, SEM, TL, WD
from graph.rdf.triples import Lit, TripleGraph, integer

A = str(RDF.type)
LABEL, ALT_LABEL, SAME_AS = str(RDFS.label), str(SKOS.altLabel), str(OWL.sameAs)
DERIVED_FROM, ATTRIBUTED_TO = str(PROV.wasDerivedFrom), str(PROV.wasAttributedTo)
XSD_DATE, XSD_YEAR_MONTH, XSD_YEAR, XSD_DURATION = str(XSD.date), str(XSD.gYearMonth), str(XSD.gYear), str(XSD.duration)
NEWS_ARTICLE, ORGANIZATION = str(SCHEMA.NewsArticle), str(SCHEMA.Organization)
IDENTIFIER, PUBLISHED, PUBLISHER, HEADLINE, URL = (str(SCHEMA.identifier), str(SCHEMA.datePublished),
                                                   str(SCHEMA.publisher), str(SCHEMA.headline), str(SCHEMA.url))
ACTOR, PLACE = str(SEM.Actor), str(SEM.Place)
HAS_ACTOR, HAS_PLACE, BEGIN, END, STAMP = (str(SEM.hasActor), str(SEM.hasPlace), str(SEM.hasBeginTimeStamp),
                                           str(SEM.hasEndTimeStamp), str(SEM.hasTimeStamp))
SUB_EVENT_OF = str(SEM.subEventOf)
HAS_AGENT, HAS_PATIENT, SPEAKS_FOR, GRANULARITY = (str(TL.hasAgent), str(TL.hasPatient), str(TL.speaksFor),
                                                   str(TL.granularity))
MENTION, MENTION_OF, EVENT_MENTION, TRIGGER, EVIDENCE = (str(TL.mention), str(TL.mentionOf), str(TL.EventMention),
                                                         str(TL.trigger), str(TL.evidence))
DATE_RESOLUTION, RESOLUTION, RULE, TIME_EXPRESSION = (str(TL.dateResolution), str(TL.DateResolution), str(TL.rule),
                                                      str(TL.timeExpression))
EXPRESSION_START, EXPRESSION_END, ANCHOR_DATE, ANCHOR = (str(TL.expressionStart), str(TL.expressionEnd),
                                                         str(TL.anchorDate), str(TL.anchor))
CLAIM, ABOUT, PROPERTY, VALUE, TEXT, QUALIFIER, STATED_IN = (str(TL.Claim), str(TL.about), str(TL.property),
                                                             str(TL.value), str(TL.text), str(TL.qualifier),
                                                             str(TL.statedIn))
MERGE_NOTE, TL_BASE, WD_BASE = str(TL.mergeNote), str(TL), str(WD)
ANNOTATION, HAS_TARGET, SPECIFIC_RESOURCE, HAS_SOURCE, HAS_SELECTOR = (
    str(OA.Annotation), str(OA.hasTarget), str(OA.SpecificResource), str(OA.hasSource), str(OA.hasSelector))
POSITION_SELECTOR, QUOTE_SELECTOR, START, STOP, EXACT = (
    str(OA.TextPositionSelector), str(OA.TextQuoteSelector), str(OA.start), str(OA.end), str(OA.exact))
UNITS = {name: str(unit) for name, unit in GRANULARITY_UNITS.items()}
KINDS = {name: str(kind) for name, kind in ACTOR_TYPES.items()}


def stamp(dating: Dating) -> Lit | None:
    """``sem:hasTimeStamp`` at the dating's granularity, or None for weeks and intervals."""
    if dating.granularity == "day":
        return Lit(dating.begin.isoformat(), XSD_DATE)
    if dating.granularity == "month":
        return Lit(dating.begin.strftime("%Y-%m"), XSD_YEAR_MONTH)
    if dating.granularity == "year":
        return Lit(f"{dating.begin.year:04d}", XSD_YEAR)
    return None


def date_literal(day: dt.date) -> Lit:
    return Lit(day.isoformat(), XSD_DATE)


def add_article(graph: TripleGraph, article: Article) -> URIRef:
    """The article: identifier, publication date, publisher, headline, and its URL.

    ``schema:url`` is an IRI only for an http(s) URL that Turtle can hold
    (:func:`graph.ingest.web_url`: no space, ``<``, ``>``, quote, …); any
    other URL is left out, so manifest text never breaks the Turtle or
    becomes a ``javascript:`` link. Reading the manifest warns about it.
    """
    put = graph.put
    node = ids.article(article.stem)
    put(node, A, NEWS_ARTICLE)
    put(node, IDENTIFIER, Lit(article.stem))
    if article.published:
        put(node, PUBLISHED, date_literal(article.published))
    if article.outlet:
        outlet = ids.outlet(article.outlet)
        put(node, PUBLISHER, outlet)
        put(outlet, A, ORGANIZATION)
        put(outlet, LABEL, Lit(article.outlet))
    if article.title:
        put(node, HEADLINE, Lit(article.title))
    if web_url(article.url):
        put(node, URL, str(article.url))
    return URIRef(node)


def add_actor(graph: TripleGraph, name: str, kind: str, surfaces: set[str] | frozenset[str],
              knowledge: Knowledge) -> URIRef:
    """An actor with its type, names and links; a state it speaks for is declared too.

    A name the model took for a place but that acts in an event (an unknown
    town "said", a city is attacked by) is typed as an organisation: the
    contract allows only persons, organisations and countries as actors.
    """
    return URIRef(_actor(graph, name, kind, surfaces, knowledge))


def _actor(graph: TripleGraph, name: str, kind: str, surfaces, knowledge: Knowledge) -> str:
    put = graph.put
    node = ids.actor(name)
    known = knowledge.by_name.get(name)
    put(node, A, ACTOR)
    put(node, A, KINDS.get(kind, ORGANIZATION))
    put(node, LABEL, Lit(name))
    for form in surfaces:
        if form != name:
            put(node, ALT_LABEL, Lit(form))
    if known and known.wikidata:
        put(node, SAME_AS, WD_BASE + known.wikidata)
    if known and known.speaks_for:
        state = knowledge.by_name[known.speaks_for]
        put(node, SPEAKS_FOR, _actor(graph, state.name, state.kind, (), knowledge))
    return node


def add_place(graph: TripleGraph, name: str) -> str:
    node = ids.place(name)
    graph.put(node, A, PLACE)
    graph.put(node, LABEL, Lit(name))
    return node


def add_time(graph: TripleGraph, event: str, dating: Dating) -> None:
    put = graph.put
    put(event, BEGIN, date_literal(dating.begin))
    put(event, END, date_literal(dating.end))
    stamped = stamp(dating)
    if stamped is not None:
        put(event, STAMP, stamped)
    put(event, GRANULARITY, UNITS[dating.granularity])


def add_participants(graph: TripleGraph, event: str, agents, patients, places) -> None:
    put = graph.put
    for name in agents:
        actor = ids.actor(name)
        put(event, HAS_ACTOR, actor)
        put(event, HAS_AGENT, actor)
    for name in patients:
        actor = ids.actor(name)
        put(event, HAS_ACTOR, actor)
        put(event, HAS_PATIENT, actor)
    for name in places:
        put(event, HAS_PLACE, add_place(graph, name))


def _selector(graph: TripleGraph, node: str, start: int, end: int, text: str) -> str:
    put = graph.put
    put(node, A, POSITION_SELECTOR)
    put(node, A, QUOTE_SELECTOR)
    put(node, START, integer(start))
    put(node, STOP, integer(end))
    put(node, EXACT, Lit(text))
    return node


def add_provenance(graph: TripleGraph, mention: str, event: EventMention, article: Article) -> None:
    """The mention's source: article, evidence sentence and trigger span, and its dating."""
    put = graph.put
    source = ids.article(article.stem)
    put(mention, DERIVED_FROM, source)
    put(mention, TRIGGER, Lit(event.trigger))
    annotation, target = mention + "/evidence", mention + "/target"
    put(mention, EVIDENCE, annotation)
    put(annotation, A, ANNOTATION)
    put(annotation, HAS_TARGET, target)
    put(target, A, SPECIFIC_RESOURCE)
    put(target, HAS_SOURCE, source)
    s_start, s_end = event.sentence_span
    t_start, t_end = event.trigger_span
    put(target, HAS_SELECTOR, _selector(graph, mention + "/sentence", s_start, s_end, article.text[s_start:s_end]))
    put(target, HAS_SELECTOR, _selector(graph, mention + "/trigger-span", t_start, t_end,
                                        article.text[t_start:t_end]))
    if event.speaker:
        put(mention, ATTRIBUTED_TO, ids.actor(event.speaker))
    if event.dating is not None:
        add_dating(graph, mention, event.dating, article)


def add_dating(graph: TripleGraph, mention: str, dating: Dating, article: Article) -> None:
    put = graph.put
    node = mention + "/date"
    put(mention, DATE_RESOLUTION, node)
    put(node, A, RESOLUTION)
    put(node, RULE, Lit(dating.rule))
    put(node, GRANULARITY, UNITS[dating.granularity])
    if dating.expression:
        put(node, TIME_EXPRESSION, Lit(dating.expression))
    if dating.expression_span:
        put(node, EXPRESSION_START, integer(dating.expression_span[0]))
        put(node, EXPRESSION_END, integer(dating.expression_span[1]))
    if dating.anchor_date:
        put(node, ANCHOR_DATE, date_literal(dating.anchor_date))
    if dating.anchor_mention is not None:
        put(node, ANCHOR, ids.mention(article.stem, dating.anchor_mention))
    elif dating.anchor_date:
        put(node, ANCHOR, ids.article(article.stem))


def add_claim(graph: TripleGraph, event: str, claim, article: Article, mention: str) -> str:
    put = graph.put
    node = ids.claim(event, claim.prop, claim.value, claim.qualifier, article.stem, mention)
    put(node, A, CLAIM)
    put(node, ABOUT, event)
    put(node, PROPERTY, TL_BASE + claim.prop)
    put(node, VALUE, Lit(claim.value, XSD_DURATION))
    put(node, TEXT, Lit(claim.text))
    if claim.qualifier:
        put(node, QUALIFIER, Lit(claim.qualifier))
    put(node, DERIVED_FROM, ids.article(article.stem))
    put(node, STATED_IN, mention)
    if claim.speaker:
        put(node, ATTRIBUTED_TO, ids.actor(claim.speaker))
    return node


def add_event_mention(graph: TripleGraph, event: str, mention: str, stem: str) -> None:
    """An event's link to one of its mentions and to the mention's article, both ways."""
    put = graph.put
    put(event, DERIVED_FROM, ids.article(stem))
    put(event, MENTION, mention)
    put(mention, A, EVENT_MENTION)
    put(mention, MENTION_OF, event)


def add_event(graph: TripleGraph, event: str, event_class: str, label: str, dating: Dating | None,
              agents, patients, places) -> None:
    """An event's class, label, dates and participants."""
    graph.put(event, A, TL_BASE + event_class)
    graph.put(event, LABEL, Lit(label))
    if dating is not None:
        add_time(graph, event, dating)
    add_participants(graph, event, agents, patients, places)


def add_sub_event(graph: TripleGraph, event: str, frame: str) -> None:
    """``event`` happened during, and as part of, ``frame`` ("agreed during talks")."""
    graph.put(event, SUB_EVENT_OF, frame)


def add_merge_note(graph: TripleGraph, event: str, note: str) -> None:
    graph.put(event, MERGE_NOTE, Lit(note))


def event_label(event_class: str, actors, dating: Dating | None) -> str:
    who = ", ".join(actors) if actors else "unknown actors"
    when = f" ({dating.begin.isoformat()}" + (f"/{dating.end.isoformat()})" if dating.end != dating.begin else ")") \
        if dating else ""
    return f"{event_class}: {who}{when}"
