"""Every annotation of the corpus a page at a time, filtered by tag, annotator and text, never all at once.

The list is in the store's order (document import order, then start, outer spans first) and is
paged by key: a page starts after the last row of the one before, so page 5,000 costs what page 1
does. Two plans answer a page (measured at 1,000,000 annotations, benchmarks/all_annotations.py):
walking the documents in order and their annotations by index finds the first rows of a common
filter in milliseconds, but a rare one visits every row in a random order (3-4 s); scanning the
table in storage order and sorting what matches costs a steady 0.2-0.3 s. A filtered page tries
the walk for WALK_SECONDS, then scans. No Textual here.
"""
from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable
from typing import NamedTuple

PAGE_ROWS = 100  # a few screens of rows: the DataTable takes 0.2-0.4 ms a row to add
WALK_SECONDS = 0.05  # how long the walk in order may try before the scan takes over
# SQLite virtual machine steps between two looks at the clock and the cancel flag (a few ms of a
# scan): each look takes the GIL, which a busy UI thread holds, so looking every 2,000 steps doubled a scan.
_CHECK_EVERY = 200_000

_COLUMNS = "a.id, a.document_id, d.title, a.tag, a.annotator, a.text, a.start, a.end, d.position, a.created"
_ORDER = "ORDER BY {position}, a.start, a.end DESC, a.created, a.id"
# The row after a key in _ORDER (end descending, hence -a.end).
_AFTER = "{position} >= ? AND ({position}, a.start, -a.end, a.created, a.id) > (?, ?, ?, ?, ?)"
# The scan's documents: their position comes from the covering index (position, id). Read from the
# table, it sits after the text, and reading it for 30,000 matches read as many articles' pages.
_SCAN = ("WITH pos(id, position) AS MATERIALIZED (SELECT id, position FROM documents) "
         "SELECT r.id, r.document_id, d.title, r.tag, r.annotator, r.text, r.start, r.end, r.position, r.created "
         "FROM (SELECT a.id, a.document_id, a.tag, a.annotator, a.text, a.start, a.end, pos.position, a.created "
         "FROM annotations a CROSS JOIN pos ON pos.id = a.document_id{where} {order} LIMIT ?) r "
         "CROSS JOIN documents d ON d.id = r.document_id "
         "ORDER BY r.position, r.start, r.end DESC, r.created, r.id")


class Row(NamedTuple):
    """One annotation as the list shows it, with its place in the order (position, created)."""

    id: str
    document_id: str
    title: str | None
    tag: str
    annotator: str | None
    text: str
    start: int
    end: int
    position: int
    created: str


class Filter(NamedTuple):
    """Which annotations: every word in the text (any case for ASCII letters), one of `tags`
    (None: any), by an annotator whose name starts with `annotator` (None: anyone)."""

    words: tuple[str, ...] = ()
    tags: tuple[str, ...] | None = None
    annotator: str | None = None

    def empty(self) -> bool:
        return not self.words and self.tags is None and self.annotator is None


class Cancelled(Exception):
    """The caller gave up on the query (a newer filter was typed)."""


def parse_filter(text: str, tag_names: Iterable[str]) -> Filter:
    """`tag:NAME` (a prefix of a tag's name, any case), `by:NAME` (a prefix of an annotator's name),
    and any other words, each of which the span's text must hold. A `tag:` naming no tag matches
    nothing (tags=())."""
    words: list[str] = []
    tags: tuple[str, ...] | None = None
    annotator: str | None = None
    names = list(tag_names)
    for word in text.split():
        lowered = word.casefold()
        if lowered.startswith("tag:"):
            wanted = lowered[4:]
            tags = tuple(name for name in names if name.casefold().startswith(wanted))
        elif lowered.startswith("by:"):
            annotator = word[3:]
        else:
            words.append(word)
    return Filter(tuple(words), tags, annotator)


def _like(text: str) -> str:
    """A LIKE pattern for text holding `text`: its %, _ and \\ literal (ESCAPE '\\')."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _where(chosen: Filter) -> tuple[list[str], list[object]]:
    # The unary + keeps SQLite from walking idx_annotations_tag instead of the documents' order:
    # for each document it would search the whole tag index (4 s for a first page).
    clauses: list[str] = []
    params: list[object] = []
    if chosen.tags is not None:
        clauses.append(f"+a.tag IN ({', '.join('?' for _ in chosen.tags)})" if chosen.tags else "0")
        params.extend(chosen.tags)
    if chosen.annotator is not None:
        clauses.append("+a.annotator LIKE ? ESCAPE '\\'")
        params.append(_like(chosen.annotator)[1:])  # a prefix: no leading %
    for word in chosen.words:
        clauses.append("a.text LIKE ? ESCAPE '\\'")
        params.append(_like(word))
    return clauses, params


def _query(chosen: Filter, after: Row | None, limit: int, walk: bool) -> tuple[str, list[object]]:
    """The walk (documents in order, each one's annotations by index) or the scan (the annotations
    table in storage order, then a sort of what matches); CROSS JOIN fixes which loop is outside."""
    position = "d.position" if walk else "pos.position"
    clauses, params = _where(chosen)
    if after is not None:
        clauses.append(_AFTER.format(position=position))
        params.extend([after.position, after.position, after.start, -after.end, after.created, after.id])
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    order = _ORDER.format(position=position)
    if walk:
        return (f"SELECT {_COLUMNS} FROM documents d CROSS JOIN annotations a ON a.document_id = d.id"
                f"{where} {order} LIMIT ?", [*params, limit])
    return _SCAN.format(where=where, order=order), [*params, limit]


def _guarded(conn: sqlite3.Connection, sql: str, params: list[object], cancelled: Callable[[], bool],
             deadline: float | None) -> list[tuple[object, ...]] | None:
    """The query's rows; None when it ran past `deadline`; Cancelled when `cancelled()` turned true."""
    stopped: list[str] = []

    def check() -> int:
        if cancelled():
            stopped.append("cancelled")
        elif deadline is not None and time.perf_counter() > deadline:
            stopped.append("deadline")
        return 1 if stopped else 0

    if cancelled():
        raise Cancelled
    conn.set_progress_handler(check, _CHECK_EVERY)
    try:
        return conn.execute(sql, params).fetchall()
    except sqlite3.OperationalError:
        if not stopped:
            raise
        if stopped[0] == "cancelled":
            raise Cancelled from None
        return None
    finally:
        conn.set_progress_handler(None, 0)


def page(conn: sqlite3.Connection, chosen: Filter, after: Row | None = None, limit: int = PAGE_ROWS,
         cancelled: Callable[[], bool] = lambda: False) -> list[Row]:
    """Up to `limit` annotations matching `chosen`, in the store's order, after the row `after`."""
    sql, params = _query(chosen, after, limit, walk=True)
    if chosen.empty():
        rows = _guarded(conn, sql, params, cancelled, None)
    else:
        rows = _guarded(conn, sql, params, cancelled, time.perf_counter() + WALK_SECONDS)
        if rows is None:  # a rare match: scan the table once and sort what matches
            sql, params = _query(chosen, after, limit, walk=False)
            rows = _guarded(conn, sql, params, cancelled, None)
    assert rows is not None  # no deadline, no None
    return [Row._make(row) for row in rows]


def count(conn: sqlite3.Connection, chosen: Filter, cancelled: Callable[[], bool] = lambda: False) -> int:
    """How many annotations match (a scan of the table when filtered: 0.2-0.4 s at 1,000,000)."""
    clauses, params = _where(chosen)
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    rows = _guarded(conn, f"SELECT COUNT(*) FROM annotations a{where}", params, cancelled, None)
    assert rows is not None
    found = rows[0][0]
    assert isinstance(found, int)
    return found


class CorpusAnnotations:
    """The list's queries on a connection of their own (made by `connect` at the first query), one
    at a time: a screen asks from worker threads while the reader goes on with its own connection."""

    def __init__(self, connect: Callable[[], sqlite3.Connection], *, threaded: bool = True,
                 owns_connection: bool = True) -> None:
        import threading

        self.connect = connect
        self.threaded = threaded  # False: the reader's own connection (":memory:"), asked on its thread
        self.owns_connection = owns_connection
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.Lock()
        self.closed = False

    def _connection(self) -> sqlite3.Connection:
        if self.closed:
            raise Cancelled  # the screen is gone: a query still queued has nobody to answer
        if self._conn is None:
            self._conn = self.connect()
        return self._conn

    def page(self, chosen: Filter, after: Row | None = None, limit: int = PAGE_ROWS,
             cancelled: Callable[[], bool] = lambda: False) -> list[Row]:
        with self._lock:
            if cancelled():
                raise Cancelled
            return page(self._connection(), chosen, after, limit, cancelled)

    def count(self, chosen: Filter, cancelled: Callable[[], bool] = lambda: False) -> int:
        with self._lock:
            if cancelled():
                raise Cancelled
            return count(self._connection(), chosen, cancelled)

    def close(self) -> None:
        with self._lock:
            self.closed = True
            if self._conn is not None and self.owns_connection:
                self._conn.close()
            self._conn = None
