"""After the reader stopped on an unexpected error: the traceback to a log file, a short note, a status."""
from __future__ import annotations

import os
import sys
import tempfile
from datetime import UTC
from pathlib import Path

# EX_SOFTWARE from sysexits.h, "an internal software error": distinct from 1 (the reader could
# not open: a refused database, nothing readable) and from click's 2 (a usage error), so a
# script can tell a crash from a refusal.
CRASH_STATUS = 70


def crash_log_candidates(db: str | os.PathLike) -> list[Path]:
    """Where the log may go, best first.

    Beside the database, `<db stem>-crash.log`: where the researcher already looks (the exports
    land there too), one log per study, and a folder that must be writable for SQLite's WAL
    anyway. Should that fail (a log name taken by a folder, a full or read-only disk), the
    per-user state folder ($XDG_STATE_HOME/sidebyside, else ~/.local/state/sidebyside), then the
    temporary folder."""
    path = Path(os.path.abspath(db))  # the note names it: a path that works from any folder
    name = f"{path.stem or 'sidebyside'}-crash.log"
    state = os.environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    return [path.parent / name, Path(state) / "sidebyside" / name,
            Path(tempfile.gettempdir()) / f"sidebyside-{name}"]


def write_crash_log(traceback_text: str, db: str | os.PathLike) -> tuple[Path | None, list[str]]:
    """Append the traceback, under a heading, to the first log file that can be written.

    Appended, not replaced: an earlier crash's traceback is still there to compare. Returns the
    path (None if no candidate could be written) and why each candidate before it failed."""
    from datetime import datetime

    heading = (f"=== sidebyside stopped on an unexpected error at "
               f"{datetime.now(UTC).isoformat(timespec='seconds')}\n"
               f"database: {os.path.abspath(db)}\n{_versions()}\n")
    failures = []
    for candidate in crash_log_candidates(db):
        try:
            candidate.parent.mkdir(parents=True, exist_ok=True)
            # backslashreplace: a traceback can quote article text holding lone surrogates.
            with open(candidate, "a", encoding="utf-8", errors="backslashreplace") as log:
                log.write(heading + traceback_text.rstrip("\n") + "\n\n")
        except OSError as error:
            failures.append(f"{candidate}: {error.strerror or error}")
            continue
        return candidate, failures
    return None, failures


def report_crash(traceback_text: str, db: str | os.PathLike) -> int:
    """Log the traceback, say where on stderr (the terminal is back to normal by now), and
    return the exit status for the process."""
    log, failures = write_crash_log(traceback_text, db)
    lines = [f"sidebyside stopped on an unexpected error: {_last_line(traceback_text)}"]
    if log is not None:
        lines.append(f"The full traceback is in {log}")
    else:
        lines.append("The traceback could not be written to a log file (" + "; ".join(failures) + "):")
        lines.extend(traceback_text.rstrip("\n").splitlines())
    lines.append(f"Every annotation made before it is saved in {os.path.abspath(db)}.")
    # An error message can quote article text: escape sequences in it must not reach the terminal.
    print("\n".join(_printable(line) for line in lines), file=sys.stderr, flush=True)
    return CRASH_STATUS


def _printable(line: str) -> str:
    """One line as the terminal should show it: control characters as visible symbols, lone
    surrogates as backslash escapes."""
    from tui.textlayout import glyph

    line = line.encode("utf-8", "backslashreplace").decode("utf-8")
    return "".join(glyph(char) for char in line)


def _last_line(traceback_text: str) -> str:
    """The exception's own line ("RuntimeError: ..."): the last line of a formatted traceback."""
    lines = [line for line in traceback_text.splitlines() if line.strip()]
    return lines[-1].strip() if lines else "unknown error"


def _versions() -> str:
    from importlib import metadata

    parts = [f"python {sys.version.split()[0]}"]
    for package in ("sidebyside", "textual"):
        try:
            parts.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            pass
    return ", ".join(parts)
