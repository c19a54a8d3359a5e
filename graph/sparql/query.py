"""SPARQL over the exports: which query to run, running it on the store, formatting the answer.

``timeline-kg query`` is :func:`query_exports`: it resolves the argument
(SPARQL text, a ``.rq`` file or the name of a competency question, see
:mod:`graph.sparql.named_queries`), binds ``--param`` values, refuses updates and
SERVICE (:mod:`graph.sparql.query_guard`), runs the query on the on-disk Oxigraph
store of the exports (:mod:`graph.sparql.store`) with the contract's prefixes
predefined, and formats the answer:

``table``  aligned columns, IRIs shortened with the contract's prefixes (the default)
``csv``    the same cells as CSV; ``json``: a list of objects, one per row
``tsv``    SPARQL 1.1 TSV results; ``xml``: SPARQL 1.1 XML results (Oxigraph's serializers)

ASK prints ``true`` or ``false`` (as SPARQL XML with ``xml``); CONSTRUCT and
DESCRIBE print Turtle whatever the format.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from graph.errors import QueryError

FORMATS = ("table", "csv", "tsv", "json", "xml")


def contract_prefixes() -> dict[str, str]:
    """The contract's prefixes (docs/contract.md) as prefix → namespace IRI."""
    from graph.rdf.namespaces import PREFIXES

    return {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}


_DECLARED = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?\s*:", re.I)


def declare_prefixes(sparql: str, prefixes: dict[str, str] | None = None) -> str:
    """The query with a PREFIX line for each contract prefix it uses but does not declare.

    For stores that do not know the contract's prefixes (a remote endpoint, the
    Oxigraph server). The declarations go on the query's first line, so the
    line numbers of a parser's messages stay right.
    """
    declared = set(_DECLARED.findall(sparql))
    missing = [(p, ns) for p, ns in (prefixes or contract_prefixes()).items()
               if p not in declared and re.search(rf"(?<![\w.\-:?$]){re.escape(p)}:", sparql)]
    if not missing:
        return sparql
    return "".join(f"PREFIX {p}: <{ns}> " for p, ns in missing) + sparql


def read_query(argument: str, params: dict[str, str] | None = None, *, ontology: Path | None = None) -> str:
    """The SPARQL text meant by ``argument``, with ``params`` bound.

    ``argument`` is a ``.rq`` file, the name of a competency question
    (``01-phone-calls``, ``phone-calls`` or ``01``), or SPARQL text.
    """
    from graph.sparql.named_queries import bind_params, find_query, looks_like_a_name

    path = Path(argument)
    if argument.endswith(".rq") or (len(argument) < 256 and "\n" not in argument and path.is_file()):
        if not path.is_file():
            raise QueryError("query file does not exist", path=path)
        text, source = path.read_text(encoding="utf-8"), str(path)
    elif looks_like_a_name(argument):
        named = find_query(argument, ontology)
        if named is None:
            raise QueryError(f"no query named {argument!r}",
                             hint="'timeline-kg query --list' shows the named queries")
        text, source = named.text(), named.name
    else:
        text, source = argument, "this query"
    return bind_params(text, params or {}, source=source) if params else text


def run_query(store, sparql: str):
    """Run a query on a :class:`pyoxigraph.Store`: solutions, a boolean or triples.

    The contract's prefixes are predefined; updates and SERVICE are refused.
    """
    from graph.sparql.query_guard import check_query

    check_query(sparql)
    try:
        return store.query(sparql, prefixes=contract_prefixes())
    except SyntaxError as exc:
        raise QueryError(f"query failed: {_first_line(exc)}") from exc
    except (OSError, RuntimeError, ValueError) as exc:
        raise QueryError(f"query failed: {_first_line(exc)}") from exc


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def query_exports(graph_file: Path, argument: str, *, fmt: str = "table", params: dict[str, str] | None = None,
                  ontology: Path | None = None) -> str:
    """What ``timeline-kg query`` prints: the answer of one query over the exports."""
    from graph.sparql.store import open_store

    sparql = read_query(argument, params, ontology=ontology)
    with open_store(graph_file, ontology=ontology) as local:
        return format_result(run_query(local.store, sparql), fmt)


def query_endpoint(endpoint: str, argument: str, *, fmt: str = "table", params: dict[str, str] | None = None,
                   ontology: Path | None = None) -> str:
    """``timeline-kg query --endpoint URL``: the same query asked of a store ``push`` loaded.

    The dataset is the merged graph plus the ontology (``default-graph-uri``),
    as locally; the contract's prefixes are declared in the query text.
    """
    from graph.sparql.push import DEFAULT_GRAPHS
    from graph.sparql.remote import sparql_query

    sparql = declare_prefixes(read_query(argument, params, ontology=ontology))
    return format_result(sparql_query(endpoint, sparql, default_graphs=DEFAULT_GRAPHS), fmt)


# --- formatting --------------------------------------------------------------------------------------


def _shortener():
    namespaces = list(contract_prefixes().items())

    def cell(term) -> str:
        import pyoxigraph

        if term is None:
            return ""
        if isinstance(term, pyoxigraph.NamedNode):
            text = term.value
            for prefix, namespace in namespaces:
                if text.startswith(namespace):
                    return f"{prefix}:{text[len(namespace):]}"
            return f"<{text}>"
        if isinstance(term, (pyoxigraph.Literal, pyoxigraph.BlankNode)):
            return term.value
        return str(term)

    return cell


def format_table(names: list[str], rows: list[list[str]]) -> str:
    """Aligned columns under a header and a rule of dashes."""
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in rows]
    return "\n".join(lines)


def format_result(result, fmt: str = "table") -> str:
    """A query answer (pyoxigraph solutions, boolean or triples) as text in ``fmt``."""
    import pyoxigraph

    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}", hint=f"use one of {', '.join(FORMATS)}")
    if isinstance(result, pyoxigraph.QueryBoolean):
        if fmt == "xml":
            return result.serialize(format=pyoxigraph.QueryResultsFormat.XML).decode("utf-8")
        return "true" if bool(result) else "false"
    if not isinstance(result, pyoxigraph.QuerySolutions):  # CONSTRUCT / DESCRIBE: triples
        triples = [t if isinstance(t, pyoxigraph.Triple) else pyoxigraph.Triple(t.subject, t.predicate, t.object)
                   for t in result]
        # tlid: things are written as full IRIs, as in the exports (their local names hold slashes)
        prefixes = {p: ns for p, ns in contract_prefixes().items() if p != "tlid"}
        return pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.TURTLE,
                                    prefixes=prefixes).decode("utf-8").rstrip("\n")
    if fmt in ("tsv", "xml"):
        chosen = pyoxigraph.QueryResultsFormat.TSV if fmt == "tsv" else pyoxigraph.QueryResultsFormat.XML
        return _serialize(result, chosen).rstrip("\n")
    names = [v.value for v in result.variables]
    cell = _shortener()
    try:
        rows = [[cell(solution[i]) for i in range(len(names))] for solution in result]
    except (OSError, RuntimeError) as exc:  # evaluation is lazy: errors may come while iterating
        raise QueryError(f"query failed: {_first_line(exc)}") from exc
    if fmt == "json":
        return json.dumps([dict(zip(names, row)) for row in rows], indent=2, ensure_ascii=False)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(names)
        writer.writerows(rows)
        return out.getvalue().rstrip("\n")
    return format_table(names, rows)


def _serialize(result, chosen) -> str:
    try:
        return result.serialize(format=chosen).decode("utf-8")
    except (OSError, RuntimeError) as exc:
        raise QueryError(f"query failed: {_first_line(exc)}") from exc


def list_named_queries(ontology: Path | None = None) -> str:
    """``timeline-kg query --list``: each competency question, its parameters and its question."""
    from graph.sparql.named_queries import list_queries

    rows = [[q.name, " ".join(f"{p.name}={p.written}" for p in q.params), q.question]
            for q in list_queries(ontology)]
    if not rows:
        raise QueryError("no named queries", hint="they are the ontology/queries/*.rq files")
    return format_table(["name", "parameters", "question"], rows)
