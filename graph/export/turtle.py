"""Turtle files that are byte-identical for the same graph.

The writer is our own, over plain triples (:mod:`graph.rdf.triples`): it
never builds rdflib terms, and its output depends only on the set of triples.
Subjects are sorted by IRI (blank nodes last, relabelled ``_:b0``, ``_:b1``…
in the order of their labels); ``rdf:type`` (written ``a``) and
``rdfs:label`` come first, then the other predicates by IRI; objects are
sorted (IRIs, blank nodes, then literals by lexical form, datatype and
language). An IRI is written with one of the contract's prefixes
(docs/contract.md) when the rest of it is a plain name (``tl:PhoneCall``),
else in full (``<https://w3id.org/timeline-kg/id/article/…>``); only the
prefixes used are declared, in alphabetical order. Strings are written on
one line, with ``\\``, ``"`` and control characters escaped, so any text
round-trips. The file is written atomically, and streamed: a graph of
millions of triples is never one string in memory.
"""

from __future__ import annotations

import itertools
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, Protocol

from rdflib import Graph

from graph.export.atomic import atomic_writer
from graph.gc_pause import paused_gc
from graph.rdf.namespaces import PREFIXES
from graph.rdf.triples import XSD_INTEGER, Blank, Index, Lit, blank_labels, plain_index, triple_count

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
PREFIX_OF = {str(namespace): prefix for prefix, namespace in PREFIXES.items()}
LOCAL_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
INTEGER = re.compile(r"[+-]?[0-9]+")
LANGUAGE = re.compile(r"[A-Za-z]+(?:-[A-Za-z0-9]+)*")
IRI_UNSAFE = re.compile(r'[\x00-\x20<>"{}|^`\\]')
STRING_ESCAPES = {ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t",
                  ord("\b"): "\\b", ord("\f"): "\\f"}
STRING_ESCAPES.update({c: f"\\u{c:04X}" for c in [*range(0x20), 0x7F] if c not in STRING_ESCAPES})
OBJECTS_SEPARATOR = ",\n        "
PREDICATES_SEPARATOR = " ;\n    "


def _uchar(match: re.Match) -> str:
    return f"\\u{ord(match.group()):04X}"


class _Names:
    """Writes terms, remembering the text of each IRI and which prefixes were used."""

    def __init__(self, blanks: Iterable[str]) -> None:
        self.iris: dict[str, tuple[str, str]] = {RDF_TYPE: ("a", "")}    # IRI → (text, prefix or "")
        self.bare: set[str] = set()     # IRIs written as they are, in <>: a set holds them at less cost
        self.used: set[str] = set()
        self.blanks = {label: f"_:b{n}" for n, label in enumerate(sorted(blanks))}

    def iri(self, iri: str) -> str:
        entry = self.iris.get(iri)
        if entry is None:
            if iri in self.bare:
                return "<" + iri + ">"
            entry = self._iri(iri)
            if not entry[1] and len(entry[0]) == len(iri) + 2:
                self.bare.add(iri)
                return entry[0]
            self.iris[iri] = entry
        if entry[1]:
            self.used.add(entry[1])
        return entry[0]

    @staticmethod
    def _iri(iri: str) -> tuple[str, str]:
        cut = max(iri.rfind("#"), iri.rfind("/")) + 1
        prefix = PREFIX_OF.get(iri[:cut]) if cut else None
        if prefix is not None and LOCAL_NAME.fullmatch(iri, cut):
            return f"{prefix}:{iri[cut:]}", prefix
        return "<" + IRI_UNSAFE.sub(_uchar, iri) + ">", ""

    def term(self, term) -> str:
        kind = type(term)
        if kind is str:
            return self.iri(term)
        if kind is Lit:
            lexical, datatype, language = term
            if datatype == XSD_INTEGER and INTEGER.fullmatch(lexical):
                return lexical
            text = '"' + lexical.translate(STRING_ESCAPES) + '"'
            if language:
                if not LANGUAGE.fullmatch(language):
                    raise ValueError(f"not a language tag: {language!r}")
                return f"{text}@{language}"
            return f"{text}^^{self.iri(datatype)}" if datatype else text
        if kind is Blank:
            return self.blanks[term.label]
        raise TypeError(f"not a plain RDF term: {term!r}")

    def prefixes(self) -> str:
        return "".join(f"@prefix {prefix}: <{PREFIXES[prefix]}> .\n" for prefix in sorted(self.used))


def _object_key(term) -> tuple:
    kind = type(term)
    if kind is str:
        return (0, term, "", "")
    if kind is Blank:
        return (1, term.label, "", "")
    return (2, *term)


def _predicate_key(iri: str) -> tuple[int, str]:
    return (0 if iri == RDF_TYPE else 1 if iri == RDFS_LABEL else 2, iri)


def subject_block(subject, predicates: dict, names: _Names) -> str:
    """The Turtle of one subject and its triples ("" when it has none)."""
    term = names.term
    lines = []
    for predicate in sorted(predicates, key=_predicate_key) if len(predicates) > 1 else predicates:
        objects = predicates[predicate]
        if len(objects) > 1:
            lines.append(names.iri(predicate) + " " + OBJECTS_SEPARATOR.join(map(term, sorted(objects, key=_object_key))))
        elif objects:
            lines.append(names.iri(predicate) + " " + term(objects[0]))
    return term(subject) + " " + PREDICATES_SEPARATOR.join(lines) + " .\n" if lines else ""


def _blocks(index: Index, names: _Names) -> Iterator[str]:
    """The subject blocks of the index, in order (IRIs sorted, then blank nodes by label)."""
    iri_subjects = sorted(s for s in index if type(s) is str)
    blank_subjects = sorted((s for s in index if type(s) is not str), key=lambda b: b.label)
    for subject in iri_subjects + blank_subjects:
        text = subject_block(subject, index[subject], names)
        if text:
            yield text


class BodyWriter(Protocol):
    """Writes the body of a graph without blank nodes from blocks written before
    (:class:`graph.export.turtle_blocks.TurtleBlocks`); the same bytes as :func:`_blocks` joined.
    :meth:`prepare` comes first: True when it has noted in ``names`` every prefix the body uses
    (the file is then written in one pass, the head before the body)."""

    def prepare(self, index: Index, names: _Names) -> bool: ...

    def write_body(self, index: Index, names: _Names, body: BinaryIO) -> None: ...

    def written(self, path: Path, head: int) -> None: ...


def _names_for(index: Index, blanks: set[str] | None = None) -> _Names:
    """The names of a graph's terms; ``blanks``, the labels of its blank nodes, are found in
    ``index`` when not given."""
    if blanks is not None:
        return _Names(blanks)
    blanks = {s.label for s in index if type(s) is Blank}
    blanks.update(o.label for predicates in index.values() for objects in predicates.values() for o in objects
                  if type(o) is Blank)
    return _Names(blanks)


def turtle_text(index: Index, blanks: set[str] | None = None) -> str:
    """The triples of an :data:`~graph.rdf.triples.Index` as Turtle (see the module docstring for the layout);
    ``blanks``: the labels of its blank nodes, when known."""
    names = _names_for(index, blanks)
    body = "\n".join(_blocks(index, names))
    return names.prefixes() + "\n" + body


def to_turtle(graph: Graph) -> bytes:
    """The graph as Turtle (UTF-8)."""
    with paused_gc():
        return turtle_text(plain_index(graph), blank_labels(graph)).encode("utf-8")


#: Subject blocks written at once when streaming a large graph to a file.
BLOCKS_PER_WRITE = 4096


def write_turtle(graph: Graph, path: Path, reuse: BodyWriter | None = None) -> int:
    """Write the graph to ``path`` atomically, the same bytes as :func:`to_turtle`; returns the number
    of triples. The text is streamed, never held whole: the body goes to a temporary file first
    (the prefixes it uses, which come first, are known only at its end), then after the prefixes.
    ``reuse`` (:class:`BodyWriter`) writes the body of a graph without blank nodes instead, from blocks
    an earlier build wrote (straight after the prefixes when it knows them all beforehand), and is
    told where the file is and how long its head of prefixes."""
    with paused_gc():
        index = plain_index(graph)
        names = _names_for(index, blank_labels(graph))
        if reuse is not None and not names.blanks and reuse.prepare(index, names):
            head = (names.prefixes() + "\n").encode("utf-8")
            with atomic_writer(path) as handle:
                handle.write(head)
                reuse.write_body(index, names, handle)
            reuse.written(Path(path), len(head))
            return triple_count(graph)
        with tempfile.TemporaryFile(dir=Path(path).parent) as body:
            if reuse is not None and not names.blanks:
                reuse.write_body(index, names, body)
            else:
                reuse = None
                blocks = _blocks(index, names)
                first = True
                while chunk := list(itertools.islice(blocks, BLOCKS_PER_WRITE)):
                    body.write((("" if first else "\n") + "\n".join(chunk)).encode("utf-8"))
                    first = False
            head = (names.prefixes() + "\n").encode("utf-8")
            body.seek(0)
            with atomic_writer(path) as handle:
                handle.write(head)
                shutil.copyfileobj(body, handle, 1 << 20)
        if reuse is not None:
            reuse.written(Path(path), len(head))
    return triple_count(graph)
