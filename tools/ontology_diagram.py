#!/usr/bin/env python3
"""Draw ontology/timeline.ttl as a class diagram: ontology/diagram.svg.

Reads the ontology with rdflib and writes Graphviz DOT: one box per class
(its datatype properties inside), an arrow per object property from its
domain to its range (rdfs:domain/rdfs:range, else schema:domainIncludes /
schema:rangeIncludes), hollow arrows for rdfs:subClassOf. The sixteen event
classes are drawn as one box listing them with their CAMEO codes. Needs the
``dot`` program (Debian: ``apt-get install graphviz``).

    python tools/ontology_diagram.py                 # writes ontology/diagram.svg
    python tools/ontology_diagram.py --dot out.dot   # the DOT source only
"""

from __future__ import annotations

import argparse
import html
import shutil
import subprocess
import sys
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology" / "timeline.ttl"
OUTPUT = ROOT / "ontology" / "diagram.svg"

SCHEMA = "https://schema.org/"
SEM_EVENT = URIRef("http://semanticweb.cs.vu.nl/2009/11/sem/Event")
SEM_ACTOR = URIRef("http://semanticweb.cs.vu.nl/2009/11/sem/Actor")
EVENT_BOX = "event_classes"
#: What the contract says each actor is also typed as (not an axiom of the ontology).
ALSO_TYPED = [(SEM_ACTOR, URIRef(SCHEMA + kind)) for kind in ("Person", "Organization", "Country")]

PREFIXES = {
    "https://w3id.org/timeline-kg/ontology#": "tl",
    "http://semanticweb.cs.vu.nl/2009/11/sem/": "sem",
    "http://www.w3.org/ns/prov#": "prov",
    SCHEMA: "schema",
    "http://www.w3.org/2006/time#": "time",
    "http://www.w3.org/ns/oa#": "oa",
    str(XSD): "xsd",
    str(RDF): "rdf",
}
#: Fill colour per vocabulary.
COLOURS = {"tl": "#fde7c8", "sem": "#d7e8fb", "prov": "#e3f3dc", "schema": "#f3dcec", "time": "#efefef",
           "oa": "#fff7c2", "rdf": "#ffffff"}


def short(term: URIRef) -> str:
    text = str(term)
    for namespace, prefix in PREFIXES.items():
        if text.startswith(namespace):
            return f"{prefix}:{text[len(namespace):]}"
    return text


def node_id(term: URIRef) -> str:
    return short(term).replace(":", "_").replace("-", "_")


def _ends(g: Graph, prop: URIRef, strict: URIRef, loose: str) -> list[URIRef]:
    found = list(g.objects(prop, strict)) or list(g.objects(prop, URIRef(SCHEMA + loose)))
    return sorted(t for t in found if isinstance(t, URIRef))


def to_dot(g: Graph) -> str:
    events = sorted(g.subjects(RDFS.subClassOf, SEM_EVENT))
    classes = sorted({c for c in g.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef)} - set(events))
    literal_props: dict[URIRef, list[str]] = {c: [] for c in classes}
    edges = []
    properties = set(g.subjects(RDF.type, OWL.ObjectProperty)) | set(g.subjects(RDF.type, OWL.DatatypeProperty))
    for prop in sorted(properties):
        domains = _ends(g, prop, RDFS.domain, "domainIncludes")
        ranges = _ends(g, prop, RDFS.range, "rangeIncludes")
        is_literal = (prop, RDF.type, OWL.DatatypeProperty) in g
        for domain in domains or []:
            if domain not in literal_props:
                continue
            if is_literal:
                kinds = " | ".join(short(r) for r in ranges) or "literal"
                literal_props[domain].append(f"{short(prop)} : {kinds}")
            else:
                drawn = [t for t in ranges if t in literal_props]
                for target in drawn:
                    edges.append((domain, target, short(prop)))
                if not drawn:       # a value that is no class of the diagram (tl:property -> rdf:Property)
                    literal_props[domain].append(f"{short(prop)} : {' | '.join(short(r) for r in ranges) or 'IRI'}")
    # individuals (granularity units) inside their class
    for cls in classes:
        for member in sorted(g.subjects(RDF.type, cls)):
            if (member, RDF.type, OWL.NamedIndividual) in g:
                literal_props[cls].append(f"• {short(member)}")
    linked = {n for d, t, _ in edges for n in (d, t)} | {n for pair in ALSO_TYPED for n in pair}
    linked |= {n for pair in g.subject_objects(RDFS.subClassOf) for n in pair}
    classes = [c for c in classes if c in linked]
    lines = [
        "digraph timeline_kg {",
        '  graph [rankdir=LR, fontname="Helvetica", fontsize=11, nodesep=0.35, ranksep=0.9, '
        'label="timeline-kg ontology (ontology/timeline.ttl)", labelloc=t];',
        '  node [shape=plain, fontname="Helvetica", fontsize=10];',
        '  edge [fontname="Helvetica", fontsize=9, color="#555555"];',
    ]
    for cls in classes:
        prefix = short(cls).split(":")[0]
        rows = "".join(f'<tr><td align="left">{html.escape(p)}</td></tr>' for p in sorted(literal_props[cls]))
        lines.append(
            f'  {node_id(cls)} [label=<<table border="1" cellborder="0" cellspacing="0" cellpadding="3" '
            f'bgcolor="{COLOURS.get(prefix, "#ffffff")}"><tr><td><b>{html.escape(short(cls))}</b></td></tr>'
            f'{rows}</table>>];')
    event_rows = "".join(
        f'<tr><td align="left">{html.escape(short(e))}</td>'
        f'<td align="right">{html.escape(str(g.value(e, SKOS.notation) or ""))}</td></tr>'
        for e in events)
    lines.append(
        f'  {EVENT_BOX} [label=<<table border="1" cellborder="0" cellspacing="0" cellpadding="2" '
        f'bgcolor="{COLOURS["tl"]}"><tr><td colspan="2"><b>event classes</b></td></tr>'
        f'<tr><td align="left"><i>class</i></td><td align="right"><i>CAMEO</i></td></tr>{event_rows}</table>>];')
    lines.append(f'  {EVENT_BOX} -> {node_id(SEM_EVENT)} [arrowhead=empty, style=dashed, label="rdfs:subClassOf"];')
    for sub, sup in sorted(g.subject_objects(RDFS.subClassOf)):
        if sub in literal_props and sup in literal_props:
            lines.append(f'  {node_id(sub)} -> {node_id(sup)} [arrowhead=empty, style=dashed, '
                         f'label="rdfs:subClassOf"];')
    for a, b in sorted(g.subject_objects(OWL.disjointWith)):
        if a in literal_props and b in literal_props:
            lines.append(f'  {node_id(a)} -> {node_id(b)} [dir=none, style=dotted, color="#b03030", '
                         f'fontcolor="#b03030", label="owl:disjointWith"];')
    for actor, kind in ALSO_TYPED:
        lines.append(f'  {node_id(actor)} -> {node_id(kind)} [style=dotted, arrowhead=empty, label="also a"];')
    for domain, target, label in sorted(set(edges)):
        lines.append(f'  {node_id(domain)} -> {node_id(target)} [label="{label}"];')
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ontology", type=Path, default=ONTOLOGY)
    parser.add_argument("--out", type=Path, default=OUTPUT, help="SVG to write (default: %(default)s)")
    parser.add_argument("--dot", type=Path, help="write the DOT source here instead of an SVG")
    args = parser.parse_args(argv)
    source = to_dot(Graph().parse(args.ontology, format="turtle"))
    if args.dot:
        args.dot.write_text(source, encoding="utf-8")
        return 0
    dot = shutil.which("dot")
    if dot is None:
        print("error: Graphviz 'dot' not found (apt-get install graphviz); use --dot to get the source",
              file=sys.stderr)
        return 1
    svg = subprocess.run([dot, "-Tsvg"], input=source.encode(), capture_output=True, check=True).stdout
    args.out.write_bytes(svg)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
