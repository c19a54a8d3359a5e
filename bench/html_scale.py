"""How the HTML timeline copes with a large graph: render time, page size, time to interactive.

Builds a synthetic merged graph per docs/contract.md (most events in a
six-month span, a few context events over ten years, several sources and
mentions each, actors, claims), times reading it into the view model on its
own, renders it with graph.export.html, loads
it from file:// in headless Chromium and prints the figures. Deterministic
input (seeded), timings vary by machine.

    PYTHONPATH=. python bench/html_scale.py [--events 5000] [--keep PATH]

Needs /usr/bin/chromium (tools/ensure-chromium).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef

from graph.export.html import render_timeline
from graph.export.atomic import write_text_atomic
from graph.export.timeline_view import EVENT_CLASSES, read_timeline

TL = Namespace("https://w3id.org/timeline-kg/ontology#")
TLID = Namespace("https://w3id.org/timeline-kg/id/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
PROV = Namespace("http://www.w3.org/ns/prov#")
SCHEMA = Namespace("https://schema.org/")
TIME = Namespace("http://www.w3.org/2006/time#")
OA = Namespace("http://www.w3.org/ns/oa#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")

WORDS = ("talks", "leaders", "ceasefire", "agreed", "officials", "said", "strikes", "energy", "grid", "border",
         "envoy", "meeting", "statement", "proposal", "week", "pressure", "sanctions", "troops", "region")


def synthetic_graph(events: int, *, actors: int = 150, articles: int = 1200, seed: int = 7) -> Graph:
    """A contract-shaped merged graph with ``events`` canonical events."""
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
        article = TLID[f"article/{stem}"]
        graph.add((article, RDF.type, SCHEMA.NewsArticle))
        graph.add((article, SCHEMA.identifier, Literal(stem)))
        published = start + dt.timedelta(days=rng.randrange(180))
        graph.add((article, SCHEMA.datePublished, Literal(published, datatype=XSD.date)))
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
            add_mention(graph, event, stem, m, rng)
        if i % 50 == 0:
            for k, value in enumerate(("PT1H", "PT2H")):
                claim = TLID[f"claim/{i}-{k}"]
                graph.add((claim, RDF.type, TL.Claim))
                graph.add((claim, TL.about, event))
                graph.add((claim, TL.property, TL.duration))
                graph.add((claim, TL.value, Literal(value, datatype=XSD.duration)))
                graph.add((claim, PROV.wasDerivedFrom, TLID[f"article/{rng.choice(stems)}"]))
    return graph


def add_mention(graph: Graph, event: URIRef, stem: str, number: int, rng: random.Random) -> None:
    """One mention with its evidence sentence and trigger span."""
    article = TLID[f"article/{stem}"]
    mention = TLID[f"mention/{stem}/{number}-{str(event).rsplit('-', 1)[-1]}"]
    graph.add((event, PROV.wasDerivedFrom, article))
    graph.add((event, TL.mention, mention))
    graph.add((mention, RDF.type, TL.EventMention))
    graph.add((mention, TL.mentionOf, event))
    graph.add((mention, PROV.wasDerivedFrom, article))
    words = [rng.choice(WORDS) for _ in range(rng.randint(12, 30))]
    sentence = " ".join(words).capitalize() + "."
    offset = rng.randrange(0, 5000)
    trigger = words[len(words) // 2]
    at = sentence.index(trigger, sum(len(w) + 1 for w in words[: len(words) // 2]) - 1)
    graph.add((mention, TL.trigger, Literal(trigger)))
    target = URIRef(f"{mention}/target")
    graph.add((mention, TL.evidence, URIRef(f"{mention}/evidence")))
    graph.add((URIRef(f"{mention}/evidence"), OA.hasTarget, target))
    graph.add((target, OA.hasSource, article))
    for name, lo, hi, exact in (("sentence", offset, offset + len(sentence), sentence),
                                ("trigger-span", offset + at, offset + at + len(trigger), trigger)):
        selector = URIRef(f"{mention}/{name}")
        graph.add((target, OA.hasSelector, selector))
        graph.add((selector, OA.start, Literal(lo)))
        graph.add((selector, OA.end, Literal(hi)))
        graph.add((selector, OA.exact, Literal(exact)))


def measure_in_browser(path: Path) -> dict[str, float]:
    """Load the page in headless Chromium; time to interactive and to a filled panel."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.browser.chromium import Browser

    with Browser(timeout=120) as browser:
        page = browser.new_page()
        began = time.perf_counter()
        page.open(path.as_uri(), timeout=120)
        wall = time.perf_counter() - began
        ready = page.evaluate("window.timelineReadyAt")
        began = time.perf_counter()
        page.evaluate("window.timeline.selectEvent(window.timeline.data.events.findIndex(e => e.anchor))")
        click = time.perf_counter() - began
        began = time.perf_counter()
        page.evaluate("(() => { const s = document.getElementById('actor-filter'); s.value = s.options[1].value;"
                      " s.dispatchEvent(new Event('change')); })()")
        filtered = time.perf_counter() - began
        errors = page.errors()
        requests = [u for u in page.request_urls() if not u.startswith(("file:", "data:"))]
    return {"tti_ms": ready, "load_wall_s": wall, "select_ms": click * 1000, "filter_ms": filtered * 1000,
            "errors": len(errors), "network_requests": len(requests)}


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--keep", type=Path, help="also write the page here")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    graph = synthetic_graph(args.events)
    built = time.perf_counter() - began
    began = time.perf_counter()
    read_timeline(graph)
    read = time.perf_counter() - began
    began = time.perf_counter()
    page = render_timeline(graph, title=f"Synthetic timeline, {args.events} events")
    rendered = time.perf_counter() - began
    with tempfile.TemporaryDirectory(prefix="timeline-bench-") as folder:
        path = args.keep or Path(folder) / "timeline.html"
        write_text_atomic(path, page)
        figures = measure_in_browser(path)
    print(f"events                 {args.events}")
    print(f"triples                {len(graph)}")
    print(f"build graph            {built:.2f} s")
    print(f"read graph (view)      {read:.2f} s (part of the render below)")
    print(f"render page (python)   {rendered:.2f} s")
    print(f"page size              {len(page.encode('utf-8')) / 1e6:.2f} MB")
    print(f"time to interactive    {figures['tti_ms']:.0f} ms (navigation start to first drawn frame)")
    print(f"load, wall clock       {figures['load_wall_s']:.2f} s (incl. polling)")
    print(f"select event + panel   {figures['select_ms']:.0f} ms")
    print(f"actor filter           {figures['filter_ms']:.0f} ms")
    print(f"console errors         {figures['errors']}")
    print(f"network requests       {figures['network_requests']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
