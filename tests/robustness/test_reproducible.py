"""Reproducible output: the same input gives byte-identical exports, whatever the hash seed and file order."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import REPO, SEEDS
from tests.robustness.publish_helpers import manifest


def _build(corpus, out, hash_seed: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONHASHSEED": hash_seed}
    done = subprocess.run([sys.executable, "-m", "graph", "build", str(corpus), "--out", str(out), "--no-validate"],
                          check=False, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr


@pytest.mark.slow
def test_builds_with_different_hash_seeds_and_file_order_are_byte_identical(tmp_path):
    """Two processes, PYTHONHASHSEED 1 and 4242 (set and dict order of strings differ), the second
    reading a copy of the seeds made in reverse order: every export file is the same, byte for byte."""
    reversed_copy = tmp_path / "seeds"
    reversed_copy.mkdir()
    for path in sorted(SEEDS.iterdir(), reverse=True):
        shutil.copy(path, reversed_copy / path.name)
    _build(SEEDS, tmp_path / "one", "1")
    _build(reversed_copy, tmp_path / "two", "4242")
    first, second = manifest(tmp_path / "one"), manifest(tmp_path / "two")
    assert len(first) == len(list(SEEDS.glob("*.txt"))) + 3
    assert first == second
