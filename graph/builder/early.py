"""The process that extracts a rebuild's few new articles, started before the corpus is read.

A rebuild into a folder with a per-article cache mostly extracts a few
articles beside thousands it reads from the cache: those few are extracted
in one forked process while this one reads the cache
(:class:`graph.builder.workers.ExtractedBeside`). That process spends most
of its time importing spaCy and loading the model (~1 s, the longest path
of a rebuild of 2,000 articles on a quiet machine). :class:`EarlyExtractor`
forks it at the start of the build, once the knowledge files are read (from
the build state, :func:`graph.builder.stored.read_knowledge`) and before the
corpus is: it imports spaCy, loads the model and warms up the extractors
with those knowledge files, then waits to be told which articles to extract
(:meth:`EarlyExtractor.send`). Told none (:meth:`EarlyExtractor.close`:
nothing to extract, or too much for one process), it is stopped. The results
are those of the same articles extracted anywhere else; where the system
cannot fork, or the process dies, the articles are extracted in this process
when their results are wanted.
"""

from __future__ import annotations

import itertools
import os
import pickle
import threading
from collections.abc import Iterator
from pathlib import Path

from graph.builder.beside import beside
from graph.builder.cache import CACHE_DIR, ENTRIES, ArticleResult
from graph.builder import workers
from graph.ingest import Article
from graph.knowledge import Knowledge


def has_entries(out_dir: Path, count: int) -> bool:
    """Whether the per-article cache of ``out_dir`` holds at least ``count`` entries (two files each)."""
    try:
        with os.scandir(Path(out_dir) / CACHE_DIR / ENTRIES) as entries:
            return sum(1 for _ in itertools.islice(entries, 2 * count)) >= 2 * count
    except OSError:
        return False


def _read(fd: int) -> bytes:
    with os.fdopen(fd, "rb") as pipe:
        return pipe.read()


class EarlyExtractor(workers.ResultsBeside):
    """A forked process that loads ``model`` at once and extracts the articles :meth:`send` gives it;
    iterating gives their results in order (as :class:`~graph.builder.workers.ExtractedBeside`).
    ``knowledge``: the knowledge files of ``ontology`` as this process read them (inherited)."""

    def __init__(self, model: str, ontology: str | None, seconds: dict[str, float],
                 knowledge: Knowledge | None = None) -> None:
        self.model, self.ontology, self.seconds = model, ontology, seconds
        self.articles: list[Article] = []
        self.results: Iterator[ArticleResult] | None = None
        parent = os.getpid()
        reader, writer = os.pipe()

        def work() -> workers.Chunk:
            if os.getpid() == parent:   # no process beside (or it died): extracted here
                return workers.process_chunk(self.articles, model, ontology, knowledge)
            os.close(writer)
            received: list[bytes] = []
            # the articles taken in as they come, while the model loads: sending them never waits
            taking = threading.Thread(target=lambda: received.append(_read(reader)))
            taking.start()
            from graph.nlp import load_model

            load_model(model)
            workers.warm_up(ontology, knowledge)
            taking.join()
            return workers.process_chunk(pickle.loads(received[0]), model, ontology, knowledge)

        self.running = beside(work)
        os.close(reader)
        self.writer: int | None = writer

    def send(self, articles: list[Article]) -> EarlyExtractor:
        """The articles to extract (at most once); iterate to get their results."""
        self.articles = list(articles)
        data = pickle.dumps(self.articles, protocol=pickle.HIGHEST_PROTOCOL)
        writer, self.writer = self.writer, None
        try:
            with os.fdopen(writer, "wb") as pipe:
                pipe.write(data)
        except BrokenPipeError:
            pass    # the process is gone: the articles are extracted here when waited for
        return self

    def close(self) -> None:
        """Stop the process when its results are not wanted (nothing sent, or the build failed)."""
        super().close()
        if self.writer is not None:
            os.close(self.writer)
            self.writer = None
