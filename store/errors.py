"""Errors the store raises, each worded so a researcher can act on it."""
from __future__ import annotations


class StoreError(Exception):
    """Base class for every error the store raises on purpose."""


class NotADatabaseError(StoreError):
    """The file is not an SQLite database (or not a sidebyside one); it was left untouched."""


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


class UnknownTagError(StoreError, LookupError):
    """The tag is not one of the tags in the `tags` table."""


class DocumentChangedError(StoreError):
    """A document with this id is stored with different text."""
