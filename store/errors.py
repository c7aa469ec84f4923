"""Errors the store raises, each worded so a researcher can act on it."""
from __future__ import annotations


class StoreError(Exception):
    """Base class for every error the store raises on purpose."""


class NotADatabaseError(StoreError):
    """The file is not an SQLite database (or not a sidebyside one); it was left untouched."""


class DamagedDatabaseError(NotADatabaseError):
    """A sidebyside database whose file is cut short or fails SQLite's quick_check; never written."""


def damaged_message(path: object, detail: str) -> str:
    return (f"{path} is damaged ({detail}); it was not changed. Recover your annotations from your "
            f"last export, or with SQLite's own tool: sqlite3 {path} .recover | sqlite3 recovered.db")


class ForeignDatabaseError(NotADatabaseError):
    """An SQLite database that belongs to something else; sidebyside refuses to write into it."""


class SchemaTooNewError(StoreError):
    """The database was written by a newer sidebyside; it was left untouched."""


class UnknownDocumentError(StoreError, LookupError):
    """No document with that id is in the store."""


class UnknownAnnotationError(StoreError, LookupError):
    """No annotation with that id is in the store."""


class InvalidSpanError(StoreError, ValueError):
    """start/end are not a non-empty range of code points inside the document text."""


class InvalidTextError(StoreError, ValueError):
    """A string that is not Unicode text (a lone surrogate, as a broken JSON escape gives)."""


class UnknownTagError(StoreError, LookupError):
    """The tag is not one of the tags in the `tags` table."""


class InvalidAttributeError(StoreError, ValueError):
    """An attribute value the codebook does not allow: an attribute the tag lacks, a value not among its choices."""


class DocumentChangedError(StoreError):
    """A document with this id is stored with different text."""


class UndoConflictError(StoreError):
    """Undo or redo refused: another session changed that annotation since."""


class WriteFailedError(StoreError):
    """SQLite could not save a change; nothing of that change was saved, everything before it is kept."""


class DatabaseBusyError(WriteFailedError):
    """Another connection held the write lock for longer than the busy timeout."""


class ReadOnlyDatabaseError(WriteFailedError):
    """The database file, its folder or its WAL cannot be written (permissions, a read-only disk)."""


class DiskFullError(WriteFailedError):
    """The disk (or a quota) is full."""


def write_error(exc: Exception) -> WriteFailedError:
    """The StoreError that says what went wrong with a failed write, by SQLite's error code."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    message = str(exc)
    if name.startswith("SQLITE_BUSY") or name.startswith("SQLITE_LOCKED") or "locked" in message:
        return DatabaseBusyError(
            "database busy: another process holds its write lock; "
            "this change was not saved (everything saved before it is kept), try again")
    if name.startswith("SQLITE_READONLY") or "readonly" in message:
        return ReadOnlyDatabaseError(
            "the database is read-only (check the permissions of the file and its folder): "
            "this change was not saved; reading and export still work")
    if name == "SQLITE_FULL" or "full" in message:
        return DiskFullError("disk full: this change was not saved (everything saved before it is kept)")
    return WriteFailedError(f"could not save this change ({message}); everything saved before it is kept")
