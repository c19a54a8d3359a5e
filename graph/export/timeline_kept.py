"""The page's view of each merged event, kept between builds: a rebuild reads only the events that changed.

The page shows each canonical event as an :class:`~graph.export.timeline_model.Event`
read from the merged graph. That view depends only on the triples of the
event's bundle (:mod:`graph.export.turtle_blocks`: the event, its mentions,
their evidence, datings and claims) and on the labels of the actors, places
and the metadata of the articles it names, which the bundle's key covers too
(an actor's or a place's label is its name, the article's metadata is in its
cache key). A build keeps the view of every event with a key, by that key,
in the build state ``timeline-views`` (:mod:`graph.builder.stored`, versioned
by the package's code), anchors not chosen, each view pickled on its own (a
view taken unchanged is kept as the bytes it was read as, not pickled
again). The next build takes the view of each event whose key it knows and
describes (and reads) only the others, with everything outside events
(articles, actors, places: the actors' kinds, the article list); the
anchors, the layout and the page are made from all of them, the same bytes
as from the whole graph (``tests/test_incremental.py``).
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Collection, Sequence
from dataclasses import replace
from pathlib import Path

from graph.builder.stored import Pickles, read_state, write_state
from graph.export.html import write_timeline
from graph.rdf.triples import TripleGraph

#: The build state holding the views (see :mod:`graph.builder.stored`).
STATE = "timeline-views"


def kept_views(folder: Path, version: str) -> dict[bytes, bytes]:
    """The views kept by the build in ``folder`` (pickled, by key), when valid for ``version``."""
    return read_state(folder, STATE, version) or {}


def write_kept_timeline(path: Path, describe: Callable[[Collection[int] | None], TripleGraph],
                        iris: Sequence[str], keys: Callable[[], Sequence[bytes | None]], version: str,
                        kept_in: Path | None = None, keep_in: Path | None = None, views: dict | None = None) -> None:
    """Write the page of the merged events ``iris`` (in order) to ``path``; ``keys()`` gives their
    bundle keys (None for a bundle without one), asked for only when views are taken or kept.
    ``describe(numbers)`` gives the merged graph of those events (positions in ``iris``; None: all).
    The views kept by the build in ``kept_in`` (state valid for ``version``) are taken for the events
    whose key they know (``views``: that state, when already read by :func:`kept_views`); ``keep_in`` is
    where to keep the views of this build (None: nowhere)."""
    if views is None:
        views = kept_views(kept_in, version) if kept_in is not None else {}
    known = keys() if views else None
    kept, missing = [], []
    taken: dict[bytes, tuple] = {}      # key → the view taken and its pickle
    for number, key in enumerate(known or ()):
        data = views.get(key) if key is not None else None
        if data is None:
            missing.append(number)
        else:
            view = pickle.loads(data)
            kept.append(view)
            taken[key] = view, data
    del views
    timeline = write_timeline(describe(missing if kept else None), path, kept=kept)
    if keep_in is None:
        return
    by_iri = {event.iri: event for event in timeline.events}
    keeping = {}
    pickled = Pickles()
    for iri, key in zip(iris, known if known is not None else keys()):
        event = by_iri.get(iri)
        if key is not None and event is not None:
            view = replace(event, anchor=False) if event.anchor else event
            old = taken.get(key)
            keeping[key] = old[1] if old is not None and old[0] == view else pickled(view)
    write_state(keep_in, STATE, version, keeping)

