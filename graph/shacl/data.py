"""The data graph indexed for the checks: objects, subjects, classes and instances of a node."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from graph.rdf.triples import Lit, Term
from graph.shacl.literals import LEXICAL, well_formed
from graph.shacl.vocabulary import RDF_TYPE, SUBCLASS_OF


class Data:
    """The data graph (plus the ontology graph, as pySHACL mixes it in), indexed for the checks."""

    def __init__(self, index: dict, extra: Iterable[tuple] = (), skip: frozenset = frozenset()) -> None:
        """The data: an index ``{s: {p: [o, …]}}`` (read, never changed) and ``extra`` triples mixed in.

        ``skip`` are nodes known to conform (their triples are those of a graph that passed): they are
        no focus node and no instance of a target class (:meth:`instances`), but are read as values.
        """
        self.skip = skip
        spo = self.spo = dict(index) if extra else index
        for s, p, o in extra:
            predicates = spo.get(s)
            if predicates is None:
                spo[s] = {p: [o]}
                continue
            if predicates is index.get(s):
                predicates = spo[s] = {key: list(values) for key, values in predicates.items()}
            objects = predicates.setdefault(p, [])
            if o not in objects:
                objects.append(o)
        self._inverse: dict[str, dict[Term, list[Term]]] = {}
        self._well_formed: dict[Lit, bool] = {}
        self._supers: dict[str, frozenset[str]] = {}
        self._classes_of: dict[tuple, frozenset[str]] = {}
        self._instances: dict[str, list[Term]] | None = None
        self._subclass: dict[str, list[str]] = defaultdict(list)
        for s, predicates in spo.items():
            for parent in predicates.get(SUBCLASS_OF, ()):
                if type(s) is str and type(parent) is str:
                    self._subclass[s].append(parent)

    def well_formed(self, literal: Lit) -> bool:
        """:func:`well_formed`, remembered for literals of the datatypes it checks."""
        if literal.datatype not in LEXICAL:
            return True
        found = self._well_formed.get(literal)
        if found is None:
            found = self._well_formed[literal] = well_formed(literal)
        return found

    def objects(self, s: Term, p: str) -> list[Term]:
        predicates = self.spo.get(s)
        return predicates.get(p, []) if predicates else []

    def subjects(self, p: str, o: Term) -> list[Term]:
        table = self._inverse.get(p)
        if table is None:
            table = self._inverse[p] = defaultdict(list)
            for s, predicates in self.spo.items():
                for value in predicates.get(p, ()):
                    table[value].append(s)
        return table.get(o, [])

    def supers(self, cls: str) -> frozenset[str]:
        """``cls`` and every class it is a (transitive) rdfs:subClassOf."""
        found = self._supers.get(cls)
        if found is None:
            seen, todo = {cls}, [cls]
            while todo:
                for parent in self._subclass.get(todo.pop(), ()):
                    if parent not in seen:
                        seen.add(parent)
                        todo.append(parent)
            found = self._supers[cls] = frozenset(seen)
        return found

    def classes_of(self, node: Term) -> frozenset[str]:
        predicates = self.spo.get(node)
        types = tuple(predicates.get(RDF_TYPE, ())) if predicates else ()
        found = self._classes_of.get(types)
        if found is None:
            found = frozenset(c for t in types if type(t) is str for c in self.supers(t))
            self._classes_of[types] = found
        return found

    def is_instance(self, node: Term, cls: str) -> bool:
        return cls in self.classes_of(node)

    def instances(self, cls: str) -> list[Term]:
        if self._instances is None:
            table: dict[str, list[Term]] = defaultdict(list)
            skip = self.skip
            for s, predicates in self.spo.items():
                if s in skip:
                    continue
                classes = set()
                for t in predicates.get(RDF_TYPE, ()):
                    if type(t) is str:
                        classes |= self.supers(t)
                for c in classes:
                    table[c].append(s)
            self._instances = table
        return self._instances.get(cls, [])

    def all_objects(self, p: str) -> list[Term]:
        return list(dict.fromkeys(o for predicates in self.spo.values() for o in predicates.get(p, ())))

    def all_subjects(self, p: str) -> list[Term]:
        return [s for s, predicates in self.spo.items() if p in predicates]
