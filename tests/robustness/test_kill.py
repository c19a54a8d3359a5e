"""SIGKILL real builds at random moments: the exports are the old set or the new set, never a mix.

Two small corpora, A and B, differ in every export (B drops an article,
changes one and adds one). Starting from a complete build, each run starts
``python -m graph build`` towards the other corpus and kills it with SIGKILL
at a random moment (seeded): a third of the runs anywhere in the build, the
rest while the exports are being written and published (after the first
sign of it: the staging folder appears beside the output folder, or, with a
scheme that writes in place, the output folder changes). After each kill the output folder, compared by a manifest
of SHA-256 hashes of every file, must be exactly the previous set or exactly
the new one, a file someone keeps there must still be there, and the next
build must succeed: no stale lock, no leftover staging folder in the way.
Two output folders run side by side (two cores), and a final build leaves no
staging folder behind.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
import traceback
from pathlib import Path

import pytest

from graph.export.publish import exchange_supported
from tests.conftest import REPO
from tests.robustness.publish_helpers import leftovers, manifest

RUNS_PER_FOLDER = 10  # two folders side by side: 20 kills, ~55 s on two cores
SEED = 20250318
TIMEOUT_SECONDS = 60  # one build; only a hang gets near it

CORPUS_A = {
    "a.txt": "+++\npublished = 2025-03-18\n+++\nJoe Biden spoke with Xi Jinping on Monday.\n",
    "b.txt": "+++\npublished = 2025-03-18\n+++\nEmmanuel Macron met Olaf Scholz in Paris on Friday.\n",
}
CORPUS_B = {
    "b.txt": "+++\npublished = 2025-03-19\n+++\nEmmanuel Macron met Olaf Scholz in Berlin on Friday.\n",
    "c.txt": "+++\npublished = 2025-03-19\n+++\nVladimir Putin refused a ceasefire on Tuesday.\n",
}


def _write_corpus(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text)
    return folder


def _start(corpus: Path, out: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen([sys.executable, "-m", "graph", "build", str(corpus), "--out", str(out), "--no-validate"],
                            cwd=out.parent, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def _fingerprint(out: Path) -> tuple:
    """Changes when a build starts writing into ``out`` (or ``out/articles``)."""
    found = []
    for folder in (out, out / "articles"):
        try:
            info = folder.stat()
            found.append((info.st_ino, info.st_mtime_ns))
        except OSError:
            found.append(None)
    return tuple(found)


def _inode(folder: Path) -> int:
    return folder.stat().st_ino


def _exporting(out: Path, pid: int, before: tuple) -> bool:
    """The build has begun to write its exports: a staging folder, or a change in place."""
    return (out.parent / f".{out.name}.staging-{pid}").exists() or _fingerprint(out) != before


def _build(corpus: Path, out: Path) -> tuple[float, float]:
    """A complete build: (seconds, seconds from the start of exporting to the new set in place)."""
    started = time.monotonic()
    before, inode = _fingerprint(out), _inode(out)
    process = _start(corpus, out)
    staged = switched = None
    try:
        while process.poll() is None:
            now = time.monotonic()
            if staged is None and _exporting(out, process.pid, before):
                staged = now
            if staged is not None and switched is None and _inode(out) != inode:
                switched = now  # the folder was exchanged
            assert now - started < TIMEOUT_SECONDS, "a build hangs"
            time.sleep(0.0005)
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
    output = process.stdout.read().decode()
    assert process.returncode == 0, output
    ended = time.monotonic()
    return ended - started, (switched or ended) - (staged or ended)


class Folder:
    """One output folder and its sequence of killed builds."""

    def __init__(self, root: Path, index: int, corpora: dict[str, Path]):
        self.out = root / f"out{index}"
        self.corpora = corpora
        self.rng = random.Random(SEED + index)
        self.sets: dict[str, dict[str, str]] = {}
        self.results: list[tuple[str, str, str]] = []  # (phase killed in, target set, "old" | "new")
        self.failure: str | None = None

    def prepare(self, start: str) -> tuple[float, float]:
        """Build ``start`` into the folder (beside a file the user keeps there)."""
        self.out.mkdir()
        (self.out / "notes.md").write_text("kept by the user\n")
        return _build(self.corpora[start], self.out)

    def state(self) -> str:
        current = manifest(self.out)
        return next((name for name, files in self.sets.items() if files == current), "mix")

    def run(self, runs: int, whole: float, publishing: float) -> None:
        try:
            for _ in range(runs):
                self._one(whole, publishing)
        except Exception:  # noqa: BLE001 - reported by the test
            self.failure = traceback.format_exc()

    def _one(self, whole: float, publishing: float) -> None:
        before = self.state()
        assert before in ("A", "B"), f"{self.out}: a mix before the run"
        target = "B" if before == "A" else "A"
        when = "anywhere" if self.rng.random() < 1 / 3 else "publishing"
        delay = self.rng.uniform(0, whole) if when == "anywhere" else self.rng.uniform(0, 1.25 * publishing)
        before_files = _fingerprint(self.out)
        process = _start(self.corpora[target], self.out)
        started = time.monotonic()
        staged = None
        try:
            while process.poll() is None:
                now = time.monotonic()
                assert now - started < TIMEOUT_SECONDS, "a build hangs"
                if staged is None and _exporting(self.out, process.pid, before_files):
                    staged = now
                if (when == "anywhere" and now - started >= delay) or (when == "publishing" and staged is not None
                                                                       and now - staged >= delay):
                    break
                time.sleep(0.0005)
        finally:
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)
            process.wait()
        output = process.stdout.read().decode()
        if process.returncode != -signal.SIGKILL:  # finished before the kill
            assert process.returncode == 0, f"{self.out}: the build after a kill failed:\n{output}"
        after = self.state()
        assert after in (before, target), f"{self.out}: killed ({when}, {delay:.3f} s): old and new files mixed"
        phase = "finished" if process.returncode == 0 else ("staged" if staged else "early")
        self.results.append((phase, target, "new" if after == target else "old"))


@pytest.mark.slow
@pytest.mark.skipif(not exchange_supported(Path(__import__("tempfile").gettempdir())),
                    reason="renameat2(RENAME_EXCHANGE) is not available here: exports are moved file by file")
def test_sigkilled_builds_leave_the_old_set_or_the_new_one(tmp_path):
    corpora = {"A": _write_corpus(tmp_path / "A", CORPUS_A), "B": _write_corpus(tmp_path / "B", CORPUS_B)}
    folders = [Folder(tmp_path, i, corpora) for i in range(2)]
    prepared = []  # one folder starts from A, the other from B: the two sets, each built once
    _in_parallel([lambda f=f, s=s: prepared.append(f.prepare(s)) for f, s in zip(folders, "AB")])
    sets = {"A": manifest(folders[0].out), "B": manifest(folders[1].out)}
    assert sets["A"] != sets["B"] and all("notes.md" in files for files in sets.values())
    for folder in folders:
        folder.sets = sets
    whole, publishing = max(w for w, _ in prepared), max(p for _, p in prepared)
    _in_parallel([lambda f=f: f.run(RUNS_PER_FOLDER, whole, publishing) for f in folders])
    for folder in folders:
        assert folder.failure is None, folder.failure
    results = [r for folder in folders for r in folder.results]
    summary = {key: sum(1 for r in results if (r[0], r[2]) == key) for key in sorted({(r[0], r[2]) for r in results})}
    print(f"\n{len(results)} runs (build {whole:.2f} s, exporting {publishing:.3f} s): {summary}")
    assert len(results) == 2 * RUNS_PER_FOLDER
    assert sum(1 for r in results if r[0] == "staged") >= 5, "too few kills landed while exporting"
    for folder in folders:  # the next build succeeds and leaves nothing behind
        target = "B" if folder.state() == "A" else "A"
        _build(folder.corpora[target], folder.out)
        assert folder.state() == target and leftovers(folder.out) == []
        assert (folder.out / "notes.md").read_text() == "kept by the user\n"


def _in_parallel(jobs) -> None:
    errors = []

    def run(job):
        try:
            job()
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
