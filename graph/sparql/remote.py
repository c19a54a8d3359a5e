"""A small client for other SPARQL 1.1 stores: the Protocol (queries) and the Graph Store Protocol.

Plain ``urllib``: :func:`sparql_query` sends a query (with the dataset given
as ``default-graph-uri``) and parses the answer with Oxigraph into the same
objects a local query gives, so :func:`graph.sparql.query.format_result` prints both
alike; :func:`put_graph` and :func:`delete_graph` replace or remove one named
graph. Credentials may be given in the URL (``https://user:secret@host/…``)
and are sent as HTTP Basic authentication.
"""

from __future__ import annotations

import base64
import socket
import urllib.error
import urllib.parse
import urllib.request

from graph.errors import QueryError

TIMEOUT_S = 60
_RESULTS = {
    "application/sparql-results+json": "JSON", "application/json": "JSON",
    "application/sparql-results+xml": "XML", "application/xml": "XML",
    "text/tab-separated-values": "TSV",
}
_GRAPHS = {"text/turtle": "TURTLE", "application/n-triples": "N_TRIPLES", "application/rdf+xml": "RDF_XML",
           "application/n-quads": "N_QUADS", "application/trig": "TRIG"}
ACCEPT = ("application/sparql-results+json, application/sparql-results+xml;q=0.9, text/turtle;q=0.9, "
          "application/n-triples;q=0.8")


class EndpointError(QueryError):
    """A remote store cannot be reached or refused a request."""


def _split_credentials(url: str) -> tuple[str, dict[str, str]]:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise EndpointError(f"not an http(s) URL: {url}", hint="e.g. http://127.0.0.1:7878/query")
    if parts.username is None:
        return url, {}
    netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
    token = f"{urllib.parse.unquote(parts.username)}:{urllib.parse.unquote(parts.password or '')}"
    clean = urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
    return clean, {"Authorization": "Basic " + base64.b64encode(token.encode("utf-8")).decode("ascii")}


def request(method: str, url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None,
            timeout: float = TIMEOUT_S) -> tuple[int, str, bytes]:
    """One HTTP request: (status, content type without parameters, body). Errors are EndpointError."""
    clean, auth = _split_credentials(url)
    req = urllib.request.Request(clean, data=data, method=method, headers={**(headers or {}), **auth})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            kind = response.headers.get_content_type()
            return response.status, kind, response.read()
    except urllib.error.HTTPError as exc:
        body = exc.read().decode("utf-8", "replace").strip()
        message = body.splitlines()[0][:300] if body else exc.reason
        raise EndpointError(f"{method} {clean}: HTTP {exc.code}: {message}") from exc
    except (urllib.error.URLError, socket.timeout, ConnectionError) as exc:
        reason = getattr(exc, "reason", exc)
        raise EndpointError(f"cannot reach {clean.split('?')[0]}: {reason}",
                            hint="check the URL and that the store is running") from exc


def _with_params(url: str, params: list[tuple[str, str]]) -> str:
    return url + ("&" if "?" in url else "?") + urllib.parse.urlencode(params)


def sparql_query(endpoint: str, sparql: str, *, default_graphs: tuple[str, ...] = (),
                 named_graphs: tuple[str, ...] = (), timeout: float = TIMEOUT_S):
    """Run a query at a SPARQL 1.1 Protocol endpoint: solutions, a boolean or a list of triples."""
    import pyoxigraph

    form = [("query", sparql)] + [("default-graph-uri", g) for g in default_graphs] \
        + [("named-graph-uri", g) for g in named_graphs]
    _status, kind, body = request(
        "POST", endpoint, data=urllib.parse.urlencode(form).encode("utf-8"), timeout=timeout,
        headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": ACCEPT})
    try:
        if kind in _RESULTS:
            return pyoxigraph.parse_query_results(body, format=getattr(pyoxigraph.QueryResultsFormat, _RESULTS[kind]))
        if kind in _GRAPHS:
            return [pyoxigraph.Triple(q.subject, q.predicate, q.object)
                    for q in pyoxigraph.parse(body, format=getattr(pyoxigraph.RdfFormat, _GRAPHS[kind]))]
    except SyntaxError as exc:
        raise EndpointError(f"{endpoint}: unreadable {kind} answer: {exc}") from exc
    raise EndpointError(f"{endpoint}: unexpected answer of type {kind}",
                        hint="is this the SPARQL query endpoint (e.g. …/query or …/sparql)?")


def graph_url(graph_store: str, graph_iri: str) -> str:
    """The Graph Store Protocol URL of one named graph (indirect identification: ``?graph=``)."""
    return _with_params(graph_store, [("graph", graph_iri)])


def put_graph(graph_store: str, graph_iri: str, data: bytes, *, content_type: str = "text/turtle",
              timeout: float = TIMEOUT_S) -> int:
    """Replace the named graph ``graph_iri`` with ``data`` (HTTP PUT); the status code."""
    status, _kind, _body = request("PUT", graph_url(graph_store, graph_iri), data=data, timeout=timeout,
                                   headers={"Content-Type": content_type})
    return status


def delete_graph(graph_store: str, graph_iri: str, *, timeout: float = TIMEOUT_S) -> bool:
    """Remove the named graph ``graph_iri``; False when the store did not have it."""
    try:
        request("DELETE", graph_url(graph_store, graph_iri), timeout=timeout)
    except EndpointError as exc:
        if "HTTP 404" in exc.message:
            return False
        raise
    return True
