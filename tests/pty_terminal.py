"""Commands on a pseudo-terminal, as a person runs them in a terminal window: run to the end
(run_on_terminal), or typed into as they run (Terminal)."""
from __future__ import annotations

import errno
import fcntl
import os
import select
import sqlite3
import struct
import subprocess
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def reader_env(tmp_path: Path) -> dict[str, str]:
    """The environment for a reader under test: this checkout, an xterm, its own config and state."""
    return {**os.environ, "PYTHONPATH": str(ROOT), "TERM": "xterm-256color", "SIDEBYSIDE_ANNOTATOR": "ana",
            "XDG_STATE_HOME": str(tmp_path / "state"), "XDG_CONFIG_HOME": str(tmp_path / "config")}


class Terminal:
    """A child process on a pseudo-terminal: what it wrote, and keys typed into it."""

    def __init__(self, args: list[str], cwd: Path, env: dict[str, str]) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 160, 0, 0))
        self.master = master
        self.output = b""
        self.process = subprocess.Popen(args, stdin=slave, stdout=slave, stderr=slave, cwd=cwd, env=env,
                                        start_new_session=True)
        os.close(slave)

    def read(self, timeout: float) -> bool:
        """Read what is there within timeout; False at end of output."""
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return True
        try:
            chunk = os.read(self.master, 65536)
        except OSError:  # EIO: the child closed the terminal
            return False
        self.output += chunk
        return bool(chunk)

    def wait_for(self, needle: bytes, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while needle not in self.output:
            assert time.monotonic() < deadline, f"{needle!r} never shown: {self.output[-2000:]!r}"
            assert self.read(0.2), f"ended before showing {needle!r}: {self.output[-2000:]!r}"

    def type(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def finish(self, timeout: float = 30) -> int:
        deadline = time.monotonic() + timeout
        while self.read(0.2) and time.monotonic() < deadline:
            if self.process.poll() is not None and not select.select([self.master], [], [], 0.2)[0]:
                break
        try:
            return self.process.wait(timeout=max(1.0, deadline - time.monotonic()))
        finally:
            os.close(self.master)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def annotations(database: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT tag, text FROM annotations").fetchall()
    except sqlite3.OperationalError:  # not created yet
        return []
    finally:
        conn.close()


def wait_until(condition, terminal: Terminal, what: str, timeout: float = 20) -> None:
    """Keep reading the terminal until condition() holds."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"{what}: never happened; shown: {terminal.output[-2000:]!r}"
        terminal.read(0.1)


def run_on_terminal(command: list[str], *, cwd, env: dict[str, str], timeout: float = 60,
                    stdout_to_pipe: bool = False, stdin_from_null: bool = False) -> tuple[int, str, str]:
    """Run `command` with standard input, output and error on a new pseudo-terminal.

    stdout_to_pipe: standard output goes to a pipe instead, as in `sidebyside | cat`;
    stdin_from_null: standard input is /dev/null, as in `sidebyside < /dev/null`.
    Returns (exit status, what the terminal showed, what the pipe got).
    """
    master, slave = os.openpty()
    try:
        child = subprocess.Popen(command, cwd=cwd, env=env, stdin=subprocess.DEVNULL if stdin_from_null else slave,
                                 stderr=slave,
                                 stdout=subprocess.PIPE if stdout_to_pipe else slave, start_new_session=True)
    finally:
        os.close(slave)  # the child holds it now; reading the master ends when the child closes it
    shown = bytearray()
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.1)
            if not ready:
                if child.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError as error:
                if error.errno == errno.EIO:  # Linux: every slave descriptor is closed
                    break
                raise
            if not chunk:
                break
            shown += chunk
        try:
            status = child.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()  # still running at the deadline: the caller sees the kill's status
            status = child.wait()
        piped = child.stdout.read().decode("utf-8", "replace") if stdout_to_pipe else ""
    finally:
        os.close(master)
        if child.poll() is None:
            child.kill()
            child.wait()
        if child.stdout:
            child.stdout.close()
    return status, shown.decode("utf-8", "replace"), piped
