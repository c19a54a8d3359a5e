"""The shape types the modules of :mod:`graph.shacl` share: :class:`Shape` (what a
shape checks, and how it finds its focus and value nodes), and the two
protocols a shape's parts are built against — :class:`ShapeCompiler` (what a
constraint component or a SPARQL constraint reads from the compiler,
:class:`graph.shacl.shapes.Compiler`) and :class:`Constraint` (a SPARQL
constraint, :class:`graph.shacl.sparql.SparqlConstraint`, as a shape runs it).

It sits below :mod:`.components`, :mod:`.sparql` and :mod:`.shapes`, so that
they form no import circle (issue #19).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from graph.rdf.triples import Term
from graph.shacl.data import Data
from graph.shacl.report import Result
from graph.shacl.vocabulary import VIOLATION

NONE: list = []


#: A constraint: (data, focus, values, results) -> offending values (None: a result without value). It may
#: append results of nested shapes (``sh:node``) to ``results``.
Check = Callable[["Data", Term, list, list], list]


@dataclass(eq=False)
class Shape:
    node: Term
    path: object = None
    path_text: object = None
    checks: list[tuple[str, Check, str]] = field(default_factory=list)
    properties: list["Shape"] = field(default_factory=list)
    sparql: list[Constraint] = field(default_factory=list)
    messages: tuple[str, ...] = ()
    severity: str = VIOLATION
    deactivated: bool = False
    target_classes: list[str] = field(default_factory=list)
    target_nodes: list[Term] = field(default_factory=list)
    target_objects_of: list[str] = field(default_factory=list)
    target_subjects_of: list[str] = field(default_factory=list)

    @property
    def has_targets(self) -> bool:
        return bool(self.target_classes or self.target_nodes or self.target_objects_of or self.target_subjects_of)

    def focus_nodes(self, data: Data) -> list[Term]:
        found: dict[Term, None] = {}
        for cls in self.target_classes:
            found.update(dict.fromkeys(data.instances(cls)))
        found.update(dict.fromkeys(self.target_nodes))
        for p in self.target_objects_of:
            found.update(dict.fromkeys(data.all_objects(p)))
        for p in self.target_subjects_of:
            found.update(dict.fromkeys(data.all_subjects(p)))
        return list(found)

    def values(self, data: Data, focus: Term) -> list[Term]:
        """The value nodes of ``focus`` (read only: the list may be the index's own)."""
        if self.path is None:
            return [focus]
        if len(self.path) == 1 and not self.path[0][0]:
            predicates = data.spo.get(focus)
            return predicates.get(self.path[0][1], NONE) if predicates else NONE
        nodes = [focus]
        for inverse, predicate in self.path:
            step: dict[Term, None] = {}
            for node in nodes:
                step.update(dict.fromkeys(data.subjects(predicate, node) if inverse else data.objects(node, predicate)))
            nodes = list(step)
        return nodes

    def validate(self, data: Data, focus: Term, out: list[Result]) -> None:
        """Append every result of this shape for one focus node to ``out``."""
        if self.deactivated:
            return
        values = self.values(data, focus)
        for component, check, default in self.checks:
            offending = check(data, focus, values, out)
            if offending:
                message = self.messages[0] if self.messages else default
                for value in offending:
                    out.append(Result(focus, self.path_text, value, self.node, component, message, self.severity))
        for constraint in self.sparql:
            constraint.validate(data, self, focus, out)
        if self.properties:
            for value_focus in values:
                for prop in self.properties:
                    prop.validate(data, value_focus, out)

    def conforms(self, data: Data, focus: Term) -> bool:
        found: list[Result] = []
        self.validate(data, focus, found)
        return not found


class ShapeCompiler(Protocol):
    """What a constraint component or a SPARQL constraint reads from the compiler."""

    spo: dict[Term, dict[str, list[Term]]]
    prefixes: dict[str, str]
    short: Callable[[Term], str]

    def one(self, node: Term, p: str) -> Term | None: ...

    def all(self, node: Term, p: str) -> list[Term]: ...

    def items(self, head: Term) -> list[Term]: ...

    def shape(self, node: Term) -> Shape: ...


class Constraint(Protocol):
    """A SPARQL-based constraint of a shape: appends its results for one focus node to ``out``."""

    def validate(self, data: Data, shape: Shape, focus: Term, out: list[Result]) -> None: ...
