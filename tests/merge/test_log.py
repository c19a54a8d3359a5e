"""The merge log written with the exports explains every merge and every close call."""

from __future__ import annotations

import json

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from graph.rdf.namespaces import TL


def test_merge_log_explains_merges_and_separations(seed_build):
    out, _ = seed_build
    log = json.loads((out / "merge-log.json").read_text())
    graph = Graph().parse(out / "graph.ttl")
    events = set(graph.subjects(TL.mention, None))
    may = [e for e in log["events"] if "phonecall-2025-05-19" in e["event"]]
    assert len(may) == 1
    assert {m["mention"][:3] for m in may[0]["mentions"]} == {"001", "004"}
    for entry in log["events"]:
        assert URIRef(entry["event"]) in events
        assert len(entry["mentions"]) >= 2 and len(entry["why"]) == len(entry["mentions"]) - 1
    for entry in log["kept_apart"]:
        first, second = map(URIRef, entry["events"])
        assert first in events and second in events and first != second
        assert entry["why"] and entry["mention_pairs"] >= 1
        assert set(graph.objects(first, RDF.type)) & set(graph.objects(second, RDF.type))
