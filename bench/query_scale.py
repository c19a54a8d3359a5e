"""The competency questions on a ~1,000,000-triple graph: `timeline-kg query`'s code path vs bare pyoxigraph.

Synthesizes a contract-shaped merged graph with bench/synthetic.py (the
builder bench/html_scale.py uses) and fills in what the competency questions
ask for and that builder leaves out: Trump, Putin, Russia, the Kremlin and
Ukraine among its actors (with alternative names, Wikidata links and
tl:speaksFor), agents and patients, places, date resolutions of mentions,
duration claims of the Trump-Putin calls. Writes it as graph.ttl (N-Triples,
which is Turtle), then, for each question (default parameters), interleaving
the runs so that a busy machine slows them alike:

- ``query``: ``graph.sparql.query.query_exports``, what ``timeline-kg query NAME``
  runs after its imports: open the on-disk store (checking the manifest),
  read the named query, check it, run it, format the table;
- ``bare``: the same SPARQL text on the same store files with pyoxigraph
  alone, every cell of every solution read (``.value``);
- *cold*: each run opens the store (what one command does), *warm*: the store
  is open already (``query`` then is lookup, check, run and table only);
- ``memory``: bare pyoxigraph on an in-memory store of the same graph (what a
  command would run on if it loaded graph.ttl instead of keeping a store);
- ``rdflib``: rdflib's own SPARQL engine (what ``query`` used before), on a
  smaller slice, next to bare pyoxigraph on that slice; each run in a forked
  child, given up after ``--rdflib-limit`` seconds.

Prints p50 times and the ratio query/bare (target ≤ 1.5). Nothing is
asserted; timings vary by machine. Deterministic input (seeded).

    PYTHONPATH=. python bench/query_scale.py [--events 17000] [--slice-events 1500] [--repeat 3] [--slow 10] [--keep DIR]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, SKOS, XSD

from bench.synthetic import PROV, SCHEMA, SEM, TL, TLID, synthetic_graph

REPO = Path(__file__).resolve().parents[1]
WD = Namespace("http://www.wikidata.org/entity/")
#: The first actors of the synthetic graph become the people and states the questions ask about.
NAMED_ACTORS = (
    ("Donald Trump", ("Trump", "the US president"), "Person", "Q22686"),
    ("Vladimir Putin", ("Putin", "the Russian leader", "Russian President"), "Person", "Q7747"),
    ("Russia", ("Moscow",), "Country", "Q159"),
    ("the Kremlin", (), "Organization", None),
    ("Ukraine", ("Kyiv",), "Country", "Q212"),
    ("United States", ("Washington",), "Country", "Q30"),
)
RULES = ("explicit-date", "weekday-past", "last-week", "anchor-event", "publication-date")


def enrich(graph: Graph, seed: int = 11) -> None:
    """Add what the competency questions need and the synthetic builder does not make."""
    rng = random.Random(seed)
    actors = sorted(graph.subjects(RDF.type, SEM.Actor))
    for actor, (label, alternatives, kind, qid) in zip(actors, NAMED_ACTORS):
        graph.remove((actor, RDF.type, None))
        graph.add((actor, RDF.type, SEM.Actor))
        graph.add((actor, RDF.type, SCHEMA[kind]))
        graph.set((actor, RDFS.label, Literal(label)))
        for name in alternatives:
            graph.add((actor, SKOS.altLabel, Literal(name)))
        if qid:
            graph.add((actor, OWL.sameAs, WD[qid]))
    graph.add((actors[3], TL.speaksFor, actors[2]))
    for n, actor in enumerate(actors[len(NAMED_ACTORS):]):
        graph.add((actor, SKOS.altLabel, Literal(f"actor {n:03d}")))
        if n % 3 == 0:
            graph.add((actor, OWL.sameAs, WD[f"Q{100000 + n}"]))
    trump, putin = actors[0], actors[1]
    events = sorted(set(graph.subjects(TL.mention, None)))
    additions = []
    for i, event in enumerate(events):
        is_call = (event, RDF.type, TL.PhoneCall) in graph
        who = sorted(graph.objects(event, SEM.hasActor))
        if is_call and i % 50 == 0:  # some of the calls are between Trump and Putin
            who = sorted(set(who) | {trump, putin})
            additions += [(event, SEM.hasActor, trump), (event, SEM.hasActor, putin)]
        rng.shuffle(who)
        additions.append((event, TL.hasAgent, who[0]))
        if len(who) > 1:
            additions.append((event, TL.hasPatient, who[1]))
        if i % 5 == 0:
            place = TLID[f"place/place-{i % 40:02d}"]
            additions += [(event, SEM.hasPlace, place), (place, RDFS.label, Literal(f"Place {i % 40:02d}"))]
        begin = graph.value(event, SEM.hasBeginTimeStamp)
        granularity = graph.value(event, TL.granularity)
        for mention in graph.objects(event, TL.mention):
            resolution = URIRef(f"{mention}/date")
            article = graph.value(mention, PROV.wasDerivedFrom)
            additions += [(mention, TL.dateResolution, resolution), (resolution, RDF.type, TL.DateResolution),
                          (resolution, TL.rule, Literal(rng.choice(RULES))),
                          (resolution, TL.granularity, granularity), (resolution, TL.anchor, article),
                          (resolution, TL.anchorDate, Literal(begin.toPython() if begin.datatype == XSD.date
                                                              else "2025-01-06", datatype=XSD.date))]
            if rng.random() < 0.5:
                start = rng.randrange(0, 4000)
                additions += [(resolution, TL.timeExpression, Literal("on Tuesday")),
                              (resolution, TL.expressionStart, Literal(start)),
                              (resolution, TL.expressionEnd, Literal(start + 10))]
        if is_call and {trump, putin} <= set(who):
            for k, (value, qualifier) in enumerate((("PT1H30M", None), ("PT2H", "more than"))):
                claim = TLID[f"claim/call-{i}-{k}"]
                article = next(iter(graph.objects(event, PROV.wasDerivedFrom)))
                additions += [(claim, RDF.type, TL.Claim), (claim, TL.about, event),
                              (claim, TL.property, TL.duration),
                              (claim, TL.value, Literal(value, datatype=XSD.duration)),
                              (claim, TL.text, Literal("90-minute" if k == 0 else "more than two hours")),
                              (claim, PROV.wasDerivedFrom, article)]
                if qualifier:
                    additions += [(claim, TL.qualifier, Literal(qualifier)),
                                  (claim, PROV.wasAttributedTo, actors[3])]
    for triple in additions:
        graph.add(triple)


def write_graph(events: int, path: Path) -> int:
    """Build, enrich and write the graph (N-Triples into a .ttl); its size in triples."""
    graph = synthetic_graph(events)
    enrich(graph)
    path.parent.mkdir(parents=True, exist_ok=True)
    graph.serialize(destination=str(path), format="nt", encoding="utf-8")
    return len(graph)


def p50(runs: list[float]) -> float:
    return statistics.median(runs)


def time_it(call, repeat: int) -> tuple[float, object]:
    runs, result = [], None
    for _ in range(repeat):
        began = time.perf_counter()
        result = call()
        runs.append(time.perf_counter() - began)
    return p50(runs), result


def interleaved(runs: dict, repeat: int) -> dict[str, float]:
    """p50 of each callable, their runs interleaved so that a busy machine slows them alike."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeat):
        for name, call in runs.items():
            began = time.perf_counter()
            call()
            times[name].append(time.perf_counter() - began)
    return {name: p50(values) for name, values in times.items()}


def bare(store, text: str) -> int:
    """Run the query and read every cell, as any use of the answer must."""
    answer = store.query(text)
    if isinstance(answer, bool) or type(answer).__name__ == "QueryBoolean":
        return 1
    rows = 0
    names = [v.value for v in answer.variables]
    for solution in answer:
        for name in names:
            term = solution[name]
            if term is not None:
                term.value  # noqa: B018 - reading it is the point
        rows += 1
    return rows


def _rdflib_child(graph: Graph, text: str, pipe) -> None:
    began = time.perf_counter()
    rows = len(list(graph.query(text)))
    pipe.send((time.perf_counter() - began, rows))


def rdflib_time(graph: Graph, text: str, limit: float, repeat: int) -> str:
    """p50 of rdflib's engine in forked children (each killed after ``limit`` s)."""
    context = multiprocessing.get_context("fork")
    runs = []
    for attempt in range(repeat):
        parent, child = context.Pipe(duplex=False)
        process = context.Process(target=_rdflib_child, args=(graph, text, child))
        process.start()
        if not parent.poll(limit):
            process.kill()
            process.join()
            return f"> {limit:.0f} s"
        seconds, _rows = parent.recv()
        process.join()
        runs.append(seconds)
        if seconds > 2:  # slow: once is enough
            break
    return f"{p50(runs) * 1000:.0f} ms"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=17000, help="events of the big graph (~1M triples)")
    parser.add_argument("--slice-events", type=int, default=1500, help="events of the slice rdflib runs on")
    parser.add_argument("--repeat", type=int, default=3, help="runs per question and engine (p50)")
    parser.add_argument("--questions", help="only these questions: names or numbers, comma-separated")
    parser.add_argument("--slow", type=float, default=10.0,
                        help="a question slower than this (s) is run once per column")
    parser.add_argument("--rdflib-limit", type=float, default=60.0, help="seconds before an rdflib run is given up")
    parser.add_argument("--keep", type=Path, help="folder to keep the graphs in (reused when present)")
    args = parser.parse_args(argv)

    import pyoxigraph

    from graph.sparql.named_queries import list_queries
    from graph.sparql.query import format_result, query_exports, read_query, run_query
    from graph.sparql.store import open_store

    with tempfile.TemporaryDirectory(prefix="timeline-query-bench-") as temp:
        work = args.keep or Path(temp)
        big, small = work / f"big-{args.events}" / "graph.ttl", work / f"slice-{args.slice_events}" / "graph.ttl"
        began = time.perf_counter()
        for path, events in ((big, args.events), (small, args.slice_events)):
            if not path.is_file():
                print(f"synthesizing {events} events into {path} …", flush=True)
                write_graph(events, path)
        print(f"graphs ready in {time.perf_counter() - began:.1f} s", flush=True)

        began = time.perf_counter()
        with open_store(big) as local:
            opened, triples, rebuilt = time.perf_counter() - began, local.triples, local.rebuilt
            db = local.path
        print(f"big graph: {triples:,} triples (graph.ttl + ontology), {big.stat().st_size / 1e6:.0f} MB")
        print(f"store {'built (bulk load)' if rebuilt else 'reused'} in {opened:.1f} s: {db}")
        began = time.perf_counter()
        with open_store(big):
            pass
        print(f"open store (manifest check + read-only open): {(time.perf_counter() - began) * 1000:.0f} ms")

        process = subprocess.run([sys.executable, "-m", "graph", "query", "12", "--graph", str(big)],
                                 capture_output=True, text=True, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)})
        began = time.perf_counter()
        process = subprocess.run([sys.executable, "-m", "graph", "query", "12", "--graph", str(big)],
                                 capture_output=True, text=True, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)})
        print(f"one 'timeline-kg query 12' process, wall clock: {time.perf_counter() - began:.2f} s "
              f"(exit {process.returncode}; includes Python and package imports)")

        store = pyoxigraph.Store.read_only(str(db))
        began = time.perf_counter()
        memory = pyoxigraph.Store()
        memory.bulk_load(path=str(big), format=pyoxigraph.RdfFormat.TURTLE)
        memory.bulk_load(path=str(REPO / "ontology" / "timeline.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
        print(f"the same graph loaded into an in-memory pyoxigraph store: {time.perf_counter() - began:.1f} s "
              "(what each command would pay without the on-disk store)")
        slice_store = pyoxigraph.Store()
        slice_store.load(path=str(small), format=pyoxigraph.RdfFormat.TURTLE)
        slice_store.load(path=str(REPO / "ontology" / "timeline.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
        slice_graph = Graph().parse(small, format="nt")
        slice_graph.parse(REPO / "ontology" / "timeline.ttl", format="turtle")
        print(f"slice: {len(slice_graph):,} triples")
        print()
        print("p50 in ms. cold = what one command does: open the store, run, read/format the answer;")
        print("warm = on a store already open. query = timeline-kg query's code path, bare = pyoxigraph alone.")
        print()
        header = (f"{'question':<28} {'rows':>6} | {'query':>7} {'bare':>7} {'ratio':>5} | {'query':>7} {'bare':>7} "
                  f"{'ratio':>5} | {'memory':>7} | {'oxigraph':>8} {'rdflib':>9}")
        print(f"{'':<28} {'':>6} | {'cold, big graph':^21} | {'warm, big graph':^21} | {'big':>7} | {'slice':^18}")
        print(header)
        print("-" * len(header))
        cold_ratios, warm_ratios = [], []
        chosen = list_queries()
        if args.questions:
            from graph.sparql.named_queries import find_query

            wanted = {find_query(name.strip()).name for name in args.questions.split(",")}
            chosen = [q for q in chosen if q.name in wanted]
        for named in chosen:
            text = named.text()

            def bare_cold():
                opened = pyoxigraph.Store.read_only(str(db))
                return bare(opened, text)

            runs = {"query_cold": lambda: query_exports(big, named.name), "bare_cold": bare_cold,
                    "query_warm": lambda: format_result(run_query(store, read_query(named.name)), "table"),
                    "bare_warm": lambda: bare(store, text), "memory": lambda: bare(memory, text)}
            began = time.perf_counter()
            rows = bare(store, text)  # also the probe: a question over --slow s is run once per column
            repeat = 1 if time.perf_counter() - began > args.slow else args.repeat
            times = interleaved(runs, repeat)
            small_plain, _ = time_it(lambda: bare(slice_store, text), args.repeat)
            slow = rdflib_time(slice_graph, text, args.rdflib_limit, min(args.repeat, 3))
            cold = times["query_cold"] / times["bare_cold"]
            warm = times["query_warm"] / times["bare_warm"]
            cold_ratios.append(cold)
            warm_ratios.append(warm)
            mark = "*" if repeat == 1 else " "
            print(f"{named.name:<27}{mark} {rows:>6} | {times['query_cold'] * 1000:>7.0f} {times['bare_cold'] * 1000:>7.0f} "
                  f"{cold:>5.2f} | {times['query_warm'] * 1000:>7.0f} {times['bare_warm'] * 1000:>7.0f} {warm:>5.2f} | "
                  f"{times['memory'] * 1000:>7.0f} | "
                  f"{small_plain * 1000:>8.1f} {slow:>9}", flush=True)
        print(f"* over {args.slow:g} s: one run per column instead of the p50 of {args.repeat}")
        print()
        print(f"ratio query/bare, cold: median {statistics.median(cold_ratios):.2f}, worst {max(cold_ratios):.2f}; "
              f"warm: median {statistics.median(warm_ratios):.2f}, worst {max(warm_ratios):.2f} (target ≤ 1.5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
