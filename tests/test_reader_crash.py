"""A reader that crashes restores the terminal, exits non-zero and names a log holding the traceback;
what was tagged before the crash stays in the database."""
from __future__ import annotations

import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.pty_terminal import Terminal, reader_env
from tests.pty_terminal import annotations as _annotations
from tui.crash import CRASH_STATUS, crash_log_candidates, report_crash, write_crash_log

FAILURE = "injected failure: the overlap summary could not be built"

# The real console entry point, with one screen broken as a bug in it would break it: opening the
# overlap summary (`i`) raises in its on_mount, inside a Textual message handler, like the
# passages view's DuplicateKey did. No key reaches this in a normal run.
DRIVER = textwrap.dedent(
    f"""
    import sys
    import tui.screens.summary as summary

    def broken_on_mount(self):
        raise RuntimeError({FAILURE!r})

    summary.SummaryScreen.on_mount = broken_on_mount
    from tui.entry import main

    sys.argv = ["sidebyside", *sys.argv[1:]]
    main()
    """
)


@pytest.mark.parametrize("how", ["bare", "read"])
def test_a_crash_exits_non_zero_names_its_log_and_keeps_the_annotations(tmp_path, how):
    """`sidebyside` alone (./sidebyside.db) and `sidebyside read --db PATH` (through click)."""
    study = tmp_path / "study"
    study.mkdir()
    database = study / "sidebyside.db"
    args = [sys.executable, "-c", DRIVER] + ([] if how == "bare" else ["read", "--db", str(database)])
    terminal = Terminal(args, cwd=study, env=reader_env(tmp_path))
    try:
        terminal.wait_for(b"Huawei")  # the first frame: the seed articles are on screen
        deadline = time.monotonic() + 20
        terminal.type("1")  # tag the word under the cursor as a quote
        while not _annotations(database):
            assert time.monotonic() < deadline, "the tag was never stored"
            terminal.read(0.1)
        tagged = _annotations(database)
        terminal.type("i")  # the overlap summary, which is broken
        status = terminal.finish()
    finally:
        terminal.kill()
    output = terminal.output.decode("utf-8", "replace")

    assert status == CRASH_STATUS
    log = study / "sidebyside-crash.log"
    restored = output.rindex("\x1b[?1049l")  # the terminal left the alternate screen...
    note = output[restored:]  # ...before the note was written
    assert f"sidebyside stopped on an unexpected error: RuntimeError: {FAILURE}" in note
    assert f"The full traceback is in {log}" in note
    logged = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last):" in logged
    assert "broken_on_mount" in logged and f"RuntimeError: {FAILURE}" in logged
    assert f"database: {database}" in logged
    # The store was closed: its last connection checkpointed the WAL and removed it (looked at
    # before this test opens the file again).
    assert not Path(f"{database}-wal").exists()
    assert len(tagged) == 1 and tagged[0][0] == "quote"
    assert _annotations(database) == tagged


def test_an_error_raised_out_of_run_is_logged_and_exits_non_zero(tmp_path, monkeypatch, capsys):
    from tui.app import ReaderApp
    from tui.launch import open_reader

    def failing_run(self, *args, **kwargs):
        raise OSError("the terminal went away")

    monkeypatch.setattr(ReaderApp, "run", failing_run)
    monkeypatch.setattr("tui.launch.require_terminal", lambda: None)  # pytest's output is no terminal
    database = tmp_path / "study.db"
    with pytest.raises(SystemExit) as exited:
        open_reader(db=str(database), annotator="ana")
    assert exited.value.code == CRASH_STATUS
    logged = (tmp_path / "study-crash.log").read_text(encoding="utf-8")
    assert "failing_run" in logged and "OSError: the terminal went away" in logged
    assert f"The full traceback is in {tmp_path / 'study-crash.log'}" in capsys.readouterr().err


def test_the_log_falls_back_when_the_database_folder_cannot_take_it(tmp_path, monkeypatch, capsys):
    database = tmp_path / "study.db"
    (tmp_path / "study-crash.log").mkdir()  # the name is taken by a folder: not writable, even as root
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    trace = "Traceback (most recent call last):\n  File \"x\", line 1\nValueError: bad \ud800 text\n"
    status = report_crash(trace, database)
    assert status == CRASH_STATUS != 0
    fallback = tmp_path / "state" / "sidebyside" / "study-crash.log"
    assert crash_log_candidates(database)[1] == fallback
    assert "ValueError: bad \\ud800 text" in fallback.read_text(encoding="utf-8")
    err = capsys.readouterr().err
    assert f"The full traceback is in {fallback}" in err
    assert "sidebyside stopped on an unexpected error: ValueError: bad" in err

    report_crash("Traceback (most recent call last):\nKeyError: 'second'\n", database)
    logged = fallback.read_text(encoding="utf-8")
    assert logged.count("=== sidebyside stopped") == 2 and "KeyError: 'second'" in logged  # appended


def test_with_no_writable_place_the_traceback_goes_to_stderr(tmp_path, monkeypatch, capsys):
    database = tmp_path / "study.db"
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    (tmp_path / "study-crash.log").mkdir()
    monkeypatch.setenv("XDG_STATE_HOME", str(blocker))  # a file: no folder can be made under it
    monkeypatch.setattr("tempfile.gettempdir", lambda: str(blocker))
    path, failures = write_crash_log("Traceback (most recent call last):\nOSError: x\n", database)
    assert path is None and len(failures) == 3
    assert report_crash("Traceback (most recent call last):\nOSError: x\n", database) == CRASH_STATUS
    err = capsys.readouterr().err
    assert "could not be written to a log file" in err and "OSError: x" in err
