"""N-Triples, JSON-LD and TriG exports (``build --format``): same triples as graph.ttl, byte-identical."""

from __future__ import annotations

from contextlib import nullcontext
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from graph.cli import cli
from graph.errors import ExportError
from graph.export.formats import FILES, parse_formats, to_jsonld, to_ntriples, to_trig, write_formats
from graph.builder.pipeline import build
from graph.sparql.push import ARTICLE_GRAPH_PREFIX, MERGED_GRAPH, ONTOLOGY_GRAPH, _files
from tests.conftest import SEEDS

EXTRA = {"graph.nt": (ox.RdfFormat.N_TRIPLES, "nt"), "graph.jsonld": (ox.RdfFormat.JSON_LD, "json-ld")}


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """The seeds built twice with every format: once through the library, once through the CLI."""
    first = tmp_path_factory.mktemp("formats-lib")
    report = build(SEEDS, first, formats=["all"])
    second = tmp_path_factory.mktemp("formats-cli") / "out"
    result = CliRunner().invoke(cli, ["build", str(SEEDS), "--out", str(second), "--no-cache",
                                      "--format", "ntriples", "--format", "JSONLD", "--format", "trig"])
    assert result.exit_code == 0, result.output
    return first, second, report


def oxigraph_triples(path: Path, fmt: ox.RdfFormat) -> set[ox.Triple]:
    quads = list(ox.parse(path=str(path), format=fmt))
    assert all(q.graph_name == ox.DefaultGraph() for q in quads)
    return {q.triple for q in quads}


def test_each_graph_format_holds_exactly_the_triples_of_graph_ttl(builds):
    out, _, report = builds
    expected_ox = oxigraph_triples(out / "graph.ttl", ox.RdfFormat.TURTLE)
    expected_rdflib = set(Graph().parse(out / "graph.ttl", format="turtle"))
    assert len(expected_ox) == len(expected_rdflib) == report.triples > 1000
    for name, (ox_format, rdflib_format) in EXTRA.items():
        assert oxigraph_triples(out / name, ox_format) == expected_ox, name
        assert set(Graph().parse(out / name, format=rdflib_format)) == expected_rdflib, name
    lines = (out / "graph.nt").read_bytes().splitlines()
    assert lines == sorted(set(lines)) and len(lines) == report.triples


def test_trig_holds_each_article_graph_and_the_merged_graph_under_the_names_push_uses(builds):
    """graph.trig: no default graph; ``<article IRI>`` = articles/<stem>.ttl and ``tlid:graph/merged`` = graph.ttl."""
    out, _, _ = builds
    pushed = {iri: path for iri, path in _files(out / "graph.ttl", None) if iri != ONTOLOGY_GRAPH}
    assert MERGED_GRAPH in pushed and len(pushed) == len(list(SEEDS.glob("*.txt"))) + 1
    assert all(iri == MERGED_GRAPH or iri.startswith(ARTICLE_GRAPH_PREFIX) for iri in pushed)
    expected_ox = {ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(iri))
                   for iri, path in pushed.items() for t in oxigraph_triples(path, ox.RdfFormat.TURTLE)}
    assert set(ox.parse(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG)) == expected_ox

    dataset = Dataset().parse(out / "graph.trig", format="trig")
    named = {str(g.identifier): g for g in dataset.graphs() if g.identifier != DATASET_DEFAULT_GRAPH_ID}
    assert len(dataset.default_graph) == 0
    assert set(named) == set(pushed)
    for iri, path in pushed.items():
        assert set(named[iri]) == set(Graph().parse(path, format="turtle")), iri


def test_two_builds_give_byte_identical_files(builds):
    first, second, _ = builds
    for name in ("graph.ttl", *FILES.values()):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_the_formats_are_published_with_the_set_and_only_when_asked(builds, seed_build, tmp_path):
    out, _, report = builds
    assert {p.name for p in report.files} >= set(FILES.values())
    assert {"export:read", "export:ntriples", "export:jsonld", "export:trig"} <= set(report.stages)
    assert not any((seed_build[0] / name).exists() for name in ("graph.nt", "graph.jsonld", "graph.trig"))
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("+++\npublished = 2025-03-18\n+++\nJoe Biden spoke with Xi Jinping on Monday.\n")
    build(folder, tmp_path / "out", formats=["all"], validate=False)
    assert (tmp_path / "out" / "graph.nt").is_file() and (tmp_path / "out" / "graph.trig").is_file()
    build(folder, tmp_path / "out", formats=["ntriples"], validate=False)  # a stale graph.trig would disagree
    assert (tmp_path / "out" / "graph.nt").is_file() and not (tmp_path / "out" / "graph.trig").exists()


def test_an_unknown_format_is_one_error_line_and_nothing_is_written(tmp_path):
    for value in ("xml", "ntriples,trig"):
        result = CliRunner().invoke(cli, ["build", str(SEEDS), "--out", str(tmp_path / "out"), "--format", value])
        assert result.exit_code == ExportError.exit_code != 0
        assert result.output.splitlines() == [
            f"Error: unknown export format {value!r}",
            "Hint: --format takes one of turtle, ntriples, jsonld, trig, all; repeat it for several"]
        assert not (tmp_path / "out").exists()


def test_help_mentions_the_option():
    text = CliRunner().invoke(cli, ["build", "--help"]).output
    assert "--format FORMAT" in text
    assert all(word in text for word in ("ntriples", "jsonld", "trig", "all", "repeatable"))


def test_parse_formats():
    assert parse_formats([]) == ("turtle",)
    assert parse_formats(["trig", "NTriples", "trig"]) == ("turtle", "ntriples", "trig")
    assert parse_formats(["all"]) == ("turtle", "ntriples", "jsonld", "trig")
    with pytest.raises(ExportError):
        parse_formats(["rdfxml"])


AWKWARD = """
@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:a ex:text "line one\\nline \\"two\\"\\t\\\\ end" , "Zelenskyy – «Київ» 🚀"@uk , "7"^^xsd:integer ,
         "2025-03-18"^^xsd:date , "" ;
     ex:rel _:b0 , ex:b .
_:b0 ex:label "a blank node" ; ex:next _:b1 .
_:b1 ex:label "another" .
"""


def test_awkward_literals_and_blank_nodes_round_trip():
    triples = {q.triple for q in ox.parse(AWKWARD.encode(), format=ox.RdfFormat.TURTLE)}
    expected = Graph().parse(data=AWKWARD, format="turtle")
    ntriples = to_ntriples(AWKWARD.encode())
    assert isomorphic(Graph().parse(data=ntriples, format="nt"), expected)
    assert isomorphic(Graph().parse(data=to_jsonld(ntriples), format="json-ld"), expected)
    for data, fmt in ((ntriples, ox.RdfFormat.N_TRIPLES), (to_jsonld(ntriples), ox.RdfFormat.JSON_LD)):
        assert {q.triple for q in ox.parse(data, format=fmt)} == triples
    # the output depends only on the set of triples, not on their order or the syntax they came in
    shuffled = b"".join(reversed(ntriples.splitlines(keepends=True))) + ntriples
    assert to_ntriples(shuffled, ox.RdfFormat.N_TRIPLES) == ntriples
    assert to_ntriples(to_jsonld(ntriples), ox.RdfFormat.JSON_LD) == ntriples


def test_trig_keeps_the_blank_nodes_of_each_graph_apart():
    ntriples = to_ntriples(AWKWARD.encode())
    graphs = {"http://example.org/g2": ntriples, "http://example.org/g1": ntriples}
    data = to_trig(graphs)
    assert data == to_trig(dict(reversed(graphs.items())))
    dataset = Dataset().parse(data=data, format="trig")
    one, two = (dataset.graph(URIRef(f"http://example.org/g{n}")) for n in (1, 2))
    expected = Graph().parse(data=AWKWARD, format="turtle")
    assert isomorphic(one, expected) and isomorphic(two, expected)
    blanks = {t for g in (one, two) for triple in g for t in triple if isinstance(t, BNode)}
    assert len(blanks) == 4  # two per graph, none shared
    assert Literal("7", datatype=URIRef("http://www.w3.org/2001/XMLSchema#integer")) in set(one.objects())
    quads = list(ox.parse(data, format=ox.RdfFormat.TRIG))
    assert len(quads) == 2 * len(ntriples.splitlines())
    assert len({q.subject for q in quads if isinstance(q.subject, ox.BlankNode)}) == 4


def test_write_formats_writes_only_the_extra_files(tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "x.ttl").write_text(AWKWARD)
    (tmp_path / "graph.ttl").write_text(AWKWARD)
    stages = []

    def timer(stage):
        stages.append(stage)
        return nullcontext()

    assert write_formats(["turtle"], tmp_path / "graph.ttl", tmp_path / "articles") == []
    written = write_formats(["all"], tmp_path / "graph.ttl", tmp_path / "articles", timer)
    assert [p.name for p in written] == ["graph.nt", "graph.jsonld", "graph.trig"]
    assert stages == ["export:read", "export:ntriples", "export:jsonld", "export:trig"]
    graph_names = {str(q.graph_name.value) for q in ox.parse(path=str(tmp_path / "graph.trig"))}
    assert graph_names == {ARTICLE_GRAPH_PREFIX + "x", MERGED_GRAPH}
