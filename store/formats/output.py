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


__all__ = ["write_output", "writes_in_place"]
