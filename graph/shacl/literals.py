"""Literal values as SHACL sees them: well-formed lexical forms, ordering, text and datatype."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from graph.rdf.triples import RDF_LANG_STRING, XSD_NS, XSD_STRING, Blank, Lit, Term

_TZ = r"(?:Z|[+-](?:(?:0\d|1[0-3]):[0-5]\d|14:00))?"
_LEXICAL = {
    "integer": r"[+-]?\d+", "nonNegativeInteger": r"\+?\d+|-0+", "positiveInteger": r"\+?0*[1-9]\d*",
    "int": r"[+-]?\d+", "long": r"[+-]?\d+", "decimal": r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)",
    "double": r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|[+-]?INF|NaN",
    "float": r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|[+-]?INF|NaN",
    "boolean": r"true|false|1|0", "date": rf"-?\d{{4,}}-\d\d-\d\d{_TZ}",
    "dateTime": rf"-?\d{{4,}}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?{_TZ}",
    "gYear": rf"-?\d{{4,}}{_TZ}", "gYearMonth": rf"-?\d{{4,}}-(?:0[1-9]|1[0-2]){_TZ}",
    "duration": r"-?P(?=\d|T\d)(?:\d+Y)?(?:\d+M)?(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?",
}
LEXICAL = {XSD_NS + name: re.compile(pattern) for name, pattern in _LEXICAL.items()}
NUMERIC = {XSD_NS + name for name in ("integer", "nonNegativeInteger", "positiveInteger", "int", "long",
                                      "decimal", "double", "float", "short", "byte", "nonPositiveInteger",
                                      "negativeInteger", "unsignedInt", "unsignedLong", "unsignedShort",
                                      "unsignedByte")}
XSD_DATE, XSD_DATETIME = XSD_NS + "date", XSD_NS + "dateTime"


def well_formed(literal: Lit) -> bool:
    """Whether the lexical form is valid for its XSD datatype (other datatypes are taken as valid)."""
    pattern = LEXICAL.get(literal.datatype)
    if pattern is None:
        return True
    if not pattern.fullmatch(literal.lexical):
        return False
    if literal.datatype in (XSD_DATE, XSD_DATETIME):
        try:
            dt.date.fromisoformat(literal.lexical.lstrip("-")[:10])
        except ValueError:
            return False
    return True


def comparable(term: Term):
    """(kind, value) for ordering comparisons, or None when the term has no order."""
    if type(term) is not Lit or not well_formed(term):
        return None
    lexical, datatype, language = term
    if datatype in NUMERIC:
        try:
            return "number", Decimal(lexical.replace("INF", "Infinity"))
        except InvalidOperation:
            return None
    if datatype == XSD_DATE and len(lexical) == 10:
        return "date", dt.date.fromisoformat(lexical)
    if datatype == XSD_DATETIME:
        try:
            return "dateTime", dt.datetime.fromisoformat(lexical.replace("Z", "+00:00"))
        except ValueError:
            return None
    if datatype in ("", XSD_STRING) and not language:
        return "string", lexical
    return None


def less_or_equal(a: Term, b: Term, strict: bool = False) -> bool:
    """``a <= b`` (``a < b`` when strict); False when the two cannot be compared."""
    left, right = comparable(a), comparable(b)
    if left is None or right is None or left[0] != right[0]:
        return False
    try:
        return left[1] < right[1] if strict else left[1] <= right[1]
    except (TypeError, InvalidOperation):  # naive against aware date-times, NaN
        return False


def ordered_pair(a: Term, b: Term, strict: bool) -> bool:
    """``a <= b`` (``a < b`` when strict) as pySHACL decides sh:lessThanOrEquals / sh:lessThan.

    IRIs and string literals compare as text, and a text never with a non-text;
    two numbers by value; other literals of different datatypes by their
    datatype IRIs (rdflib's order), of one datatype by value, else by lexical form.
    """
    if type(a) is Blank or type(b) is Blank:
        return False
    a_text, b_text = _as_text(a), _as_text(b)
    if (a_text is None) != (b_text is None):
        return False
    if a_text is not None:
        return a_text < b_text if strict else a_text <= b_text
    if a.datatype != b.datatype and not (a.datatype in NUMERIC and b.datatype in NUMERIC):
        return a.datatype < b.datatype
    left, right = comparable(a), comparable(b)
    try:
        if left is not None and right is not None and left[0] == right[0]:
            return left[1] < right[1] if strict else left[1] <= right[1]
    except (TypeError, InvalidOperation):
        pass
    return a.lexical < b.lexical if strict else a.lexical <= b.lexical


def _as_text(term: Term) -> str | None:
    if type(term) is str:
        return term
    if term.language or term.datatype in ("", XSD_STRING):
        return term.lexical
    return None


def text_of(term: Term) -> str | None:
    """The string a string-based constraint sees: an IRI or a literal's lexical form; None for a blank node."""
    if type(term) is str:
        return term
    if type(term) is Lit:
        return term.lexical
    return None


def datatype_of(term: Lit) -> str:
    if term.language:
        return RDF_LANG_STRING
    return term.datatype or XSD_STRING
