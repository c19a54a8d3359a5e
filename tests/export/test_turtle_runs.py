"""A rebuild's Turtle body laid out over arrays is the body written subject by subject."""

from __future__ import annotations

import io
import random

import pytest

from graph.export.turtle_runs import write_runs


def _block(subject: str, size: int) -> bytes:
    return f"<{subject}> a <x> ;\n    <p> \"{'v' * size}\" .\n".encode()


@pytest.mark.parametrize("seed", range(8))
def test_kept_and_fresh_blocks_come_out_in_subject_order_with_their_offsets(seed):
    rng = random.Random(seed)
    subjects = sorted({f"s{rng.randrange(10 ** 6):07d}" for _ in range(rng.randrange(0, 300))})
    blocks = {s: _block(s, rng.randrange(0, 40)) for s in subjects}
    empty = {s for s in subjects if rng.random() < 0.05}          # subjects that had no block
    old = b"\n".join(blocks[s] for s in subjects if s not in empty)
    where, at = {}, 0
    for s in subjects:
        if s in empty:
            where[s] = (0, 0)
            continue
        where[s] = (at, len(blocks[s]))
        at += len(blocks[s]) + 1
    # bundles of a few subjects each, most kept; the others' subjects and some new ones are fresh
    shuffled = subjects[:]
    rng.shuffle(shuffled)
    bundles = [sorted(shuffled[i:i + 4]) for i in range(0, len(shuffled), 4)]
    kept_numbers = {n for n in range(len(bundles)) if rng.random() < 0.8}
    kept = {n: [v for s in bundles[n] for v in where[s]] for n in kept_numbers}
    new = sorted({f"s{rng.randrange(10 ** 6):07d}x" for _ in range(rng.randrange(0, 40))})
    fresh_subjects = sorted([s for n, b in enumerate(bundles) if n not in kept_numbers for s in b if s not in empty]
                            + new)
    fresh = [(s, blocks.get(s) or _block(s, 3)) for s in fresh_subjects]
    body = io.BytesIO()
    places, offsets = write_runs(body, old, kept, bundles, fresh)
    expected = sorted([(s, blocks[s]) for n in kept_numbers for s in bundles[n] if s not in empty] + fresh)
    text = body.getvalue()
    assert text == b"\n".join(data for _, data in expected)
    for (subject, data), offset in zip(fresh, offsets):
        assert text[offset:offset + len(data)] == data
    for number in kept_numbers:
        assert len(places[number]) == 2 * len(bundles[number])
        for s, (offset, length) in zip(bundles[number], zip(places[number][::2], places[number][1::2])):
            assert (offset, length) == ((0, 0) if s in empty else (offset, len(blocks[s])))
            assert text[offset:offset + length] == (b"" if s in empty else blocks[s])


def test_the_offsets_of_blocks_move_by_the_head_and_those_of_subjects_without_one_do_not():
    from array import array

    from graph.export.turtle_runs import in_file

    moved = in_file(100, [array("q", [0, 5, 6, 0, 9, 3]), array("q"), array("q", [0, 0])])
    assert [list(places) for places in moved] == [[100, 5, 6, 0, 109, 3], [], [0, 0]]
    assert all(places.typecode == "q" for places in moved) and in_file(7, []) == []
