"""Reproducible output: the same input gives byte-identical exports, whatever the hash seed, file order and jobs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import REPO, SEEDS
from tests.robustness.publish_helpers import manifest


def _build(corpus, out, hash_seed: str, *options: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONHASHSEED": hash_seed}
    done = subprocess.run([sys.executable, "-m", "graph", "build", str(corpus), "--out", str(out), "--no-validate",
                           *options], check=False, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.slow
def test_builds_with_different_hash_seeds_file_order_and_jobs_are_byte_identical(tmp_path):
    """Two processes, PYTHONHASHSEED 1 and 4242 (set and dict order of strings differ), the first
    extracting in itself (--jobs 1), the second in two worker processes (--jobs 2) reading a copy of
    the seeds made in reverse order: every file is the same, byte for byte, the cache entries included;
    a third build, from the cache, too."""
    reversed_copy = tmp_path / "seeds"
    reversed_copy.mkdir()
    for path in sorted(SEEDS.iterdir(), reverse=True):
        shutil.copy(path, reversed_copy / path.name)
    _build(SEEDS, tmp_path / "one", "1", "--jobs", "1")
    _build(reversed_copy, tmp_path / "two", "4242", "--jobs", "2")
    first, second = manifest(tmp_path / "one"), manifest(tmp_path / "two")
    articles = len(list(SEEDS.glob("*.txt")))
    states = [name for name in first if name.startswith(".cache/") and name.count("/") == 1]
    assert sorted(states) == [".cache/knowledge.bin", ".cache/merge-clusters.bin", ".cache/story-shares.bin",
                              ".cache/timeline-views.bin", ".cache/turtle-blocks.bin", ".cache/turtle-blocks.ttl"]
    assert len(first) == articles + 3 + 2 * articles + len(states)  # the exports and two cache files per article
    assert first == second
    summary = _build(SEEDS, tmp_path / "one", "99", "--jobs", "2")
    assert f"{articles} articles ({articles} from cache)" in summary
    assert manifest(tmp_path / "one") == first
