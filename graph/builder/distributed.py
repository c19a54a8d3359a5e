"""The per-article stage on a Dask cluster: ``timeline-kg build --scheduler tcp://HOST:PORT``.

Chunks of articles go to the cluster's workers as tasks running
:func:`graph.builder.workers.process_chunk` (so the workers need this package, the
same version, and the spaCy model installed); a bounded number of chunks is
in flight at a time. Results stream back as they complete
(``distributed.as_completed``) and are handed on in input order, so the
merge and the exports are the same as a local build's. Dask is an optional
extra: ``pip install 'timeline-kg[dask]'``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator

from graph.builder.cache import ArticleResult, code_version
from graph.errors import SchedulerError
from graph.ingest import Article
from graph.builder.workers import CHUNKS_PER_WORKER, chunk_size, chunks, process_chunk

CONNECT_TIMEOUT_S = 20


@contextlib.contextmanager
def connected(address: str | None) -> Iterator[object]:
    """A ``distributed.Client`` on the scheduler at ``address`` for the ``with`` block (None: no cluster)."""
    if address is None:
        yield None
        return
    client = connect(address)
    try:
        yield client
    finally:
        client.close()


def connect(address: str):
    """A ``distributed.Client`` on the scheduler at ``address``."""
    try:
        from distributed import Client
    except ImportError as exc:
        raise SchedulerError("--scheduler needs Dask, which is not installed",
                             hint="pip install 'timeline-kg[dask]' (or: pip install 'dask[distributed]')") from exc
    try:
        return Client(address, timeout=CONNECT_TIMEOUT_S, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise SchedulerError(f"cannot reach the Dask scheduler at {address}: {exc}",
                             hint="start one with 'dask scheduler' and 'dask worker tcp://HOST:PORT', "
                                  "or build without --scheduler") from exc


def on_cluster(client, articles: Iterable[Article], count: int, model: str, ontology: str | None,
               seconds: dict[str, float]) -> Iterator[ArticleResult]:
    """The stage on the cluster of ``client``; results in input order."""
    from distributed import as_completed

    workers = max(1, sum(client.nthreads().values()))
    pieces = enumerate(chunks(articles, chunk_size(count, workers)))
    running = as_completed(loop=client.loop)
    order: dict[str, int] = {}
    ready: dict[int, list[ArticleResult]] = {}
    expected = 0

    def submit() -> None:
        index, piece = next(pieces, (None, None))
        if piece is not None:
            future = client.submit(process_chunk, piece, model, ontology, pure=False)
            order[future.key] = index
            running.add(future)

    for _ in range(workers * CHUNKS_PER_WORKER):
        submit()
    for future in running:
        chunk = future.result()
        index = order.pop(future.key)
        future.release()
        if chunk.code != code_version():
            raise SchedulerError(f"the Dask workers at {client.scheduler.address} run another version "
                                 "of timeline-kg",
                                 hint="install the same code on the workers as here, then rebuild")
        for stage, spent in chunk.seconds.items():
            seconds[stage] = seconds.get(stage, 0.0) + spent
        ready[index] = chunk.results
        submit()
        while expected in ready:
            yield from ready.pop(expected)
            expected += 1
