"""IRIs of the things the graph describes: stable, readable, derived from content.

The short names (:func:`article`, :func:`actor`, …) give the IRI as a plain
``str``, the form the graph builders use (:mod:`graph.rdf.triples`); the
``*_iri`` names give the same IRI as an rdflib ``URIRef``.
"""

from __future__ import annotations

import functools
import hashlib

from rdflib import URIRef

from graph.knowledge import slug
from graph.rdf.namespaces import TLID

BASE = str(TLID)


def short_hash(*parts: object, length: int = 8) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:length]


def article(stem: str) -> str:
    return f"{BASE}article/{stem}"


@functools.lru_cache(maxsize=4096)
def outlet(name: str) -> str:
    return f"{BASE}outlet/{slug(name)}"


@functools.lru_cache(maxsize=65536)
def actor(name: str) -> str:
    return f"{BASE}actor/{slug(name)}"


@functools.lru_cache(maxsize=65536)
def place(name: str) -> str:
    return f"{BASE}place/{slug(name)}"


def mention(stem: str, index: int) -> str:
    return f"{BASE}mention/{stem}/{index}"


def article_event(stem: str, index: int) -> str:
    return f"{BASE}article/{stem}/event/{index}"


def part(base: str, name: str) -> str:
    return f"{base}/{name}"


def event(event_class: str, begin: str | None, key: str, length: int = 8) -> str:
    return f"{BASE}event/{event_class.lower()}-{begin or 'undated'}-{short_hash(key, length=length)}"


def claim(*parts: object) -> str:
    return f"{BASE}claim/{short_hash(*parts, length=12)}"


def article_iri(stem: str) -> URIRef:
    return URIRef(article(stem))


def outlet_iri(name: str) -> URIRef:
    return URIRef(outlet(name))


def actor_iri(name: str) -> URIRef:
    return URIRef(actor(name))


def place_iri(name: str) -> URIRef:
    return URIRef(place(name))


def mention_iri(stem: str, index: int) -> URIRef:
    return URIRef(mention(stem, index))


def article_event_iri(stem: str, index: int) -> URIRef:
    return URIRef(article_event(stem, index))


def part_iri(base: str, name: str) -> URIRef:
    return URIRef(part(base, name))


def event_iri(event_class: str, begin: str | None, key: str, length: int = 8) -> URIRef:
    return URIRef(event(event_class, begin, key, length))


def claim_iri(*parts: object) -> URIRef:
    return URIRef(claim(*parts))
