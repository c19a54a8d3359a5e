"""IRIs of the things the graph describes: stable, readable, derived from content."""

from __future__ import annotations

import hashlib

from rdflib import URIRef

from graph.knowledge import slug
from graph.rdf.namespaces import TLID


def short_hash(*parts: object, length: int = 8) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:length]


def article_iri(stem: str) -> URIRef:
    return TLID[f"article/{stem}"]


def outlet_iri(name: str) -> URIRef:
    return TLID[f"outlet/{slug(name)}"]


def actor_iri(name: str) -> URIRef:
    return TLID[f"actor/{slug(name)}"]


def place_iri(name: str) -> URIRef:
    return TLID[f"place/{slug(name)}"]


def mention_iri(stem: str, index: int) -> URIRef:
    return TLID[f"mention/{stem}/{index}"]


def article_event_iri(stem: str, index: int) -> URIRef:
    return TLID[f"article/{stem}/event/{index}"]


def part_iri(base: URIRef, part: str) -> URIRef:
    return URIRef(f"{base}/{part}")


def event_iri(event_class: str, begin: str | None, key: str) -> URIRef:
    day = begin or "undated"
    return TLID[f"event/{event_class.lower()}-{day}-{short_hash(key)}"]


def claim_iri(*parts: object) -> URIRef:
    return TLID[f"claim/{short_hash(*parts, length=12)}"]
