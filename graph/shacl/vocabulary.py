"""The IRIs the SHACL checker reads in shapes and data."""

from __future__ import annotations

SH = "http://www.w3.org/ns/shacl#"
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS_NS = "http://www.w3.org/2000/01/rdf-schema#"
RDF_TYPE, RDF_FIRST, RDF_REST, RDF_NIL = RDF_NS + "type", RDF_NS + "first", RDF_NS + "rest", RDF_NS + "nil"
SUBCLASS_OF = RDFS_NS + "subClassOf"
CLASS_TYPES = {RDFS_NS + "Class", "http://www.w3.org/2002/07/owl#Class"}
VIOLATION = SH + "Violation"

#: Predicates on a shape that do not constrain anything.
DESCRIPTIVE = {RDF_TYPE, SH + "message", SH + "severity", SH + "deactivated", SH + "name", SH + "description",
               SH + "order", SH + "group", SH + "defaultValue", SH + "targetClass", SH + "targetNode",
               SH + "targetObjectsOf", SH + "targetSubjectsOf", SH + "path", SH + "property", SH + "flags",
               SH + "qualifiedMinCount", SH + "qualifiedMaxCount", SH + "qualifiedValueShapesDisjoint"}
