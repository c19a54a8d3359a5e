"""The page's view of each event, kept between builds by its bundle key (graph/export/timeline_kept.py)."""

from __future__ import annotations

import pickle

import pytest

from graph.builder.stored import read_state
from graph.export.html import render_timeline
from graph.export.timeline_kept import STATE, write_kept_timeline
from graph.export.turtle_blocks import TurtleBlocks
from graph.merge import merged_graph

VERSION = "test"


@pytest.fixture
def page(seeds_merged, knowledge, tmp_path):
    """Write the page as a build with the kept views of ``kept_in`` would: (bytes, the events described)."""
    articles, merged, _ = seeds_merged
    iris = [str(event.iri) for event in merged.events]

    def write(keys, kept_in=None, keep_in=None, version=VERSION):
        described = []

        def describe(numbers):
            described.append(None if numbers is None else list(numbers))
            return merged_graph(merged, articles, knowledge, numbers)

        target = tmp_path / "page.html"
        write_kept_timeline(target, describe, iris, lambda: keys, version, kept_in, keep_in)
        return target.read_bytes(), described

    return write


@pytest.fixture
def keys(seeds_merged):
    articles, merged, _ = seeds_merged
    return TurtleBlocks(merged.events, merged.sub_events, articles, VERSION).keys


def test_the_kept_views_give_the_page_of_the_whole_graph(seeds_merged, page, keys, tmp_path):
    _, merged, full = seeds_merged
    whole = render_timeline(full).encode("utf-8")
    first = tmp_path / "first"
    written, described = page(keys, keep_in=first)
    assert written == whole and described == [None]
    views = read_state(first, STATE, VERSION)
    assert len(views) == sum(key is not None for key in keys) > 0
    assert not any(pickle.loads(view).anchor for view in views.values())     # anchors are chosen among all events, each time

    written, described = page(keys, kept_in=first)
    assert written == whole and described == [[]]               # every view kept: only articles and actors read

    changed = [number for number in range(0, len(keys), 4)]
    other = [b"changed" + bytes([n % 256]) if n in changed else key for n, key in enumerate(keys)]
    written, described = page(other, kept_in=first, keep_in=tmp_path / "second")
    assert written == whole and described == [changed]
    assert read_state(tmp_path / "second", STATE, VERSION).keys() == {key for key in other if key is not None}


def test_views_of_another_version_or_none_are_not_taken(page, keys, tmp_path):
    written, _ = page(keys, keep_in=tmp_path / "first")
    for kept_in, version in ((tmp_path / "first", "another"), (tmp_path / "nothing-here", VERSION)):
        again, described = page(keys, kept_in=kept_in, version=version)
        assert again == written and described == [None]
