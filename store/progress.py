"""Progress through a corpus: each annotator's status of each document (to do, in progress, done).

A row of `progress` (id "<annotator> U+001F <document id>") holds one annotator's status of one
document; a document with no row is to do. Every write goes through the caller's `history.Action`,
so marking a document is one undo step. Counts are one SQL query, whatever the corpus's size: no
Python loop over the documents. No Textual here.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import NamedTuple

from .errors import StoreError, UnknownDocumentError
from .history import Action

TODO, IN_PROGRESS, DONE = "todo", "in_progress", "done"
STATUSES = (TODO, IN_PROGRESS, DONE)  # the order D cycles through
LABELS = {TODO: "to do", IN_PROGRESS: "in progress", DONE: "done"}
MAX_ANNOTATOR_CHARS = 200


class ProgressError(StoreError, ValueError):
    """A status that is not one of STATUSES, or an annotator with no name."""


class ProgressCount(NamedTuple):
    """How many documents one annotator has to do, in progress and done, of `documents`."""

    annotator: str
    todo: int
    in_progress: int
    done: int
    documents: int


class DocumentProgress(NamedTuple):
    """One annotator's status of one document; `updated` is None for a document never marked."""

    document_id: str
    title: str | None
    annotator: str
    status: str
    updated: str | None


def row_id(annotator: str, document_id: str) -> str:
    return f"{annotator}\x1f{document_id}"


def check_annotator(annotator: object) -> str:
    if not isinstance(annotator, str):
        raise TypeError(f"an annotator must be a str, got {type(annotator).__name__}")
    if not annotator.strip():
        raise ProgressError("progress needs an annotator's name: this one is empty")
    if len(annotator) > MAX_ANNOTATOR_CHARS:
        raise ProgressError(f"an annotator's name is at most {MAX_ANNOTATOR_CHARS} characters")
    return annotator


def check_status(status: object) -> str:
    if status not in STATUSES:
        raise ProgressError(f"unknown status {status!r}; the statuses are {', '.join(STATUSES)}")
    known: str = status  # one of STATUSES, so a str
    return known


def next_status(status: str) -> str:
    """The status after `status` in the cycle to do -> in progress -> done -> to do."""
    return STATUSES[(STATUSES.index(check_status(status)) + 1) % len(STATUSES)]


def status_of(conn: sqlite3.Connection, document_id: str, annotator: str) -> str:
    """The annotator's status of the document (one lookup in the unique index); TODO with no row."""
    row = conn.execute("SELECT status FROM progress WHERE document_id = ? AND annotator = ?",
                       (document_id, annotator)).fetchone()
    return TODO if row is None else str(row[0])


def statuses(conn: sqlite3.Connection, annotator: str) -> dict[str, str]:
    """Every document the annotator has marked, with its status (unmarked documents are to do)."""
    return dict(conn.execute("SELECT document_id, status FROM progress WHERE annotator = ?", (annotator,)))


def set_status(action: Action, document_id: str, annotator: str, status: str) -> str:
    """Make the annotator's status of the document `status`, in the caller's action; returns it.
    The same status again leaves no undo step."""
    check_annotator(annotator)
    check_status(status)
    if action.conn.execute("SELECT 1 FROM documents WHERE id = ?", (document_id,)).fetchone() is None:
        raise UnknownDocumentError(f"no document with id {document_id!r} in the store")
    key = row_id(annotator, document_id)
    if action.conn.execute("SELECT 1 FROM progress WHERE id = ?", (key,)).fetchone() is None:
        if status != TODO:  # no row already means to do
            action.insert("progress", {"id": key, "document_id": document_id, "annotator": annotator,
                                       "status": status, "updated": action.at})
    elif status_of(action.conn, document_id, annotator) != status:
        action.update("progress", key, status=status, updated=action.at)
    return status


def cycle(action: Action, document_id: str, annotator: str) -> str:
    """Move the document on to its next status for the annotator, in the caller's action; the new status."""
    return set_status(action, document_id, annotator, next_status(status_of(action.conn, document_id, annotator)))


_COUNTS = ("SELECT who.name, docs.n - COALESCE(SUM(p.status IN ('in_progress', 'done')), 0), "
           "COALESCE(SUM(p.status = 'in_progress'), 0), COALESCE(SUM(p.status = 'done'), 0), docs.n "
           "FROM ({who}) who CROSS JOIN (SELECT COUNT(*) AS n FROM documents) docs "
           "LEFT JOIN progress p ON p.annotator = who.name GROUP BY who.name ORDER BY who.name")


def counts(conn: sqlite3.Connection, annotator: str | None = None) -> list[ProgressCount]:
    """Per annotator (every one who marked a document, or only `annotator`, marked or not), how
    many documents are to do, in progress and done: one query."""
    if annotator is None:
        rows = conn.execute(_COUNTS.format(who="SELECT DISTINCT annotator AS name FROM progress"))
    else:
        rows = conn.execute(_COUNTS.format(who="SELECT ? AS name"), (annotator,))
    return [ProgressCount(*row) for row in rows]


def done_count(conn: sqlite3.Connection, annotator: str) -> tuple[int, int]:
    """(documents done by the annotator, documents in the store), for the status line."""
    found = counts(conn, annotator)[0]
    return found.done, found.documents


def annotators(conn: sqlite3.Connection) -> list[str]:
    return [name for (name,) in conn.execute("SELECT DISTINCT annotator FROM progress ORDER BY annotator")]


# Every document (import order) for each annotator: the status, 'todo' where there is no row.
DOCUMENT_CELLS = ("d.id", "d.title", "who.name", "COALESCE(p.status, 'todo')", "p.updated")
DOCUMENT_COLUMNS = ", ".join(DOCUMENT_CELLS)
_DOCUMENTS = ("SELECT {columns} FROM ({who}) who CROSS JOIN documents d "
              "LEFT JOIN progress p ON p.document_id = d.id AND p.annotator = who.name "
              "ORDER BY who.name, d.position, d.id")


def documents_sql(annotator: str | None = None, columns: str = DOCUMENT_COLUMNS) -> tuple[str, tuple[str, ...]]:
    """The query of every (annotator, document) pair with its status, and its parameters; `columns`
    is its SELECT list over `d` (documents), `who.name` (the annotator) and `p` (progress): the
    CSV export guards each of DOCUMENT_CELLS against spreadsheet formulas."""
    if annotator is None:
        return _DOCUMENTS.format(columns=columns, who="SELECT DISTINCT annotator AS name FROM progress"), ()
    return _DOCUMENTS.format(columns=columns, who="SELECT ? AS name"), (annotator,)


def documents(conn: sqlite3.Connection, annotator: str | None = None) -> Iterator[DocumentProgress]:
    """Every document's status for each annotator (or only `annotator`), streamed in import order."""
    sql, params = documents_sql(annotator)
    return (DocumentProgress(*row) for row in conn.execute(sql, params))
