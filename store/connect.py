"""Opening a database file: refuse what is not ours, set durable pragmas, migrate."""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from .errors import StoreError
from .schema import check_header, check_ownership, migrate
from .store import Store

BUSY_TIMEOUT_MS = 5000


def open_store(path: str | os.PathLike[str]) -> Store:
    """Open (creating or migrating if needed) the database at path; ":memory:" works for tests.

    Raises NotADatabaseError or SchemaTooNewError without touching the file.
    """
    memory = str(path) == ":memory:"
    location: Path | str = ":memory:" if memory else Path(path)
    if not memory:
        check_header(location)
    conn = _connect(location)
    try:
        check_ownership(conn, location)  # read-only checks first: a refused file stays untouched
        _configure(conn)
        migrate(conn, location)
    except BaseException:
        conn.close()
        raise
    return Store(location, conn)


def open_another(store: Store) -> Store:
    """A second connection to an open store's file, for another thread; no checks, no migration.

    The file was checked when `store` was opened. Checking again would open and close the file with
    plain Python I/O, and closing any descriptor of a file drops every POSIX lock this process holds
    on it: SQLite's locks too. Without them, another process that closes its connection believes it
    is the last one and deletes the WAL that this process still writes to.
    """
    conn = _connect(store.path)
    try:
        _configure(conn)
    except BaseException:
        conn.close()
        raise
    return Store(store.path, conn)


def _connect(location: Path | str) -> sqlite3.Connection:
    try:
        return sqlite3.connect(
            str(location),
            isolation_level=None,  # we issue BEGIN IMMEDIATE / COMMIT ourselves
            timeout=BUSY_TIMEOUT_MS / 1000,  # sets SQLite's busy timeout: no PRAGMA needed
            check_same_thread=False,  # the reader may save from a worker thread; _lock serialises
        )
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open {location}: {exc}") from exc


def _configure(conn: sqlite3.Connection) -> None:
    """Durable settings: WAL + synchronous=FULL survives power loss, not only a killed process."""
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
