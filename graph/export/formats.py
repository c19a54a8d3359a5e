"""The merged graph in the other standard RDF formats: N-Triples, JSON-LD, TriG.

``timeline-kg build --format FORMAT`` (repeatable) writes, beside the Turtle
(always written, the committed export):

``ntriples`` → ``graph.nt``      the merged graph, one triple a line, the lines sorted (bulk loaders)
``jsonld``   → ``graph.jsonld``  the merged graph as expanded JSON-LD (no ``@context``), one node
                                  object per subject, subjects in IRI order (web tools)
``trig``     → ``graph.trig``    a dataset: one named graph per article (``tlid:article/<stem>``,
                                  exactly the triples of ``articles/<stem>.ttl``) and the merged graph
                                  as ``tlid:graph/merged`` (exactly ``graph.ttl``); no default graph.
                                  These are the names ``timeline-kg push`` loads them under
                                  (:mod:`graph.sparql.push`), without push's ontology graph.
``all``      → all of them

All three are written by pyoxigraph's serializers. The output depends only
on the set of triples (not on how a build made them): the N-Triples lines are
sorted, and JSON-LD and TriG are serialized from triples in that sorted
order, graphs in IRI order, so two builds give byte-identical files. Blank
nodes keep the labels the Turtle writer gave them (``b0``, ``b1``… in
:mod:`graph.export.turtle`); in the TriG, where all graphs share one
document, each graph's are prefixed with its position (``g0_b0``) so that
they stay apart. The functions below are pure (a graph's bytes in, bytes
out) but for :func:`write_formats`, which the build calls on its staging
folder.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from contextlib import nullcontext
from pathlib import Path

import pyoxigraph as ox

from graph.errors import ExportError
from graph.sparql.push import ARTICLE_GRAPH_PREFIX, MERGED_GRAPH
from graph.rdf.namespaces import PREFIXES

TURTLE = "turtle"
#: The formats a build can write, the default first, and the file each one writes.
FILES = {TURTLE: "graph.ttl", "ntriples": "graph.nt", "jsonld": "graph.jsonld", "trig": "graph.trig"}
FORMATS = tuple(FILES)
ALL = "all"
#: The files of the formats besides Turtle (owned by a build: replaced, or removed when not asked for).
EXTRA_FILES = tuple(name for fmt, name in FILES.items() if fmt != TURTLE)

#: Prefixes of the TriG: the contract's, but ``tlid:``, whose IRIs hold ``/`` and would be escaped
#: (``tlid:actor\\/x``); they are written in full, as in the Turtle.
TRIG_PREFIXES = {prefix: str(namespace) for prefix, namespace in sorted(PREFIXES.items()) if prefix != "tlid"}


def parse_formats(values: Iterable[str]) -> tuple[str, ...]:
    """The formats asked for, ``turtle`` first and always, in :data:`FORMATS` order.

    ``all`` stands for every format; names are case-insensitive. An unknown
    name raises :class:`~graph.errors.ExportError` before anything is built.
    """
    asked = {TURTLE}
    for value in values:
        name = value.strip().lower()
        if name == ALL:
            asked.update(FORMATS)
        elif name in FILES:
            asked.add(name)
        else:
            raise ExportError(f"unknown export format {value!r}",
                              hint=f"--format takes one of {', '.join(FORMATS)}, {ALL}; repeat it for several")
    return tuple(fmt for fmt in FORMATS if fmt in asked)


# ------------------------------------------------------------------ pure
#
# The pivot is sorted canonical N-Triples (what :func:`to_ntriples` returns): one triple a line, every
# line ending in " .\n" (a newline inside a literal is written \n), so lines can be sorted as bytes and
# turned into N-Quads by adding the graph's IRI. Everything stays in pyoxigraph or in bytes: no sorting
# of Python term objects.


def to_ntriples(data: bytes, fmt: ox.RdfFormat = ox.RdfFormat.TURTLE) -> bytes:
    """A graph (a document in ``fmt``) as N-Triples, the lines sorted bytewise, no duplicates.

    Blank nodes keep their labels; the N-Triples are canonical, as pyoxigraph writes them.
    """
    quads = ox.parse(data, format=fmt, without_named_graphs=True)
    lines = ox.serialize((quad.triple for quad in quads), format=ox.RdfFormat.N_TRIPLES).splitlines(keepends=True)
    return b"".join(sorted(set(lines)))


def to_jsonld(ntriples: bytes) -> bytes:
    """Sorted N-Triples (:func:`to_ntriples`) as expanded JSON-LD: node objects in subject order, each once."""
    quads = ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)
    data = ox.serialize((quad.triple for quad in quads), format=ox.RdfFormat.JSON_LD)
    return data if data.endswith(b"\n") else data + b"\n"


def _scoped(ntriples: bytes, scope: str) -> bytes:
    """Sorted N-Triples with each blank node label prefixed by ``scope``."""
    def term(t):
        return ox.BlankNode(scope + t.value) if isinstance(t, ox.BlankNode) else t

    triples = (quad.triple for quad in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES))
    renamed = [ox.Triple(term(t.subject), t.predicate, term(t.object)) for t in triples]
    return to_ntriples(ox.serialize(renamed, format=ox.RdfFormat.N_TRIPLES), ox.RdfFormat.N_TRIPLES)


def to_trig(graphs: Mapping[str, bytes]) -> bytes:
    """Named graphs (graph IRI → sorted N-Triples, :func:`to_ntriples`) as TriG.

    Graphs in IRI order, triples in line order, ``@prefix`` lines sorted; no
    default graph. Blank nodes of the graph at position ``n`` are relabelled
    ``g<n>_<label>``: graphs do not share them.
    """
    nquads = []
    for position, name in enumerate(sorted(graphs)):
        ntriples = graphs[name]
        if b"_:" in ntriples:  # a blank node, or a literal holding "_:": relabel (a no-op for the literal)
            ntriples = _scoped(ntriples, f"g{position}_")
        nquads.append(ntriples.replace(b" .\n", b" " + str(ox.NamedNode(name)).encode() + b" .\n"))
    quads = ox.parse(b"".join(nquads), format=ox.RdfFormat.N_QUADS)
    text = ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=TRIG_PREFIXES)
    # the @prefix lines come first, in pyoxigraph's order: put them in name order
    lines = text.splitlines(keepends=True)
    head = 0
    while head < len(lines) and lines[head].startswith(b"@prefix "):
        head += 1
    return b"".join(sorted(lines[:head]) + lines[head:])


# ----------------------------------------------------------------- files


def write_formats(formats: Iterable[str], graph_file: Path, articles_dir: Path,
                  timer: Callable[[str], object] | None = None) -> list[Path]:
    """Write the asked-for formats besides Turtle next to ``graph_file``; returns the files written.

    Reads the merged graph from ``graph_file`` (Turtle) and, for TriG, every
    ``articles_dir/<stem>.ttl``. Each format is timed as stage
    ``export:<format>`` with ``timer``; turning ``graph_file`` into sorted
    N-Triples, which all of them start from, as ``export:read``.
    """
    from graph.export.atomic import write_bytes_atomic

    def timed(stage: str):
        return timer(stage) if timer is not None else nullcontext()

    extra = [fmt for fmt in parse_formats(formats) if fmt != TURTLE]
    if not extra:
        return []
    graph_file = Path(graph_file)
    with timed("export:read"):
        merged = to_ntriples(graph_file.read_bytes())
    written = []
    for fmt in extra:
        target = graph_file.with_name(FILES[fmt])
        with timed(f"export:{fmt}"):
            if fmt == "ntriples":
                data = merged
            elif fmt == "jsonld":
                data = to_jsonld(merged)
            else:
                graphs = {ARTICLE_GRAPH_PREFIX + path.stem: to_ntriples(path.read_bytes())
                          for path in sorted(Path(articles_dir).glob("*.ttl"))}
                graphs[MERGED_GRAPH] = merged
                data = to_trig(graphs)
            write_bytes_atomic(target, data)
        written.append(target)
    return written
