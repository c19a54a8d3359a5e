"""Unit tests of the HTML timeline exporter on a small graph built per docs/contract.md."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Literal, URIRef

from bench.synthetic import add_mention, article
from graph.export.html import render_timeline, script_json, script_json_pieces, write_timeline
from graph.export.timeline_dates import TimeAxis, dense_window
from graph.export.timeline_view import read_timeline
from graph.rdf.namespaces import PROV, SCHEMA, SEM, SKOS, TIME, TL, TLID, XSD

MARCH_CALL = "PhoneCall: Donald Trump, Vladimir Putin (2025-03-18)"
MAY_CALL = "PhoneCall: Donald Trump, Vladimir Putin (2025-05-19)"
XSS_SENTENCE = ('Trump <script>alert(1)</script> made a call <img src=x onerror=alert(1)> '
                'see <a href="javascript:alert(1)">x</a>.')
XSS_URL = "javascript:alert(1)"
XSS_ACTOR = "<img src=y onerror=alert(2)>"

ARTICLES = {
    "000_79170fe546da3d77": ("2025-03-18", None, None),
    "002_1d44ba95d087a85e": ("2025-03-18", None, None),
    "003_775401348d42a178": ("2025-03-18", "Sky News", None),
    "001_1aa9fcdf67cd5904": ("2025-05-20", None, None),
    "004_0d8a5d5899a4b2e7": ("2025-05-20", "The Week",
                             "https://theweek.com/world-news/trump-putin-russia-ukraine-war-ceasefire"),
}


def actor(graph: Graph, slug: str, label: str, kind: str = "Person") -> URIRef:
    """Add an actor and return its IRI."""
    iri = TLID[f"actor/{slug}"]
    graph.add((iri, RDF.type, SEM.Actor))
    graph.add((iri, RDF.type, SCHEMA[kind]))
    graph.add((iri, RDFS.label, Literal(label)))
    return iri


def add_event(graph: Graph, slug: str, cls: str, label: str, *, begin: str, end: str | None = None,
              stamp: Literal | None = None, granularity: URIRef = TIME.unitDay,
              actors: tuple[URIRef, ...] = (), sources: tuple[str, ...] = ()) -> URIRef:
    """Add a canonical event."""
    event = TLID[f"event/{slug}"]
    graph.add((event, RDF.type, TL[cls]))
    graph.add((event, RDFS.label, Literal(label)))
    begin_type = XSD.gYear if len(begin) == 4 else XSD.date
    graph.add((event, SEM.hasBeginTimeStamp, Literal(begin, datatype=begin_type)))
    graph.add((event, SEM.hasEndTimeStamp, Literal(end or begin, datatype=begin_type)))
    if stamp is not None:
        graph.add((event, SEM.hasTimeStamp, stamp))
    graph.add((event, TL.granularity, granularity))
    for who in actors:
        graph.add((event, SEM.hasActor, who))
    for stem in sources:
        graph.add((event, PROV.wasDerivedFrom, article(stem)))
    return event


def add_claim(graph: Graph, event: URIRef, slug: str, value: str, stem: str, text: str,
              qualifier: str | None = None, attributed: URIRef | None = None) -> None:
    """Add a duration claim about ``event`` stated by article ``stem``."""
    claim = TLID[f"claim/{slug}"]
    graph.add((claim, RDF.type, TL.Claim))
    graph.add((claim, TL.about, event))
    graph.add((claim, TL.property, TL.duration))
    graph.add((claim, TL.value, Literal(value, datatype=XSD.duration)))
    graph.add((claim, TL.text, Literal(text)))
    graph.add((claim, PROV.wasDerivedFrom, article(stem)))
    if qualifier:
        graph.add((claim, TL.qualifier, Literal(qualifier)))
    if attributed is not None:
        graph.add((claim, PROV.wasAttributedTo, attributed))


def build_sample_graph(*, xss: bool = False) -> Graph:
    """Two phone calls with several sources, week-long talks, the 2014 annexation, actors.

    With ``xss`` the March call's first evidence sentence carries script and
    markup, an actor's name is markup and the one article URL is ``javascript:``.
    """
    graph = Graph()
    for stem, (published, outlet, url) in ARTICLES.items():
        iri = article(stem)
        graph.add((iri, RDF.type, SCHEMA.NewsArticle))
        graph.add((iri, SCHEMA.identifier, Literal(stem)))
        graph.add((iri, SCHEMA.datePublished, Literal(published, datatype=XSD.date)))
        if outlet:
            slug = TLID[f"outlet/{outlet.lower().replace(' ', '-')}"]
            graph.add((iri, SCHEMA.publisher, slug))
            graph.add((slug, RDF.type, SCHEMA.Organization))
            graph.add((slug, RDFS.label, Literal(outlet)))
        if url:
            graph.add((iri, SCHEMA.url, URIRef(XSS_URL) if xss else URIRef(url)))
    trump = actor(graph, "donald-trump", "Donald Trump")
    putin = actor(graph, "vladimir-putin", "Vladimir Putin")
    graph.add((putin, SKOS.altLabel, Literal("Putin")))
    ukraine = actor(graph, "ukraine", "Ukraine", "Country")
    usa = actor(graph, "united-states", "United States", "Country")
    russia = actor(graph, "russia", "Russia", "Country")
    kremlin = actor(graph, "the-kremlin", "the Kremlin", "Organization")
    rubio = actor(graph, "marco-rubio", XSS_ACTOR if xss else "Marco Rubio")

    march = add_event(graph, "phonecall-2025-03-18-3f2a9c", "PhoneCall", MARCH_CALL, begin="2025-03-18",
                      stamp=Literal("2025-03-18", datatype=XSD.date), actors=(trump, putin),
                      sources=("000_79170fe546da3d77", "002_1d44ba95d087a85e", "003_775401348d42a178"))
    first = XSS_SENTENCE if xss else "A high-stakes call between Donald Trump and Vladimir Putin ended on Tuesday."
    add_mention(graph, march, "000_79170fe546da3d77", 3, first, 120, "call")
    add_mention(graph, march, "002_1d44ba95d087a85e", 1,
                "Trump and Putin spoke by phone for more than two hours.", 0, "spoke")
    add_mention(graph, march, "003_775401348d42a178", 2, "The leaders held a 90-minute phone call.", 57, "phone call")
    add_claim(graph, march, "a1", "PT1H30M", "000_79170fe546da3d77", "90-minute", attributed=kremlin)
    add_claim(graph, march, "a2", "PT1H30M", "003_775401348d42a178", "90-minute")
    add_claim(graph, march, "a3", "PT2H", "002_1d44ba95d087a85e", "more than two hours", qualifier="more than")

    may = add_event(graph, "phonecall-2025-05-19-77aa01", "PhoneCall", MAY_CALL, begin="2025-05-19",
                    stamp=Literal("2025-05-19", datatype=XSD.date), actors=(trump, putin),
                    sources=("001_1aa9fcdf67cd5904", "004_0d8a5d5899a4b2e7"))
    add_mention(graph, may, "001_1aa9fcdf67cd5904", 1,
                "Trump said his two-hour call with Putin went very well.", 10, "call")
    add_mention(graph, may, "004_0d8a5d5899a4b2e7", 4, "After the call, Trump posted on social media.", 300, "call")
    graph.add((may, TL.mergeNote, Literal("same class, same day, same participants in 001 and 004")))

    talks = add_event(graph, "talks-2025-03-10-c0ffee", "Talks", "Talks: Ukraine, United States (week of 2025-03-10)",
                      begin="2025-03-10", end="2025-03-16", granularity=TIME.unitWeek,
                      actors=(ukraine, usa, rubio), sources=("000_79170fe546da3d77",))
    graph.add((talks, SEM.hasPlace, TLID["place/saudi-arabia"]))
    graph.add((TLID["place/saudi-arabia"], RDFS.label, Literal("Saudi Arabia")))
    add_mention(graph, talks, "000_79170fe546da3d77", 5,
                "Ukraine agreed to the proposal during talks with the US in Saudi Arabia last week.", 900, "talks",
                expression="last week")

    add_event(graph, "annexation-2014-11aa22", "Annexation", "Annexation: Russia (2014)", begin="2014",
              stamp=Literal("2014", datatype=XSD.gYear), granularity=TIME.unitYear,
              actors=(russia,), sources=("002_1d44ba95d087a85e",))
    add_event(graph, "statement-2025-05-4d4d4d", "Statement", "Statement: Donald Trump (2025-05)",
              begin="2025-05-01", end="2025-05-31", stamp=Literal("2025-05", datatype=XSD.gYearMonth),
              granularity=TIME.unitMonth, actors=(trump,), sources=("004_0d8a5d5899a4b2e7",))
    return graph


def page_data(page: str) -> dict:
    """The JSON the page embeds."""
    match = re.search(r'<script type="application/json" id="timeline-data">(.*?)</script>', page, re.S)
    assert match, "no embedded data"
    return json.loads(match.group(1))


def test_page_loads_nothing_from_the_network() -> None:
    page = render_timeline(build_sample_graph())
    assert not re.search(r"<script[^>]*\ssrc\s*=", page, re.I)
    assert not re.search(r"<link[^>]*\shref\s*=", page, re.I)
    assert not re.search(r"""\s(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert not re.search(r"""url\(\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert not re.search(r"@import", page, re.I)
    assert "Content-Security-Policy" in page


def test_page_names_both_anchors() -> None:
    page = render_timeline(build_sample_graph())
    assert MARCH_CALL in page and MAY_CALL in page
    anchors = [e for e in page_data(page)["events"] if e["anchor"]]
    assert sorted(e["label"] for e in anchors) == [MARCH_CALL, MAY_CALL]
    nodes = {n["id"]: n for n in page_data(page)["network"]["nodes"]}
    anchor_nodes = {e["node"] for e in anchors}
    largest_other = max(n["size"] for n in nodes.values() if n["kind"] == "event" and n["id"] not in anchor_nodes)
    for event in anchors:
        node = nodes[event["node"]]
        assert node["label"] and node["size"] > largest_other


def test_render_is_deterministic() -> None:
    assert render_timeline(build_sample_graph()) == render_timeline(build_sample_graph())


def test_write_timeline_writes_the_rendered_page(tmp_path: Path) -> None:
    graph = build_sample_graph()
    target = tmp_path / "out" / "timeline.html"
    write_timeline(graph, target, title="Calls")
    assert target.read_text(encoding="utf-8") == render_timeline(graph, title="Calls")


def test_the_page_data_in_pieces_is_the_same_text_as_at_once() -> None:
    data = {"events": [{"label": "<b>x</b> & \u2028 y", "when": (2025, 3), "n": [1.5, None, True]}] * 3,
            "by_number": {1: "one", 2: ["<", ">"]}, "empty": {}, "none": [], "nested": {"a": {"b": {"c": [{}]}}},
            "text": "Kyiv – Київ </script>"}
    assert "".join(script_json_pieces(data)) == script_json(data)
    assert "<" not in script_json(data) and "\u2028" not in script_json(data)


def test_article_text_never_reaches_the_page_raw() -> None:
    page = render_timeline(build_sample_graph(xss=True), title="<b>bold</b> & title")
    for raw in (XSS_SENTENCE, "<script>alert(1)", "<img src=x", "<img src=y", "onerror=alert(1)>", "<b>bold</b>",
                "href=\"javascript:", "<a href"):
        assert raw not in page, raw
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; title" in page
    data_block = re.search(r'<script type="application/json" id="timeline-data">(.*?)</script>', page, re.S)
    outside = page[:data_block.start()] + page[data_block.end():]
    assert XSS_URL not in outside and "alert(1)" not in outside and "alert(2)" not in outside
    data = page_data(page)
    assert all(a["url"] is None for a in data["articles"])
    march = next(e for e in data["events"] if e["label"] == MARCH_CALL)
    sentences = ["".join(part for part in (ev["before"], ev["hit"], ev["after"])) for ev in march["evidence"]]
    assert XSS_SENTENCE in sentences


def test_view_model_reads_the_contract() -> None:
    view = read_timeline(build_sample_graph())
    by_label = {e.label: e for e in view.events}
    march = by_label[MARCH_CALL]
    assert march.anchor and by_label[MAY_CALL].anchor
    assert march.date_text == "18 March 2025"
    assert by_label["Talks: Ukraine, United States (week of 2025-03-10)"].date_text == "week of 10 March 2025"
    assert by_label["Statement: Donald Trump (2025-05)"].date_text == "May 2025"
    assert by_label["Annexation: Russia (2014)"].date_text == "2014"
    assert [e.label for e in view.events][0] == "Annexation: Russia (2014)"
    hits = {(ev.article, ev.hit) for ev in march.evidence}
    assert ("003_775401348d42a178", "phone call") in hits and ("002_1d44ba95d087a85e", "spoke") in hits
    (duration,) = march.claims
    assert duration.differ and len(duration.values) == 2
    assert by_label[MAY_CALL].merge_notes


def test_time_axis_compresses_the_years_before_the_dense_span() -> None:
    data = page_data(render_timeline(build_sample_graph()))
    nodes = {n["id"]: n for n in data["network"]["nodes"]}
    x = {e["label"]: nodes[e["node"]]["x"] for e in data["events"]}
    march, may, annexation = x[MARCH_CALL], x[MAY_CALL], x["Annexation: Russia (2014)"]
    assert annexation < march < may
    assert may - march > march - annexation, "two months take more room than eleven years"
    assert data["axis"]["breaks"], "no break marker between the context years and the dense span"


def test_dense_span_is_found_from_the_data() -> None:
    days = [dt.date(2014, 1, 1), dt.date(2016, 5, 1)] + [dt.date(2019, 6, 1) + dt.timedelta(days=i) for i in range(20)]
    days += [dt.date(2023, 1, 1)]
    start, end = dense_window(sorted(d.toordinal() for d in days))
    assert dt.date(2019, 5, 20) < dt.date.fromordinal(start) <= dt.date(2019, 6, 1)
    assert dt.date(2019, 6, 20) <= dt.date.fromordinal(end) < dt.date(2019, 7, 1)
    axis = TimeAxis.fit(sorted(d.toordinal() for d in days))
    assert len(axis.breaks) == 2, "context years on both sides are compressed behind breaks"
    dense = next(s for s in axis.segments if s.dense)
    assert dense.x1 - dense.x0 > 2 * sum(s.x1 - s.x0 for s in axis.segments if not s.dense)


def test_crowded_lane_days_are_aggregated() -> None:
    graph = build_sample_graph()
    for i in range(40):
        add_event(graph, f"statement-2025-03-18-{i:02d}", "Statement", f"Statement {i} (2025-03-18)",
                  begin="2025-03-18", actors=(TLID["actor/donald-trump"],), sources=("000_79170fe546da3d77",))
    data = page_data(render_timeline(graph))
    nodes = {n["id"]: n for n in data["network"]["nodes"]}
    aggregates = [n for n in nodes.values() if n["kind"] == "aggregate"]
    assert aggregates and all(n["label"].startswith("+") for n in aggregates)
    assert all(e["node"] in nodes for e in data["events"])
    assert sum(len(m) for m in data["aggregates"].values()) == int(sum(int(n["label"][1:]) for n in aggregates))
    positions = [(n["x"], n["y"]) for n in nodes.values() if n["kind"] == "event"]
    assert len(positions) == len(set(positions)), "two event nodes drawn on the same spot"


def test_a_lone_overflowing_event_is_drawn_not_aggregated() -> None:
    graph = build_sample_graph()
    for i in range(7):
        add_event(graph, f"statement-2025-03-18-{i:02d}", "Statement", f"Statement {i} (2025-03-18)",
                  begin="2025-03-18", actors=(TLID["actor/donald-trump"],), sources=("000_79170fe546da3d77",))
    data = page_data(render_timeline(graph))
    nodes = {n["id"]: n for n in data["network"]["nodes"]}
    assert not data["aggregates"] and not [n for n in nodes.values() if n["kind"] == "aggregate"]
    drawn = [(nodes[e["node"]]["x"], nodes[e["node"]]["y"]) for e in data["events"] if e["node"]]
    assert len(drawn) == 12 and len(set(drawn)) == 12


def test_undated_events_are_listed_not_drawn_and_other_classes_get_a_lane() -> None:
    graph = build_sample_graph()
    graph.add((TLID["event/undated"], RDF.type, TL.Statement))
    graph.add((TLID["event/undated"], RDFS.label, Literal("Statement: someone")))
    graph.add((TLID["event/undated-order"], RDF.type, TL.Order))
    graph.add((TL.Rumour, RDFS.subClassOf, SEM.Event))
    graph.add((TLID["event/rumour"], RDF.type, TL.Rumour))
    graph.add((TLID["event/rumour"], SEM.hasBeginTimeStamp, Literal("2025-04-01", datatype=XSD.date)))
    data = page_data(render_timeline(graph))
    classes = {c["name"]: c for c in data["classes"]}
    assert classes["Rumour"]["drawn"] and not classes["Order"]["drawn"] and classes["Order"]["count"] == 1
    assert [lane["name"] for lane in data["axis"]["lanes"]] == ["PhoneCall", "Talks", "Statement", "Annexation",
                                                               "Rumour"]
    undated = [e for e in data["events"] if e["begin"] is None]
    assert [e["date"] for e in undated] == ["undated", "undated"] and data["events"][-2:] == undated
    assert all(e["node"] is None for e in undated) and data["stats"]["undated"] == 2
    rumour = next(e for e in data["events"] if e["cls"] == "Rumour")
    assert rumour["node"] in {n["id"] for n in data["network"]["nodes"]}
    assert "undated" not in [t["label"] for t in data["axis"]["ticks"]]


def test_two_bursts_of_news_get_the_room_and_the_weeks_between_them_a_break() -> None:
    march = [dt.date(2025, 3, 10) + dt.timedelta(days=i % 9) for i in range(30)]
    may = [dt.date(2025, 5, 18) + dt.timedelta(days=i % 3) for i in range(12)]
    days = sorted(d.toordinal() for d in [dt.date(2014, 3, 1), *march, *may])
    axis = TimeAxis.fit(days)
    dense = axis.dense
    assert len(dense) == 2 and dense[0].end < dt.date(2025, 4, 1).toordinal() < dense[1].start
    assert [label for _x, label in axis.breaks] == ["", "8 weeks"]
    labels = [label for _x, label in axis.ticks(days)]
    assert labels[0] == "2014" and "2025" in labels[1], labels
    assert axis.x(dt.date(2025, 5, 19)) - axis.x(dt.date(2025, 3, 18)) < 300


def test_anchors_are_the_most_reported_events_of_different_days() -> None:
    graph = build_sample_graph()
    ceasefire = add_event(graph, "ceasefire-2025-03-18-aa", "Ceasefire", "Ceasefire: Putin (2025-03-18)",
                          begin="2025-03-18", sources=("000_79170fe546da3d77", "002_1d44ba95d087a85e",
                                                       "003_775401348d42a178"))
    add_mention(graph, ceasefire, "000_79170fe546da3d77", 9, "Putin agreed to a ceasefire on energy.", 0, "ceasefire")
    statement = add_event(graph, "statement-2025-05-19-bb", "Statement", "Statement: Putin (2025-05-19)",
                          begin="2025-05-19", sources=("001_1aa9fcdf67cd5904", "004_0d8a5d5899a4b2e7"))
    add_mention(graph, statement, "001_1aa9fcdf67cd5904", 9, "Putin described the talks as useful.", 0, "described")
    anchors = [e.label for e in read_timeline(graph).events if e.anchor]
    assert anchors == [MARCH_CALL, MAY_CALL], "mentioned more often than the other events of their days"


def test_empty_graph_renders() -> None:
    page = render_timeline(Graph())
    assert page_data(page)["events"] == []


def test_render_is_identical_across_processes() -> None:
    root = Path(__file__).resolve().parents[2]
    code = ("import hashlib, sys; from graph.export.html import render_timeline; "
            "from tests.export.test_html import build_sample_graph; "
            "sys.stdout.write(hashlib.sha256(render_timeline(build_sample_graph()).encode()).hexdigest())")
    digests = set()
    for seed in ("0", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(root)}
        digests.add(subprocess.run([sys.executable, "-c", code], env=env, cwd=root, check=True,
                                   capture_output=True, text=True).stdout)
    assert len(digests) == 1


def test_actor_degrees_are_the_degrees_of_the_event_actor_graph():
    from types import SimpleNamespace

    import networkx as nx

    from graph.export.timeline_layout import actor_degrees

    events = [SimpleNamespace(actors=actors) for actors in
              (("a", "b"), ("a",), (), ("b", "b", "c"), ("c", "a"), ("d",))]
    graph = nx.Graph()
    graph.add_edges_from((("event", i), ("actor", actor)) for i, event in enumerate(events) for actor in event.actors)
    expected = {node[1]: degree for node, degree in graph.degree() if node[0] == "actor"}
    assert actor_degrees(SimpleNamespace(events=events)) == expected == {"a": 3, "b": 2, "c": 2, "d": 1}
