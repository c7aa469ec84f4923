"""Writing an export to a path: write-then-rename for regular files, straight into anything else."""
from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

# Paths the kernel makes up (/dev/stdout is /proc/self/fd/1, which names a pipe, a terminal or the
# file the shell opened): renaming over them would replace what they stand for.
_SYSTEM_PREFIXES = ("/dev/", "/proc/")


def writes_in_place(path: Path) -> bool:
    """True when `path` must be written straight into: a device, FIFO, socket or /dev/stdout."""
    resolved = os.path.realpath(path)
    if str(path.absolute()).startswith(_SYSTEM_PREFIXES) or resolved.startswith(_SYSTEM_PREFIXES):
        return True
    try:
        mode = os.stat(resolved).st_mode
    except FileNotFoundError:
        return False  # a new file
    return not stat.S_ISREG(mode)


def write_output(path: str | Path, write: Callable[[TextIO], int]) -> int:
    """Call `write` with a UTF-8 text stream (newline="") that ends up at `path`; returns its count.

    A regular file or a new path gets a `.part` file renamed over it, so a half-written export never
    replaces a good one; through a symlink, the link's target is replaced and the link kept. A
    character device, FIFO, socket or /dev/stdout is opened and written straight into: renaming
    over /dev/null run as root replaced the device with a regular file.
    """
    path = Path(path)
    if writes_in_place(path):
        with open(path, "w", encoding="utf-8", newline="") as out:
            return write(out)
    target = Path(os.path.realpath(path))
    partial = target.with_name(target.name + ".part")
    try:
        with open(partial, "w", encoding="utf-8", newline="") as out:
            count = write(out)
        try:
            os.chmod(partial, stat.S_IMODE(os.stat(target).st_mode))  # keep the file's permissions
        except FileNotFoundError:
            pass
        partial.replace(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return count


class ExportTargetError(ValueError):
    """An --output path that export must not write: the database itself, another SQLite file,
    a file that is no export (without force), or a path in a folder that does not exist."""


def _looks_like_an_export(path: Path) -> bool:
    """A file sidebyside wrote before: its first line is an export's CSV header or JSONL record."""
    import json

    with open(path, "rb") as handle:
        first = handle.readline(65536).decode("utf-8", "replace").strip()
    if not first:
        return True  # an empty file holds nothing to lose
    if first.startswith(("id,document_id,", "tag,item,")):
        return True
    try:
        record = json.loads(first)
    except ValueError:
        return False
    return isinstance(record, dict) and {"id", "document_id", "start", "end"} <= record.keys()


def check_export_target(path: str | Path, database: str | Path, *, force: bool = False) -> None:
    """Refuse, before anything is written, an --output that would destroy data (ExportTargetError)."""
    path = Path(path)
    if writes_in_place(path):
        return  # a device, FIFO or socket: nothing stored is replaced
    target = Path(os.path.realpath(path))
    if not target.parent.is_dir():
        raise ExportTargetError(f"cannot write {path}: the folder {target.parent} does not exist")
    if not target.exists():
        return
    db = Path(os.path.realpath(database))
    if target in (db, Path(f"{db}-wal"), Path(f"{db}-shm")) or (db.exists() and os.path.samefile(target, db)):
        raise ExportTargetError(f"refusing to write {path}: it is the database being exported")
    with open(target, "rb") as handle:
        if handle.read(16) == b"SQLite format 3\x00":
            raise ExportTargetError(f"refusing to write {path}: it is an SQLite database")
    if not force and not _looks_like_an_export(target):
        raise ExportTargetError(
            f"refusing to replace {path}: it exists and is not an earlier export "
            "(choose another name, or pass --force to replace it)")


__all__ = ["ExportTargetError", "check_export_target", "write_output", "writes_in_place"]
