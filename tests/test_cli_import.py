"""`sidebyside import` on a large corpus, run as a person runs it: a summary instead of a line per
document, progress on a terminal and plain lines in a pipe, batches that survive a kill, Ctrl+C."""
from __future__ import annotations

import fcntl
import os
import re
import select
import signal
import sqlite3
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

from test_import_streaming import write_corpus

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "TERM": "xterm-256color", "COLUMNS": "120"}
ENV.pop("NO_COLOR", None)
ENV.pop("FORCE_COLOR", None)
COMMAND = [sys.executable, "-m", "tui", "import"]


def stored(database: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return [i for (i,) in conn.execute("SELECT id FROM documents ORDER BY position")]
    finally:
        conn.close()


def run_on_pty(args: list[str], timeout: float = 60) -> tuple[int, str]:
    """Run with stdout and stderr on a 120x40 pseudo-terminal; its status and all it wrote."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    process = subprocess.Popen(args, stdin=slave, stdout=slave, stderr=slave, env=ENV, cwd=ROOT)
    os.close(slave)
    output = b""
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # EIO: the child closed the terminal
                    break
                if not chunk:
                    break
                output += chunk
            elif process.poll() is not None:
                break
        return process.wait(timeout=10), output.decode("utf-8", "replace")
    finally:
        os.close(master)
        if process.poll() is None:
            process.kill()


def test_on_a_terminal_a_progress_bar_then_the_summary(tmp_path):
    corpus = write_corpus(tmp_path / "c.jsonl", 1200, chars=300)
    database = tmp_path / "s.db"
    status, output = run_on_pty([*COMMAND, "--db", str(database), str(corpus), str(tmp_path / "gone.txt")])
    assert status == 1  # one input refused
    assert "\x1b[" in output  # drawn with terminal control sequences: the live bar
    plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", output)
    # The bar after the first batch of 500, with the rate and the time left, then at the end.
    assert re.search(r"importing [━╸ ]+ +\d+% 500 articles [\d,]+/s about \d+ s left", plain), plain
    assert re.search(r"importing ━+ 100% 1,200 articles [\d,]+/s", plain), plain
    assert "1,200 imported, 0 unchanged, 1 refused" in output
    assert f"refused {tmp_path / 'gone.txt'}: no such file or folder" in output
    assert "imported art-" not in output  # no line per document
    assert len(stored(database)) == 1200


def test_in_a_pipe_plain_progress_lines_and_the_summary(tmp_path):
    corpus = write_corpus(tmp_path / "c.jsonl", 1200, chars=300)
    database = tmp_path / "s.db"
    result = subprocess.run([*COMMAND, "--db", str(database), str(corpus)], env=ENV, cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "1,200 imported, 0 unchanged, 0 refused\n"
    progress = result.stderr.splitlines()
    assert progress[0].startswith("stored 500 articles (500 new, 0 refused), ")
    assert progress[-1].startswith("stored 1,200 articles (1,200 new, 0 refused), 100% of the input read, ")
    assert "articles/s" in progress[0] and "left" in progress[0]
    assert "\x1b" not in result.stderr
    again = subprocess.run([*COMMAND, "--db", str(database), str(corpus)], env=ENV, cwd=ROOT,
                           capture_output=True, text=True, timeout=60)
    assert again.returncode == 0 and again.stdout == "0 imported, 1,200 unchanged, 0 refused\n"


def test_verbose_prints_a_line_per_document_in_input_order(tmp_path):
    corpus = write_corpus(tmp_path / "c.jsonl", 3, chars=40)
    with open(corpus, "a", encoding="utf-8") as out:
        out.write('{"id": "art-000001", "text": "a second one"}\n')
    result = subprocess.run([*COMMAND, "--verbose", "--db", str(tmp_path / "s.db"), str(corpus)],
                            env=ENV, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    refusal = f'refused {corpus}:4: duplicate id "art-000001": already read from {corpus}:2'
    lines = result.stdout.splitlines()
    assert [line.split(" (")[0] for line in lines[:3]] == [
        "imported art-000000", "imported art-000001", "imported art-000002"]
    assert lines[3:] == [refusal, "3 imported, 0 unchanged, 1 refused", refusal]


def start_importing(tmp_path: Path, count: int) -> tuple[subprocess.Popen, Path, int]:
    """An import of `count` small articles, running, once it has reported its first batch."""
    corpus = write_corpus(tmp_path / "c.jsonl", count, chars=60)
    database = tmp_path / "s.db"
    process = subprocess.Popen([*COMMAND, "--db", str(database), str(corpus)], env=ENV, cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    ready, _, _ = select.select([process.stderr], [], [], 60)
    if not ready:
        process.kill()
    line = process.stderr.readline() if ready else "(nothing reported within 60 s)"
    assert line.startswith("stored "), line
    reported = int(line.split()[1].replace(",", ""))
    return process, database, reported


def test_a_kill_mid_import_keeps_every_reported_batch(tmp_path):
    process, database, reported = start_importing(tmp_path, 40_000)
    process.send_signal(signal.SIGKILL)
    assert process.wait(timeout=30) == -signal.SIGKILL
    process.stdout.close()
    process.stderr.close()
    ids = stored(database)  # integrity_check passes
    assert reported == 500
    assert reported <= len(ids) < 40_000  # killed mid-import, and nothing reported was lost
    assert len(ids) % 500 == 0  # whole batches only
    assert ids == [f"art-{n:06d}" for n in range(len(ids))]


def test_ctrl_c_stops_cleanly_saying_how_many_were_stored(tmp_path):
    process, database, reported = start_importing(tmp_path, 40_000)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 130
    ids = stored(database)
    assert reported <= len(ids) < 40_000
    assert f"import stopped by Ctrl+C: {len(ids):,} articles stored ({len(ids):,} new)" in err
    assert "Traceback" not in err
    assert out == f"{len(ids):,} imported, 0 unchanged, 0 refused\n"
