"""The development-set loop in one command: build and score the dev set and the seeds.

The dev set's texts are not in the repository: they are restored once per
machine into ``${TMPDIR:-/tmp}/devset/texts`` as the dev set's README says
(``../shared/eval/dev/README.md`` beside the clone). This script then

- runs the dev set's ``make_corpus.py`` (with this Python) to turn the texts
  into a corpus folder with a manifest,
- builds it with :func:`graph.builder.pipeline.build` (no cache) and scores the graph
  with :func:`graph.evaluate.evaluate` against ``dev_gold.json``,
- does the same for ``seeds/`` against ``tests/gold/seed_gold.json``,
- prints each report (:func:`graph.evaluate.format_report`) after a summary
  line ``dev: P 0.522 R 0.290 F1 0.373 (207 gold, 115 dated system events)``,
  and at the end a small table of both sets.

Corpus and builds go to a temporary folder, removed afterwards, unless
``--out DIR`` keeps them (``DIR/dev/corpus``, ``DIR/dev/build``,
``DIR/seeds/build``). ``--json`` prints ``{"seeds": report, "dev": report}``
(:meth:`EvaluationReport.to_dict`) instead of text. Exits 2 when the texts or
the gold are absent, 1 when ``make_corpus.py`` refuses the texts.

    PYTHONPATH=. python bench/eval_dev.py [--texts DIR] [--gold PATH] [--out DIR] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from graph.evaluate import EvaluationReport, evaluate, format_report
from graph.builder.pipeline import build

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SEED_GOLD = REPO / "tests" / "gold" / "seed_gold.json"
DEV_GOLD = REPO.parent / "shared" / "eval" / "dev" / "dev_gold.json"


class SetupError(Exception):
    """Something the loop needs is missing; the message says what to do, ``code`` is the exit status."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


def default_texts() -> Path:
    """``${TMPDIR:-/tmp}/devset/texts``, where the dev set's README restores the texts."""
    return Path(os.environ.get("TMPDIR") or "/tmp") / "devset" / "texts"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line (see the module docstring)."""
    parser = argparse.ArgumentParser(description="Build and score the dev set and the seeds.")
    parser.add_argument("--texts", type=Path, default=default_texts(),
                        help="restored dev texts (default: ${TMPDIR:-/tmp}/devset/texts)")
    parser.add_argument("--gold", type=Path, default=DEV_GOLD,
                        help="dev gold file; make_corpus.py beside it (default: ../shared/eval/dev/dev_gold.json)")
    parser.add_argument("--out", type=Path, default=None,
                        help="keep the corpus and builds here (default: a temporary folder, removed)")
    parser.add_argument("--json", action="store_true", help="print both reports as JSON")
    return parser.parse_args(argv)


def check_inputs(texts: Path, gold: Path) -> None:
    """Raise :class:`SetupError` when the dev gold, its ``make_corpus.py`` or the restored texts are absent."""
    if not gold.is_file():
        raise SetupError(f"dev gold not found: {gold} (the shared folder belongs at ../shared beside the "
                         "clone), or pass --gold PATH")
    if not (gold.parent / "make_corpus.py").is_file():
        raise SetupError(f"make_corpus.py not found beside the dev gold in {gold.parent}")
    if not texts.is_dir() or not any(texts.glob("*.txt")):
        raise SetupError(f"dev texts not found in {texts}\nrestore them as {gold.parent / 'README.md'} says "
                         "(\"Restore the texts\"), or pass --texts DIR")


def make_corpus(gold: Path, texts: Path, corpus: Path) -> None:
    """Run the dev set's ``make_corpus.py`` with this Python: TEXTS → CORPUS (texts + manifest.toml)."""
    done = subprocess.run([sys.executable, str(gold.parent / "make_corpus.py"), str(texts), str(corpus)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        lines = [done.stderr.rstrip()] if done.stderr.strip() else []
        lines.append(f"make_corpus.py refused the dev texts in {texts}: restore them again as "
                     f"{gold.parent / 'README.md'} says.")
        raise SetupError("\n".join(lines), code=1)


def build_and_score(corpus: Path, gold: Path, out: Path) -> EvaluationReport:
    """Build CORPUS into OUT without the cache and score ``OUT/graph.ttl`` against GOLD."""
    report = build(corpus, out, cache=False)
    for note in report.diagnostics:
        print(str(note), file=sys.stderr)
    return evaluate(gold, out / "graph.ttl")


def summary_line(name: str, report: EvaluationReport) -> str:
    """``dev: P 0.522 R 0.290 F1 0.373 (207 gold, 115 dated system events)``."""
    f = report.overall
    return (f"{name}: P {f.precision:.3f} R {f.recall:.3f} F1 {f.f1:.3f} "
            f"({f.gold} gold, {f.dated} dated system events)")


def summary_table(reports: dict[str, EvaluationReport]) -> str:
    """One row per set: P, R, F1, strict recall and the counts behind them."""
    head = ("set", "P", "R", "F1", "R-strict", "gold", "dated", "parts", "matched")
    rows = [(name, f"{f.precision:.3f}", f"{f.recall:.3f}", f"{f.f1:.3f}", f"{f.strict_recall:.3f}", str(f.gold),
             str(f.dated), str(f.parts), str(f.matched))
            for name, f in ((name, report.overall) for name, report in reports.items())]
    widths = [max(len(row[i]) for row in (head, *rows)) for i in range(len(head))]

    def line(row) -> str:
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths)))

    return "\n".join([line(head), "  ".join("-" * w for w in widths), *(line(row) for row in rows)])


def run(texts: Path, gold: Path, work: Path) -> dict[str, EvaluationReport]:
    """Build and score the seeds and the dev set in WORK; the reports by set name."""
    corpus = work / "dev" / "corpus"
    make_corpus(gold, texts, corpus)
    return {"seeds": build_and_score(SEEDS, SEED_GOLD, work / "seeds" / "build"),
            "dev": build_and_score(corpus, gold, work / "dev" / "build")}


def show(reports: dict[str, EvaluationReport], as_json: bool) -> None:
    """Print each report after its summary line, then the table (or everything as JSON)."""
    if as_json:
        print(json.dumps({name: report.to_dict() for name, report in reports.items()}, indent=2,
                         ensure_ascii=False))
        return
    for name, report in reports.items():
        print(summary_line(name, report))
        print(format_report(report))
    print("Summary")
    print(summary_table(reports))


def main(argv: list[str] | None = None) -> int:
    """Run the loop; the exit status."""
    args = parse_args(argv)
    texts, gold = args.texts.resolve(), args.gold.resolve()
    try:
        check_inputs(texts, gold)
        if args.out is not None:
            reports = run(texts, gold, args.out.resolve())
        else:
            with tempfile.TemporaryDirectory(prefix="eval-dev-") as work:
                reports = run(texts, gold, Path(work))
    except SetupError as error:
        print(f"eval_dev: {error}", file=sys.stderr)
        return error.code
    show(reports, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
