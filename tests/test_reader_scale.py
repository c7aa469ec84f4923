"""The reader on a generated database of thousands of documents: the picker filters titles without
reading texts, and every list caps its table (saying so); start-up lists ids from an index."""
from __future__ import annotations

import re

import pytest
from textual.widgets import DataTable, Static

from store import open_store
from store.documents import _DOCUMENT_COLUMNS, text_sha256
from store.records import utc_now
from tui.screens.picker import MAX_ROWS, PickerScreen

COUNT = 3000


@pytest.fixture
def big_store(tmp_path):
    store = open_store(tmp_path / "big.db")
    now = utc_now()
    rows = []
    for i in range(COUNT):
        text = f"Article {i}. The minister said the figures for district {i % 97} would be revised. " * 3
        title = f"Minister visits district {i % 97}" if i % 10 == 0 else f"Storm report {i}"
        rows.append((f"doc-{i:05d}", title, f"outlet-{i % 30}", None, None, text, text_sha256(text), now,
                     "text", "[]", i + 1))
    with store._write() as conn:
        conn.executemany(f"INSERT INTO documents ({_DOCUMENT_COLUMNS}, position) VALUES ({', '.join('?' * 11)})",
                         rows)
    yield store
    store.close()


def reads_every_text(statement: str) -> bool:
    """A statement over the documents table that touches text, and not only for a few given ids."""
    return (bool(re.search(r"\bFROM documents\b", statement)) and bool(re.search(r"\btext\b", statement))
            and "WHERE id IN" not in statement and "WHERE id = ?" not in statement)


async def test_picker_on_thousands_of_documents_filters_titles_without_reading_texts(big_store):
    from tui.app import ReaderApp

    statements: list[str] = []
    app = ReaderApp(big_store, "tester")
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        big_store.conn.set_trace_callback(statements.append)
        await pilot.press("o")
        await pilot.press(*"minister 44")
        screen = app.screen
        assert isinstance(screen, PickerScreen)
        table = screen.query_one(DataTable)
        expected = [f"doc-{i:05d}" for i in range(0, COUNT, 10) if "44" in f"{i % 97}"
                    or "44" in f"doc-{i:05d}" or "44" in f"outlet-{i % 30}"]
        assert [row.value for row in table.rows] == expected[:MAX_ROWS]
        assert len(expected) < MAX_ROWS
        status = screen.query_one("#picker-status", Static).render()
        assert str(status) == f"{len(expected)} of {COUNT:,} documents"
        await pilot.press("ctrl+a", "ctrl+k")  # every document matches: the table shows the first MAX_ROWS
        assert table.row_count == MAX_ROWS
        assert str(screen.query_one("#picker-status", Static).render()) == (
            f"{COUNT:,} documents · showing {MAX_ROWS}: type to narrow")
        big_store.conn.set_trace_callback(None)
        await pilot.press("escape")
    assert statements, "the trace saw the picker's queries"
    assert [s for s in statements if reads_every_text(s)] == []


async def test_picker_keeps_the_current_document_beyond_the_first_rows(big_store):
    from tui.app import ReaderApp

    app = ReaderApp(big_store, "tester", document_ids=["doc-02500"])
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        app.reader.open_in_focused("doc-02500")
        await pilot.pause()
        await pilot.press("o")
        table = app.screen.query_one(DataTable)
        assert table.row_count == MAX_ROWS
        assert table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value == "doc-02500"
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused_view.document.id == "doc-02500"


def test_document_ids_come_from_the_covering_index(big_store):
    plan = big_store.conn.execute(
        "EXPLAIN QUERY PLAN SELECT id FROM documents INDEXED BY idx_documents_order ORDER BY position, rowid"
    ).fetchall()
    assert any("COVERING INDEX idx_documents_order" in row[-1] for row in plan)
    assert big_store.document_ids()[:3] == ["doc-00000", "doc-00001", "doc-00002"]
    assert big_store.has_documents()


async def test_corpus_search_streams_in_a_thread_and_a_newer_keystroke_wins(big_store, monkeypatch):
    import threading

    from tests.screen_host import searched
    from tui.app import ReaderApp
    from tui.screens.corpus_search import MAX_HITS, CorpusSearchScreen

    reading_threads: set[str] = set()
    app = ReaderApp(big_store, "tester")
    real = app.reader.corpus_views._stream_texts

    def spied():
        reading_threads.add(threading.current_thread().name)
        return real()

    monkeypatch.setattr(app.reader.corpus_views, "_stream_texts", spied)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await pilot.press("F")
        screen = app.screen
        assert isinstance(screen, CorpusSearchScreen) and screen.texts is None  # nothing loaded up front
        await pilot.press(*"district 4")
        await searched(pilot, screen)
        expected = sum(1 for i in range(COUNT) if str(i % 97).startswith("4"))
        assert screen.result.counts and len(screen.result.counts) == expected
        assert screen.status.plain.startswith(f"{expected * 3:,} hits in {expected} of {COUNT:,} documents")
        assert threading.main_thread().name not in reading_threads  # texts are read off the UI thread
        await pilot.press(*"2")  # "district 42": only the newest keystroke's hits are shown
        await searched(pilot, screen)
        rows = [row.value for row in screen.query_one(DataTable).rows]
        assert rows and all(key.split(":")[1] in {f"doc-{i:05d}" for i in range(COUNT) if i % 97 == 42}
                            for key in rows)
        assert len([key for key in rows if key.startswith("hit:")]) <= MAX_HITS
        await pilot.press("enter")
        await pilot.pause()
        view = app.focused_view
        assert view.text[view.cursor:view.cursor + 11].lower() == "district 42"
