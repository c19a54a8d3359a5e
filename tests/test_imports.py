"""The imports inside ``graph/`` form no circle (issue #19).

The module import graph of the ``graph`` package is read statically: every
``graph/**/*.py`` is parsed with :mod:`ast` (nothing is imported) and each
``import graph.x``, ``from graph.x import y`` and relative import becomes an
edge from the importing module to the imported one. The graph must be a DAG,
so that shared types and constants live in a module *below* the modules that
use them (as ``graph/extract/records.py`` holds the extractors' records).

What counts as an import:

* every ``import`` statement anywhere in the file: at module level, inside a
  function (a deferred import that dodges the circle at run time is still a
  circle for the reader), and under ``if TYPE_CHECKING:`` (a type-only import
  is still a dependency the reader follows; a type both sides need moves
  down instead);
* ``from graph.x import y`` is an edge to ``graph.x.y`` when ``y`` is a
  submodule, else to ``graph.x`` (the module that defines or re-exports
  ``y``);
* a package is the node of its ``__init__.py``, distinct from its
  submodules: ``graph.extract`` imports ``graph.extract.events``, so a
  submodule of ``graph/extract/`` writing ``from graph.extract import X``
  closes a circle. The implicit import of the parent packages that Python
  performs before a submodule is not an edge (else every package that
  re-exports its submodules would be a circle).

Dynamic imports (``importlib.import_module("graph.x")``, as the lazy public
API of ``graph/__init__.py`` does) are not statements and are not counted.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

PACKAGE = "graph"
ROOT = Path(__file__).resolve().parent.parent / PACKAGE


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(ROOT.rglob("*.py"))}


def in_package(name: str) -> bool:
    return name == PACKAGE or name.startswith(PACKAGE + ".")


def imported(name: str, path: Path, known: set[str]) -> set[str]:
    """The modules of the package that the module ``name`` (file ``path``) imports."""
    is_package = path.name == "__init__.py"
    found: set[str] = set()

    def owner(dotted: str) -> str | None:
        # The longest known module that ``dotted`` names or lies inside.
        while dotted and dotted not in known:
            dotted = dotted.rpartition(".")[0]
        return dotted or None

    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if in_package(alias.name) and (target := owner(alias.name)):
                    found.add(target)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if is_package else name.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            if not in_package(source):
                continue
            for alias in node.names:
                submodule = f"{source}.{alias.name}"
                target = submodule if submodule in known else owner(source)
                if target:
                    found.add(target)
    found.discard(name)
    return found


def import_graph() -> nx.DiGraph:
    known = modules()
    graph = nx.DiGraph()
    graph.add_nodes_from(known)
    for name, path in known.items():
        graph.add_edges_from((name, target) for target in imported(name, path, set(known)))
    return graph


def test_the_walk_sees_the_package():
    graph = import_graph()
    assert "graph.extract.events" in graph and "graph.shacl" in graph
    assert graph.has_edge("graph.extract", "graph.extract.records")  # the package re-exports its records
    assert graph.has_edge("graph.extract.article", "graph.extract.events")
    assert graph.has_edge("graph.extract.events", "graph.extract.records")


def test_graph_imports_form_no_circle():
    graph = import_graph()
    cycles = sorted((cycle for cycle in nx.simple_cycles(graph)), key=lambda cycle: (len(cycle), cycle))
    shown = "\n".join(" → ".join([*cycle, cycle[0]]) for cycle in cycles[:50])
    more = f"\n… and {len(cycles) - 50} more" if len(cycles) > 50 else ""
    assert not cycles, f"{len(cycles)} import circle(s) inside graph/:\n{shown}{more}"


def test_the_walk_counts_every_kind_of_import(tmp_path):
    source = tmp_path / "foo.py"
    source.write_text(
        "from typing import TYPE_CHECKING\n"
        "import graph.extract.records\n"
        "from graph.extract import text\n"            # a submodule: an edge to it
        "from graph.extract import extract_article\n"  # a name of the package: an edge to its __init__
        "from . import dates\n"
        "from .theme import themes_differ\n"
        "if TYPE_CHECKING:\n"
        "    from graph.knowledge import Knowledge\n"
        "def later():\n"
        "    from graph.errors import KnowledgeError\n"
        "import os, spacy\n"
    )
    known = set(modules())
    assert imported("graph.extract.foo", source, known) == {
        "graph.extract.records", "graph.extract.text", "graph.extract", "graph.extract.dates",
        "graph.extract.theme", "graph.knowledge", "graph.errors",
    }
