"""SPARQL over the exported graph (plus the ontology), with result formatting."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.query import Result

from graph import settings
from graph.errors import QueryError
from graph.rdf.namespaces import PREFIXES

FORMATS = ("table", "csv", "json")
ONTOLOGY_FILE = "timeline.ttl"


def load_graph(path: Path, ontology: Path | None = None) -> Graph:
    """The merged graph from ``path`` with the ontology added when it exists."""
    path = Path(path)
    if not path.is_file():
        raise QueryError("graph file does not exist", path=path, hint="run 'timeline-kg build' first")
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
        onto = (ontology or settings.ontology_dir()) / ONTOLOGY_FILE
        if onto.is_file():
            graph.parse(onto, format="turtle")
    except Exception as exc:  # rdflib raises many parser exception types
        raise QueryError(f"cannot parse: {exc}", path=path) from exc
    return graph


def read_query(text_or_path: str) -> str:
    """SPARQL text, or the content of a ``.rq`` file named by the argument."""
    if text_or_path.endswith(".rq") or (len(text_or_path) < 256 and Path(text_or_path).is_file()):
        path = Path(text_or_path)
        if not path.is_file():
            raise QueryError("query file does not exist", path=path)
        return path.read_text(encoding="utf-8")
    return text_or_path


def run_query(graph: Graph, sparql: str) -> Result:
    try:
        return graph.query(sparql, initNs=dict(PREFIXES))
    except Exception as exc:  # pyparsing and rdflib errors alike
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise QueryError(f"query failed: {message}") from exc


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, URIRef):
        text = str(value)
        for prefix, namespace in PREFIXES.items():
            if text.startswith(str(namespace)):
                return f"{prefix}:{text[len(str(namespace)):]}"
        return f"<{text}>"
    if isinstance(value, Literal):
        return str(value)
    return str(value)


def format_result(result: Result, fmt: str = "table") -> str:
    """A SELECT/ASK/CONSTRUCT result as text."""
    if result.type == "ASK":
        return "true" if result.askAnswer else "false"
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return result.graph.serialize(format="turtle")
    names = [str(v) for v in result.vars]
    rows = [[_cell(row[i]) for i in range(len(names))] for row in result]
    if fmt == "json":
        return json.dumps([dict(zip(names, row)) for row in rows], indent=2, ensure_ascii=False)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(names)
        writer.writerows(rows)
        return out.getvalue().rstrip("\n")
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in rows]
    return "\n".join(lines)
