"""Finding the next import position is an index lookup: storing a batch costs the same SQL work
however many documents the table holds (it was a scan of every row and its text per document)."""
from __future__ import annotations

import sqlite3

from corpus.document import Document
from store import open_store


def vm_steps(store, documents: list[Document]) -> int:
    """SQLite virtual machine steps (in thousands) that storing these documents takes."""
    steps = 0

    def count() -> int:
        nonlocal steps
        steps += 1
        return 0

    store.conn.set_progress_handler(count, 1000)
    try:
        assert all(outcome == "added" for outcome in store.add_documents(documents))
    finally:
        store.conn.set_progress_handler(None, 0)
    return steps


def test_storing_a_batch_costs_the_same_in_a_small_and_a_large_table(tmp_path):
    """Before, each insert ran SELECT MAX(position) over every row (and its text): quadratic."""
    text = "Officials said the plan would rise. " * 150  # 5,400 characters: overflow pages, as news

    def batch(prefix: str) -> list[Document]:
        return [Document(id=f"{prefix}-{n}", title="t", text=f"{prefix} {n} {text}") for n in range(50)]

    small, large = open_store(tmp_path / "small.db"), open_store(tmp_path / "large.db")
    try:
        small.add_documents([Document(id=f"s{n}", title="t", text=text + str(n)) for n in range(50)])
        large.add_documents([Document(id=f"l{n}", title="t", text=text + str(n)) for n in range(3000)])
        in_small, in_large = vm_steps(small, batch("new")), vm_steps(large, batch("new"))
        assert in_large <= 1.3 * in_small + 5, (in_small, in_large)
        assert large.document_ids()[-50:] == [f"new-{n}" for n in range(50)]  # still in import order
    finally:
        small.close()
        large.close()


def test_a_schema_2_database_gains_the_position_index_and_keeps_its_order(tmp_path):
    from store import schema

    path = tmp_path / "v2.db"
    conn = sqlite3.connect(path, isolation_level=None)
    for migration in schema.MIGRATIONS[:2]:
        migration(conn)
    conn.execute("PRAGMA user_version = 2")
    conn.executemany("INSERT INTO documents (id, title, text, sha256, imported, position) "
                     "VALUES (?, 't', 'x', 'h', 'now', ?)", [("b", 1), ("a", 2)])
    conn.close()
    store = open_store(path)
    try:
        indexes = {row[1] for row in store.conn.execute("PRAGMA index_list(documents)")}
        # v3 added idx_documents_position; v6 dropped it once idx_documents_order (v4) covered it
        assert "idx_documents_order" in indexes and "idx_documents_position" not in indexes
        plan = " ".join(r[3] for r in store.conn.execute("EXPLAIN QUERY PLAN SELECT MAX(position) FROM documents"))
        assert "idx_documents_order" in plan
        store.add_document(Document(id="c", title="c", text="third"))
        assert store.document_ids() == ["b", "a", "c"]
    finally:
        store.close()
