"""The competency questions (``ontology/queries/*.rq``) as named queries with parameters.

A query file starts with ``# Question: …``; each parameter is declared as
``# Param: name = "default"`` and used as ``VALUES ?name { "default" }`` (or
``BIND ("default" AS ?name)``). :func:`bind_params` replaces that default
with the value given, made into an RDF term of the same kind as the default
(a plain literal for a string, an IRI for an IRI, a typed literal for a typed
one) and written out by Oxigraph's own term serializer, so a value is always
one escaped term and never SPARQL text. Unknown parameters are refused.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from graph import settings
from graph.errors import QueryError

QUERIES_DIR = "queries"
XSD = "http://www.w3.org/2001/XMLSchema#"

_QUESTION = re.compile(r"^#\s*Question:\s*(.+?)\s*$", re.M)
_PARAM = re.compile(r"^#\s*Param:\s*(\w+)\s*=\s*(.+?)\s*$", re.M)
_STRING = r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
_TERM = re.compile(rf"(?P<string>{_STRING})(?:@(?P<lang>[A-Za-z]+(?:-[A-Za-z0-9]+)*)|\^\^(?P<dt><[^<>\s]*>|\w*:\w+))?"
                   r"|(?P<iri><[^<>\"{}|^`\\\x00-\x20]*>)"
                   r"|(?P<number>[+-]?\d+(?:\.\d+)?)"
                   r"|(?P<boolean>true|false)")
_ESCAPES = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
_NAME = re.compile(r"[\w.-]+")


@dataclass(frozen=True)
class Param:
    """A declared parameter: its name, its default term as written and as a value."""

    name: str
    written: str
    default: str
    datatype: str | None = None
    language: str | None = None
    is_iri: bool = False


@dataclass(frozen=True)
class NamedQuery:
    """One competency question."""

    name: str
    path: Path
    question: str
    params: tuple[Param, ...]

    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")


def queries_dir(ontology: Path | None = None) -> Path:
    return Path(ontology or settings.ontology_dir()) / QUERIES_DIR


def list_queries(ontology: Path | None = None) -> list[NamedQuery]:
    """Every ``*.rq`` of the queries folder, in file-name order."""
    queries = []
    for path in sorted(queries_dir(ontology).glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        question = _QUESTION.search(text)
        queries.append(NamedQuery(path.stem, path, question.group(1) if question else "",
                                  tuple(parse_params(text, source=path))))
    return queries


def find_query(name: str, ontology: Path | None = None) -> NamedQuery | None:
    """The query named ``name``: its file stem (``01-phone-calls``), the stem without its
    number (``phone-calls``) or the number alone (``01``, ``1``, ``02b``)."""
    queries = list_queries(ontology)
    for match in (lambda q: q.name == name,
                  lambda q: q.name.split("-", 1)[-1] == name,
                  lambda q: q.name.split("-", 1)[0] == name,
                  lambda q: name.isdigit() and q.name.split("-", 1)[0].isdigit()
                  and int(q.name.split("-", 1)[0]) == int(name)):
        found = [q for q in queries if match(q)]
        if len(found) == 1:
            return found[0]
    return None


def looks_like_a_name(argument: str) -> bool:
    """A bare word (no spaces, braces, …) is a query name, never SPARQL."""
    return bool(_NAME.fullmatch(argument))


def _unquote(string: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(0)), string[1:-1])


def parse_params(text: str, *, source: Path | str = "the query") -> list[Param]:
    """The ``# Param: name = default`` declarations of a query."""
    from graph.rdf.namespaces import PREFIXES

    params = []
    for name, written in _PARAM.findall(text):
        term = _TERM.fullmatch(written)
        if term is None:
            raise QueryError(f"parameter {name}: cannot read its default {written}", path=source,
                             hint='write it as a SPARQL term, e.g. # Param: actor = "Putin"')
        if term.group("string"):
            datatype = term.group("dt")
            if datatype and datatype.startswith("<"):
                datatype = datatype[1:-1]
            elif datatype:
                prefix, local = datatype.split(":", 1)
                if prefix not in PREFIXES:
                    raise QueryError(f"parameter {name}: unknown prefix {prefix}:", path=source)
                datatype = str(PREFIXES[prefix]) + local
            params.append(Param(name, written, _unquote(term.group("string")), datatype, term.group("lang")))
        elif term.group("iri"):
            params.append(Param(name, written, written[1:-1], is_iri=True))
        elif term.group("number"):
            params.append(Param(name, written, written, XSD + ("decimal" if "." in written else "integer")))
        else:
            params.append(Param(name, written, written, XSD + "boolean"))
    return params


def _occurrences(text: str, param: Param) -> re.Pattern:
    term = re.escape(param.written)
    var = rf"[?$]{re.escape(param.name)}\b"
    return re.compile(rf"(?P<head>\bVALUES\s+{var}\s*\{{\s*){term}(?P<tail>\s*\}})"
                      rf"|(?P<bhead>\bBIND\s*\(\s*){term}(?P<btail>\s+AS\s+{var}\s*\))", re.I)


def _check_shape(param: Param, value: str) -> None:
    """A value must look like its default when that is a date, a month, a year or a number."""
    shapes = ((r"\d{4}-\d{2}-\d{2}", "a date like 2025-03-17", lambda v: dt.date.fromisoformat(v)),
              (r"\d{4}-\d{2}", "a month like 2025-03", lambda v: dt.date.fromisoformat(v + "-01")),
              (r"[+-]?\d+", "an integer", int),
              (r"[+-]?\d+\.\d+", "a decimal number", float))
    for pattern, what, parse in shapes:
        if re.fullmatch(pattern, param.default):
            try:
                if not re.fullmatch(pattern, value):
                    raise ValueError(value)
                parse(value)
            except ValueError:
                raise QueryError(f"parameter {param.name}: {value!r} is not {what}",
                                 hint=f"its default is {param.written}") from None
            return


def _term(param: Param, value: str):
    import pyoxigraph

    if param.is_iri:
        try:
            return pyoxigraph.NamedNode(value)
        except ValueError as exc:
            raise QueryError(f"parameter {param.name}: {value!r} is not an IRI: {exc}") from None
    _check_shape(param, value)
    if param.language:
        return pyoxigraph.Literal(value, language=param.language)
    if param.datatype:
        return pyoxigraph.Literal(value, datatype=pyoxigraph.NamedNode(param.datatype))
    return pyoxigraph.Literal(value)


def bind_params(text: str, values: dict[str, str], *, source: str = "this query") -> str:
    """The query with each parameter's default replaced by the value given for it."""
    declared = {p.name: p for p in parse_params(text, source=source)}
    unknown = sorted(set(values) - set(declared))
    if unknown:
        hint = (f"its parameters: {', '.join(declared)}" if declared else
                'it takes none; a query declares them as # Param: name = "default"')
        raise QueryError(f"unknown parameter{'s' if len(unknown) > 1 else ''} for {source}: "
                         f"{', '.join(unknown)}", hint=hint)
    for name, value in values.items():
        param = declared[name]
        written = str(_term(param, value))
        pattern = _occurrences(text, param)

        def replace(match: re.Match, written: str = written) -> str:
            if match.group("head") is not None:
                return match.group("head") + written + match.group("tail")
            return match.group("bhead") + written + match.group("btail")

        text, count = pattern.subn(replace, text)
        if count == 0:
            raise QueryError(f"parameter {name} is declared but {source} has no "
                             f"VALUES ?{name} {{ {param.written} }} or BIND ({param.written} AS ?{name})",
                             hint="fix the query file")
    return text
