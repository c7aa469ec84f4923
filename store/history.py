"""The persistent undo log: every change stores the annotation row before and after it."""
from __future__ import annotations

import sqlite3
from typing import NamedTuple

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
    owner: str,
) -> None:
    """Log one change by `owner`; a new change makes that owner's redo stack meaningless, so drop it
    (another session's redo stack is theirs).

    Call inside the transaction that made the change, so the two commit together.
    """
    ann_id = _either(after, before).id
    conn.execute("DELETE FROM history WHERE undone = 1 AND owner = ?", (owner,))
    conn.execute(
        "INSERT INTO history (kind, annotation_id, before, after, undone, at, owner) "
        "VALUES (?, ?, ?, ?, 0, ?, ?)",
        (kind, ann_id, annotation_to_json(before), annotation_to_json(after), at, owner),
    )


def _put(conn: sqlite3.Connection, ann_id: str, row: Annotation | None) -> None:
    """Make the stored annotation equal `row` exactly, or absent when row is None."""
    conn.execute("DELETE FROM annotations WHERE id = ?", (ann_id,))
    if row is not None:
        insert_annotation(conn, row)


def _either(first: Annotation | None, second: Annotation | None) -> Annotation:
    """The first of two that is an annotation: every change has a row before it, after it, or both."""
    found = first if first is not None else second
    if found is None:
        raise ValueError("a change with no annotation before or after it")
    return found


class Conflict(NamedTuple):
    """An undo or redo refused: someone else changed the annotation since; the step was dropped."""

    kind: str
    annotation: Annotation
    changed_by: str | None


def undo(conn: sqlite3.Connection, owner: str) -> Change | Conflict | None:
    """Revert `owner`'s latest change that is not undone; None when there is nothing to undo.

    Each owner's undone steps form a stack above their live ones (their new changes clear it),
    so their newest live row is the one to undo.
    """
    return _step(conn, owner, undoing=True)


def redo(conn: sqlite3.Connection, owner: str) -> Change | Conflict | None:
    """Re-apply `owner`'s most recently undone change (their undone row with the lowest seq)."""
    return _step(conn, owner, undoing=False)


def _current(conn: sqlite3.Connection, ann_id: str) -> Annotation | None:
    row = conn.execute(
        f"SELECT {', '.join(ANNOTATION_COLUMNS)} FROM annotations WHERE id = ?", (ann_id,)
    ).fetchone()
    return None if row is None else Annotation(*row)


def _step(conn: sqlite3.Connection, owner: str, undoing: bool) -> Change | Conflict | None:
    """Move one of `owner`'s history rows across the boundary between live and undone changes."""
    order = "DESC" if undoing else "ASC"
    row = conn.execute(
        "SELECT seq, kind, annotation_id, before, after FROM history "
        f"WHERE owner = ? AND undone = ? ORDER BY seq {order} LIMIT 1",
        (owner, 0 if undoing else 1),
    ).fetchone()
    if row is None:
        return None
    seq, kind, ann_id, before_json, after_json = row
    before, after = annotation_from_json(before_json), annotation_from_json(after_json)
    result, other = (before, after) if undoing else (after, before)
    if _current(conn, ann_id) != other:
        # Someone else changed (or removed, or brought back) this annotation since: undoing now
        # would throw their work away. The step leaves this owner's stack so the next goes on.
        changed_by = conn.execute(
            "SELECT owner FROM history WHERE annotation_id = ? AND seq > ? AND owner != ? "
            "ORDER BY seq DESC LIMIT 1",
            (ann_id, seq, owner),
        ).fetchone()
        conn.execute("DELETE FROM history WHERE seq = ?", (seq,))
        return Conflict(kind, _either(other, result), changed_by[0] if changed_by else None)
    _put(conn, ann_id, result)
    conn.execute("UPDATE history SET undone = ? WHERE seq = ?", (1 if undoing else 0, seq))
    shown = _either(result, other)
    return Change(kind, shown, shown.document_id, undone=undoing, exists=result is not None, seq=seq)


def last_seq(conn: sqlite3.Connection) -> int:
    """The newest history row's seq (0 for an empty log): where a session of steps begins."""
    seq: int = conn.execute("SELECT COALESCE(MAX(seq), 0) FROM history").fetchone()[0]
    return seq


def merge_moves(conn: sqlite3.Connection, ann_id: str, after_seq: int) -> None:
    """Make the live moves of one annotation logged after `after_seq` one undo step.

    Each step of an adjustment commits on its own (a kill loses none of them); the person made one
    change, so its first row takes the last row's result and the rest go. The first row keeps its
    seq, so steps undone during the session stay above it on the redo stack. A session that ends
    where it began leaves no step and the row exactly as it was. Nothing is merged if anything
    else was logged meanwhile (another process's change is not part of this one).
    """
    rows = conn.execute(
        "SELECT seq, kind, annotation_id, before, after, at FROM history "
        "WHERE seq > ? AND undone = 0 ORDER BY seq",
        (after_seq,),
    ).fetchall()
    if not rows or any(kind != "move" or row_id != ann_id for _, kind, row_id, *_ in rows):
        return
    first_seq, first_before = rows[0][0], rows[0][3]
    last_after, last_at = rows[-1][4], rows[-1][5]
    before, after = annotation_from_json(first_before), annotation_from_json(last_after)
    later = [seq for seq, *_ in rows[1:]]
    conn.executemany("DELETE FROM history WHERE seq = ?", [(seq,) for seq in later])
    if before is not None and after is not None and (before.start, before.end) == (after.start, after.end):
        conn.execute("DELETE FROM history WHERE seq = ?", (first_seq,))
        _put(conn, ann_id, before)
    elif later:
        conn.execute("UPDATE history SET after = ?, at = ? WHERE seq = ?", (last_after, last_at, first_seq))
