"""The body of a rebuild's ``graph.ttl`` laid out over arrays: the kept blocks in runs, the fresh ones between.

:class:`graph.export.turtle_blocks.TurtleBlocks` writes a body whose subjects
are sorted, one newline between blocks. In a rebuild most of them are blocks
kept from the previous build, whose order is the order of their offsets in
the old file (sorted too); a few are formatted anew. Sorting every subject's
IRI and walking them one by one took seconds at 10,000 articles; here the
kept blocks are ordered by their old offsets (numpy), each fresh block is
placed among them by a binary search on the IRIs, and the new offsets of
the kept blocks and the runs of them that follow each other in the old file
(each copied as one slice) are worked out over arrays. The bytes are those of
writing every subject in order (``tests/test_incremental.py`` compares
rebuilds with fresh builds).
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Sequence
from typing import BinaryIO

import numpy as np

#: Bytes of a run of kept blocks copied at once.
RUN_PIECE = 1 << 24
#: Fresh blocks written at once.
BLOCKS_PER_WRITE = 4096


class _Ranked(Sequence):
    """The subjects of the kept blocks in the order of the new body (for :func:`bisect.bisect_left`)."""

    def __init__(self, subjects: list[list[str]], numbers: np.ndarray, places: np.ndarray) -> None:
        self.subjects, self.numbers, self.places = subjects, numbers.tolist(), places.tolist()

    def __getitem__(self, rank: int) -> str:
        return self.subjects[self.numbers[rank]][self.places[rank]]

    def __len__(self) -> int:
        return len(self.numbers)


def write_runs(body: BinaryIO, old, kept: dict[int, Sequence[int]], subjects: list[list[str]],
               fresh: list[tuple[str, bytes]]) -> tuple[dict[int, array], list[int]]:
    """Write into ``body`` the blocks of the ``kept`` bundles (bundle number → the offset and length
    in ``old`` of the block of each of its ``subjects[number]``, length 0: none) and the ``fresh``
    blocks ((subject, bytes), sorted by subject, none empty and none a kept bundle's), all in the
    order of their subjects with one newline between blocks. Returns each kept bundle's offsets and
    lengths in the body (as ``kept``) and the offset of each fresh block."""
    numbers = sorted(kept)
    sizes = np.array([len(kept[number]) // 2 for number in numbers], dtype=np.int64)
    flat = (np.concatenate([np.asarray(kept[number], dtype=np.int64) for number in numbers]).reshape(-1, 2)
            if numbers else np.zeros((0, 2), dtype=np.int64))
    owner = np.repeat(np.array(numbers, dtype=np.int64), sizes)
    place = np.arange(len(flat), dtype=np.int64) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    blocks = np.flatnonzero(flat[:, 1] > 0)
    order = blocks[np.argsort(flat[blocks, 0], kind="stable")]
    offset, length = flat[order, 0], flat[order, 1]
    ranked = _Ranked(subjects, owner[order], place[order])
    found, low = [], 0
    for subject, _ in fresh:
        low = bisect.bisect_left(ranked, subject, low)
        found.append(low)
    at = np.array(found, dtype=np.int64)                # each fresh block goes before this kept rank
    sizes_fresh = np.array([len(data) for _, data in fresh], dtype=np.int64)
    # a block's offset: the bytes of the blocks before it and one newline after each of them
    kept_bytes = np.concatenate(([0], np.cumsum(length)))
    fresh_bytes = np.concatenate(([0], np.cumsum(sizes_fresh)))
    ranks = np.arange(len(order), dtype=np.int64)
    before = np.searchsorted(at, ranks, side="right")   # fresh blocks before each kept one
    new_offset = kept_bytes[:-1] + fresh_bytes[before] + ranks + before
    fresh_offset = kept_bytes[at] + fresh_bytes[:-1] + np.arange(len(fresh), dtype=np.int64) + at
    # runs: kept blocks that follow each other in the old file, with no fresh block between them
    breaks = np.flatnonzero(offset[1:] != offset[:-1] + length[:-1] + 1) + 1
    edges = np.union1d(np.union1d(breaks, at[at < len(order)]), [0, len(order)]).tolist()
    chunk: list[bytes] = []
    state = {"first": True}

    def put(data) -> None:
        if not state["first"]:
            chunk.append(b"\n")
        state["first"] = False
        chunk.append(data)
        if len(chunk) >= BLOCKS_PER_WRITE:
            flush()

    def flush() -> None:
        body.write(b"".join(chunk))
        chunk.clear()

    next_fresh = 0
    for start, end in zip(edges, edges[1:]):
        while next_fresh < len(fresh) and found[next_fresh] <= start:
            put(fresh[next_fresh][1])
            next_fresh += 1
        begin, stop = int(offset[start]), int(offset[end - 1] + length[end - 1])
        if not state["first"]:
            chunk.append(b"\n")
        state["first"] = False
        flush()
        for piece in range(begin, stop, RUN_PIECE):
            body.write(old[piece:min(piece + RUN_PIECE, stop)])
    for _, data in fresh[next_fresh:]:
        put(data)
    flush()
    new = np.zeros_like(flat)
    new[order, 0], new[order, 1] = new_offset, length
    places, first = {}, 0
    for number, size in zip(numbers, sizes.tolist()):
        places[number] = array("q")
        places[number].frombytes(new[first:first + size].tobytes())
        first += size
    return places, fresh_offset.tolist()


def in_file(head: int, bundles: list[array]) -> list[array]:
    """The offsets and lengths of each bundle's blocks in the body (``bundles``), moved by the ``head``
    before the body in the file (a subject without a block keeps offset 0)."""
    if not bundles:
        return []
    flat = np.concatenate([np.asarray(places, dtype=np.int64) for places in bundles]).reshape(-1, 2)
    flat[flat[:, 1] > 0, 0] += head
    moved, first = [], 0
    for places in bundles:
        size = len(places) // 2
        moved.append(array("q"))
        moved[-1].frombytes(flat[first:first + size].tobytes())
        first += size
    return moved
