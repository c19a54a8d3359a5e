"""The exceptions this package raises on purpose.

Every error the program reports to a user is one of these; anything else is
a bug. The tree::

    TimelineError                  base: catch this to catch them all
    ├── InputError                 an input file or folder cannot be used
    │   ├── ManifestError          manifest.toml or front matter is malformed
    │   └── ArticleError           one article cannot be read (binary, empty, …)
    ├── ModelError                 the spaCy model is not installed or loadable
    ├── KnowledgeError             a data file under ontology/ is malformed
    ├── SchedulerError             --scheduler: Dask missing, unreachable, or workers on other code
    ├── ExportError                an export cannot be written
    ├── ValidationError            the built graph breaks the SHACL shapes
    └── QueryError                 a SPARQL query is malformed or cannot run

Each carries a one-line message and, where there is one, a ``hint`` saying
what to do about it; the CLI prints them as ``Error: message`` and exits
non-zero.
"""

from __future__ import annotations

from pathlib import Path


class TimelineError(Exception):
    """Base class of every error the program reports to a user."""

    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None, path: Path | str | None = None):
        self.message = message
        self.hint = hint
        self.path = Path(path) if path is not None else None
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path is not None else ""
        return f"{where}{self.message}"


class InputError(TimelineError):
    """An input file or folder cannot be used."""

    exit_code = 2


class ManifestError(InputError):
    """The manifest or an article's front matter is malformed."""


class ArticleError(InputError):
    """One article cannot be read."""


class ModelError(TimelineError):
    """The spaCy model is missing or cannot be loaded."""

    exit_code = 3


class KnowledgeError(TimelineError):
    """A knowledge file under ontology/ is malformed."""

    exit_code = 3


class SchedulerError(TimelineError):
    """The Dask scheduler cannot be used: Dask missing, scheduler unreachable, workers on other code."""

    exit_code = 3


class ExportError(TimelineError):
    """An export file cannot be written."""

    exit_code = 4


class ValidationError(TimelineError):
    """The built graph does not conform to the SHACL shapes."""

    exit_code = 5


class QueryError(TimelineError):
    """A SPARQL query is malformed or cannot run."""

    exit_code = 6
