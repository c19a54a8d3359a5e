"""`timeline-kg serve`: the real command, its Oxigraph server and its guard, over HTTP on loopback."""

from __future__ import annotations

import json
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyoxigraph
import pytest

from graph.sparql.query import query_exports

REPO = Path(__file__).resolve().parent.parent
TIMEOUT_S = 1.5
MAX_RESULT_MB = 0.2
JSON = "application/sparql-results+json"

pytestmark = pytest.mark.slow


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


class Served:
    """A running `timeline-kg serve` subprocess."""

    def __init__(self, graph_file: Path, *extra: str):
        self._lines: queue.Queue | None = None
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "graph", "serve", "--port", "0", "--graph", str(graph_file),
             "--timeout", str(TIMEOUT_S), "--max-result-mb", str(MAX_RESULT_MB), *extra],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=REPO)
        self.first = self._line(60)
        self.second = self._line(5)
        assert self.first.startswith("SPARQL endpoint (read-only): http://127.0.0.1:"), self.first + self._err()
        self.url = self.first.split(": ", 1)[1].strip()
        self.base = self.url.rsplit("/", 1)[0]
        self.oxigraph = _children(self.process.pid)

    def _line(self, timeout: float) -> str:
        """The next line of its output, or "" after ``timeout`` seconds."""
        if self._lines is None:
            self._lines = queue.Queue()

            def read() -> None:
                for line in self.process.stdout:
                    self._lines.put(line)
                self._lines.put("")

            threading.Thread(target=read, daemon=True).start()
        try:
            return self._lines.get(timeout=timeout)
        except queue.Empty:
            return ""

    def _err(self) -> str:
        if self.process.poll() is not None:
            return self.process.stderr.read()
        return ""

    def stop(self, signum=signal.SIGINT) -> tuple[int, str]:
        """Send ``signum``; its exit status and what it printed after the first two lines."""
        self.process.send_signal(signum)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise
        rest = []
        while line := self._line(5):
            rest.append(line)
        return self.process.returncode, "".join(rest)


@pytest.fixture(scope="module")
def served(seed_build):
    out, _ = seed_build
    server = Served(out / "graph.ttl")
    yield server
    if server.process.poll() is None:
        server.stop()


def ask(url: str, *, data: bytes | None = None, content_type: str | None = None, accept: str = JSON,
        method: str | None = None) -> tuple[int, str, bytes]:
    headers = {"Accept": accept}
    if content_type:
        headers["Content-Type"] = content_type
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get_content_type(), exc.read()


def form(sparql: str, **extra: str) -> bytes:
    return urllib.parse.urlencode({"query": sparql, **extra}).encode()


def solutions(body: bytes) -> list[dict[str, str]]:
    parsed = pyoxigraph.parse_query_results(body, format=pyoxigraph.QueryResultsFormat.JSON)
    names = [v.value for v in parsed.variables]
    return [{n: (str(s[n]) if s[n] is not None else None) for n in names} for s in parsed]


def local(graph_file: Path, sparql: str) -> list[dict[str, str]]:
    from graph.sparql.store import open_store

    with open_store(graph_file) as store:
        parsed = store.store.query(sparql)
        names = [v.value for v in parsed.variables]
        return [{n: (str(s[n]) if s[n] is not None else None) for n in names} for s in parsed]


def _sorted(rows):
    return sorted(rows, key=lambda r: json.dumps(r, sort_keys=True))


# --- answers --------------------------------------------------------------------------------------


def test_prints_its_url_on_loopback_and_runs_oxigraph(served):
    assert served.url.startswith("http://127.0.0.1:") and served.url.endswith("/query")
    assert "triples; limits: 1.5 s and 0.2 MB per query; Ctrl-C stops it." in served.second
    assert len(served.oxigraph) == 1
    assert Path(f"/proc/{served.oxigraph[0]}/cmdline").read_bytes().split(b"\0")[1] == b"serve-read-only"


@pytest.mark.parametrize("path", sorted((REPO / "ontology" / "queries").glob("*.rq")), ids=lambda p: p.stem)
def test_competency_questions_answer_as_the_local_store(served, seed_build, path):
    out, _ = seed_build
    sparql = path.read_text(encoding="utf-8")
    status, kind, body = ask(served.url, data=form(sparql), content_type="application/x-www-form-urlencoded")
    assert (status, kind) == (200, JSON), body
    assert _sorted(solutions(body)) == _sorted(local(out / "graph.ttl", sparql))


def test_get_post_form_and_post_query_agree(served):
    sparql = "SELECT ?e WHERE { ?e a tl:PhoneCall } ORDER BY ?e"
    by_get = ask(served.url + "?" + urllib.parse.urlencode({"query": sparql}))
    by_form = ask(served.url, data=form(sparql), content_type="application/x-www-form-urlencoded")
    by_body = ask(served.url, data=sparql.encode(), content_type="application/sparql-query")
    assert by_get[0] == by_form[0] == by_body[0] == 200
    assert solutions(by_get[2]) == solutions(by_form[2]) == solutions(by_body[2])
    assert len(solutions(by_get[2])) >= 2


def test_the_contract_prefixes_are_predefined(served, seed_build):
    out, _ = seed_build
    status, _kind, body = ask(served.url, data=form("SELECT ?id WHERE { ?a a schema:NewsArticle ; "
                                                    "schema:identifier ?id } ORDER BY ?id"),
                              content_type="application/x-www-form-urlencoded")
    assert status == 200
    assert [r["id"] for r in solutions(body)] == [f'"{p.stem}"' for p in sorted((out / "articles").glob("*.ttl"))]


@pytest.mark.parametrize("accept,fmt", [("text/tab-separated-values", "TSV"),
                                        ("application/sparql-results+xml", "XML")])
def test_result_formats_by_accept(served, accept, fmt):
    query = urllib.parse.urlencode({"query": "SELECT ?e WHERE { ?e a tl:PhoneCall }"})
    status, kind, body = ask(f"{served.url}?{query}", accept=accept)
    assert status == 200 and kind == accept
    parsed = pyoxigraph.parse_query_results(body, format=getattr(pyoxigraph.QueryResultsFormat, fmt))
    assert len(list(parsed)) >= 2


def test_construct_gives_turtle(served):
    status, kind, body = ask(served.url, data=form("CONSTRUCT WHERE { ?e a tl:PhoneCall }"),
                             content_type="application/x-www-form-urlencoded", accept="text/turtle")
    assert (status, kind) == (200, "text/turtle")
    assert len(list(pyoxigraph.parse(body, format=pyoxigraph.RdfFormat.TURTLE))) >= 2


def test_ten_clients_at_once(served):
    sparql = form("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")

    def one(_):
        return ask(served.url, data=sparql, content_type="application/x-www-form-urlencoded")

    with ThreadPoolExecutor(10) as pool:
        answers = list(pool.map(one, range(40)))
    assert {a[0] for a in answers} == {200}
    assert len({a[2] for a in answers}) == 1


# --- refusals and limits ----------------------------------------------------------------------------


def test_a_malformed_query_is_400_with_the_parser_message(served):
    status, kind, body = ask(served.url, data=form("SELEC nonsense"), content_type="application/x-www-form-urlencoded")
    assert (status, kind) == (400, "text/plain")
    assert body.decode().startswith("error at 1:")


@pytest.mark.parametrize("how", ["update-endpoint", "update-param", "update-as-query", "sparql-update-body",
                                 "graph-store-put", "graph-store-delete"])
def test_updates_are_refused_and_change_nothing(served, how):
    count = form("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    before = ask(served.url, data=count, content_type="application/x-www-form-urlencoded")[2]
    insert = "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }"
    urlencoded = "application/x-www-form-urlencoded"
    as_update = urllib.parse.urlencode({"update": insert}).encode()
    requests = {
        "update-endpoint": (served.base + "/update", as_update, urlencoded, None),
        "update-param": (served.url, as_update, urlencoded, None),
        "update-as-query": (served.url, form(insert), urlencoded, None),
        "sparql-update-body": (served.url, insert.encode(), "application/sparql-update", None),
        "graph-store-put": (served.base + "/store?default", b"<http://e/a> <http://e/b> <http://e/c> .",
                            "text/turtle", "PUT"),
        "graph-store-delete": (served.base + "/store?default", None, None, "DELETE"),
    }
    url, data, content_type, method = requests[how]
    status, _kind, body = ask(url, data=data, content_type=content_type, method=method)
    assert status == 403
    assert "read-only" in body.decode()
    assert ask(served.url, data=count, content_type=urlencoded)[2] == before


def test_service_is_refused_and_never_called(served, listener):
    url, hits = listener
    for sparql in (f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
                   f"SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}"):
        status, _kind, body = ask(served.url, data=form(sparql), content_type="application/x-www-form-urlencoded")
        assert status == 403 and body.decode().startswith("SERVICE is refused")
    time.sleep(0.2)
    assert hits == []


def test_a_remote_from_fetches_nothing(served, listener):
    url, hits = listener
    status, _kind, body = ask(served.url, data=form(f"SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }}"),
                              content_type="application/x-www-form-urlencoded")
    assert status == 200 and solutions(body) == []
    assert hits == []


def test_an_answer_over_the_size_limit_is_413(served):
    status, kind, body = ask(served.url, data=form("SELECT * WHERE { ?s ?p ?o }"),
                             content_type="application/x-www-form-urlencoded")
    assert (status, kind) == (413, "text/plain")
    assert body.decode().startswith("the answer is larger than the limit of 200,000 bytes")


def test_a_query_over_the_time_limit_is_503(served):
    began = time.monotonic()
    status, kind, body = ask(served.url, data=form("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"),
                             content_type="application/x-www-form-urlencoded")
    took = time.monotonic() - began
    assert (status, kind) == (503, "text/plain")
    assert body.decode().startswith("the query ran longer than the time limit of 1.5 s")
    assert TIMEOUT_S <= took < TIMEOUT_S + 2
    assert ask(served.url, data=form("ASK {}"), content_type="application/x-www-form-urlencoded")[0] == 200


def test_unknown_paths_are_404(served):
    assert ask(served.base + "/nothing")[0] == 404


# --- starting and stopping -----------------------------------------------------------------------------


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_stops_both_processes_cleanly(seed_build, signum):
    out, _ = seed_build
    server = Served(out / "graph.ttl")
    assert ask(server.url, data=form("ASK {}"), content_type="application/x-www-form-urlencoded")[0] == 200
    (oxigraph,) = server.oxigraph
    code, rest = server.stop(signum)
    assert code == 0 and rest.strip() == "Stopped."
    assert not _alive(oxigraph)
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", int(server.url.rsplit(":", 1)[1].split("/")[0])), timeout=1).close()


def test_a_port_in_use_is_one_error_line(seed_build):
    out, _ = seed_build
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "graph", "serve", "--port", str(port),
                                 "--graph", str(out / "graph.ttl")],
                                capture_output=True, text=True, timeout=60, cwd=REPO,
                                env={**os.environ, "PYTHONPATH": str(REPO)})
    assert result.returncode == 6
    assert result.stderr.splitlines() == [f"Error: cannot listen on 127.0.0.1:{port}: Address already in use",
                                          "Hint: pass another --port (0 picks a free one)"]


def test_a_missing_graph_is_one_error_line(tmp_path):
    result = subprocess.run([sys.executable, "-m", "graph", "serve", "--port", "0", "--graph",
                             str(tmp_path / "graph.ttl")], capture_output=True, text=True, timeout=60, cwd=REPO,
                            env={**os.environ, "PYTHONPATH": str(REPO)})
    assert result.returncode == 6
    assert result.stderr == (f"Error: {tmp_path / 'graph.ttl'}: graph file does not exist\n"
                             "Hint: run 'timeline-kg build' first\n")


def test_local_query_and_endpoint_share_the_store(served, seed_build):
    out, _ = seed_build
    assert (out / ".store" / "manifest.json").is_file()
    manifest = json.loads((out / ".store" / "manifest.json").read_text())
    assert Path(f"/proc/{served.oxigraph[0]}/cmdline").read_bytes().split(b"\0")[3].decode().endswith(manifest["db"])
    assert query_exports(out / "graph.ttl", "ASK { ?e a tl:PhoneCall }") == "true"


def test_one_client_connection_survives_a_refusal_and_a_timeout(served):
    import http.client

    parts = urllib.parse.urlsplit(served.url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    statuses = []
    for sparql in ("ASK { ?e a tl:PhoneCall }", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
                   "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", "ASK { ?e a tl:PhoneCall }",
                   "ASK { ?e a tl:Meeting }"):
        connection.request("POST", parts.path, body=form(sparql),
                           headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": JSON})
        response = connection.getresponse()
        response.read()
        statuses.append(response.status)
    connection.close()
    assert statuses == [200, 403, 503, 200, 200]
