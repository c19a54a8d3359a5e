"""What the SHACL checker reports: one :class:`Result` per violation, or :class:`Unsupported` shapes."""

from __future__ import annotations

from dataclasses import dataclass

from graph.rdf.triples import Term


class Unsupported(Exception):
    """The shapes use a SHACL feature this checker does not implement."""


@dataclass(frozen=True)
class Result:
    """One validation result, in plain terms; ``path`` is None for a node shape's own constraints."""

    focus: Term
    path: object
    value: Term | None
    shape: Term
    component: str
    message: str
    severity: str
