"""`timeline-kg push` into a real SPARQL 1.1 store: an Oxigraph server in read-write mode on loopback.

The seed build is pushed through the Graph Store HTTP Protocol, queried back
over the SPARQL Protocol and compared with the local `query` answers.
"""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pyoxigraph
import pytest
from click.testing import CliRunner

from graph.cli import cli
from graph.errors import QueryError
from graph.sparql.push import MERGED_GRAPH, ONTOLOGY_GRAPH, graph_store_for, push
from graph.sparql.remote import put_graph, sparql_query
from graph.sparql.server import _answers, _free_port, oxigraph_binary
from graph.sparql.store import STORE_DIR

REPO = Path(__file__).resolve().parent.parent
QUERIES = sorted((REPO / "ontology" / "queries").glob("*.rq"))
ARTICLE = "https://w3id.org/timeline-kg/id/article/"
LISTS = {"articles": " ", "actors": ", "}

pytestmark = pytest.mark.slow


def _start_store(location: Path):
    port = _free_port()
    process = subprocess.Popen([oxigraph_binary(), "serve", "--location", str(location),
                                "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while not _answers("127.0.0.1", port):
        assert process.poll() is None and time.monotonic() < deadline, "oxigraph serve did not start"
        time.sleep(0.05)
    return process, f"http://127.0.0.1:{port}/query"


def _stop_store(process) -> None:
    process.terminate()
    process.wait(10)


@pytest.fixture
def store_server(tmp_path):
    """`oxigraph serve` (read-write) on a free loopback port; stopped after the test."""
    process, endpoint = _start_store(tmp_path / "remote")
    yield endpoint
    _stop_store(process)


@pytest.fixture(scope="module")
def pushed(seed_build, tmp_path_factory):
    """One store with the seed build pushed: (endpoint, the exports' graph.ttl)."""
    out, _ = seed_build
    folder = tmp_path_factory.mktemp("pushed")
    exports = folder / "exports"
    shutil.copytree(out, exports, ignore=shutil.ignore_patterns(STORE_DIR, ".build.lock"))
    process, endpoint = _start_store(folder / "remote")
    push(exports / "graph.ttl", endpoint)
    yield endpoint, exports / "graph.ttl"
    _stop_store(process)


@pytest.fixture
def exports(seed_build, tmp_path) -> Path:
    out, _ = seed_build
    copy = tmp_path / "exports"
    shutil.copytree(out, copy, ignore=shutil.ignore_patterns(STORE_DIR, ".build.lock"))
    return copy


def graphs(endpoint: str) -> dict[str, int]:
    """Named graph IRI → triples, as the store reports them."""
    answer = sparql_query(endpoint, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    return {s["g"].value: int(s["n"].value) for s in answer}


def turtle_triples(path: Path) -> int:
    return sum(1 for _ in pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE))


def normal(rows):
    def cell(name, value):
        return LISTS[name].join(sorted(value.split(LISTS[name]))) if name in LISTS and value else value
    return sorted(tuple((k, cell(k, v)) for k, v in sorted(row.items())) for row in rows)


def test_push_loads_one_graph_per_article_the_merged_graph_and_the_ontology(store_server, exports):
    result = CliRunner().invoke(cli, ["push", "--endpoint", store_server, "--graph", str(exports / "graph.ttl")])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Pushed 5 article graphs + merged graph + ontology, ")
    expected = {ARTICLE + p.stem: turtle_triples(p) for p in sorted((exports / "articles").glob("*.ttl"))}
    expected[MERGED_GRAPH] = turtle_triples(exports / "graph.ttl")
    expected[ONTOLOGY_GRAPH] = turtle_triples(REPO / "ontology" / "timeline.ttl")
    assert graphs(store_server) == expected


@pytest.mark.parametrize("path", QUERIES, ids=[p.stem for p in QUERIES])
def test_the_pushed_graph_answers_as_the_local_query(pushed, path):
    endpoint, graph_file = pushed
    runner = CliRunner()
    local = runner.invoke(cli, ["query", path.stem, "--graph", str(graph_file), "--format", "json"])
    remote = runner.invoke(cli, ["query", path.stem, "--endpoint", endpoint, "--format", "json"])
    assert local.exit_code == remote.exit_code == 0, local.output + remote.output
    assert json.loads(local.output), f"{path.stem} has no answer"
    assert normal(json.loads(remote.output)) == normal(json.loads(local.output))


def test_a_parameter_works_over_the_protocol_too(pushed):
    endpoint, graph_file = pushed
    args = ["06", "--param", "actor=Trump", "--format", "csv"]
    runner = CliRunner()
    local = runner.invoke(cli, ["query", *args, "--graph", str(graph_file)])
    remote = runner.invoke(cli, ["query", *args, "--endpoint", endpoint])
    assert remote.exit_code == 0 and len(remote.output.splitlines()) > 1
    assert sorted(remote.output.splitlines()) == sorted(local.output.splitlines())


def test_pushing_twice_replaces_rather_than_adds(store_server, exports):
    first = push(exports / "graph.ttl", store_server)
    before = graphs(store_server)
    second = push(exports / "graph.ttl", store_server)
    assert graphs(store_server) == before
    assert second.loaded == first.loaded and second.removed == []


def test_articles_gone_from_the_exports_are_removed_and_nothing_else_is_touched(store_server, exports):
    graph_store = graph_store_for(store_server)
    put_graph(graph_store, "http://example.org/someone-elses", b"<http://e/a> <http://e/b> <http://e/c> .")
    push(exports / "graph.ttl", store_server)
    dropped = sorted((exports / "articles").glob("*.ttl"))[0]
    dropped.unlink()
    report = push(exports / "graph.ttl", store_server)
    assert report.removed == [ARTICLE + dropped.stem]
    present = graphs(store_server)
    assert ARTICLE + dropped.stem not in present
    assert sum(1 for g in present if g.startswith(ARTICLE)) == 4
    assert present["http://example.org/someone-elses"] == 1


def test_the_graph_store_url_is_derived_or_asked_for():
    assert graph_store_for("http://127.0.0.1:7878/query") == "http://127.0.0.1:7878/store"
    assert graph_store_for("http://localhost:3030/ds/sparql") == "http://localhost:3030/ds/data"
    with pytest.raises(QueryError, match="cannot tell the Graph Store endpoint"):
        graph_store_for("http://example.org/endpoint")


def test_an_unreachable_store_is_one_error_line(exports):
    url = f"http://127.0.0.1:{_free_port()}/query"
    result = CliRunner().invoke(cli, ["push", "--endpoint", url, "--graph", str(exports / "graph.ttl")])
    assert result.exit_code == 6
    lines = result.output.splitlines()
    assert lines[0].startswith(f"Error: cannot reach {url.replace('/query', '/store')}: ")
    assert lines[1] == "Hint: check the URL and that the store is running" and len(lines) == 2


def test_a_broken_file_is_refused_before_anything_is_pushed(store_server, exports):
    (exports / "articles" / "zzz.ttl").write_text("not turtle", encoding="utf-8")
    with pytest.raises(QueryError, match="cannot parse"):
        push(exports / "graph.ttl", store_server)
    assert graphs(store_server) == {}


def test_credentials_in_the_url_are_sent_as_basic_auth(monkeypatch):
    from graph.sparql import remote

    seen = {}

    def fake_urlopen(request, timeout):
        seen["url"], seen["auth"] = request.full_url, request.headers.get("Authorization")
        raise urllib.error.URLError("stop here")

    monkeypatch.setattr(urllib.request, "urlopen", fake_urlopen)
    with pytest.raises(remote.EndpointError):
        remote.request("GET", "http://user:s%40cret@example.org/ds/sparql?x=1")
    assert seen["url"] == "http://example.org/ds/sparql?x=1"
    assert base64.b64decode(seen["auth"].split()[1]) == b"user:s@cret"


def test_query_endpoint_predefines_prefixes(pushed):
    endpoint, graph_file = pushed
    sparql = "SELECT (COUNT(?e) AS ?n) WHERE { ?e a tl:PhoneCall }"
    result = CliRunner().invoke(cli, ["query", sparql, "--endpoint", endpoint, "--format", "csv"])
    local = CliRunner().invoke(cli, ["query", sparql, "--graph", str(graph_file), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.output == local.output


# --- Virtuoso (optional: runs where virtuoso-opensource-7-bin is installed) -------------------------

VIRTUOSO_INI = """[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = {db}
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {db}
ServerThreads = 5
[SPARQL]
ResultSetMaxRows = 100000
"""


@pytest.fixture
def virtuoso(tmp_path):
    """Virtuoso Open Source 7 on free loopback ports, its Graph Store open to writes; stopped after."""
    if not (shutil.which("virtuoso-t") and shutil.which("isql-vt")):
        pytest.skip("Virtuoso is not installed (apt-get install virtuoso-opensource-7-bin)")
    db = tmp_path / "virtuoso"
    db.mkdir()
    sql, http = _free_port(), _free_port()
    (db / "virtuoso.ini").write_text(VIRTUOSO_INI.format(db=db, sql=sql, http=http))
    process = subprocess.Popen(["virtuoso-t", "+foreground", "+configfile", str(db / "virtuoso.ini")],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=db)
    try:
        deadline = time.monotonic() + 90
        while not _answers("127.0.0.1", http):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.skip("Virtuoso did not start: " + (db / "virtuoso.log").read_text(errors="replace")[-300:])
            time.sleep(0.2)
        granted = subprocess.run(["isql-vt", f"127.0.0.1:{sql}", "dba", "dba",
                                  'exec=grant SPARQL_UPDATE to "SPARQL"; '
                                  "DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);"],
                                 capture_output=True, text=True, timeout=60)
        assert granted.returncode == 0, granted.stdout + granted.stderr
        yield f"http://127.0.0.1:{http}/sparql", f"http://127.0.0.1:{http}/sparql-graph-crud"
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


#: What Virtuoso 7.2 cannot do that the competency questions ask for: date ± duration arithmetic.
VIRTUOSO_FAILS = {"07-actors-around-both-calls": "No column P1DD", "08-week-before-call": "No column P7DD",
                  "09-statements-after-calls": "No column P1DD"}


def test_push_to_virtuoso_answers_as_the_local_query(virtuoso, exports):
    """Same answers, except where Virtuoso 7.2 differs: it writes xsd:duration values as seconds,
    picks another MIN() of the evidence sentences in 03 and 04 (an event stated by several
    sentences), and cannot add a duration to a date."""
    endpoint, graph_store = virtuoso
    first = push(exports / "graph.ttl", endpoint, graph_store)
    second = push(exports / "graph.ttl", endpoint, graph_store)
    assert second.loaded == first.loaded
    runner = CliRunner()
    for path in QUERIES:
        local = runner.invoke(cli, ["query", path.stem, "--graph", str(exports / "graph.ttl"), "--format", "json"])
        remote = runner.invoke(cli, ["query", path.stem, "--endpoint", endpoint, "--format", "json"])
        if path.stem in VIRTUOSO_FAILS:
            assert remote.exit_code == 6 and VIRTUOSO_FAILS[path.stem] in remote.output
            continue
        assert remote.exit_code == 0, remote.output
        local_rows, remote_rows = json.loads(local.output), json.loads(remote.output)
        for row in local_rows:
            for column in ("duration", "value1", "value2"):
                if column in row:
                    row[column] = f"{_seconds(row[column]):.1f}"
        if path.stem in ("03-putin-agreed-refused", "04-russian-demands"):
            for row in local_rows + remote_rows:
                row.pop("evidence")
        assert normal(remote_rows) == normal(local_rows), path.stem


def _seconds(duration: str) -> float:
    """Seconds of a day-time xsd:duration such as PT1H30M."""
    import re

    match = re.fullmatch(r"P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?)?", duration)
    days, hours, minutes, seconds = (float(g or 0) for g in match.groups())
    return ((days * 24 + hours) * 60 + minutes) * 60 + seconds
