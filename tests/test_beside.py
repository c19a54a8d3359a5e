"""Work done in a forked process while the build goes on (graph/builder/beside.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from graph.builder.beside import beside
from graph.errors import ExportError


def test_the_child_s_result_comes_back_and_its_file_is_written(tmp_path):
    target = tmp_path / "page.html"
    parent = os.getpid()

    def work():
        target.write_text("written", encoding="utf-8")
        return os.getpid()

    assert beside(work).wait() != parent
    assert target.read_text(encoding="utf-8") == "written"


def test_the_child_s_exception_is_raised_here():
    def work():
        raise ExportError("cannot write", path=Path("page.html"))

    with pytest.raises(ExportError, match="cannot write"):
        beside(work).wait()


def test_a_child_that_dies_without_an_answer_leaves_the_work_to_this_process():
    parent = os.getpid()

    def work():
        if os.getpid() != parent:
            os._exit(9)
        return "done here"

    assert beside(work).wait() == "done here"


def test_a_cancelled_child_is_gone(tmp_path):
    marker = tmp_path / "late"

    def work():
        import time

        time.sleep(5)
        marker.write_text("too late", encoding="utf-8")

    running = beside(work)
    pid = running.pid
    running.cancel()
    assert running.pid is None and not marker.exists()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, 0)
