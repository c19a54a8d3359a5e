"""What a query may do here: read the local graph, never write, never reach the network.

Oxigraph (the embedded store and its server) evaluates ``SERVICE`` by
calling the remote endpoint over HTTP, so :func:`check_query` refuses any
query that contains a ``SERVICE`` pattern; updates (``LOAD``, ``INSERT``,
``CLEAR``, …) are refused with a message of their own (the store's query
parser would reject them anyway, less clearly).

The check is sound without a hand-written SPARQL lexer: SPARQL keywords
cannot be escaped, so after expanding the ``\\u`` escapes that SPARQL
allows anywhere in a query, a query whose text does not contain the letters
``service`` (any case) cannot hold a SERVICE pattern: that is the fast
path, taken by every query of this project. Only a query that mentions the
word (in an IRI, a string, a name) is parsed, by rdflib's SPARQL parser,
and refused when the parse holds a SERVICE pattern or fails.
"""

from __future__ import annotations

import re
import threading

from graph.errors import QueryError

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_SERVICE = re.compile("service", re.IGNORECASE)
_UPDATE_KEYWORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")
#: The prologue (BASE/PREFIX declarations) and comments before the query form.
_PROLOGUE = re.compile(
    r"""(?:\s+|\#[^\n]*\n?|(?i:BASE)\s*<[^>]*>|(?i:PREFIX)\s*[^\s:]*:\s*<[^>]*>)*""")
_FIRST_WORD = re.compile(r"[A-Za-z]+")
#: rdflib's parser (pyparsing) is not known to be thread-safe; the endpoint checks queries on many threads.
_PARSER_LOCK = threading.Lock()


def expand_escapes(text: str) -> str:
    """The query with SPARQL's codepoint escapes (``\\u0053``, ``\\U00000053``) expanded."""
    def char(match: re.Match) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else match.group(0)

    return _ESCAPE.sub(char, text)


def first_keyword(text: str) -> str:
    """The first keyword after the prologue, upper-cased (``SELECT``, ``ASK``, ``INSERT``, …)."""
    text = expand_escapes(text)
    prologue = _PROLOGUE.match(text)
    word = _FIRST_WORD.match(text, prologue.end() if prologue else 0)
    return word.group(0).upper() if word else ""


def is_update(text: str) -> bool:
    """True when the text reads as a SPARQL Update (``INSERT DATA``, ``LOAD <…>``, …)."""
    return first_keyword(text) in _UPDATE_KEYWORDS


def has_service(text: str) -> bool:
    """True when the query holds (or may hold) a SERVICE pattern."""
    expanded = expand_escapes(text)
    if not _SERVICE.search(expanded):
        return False
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parser import parseQuery
    from rdflib.plugins.sparql.parserutils import CompValue

    try:
        with _PARSER_LOCK:
            tree = parseQuery(expanded)
    except Exception:  # cannot tell: refuse rather than risk a network call
        return True

    def walk(node) -> bool:
        if isinstance(node, CompValue):
            return node.name == "ServiceGraphPattern" or any(walk(v) for v in node.values())
        if isinstance(node, (list, tuple, ParseResults)):
            return any(walk(v) for v in node)
        if isinstance(node, dict):
            return any(walk(v) for v in node.values())
        return False

    return walk(tree)


def check_query(text: str) -> None:
    """Raise :class:`QueryError` for an update or a query that could reach the network."""
    if is_update(text):
        raise QueryError("updates are refused: the graph is read-only here",
                         hint="rebuild the exports with 'timeline-kg build' to change the graph")
    if has_service(text):
        raise QueryError("SERVICE is refused: queries cannot reach the network",
                         hint="query the other endpoint directly; a query that only mentions the word "
                              "'service' must parse as SPARQL 1.1 to pass this check")
