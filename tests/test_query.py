"""`timeline-kg query` on the embedded Oxigraph store: the store, named queries, parameters, formats, safety."""

from __future__ import annotations

import json
import os
import shutil
import threading
from pathlib import Path

import pyoxigraph
import pytest
from click.testing import CliRunner
from rdflib import Graph

from graph.cli import cli
from graph.errors import QueryError
from graph.sparql.named_queries import bind_params, find_query, list_queries, parse_params
from graph.sparql.query import (
    declare_prefixes,
    format_result,
    query_exports,
    read_query,
    run_query,
)
from graph.sparql.query_guard import check_query, has_service, is_update
from graph.sparql.store import STORE_DIR, open_store

REPO = Path(__file__).resolve().parent.parent
QUERIES = sorted((REPO / "ontology" / "queries").glob("*.rq"))
#: GROUP_CONCAT columns (no engine promises their order) and their separators.
LISTS = {"articles": " ", "actors": ", "}


@pytest.fixture
def exports(seed_build, tmp_path) -> Path:
    """A private copy of the seed build's exports (tests here change files and the store)."""
    out, _ = seed_build
    copy = tmp_path / "exports"
    shutil.copytree(out, copy, ignore=shutil.ignore_patterns(STORE_DIR, ".build.lock"))
    return copy


@pytest.fixture(scope="module")
def seed_graph_file(seed_build) -> Path:
    out, _ = seed_build
    return out / "graph.ttl"


def normal(rows: list[dict[str, str]]) -> list[tuple]:
    def cell(name, value):
        return LISTS[name].join(sorted(value.split(LISTS[name]))) if name in LISTS and value else value
    return sorted(tuple((k, cell(k, v)) for k, v in sorted(row.items())) for row in rows)


# --- the store -----------------------------------------------------------------------------------


def test_store_is_built_once_and_reused(exports):
    graph_file = exports / "graph.ttl"
    with open_store(graph_file) as first:
        assert first.rebuilt and first.path.parent == exports / STORE_DIR
        triples = first.triples
        assert triples == len(first.store) > 6000
    with open_store(graph_file) as second:
        assert not second.rebuilt and second.path == first.path and len(second.store) == triples


def test_same_content_with_a_new_mtime_is_not_a_rebuild(exports):
    graph_file = exports / "graph.ttl"
    with open_store(graph_file) as first:
        path = first.path
    stat = graph_file.stat()
    os.utime(graph_file, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    with open_store(graph_file) as again:
        assert not again.rebuilt and again.path == path
    manifest = json.loads((exports / STORE_DIR / "manifest.json").read_text())
    assert manifest["sources"][0]["mtime_ns"] == graph_file.stat().st_mtime_ns


def test_a_changed_graph_rebuilds_and_the_old_store_goes(exports):
    graph_file = exports / "graph.ttl"
    with open_store(graph_file) as first:
        old = first.path
    with open(graph_file, "a", encoding="utf-8") as handle:
        handle.write('\n<https://w3id.org/timeline-kg/id/actor/x> <http://www.w3.org/2000/01/rdf-schema#label> "X" .\n')
    with open_store(graph_file) as second:
        assert second.rebuilt and second.path != old and second.triples == first.triples + 1
    assert not old.exists()
    assert query_exports(graph_file, 'SELECT ?l WHERE { tlid:actor\\/x rdfs:label ?l }', fmt="csv") == "l\nX"


def test_a_changed_ontology_rebuilds(exports, tmp_path):
    ontology = tmp_path / "ontology"
    shutil.copytree(REPO / "ontology", ontology)
    graph_file = exports / "graph.ttl"
    with open_store(graph_file, ontology=ontology) as first:
        pass
    with open(ontology / "timeline.ttl", "a", encoding="utf-8") as handle:
        handle.write('\ntl:PhoneCall rdfs:comment "changed" .\n')
    with open_store(graph_file, ontology=ontology) as second:
        assert second.rebuilt and second.triples == first.triples + 1
    answer = query_exports(graph_file, 'ASK { tl:PhoneCall rdfs:comment "changed" }', ontology=ontology)
    assert answer == "true"


def test_an_open_reader_keeps_its_store_through_a_rebuild(exports):
    graph_file = exports / "graph.ttl"
    reader = open_store(graph_file)
    graph_file.write_text(graph_file.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    with open_store(graph_file) as newer:
        assert newer.rebuilt and newer.path != reader.path
    assert reader.path.exists() and len(reader.store) == reader.triples
    reader.close()
    with open_store(graph_file):  # the next rebuild is not needed, but unused stores go on the next one
        pass
    graph_file.write_text(graph_file.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    with open_store(graph_file):
        pass
    assert not reader.path.exists()


@pytest.mark.parametrize("carried_after, switched_after", [
    ("load graph", "load ontology"),       # the store keeps being written after the switch
    ("load graph", "close store"),         # the switch comes just before the manifest is written
    ("load ontology", "close store"),
])
def test_a_build_publishing_while_the_store_is_rebuilt_never_leaves_a_broken_store(
        exports, monkeypatch, carried_after, switched_after):
    """A build carries .store/ into its new exports folder, then exchanges the folders, mid-rebuild."""
    import graph.export.publish as publish
    import graph.sparql.store as store
    from graph.export.lock import build_lock

    if not publish.exchange_supported(exports.parent):
        pytest.skip("this file system cannot exchange folders: a build replaces files one by one")
    graph_file = exports / "graph.ttl"
    carried, switch, published = threading.Event(), threading.Event(), threading.Event()
    modes = []

    def step(name: str) -> None:
        if name == "exchange":  # everything is carried over: hold the switch
            carried.set()
            assert switch.wait(60)

    def build() -> None:
        try:
            with build_lock(exports), publish.Staging(exports, ("graph.ttl",)) as stage:
                shutil.copy(graph_file, stage.path / "graph.ttl")
            modes.append(stage.mode)
        finally:
            published.set()

    builder = threading.Thread(target=build)
    real_load, real_write_manifest = store._load, store._write_manifest

    def at(moment: str) -> None:  # the first rebuild only: the next one runs undisturbed
        if moment == carried_after and not carried.is_set():
            builder.start()
            assert carried.wait(60)
        if moment == switched_after and not switch.is_set():
            switch.set()
            assert published.wait(60)

    def load(target, handle, source):
        real_load(target, handle, source)
        at("load graph" if source.name == "graph.ttl" else "load ontology")

    def write_manifest(folder, manifest):
        at("close store")
        real_write_manifest(folder, manifest)

    monkeypatch.setattr(publish, "_step", step)
    monkeypatch.setattr(store, "_load", load)
    monkeypatch.setattr(store, "_write_manifest", write_manifest)
    expected = pyoxigraph.Store()
    for source in store.source_files(graph_file):
        expected.load(path=str(source), format=pyoxigraph.RdfFormat.TURTLE)
    try:
        with open_store(graph_file) as during:
            assert len(during.store) == during.triples == len(expected)
    finally:
        switch.set()
        if builder.ident is not None:
            builder.join(60)
    assert modes == [publish.EXCHANGE]
    monkeypatch.undo()
    with open_store(graph_file) as after:
        assert len(after.store) == after.triples == len(expected)
    count = query_exports(graph_file, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", fmt="csv")
    assert count.split() == ["n", str(len(expected))]


def test_an_unwritable_store_folder_falls_back_to_memory(exports):
    blocker = exports / "not-a-folder"
    blocker.write_text("")
    with open_store(exports / "graph.ttl", location=blocker / "store") as local:
        assert local.path is None and local.triples > 6000


def test_a_graph_that_does_not_parse_is_one_error_and_leaves_no_store(exports):
    graph_file = exports / "graph.ttl"
    graph_file.write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(QueryError, match="cannot parse") as caught:
        open_store(graph_file)
    assert caught.value.path == graph_file.resolve()
    assert not list((exports / STORE_DIR).glob("db-*/"))


def test_missing_graph(tmp_path):
    with pytest.raises(QueryError, match="graph file does not exist"):
        open_store(tmp_path / "graph.ttl")


# --- same answers as before (rdflib) ---------------------------------------------------------------


def _rdflib_rows(graph: Graph, text: str) -> list[dict[str, str]]:
    """rdflib's answer with cells as `query` prints them (prefixed IRIs, literal values)."""
    from graph.rdf.namespaces import PREFIXES

    result = graph.query(text, initNs=dict(PREFIXES))
    names = [str(v) for v in result.vars]

    def cell(term):
        if term is None:
            return ""
        text = str(term)
        if hasattr(term, "n3") and term.n3().startswith("<"):
            for prefix, namespace in PREFIXES.items():
                if text.startswith(str(namespace)):
                    return f"{prefix}:{text[len(str(namespace)):]}"
            return f"<{text}>"
        return text

    return [{n: cell(row[i]) for i, n in enumerate(names)} for row in result]


@pytest.fixture(scope="module")
def rdflib_graph(seed_graph_file) -> Graph:
    graph = Graph().parse(seed_graph_file, format="turtle")
    graph.parse(REPO / "ontology" / "timeline.ttl", format="turtle")
    return graph


@pytest.mark.parametrize("path", QUERIES, ids=[p.stem for p in QUERIES])
def test_every_competency_question_answers_as_rdflib_did(path, seed_graph_file, rdflib_graph):
    rows = json.loads(query_exports(seed_graph_file, path.stem, fmt="json"))
    assert rows, f"{path.stem} has no answer"
    assert normal(rows) == normal(_rdflib_rows(rdflib_graph, path.read_text(encoding="utf-8")))


# --- named queries and parameters ---------------------------------------------------------------


def test_list_names_every_question_with_its_parameters():
    queries = list_queries()
    assert [q.name for q in queries] == [p.stem for p in QUERIES]
    assert all(q.question.endswith("?") for q in queries)
    calls = queries[0]
    assert calls.question == "When did Trump and Putin speak by phone, and which articles report each call?"
    assert [(p.name, p.default) for p in calls.params] == [("actorA", "Trump"), ("actorB", "Putin")]


def test_list_on_the_command_line(seed_graph_file):
    result = CliRunner().invoke(cli, ["query", "--list"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["name", "parameters", "question"]
    assert lines[2].split()[:3] == ["01-phone-calls", 'actorA="Trump"', 'actorB="Putin"']
    assert lines[2].endswith("When did Trump and Putin speak by phone, and which articles report each call?")
    assert len(lines) == 2 + len(QUERIES)


@pytest.mark.parametrize("name", ["01-phone-calls", "phone-calls", "01", "1"])
def test_a_query_is_found_by_stem_short_name_or_number(name):
    assert find_query(name).name == "01-phone-calls"
    assert find_query("02b").name == find_query("disagreements").name == "02b-disagreements"
    assert find_query("2") is None  # 02a or 02b: ambiguous


def test_an_unknown_name_is_one_error_with_a_hint(seed_graph_file):
    result = CliRunner().invoke(cli, ["query", "phone-call", "--graph", str(seed_graph_file)])
    assert result.exit_code == 6
    assert result.output == ("Error: no query named 'phone-call'\n"
                             "Hint: 'timeline-kg query --list' shows the named queries\n")


def test_a_parameter_changes_the_answer(seed_graph_file):
    putin = json.loads(query_exports(seed_graph_file, "06", fmt="json"))
    trump = json.loads(query_exports(seed_graph_file, "06", fmt="json", params={"actor": "donald trump"}))
    assert trump and {r["event"] for r in trump} != {r["event"] for r in putin}
    assert all("Donald Trump" in r["label"] for r in trump)


def test_parameters_on_the_command_line(seed_graph_file):
    result = CliRunner().invoke(cli, ["query", "05-events-between", "--graph", str(seed_graph_file),
                                      "--param", "from=2025-03-18", "--param", "to=2025-03-18", "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = result.output.splitlines()[1:]
    assert rows and all(row.startswith("2025-03-18,2025-03-18,") for row in rows)


def test_a_value_is_bound_as_one_literal_never_as_sparql():
    text = find_query("06").text()
    hostile = 'Putin" } ?who ?p ?o . { "x'
    bound = bind_params(text, {"actor": hostile})
    assert 'VALUES ?actor { "Putin\\" } ?who ?p ?o . { \\"x" }' in bound
    assert bound.count("VALUES ?actor") == 1


def test_a_hostile_value_matches_nothing(seed_graph_file):
    answer = query_exports(seed_graph_file, "06", fmt="json", params={"actor": 'Putin" } UNION { ?who a ?x'})
    assert json.loads(answer) == []


def test_every_occurrence_of_a_parameter_is_bound():
    text = find_query("07").text()
    bound = bind_params(text, {"actorA": "Biden"})
    assert bound.count('VALUES ?actorA { "Biden" }') == text.count('VALUES ?actorA { "Trump" }') == 2


def test_unknown_parameters_are_refused(seed_graph_file):
    with pytest.raises(QueryError, match="unknown parameter for 06-events-of-actor: who") as caught:
        query_exports(seed_graph_file, "06", params={"who": "Putin"})
    assert caught.value.hint == "its parameters: actor"
    with pytest.raises(QueryError, match="unknown parameter"):
        read_query("12-wikidata-entities", {"actor": "x"})
    result = CliRunner().invoke(cli, ["query", "06", "--graph", str(seed_graph_file), "--param", "nonsense"])
    assert result.exit_code == 6 and result.output.startswith("Error: --param 'nonsense' is not NAME=VALUE\n")


def test_a_date_parameter_must_be_a_date(seed_graph_file):
    with pytest.raises(QueryError, match="'18 March' is not a date like 2025-03-17"):
        query_exports(seed_graph_file, "05", params={"from": "18 March"})
    with pytest.raises(QueryError, match="is not a month like 2025-03"):
        query_exports(seed_graph_file, "08", params={"month": "2025-13"})


def test_bind_form_typed_and_iri_parameters():
    text = ('# Param: day = "2025-03-18"^^xsd:date\n# Param: who = <https://w3id.org/timeline-kg/id/actor/x>\n'
            'SELECT * WHERE { BIND ("2025-03-18"^^xsd:date AS ?day) '
            'VALUES ?who { <https://w3id.org/timeline-kg/id/actor/x> } }')
    params = {p.name: p for p in parse_params(text)}
    assert params["day"].datatype == "http://www.w3.org/2001/XMLSchema#date"
    assert params["who"].is_iri
    bound = bind_params(text, {"day": "2025-05-19", "who": "https://w3id.org/timeline-kg/id/actor/y"})
    assert 'BIND ("2025-05-19"^^<http://www.w3.org/2001/XMLSchema#date> AS ?day)' in bound
    assert "VALUES ?who { <https://w3id.org/timeline-kg/id/actor/y> }" in bound
    with pytest.raises(QueryError, match="not an IRI"):
        bind_params(text, {"who": "not an iri"})


def test_a_declared_parameter_the_query_does_not_use_is_an_error():
    with pytest.raises(QueryError, match="declared but"):
        bind_params('# Param: x = "a"\nSELECT * WHERE { ?s ?p ?o }', {"x": "b"})


# --- formats --------------------------------------------------------------------------------------

SELECT_CALLS = ("SELECT ?call ?begin WHERE { ?call a tl:PhoneCall ; sem:hasActor tlid:actor\\/donald-trump ; "
                "sem:hasBeginTimeStamp ?begin } ORDER BY ?begin")


def test_table_csv_and_json_shorten_iris(seed_graph_file):
    table = query_exports(seed_graph_file, SELECT_CALLS).splitlines()
    assert table[0].split() == ["call", "begin"] and set(table[1]) <= {"-", " "}
    assert table[2].startswith("tlid:event/phonecall-") and table[2].endswith("2025-03-18")
    csv_text = query_exports(seed_graph_file, SELECT_CALLS, fmt="csv").splitlines()
    assert csv_text[0] == "call,begin" and csv_text[1].startswith("tlid:event/phonecall-")
    rows = json.loads(query_exports(seed_graph_file, SELECT_CALLS, fmt="json"))
    assert rows[0]["begin"] == "2025-03-18" and rows[0]["call"].startswith("tlid:event/")


@pytest.mark.parametrize("fmt", ["tsv", "xml"])
def test_tsv_and_xml_are_sparql_results(seed_graph_file, fmt):
    text = query_exports(seed_graph_file, SELECT_CALLS, fmt=fmt)
    chosen = pyoxigraph.QueryResultsFormat.TSV if fmt == "tsv" else pyoxigraph.QueryResultsFormat.XML
    parsed = list(pyoxigraph.parse_query_results(text, format=chosen))
    with open_store(seed_graph_file) as local:
        expected = list(run_query(local.store, SELECT_CALLS))
    assert [(s["call"], s["begin"]) for s in parsed] == [(s["call"], s["begin"]) for s in expected]
    assert parsed[0]["begin"] == pyoxigraph.Literal("2025-03-18", datatype=pyoxigraph.NamedNode(
        "http://www.w3.org/2001/XMLSchema#date"))


def test_ask_and_construct(seed_graph_file):
    assert query_exports(seed_graph_file, "ASK { ?e a tl:PhoneCall }") == "true"
    never = 'ASK { ?e sem:hasBeginTimeStamp "1900-01-01"^^xsd:date }'
    assert query_exports(seed_graph_file, never, fmt="json") == "false"
    xml = query_exports(seed_graph_file, "ASK { ?e a tl:PhoneCall }", fmt="xml")
    assert bool(pyoxigraph.parse_query_results(xml, format=pyoxigraph.QueryResultsFormat.XML)) is True
    turtle = query_exports(seed_graph_file, "CONSTRUCT { ?e a tl:PhoneCall } WHERE { ?e a tl:PhoneCall }")
    assert turtle.startswith("@prefix ")
    graph = Graph().parse(data=turtle, format="turtle")
    count = query_exports(seed_graph_file, "SELECT (COUNT(?e) AS ?n) WHERE { ?e a tl:PhoneCall }", fmt="csv")
    assert len(graph) == int(count.splitlines()[1]) > 0


def test_format_on_the_command_line(seed_graph_file):
    result = CliRunner().invoke(cli, ["query", SELECT_CALLS, "--graph", str(seed_graph_file), "--format", "tsv"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "?call\t?begin"
    assert lines[1].endswith('\t"2025-03-18"^^<http://www.w3.org/2001/XMLSchema#date>')


# --- prefixes and safety ------------------------------------------------------------------------


def test_declared_prefixes_are_kept_and_missing_ones_added_on_the_first_line():
    text = "PREFIX tl: <http://example.org/other#>\nSELECT * WHERE {\n ?e a tl:X ; sem:hasActor ?a }"
    declared = declare_prefixes(text)
    assert declared.count("PREFIX tl:") == 1
    assert declared.startswith("PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> PREFIX tl:")
    assert declared.count("\n") == text.count("\n")
    assert declare_prefixes("ASK {}") == "ASK {}"


def test_the_query_declaring_a_contract_prefix_differently_wins(seed_graph_file):
    text = "PREFIX tl: <http://example.org/nothing#> ASK { ?e a tl:PhoneCall }"
    assert query_exports(seed_graph_file, text) == "false"


@pytest.mark.parametrize("template", [
    "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "select * where {{ optional {{ service silent <{url}> {{ ?s ?p ?o }} }} }}",
    "SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ BIND(<{url}> AS ?x) SERVICE ?x {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ FILTER(?z<1)SERVICE#>\n<{url}>{{?s ?p ?o}} }}",
])
def test_service_is_refused_and_never_called(seed_graph_file, listener, template):
    url, hits = listener
    result = CliRunner().invoke(cli, ["query", template.format(url=url), "--graph", str(seed_graph_file)])
    assert result.exit_code == 6
    assert result.output.startswith("Error: SERVICE is refused: queries cannot reach the network\n")
    assert hits == []


def test_a_query_that_only_mentions_service_runs(seed_graph_file):
    text = 'PREFIX service: <http://example.org/> SELECT ?x WHERE { BIND("service" AS ?x) ?s service:p ?o }'
    assert not has_service(text)
    assert query_exports(seed_graph_file, text, fmt="csv") == "x"


def test_a_remote_from_fetches_nothing(seed_graph_file, listener):
    url, hits = listener
    answer = query_exports(seed_graph_file, f"SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }}", fmt="csv")
    assert answer == "" or answer.splitlines()[1:] == []
    assert hits == []


@pytest.mark.parametrize("update", ["INSERT DATA { <a:a> <a:b> <a:c> }", "LOAD <http://example.org/>",
                                    "PREFIX x: <http://x/>\n# a comment\nDELETE WHERE { ?s ?p ?o }", "CLEAR ALL"])
def test_updates_are_refused(seed_graph_file, update):
    assert is_update(update)
    with pytest.raises(QueryError, match="updates are refused"):
        check_query(update)
    with open_store(seed_graph_file) as local:
        with pytest.raises(QueryError, match="updates are refused"):
            run_query(local.store, update)
        assert len(local.store) == local.triples


def test_format_result_rejects_an_unknown_format(seed_graph_file):
    with open_store(seed_graph_file) as local:
        with pytest.raises(QueryError, match="unknown format"):
            format_result(run_query(local.store, "ASK {}"), "yaml")
