"""Running a command on a pseudo-terminal, as a person runs `sidebyside` in a terminal window."""
from __future__ import annotations

import errno
import os
import select
import subprocess
import time


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
