"""Build throughput on a generated corpus, against the bare spaCy parse of the same texts.

Generates a corpus of N news-like articles (``bench/corpus.py``), then
prints, in one run:

- articles/s and words/s of the full :func:`graph.builder.pipeline.build` (library
  call into a temporary folder, SHACL validation on, model load included);
- words/s of a bare ``nlp.pipe`` over the same texts with the same pipeline
  (:func:`graph.nlp.load_model`, already loaded) and the ratio of the two;
- the seconds of each stage of the build (``BuildReport.stages``);
- peak RSS of this process (and of the worker processes) and the size of
  what the build wrote;
- an incremental rebuild: one article added to the corpus, the build run
  again into the same folder (every other article comes from the cache),
  its wall time against the full build's (target ≤ 2%);
- a cold build of the five seeds: wall time of ``python -m graph build
  seeds`` in a fresh process against a fresh process that only imports
  spaCy, loads the model and parses the five seed texts (target ≤ 1.5×).

The corpus has two shapes (``bench/corpus.py --shape``): ``uniform``
spreads the articles over the events evenly; ``skewed`` draws them with
Zipf weights, as news is (a few events told by a fifth of the articles).
By default both run, each in a fresh process (so that each peak RSS is its
own), and a table prints them side by side at the end; ``--shape`` runs one.

With ``--profile`` the build is run once more under cProfile and the top
lines by cumulative time are printed. Timings vary by machine; tests never
assert them.

    PYTHONPATH=. python bench/run.py [--articles 200] [--seed 7] [--shape both|uniform|skewed] [--brief]
                                     [--jobs N] [--profile] [--keep DIR]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import corpus

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
STAGES = ("read", "load-model", "articles", "merge", "validate", "export")
ARTICLE_STAGES = ("parse", "extract", "rdf")

BARE_PARSE = """
import pathlib, sys
import spacy
from graph.nlp import load_model
nlp = load_model(sys.argv[1] or None)
texts = [p.read_text(encoding="utf-8") for p in sorted(pathlib.Path(sys.argv[2]).glob("*.txt"))]
for _ in nlp.pipe(texts, batch_size=16):
    pass
"""


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kB on Linux


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return env


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(argv: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of a subprocess."""
    cpu, started = _children_cpu(), time.perf_counter()
    subprocess.run(argv, cwd=REPO, env=_env(), check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - started, _children_cpu() - cpu


def cold_seeds(model: str | None, repeat: int) -> tuple[tuple[float, float], tuple[float, float]]:
    """Medians of (wall, CPU) seconds: ``python -m graph build seeds``; bare import + load + parse of the seeds."""
    builds, parses = [], []
    with tempfile.TemporaryDirectory(prefix="bench-cold-") as tmp:
        for i in range(repeat):
            cmd = [sys.executable, "-m", "graph", "build", str(REPO / "seeds"), "--out", str(Path(tmp) / f"out{i}")]
            if model:
                cmd += ["--model", model]
            builds.append(_timed(cmd))
            parses.append(_timed([sys.executable, "-c", BARE_PARSE, model or "", str(REPO / "seeds")]))

    def median(runs):
        return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)

    return median(builds), median(parses)


def add_article(corpus_dir: Path) -> str:
    """One more article: the first one's text with a sentence added, under a new name, listed in the manifest."""
    first = min(corpus_dir.glob("*.txt"))
    added = corpus_dir / "zz-added.txt"
    added.write_text(first.read_text(encoding="utf-8").rstrip("\n")
                     + "\nVladimir Putin spoke with Donald Trump by phone on Monday, the Kremlin said.\n",
                     encoding="utf-8")
    manifest = corpus_dir / "manifest.toml"
    if manifest.exists():
        import tomllib

        entry = next((e for e in tomllib.loads(manifest.read_text(encoding="utf-8")).get("article", [])
                      if e.get("file") == first.name), {})
        lines = ["", "[[article]]", f'file = "{added.name}"']
        if entry.get("published"):
            lines.append(f"published = {entry['published']}")
        with manifest.open("a", encoding="utf-8") as handle:
            handle.write("\n".join(lines) + "\n")
    return added.stem


def print_stages(report) -> None:
    print(f"  {'stage':<20} {'seconds':>8} {'share':>7}")
    accounted = 0.0
    for stage in STAGES + tuple(s for s in report.stages if s not in STAGES):
        seconds = report.stages.get(stage)
        if seconds is None:
            continue
        accounted += seconds
        print(f"  {stage:<20} {seconds:>8.2f} {seconds / report.seconds:>7.1%}")
        if stage == "articles":
            where = {0: "  (on the cluster)", 1: ""}.get(report.jobs, f"  (summed over {report.jobs} processes)")
            for part in ARTICLE_STAGES:
                if part in report.article_stages:
                    print(f"    {part:<18} {report.article_stages[part]:>8.2f}{where}")
    print(f"  {'(unaccounted)':<20} {report.seconds - accounted:>8.2f} {(report.seconds - accounted) / report.seconds:>7.1%}")
    print(f"  {'total':<20} {report.seconds:>8.2f}")


def profile_build(corpus_dir: Path, out_dir: Path, model: str | None, lines: int, sort: str,
                  dump: Path | None = None, jobs: int | None = None) -> str:
    from graph.builder.pipeline import build

    profiler = cProfile.Profile()
    profiler.enable()
    build(corpus_dir, out_dir, model=model, jobs=jobs, cache=False)
    profiler.disable()
    if dump:
        profiler.dump_stats(dump)
    stream = io.StringIO()
    pstats.Stats(profiler, stream=stream).strip_dirs().sort_stats(sort).print_stats(lines)
    return stream.getvalue()


class ValidationRecorder:
    """Lets a build whose merged graph breaks the shapes finish, recording the violations.

    The SHACL check still runs in full (its time is the ``validate`` stage);
    a :class:`~graph.errors.ValidationError` is kept instead of aborting the
    build, so that the stages after it are measured too. The run prints it.
    """

    def __init__(self) -> None:
        self.errors: list[Exception] = []

    def __enter__(self):
        import graph.builder.validate
        from graph.errors import ValidationError

        self.module, self.original = graph.builder.validate, graph.builder.validate.validate

        def validate(*args, **kwargs):
            try:
                return self.original(*args, **kwargs)
            except ValidationError as exc:
                self.errors.append(exc)

        graph.builder.validate.validate = validate
        return self

    def __exit__(self, *exc):
        self.module.validate = self.original


def row(label: str, value: str, note: str = "") -> str:
    return f"  {label:<34} {value:>14}  {note}".rstrip()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200, help="articles to generate (default 200)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--model", default=None, help="spaCy model (default: the project's default)")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes of the build (default: one per core)")
    parser.add_argument("--no-incremental", action="store_true", help="skip the incremental rebuild")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each cold-start subprocess (median)")
    parser.add_argument("--no-cold", action="store_true", help="skip the cold build of the seeds")
    parser.add_argument("--profile", action="store_true", help="profile one more build with cProfile")
    parser.add_argument("--profile-lines", type=int, default=15)
    parser.add_argument("--profile-sort", default="cumulative")
    parser.add_argument("--profile-out", type=Path, default=None, help="also write the raw pstats to this file")
    parser.add_argument("--strict-validation", action="store_true",
                        help="let a SHACL violation abort the build (default: record it and go on)")
    parser.add_argument("--keep", type=Path, default=None, help="keep the corpus and the exports in this folder")
    parser.add_argument("--shape", choices=("both", *corpus.SHAPES), default="both",
                        help="corpus shape (default both, side by side)")
    parser.add_argument("--brief", action="store_true", help="one-paragraph reports instead of full articles")
    parser.add_argument("--figures", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.shape == "both":
        side_by_side(argv if argv is not None else sys.argv[1:], args)
        return

    tmp = None if args.keep else Path(tempfile.mkdtemp(prefix="bench-run-"))
    base = args.keep or tmp
    corpus_dir, out_dir = base / "corpus", base / "out"
    try:
        started = time.perf_counter()
        corpus.write_corpus(corpus_dir, args.articles, args.seed, shape=args.shape, brief=args.brief)
        generated = time.perf_counter() - started

        from graph.ingest import read_corpus
        from graph.builder.pipeline import build

        articles, _ = read_corpus(corpus_dir)
        texts = [a.text for a in articles]
        n_words = sum(len(t.split()) for t in texts)
        if out_dir.exists():
            shutil.rmtree(out_dir)

        load_before = os.getloadavg()[0]
        recorder = ValidationRecorder()
        cpu_started = cpu_seconds()
        started = time.perf_counter()
        if args.strict_validation:
            report = build(corpus_dir, out_dir, model=args.model, jobs=args.jobs)
        else:
            with recorder:
                report = build(corpus_dir, out_dir, model=args.model, jobs=args.jobs)
        build_wall = time.perf_counter() - started
        build_cpu = cpu_seconds() - cpu_started
        build_rss = peak_rss_mb()
        workers_rss = peak_rss_mb(resource.RUSAGE_CHILDREN)

        rebuild = None
        if not args.no_incremental:
            added = add_article(corpus_dir)
            started = time.perf_counter()
            with ValidationRecorder():
                rebuild = build(corpus_dir, out_dir, model=args.model, jobs=args.jobs)
            rebuild_wall = time.perf_counter() - started

        from graph.nlp import load_model

        nlp = load_model(args.model)
        cpu_started = cpu_seconds()
        started = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=16):
            pass
        bare = time.perf_counter() - started
        bare_cpu = cpu_seconds() - cpu_started
        load_after = os.getloadavg()[0]

        cold = None if args.no_cold else cold_seeds(args.model, args.repeat)
        size = folder_bytes(out_dir)
        article_bytes = folder_bytes(out_dir / "articles")

        build_wps, bare_wps = n_words / build_wall, n_words / bare
        print(f"corpus: {len(articles)} articles, {n_words:,} words ({args.shape}{', brief' if args.brief else ''}, "
              f"seed {args.seed}, generated in {generated:.1f} s)")
        print(f"build:  {report.summary()} ({'a Dask cluster' if report.jobs == 0 else f'{report.jobs} process'}"
              f"{'es' if report.jobs > 1 else ''})")
        for error in recorder.errors:
            found = getattr(error, "violations", [])
            print(f"WARNING: the merged graph breaks the SHACL shapes ({len(found)} violations); a real build "
                  f"would stop with exit code 5. The bench let it finish. First ones:")
            for violation in found[:5]:
                print(f"  - {violation}")
        print()
        print(row("build articles/s", f"{len(articles) / build_wall:.2f}", f"wall {build_wall:.1f} s"))
        print(row("build words/s", f"{build_wps:,.0f}"))
        print(row("bare nlp.pipe words/s", f"{bare_wps:,.0f}", f"wall {bare:.1f} s, model loaded"))
        print(row("build / bare parse throughput", f"{build_wps / bare_wps:.2f}",
                  f"(build takes {bare_wps / build_wps:.1f}× the parse)"))
        print(row("same ratio in CPU seconds", f"{bare_cpu / build_cpu:.2f}",
                  f"build {build_cpu:.1f} s CPU, bare parse {bare_cpu:.1f} s CPU"))
        print(row("load average (1 min) before/after", f"{load_before:.1f} / {load_after:.1f}",
                  f"on {os.cpu_count()} cores: other work on the machine inflates wall times"))
        print()
        print_stages(report)
        print()
        print(row("peak RSS after build", f"{build_rss:,.0f} MB",
                  f"largest worker process {workers_rss:,.0f} MB" if report.jobs > 1 else ""))
        print(row("peak RSS (whole run)", f"{peak_rss_mb():,.0f} MB"))
        print(row("output size", f"{size / 1e6:,.1f} MB",
                  f"articles/ {article_bytes / 1e6:.1f} MB, "
                  + ", ".join(f"{name} {(out_dir / name).stat().st_size / 1e6:.1f} MB"
                              for name in ("graph.ttl", "merge-log.json", "timeline.html")
                              if (out_dir / name).exists())))
        if cold:
            (build_s, build_c), (parse_s, parse_c) = cold
            print(row("cold build of the 5 seeds", f"{build_s:.2f} s", f"median of {args.repeat}; {build_c:.2f} s CPU"))
            print(row("cold import+load+parse of seeds", f"{parse_s:.2f} s", f"{parse_c:.2f} s CPU"))
            print(row("cold ratio (target ≤ 1.5×)", f"{build_s / parse_s:.2f}×",
                      ("ok" if build_s / parse_s <= 1.5 else "over target") + f"; in CPU seconds {build_c / parse_c:.2f}×"))
        if rebuild is not None:
            print()
            print(f"incremental rebuild, one article added ({added}): {rebuild.summary()}")
            print(row("rebuild wall", f"{rebuild_wall:.2f} s",
                      f"{rebuild.articles - rebuild.cached} article(s) extracted, {rebuild.cached} from the cache"))
            print(row("rebuild / full build (target ≤ 2%)", f"{rebuild_wall / build_wall:.1%}",
                      f"full build {build_wall:.1f} s"))
            print_stages(rebuild)
        if args.figures:
            args.figures.write_text(json.dumps({
                "articles": len(articles), "words": n_words, "events": report.events,
                "build s": build_wall, "build / bare": build_wps / bare_wps, "merge s": report.stages.get("merge"),
                "peak RSS MB": build_rss, "worker RSS MB": workers_rss,
                "rebuild %": 100 * rebuild_wall / build_wall if rebuild is not None else None}))
        sys.stdout.flush()
        if args.profile:
            print()
            print(f"cProfile of one more build ({len(articles)} articles), top {args.profile_lines} by {args.profile_sort}:")
            with ValidationRecorder():
                print(profile_build(corpus_dir, base / "out-profile", args.model, args.profile_lines,
                                    args.profile_sort, args.profile_out, args.jobs))
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)


def side_by_side(argv: list[str], args) -> None:
    """Run each shape in its own process (printing its report), then a table of both."""
    figures = {}
    with tempfile.TemporaryDirectory(prefix="bench-shapes-") as tmp:
        for shape in corpus.SHAPES:
            rest = [a for a in argv if a not in ("--shape", "both") and not a.startswith("--shape=")]
            out = Path(tmp) / f"{shape}.json"
            print(f"==== {shape} ====", flush=True)
            subprocess.run([sys.executable, str(Path(__file__).resolve()), *rest, "--shape", shape,
                            "--figures", str(out)], cwd=REPO, env=_env(), check=True)
            figures[shape] = json.loads(out.read_text())
            print(flush=True)
    print(f"==== side by side ({args.articles} articles{', brief' if args.brief else ''}) ====")
    print(f"  {'':<28} " + " ".join(f"{shape:>12}" for shape in corpus.SHAPES))
    for key, fmt in (("words", "{:,.0f}"), ("build s", "{:.1f}"), ("build / bare", "{:.2f}"), ("merge s", "{:.2f}"),
                     ("events", "{:,}"), ("peak RSS MB", "{:,.0f}"), ("worker RSS MB", "{:,.0f}"), ("rebuild %", "{:.1f}")):
        cells = [fmt.format(f[key]) if f.get(key) is not None else "-" for f in figures.values()]
        print(f"  {key:<28} " + " ".join(f"{c:>12}" for c in cells))


if __name__ == "__main__":
    main()
