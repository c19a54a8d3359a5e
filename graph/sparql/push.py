"""``timeline-kg push``: load the exports into any SPARQL 1.1 store.

Through the Graph Store HTTP Protocol, one named graph per file, each
replaced whole with HTTP PUT (so pushing twice leaves the same store):

``articles/<stem>.ttl``  → ``https://w3id.org/timeline-kg/id/article/<stem>`` (the article's IRI)
``graph.ttl``            → ``https://w3id.org/timeline-kg/id/graph/merged``
the ontology             → ``https://w3id.org/timeline-kg/ontology`` (its own IRI)

Article graphs a previous push loaded whose article is no longer in the
exports are deleted (found with a query on the endpoint), so the store ends
up holding exactly the exports. Nothing else in the store is touched. Query
the result with the merged graph (and the ontology) as the default graph:
``FROM <https://w3id.org/timeline-kg/id/graph/merged>``, the Protocol's
``default-graph-uri``, or ``timeline-kg query --endpoint URL``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from graph.errors import QueryError
from graph.sparql.remote import EndpointError, delete_graph, put_graph, sparql_query

ID = "https://w3id.org/timeline-kg/id/"
ARTICLE_GRAPH_PREFIX = ID + "article/"
MERGED_GRAPH = ID + "graph/merged"
ONTOLOGY_GRAPH = "https://w3id.org/timeline-kg/ontology"
#: The dataset a query of the pushed exports runs on (what ``timeline-kg query`` sees locally).
DEFAULT_GRAPHS = (MERGED_GRAPH, ONTOLOGY_GRAPH)

_LIST_ARTICLE_GRAPHS = f"""SELECT DISTINCT ?g WHERE {{
  GRAPH ?g {{ ?s ?p ?o }}
  FILTER (STRSTARTS(STR(?g), "{ARTICLE_GRAPH_PREFIX}"))
}}"""


@dataclass
class PushReport:
    """What a push did: graphs loaded (IRI → triples), stale graphs removed, where, how long."""

    endpoint: str
    graph_store: str
    loaded: dict[str, int] = field(default_factory=dict)
    removed: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        articles = sum(1 for iri in self.loaded if iri.startswith(ARTICLE_GRAPH_PREFIX))
        count = len(self.removed)
        removed = f"; removed {count} stale article graph{'s' if count > 1 else ''}" if count else ""
        return (f"{articles} article graphs + merged graph + ontology, {sum(self.loaded.values())} triples, "
                f"to {self.graph_store} in {self.seconds:.1f} s{removed}")


def graph_store_for(endpoint: str) -> str:
    """The Graph Store endpoint beside a query endpoint, for the usual layouts.

    Oxigraph serves queries at ``/query`` and graphs at ``/store``; Fuseki
    serves a dataset's queries at ``/<dataset>/query`` or ``/<dataset>/sparql``
    and its graphs at ``/<dataset>/data``. Anything else needs ``--graph-store``.
    """
    import urllib.parse

    parts = urllib.parse.urlsplit(endpoint)
    segments = [s for s in parts.path.split("/") if s]
    if segments == ["query"]:
        path = "/store"
    elif len(segments) >= 2 and segments[-1] in ("query", "sparql"):
        path = "/" + "/".join(segments[:-1] + ["data"])
    else:
        raise QueryError(f"cannot tell the Graph Store endpoint of {endpoint}",
                         hint="pass --graph-store URL (Oxigraph: …/store, Fuseki: …/<dataset>/data)")
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def _files(graph_file: Path, ontology: Path | None) -> list[tuple[str, Path]]:
    from graph.sparql.store import source_files

    graph_file = Path(graph_file)
    if not graph_file.is_file():
        raise QueryError("graph file does not exist", path=graph_file, hint="run 'timeline-kg build' first")
    files = [(ARTICLE_GRAPH_PREFIX + path.stem, path)
             for path in sorted((graph_file.parent / "articles").glob("*.ttl"))]
    files.append((MERGED_GRAPH, graph_file))
    sources = source_files(graph_file, ontology)
    if len(sources) > 1:
        files.append((ONTOLOGY_GRAPH, sources[1]))
    return files


def _count(path: Path) -> int:
    """Triples in a Turtle file; parsing it first means a broken file is never half pushed."""
    import pyoxigraph

    try:
        return sum(1 for _ in pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE))
    except SyntaxError as exc:
        raise QueryError(f"cannot parse: {str(exc).splitlines()[0]}", path=path) from exc


def push(graph_file: Path, endpoint: str, graph_store: str | None = None, *, ontology: Path | None = None,
         progress=None) -> PushReport:
    """Load the exports beside ``graph_file`` into the store at ``endpoint`` / ``graph_store``."""
    started = time.perf_counter()
    graph_store = graph_store or graph_store_for(endpoint)
    report = PushReport(endpoint=endpoint, graph_store=graph_store)
    files = _files(graph_file, ontology)
    counts = {iri: _count(path) for iri, path in files}
    for iri, path in files:
        put_graph(graph_store, iri, path.read_bytes())
        report.loaded[iri] = counts[iri]
        if progress:
            progress(iri)
    pushed = {iri for iri, _ in files}
    try:
        present = sparql_query(endpoint, _LIST_ARTICLE_GRAPHS)
        stale = sorted(s["g"].value for s in present if s["g"].value not in pushed)
    except EndpointError as exc:
        raise EndpointError(f"pushed, but cannot list the article graphs to remove stale ones: {exc.message}",
                            hint="check that --endpoint is the SPARQL query endpoint") from exc
    for iri in stale:
        if delete_graph(graph_store, iri):
            report.removed.append(iri)
    report.seconds = time.perf_counter() - started
    return report
