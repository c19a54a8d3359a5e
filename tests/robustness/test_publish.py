"""The export set switches at once: staging, exchange, what is kept, what goes, and the fallback."""

from __future__ import annotations

import errno
import os
import stat

import pytest

from graph.errors import ExportError
from graph.export import publish as publishing
from graph.export.lock import LOCK_FILE, build_lock
from graph.export.publish import EXCHANGE, REPLACE, Staging, exchange_supported
from graph.builder.pipeline import EXPORTS
from tests.robustness.publish_helpers import NEW, OLD, expected, leftovers, manifest, publish

needs_exchange = pytest.mark.skipif(not exchange_supported(__import__("tempfile").gettempdir()),
                                    reason="renameat2(RENAME_EXCHANGE) is not available here")


@pytest.fixture
def out(tmp_path):
    folder = tmp_path / "out"
    publish(folder, OLD)
    assert manifest(folder) == expected(OLD)
    return folder


@needs_exchange
def test_the_new_set_replaces_the_old_one_whole(out):
    stage = publish(out, NEW)
    assert stage.mode == EXCHANGE
    assert manifest(out) == expected(NEW)  # articles/a.ttl, no longer built, is gone
    assert leftovers(out) == []


def test_the_fallback_gives_the_same_folder(out, monkeypatch):
    def unsupported(first, second):
        raise OSError(errno.ENOSYS, "no")

    monkeypatch.setattr(publishing, "exchange", unsupported)
    stage = publish(out, NEW)
    assert stage.mode == REPLACE
    assert manifest(out) == expected(NEW) and leftovers(out) == []


def test_with_the_current_directory_inside_out_files_are_moved_one_by_one(out, monkeypatch):
    monkeypatch.chdir(out)
    stage = publish(out, NEW)
    assert stage.mode == REPLACE and stage.path.parent == out
    assert manifest(out) == expected(NEW) and leftovers(out) == []


@pytest.mark.parametrize("cwd_inside", [False, True])
def test_what_the_build_does_not_own_is_kept(out, monkeypatch, cwd_inside):
    (out / "notes.md").write_text("mine\n")
    (out / ".store" / "db").mkdir(parents=True)
    (out / ".store" / "db" / "data").write_bytes(b"rocks")
    (out / "latest").symlink_to("timeline.html")
    (out / "articles" / "README").write_text("about the graphs\n")
    (out / "articles" / ".b.ttl.x1y2.tmp").write_text("a killed writer's temp file")
    (out / ".graph.ttl.abcd.tmp").write_text("a killed writer's temp file")
    if cwd_inside:
        monkeypatch.chdir(out)
    publish(out, NEW)
    assert manifest(out) == expected(NEW, {
        "notes.md": manifest(out)["notes.md"], ".store/db/data": manifest(out)[".store/db/data"],
        "latest": "-> timeline.html", "articles/README": manifest(out)["articles/README"]})
    assert (out / "notes.md").read_text() == "mine\n" and (out / ".store/db/data").read_bytes() == b"rocks"


@needs_exchange
def test_the_lock_file_stays_the_inode_the_build_holds(out):
    before = (out / LOCK_FILE).stat().st_ino
    with build_lock(out):
        with Staging(out, EXPORTS) as stage:
            (stage.path / "graph.ttl").write_bytes(b"x\n")
        assert (out / LOCK_FILE).stat().st_ino == before
        with pytest.raises(ExportError, match="another build is writing to this folder"):
            with build_lock(out):
                pass


def test_a_failing_build_leaves_the_old_set_and_no_staging(out):
    with pytest.raises(RuntimeError):
        with build_lock(out), Staging(out, EXPORTS) as stage:
            (stage.path / "graph.ttl").write_bytes(b"half")
            raise RuntimeError("render failed")
    assert manifest(out) == expected(OLD) and leftovers(out) == []


def test_staging_folders_of_killed_builds_are_removed(out):
    (out.parent / f".{out.name}.staging-99999" / "articles").mkdir(parents=True)
    (out / ".staging-99998").mkdir()
    publish(out, NEW)
    assert leftovers(out) == [] and manifest(out) == expected(NEW)


def test_a_file_the_build_does_not_own_is_refused(out):
    with pytest.raises(ExportError, match="not among the exports it owns"):
        with build_lock(out), Staging(out, EXPORTS) as stage:
            (stage.path / "stray.txt").write_bytes(b"x")
    assert manifest(out) == expected(OLD) and leftovers(out) == []


@needs_exchange
def test_permissions_of_the_folders_are_kept(out):
    out.chmod(0o750)
    (out / "articles").chmod(0o700)
    publish(out, NEW)
    assert stat.S_IMODE(out.stat().st_mode) == 0o750
    assert stat.S_IMODE((out / "articles").stat().st_mode) == 0o700


def test_out_given_as_a_symlink_updates_the_folder_it_names(tmp_path, out):
    link = tmp_path / "link"
    link.symlink_to(out)
    publish(link, NEW)
    assert link.is_symlink() and manifest(out) == expected(NEW)


@needs_exchange
def test_a_crash_at_every_step_leaves_the_old_set_or_the_new_one(out):
    """Fork, and stop the child with os._exit (no clean-up runs: a SIGKILL) at step k of a publish,
    for every k until the publish completes: writing the staging folder, carrying over, exchanging."""
    (out / "notes.md").write_text("mine\n")
    old = manifest(out)
    new = {**expected(NEW), "notes.md": old["notes.md"]}
    outcomes = []
    for k in range(1, 100):
        crashed = _crash_at(out, NEW, k)
        state = manifest(out)
        assert state in (old, new), f"crash at step {k}: a mix"
        outcomes.append("new" if state == new else "old")
        if not crashed:
            break
        publish(out, OLD)  # the next build succeeds: no stale lock, leftovers removed
        assert manifest(out) == old and leftovers(out) == []
    assert len(outcomes) > len(NEW) + 3 and outcomes[-1] == "new"
    assert outcomes.count("old") > 1 and outcomes.count("new") > 1  # crashes before and after the exchange


def test_with_the_fallback_a_crash_leaves_every_file_whole_and_the_next_build_repairs(out, monkeypatch):
    def unsupported(first, second):
        raise OSError(errno.ENOSYS, "no")

    monkeypatch.setattr(publishing, "exchange", unsupported)
    versions = {rel: {expected(OLD).get(rel), expected(NEW).get(rel)} - {None} for rel in {*OLD, *NEW}}
    for k in range(1, 100):
        crashed = _crash_at(out, NEW, k)
        assert all(digest in versions[rel] for rel, digest in manifest(out).items()), f"crash at step {k}"
        if not crashed:
            break
        publish(out, NEW)
        assert manifest(out) == expected(NEW) and leftovers(out) == []
        publish(out, OLD)
    assert k > len(NEW) * 2


def _crash_at(out, files, k: int) -> bool:
    """Publish ``files`` in a child process that dies at its k-th step; True if it died."""
    pid = os.fork()
    if pid == 0:
        try:
            done = [0]

            def step(_name):
                done[0] += 1
                if done[0] == k:
                    os._exit(137)

            publishing._step = step
            publish(out, files, step=step)
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) in (0, 137)
    return os.WEXITSTATUS(status) == 137


def test_only_staging_folders_are_taken_for_leftovers(tmp_path, out):
    (out / ".staging-notes").mkdir()
    (out / ".staging-notes" / "n").write_text("mine\n")
    other = tmp_path / ".out.staging-1.staging-5"  # a build's staging folder for the output folder "out.staging-1"
    other.mkdir()
    publish(out, NEW)
    assert (out / ".staging-notes" / "n").read_text() == "mine\n" and other.is_dir()
