"""Shared by the publishing tests: export sets, folder manifests, a publish without the pipeline."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from graph.export.atomic import write_bytes_atomic
from graph.export.lock import LOCK_FILE, build_lock
from graph.export.publish import Staging
from graph.builder.pipeline import EXPORTS

OLD = {"articles/a.ttl": b"old a\n", "articles/b.ttl": b"old b\n", "graph.ttl": b"old graph\n",
       "merge-log.json": b"[]\n", "timeline.html": b"<p>old</p>\n"}
NEW = {"articles/b.ttl": b"new b\n", "articles/c.ttl": b"new c\n", "graph.ttl": b"new graph\n",
       "merge-log.json": b"[1]\n", "timeline.html": b"<p>new</p>\n"}


def manifest(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` but the lock: relative path → SHA-256 (symlinks: → their target)."""
    found = {}
    for root, dirs, files in os.walk(folder):
        for name in files + [d for d in dirs if os.path.islink(os.path.join(root, d))]:
            path = Path(root) / name
            relative = path.relative_to(folder).as_posix()
            if relative == LOCK_FILE:
                continue
            found[relative] = ("-> " + os.readlink(path)) if path.is_symlink() else \
                hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def leftovers(out: Path) -> list[str]:
    """Staging folders beside or inside ``out``."""
    beside = [p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.staging-")]
    return beside + [p.name for p in out.iterdir() if p.name.startswith(".staging-")]


def publish(out: Path, files: dict[str, bytes], step=None) -> Staging:
    """Publish ``files`` as the export set of ``out`` the way ``build`` does."""
    with build_lock(out), Staging(out, EXPORTS) as stage:
        (stage.path / "articles").mkdir()
        for relative, data in files.items():
            if step:
                step(f"write {relative}")
            write_bytes_atomic(stage.path / relative, data)
    return stage


def expected(files: dict[str, bytes], extra: dict[str, str] | None = None) -> dict[str, str]:
    return {**{k: hashlib.sha256(v).hexdigest() for k, v in files.items()}, **(extra or {})}
