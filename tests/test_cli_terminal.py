"""What the CLI prints to a terminal shows control characters as symbols; files and pipes keep
the exact text. Run on a pseudo-terminal: click strips some escapes itself when it is not a terminal."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from corpus.document import Document
from store import open_store
from tests.pty_terminal import Terminal, reader_env, run_on_terminal
from tui.cli import main

ENTRY = "import sys; from tui.entry import main; sys.argv = ['sidebyside', *sys.argv[1:]]; main()"
RETITLE = "\x1b]0;pwned\x07"  # sets the terminal window's title
RED = "\x1b[31m"
SUFFIX_TEXT = f"The quote said this. {RETITLE}Then\rover{RED}\u202eexe.txt and the rest."


def _on_terminal(tmp_path: Path, *args: str) -> tuple[int, str]:
    terminal = Terminal([sys.executable, "-c", ENTRY, *args], cwd=tmp_path, env=reader_env(tmp_path))
    try:
        status = terminal.finish()
    finally:
        terminal.kill()
    return status, terminal.output.decode("utf-8")


def _no_raw_controls(output: str) -> None:
    for control in ("\x1b", "\x07", "\u202e"):
        assert control not in output
    assert "\r" not in output.replace("\r\n", "\n")  # the terminal's own line ends only


@pytest.fixture
def corpus(tmp_path):
    named = tmp_path / f"a{RETITLE}\nb.txt"  # a file name with an escape sequence and a newline
    named.write_text("Some text here.\n", encoding="utf-8")
    jsonl = tmp_path / "c.jsonl"
    jsonl.write_text('{"id": "x\\u001b[31mred", "text": "Body text"}\n', encoding="utf-8")
    return [named, jsonl]


def test_import_report_at_a_terminal_is_one_visible_line_per_document(tmp_path, corpus):
    status, output = _on_terminal(tmp_path, "import", "--verbose", *map(str, corpus), "--db", str(tmp_path / "t.db"))
    assert status == 0, output
    # The progress bar draws with escape codes of its own; none of the names' reaches the terminal.
    assert RETITLE not in output and RED not in output and "\x07" not in output
    assert "\r\nb (16" not in output  # the newline in the file name did not split its line
    lines = [line for line in output.split("\r\n") if line.startswith("imported ")]
    assert lines == ["imported a␛]0;pwned␇⏎ b (16 characters)", "imported x␛[31mred (9 characters)"]


def test_errors_naming_a_file_show_its_controls(tmp_path):
    missing = f"study{RETITLE}\n.db"
    result = CliRunner().invoke(main, ["export", "--format", "csv", "--db", missing])
    assert result.exit_code == 1
    assert result.stderr.strip() == "Error: no database at study␛]0;pwned␇⏎ .db"


@pytest.fixture
def database(tmp_path):
    path = tmp_path / "export.db"
    store = open_store(path)
    store.add_document(Document(id="d", title=f"Title {RETITLE}", text=SUFFIX_TEXT))
    store.add_annotation("d", 0, SUFFIX_TEXT.index(" \x1b"), "quote", note=f"note {RED}red")
    store.close()
    return path


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_export_to_a_terminal_shows_controls_and_to_a_pipe_or_file_keeps_them(tmp_path, database, fmt):
    status, shown = _on_terminal(tmp_path, "export", "--format", fmt, "--db", str(database))
    assert status == 0, shown
    _no_raw_controls(shown)
    out = tmp_path / f"out.{fmt}"
    CliRunner().invoke(main, ["export", "--format", fmt, "--db", str(database), "--output", str(out)])
    exact = out.read_bytes()
    piped = subprocess.run([sys.executable, "-c", ENTRY, "export", "--format", fmt, "--db", str(database)],
                           cwd=tmp_path, env=reader_env(tmp_path), capture_output=True, check=True).stdout
    assert piped == exact
    if fmt == "csv":
        assert RETITLE.encode() in exact and b"\rover" in exact  # the suffix cell, exact
        assert "␛]0;pwned␇Then␍over␛[31m⇄exe.tx" in shown
    rows = exact.decode("utf-8").replace("\r\n", "\n").count("\n")
    assert shown.replace("\r\n", "\n").count("\n") == rows  # shown row for row


@pytest.mark.parametrize("fmt", ["table", "jsonl"])
def test_passages_at_a_terminal_show_controls(tmp_path, fmt):
    path = tmp_path / "p.db"
    store = open_store(path)
    shared = "A long shared passage that both of the articles carry word for word, " * 3
    for number in (1, 2):
        store.add_document(Document(id=f"doc{number}{RETITLE}\u202eexe", title=f"T{number}",
                                    text=f"Intro {number}. {shared}{RED} end {number}."))
    store.close()
    status, output = _on_terminal(tmp_path, "passages", "--db", str(path), "--format", fmt)
    assert status == 0, output
    _no_raw_controls(output)
    assert "doc1" in output and "⇄exe" in output


@pytest.mark.parametrize("how", ["bare", "read"])
def test_the_reader_refusing_to_open_names_the_keymap_visibly(tmp_path, how):
    config = tmp_path / f"config{RETITLE}"
    (config / "sidebyside").mkdir(parents=True)
    keymap = config / "sidebyside" / "keymap.toml"
    keymap.write_text("keys = 1\n", encoding="utf-8")  # not a [keys] table: the reader refuses it
    args = [] if how == "bare" else ["read", "--keymap", str(keymap)]
    env = {**reader_env(tmp_path), "XDG_CONFIG_HOME": str(config)}
    # On a terminal: without one the reader refuses before it reads the keymap.
    status, shown, _ = run_on_terminal([sys.executable, "-c", ENTRY, *args], cwd=tmp_path, env=env)
    assert status == 1
    assert shown.lstrip().startswith("Error: keymap ") and "config␛]0;pwned␇" in shown
    _no_raw_controls(shown)
