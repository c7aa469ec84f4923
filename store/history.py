"""The persistent undo log: every change stores the annotation row before and after it."""
from __future__ import annotations

import sqlite3

from .records import (
    ANNOTATION_COLUMNS,
    Annotation,
    Change,
    annotation_from_json,
    annotation_to_json,
)

_INSERT_ANNOTATION = (
    f"INSERT INTO annotations ({', '.join(ANNOTATION_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in ANNOTATION_COLUMNS)})"
)


def insert_annotation(conn: sqlite3.Connection, ann: Annotation) -> None:
    """Insert an annotation row exactly as given (same id, times and all)."""
    conn.execute(_INSERT_ANNOTATION, tuple(getattr(ann, c) for c in ANNOTATION_COLUMNS))


def record(
    conn: sqlite3.Connection,
    kind: str,
    before: Annotation | None,
    after: Annotation | None,
    at: str,
) -> None:
    """Log one change; a new change makes the redo stack meaningless, so drop it.

    Call inside the transaction that made the change, so the two commit together.
    """
    ann_id = (after or before).id
    conn.execute("DELETE FROM history WHERE undone = 1")
    conn.execute(
        "INSERT INTO history (kind, annotation_id, before, after, undone, at) "
        "VALUES (?, ?, ?, ?, 0, ?)",
        (kind, ann_id, annotation_to_json(before), annotation_to_json(after), at),
    )


def _put(conn: sqlite3.Connection, ann_id: str, row: Annotation | None) -> None:
    """Make the stored annotation equal `row` exactly, or absent when row is None."""
    conn.execute("DELETE FROM annotations WHERE id = ?", (ann_id,))
    if row is not None:
        insert_annotation(conn, row)


def undo(conn: sqlite3.Connection) -> Change | None:
    """Revert the latest change that is not undone; None when there is nothing to undo.

    Undone steps form a stack above the live ones (new changes clear it),
    so the newest live row is the one to undo.
    """
    return _step(conn, undoing=True)


def redo(conn: sqlite3.Connection) -> Change | None:
    """Re-apply the most recently undone change (the undone row with the lowest seq)."""
    return _step(conn, undoing=False)


def _step(conn: sqlite3.Connection, undoing: bool) -> Change | None:
    """Move one history row across the boundary between live and undone changes."""
    order = "DESC" if undoing else "ASC"
    row = conn.execute(
        "SELECT seq, kind, annotation_id, before, after FROM history "
        f"WHERE undone = ? ORDER BY seq {order} LIMIT 1",
        (0 if undoing else 1,),
    ).fetchone()
    if row is None:
        return None
    seq, kind, ann_id, before_json, after_json = row
    before, after = annotation_from_json(before_json), annotation_from_json(after_json)
    result, other = (before, after) if undoing else (after, before)
    _put(conn, ann_id, result)
    conn.execute("UPDATE history SET undone = ? WHERE seq = ?", (1 if undoing else 0, seq))
    shown = result if result is not None else other
    return Change(kind, shown, shown.document_id, undone=undoing, exists=result is not None, seq=seq)
