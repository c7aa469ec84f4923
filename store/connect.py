"""Opening a database file: refuse what is not ours, set durable pragmas, migrate."""
from __future__ import annotations

import os
import sqlite3
import urllib.parse
from pathlib import Path

from .errors import StoreError
from .schema import check_header, check_ownership, migrate, quick_check
from .store import Store

BUSY_TIMEOUT_MS = 5000


def open_store(path: str | os.PathLike[str], *, check: bool = True) -> Store:
    """Open (creating or migrating if needed) the database at path; ":memory:" works for tests.

    Raises NotADatabaseError (DamagedDatabaseError for a damaged file) or SchemaTooNewError
    without touching the file. `check=False` leaves SQLite's quick_check to the caller (the reader
    runs it after its first frame: start-up stays fast on a large database).
    """
    memory = str(path) == ":memory:"
    location: Path | str = ":memory:"
    if not memory:
        location = Path(path)
        check_header(location)
        reason = _why_read_only(location)
        if reason:
            return _open_read_only(location, reason, check)
    conn = _connect(location)
    try:
        check_ownership(conn, location)  # read-only checks first: a refused file stays untouched
        if check:
            quick_check(conn, location)
        _configure(conn)
        migrate(conn, location)
    except BaseException:
        conn.close()
        raise
    store = Store(location, conn)
    store.checked = check or memory
    return store


def _why_read_only(path: Path) -> str | None:
    """Why an existing database cannot be written here, or None (a new one must be creatable)."""
    folder = path.parent
    if not path.exists():
        if not os.access(folder, os.W_OK | os.X_OK):
            raise StoreError(f"cannot create {path}: the folder {folder} is not writable")
        return None
    if not os.access(path, os.R_OK):
        raise StoreError(f"cannot read {path}: permission denied (check the file's permissions)")
    if not os.access(path, os.W_OK):
        return "the file is not writable"
    side_files = [Path(f"{path}-wal"), Path(f"{path}-shm")]
    if not os.access(folder, os.W_OK) and not all(os.access(f, os.W_OK) for f in side_files):
        return f"its folder {folder} is not writable"
    return None


def _open_read_only(path: Path, reason: str, check: bool = False) -> Store:
    """Open a database this process may read but not write: no pragmas, no migration."""
    quoted = urllib.parse.quote(str(path.resolve()))
    for options in ("mode=ro", "mode=ro&immutable=1"):
        # Without a writable folder SQLite cannot make the WAL index (-shm) it reads through;
        # immutable=1 reads the file as it is (nobody can be writing it through this folder).
        try:
            conn = sqlite3.connect(f"file:{quoted}?{options}", uri=True, isolation_level=None,
                                   check_same_thread=False)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError:
            continue
        try:
            check_ownership(conn, path)
            if check:
                quick_check(conn, path)
        except BaseException:
            conn.close()
            raise
        store = Store(path, conn, read_only=reason)
        store.checked = check
        return store
    raise StoreError(f"cannot open {path} read-only ({reason})")


def open_another(store: Store) -> Store:
    """A second connection to an open store's file, for another thread; no checks, no migration.

    The file was checked when `store` was opened. Checking again would open and close the file with
    plain Python I/O, and closing any descriptor of a file drops every POSIX lock this process holds
    on it: SQLite's locks too. Without them, another process that closes its connection believes it
    is the last one and deletes the WAL that this process still writes to.
    """
    if store.read_only:
        return _open_read_only(Path(store.path), store.read_only)
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
