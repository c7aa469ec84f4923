"""Opening databases: creation, pragmas, refusing foreign or newer files untouched, migrations."""
from __future__ import annotations

import os
import sqlite3
import sys

import pytest

import store
from store import schema
from store.errors import ForeignDatabaseError, NotADatabaseError, SchemaTooNewError, StoreError


def snapshot(path):
    st = os.stat(path)
    return path.read_bytes(), st.st_mtime_ns, st.st_size


def test_new_path_is_created_with_schema(tmp_path):
    path = tmp_path / "new.db"
    s = store.open_store(path)
    assert path.exists()
    tables = {r[0] for r in s.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"documents", "annotations", "tags", "actions", "changes", "state", "relations", "entities",
            "progress", "suggestion_decisions", "relation_types"} <= tables
    assert s.conn.execute("PRAGMA user_version").fetchone()[0] == schema.schema_version() == 6
    assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert s.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert s.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert s.conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
    assert s.conn.isolation_level is None
    assert s.path == path
    s.close()


def test_indexes_exist(tmp_path):
    s = store.open_store(tmp_path / "x.db")
    cols = {}
    for (name,) in s.conn.execute("SELECT name FROM sqlite_master WHERE type='index' "
                                  "AND name NOT LIKE 'sqlite_%'"):
        table = s.conn.execute("SELECT tbl_name FROM sqlite_master WHERE name=?", (name,)).fetchone()[0]
        cols[(table, tuple(r[2] for r in s.conn.execute(f"PRAGMA index_info({name})")))] = name
    assert ("annotations", ("document_id", "start")) in cols
    assert ("annotations", ("tag",)) in cols
    assert ("actions", ("owner", "undone", "id")) in cols
    assert ("changes", ("action_id", "seq")) in cols


def test_empty_file_gets_created(tmp_path):
    path = tmp_path / "empty.db"
    path.write_bytes(b"")
    s = store.open_store(path)
    assert [t.name for t in s.tags()] == ["quote", "claim", "number", "actor"]
    s.close()


def test_empty_sqlite_database_is_accepted(tmp_path):
    path = tmp_path / "blank.db"
    sqlite3.connect(path).execute("VACUUM").connection.close()
    store.open_store(path).close()


def test_reopen_up_to_date_is_idempotent(tmp_path):
    path = tmp_path / "x.db"
    store.open_store(path).close()
    s = store.open_store(path)
    assert len(s.tags()) == 4
    assert s.conn.execute("PRAGMA user_version").fetchone()[0] == schema.schema_version()
    s.close()


@pytest.mark.parametrize("content", [
    b"just some notes, not a database\n",
    bytes(range(256)) * 20,
    b"SQLite format 3",  # header cut short
])
def test_not_a_database_is_refused_untouched(tmp_path, content):
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    before = snapshot(path)
    with pytest.raises(NotADatabaseError) as info:
        store.open_store(path)
    assert str(path) in str(info.value)
    assert snapshot(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]


def test_corrupt_sqlite_is_refused_untouched(tmp_path):
    path = tmp_path / "corrupt.db"
    path.write_bytes(schema.SQLITE_HEADER + b"\xff" * 4000)
    before = snapshot(path)
    with pytest.raises(NotADatabaseError):
        store.open_store(path)
    assert snapshot(path) == before


def test_folder_is_refused(tmp_path):
    with pytest.raises(NotADatabaseError):
        store.open_store(tmp_path)


def test_missing_parent_folder_is_a_store_error(tmp_path):
    with pytest.raises(StoreError):
        store.open_store(tmp_path / "no" / "such" / "x.db")


def test_someone_elses_database_is_refused_untouched(tmp_path):
    path = tmp_path / "theirs.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE people (name TEXT)")
    conn.execute("INSERT INTO people VALUES ('ada')")
    conn.commit()
    conn.close()
    before = snapshot(path)
    with pytest.raises(ForeignDatabaseError) as info:
        store.open_store(path)
    assert "people" in str(info.value) and str(path) in str(info.value)
    assert snapshot(path) == before


def test_other_application_id_is_refused(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 12345")
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    with pytest.raises(ForeignDatabaseError):
        store.open_store(path)


@pytest.mark.parametrize("wal", [True, False])
def test_newer_schema_is_refused_untouched(tmp_path, wal):
    path = tmp_path / "future.db"
    store.open_store(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA journal_mode = {'WAL' if wal else 'DELETE'}")
    conn.execute("PRAGMA user_version = 7")
    conn.close()
    before = snapshot(path)
    with pytest.raises(SchemaTooNewError) as info:
        store.open_store(path)
    message = str(info.value)
    assert "newer sidebyside" in message and "schema 7" in message
    assert f"reads up to {schema.schema_version()}" in message and "upgrade sidebyside" in message
    assert snapshot(path) == before


def test_migration_path_runs_each_step_once(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    s = store.open_store(path)
    s.conn.execute("INSERT INTO state (key, value) VALUES ('kept', '1')")
    s.close()
    calls = []

    def to_next(conn):
        calls.append(conn.execute("PRAGMA user_version").fetchone()[0])
        conn.execute("ALTER TABLE annotations ADD COLUMN confidence REAL")

    current = schema.schema_version()
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS + [to_next])
    s = store.open_store(path)
    assert calls == [current]
    assert s.conn.execute("PRAGMA user_version").fetchone()[0] == current + 1
    assert "confidence" in [r[1] for r in s.conn.execute("PRAGMA table_info(annotations)")]
    assert s.get_state("kept") == 1
    s.close()
    store.open_store(path).close()
    assert calls == [current]


def test_failed_migration_rolls_back(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    store.open_store(path).close()

    def broken(conn):
        conn.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("boom")

    current = schema.schema_version()
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS + [broken])
    with pytest.raises(RuntimeError):
        store.open_store(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == current
    assert conn.execute("SELECT name FROM sqlite_master WHERE name='half_done'").fetchone() is None
    conn.close()


def test_memory_store(tmp_path):
    s = store.open_store(":memory:")
    assert len(s.tags()) == 4
    s.close()


def test_context_manager_closes(tmp_path):
    with store.open_store(tmp_path / "x.db") as s:
        s.set_state("a", 1)
    with pytest.raises(sqlite3.ProgrammingError):
        s.conn.execute("SELECT 1")


def test_db_property_is_lazy_sqlite_utils(tmp_path):
    s = store.open_store(tmp_path / "x.db")
    assert s._db is None
    db = s.db
    assert db is s.db
    assert "annotations" in db.table_names()
    assert db.conn is s.conn
    assert "sqlite_utils" in sys.modules
    s.close()
