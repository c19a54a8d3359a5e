"""The Turtle of each merged event, kept between builds: a rebuild formats only the events that changed.

Almost every subject of ``graph.ttl`` belongs to one canonical event: the
event itself, and for each of its mentions the mention, its evidence
annotation, target, two selectors and date resolution, and its claims
(:func:`graph.merge.graph.merge_articles` puts them with
:func:`graph.rdf.describe.add_event` and the calls after it). Their triples
depend only on the event (IRI, class, dating, participants, merge notes),
its sub-event links, and each member mention as renamed by actor resolution
with the two pieces of its article's text it quotes. That is the event's
*bundle*, and its key is a hash of those values; a mention is hashed as its
article's cache key (which stands for the article and everything its
extraction depends on), its index and the names actor resolution gave it,
rather than pickled with its text.

The text itself is not held in memory: after a build, ``graph.ttl`` is
hard-linked as ``OUT/.cache/turtle-blocks.ttl``, and the build state
``turtle-blocks`` (:mod:`graph.builder.stored`, versioned by the whole
package's code) records, per bundle key, where each of its subjects' blocks
lies in that file, which prefixes they use and how many triples they hold,
with the file's size and checksum (:mod:`graph.builder.checksum`). The next
build computes every bundle's key from its merge result (one pickle of the
values per event); a subject of a bundle whose key it knows is copied from
the old file (memory-mapped), every other subject is formatted, and the
file is the same bytes as one written from scratch
(``tests/test_incremental.py`` compares every export of incremental builds
with fresh ones'). Subjects outside any bundle (articles,
outlets, actors, places) are always formatted; a bundle that shares a
subject with another is never kept; an old file that is not the one
recorded (edited, replaced) is not read.

Such a rebuild does not describe the events of the bundles it keeps:
:meth:`TurtleBlocks.described` says which events the merged graph it writes
from must hold (:func:`graph.merge.graph.merged_graph`): those of the other
bundles, and the events their triples name (the wholes they are part of, the
events of the mentions their datings are anchored to), whose types the
validation of their subjects reads.
"""

from __future__ import annotations

import functools
import hashlib
import mmap
import os
from array import array
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from graph.builder.checksum import file_checksum
from graph.builder.stored import Pickles, read_state, write_state
from graph.export import turtle
from graph.export.turtle_runs import in_file, write_runs
from graph.ingest import Article
from graph.merge.graph import CanonicalEvent
from graph.rdf import ids
from graph.rdf.triples import Index

#: The build state holding where the blocks are (see :mod:`graph.builder.stored`).
STATE = "turtle-blocks"
#: The kept copy (a hard link) of the last ``graph.ttl``, under the output folder.
KEPT_FILE = ".cache/turtle-blocks.ttl"
#: Blocks written at once.
BLOCKS_PER_WRITE = 4096
#: Bytes of a run of kept blocks copied at once.
RUN_PIECE = 1 << 24
#: ``owner`` codes: a bundle's number, shifted by this many bits, then the subject's place in the bundle.
PLACE_BITS = 32
PLACE_MASK = (1 << PLACE_BITS) - 1


def _subjects(event: CanonicalEvent) -> list[str]:
    """The subjects :func:`graph.merge.graph._add_event` describes for ``event`` (see graph/rdf/describe.py)."""
    node = str(event.iri)
    found = [node]
    for ref in event.members:
        mention = ids.mention(ref.stem, ref.event.index)
        found += [mention, mention + "/evidence", mention + "/target", mention + "/sentence",
                  mention + "/trigger-span"]
        if ref.event.dating is not None:
            found.append(mention + "/date")
        found += [ids.claim(node, claim.prop, claim.value, claim.qualifier, ref.stem, mention)
                  for claim in ref.event.claims]
    return found


class _Digests:
    """The hash of a pickled value (:class:`graph.builder.stored.Pickles`: equal values, equal bytes)."""

    def __init__(self) -> None:
        self.pickles = Pickles()

    def __call__(self, value) -> bytes:
        return hashlib.blake2b(self.pickles(value), digest_size=20).digest()


def _key(event: CanonicalEvent, wholes: tuple[str, ...], by_stem: dict[str, Article],
         sources: dict[str, str] | None, digest: _Digests) -> bytes:
    """The hash of the event's bundle. A member mention is named by its article's cache key
    (``sources``: a hash of the article and of the code and knowledge that extract it, so of the
    mention as extracted) and its index there, plus the names actor resolution gave it; without
    cache keys, by the mention itself and the two pieces of text it quotes."""
    members = []
    for ref in event.members:
        mention = ref.event
        if sources is not None:
            members.append((ref.stem, sources[ref.stem], mention.index, mention.agents, mention.patients,
                            mention.speaker, tuple(claim.speaker for claim in mention.claims)))
        else:
            text = by_stem[ref.stem].text
            members.append((ref.stem, mention, text[slice(*mention.sentence_span)],
                            text[slice(*mention.trigger_span)]))
    return digest((str(event.iri), event.event_class, event.dating, event.agents, event.patients, event.places,
                   event.reasons, wholes, members))


def _identity(path: Path) -> tuple[int, bytes]:
    """The file's size and checksum (not its inode or time: the state is the same bytes for the same build)."""
    return file_checksum(path)


def _sharing(bundles: Sequence[Iterable[str]]) -> set[int]:
    """The bundles that share a subject with another."""
    first: dict[str, int] = {}
    shared = set()
    for number, subjects in enumerate(bundles):
        for subject in subjects:
            found = first.setdefault(subject, number)
            if found != number:
                shared |= {found, number}
    return shared


@dataclass
class Previous:
    """The blocks of the previous build: per bundle key, the prefixes its blocks use, their offsets
    and lengths in the kept file and its count of triples; the version of the shapes it was
    validated against; the kept file, memory-mapped (None when empty)."""

    bundles: dict[bytes, tuple[tuple[str, ...], Sequence[int], int]]
    checked: str
    old: mmap.mmap | None


def kept_state(out_dir: Path, version: str) -> dict | None:
    """The state the build in ``out_dir`` kept, when it is valid for ``version``."""
    return read_state(out_dir, STATE, version) or None


def previous_blocks(out_dir: Path, kept: dict | None) -> Previous | None:
    """The blocks of the build in ``out_dir``, whose state (:func:`kept_state`) is ``kept``, or None
    when there are none that check out (no state, a kept file that is not the one recorded)."""
    if not kept:
        return None
    path = Path(out_dir) / KEPT_FILE
    try:
        if _identity(path) != kept["file"]:
            return None
        with open(path, "rb") as handle:
            old = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) if kept["file"][0] else None
    except (OSError, ValueError):
        return None
    return Previous(kept["bundles"], kept["checked"], old)


class TurtleBlocks:
    """The Turtle writer of one build (a :class:`graph.export.turtle.BodyWriter`) that reuses the
    blocks of the previous build (:meth:`take`, state valid for ``version``), and keeps its own.

    Bundles are numbered (each event's position in ``events``); ``owner`` maps each subject of a
    bundle to its number and its place among the bundle's subjects (sorted, as they are written) in
    one int, and the offsets and lengths of a bundle's blocks, in the old file and in the new body,
    are arrays in that order: no tuple and no dict entry per subject beyond ``owner``. The graph
    given to :meth:`write_body` need not hold the subjects of kept bundles (see :meth:`described`)."""

    def __init__(self, events: Sequence[CanonicalEvent], sub_events: Iterable[tuple[str, str]],
                 articles: Iterable[Article], version: str, sources: dict[str, str] | None = None) -> None:
        self.version = version
        self.events = events
        by_stem = {a.stem: a for a in articles}
        self.wholes: dict[str, list[str]] = {}
        for part, whole in sub_events:
            self.wholes.setdefault(part, []).append(whole)
        self.keys: list[bytes | None] = []             # None: a bundle sharing a subject with another
        self._sets: list[set[str]] = []
        digest = _Digests()
        for event in events:
            self.keys.append(_key(event, tuple(self.wholes.get(str(event.iri), ())), by_stem, sources, digest))
            self._sets.append(set(_subjects(event)))
        # a subject in two bundles (the merge makes none): neither is kept (their keys are final now: the
        # page asks for them; the bundles' order and owners are made when the Turtle needs them)
        self._shared = _sharing(self._sets) if len(set().union(*self._sets)) < sum(map(len, self._sets)) else set()
        for number in self._shared:
            self.keys[number] = None
        self.prefixes: dict[int, tuple[str, ...]] = {}   # bundle → the prefixes its blocks use
        self.kept: dict[int, Sequence[int]] = {}          # bundle → offsets and lengths in the old file
        self.triples = [0] * len(events)                  # bundle → its count of triples
        self.old: mmap.mmap | None = None
        self.checked = ""
        self.count: int | None = None       # the triples written (see write_body)
        self.fresh: list[tuple[str, bytes]] | None = None   # the blocks prepare formatted
        self.path: Path | None = None
        self.head = 0

    @functools.cached_property
    def bundles(self) -> list[list[str]]:
        """Each bundle's subjects, sorted (as they are written)."""
        bundles = [sorted(subjects) for subjects in self._sets]
        del self._sets
        return bundles

    @functools.cached_property
    def owner(self) -> dict[str, int]:
        """Each subject of a bundle that shares none: its bundle's number and its place there, in one int."""
        codes = [number << PLACE_BITS | n for number, subjects in enumerate(self.bundles) for n in range(len(subjects))]
        owner = dict(zip((subject for subjects in self.bundles for subject in subjects), codes))
        for number in self._shared:
            for subject in self.bundles[number]:
                owner.pop(subject, None)
        return owner

    @functools.cached_property
    def places(self) -> list[array]:
        """Each bundle's offsets and lengths of its blocks in the new body."""
        return [array("q", bytes(16 * len(subjects))) for subjects in self.bundles]

    def take(self, previous: Previous | None) -> None:
        """Keep the blocks of ``previous`` (:func:`previous_blocks`) for the bundles whose key it knows."""
        if previous is None:
            return
        self.old, self.checked = previous.old, previous.checked
        bundles = previous.bundles
        for number, (key, subjects) in enumerate(zip(self.keys, self.bundles)):
            entry = bundles.get(key) if key is not None else None
            if entry is None:
                continue
            prefixes, places, triples = entry
            if len(places) != 2 * len(subjects):
                continue
            self.prefixes[number] = prefixes
            self.kept[number] = places
            self.triples[number] = triples

    def described(self, shapes: str | None = None) -> Collection[int]:
        """The bundles whose subjects the graph given to :meth:`write_body` must hold: those not kept,
        and the events their triples name (the wholes they are part of, the events of the mentions
        their datings are anchored to), whose types the validation of their subjects reads. With
        ``shapes``, the version of the shapes the build validates against: every bundle when the
        previous build was not validated against them (the kept subjects are validated now)."""
        events, kept = self.events, self.kept
        if shapes is not None and self.checked != shapes:
            return range(len(events))
        todo = {number for number in range(len(events)) if number not in kept}
        number_of = {str(event.iri): number for number, event in enumerate(events)}
        named = {number_of[whole] for number in todo for whole in self.wholes.get(str(events[number].iri), ())
                 if whole in number_of}
        anchors = {f"{ref.stem}/{ref.event.dating.anchor_mention}" for number in todo
                   for ref in events[number].members
                   if ref.event.dating is not None and ref.event.dating.anchor_mention is not None}
        if anchors:
            named |= {number for number, event in enumerate(events) for ref in event.members if ref.id in anchors}
        return todo | named

    def unchanged(self, shapes: str, among: Collection[int] | None = None) -> frozenset[str]:
        """The subjects taken over unchanged from the previous build, when that build was validated
        against shapes of version ``shapes`` (:func:`graph.builder.validate.shapes_version`), else none;
        with ``among``, only those of these bundles (the graph validated holds no others: :meth:`described`).

        Their triples are those of the previous build, which conformed (a build that does not publish
        no state): the validation need not look at them as focus nodes again. What a bundle's
        checks read beyond its own subjects (the types of the actors, places and articles it names,
        the events it is part of) is always validated itself, being outside bundles or in the key.
        """
        if not shapes or self.checked != shapes:
            return frozenset()
        kept = self.kept if among is None else [number for number in among if number in self.kept]
        return frozenset(subject for number in kept for subject in self.bundles[number])

    def prepare(self, index: Index, names) -> bool:
        """When most blocks are kept, format the others now (their prefixes noted in ``names`` with
        those of the kept blocks) and say True: the body is then laid out over arrays
        (:mod:`graph.export.turtle_runs`) and can be written straight after the head. Else False:
        :meth:`write_body` takes every subject in order, kept blocks that follow each other in the old
        file (with the one newline between them) copied as one run of its bytes."""
        owner, kept = self.owner, self.kept
        fresh_subjects = [subject for subject in index
                          if (code := owner.get(subject)) is None or code >> PLACE_BITS not in kept] if kept else ()
        self.fresh = None
        if len(fresh_subjects) >= sum(len(self.bundles[number]) for number in kept):
            return False
        self.count = sum(self.triples[number] for number in kept)
        fresh: dict[int, set[str]] = {}
        self.fresh = [(subject, data) for subject in sorted(fresh_subjects)
                      if (data := self._format(subject, index, names, fresh))]
        self._noted(fresh)
        for prefixes in self.prefixes.values():
            names.used.update(prefixes)
        return True

    def write_body(self, index: Index, names, body: BinaryIO) -> None:
        """Write the body (after :meth:`prepare`): kept blocks copied, the others formatted (the same
        bytes as from scratch); :attr:`count` is then the number of triples written, those of the kept
        blocks included (the graph given lacks the subjects of the kept bundles it was not told to
        describe)."""
        if self.fresh is not None:
            self._write_runs(self.fresh, body)
            self.fresh = None
        else:
            self._write_in_order(index, names, body)
        for prefixes in self.prefixes.values():
            names.used.update(prefixes)
        if self.old is not None:
            self.old.close()
            self.old = None

    def _format(self, subject: str, index: Index, names, fresh: dict[int, set[str]]) -> bytes:
        """The block of a subject not kept, its triples counted (and its bundle's, its prefixes noted)."""
        code = self.owner.get(subject)
        predicates = index[subject]
        triples = sum(map(len, predicates.values()))
        self.count += triples
        if code is None:
            return turtle.subject_block(subject, predicates, names).encode("utf-8")
        number = code >> PLACE_BITS
        self.triples[number] += triples
        used, names.used = names.used, fresh.setdefault(number, set())
        try:
            return turtle.subject_block(subject, predicates, names).encode("utf-8")
        finally:
            names.used = used

    def _noted(self, fresh: dict[int, set[str]]) -> None:
        for number, prefixes in fresh.items():
            self.prefixes[number] = tuple(sorted(prefixes))

    def _write_runs(self, blocks: list[tuple[str, bytes]], body: BinaryIO) -> None:
        kept_places, offsets = write_runs(body, self.old, self.kept, self.bundles, blocks)
        for number, places in kept_places.items():
            self.places[number] = places
        for (subject, data), offset in zip(blocks, offsets):
            code = self.owner.get(subject)
            if code is not None:
                n = 2 * (code & PLACE_MASK)
                self.places[code >> PLACE_BITS][n:n + 2] = array("q", (offset, len(data)))

    def _write_in_order(self, index: Index, names, body: BinaryIO) -> None:
        owner, kept, old, places = self.owner, self.kept, self.old, self.places
        fresh: dict[int, set[str]] = {}
        chunk: list[bytes] = []
        at = 0
        run = [0, 0]        # the bytes of the old file still to copy, from and to

        def copy_run() -> None:
            if run[1] > run[0]:
                body.write(b"".join(chunk))
                chunk.clear()
                for piece in range(run[0], run[1], RUN_PIECE):
                    body.write(old[piece:min(piece + RUN_PIECE, run[1])])
            run[0] = run[1] = 0

        self.count = sum(self.triples[number] for number in kept)
        subjects = index
        if kept:
            subjects = set(index)
            subjects.update(subject for number in kept for subject in self.bundles[number])
        for subject in sorted(subjects):
            code = owner.get(subject)
            if code is not None:
                number, n = code >> PLACE_BITS, 2 * (code & PLACE_MASK)
                where = kept.get(number)
                if where is not None:
                    begin, length = where[n], where[n + 1]
                    if not length:
                        continue
                    if at and run[1] and begin == run[1] + 1:   # the next block of the old file, after its newline
                        run[1] = begin + length
                    else:
                        copy_run()
                        if at:
                            chunk.append(b"\n")
                        run[0], run[1] = begin, begin + length
                    at += 1 if at else 0
                    places[number][n], places[number][n + 1] = at, length
                    at += length
                    continue
            data = self._format(subject, index, names, fresh)
            if not data:
                continue
            copy_run()
            if at:
                chunk.append(b"\n")
                at += 1
            if code is not None:
                places[number][n], places[number][n + 1] = at, len(data)
            chunk.append(data)
            at += len(data)
            if len(chunk) >= BLOCKS_PER_WRITE:
                body.write(b"".join(chunk))
                chunk.clear()
        copy_run()
        body.write(b"".join(chunk))
        self._noted(fresh)

    def written(self, path: Path, head: int) -> None:
        """Where the new file is and the length of its head: kept as the state of the next build."""
        self.path, self.head = path, head

    def keep(self, staging: Path, checked: str) -> None:
        """Link the new ``graph.ttl`` as the kept file of ``staging`` and store where its blocks are;
        ``checked`` is the version of the shapes the build validated against ("" when it did not).
        When the file was not written from these blocks (see :meth:`written`), nothing is kept."""
        if self.path is None:
            return
        kept = Path(staging) / KEPT_FILE
        kept.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(self.path, kept)
        except OSError:
            return      # no hard links here: no state, the next build formats every block
        numbers = [number for number, key in enumerate(self.keys) if key is not None]
        bundles = {}
        for number, places in zip(numbers, in_file(self.head, [self.places[number] for number in numbers])):
            bundles[self.keys[number]] = (self.prefixes.get(number, ()), places, self.triples[number])
        write_state(staging, STATE, self.version, {"file": _identity(kept), "checked": checked,
                                                    "bundles": bundles})
