"""The extractors on the seeds, scored against the gold annotation: the targets of the extraction issue.

Core recall (strict) 100%, F1 (loose) at least 0.90, nothing from the page
furniture, and the gold's same-event checks, so that a change that makes
extraction or the merge worse fails the build.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.evaluate import evaluate

GOLD = Path(__file__).parent / "gold" / "seed_gold.json"


@pytest.fixture(scope="module")
def report(seed_build):
    out, _ = seed_build
    return evaluate(GOLD, out / "graph.ttl").to_dict()


def test_scores_do_not_fall_below_the_floor(report):
    overall = report["overall"]
    assert overall["f1"] >= 0.90, overall
    assert overall["precision"] >= 0.88, overall
    assert overall["recall"] >= 0.90, overall
    assert overall["core_recall_strict"] == 1.0, overall


def test_page_furniture_yields_no_event(report):
    assert report["not_events"] == {"count": 0, "hits": []}


def test_every_same_event_check_of_the_gold_passes(report):
    """Both calls, the energy ceasefire, and the Saudi talks (with the agreement reached there)."""
    passed = {check["key"]: check["passed"] for check in report["same_event"]}
    assert passed == {"call-2025-03-18": True, "call-2025-05-19": True, "energy-halt-2025-03-18": True,
                      "saudi-talks-2025-03": True}
