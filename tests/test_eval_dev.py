"""bench/eval_dev.py without the dev texts (a clear message, exit 2) and the report's counts by cause."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from graph.evaluate import EvaluationReport, Figures, format_report
from graph.evaluate.report import ArticleResult, Extra, Miss, extra_group, miss_categories

REPO = Path(__file__).resolve().parent.parent


def eval_dev(*args: str) -> subprocess.CompletedProcess:
    """Run ``PYTHONPATH=. python bench/eval_dev.py ARGS`` from the repository root."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "bench/eval_dev.py", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def dev_gold(tmp_path) -> Path:
    """A stand-in dev gold folder: the gold file, its README and a make_corpus.py that refuses everything."""
    folder = tmp_path / "dev"
    folder.mkdir()
    (folder / "dev_gold.json").write_text("{}", encoding="utf-8")
    (folder / "README.md").write_text("# Restore the texts\n", encoding="utf-8")
    (folder / "make_corpus.py").write_text("import sys\nprint('A01.txt: missing', file=sys.stderr)\nsys.exit(1)\n",
                                           encoding="utf-8")
    return folder / "dev_gold.json"


# -- the command without the texts ---------------------------------------------------------------------------

def test_absent_texts_say_how_to_restore_them(tmp_path, dev_gold):
    empty = tmp_path / "texts"
    empty.mkdir()
    done = eval_dev("--texts", str(empty), "--gold", str(dev_gold))
    assert done.returncode == 2
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert 1 <= len(lines) <= 2
    assert f"dev texts not found in {empty}" in lines[0]
    assert str(dev_gold.parent / "README.md") in done.stderr and "--texts" in done.stderr


def test_missing_texts_folder_is_absent_too(tmp_path, dev_gold):
    done = eval_dev("--texts", str(tmp_path / "nowhere"), "--gold", str(dev_gold))
    assert done.returncode == 2 and "dev texts not found" in done.stderr


def test_missing_gold_is_named(tmp_path):
    done = eval_dev("--texts", str(tmp_path), "--gold", str(tmp_path / "none.json"))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert f"dev gold not found: {tmp_path / 'none.json'}" in done.stderr


def test_texts_refused_by_make_corpus(tmp_path, dev_gold):
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "A01.txt").write_text("altered", encoding="utf-8")
    done = eval_dev("--texts", str(texts), "--gold", str(dev_gold), "--out", str(tmp_path / "out"))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "A01.txt: missing" in done.stderr and "make_corpus.py refused the dev texts" in done.stderr


# -- misses and extras by cause ------------------------------------------------------------------------------

def miss(key: str, cause: str) -> Miss:
    return Miss("000", key, "core", "PhoneCall", "2025-03-18", ("Donald Trump",), "evidence", cause)


def extra(cause: str) -> Extra:
    return Extra("000", f"urn:x:{cause}", "Statement", "2025-03-18", ("Russia",), "A sentence.", cause)


def report_with(misses: list[Miss], extras: list[Extra]) -> EvaluationReport:
    article = ArticleResult("000", "000_aaaa", Figures(gold=len(misses)), misses=tuple(misses), extras=tuple(extras))
    return EvaluationReport("gold.json", "graph.ttl", article.figures, (article,))


@pytest.mark.parametrize("cause, categories", [
    ("not extracted", ["not extracted"]),
    ("taken", ["taken"]),
    ("class wrong+undated", ["class wrong", "undated"]),
    ("class wrong+date wrong+no participant", ["class wrong", "date wrong", "no participant"]),
    ("undated+undated", ["undated"]),
])
def test_miss_categories(cause, categories):
    assert miss_categories(cause) == categories


@pytest.mark.parametrize("cause, group", [
    ("not in gold", "not in gold"),
    ("not in gold (sentence of matched call)", "not in gold"),
    ("near miss of call: date wrong: 2025-03-19 not inside 2025-03-18", "near miss"),
    ("duplicate of call (matched to another event)", "duplicate"),
    ("other trigger in the sentence of missed call: compatible", "other trigger in the sentence of a missed event"),
    ("furniture", "furniture"),
    ("something new: detail", "something new"),
])
def test_extra_groups(cause, group):
    assert extra_group(cause) == group


def test_causes_counted_and_sorted():
    report = report_with(
        [miss("a", "not extracted"), miss("b", "class wrong+undated"), miss("c", "undated"),
         miss("d", "undated+no participant"), miss("e", "not extracted")],
        [extra("not in gold"), extra("near miss of a: undated"), extra("near miss of b: compatible"),
         extra("not in gold (sentence of matched x)"), extra("near miss of c: date wrong: x not inside y"),
         extra("furniture")])
    assert report.misses_by_cause() == [("undated", 3), ("not extracted", 2), ("class wrong", 1),
                                        ("no participant", 1)]
    assert report.extras_by_cause() == [("near miss", 3), ("not in gold", 2), ("furniture", 1)]
    data = report.to_dict()
    assert data["misses_by_cause"] == {"undated": 3, "not extracted": 2, "class wrong": 1, "no participant": 1}
    assert list(data["extras_by_cause"]) == ["near miss", "not in gold", "furniture"]


def test_causes_in_the_text_report():
    report = report_with([miss("a", "class wrong+undated"), miss("b", "undated")],
                         [extra("duplicate of a (matched to another event)")])
    lines = format_report(report).splitlines()
    start = lines.index("Misses by cause (a miss counts once under each '+'-separated category)")
    assert lines[start + 1:start + 7] == ["  undated         2", "  class wrong     1", "", "Extras by cause",
                                          "  duplicate     1", ""]
    assert lines.index("Misses: gold events not matched (2)") == start + 7


def test_no_misses_no_extras():
    lines = format_report(report_with([], [])).splitlines()
    start = lines.index("Extras by cause")
    assert lines[start - 2:start + 2] == ["Misses by cause (a miss counts once under each '+'-separated category)",
                                          "", "Extras by cause", ""]
