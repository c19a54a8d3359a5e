"""The command line: exact output, one-line errors, help for every command."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from graph.cli import cli


@pytest.fixture
def runner():
    return CliRunner()


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_has_help(runner, command):
    result = runner.invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert cli.commands[command].help and result.output.startswith(f"Usage: cli {command}")


def test_missing_input_folder_is_one_line_with_a_hint(runner, tmp_path):
    result = runner.invoke(cli, ["build", str(tmp_path / "nope"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.output == (f"Error: {tmp_path / 'nope'}: input folder does not exist\n"
                             "Hint: pass the folder holding the *.txt articles\n")
    assert not (tmp_path / "out").exists()


def test_build_prints_warnings_and_one_summary_line(runner, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Joe Biden spoke with Xi Jinping on Monday.\n")
    result = runner.invoke(cli, ["build", str(folder), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"Warning: {folder / 'a.txt'}: no publication date; relative dates stay unresolved"
    assert lines[1].startswith("Built 1 articles, 1 events (0 dated), 2 actors, ")
    assert lines[1].endswith(f"{tmp_path / 'out' / 'timeline.html'}")
    strict = runner.invoke(cli, ["build", str(folder), "--out", str(tmp_path / "out"), "--strict"])
    assert strict.exit_code == 2


def test_strict_fails_before_anything_is_written(runner, tmp_path):
    from tests.robustness.publish_helpers import manifest

    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    (folder / "a.txt").write_text("+++\npublished = 2025-03-18\n+++\nJoe Biden spoke with Xi Jinping on Monday.\n")
    refused = runner.invoke(cli, ["build", str(folder), "--out", str(out), "--strict", "--no-validate"])
    assert refused.exit_code == 0, refused.output  # no warning: --strict builds
    before = manifest(out)
    (folder / "a.txt").write_text("Emmanuel Macron met Olaf Scholz on Friday.\n")  # no date now: a warning
    (folder / "b.txt").write_bytes(b"")                                              # and an error
    strict = runner.invoke(cli, ["build", str(folder), "--out", str(out), "--strict", "--no-validate"])
    assert strict.exit_code == 2
    assert strict.output.splitlines() == [
        f"Warning: {folder / 'a.txt'}: no publication date; relative dates stay unresolved",
        f"Error: {folder / 'b.txt'}: empty article",
        "Error: --strict: 1 error, 1 warning about the input files; nothing was built or written",
        "Hint: fix the files named above, or build without --strict",
    ]
    assert manifest(out) == before  # the previous exports and cache, untouched
    fresh = runner.invoke(cli, ["build", str(folder), "--out", str(tmp_path / "new"), "--strict"])
    assert fresh.exit_code == 2 and not (tmp_path / "new").exists()


def test_build_says_how_many_articles_came_from_the_cache(runner, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("+++\npublished = 2025-03-18\n+++\nJoe Biden spoke with Xi Jinping on Monday.\n")
    (folder / "b.txt").write_text("+++\npublished = 2025-03-18\n+++\nEmmanuel Macron met Olaf Scholz on Friday.\n")
    args = ["build", str(folder), "--out", str(tmp_path / "out"), "--no-validate", "--jobs", "2"]
    assert runner.invoke(cli, args).output.startswith("Built 2 articles, ")
    assert runner.invoke(cli, args).output.startswith("Built 2 articles (2 from cache), ")
    assert runner.invoke(cli, args + ["--no-cache"]).output.startswith("Built 2 articles, ")
    zero = runner.invoke(cli, args + ["--jobs", "0"])
    assert zero.exit_code == 2 and "Invalid value for '--jobs'" in zero.output


def test_query_lists_calls_in_date_order(runner, seed_build):
    out, _ = seed_build
    query = ("SELECT ?begin WHERE { ?e a tl:PhoneCall ; sem:hasActor [ rdfs:label 'Donald Trump' ], [ rdfs:label 'Vladimir Putin' ] ;"
             " sem:hasBeginTimeStamp ?begin } ORDER BY ?begin")
    result = runner.invoke(cli, ["query", query, "--graph", str(out / "graph.ttl"), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.output == "begin\n2025-03-18\n2025-05-19\n"


def test_query_table_and_json(runner, seed_build):
    out, _ = seed_build
    query = "SELECT ?id WHERE { ?a a schema:NewsArticle ; schema:identifier ?id } ORDER BY ?id LIMIT 2"
    table = runner.invoke(cli, ["query", query, "--graph", str(out / "graph.ttl")])
    assert table.output.splitlines() == ["id", "--------------------", "000_79170fe546da3d77", "001_1aa9fcdf67cd5904"]
    as_json = runner.invoke(cli, ["query", query, "--graph", str(out / "graph.ttl"), "--format", "json"])
    assert '"id": "000_79170fe546da3d77"' in as_json.output


def test_malformed_query_is_one_line(runner, seed_build):
    out, _ = seed_build
    result = runner.invoke(cli, ["query", "SELEC nonsense", "--graph", str(out / "graph.ttl")])
    assert result.exit_code == 6
    assert result.output.startswith("Error: query failed: ") and result.output.count("\n") == 1
    assert "Traceback" not in result.output


def test_query_without_a_build(runner, tmp_path):
    result = runner.invoke(cli, ["query", "ASK {}", "--graph", str(tmp_path / "graph.ttl")])
    assert result.exit_code == 6
    assert result.output == (f"Error: {tmp_path / 'graph.ttl'}: graph file does not exist\n"
                             "Hint: run 'timeline-kg build' first\n")


def test_unexpected_errors_are_one_line_not_a_traceback(runner, tmp_path, monkeypatch):
    import graph.builder.pipeline

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(graph.builder.pipeline, "build", broken)
    result = runner.invoke(cli, ["build", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output == ("Error: unexpected RuntimeError: boom\n"
                             "Hint: this is a bug; rerun with TIMELINE_KG_DEBUG=1 and report the traceback\n")


def test_a_graph_breaking_the_shapes_fails_the_build_with_a_report(runner, tmp_path, monkeypatch):
    import shutil

    from tests.conftest import REPO

    ontology = tmp_path / "ontology"
    shutil.copytree(REPO / "ontology", ontology)
    with open(ontology / "shapes.ttl", "a", encoding="utf-8") as shapes:
        shapes.write("\ntlsh:EveryEventHasAPlace a sh:NodeShape ; sh:targetClass tl:PhoneCall ;\n"
                     "    sh:property [ sh:path sem:hasPlace ; sh:minCount 1 ] .\n")
    monkeypatch.setenv("TIMELINE_KG_ONTOLOGY", str(ontology))
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text('+++\npublished = 2025-03-18\n+++\nJoe Biden spoke with Xi Jinping on Monday.\n')
    result = runner.invoke(cli, ["build", str(folder), "--out", str(tmp_path / "out")])
    assert result.exit_code == 5
    lines = result.output.splitlines()
    assert lines[0] == "Error: the graph does not conform to the SHACL shapes (1 violation):"
    assert lines[1].startswith("  - tlid:event/phonecall-2025-03-17-")
    assert "sem:hasPlace" in lines[1] and "MinCountConstraintComponent" in lines[1]
    assert lines[-1] == "Hint: see ontology/README.md for what each shape requires"
    assert not (tmp_path / "out" / "graph.ttl").exists()
    skipped = runner.invoke(cli, ["build", str(folder), "--out", str(tmp_path / "out"), "--no-validate"])
    assert skipped.exit_code == 0 and (tmp_path / "out" / "graph.ttl").exists()
