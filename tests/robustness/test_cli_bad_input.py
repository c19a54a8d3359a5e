"""Bad input through the command line: one line naming the file, the other articles built, the documented exit code.

Each case puts one bad file beside a good article and runs ``timeline-kg
build``. Errors skip the file (exit 2), warnings do not (exit 0), and
``--strict`` turns a warning into a failed build (exit 2). The exit codes are
the table of README "Bad input and exit codes".
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import cli

GOOD = "+++\npublished = 2025-03-18\n+++\nJoe Biden spoke with Xi Jinping on Monday.\n"
BODY = "Emmanuel Macron met Olaf Scholz in Paris on Friday.\n"


def _sparse(path: Path, size: int) -> None:
    with open(path, "wb") as handle:
        handle.truncate(size)


# name of the bad file, how to make it, level, the message after "<path>: "
ERRORS = {
    "huge": ("huge.txt", lambda p: _sparse(p, 50_000_000), "50,000,000 bytes is larger than the 2,000,000-byte limit"),
    "empty": ("empty.txt", lambda p: p.write_bytes(b""), "empty article"),
    "binary": ("binary.txt", lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "binary file, not text"),
    "directory": ("x.txt", lambda p: p.mkdir(), "is a directory, not a file"),
    "symlink loop": ("loop.txt", lambda p: p.symlink_to(p.name), "cannot read: symbolic link loop"),
    "dangling symlink": ("gone.txt", lambda p: p.symlink_to("nowhere.txt"), "cannot read: dangling symbolic link"),
    "fifo": ("pipe.txt", lambda p: os.mkfifo(p), "is not a regular file (a FIFO, socket or device)"),
    "device": ("zero.txt", lambda p: p.symlink_to("/dev/zero"), "is not a regular file (a FIFO, socket or device)"),
    "front matter": ("fm.txt", lambda p: p.write_text('+++\npublished = "2025\n+++\n' + BODY),
                     "front matter is not valid TOML: "),
    "unclosed front matter": ("open.txt", lambda p: p.write_text("+++\npublished = 2025-03-18\n" + BODY),
                              "front matter opened with +++ is never closed"),
    "file name": ("a b.txt", lambda p: p.write_text(GOOD), "the file name has characters that cannot be in an IRI"),
}

WARNINGS = {
    "future date": ("future.txt", lambda p: p.write_text("+++\npublished = 2999-01-01\n+++\n" + BODY),
                    "publication date 2999-01-01 is implausible (in the future); ignored"),
    "no date": ("nodate.txt", lambda p: p.write_text(BODY), "no publication date; relative dates stay unresolved"),
    "bad url": ("url.txt", lambda p: p.write_text("+++\npublished = 2025-03-18\nurl = 'https://x.org/a b>'\n+++\n" + BODY),
                "url 'https://x.org/a b>' is not an http(s) URL usable as an IRI"),
    "latin-1": ("latin.txt", lambda p: p.write_bytes(("+++\npublished = 2025-03-18\n+++\n" + BODY).replace("Paris", "Besançon")
                                                     .encode("latin-1")), "not UTF-8; read as Windows-1252/Latin-1"),
    "html": ("page.txt", lambda p: p.write_text("+++\npublished = 2025-03-18\n+++\n<html><body><p>" + BODY
                                                + "</p><p>More.</p></body></html>"), "looks like HTML; markup stripped"),
}


@pytest.fixture
def runner():
    return CliRunner()


def _corpus(tmp_path: Path, name: str, make) -> tuple[Path, Path]:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD)
    make(folder / name)
    return folder, tmp_path / "out"


def _lines_naming(output: str, path: Path) -> list[str]:
    return [line for line in output.splitlines() if f" {path}: " in line]


@pytest.mark.parametrize("case", sorted(ERRORS))
def test_a_bad_file_is_one_error_line_and_the_rest_is_built(runner, tmp_path, case):
    name, make, message = ERRORS[case]
    folder, out = _corpus(tmp_path, name, make)
    result = runner.invoke(cli, ["build", str(folder), "--out", str(out)])
    assert result.exit_code == 2, result.output
    [line] = _lines_naming(result.output, folder / name)
    assert line.startswith(f"Error: {folder / name}: {message}")
    assert "Traceback" not in result.output
    assert [p.name for p in (out / "articles").iterdir()] == ["good.ttl"]
    assert "Built 1 articles" in result.output and (out / "timeline.html").is_file()


@pytest.mark.parametrize("case", sorted(WARNINGS))
def test_a_warning_is_one_line_exit_0_and_strict_fails_the_build(runner, tmp_path, case):
    name, make, message = WARNINGS[case]
    folder, out = _corpus(tmp_path, name, make)
    result = runner.invoke(cli, ["build", str(folder), "--out", str(out)])
    assert result.exit_code == 0, result.output
    [line] = _lines_naming(result.output, folder / name)
    assert line.startswith(f"Warning: {folder / name}: {message}")
    assert sorted(p.name for p in (out / "articles").iterdir()) == sorted(["good.ttl", Path(name).stem + ".ttl"])
    strict = runner.invoke(cli, ["build", str(folder), "--out", str(tmp_path / "strict"), "--strict"])
    assert strict.exit_code == 2
    assert _lines_naming(strict.output, folder / name) == [line]


def test_permission_denied_through_the_command(runner, tmp_path, monkeypatch):
    """As root a chmod 000 file is readable, so EACCES is simulated (tests/test_ingest.py has the real one)."""
    folder, out = _corpus(tmp_path, "secret.txt", lambda p: p.write_text(GOOD))
    real_open = os.open

    def refusing_open(name, flags, *args, **kwargs):
        if str(name) == str(folder / "secret.txt"):
            raise PermissionError(errno.EACCES, "Permission denied", str(name))
        return real_open(name, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing_open)
    result = runner.invoke(cli, ["build", str(folder), "--out", str(out)])
    assert result.exit_code == 2
    assert _lines_naming(result.output, folder / "secret.txt") == [
        f"Error: {folder / 'secret.txt'}: cannot read: Permission denied"]
    assert [p.name for p in (out / "articles").iterdir()] == ["good.ttl"]


def test_an_article_without_events_builds_with_no_events_from_it(runner, tmp_path):
    from rdflib import Graph

    from graph.rdf.namespaces import TL

    folder, out = _corpus(tmp_path, "quiet.txt",
                          lambda p: p.write_text("+++\npublished = 2025-03-18\n+++\nThe weather was mild.\nIt rained.\n"))
    result = runner.invoke(cli, ["build", str(folder), "--out", str(out)])
    assert result.exit_code == 0 and result.output.startswith("Built 2 articles, 1 events"), result.output
    quiet = Graph().parse(out / "articles" / "quiet.ttl")
    assert len(quiet) > 0 and not list(quiet.subjects(predicate=TL.mention))


def test_when_every_file_is_bad_nothing_is_written_and_each_is_named(runner, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(b"")
    (folder / "b.txt").mkdir()
    result = runner.invoke(cli, ["build", str(folder), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        f"Error: {folder}: none of the 2 *.txt files could be read; nothing was built",
        f"Error: {folder / 'a.txt'}: empty article",
        f"Error: {folder / 'b.txt'}: is a directory, not a file",
    ]
    assert not (tmp_path / "out").exists()


def test_several_bad_files_at_once(runner, tmp_path):
    """All the kinds together: one line per bad file, the good article built, exit 2."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD)
    for name, make, _ in [*ERRORS.values(), *WARNINGS.values()]:
        make(folder / name)
    result = runner.invoke(cli, ["build", str(folder), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    for name, _, message in ERRORS.values():
        assert [line.startswith(f"Error: {folder / name}: {message}")
                for line in _lines_naming(result.output, folder / name)] == [True], name
    for name, _, message in WARNINGS.values():
        assert [line.startswith(f"Warning: {folder / name}: {message}")
                for line in _lines_naming(result.output, folder / name)] == [True], name
    built = sorted(p.stem for p in (tmp_path / "out" / "articles").iterdir())
    assert built == sorted(["good", *(Path(name).stem for name, _, _ in WARNINGS.values())])
