"""The command line as typed: a mistyped command is named as one, the reader refuses to start
without a terminal, and what each command's help says about --db is what the command does."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import tui.cli
from store import open_store
from store.importer import import_seeds
from tests.pty_terminal import run_on_terminal
from tui.cli import main

ROOT = Path(__file__).resolve().parents[1]
SIDEBYSIDE = Path(sys.executable).parent / "sidebyside"  # the console script pip installed
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "SIDEBYSIDE_ANNOTATOR": "tester"}


@pytest.fixture
def reader_calls(monkeypatch) -> list[tuple]:
    """Every call to open the reader, which is recorded instead of run."""
    calls: list[tuple] = []
    monkeypatch.setattr(tui.cli, "open_reader", lambda *args: calls.append(args))
    return calls


@pytest.fixture
def seeded_folder(tmp_path, monkeypatch) -> Path:
    """The current folder, with a sidebyside.db holding the seeds."""
    store = open_store(tmp_path / "sidebyside.db")
    import_seeds(store)
    store.close()
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("typed, said", [
    (["exprot", "--format", "csv"], "no such command or file: 'exprot'; did you mean 'export'?"),
    (["pasages"], "did you mean 'passages'?"),
    (["imprt", "a.txt"], "did you mean 'import'?"),
    (["codebok", "list"], "no such command or file: 'codebok'; did you mean 'codebook'?"),
    (["stauts"], "did you mean 'status'?"),
    (["frobnicate"], "no such command or file: 'frobnicate'; the commands are read, import, export, codebook, "
                     "status, passages"),
])
def test_a_mistyped_command_is_named_as_one_and_the_reader_is_not_opened(seeded_folder, reader_calls, typed, said):
    result = CliRunner().invoke(main, typed)
    assert result.exit_code == 2
    assert said in result.output
    assert reader_calls == []


def test_a_file_whose_name_reads_like_a_command_is_still_read(seeded_folder, reader_calls):
    (seeded_folder / "exprot").write_text("An article in a file without a suffix.\n", encoding="utf-8")
    for typed in (["exprot"], ["articles.txt"], ["./notes"]):  # existing, or not a command name
        assert CliRunner().invoke(main, typed).exit_code == 0
    assert [call[0] for call in reader_calls] == [("exprot",), ("articles.txt",), ("./notes",)]


# --- no terminal ---------------------------------------------------------------------------------

def refused_without_terminal(command: list[str], cwd: Path) -> tuple[int, str, float]:
    """Run `command` with no terminal at all; (status, what it said, seconds it took)."""
    started = time.monotonic()
    result = subprocess.run(command, cwd=cwd, env=ENV, stdin=subprocess.DEVNULL, capture_output=True,
                            text=True, timeout=30)
    return result.returncode, result.stdout + result.stderr, time.monotonic() - started


@pytest.mark.parametrize("command", [[str(SIDEBYSIDE)], [str(SIDEBYSIDE), "read"],
                                     [sys.executable, "-m", "tui", "--db", "study.db"]],
                         ids=["sidebyside", "sidebyside read", "python -m tui --db"])
def test_the_reader_without_a_terminal_refuses_promptly_before_touching_the_database(tmp_path, command):
    status, said, took = refused_without_terminal(command, tmp_path)
    assert status == 1
    assert "the reader needs a terminal" in said and "sidebyside export" in said
    assert took < 20  # it used to spin at full CPU until killed
    assert list(tmp_path.iterdir()) == []  # no database created


@pytest.mark.parametrize("redirected, named", [("stdout_to_pipe", "standard output is not one"),
                                               ("stdin_from_null", "standard input is not one")])
def test_the_reader_refuses_when_only_its_input_or_output_is_redirected(tmp_path, redirected, named):
    started = time.monotonic()
    status, shown, piped = run_on_terminal([str(SIDEBYSIDE)], cwd=tmp_path, env=ENV, timeout=30,
                                           **{redirected: True})
    assert status == 1 and time.monotonic() - started < 20
    assert named in shown and "sidebyside export" in shown
    assert piped == "" and "\x1b" not in shown  # no escape codes anywhere
    assert list(tmp_path.iterdir()) == []


def test_refusing_imports_neither_textual_nor_the_store(tmp_path):
    code = ("import sys\nfrom tui.entry import main\ntry:\n    main([])\nexcept SystemExit as done:\n"
            "    loaded = sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'store', 'corpus', 'click'})\n"
            "    print('exit', done.code, 'loaded', loaded)\n")
    status, said, _ = refused_without_terminal([sys.executable, "-c", code], tmp_path)
    assert "exit 1 loaded []" in said


# --- what --help says about --db, checked against what each command does ----------------------

def db_help(command: str) -> str:
    output = CliRunner().invoke(main, [command, "--help"], terminal_width=200).output
    [line] = [line for line in output.splitlines() if line.strip().startswith("--db")]
    return line


FIRST_FRAME_THEN_QUIT = """
import sys
from textual.app import App

def display(self, screen, renderable):
    if renderable is not None and self.query("ArticleView"):
        self.exit()

App._display = display
original_run = App.run
App.run = lambda self, *a, **k: original_run(self, headless=True, size=(120, 40))
from tui.entry import main
main(sys.argv[1:])
"""


def run_against_missing_database(command: str, db: Path, tmp_path: Path) -> int:
    article = tmp_path / "article.txt"
    article.write_text("A headline\n\nA body.\n", encoding="utf-8")
    if command == "read":  # the reader needs a terminal; it quits at its first frame
        status, shown, _ = run_on_terminal([sys.executable, "-c", FIRST_FRAME_THEN_QUIT, "read", "--db", str(db)],
                                           cwd=tmp_path, env=ENV, timeout=120)
        return status
    arguments = {"import": [str(article)], "export": ["--format", "csv"], "passages": [], "status": [],
                 "suggest": []}[command]
    return CliRunner().invoke(main, [command, *arguments, "--db", str(db)]).exit_code


@pytest.mark.parametrize("command", ["read", "import", "export", "passages", "status", "suggest"])
def test_each_commands_db_help_says_what_it_does_with_a_missing_database(tmp_path, command):
    claim = db_help(command)
    db = tmp_path / "missing.db"
    status = run_against_missing_database(command, db, tmp_path)
    if "created if missing" in claim:
        assert status == 0 and db.exists()
    else:
        assert "must exist" in claim and "created" not in claim.replace("never created", "")
        assert status == 1 and not db.exists()
    assert {"read": "created", "import": "created", "export": "must exist", "passages": "must exist",
            "status": "must exist", "suggest": "must exist"}[command] in claim


def test_every_command_says_what_it_does():
    overview = CliRunner().invoke(main, ["--help"], terminal_width=200).output
    commands = overview.split("Commands:")[1].splitlines()
    described = {line.split()[0]: " ".join(line.split()[1:]) for line in commands if line.strip()}
    assert set(described) == {"read", "import", "export", "codebook", "status", "passages", "suggest"}
    assert all(len(words.split()) >= 4 for words in described.values()), described
