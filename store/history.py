"""The persistent undo log, generic: a user action is every row it touched, before and after.

An action (table `actions`) belongs to one session (its owner: `reader:<annotator>` or `api`); its
changes (table `changes`) are (table, row id, before, after) with each row as JSON. Undo replays one
action backwards, whatever it touched (annotations, relations, entities, progress, the codebook);
redo replays it forwards. An action whose rows someone else changed since is refused, never
half-applied.
"""
from __future__ import annotations

import json
import sqlite3
from typing import Any, NamedTuple

from .records import Row, RowChange

# Every table whose rows an action may touch, with the column that names a row.
TABLE_KEYS = {
    "annotations": "id",
    "relations": "id",
    "entities": "id",
    "progress": "id",
    "suggestion_decisions": "id",
    "tags": "name",
    "relation_types": "name",
}


# Not a table: a tag's name in the rest of the log. Renaming a tag renames it in the annotation rows
# earlier actions logged (so undoing one brings back the new name); this pseudo-row undoes that
# with the rename. Its id is "<old>\x1f<new>\x1f<renaming action>", its state {"tag": name}.
LOGGED_TAG_NAMES = "logged tag names"


def rename_tag_in_log(conn: sqlite3.Connection, old: str, new: str, except_action: int | None) -> None:
    """Make the annotation rows logged by every action but one say tag `new` where they say `old`."""
    for column in ("before", "after"):
        conn.execute(f"UPDATE changes SET {column} = json_set({column}, '$.tag', ?) "
                     f"WHERE table_name = 'annotations' AND action_id IS NOT ? AND {column} IS NOT NULL "
                     f"AND json_extract({column}, '$.tag') = ?", (new, except_action, old))


def _key(table: str) -> str:
    try:
        return TABLE_KEYS[table]
    except KeyError:
        raise ValueError(f"table {table!r} is not in history.TABLE_KEYS: its changes cannot be undone") from None


def row(conn: sqlite3.Connection, table: str, row_id: str) -> Row | None:
    """One row as a dict of column -> value, or None."""
    cursor = conn.execute(f"SELECT * FROM {table} WHERE {_key(table)} = ?", (row_id,))
    found = cursor.fetchone()
    if found is None:
        return None
    return {description[0]: value for description, value in zip(cursor.description, found, strict=True)}


def put(conn: sqlite3.Connection, table: str, row_id: str, values: Row | None) -> None:
    """Make the stored row equal `values` (the columns it names), or absent when None.

    An upsert, not delete-and-insert: other rows may reference this one (foreign keys are on).
    """
    if table == LOGGED_TAG_NAMES:
        old, new, action = row_id.split("\x1f")
        target = old if values is None else values["tag"]
        rename_tag_in_log(conn, new if target == old else old, target, int(action))
        return
    key = _key(table)
    if values is None:
        conn.execute(f"DELETE FROM {table} WHERE {key} = ?", (row_id,))
        return
    columns = list(values)
    updates = ", ".join(f"{column} = excluded.{column}" for column in columns if column != key)
    conn.execute(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)}) "
        f"ON CONFLICT({key}) DO " + (f"UPDATE SET {updates}" if updates else "NOTHING"),
        [values[column] for column in columns],
    )


def _json(values: Row | None) -> str | None:
    return None if values is None else json.dumps(values, ensure_ascii=False)


def _unjson(text: str | None) -> Row | None:
    if text is None:
        return None
    loaded: Row = json.loads(text)
    return loaded


class Action:
    """One user action being recorded, inside the caller's transaction.

    Its `actions` row is written with its first change, so an action that touched nothing
    leaves no undo step. Starting one drops the owner's redo stack (a new change makes it
    meaningless; another session's redo stack is theirs).
    """

    def __init__(self, conn: sqlite3.Connection, owner: str, kind: str, at: str) -> None:
        self.conn, self.owner, self.kind, self.at = conn, owner, kind, at
        self.id: int | None = None

    def log(self, table: str, row_id: str, before: Row | None, after: Row | None) -> None:
        """Record that a row went from `before` to `after` (None: absent); changes nothing itself."""
        if table != LOGGED_TAG_NAMES:
            _key(table)
        if before == after:
            return
        if self.id is None:
            _drop_redo(self.conn, self.owner)
            cursor = self.conn.execute("INSERT INTO actions (owner, kind, undone, at) VALUES (?, ?, 0, ?)",
                                       (self.owner, self.kind, self.at))
            self.id = cursor.lastrowid
        self.conn.execute("INSERT INTO changes (action_id, table_name, row_id, before, after) VALUES (?, ?, ?, ?, ?)",
                          (self.id, table, row_id, _json(before), _json(after)))

    def insert(self, table: str, values: Row) -> None:
        """Insert a row (an existing one with its key is an IntegrityError) and log it."""
        row_id = str(values[_key(table)])
        self.conn.execute(f"INSERT INTO {table} ({', '.join(values)}) VALUES ({', '.join('?' for _ in values)})",
                          list(values.values()))
        self.log(table, row_id, None, row(self.conn, table, row_id))

    def update(self, table: str, row_id: str, **values: Any) -> Row | None:
        """Set some columns of a row and log it; the row after (None if there is no such row)."""
        before = row(self.conn, table, row_id)
        if before is None:
            return None
        put(self.conn, table, row_id, {**before, **values})
        after = row(self.conn, table, row_id)
        self.log(table, row_id, before, after)
        return after

    def delete(self, table: str, row_id: str) -> Row | None:
        """Delete a row and log it; the row as it was (None if there was none)."""
        before = row(self.conn, table, row_id)
        if before is not None:
            put(self.conn, table, row_id, None)
            self.log(table, row_id, before, None)
        return before


def _drop_redo(conn: sqlite3.Connection, owner: str) -> None:
    undone = "SELECT id FROM actions WHERE owner = ? AND undone = 1"
    conn.execute(f"DELETE FROM changes WHERE action_id IN ({undone})", (owner,))
    conn.execute("DELETE FROM actions WHERE owner = ? AND undone = 1", (owner,))


class Step(NamedTuple):
    """An action undone or redone: its kind, its rows (in the order the action made them)."""

    action_id: int
    kind: str
    undone: bool
    rows: tuple[RowChange, ...]


class Conflict(NamedTuple):
    """An undo or redo refused: someone else changed one of the action's rows since; it was dropped."""

    kind: str
    change: RowChange
    changed_by: str | None
    reason: str = ""  # why, when it is not that someone changed the row since


def undo(conn: sqlite3.Connection, owner: str) -> Step | Conflict | None:
    """Revert `owner`'s latest action that is not undone; None when there is nothing to undo.

    Each owner's undone actions form a stack above their live ones (their new actions clear it),
    so their newest live action is the one to undo.
    """
    return _step(conn, owner, undoing=True)


def redo(conn: sqlite3.Connection, owner: str) -> Step | Conflict | None:
    """Re-apply `owner`'s most recently undone action (their undone action with the lowest id)."""
    return _step(conn, owner, undoing=False)


def _matches(current: Row | None, expected: Row | None) -> bool:
    """Whether a row is as the log expects, on the columns the log knows (later migrations add columns)."""
    if current is None or expected is None:
        return current is expected
    return all(current.get(column) == value for column, value in expected.items())


def action_rows(conn: sqlite3.Connection, action_id: int) -> list[RowChange]:
    """An action's changes in the order it made them."""
    rows = conn.execute("SELECT table_name, row_id, before, after FROM changes WHERE action_id = ? ORDER BY seq",
                        (action_id,))
    return [RowChange(table, row_id, _unjson(before), _unjson(after)) for table, row_id, before, after in rows]


def _step(conn: sqlite3.Connection, owner: str, undoing: bool) -> Step | Conflict | None:
    order = "DESC" if undoing else "ASC"
    found = conn.execute(
        f"SELECT id, kind FROM actions WHERE owner = ? AND undone = ? ORDER BY id {order} LIMIT 1",
        (owner, 0 if undoing else 1),
    ).fetchone()
    if found is None:
        return None
    action_id, kind = found
    changes = action_rows(conn, action_id)
    # Each row must be as this action left it (undo) or found it (redo): the last change of a row
    # for an undo, its first for a redo.
    expected: dict[tuple[str, str], tuple[Row | None, RowChange]] = {}
    for change in (changes if undoing else reversed(changes)):
        expected[(change.table, change.row_id)] = (change.after if undoing else change.before, change)
    for (table, row_id), (state, change) in expected.items():
        if table == LOGGED_TAG_NAMES:
            continue
        if not _matches(row(conn, table, row_id), state):
            # Someone else changed this row since: replaying now would throw their work away. The
            # action leaves this owner's stack so the next undo goes on.
            changed_by = conn.execute(
                "SELECT a.owner FROM changes c JOIN actions a ON a.id = c.action_id "
                "WHERE c.table_name = ? AND c.row_id = ? AND c.action_id != ? AND a.owner != ? "
                "ORDER BY c.seq DESC LIMIT 1",
                (table, row_id, action_id, owner),
            ).fetchone()
            forget(conn, action_id)
            return Conflict(kind, change, changed_by[0] if changed_by else None)
    conn.execute("SAVEPOINT replay")
    removing = False
    try:
        for change in (reversed(changes) if undoing else changes):
            wanted = change.before if undoing else change.after
            removing = wanted is None
            put(conn, change.table, change.row_id, wanted)
    except sqlite3.IntegrityError as exc:
        # A row it would bring back refers to one that is gone (a tag renamed or removed since), or a
        # row it would remove is one another row now refers to (a span someone linked to since):
        # nothing of it is replayed, and it leaves the stack so the next undo goes on.
        conn.execute("ROLLBACK TO replay")
        conn.execute("RELEASE replay")
        forget(conn, action_id)
        why = ("it would remove a row that another row now refers to" if removing
               else "it would bring back a row that refers to one since removed")
        return Conflict(kind, changes[0], None, f"{why} ({exc})")
    conn.execute("RELEASE replay")
    conn.execute("UPDATE actions SET undone = ? WHERE id = ?", (1 if undoing else 0, action_id))
    return Step(action_id, kind, undoing, tuple(changes))


def forget(conn: sqlite3.Connection, action_id: int) -> None:
    """Remove an action from the log (its rows stay as they are)."""
    conn.execute("DELETE FROM changes WHERE action_id = ?", (action_id,))
    conn.execute("DELETE FROM actions WHERE id = ?", (action_id,))


def last_action(conn: sqlite3.Connection) -> int:
    """The newest action's id (0 for an empty log): where a session of steps begins."""
    last: int = conn.execute("SELECT COALESCE(MAX(id), 0) FROM actions").fetchone()[0]
    return last


def merge_moves(conn: sqlite3.Connection, ann_id: str, after: int) -> None:
    """Make the live moves of one annotation logged after action `after` one undo step.

    Each step of an adjustment commits on its own (a kill loses none of them); the person made one
    change, so the first action takes the last one's result and the rest go. The first keeps its
    id, so steps undone during the session stay above it on the redo stack. A session that ends
    where it began leaves no step and the row exactly as it was. Nothing is merged if anything
    else was logged meanwhile (another process's change is not part of this one).
    """
    actions = conn.execute("SELECT id, kind, at FROM actions WHERE id > ? AND undone = 0 ORDER BY id",
                           (after,)).fetchall()
    if not actions or any(kind != "move" for _, kind, _ in actions):
        return
    moves = [action_rows(conn, action_id) for action_id, _, _ in actions]
    if any(len(rows) != 1 or rows[0].table != "annotations" or rows[0].row_id != ann_id for rows in moves):
        return
    first_id, last_at = actions[0][0], actions[-1][2]
    before, final = moves[0][0].before, moves[-1][0].after
    for action_id, _, _ in actions[1:]:
        forget(conn, action_id)
    if before is not None and final is not None and (before["start"], before["end"]) == (final["start"], final["end"]):
        forget(conn, first_id)
        put(conn, "annotations", ann_id, before)
    elif len(actions) > 1:
        conn.execute("UPDATE changes SET after = ? WHERE action_id = ?", (_json(final), first_id))
        conn.execute("UPDATE actions SET at = ? WHERE id = ?", (last_at, first_id))
