"""Publishing a build's exports as one set: a reader sees the old set or the new one, never a mix.

Writing each file atomically (:mod:`graph.export.atomic`) is not enough: a
build killed between writing ``articles/*.ttl`` and ``timeline.html`` used
to leave new article graphs beside an old merged graph and page. Here the
whole set switches at once.

How
---
1. Every file of the new set is written into a **staging folder** beside the
   output folder, ``PARENT/.<OUT>.staging-<pid>/`` (for ``exports``:
   ``.exports.staging-1234``), with the same layout as ``OUT``. Nothing in
   ``OUT`` is touched while the slow part (rendering, serialising) runs; a
   build that fails or is killed here leaves the old set as it was.
2. Whatever in ``OUT`` is not the build's own (any file or folder that is
   not ``graph.ttl``, ``merge-log.json``, ``timeline.html``,
   ``articles/*.ttl``, the per-article cache ``.cache/articles/*`` or the
   build state ``.cache/*.bin``, ``.cache/*.ttl``, which are published with
   the set — including ``.build.lock``) is carried over into the
   staging folder as **hard links** (folders as trees of hard links), so
   nothing a user keeps in ``OUT`` is lost, and the lock file stays the
   very inode the running build holds its ``flock`` on.
3. The staging folder and ``OUT`` are **exchanged** with one
   ``renameat2(RENAME_EXCHANGE)`` system call: atomically, ``OUT`` is the
   new folder and the staging name holds the old one, which is then
   deleted. Files, folders and modes are plain; stale article graphs simply
   are not in the new folder.

A build killed at any point leaves ``OUT`` exactly old or exactly new, and
at most a staging folder beside it, which the next build into ``OUT``
deletes before it starts (under the build lock, so no running build's
staging folder is ever touched). ``tests/robustness/test_kill.py`` checks
this by SIGKILLing real builds at random moments, and
``tests/robustness/test_publish.py`` by crashing :class:`Staging` at every
one of its steps.

Why this scheme and not a symlink swap
--------------------------------------
The other classic scheme keeps each build in ``OUT/.versions/<id>/`` and
makes ``graph.ttl``, ``timeline.html``, … symlinks through one
``OUT/.current`` symlink that is replaced atomically. It is portable to
every POSIX system, but ``exports/`` is committed to git, and a visitor of
the repository must find plain files there: git would store symlinks into
an uncommitted folder (broken in every clone, shown as a path on the web,
plain text files on Windows). Publishing the committed folder differently
would leave ``make demo`` — the build people run most — without the
guarantee. Exchanging the folder keeps plain files in every case, the
output paths and layout unchanged, and two builds byte-identical (the
folder holds exactly what the old scheme wrote).

What it costs, and the fallback
-------------------------------
- ``renameat2`` with ``RENAME_EXCHANGE`` is Linux (3.15+, glibc 2.28+) on
  file systems that support it (ext4, xfs, btrfs, tmpfs, overlayfs, …).
  Elsewhere (macOS, NFS, ``OUT`` a mount point, the parent folder not
  writable, or the current directory inside ``OUT``, whose shell would be
  left in a deleted folder), the staging folder is ``OUT/.staging-<pid>``
  and the files are moved into place one by one with ``os.replace``
  (``articles/`` first, ``timeline.html`` last, then stale graphs go):
  every file is still whole and a failed or killed *render* still leaves the
  old set, but a kill within the few milliseconds of moving can leave a mix.
  :attr:`Staging.mode` says which way a build was published.
- The folder ``OUT`` is a new inode after each build: a process whose
  current directory is ``OUT`` sees the old, deleted folder (``cd .``
  again); processes that open files by path are not affected.
- Files someone adds to ``OUT`` *during* the millisecond or so between the
  carry-over and the exchange stay in the old folder and are deleted. The
  one writer this can meet is the query store in ``OUT/.store/``
  (:mod:`graph.sparql.store`) being rebuilt by a ``query`` that runs at the very
  moment a build publishes; files it already has are shared (hard links),
  so a reader that holds the store open keeps working.
"""

from __future__ import annotations

import ctypes
import errno
import fnmatch
import os
import re
import shutil
import stat
import sys
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from graph.errors import ExportError
from graph.export.atomic import fsync_dir, temp_pattern

STAGING_PREFIX = ".staging-"
AT_FDCWD = -100
RENAME_EXCHANGE = 2

EXCHANGE = "exchange"
REPLACE = "replace"


def _step(name: str) -> None:
    """Called before every change :class:`Staging` makes to the file system.

    A no-op; the crash tests replace it to stop the process at each step.
    """


# ------------------------------------------------------------------ exchange


_RENAMEAT2: object = None  # not looked up yet; False when unavailable


def _renameat2():
    global _RENAMEAT2
    if _RENAMEAT2 is None:
        _RENAMEAT2 = False
        if sys.platform.startswith("linux"):
            try:
                function = ctypes.CDLL(None, use_errno=True).renameat2
            except (OSError, AttributeError):
                pass
            else:
                function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
                function.restype = ctypes.c_int
                _RENAMEAT2 = function
    return _RENAMEAT2 or None


def exchange(first: Path, second: Path) -> None:
    """Swap two paths atomically (both must exist); OSError if the system cannot."""
    function = _renameat2()
    if function is None:
        raise OSError(errno.ENOSYS, "renameat2 is not available on this system")
    if function(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE) != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), str(first), None, str(second))


def exchange_supported(folder: Path) -> bool:
    """Whether two folders inside ``folder`` can be exchanged atomically."""
    folder = Path(folder)
    a, b = folder / f".exchange-probe-{os.getpid()}-a", folder / f".exchange-probe-{os.getpid()}-b"
    try:
        a.mkdir()
        b.mkdir()
        (a / "a").touch()
        exchange(a, b)
        return (b / "a").exists() and not (a / "a").exists()
    except OSError:
        return False
    finally:
        shutil.rmtree(a, ignore_errors=True)
        shutil.rmtree(b, ignore_errors=True)


# --------------------------------------------------------------- the staging


def _is_staging(name: str, prefix: str = STAGING_PREFIX) -> bool:
    """``<prefix><pid>``: the name of a staging folder, and nothing else."""
    return name.startswith(prefix) and name[len(prefix):].isdigit()


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


class Staging:
    """Write a build's files into :attr:`path`; leaving the ``with`` block publishes them as one set.

    ``owned`` are glob patterns (relative, ``/``-separated) of the paths in
    ``OUT`` that the build produces: they are replaced, and those the new
    set lacks (an article no longer in the input) are removed. Everything
    else in ``OUT`` is kept. If the block raises, the staging folder is
    deleted and ``OUT`` is untouched. Must be used while holding
    :func:`graph.export.lock.build_lock` on ``out_dir``: entering deletes the
    staging folders that killed builds into ``out_dir`` left behind.
    """

    def __init__(self, out_dir: Path, owned: Iterable[str]):
        self.out = Path(os.path.realpath(out_dir))
        self.owned = tuple(owned)
        # the owned patterns and the temporary files of each, as one regular expression
        patterns = []
        for pattern in self.owned:
            folder, _, name = pattern.rpartition("/")
            patterns += [pattern, f"{folder}/{temp_pattern(name)}" if folder else temp_pattern(name)]
        self._owned_text = re.compile("|".join(f"(?:{fnmatch.translate(p)})" for p in patterns)).match
        self.path: Path | None = None
        self.mode: str | None = None

    # ------------------------------------------------------------- the block

    def __enter__(self) -> Staging:
        try:
            self.out.mkdir(parents=True, exist_ok=True)
            self.remove_leftovers()
            self.path = self._choose_path()
            _step("create staging")
            self.path.mkdir()
        except OSError as exc:
            raise ExportError(f"cannot create the staging folder: {exc.strerror}", path=self.out) from exc
        return self

    def __exit__(self, kind, value, traceback) -> None:
        if kind is not None:
            shutil.rmtree(self.path, ignore_errors=True)
            return
        try:
            self._publish()
        except OSError as exc:
            where = Path(exc.filename) if exc.filename else self.out
            raise ExportError(f"cannot publish the exports: {exc.strerror or exc}", path=where) from exc
        finally:
            shutil.rmtree(self.path, ignore_errors=True)

    # ------------------------------------------------------------- locations

    def leftovers(self) -> list[Path]:
        """Staging folders of earlier builds into this folder (killed ones leave them)."""
        found = []
        for folder, prefix in ((self.out.parent, f".{self.out.name}{STAGING_PREFIX}"), (self.out, STAGING_PREFIX)):
            with os.scandir(folder) as entries:
                found += [Path(e.path) for e in entries if _is_staging(e.name, prefix) and e.is_dir(follow_symlinks=False)]
        return sorted(found)

    def remove_leftovers(self) -> None:
        for path in self.leftovers():
            _step("remove leftover staging")
            shutil.rmtree(path)

    def _choose_path(self) -> Path:
        """Beside ``OUT`` when the folders can be exchanged, else inside it."""
        beside = self.out.parent / f".{self.out.name}{STAGING_PREFIX}{os.getpid()}"
        try:
            same_device = self.out.parent.stat().st_dev == self.out.stat().st_dev
        except OSError:
            same_device = False
        usable = (_renameat2() is not None and same_device and self.out.parent != self.out
                  and os.access(self.out.parent, os.W_OK | os.X_OK) and not _inside(Path.cwd().resolve(), self.out))
        return beside if usable else self.out / f"{STAGING_PREFIX}{os.getpid()}"

    # -------------------------------------------------------------- ownership

    def _is_owned(self, relative: PurePosixPath) -> bool:
        return self._owned_text(relative.as_posix()) is not None

    def _holds_owned(self, relative: PurePosixPath) -> bool:
        """Whether owned paths live inside this folder (``articles``)."""
        return any(pattern.startswith(relative.as_posix() + "/") for pattern in self.owned)

    def _staged_files(self) -> list[PurePosixPath]:
        """The new set, files in subfolders first and top-level files in name order, ``timeline.html`` last."""
        found = []
        for root, _dirs, files in os.walk(self.path):
            base = PurePosixPath(Path(root).relative_to(self.path).as_posix())
            found += [base / name for name in files]
        return sorted(found, key=lambda p: (len(p.parts) == 1, p.suffix == ".html", p.as_posix()))

    # ------------------------------------------------------------ publishing

    def _publish(self) -> None:
        assert self.path is not None
        staged = self._staged_files()
        for relative in staged:
            if not self._is_owned(relative):
                raise ExportError(f"the build wrote {relative}, which is not among the exports it owns", path=self.out)
        if self.path.parent != self.out:
            try:
                self._carry_over(self.out, self.path, PurePosixPath())
                for folder in self._new_folders(staged):
                    self._match_mode(folder)
                    fsync_dir(folder)
                _step("exchange")
                exchange(self.path, self.out)
            except OSError:
                pass  # cannot exchange here: move the files one by one instead
            else:
                self.mode = EXCHANGE
                fsync_dir(self.out.parent)
                _step("remove old set")
                return  # the old set, now at self.path, is deleted by __exit__
        self.mode = REPLACE
        self._replace_one_by_one(staged)

    def _new_folders(self, staged: list[PurePosixPath]) -> list[Path]:
        """The folders the build made in the staging folder, deepest first."""
        assert self.path is not None
        folders = {self.path} | {(self.path / relative).parent for relative in staged}
        return sorted(folders, key=lambda p: -len(p.parts))

    def _match_mode(self, folder: Path) -> None:
        """A new folder gets the permissions of the one it replaces."""
        assert self.path is not None
        old = self.out / folder.relative_to(self.path)
        if old.is_dir() and not old.is_symlink():
            os.chmod(folder, stat.S_IMODE(old.stat().st_mode))

    def _carry_over(self, source: Path, target: Path, relative: PurePosixPath) -> None:
        """Hard-link into ``target`` every entry of ``source`` that the build does not own."""
        prefix = f"{relative.as_posix()}/" if relative.parts else ""
        staging = str(self.path)
        for entry in sorted(os.scandir(source), key=lambda e: e.name):
            if (entry.path == staging or self._owned_text(prefix + entry.name) is not None
                    or (not relative.parts and _is_staging(entry.name))):
                continue
            rel = relative / entry.name
            src, dst = Path(entry.path), target / entry.name
            if entry.is_dir(follow_symlinks=False) and self._holds_owned(rel):
                dst.mkdir(exist_ok=True)
                self._carry_over(src, dst, rel)
                continue
            if os.path.lexists(dst):
                continue  # the new set has it
            _step(f"carry over {rel}")
            if entry.is_symlink():
                os.symlink(os.readlink(src), dst)
            elif entry.is_dir(follow_symlinks=False):
                shutil.copytree(src, dst, symlinks=True, copy_function=os.link)
            else:
                os.link(src, dst, follow_symlinks=False)

    def _replace_one_by_one(self, staged: list[PurePosixPath]) -> None:
        assert self.path is not None
        for relative in staged:
            target = self.out / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            _step(f"replace {relative}")
            os.replace(self.path / relative, target)
        keep = {relative.as_posix() for relative in staged}
        for relative in self._owned_in_out():
            if relative.as_posix() not in keep:
                _step(f"remove {relative}")
                (self.out / relative).unlink()
        for folder in {(self.out / relative).parent for relative in staged} | {self.out}:
            fsync_dir(folder)

    def _owned_in_out(self) -> list[PurePosixPath]:
        found = []
        for root, dirs, files in os.walk(self.out):
            base = PurePosixPath(Path(root).relative_to(self.out).as_posix())
            dirs[:] = [d for d in dirs if self._holds_owned(base / d)]
            found += [base / name for name in files if self._is_owned(base / name)]
        return sorted(found)
