"""Plain triples (graph.rdf.triples) and the Turtle writer (graph.export.turtle)."""

from __future__ import annotations

import datetime as dt

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS, XSD

from graph.export.turtle import to_turtle, write_turtle
from graph.ingest import Article
from graph.rdf import article_graph
from graph.rdf.namespaces import SCHEMA, TL, TLID, new_graph
from graph.rdf.triples import XSD_INTEGER, Blank, Lit, blank_labels, plain_index, plain_triples, triple_count

EVENT = str(TLID["event/phonecall-2025-03-18-x"])
LABEL, TYPE = str(RDFS.label), str(RDF.type)


def small_graph():
    graph = new_graph()
    graph.put(EVENT, TYPE, str(TL.PhoneCall))
    graph.put(EVENT, LABEL, Lit("PhoneCall: A, B (2025-03-18)"))
    graph.put(EVENT, str(TL.duration), Lit("PT1H", str(XSD.duration)))
    graph.put(EVENT, str(SCHEMA.position), Lit("3", XSD_INTEGER))
    graph.put(EVENT, str(SCHEMA.name), Lit("Anruf", "", "de"))
    return graph


def test_a_triple_graph_is_an_rdflib_graph_with_the_same_triples():
    graph = small_graph()
    assert graph.is_plain and triple_count(graph) == 5
    reference = Graph()
    reference.add((URIRef(EVENT), RDF.type, TL.PhoneCall))
    reference.add((URIRef(EVENT), RDFS.label, Literal("PhoneCall: A, B (2025-03-18)")))
    reference.add((URIRef(EVENT), TL.duration, Literal("PT1H", datatype=XSD.duration)))
    reference.add((URIRef(EVENT), SCHEMA.position, Literal(3)))
    reference.add((URIRef(EVENT), SCHEMA.name, Literal("Anruf", lang="de")))
    assert set(graph) == set(reference)
    assert not graph.is_plain
    assert graph.value(URIRef(EVENT), SCHEMA.position) == Literal(3)


def test_puts_are_sets_and_work_after_rdflib_took_over():
    graph = small_graph()
    graph.put(EVENT, LABEL, Lit("PhoneCall: A, B (2025-03-18)"))
    assert triple_count(graph) == 5
    assert len(graph) == 5
    graph.put(EVENT, LABEL, Lit("another"))
    graph.add((URIRef(EVENT), RDFS.comment, Literal("added by rdflib")))
    assert len(graph) == triple_count(graph) == 7
    assert (EVENT, LABEL, Lit("another")) in set(plain_triples(graph))
    assert plain_index(graph)[EVENT][str(RDFS.comment)] == [Lit("added by rdflib")]


def test_rdflib_terms_given_to_put_are_made_plain():
    graph = new_graph()
    graph.put(URIRef(EVENT), RDFS.label, Literal("x"))
    graph.put(EVENT, LABEL, Lit("x"))
    assert triple_count(graph) == 1
    assert list(plain_triples(graph)) == [(EVENT, LABEL, Lit("x"))]


def test_turtle_uses_the_contract_prefixes_and_sorts_everything():
    assert to_turtle(small_graph()).decode("utf-8") == "\n".join([
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
        f"@prefix schema: <{SCHEMA}> .",
        f"@prefix tl: <{TL}> .",
        f"@prefix xsd: <{XSD}> .",
        "",
        f"<{EVENT}> a tl:PhoneCall ;",
        '    rdfs:label "PhoneCall: A, B (2025-03-18)" ;',
        '    schema:name "Anruf"@de ;',
        "    schema:position 3 ;",
        '    tl:duration "PT1H"^^xsd:duration .',
        "",
    ])


def test_turtle_depends_only_on_the_triples():
    graph, reversed_graph = new_graph(), new_graph()
    triples = list(plain_triples(small_graph()))
    for s, p, o in triples:
        graph.put(s, p, o)
    for s, p, o in reversed(triples):
        reversed_graph.put(s, p, o)
    assert to_turtle(graph) == to_turtle(reversed_graph)
    rdflib_graph = Graph()
    for triple in small_graph():
        rdflib_graph.add(triple)
    assert to_turtle(rdflib_graph) == to_turtle(graph)


def test_turtle_escapes_strings_and_iris_so_they_round_trip(tmp_path):
    graph = new_graph()
    text = 'quote " backslash \\ newline \n tab \t cr \r bell \x07 del \x7f "\n"""'
    graph.put(EVENT, LABEL, Lit(text))
    graph.put(EVENT, str(SCHEMA.url), "https://example.org/a b")
    path = tmp_path / "g.ttl"
    assert write_turtle(graph, path) == 2
    data = path.read_bytes()
    assert b"\n\"" not in data.split(b"rdfs:label", 1)[1].split(b";", 1)[0]
    back = Graph().parse(data=data, format="turtle")
    assert back.value(URIRef(EVENT), RDFS.label) == Literal(text)
    assert back.value(URIRef(EVENT), SCHEMA.url) == URIRef("https://example.org/a b")


def test_a_triple_graph_holds_each_literal_once_and_knows_its_blank_nodes():
    graph = new_graph()
    for n in range(3):
        graph.put(f"{EVENT}/{n}", str(SCHEMA.position), Lit(str(10 + n % 2), XSD_INTEGER))
    graph.put(EVENT, LABEL, Lit("a"))
    graph.put(EVENT, LABEL, Lit("b"))
    graph.put(Blank("z"), LABEL, Lit("a"))
    graph.put(EVENT, str(TL.about), Blank("y"))
    index = plain_index(graph)
    first, second, third = (index[f"{EVENT}/{n}"][str(SCHEMA.position)][0] for n in range(3))
    assert first is third and first is not second and first == Lit("10", XSD_INTEGER)
    assert list(index[EVENT][LABEL]) == [Lit("a"), Lit("b")] and triple_count(graph) == 7
    assert blank_labels(graph) == {"y", "z"}
    rdflib_graph = Graph()
    for triple in graph:
        rdflib_graph.add(triple)
    assert blank_labels(rdflib_graph) is None
    assert to_turtle(graph) == to_turtle(rdflib_graph)


def test_turtle_writes_blank_nodes_by_their_sorted_labels():
    graph = Graph()
    graph.add((BNode("z"), RDFS.label, Literal("second")))
    graph.add((BNode("a"), RDFS.label, Literal("first")))
    graph.add((URIRef(EVENT), TL.about, BNode("z")))
    text = to_turtle(graph).decode("utf-8")
    assert '_:b0 rdfs:label "first" .' in text and '_:b1 rdfs:label "second" .' in text
    assert f"<{EVENT}> tl:about _:b1 ." in text
    assert isomorphic(Graph().parse(data=text, format="turtle"), graph)
    assert {type(t) for t in plain_index(graph)} == {str, Blank}


def test_article_graph_turtle_round_trips(extract, knowledge):
    text = "Joe Biden spoke with Xi Jinping on Monday.\nThe call lasted 90 minutes, the White House said.\n"
    article = Article(stem="a1", text=text, published=dt.date(2025, 3, 18), outlet="Daily Planet",
                      url="https://example.org/a1")
    graph = article_graph(article, extract(text), knowledge)
    data = to_turtle(graph)
    assert graph.is_plain
    assert data == to_turtle(article_graph(article, extract(text), knowledge))
    assert isomorphic(Graph().parse(data=data, format="turtle"), graph)
