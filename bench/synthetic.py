"""Contract-shaped graphs built in code (docs/contract.md), for the benches and the tests.

:func:`add_mention` adds one event mention with its evidence annotation and
selectors exactly as the build writes them; tests/export/test_html.py builds
its small sample graph with it, bench/html_scale.py and bench/query_scale.py
their large ones through :func:`synthetic_graph`. Import it as
``bench.synthetic`` with the repository root on the path (``PYTHONPATH=.``,
as the benches are run, or pytest's rootdir).
"""

from __future__ import annotations

import datetime as dt
import random

from rdflib import RDF, RDFS, Graph, Literal, URIRef

from graph.export.timeline_model import EVENT_CLASSES
from graph.rdf.namespaces import OA, PROV, SCHEMA, SEM, TIME, TL, TLID, XSD

WORDS = ("talks", "leaders", "ceasefire", "agreed", "officials", "said", "strikes", "energy", "grid", "border",
         "envoy", "meeting", "statement", "proposal", "week", "pressure", "sanctions", "troops", "region")


def article(stem: str) -> URIRef:
    """The IRI of the article with file stem ``stem``."""
    return TLID[f"article/{stem}"]


def add_mention(graph: Graph, event: URIRef, stem: str, number: int | str, sentence: str, offset: int,
                trigger: str, expression: str | None = None) -> URIRef:
    """Add a mention of ``event`` in article ``stem`` with its evidence selectors.

    The mention is ``mention/<stem>/<number>``; its sentence starts at
    character ``offset`` of the article and contains ``trigger`` (the trigger
    span is its first occurrence). With ``expression``, the mention also gets
    a date resolution from that time expression.
    """
    mention = TLID[f"mention/{stem}/{number}"]
    graph.add((mention, RDF.type, TL.EventMention))
    graph.add((mention, TL.mentionOf, event))
    graph.add((event, TL.mention, mention))
    graph.add((mention, PROV.wasDerivedFrom, article(stem)))
    graph.add((mention, TL.trigger, Literal(trigger)))
    evidence, target = URIRef(f"{mention}/evidence"), URIRef(f"{mention}/target")
    sentence_sel, trigger_sel = URIRef(f"{mention}/sentence"), URIRef(f"{mention}/trigger-span")
    graph.add((mention, TL.evidence, evidence))
    graph.add((evidence, RDF.type, OA.Annotation))
    graph.add((evidence, OA.hasTarget, target))
    graph.add((target, RDF.type, OA.SpecificResource))
    graph.add((target, OA.hasSource, article(stem)))
    at = offset + sentence.index(trigger)
    for selector, start, end, exact in ((sentence_sel, offset, offset + len(sentence), sentence),
                                        (trigger_sel, at, at + len(trigger), trigger)):
        graph.add((target, OA.hasSelector, selector))
        graph.add((selector, RDF.type, OA.TextPositionSelector))
        graph.add((selector, RDF.type, OA.TextQuoteSelector))
        graph.add((selector, OA.start, Literal(start)))
        graph.add((selector, OA.end, Literal(end)))
        graph.add((selector, OA.exact, Literal(exact)))
    if expression:
        resolution = URIRef(f"{mention}/date")
        graph.add((mention, TL.dateResolution, resolution))
        graph.add((resolution, RDF.type, TL.DateResolution))
        graph.add((resolution, TL.timeExpression, Literal(expression)))
        graph.add((resolution, TL.anchor, article(stem)))
        graph.add((resolution, TL.rule, Literal("last-week")))
    return mention


def synthetic_graph(events: int, *, actors: int = 150, articles: int = 1200, seed: int = 7) -> Graph:
    """A merged graph with ``events`` canonical events: most in a six-month span, a few over ten years.

    Each event has one to three actors and one to four mentions in different
    articles (a generated sentence each); every fiftieth has two duration
    claims. Deterministic for a given ``seed``.
    """
    rng = random.Random(seed)
    graph = Graph()
    start = dt.date(2025, 1, 6)
    actor_iris = []
    for i in range(actors):
        iri = TLID[f"actor/actor-{i:03d}"]
        actor_iris.append(iri)
        graph.add((iri, RDF.type, SEM.Actor))
        graph.add((iri, RDF.type, SCHEMA[("Person", "Country", "Organization")[i % 3]]))
        graph.add((iri, RDFS.label, Literal(f"Actor {i:03d} {rng.choice(WORDS).title()}")))
    stems = [f"{i:04d}_{rng.getrandbits(64):016x}" for i in range(articles)]
    for stem in stems:
        graph.add((article(stem), RDF.type, SCHEMA.NewsArticle))
        graph.add((article(stem), SCHEMA.identifier, Literal(stem)))
        published = start + dt.timedelta(days=rng.randrange(180))
        graph.add((article(stem), SCHEMA.datePublished, Literal(published, datatype=XSD.date)))
    weights = [1 / (rank + 1) for rank in range(len(EVENT_CLASSES))]
    for i in range(events):
        cls = rng.choices(EVENT_CLASSES, weights)[0]
        if rng.random() < 0.03:
            day, granularity = dt.date(rng.randrange(2014, 2024), 1, 1), TIME.unitYear
        else:
            day, granularity = start + dt.timedelta(days=int(abs(rng.gauss(90, 40))) % 180), TIME.unitDay
        event = TLID[f"event/{cls.lower()}-{day.isoformat()}-{i:05d}"]
        graph.add((event, RDF.type, TL[cls]))
        if granularity == TIME.unitYear:
            literal = Literal(str(day.year), datatype=XSD.gYear)
        else:
            literal = Literal(day, datatype=XSD.date)
        graph.add((event, SEM.hasBeginTimeStamp, literal))
        graph.add((event, SEM.hasEndTimeStamp, literal))
        graph.add((event, SEM.hasTimeStamp, literal))
        graph.add((event, TL.granularity, granularity))
        who = rng.sample(actor_iris[: 20 + i % actors], k=rng.randint(1, 3))
        for actor in who:
            graph.add((event, SEM.hasActor, actor))
        graph.add((event, RDFS.label, Literal(f"{cls}: event {i} ({day.isoformat()})")))
        for m, stem in enumerate(rng.sample(stems, k=rng.choice((1, 1, 1, 2, 2, 3, 4)))):
            words = [rng.choice(WORDS) for _ in range(rng.randint(12, 30))]
            sentence = " ".join(words).capitalize() + "."
            graph.add((event, PROV.wasDerivedFrom, article(stem)))
            add_mention(graph, event, stem, f"{m}-{i:05d}", sentence, rng.randrange(0, 5000),
                        words[len(words) // 2])
        if i % 50 == 0:
            for k, value in enumerate(("PT1H", "PT2H")):
                claim = TLID[f"claim/{i}-{k}"]
                graph.add((claim, RDF.type, TL.Claim))
                graph.add((claim, TL.about, event))
                graph.add((claim, TL.property, TL.duration))
                graph.add((claim, TL.value, Literal(value, datatype=XSD.duration)))
                graph.add((claim, PROV.wasDerivedFrom, article(rng.choice(stems))))
    return graph
