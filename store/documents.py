"""Reading and writing the documents table: import, lookup and the per-document listing."""
from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from corpus.document import Document

from .errors import DocumentChangedError, UnknownDocumentError
from .records import DocumentInfo, StoredDocument, styles_from_json, styles_to_json

_DOCUMENT_COLUMNS = "id, title, source, url, date, text, sha256, imported, format, styles"


def text_sha256(text: str, *, bulk: bool = False) -> str:
    """The SHA-256 of the text's UTF-8 bytes, as hex.

    Importing hashlib loads OpenSSL, about 5 ms of the first start (which imports the seeds)
    against 0.6 ms for CPython's own SHA-256; but OpenSSL's hashes 4 times as fast, which is
    what a bulk import of tens of thousands of articles wants.
    """
    if not bulk:
        try:
            # Python 3.11; a private module typeshed has no stub for.
            from _sha256 import sha256 as small_sha256  # type: ignore[import-not-found]
        except ImportError:
            pass
        else:
            digest: str = small_sha256(text.encode("utf-8")).hexdigest()
            return digest
    from hashlib import sha256

    return sha256(text.encode("utf-8")).hexdigest()


def changed_error(doc_id: str) -> DocumentChangedError:
    return DocumentChangedError(
        f"document {doc_id!r} is already stored with different text; re-anchoring "
        "annotations on changed documents is not supported yet - give the new version "
        "another id or use a new database"
    )


_LOOKUP_CHUNK = 500  # ids per query, well under SQLite's limit on bound parameters


def stored_states(conn: sqlite3.Connection,
                  hashed: list[tuple[Document, str]]) -> list[str | DocumentChangedError | None]:
    """Per (document, sha256): "unchanged" if stored with this text, None if absent, else the
    DocumentChangedError. One query per 500 ids, not one per document."""
    stored: dict[str, str] = {}
    ids = [doc.id for doc, _ in hashed]
    for start in range(0, len(ids), _LOOKUP_CHUNK):
        chunk = ids[start:start + _LOOKUP_CHUNK]
        marks = ", ".join("?" * len(chunk))
        stored.update(conn.execute(f"SELECT id, sha256 FROM documents WHERE id IN ({marks})", chunk))
    states: list[str | DocumentChangedError | None] = []
    for doc, sha256 in hashed:
        known = stored.get(doc.id)
        states.append(None if known is None else "unchanged" if known == sha256 else changed_error(doc.id))
    return states


def next_position(conn: sqlite3.Connection) -> int:
    """The import position after the last stored document (an index lookup, not a scan)."""
    position: int
    (position,) = conn.execute("SELECT COALESCE(MAX(position), 0) + 1 FROM documents").fetchone()
    return position


def insert(conn: sqlite3.Connection, doc: Document, sha256: str, now: str, position: int) -> None:
    """Insert a new document at import position `position` (see next_position)."""
    conn.execute(
        f"INSERT INTO documents ({_DOCUMENT_COLUMNS}, position) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            doc.id, doc.title, doc.source, doc.url, doc.date, doc.text, sha256, now,
            doc.format, styles_to_json(doc.styles), position,
        ),
    )


def fetch(conn: sqlite3.Connection, doc_id: str) -> StoredDocument:
    """One stored document with its text, or UnknownDocumentError."""
    row = conn.execute(
        f"SELECT {_DOCUMENT_COLUMNS} FROM documents WHERE id = ?", (doc_id,)
    ).fetchone()
    if row is None:
        raise UnknownDocumentError(f"no document with id {doc_id!r} in the store")
    return StoredDocument._make((*row[:9], styles_from_json(row[9])))


def fetch_text(conn: sqlite3.Connection, doc_id: str) -> str:
    """Only the text of one document, or UnknownDocumentError."""
    row = conn.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()
    if row is None:
        raise UnknownDocumentError(f"no document with id {doc_id!r} in the store")
    text: str = row[0]
    return text


def ids(conn: sqlite3.Connection) -> list[str]:
    """Document ids in import order."""
    try:  # the covering index of schema 4: no row (and none of its text) is read
        rows = conn.execute("SELECT id FROM documents INDEXED BY idx_documents_order ORDER BY position, rowid")
    except sqlite3.OperationalError:  # an older file opened read-only, not migrated
        rows = conn.execute("SELECT id FROM documents ORDER BY position, rowid")
    return [i for (i,) in rows]


def listing(conn: sqlite3.Connection, tag_names: list[str], ids: Sequence[str] | None = None) -> list[DocumentInfo]:
    """Every document's metadata, length and per-tag counts, in import order; with `ids`, only
    those documents' (a few queries of _LOOKUP_CHUNK ids each, not a pass over every text)."""
    if ids is None:
        return _infos(conn, tag_names, "", " ORDER BY position, rowid", [])
    infos: list[DocumentInfo] = []
    for at in range(0, len(ids), _LOOKUP_CHUNK):
        chunk = list(ids[at:at + _LOOKUP_CHUNK])
        marks = ", ".join("?" * len(chunk))
        infos += _infos(conn, tag_names, f" WHERE document_id IN ({marks})", f" WHERE id IN ({marks})", chunk)
    return infos


def _infos(conn: sqlite3.Connection, tag_names: list[str], annotations_where: str, documents_where: str,
           params: list[str]) -> list[DocumentInfo]:
    counts: dict[str, dict[str, int]] = {}
    for doc_id, tag, n in conn.execute(
        f"SELECT document_id, tag, COUNT(*) FROM annotations{annotations_where} GROUP BY document_id, tag", params
    ):
        counts.setdefault(doc_id, {})[tag] = n
    infos = []
    for doc_id, title, source, url, date, length, has_nul, imported in conn.execute(
        "SELECT id, title, source, url, date, length(text), instr(text, char(0)) > 0, imported "
        f"FROM documents{documents_where}", params
    ):
        if has_nul:  # SQLite's length() stops at the first NUL; count in Python instead.
            length = len(fetch_text(conn, doc_id))
        per_tag = dict.fromkeys(tag_names, 0) | counts.get(doc_id, {})
        infos.append(DocumentInfo(doc_id, title, source, url, date, length, imported, per_tag))
    return infos
