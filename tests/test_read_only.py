"""A database this process may read but not write opens read-only: changes refused, export works."""
from __future__ import annotations

import io
import json
import os
import stat
from pathlib import Path

import pytest

from corpus.document import Document
from store import open_store
from store.connect import _open_read_only
from store.errors import ReadOnlyDatabaseError, StoreError
from store.formats import export

TEXT = "Huawei said 40% of its staff agreed, according to Richard Grenell."


def _database(folder: Path) -> Path:
    path = folder / "shared.db"
    store = open_store(path)
    store.add_document(Document(id="d", title="D", text=TEXT))
    store.add_annotation("d", 0, 6, "actor", annotator="ana")
    store.close()
    return path


def _as_another_user(monkeypatch) -> None:
    """Make the store see permissions as a user who owns neither file nor folder would (the
    tests run as root, whom chmod does not stop): the mode's "other" bits decide."""
    import store.connect as connect

    def access(path, mode) -> bool:
        try:
            bits = os.stat(path).st_mode
        except FileNotFoundError:
            return False
        wanted = {os.R_OK: stat.S_IROTH, os.W_OK: stat.S_IWOTH, os.X_OK: stat.S_IXOTH}
        return all(bits & flag for check, flag in wanted.items() if mode & check)

    monkeypatch.setattr(connect.os, "access", access)


@pytest.mark.parametrize("folder_mode", [0o777, 0o555])
def test_a_file_others_may_not_write_opens_read_only_refuses_changes_and_exports(tmp_path, monkeypatch,
                                                                                 folder_mode):
    path = _database(tmp_path)
    before = path.read_bytes()
    path.chmod(0o444)
    tmp_path.chmod(folder_mode)
    _as_another_user(monkeypatch)
    try:
        store = open_store(path)
        try:
            assert store.read_only == "the file is not writable"
            with pytest.raises(ReadOnlyDatabaseError, match="open read-only .*export work"):
                store.add_annotation("d", 7, 11, "claim")
            out = io.StringIO()
            assert export(store, "jsonl", out) == 1
            # Its SQLite connection is read-only too, not only the store's check.
            with pytest.raises(Exception, match="readonly"):
                store.conn.execute("DELETE FROM annotations")
        finally:
            store.close()
    finally:
        tmp_path.chmod(0o755)
    assert path.read_bytes() == before


def test_a_writable_file_in_a_folder_others_may_not_write_opens_read_only(tmp_path, monkeypatch):
    path = _database(tmp_path)
    path.chmod(0o666)
    tmp_path.chmod(0o555)
    _as_another_user(monkeypatch)
    try:
        store = open_store(path)
        try:
            assert store.read_only == f"its folder {tmp_path} is not writable"
        finally:
            store.close()
    finally:
        tmp_path.chmod(0o755)


def test_a_new_database_in_a_folder_nobody_may_write_names_the_folder(tmp_path, monkeypatch):
    tmp_path.chmod(0o555)
    _as_another_user(monkeypatch)
    try:
        with pytest.raises(StoreError, match=f"cannot create .*new.db: the folder {tmp_path} is not writable"):
            open_store(tmp_path / "new.db")
    finally:
        tmp_path.chmod(0o755)


async def test_the_reader_on_a_read_only_database_says_so_and_refuses_changes(tmp_path):
    from tui.app import ReaderApp

    path = _database(tmp_path)
    store = _open_read_only(path, "the file is not writable")
    try:
        app = ReaderApp(store, "tester")
        async with app.run_test(size=(160, 40)) as pilot:
            await pilot.pause()
            assert "READ-ONLY" in str(app.query_one("#status").render())
            messages = [n.message for n in app._notifications]
            assert any("Opened read-only: the file is not writable" in m for m in messages)
            app.focused_view.move_to(8)
            await pilot.press("1", "u", "left", "left", "d")
            messages = [n.message for n in app._notifications]
            assert sum("open read-only" in m for m in messages) >= 2
            await pilot.press("q")
        assert app.return_code in (0, None)
        out = io.StringIO()
        assert export(store, "jsonl", out) == 1
        assert json.loads(out.getvalue())["text"] == "Huawei"
    finally:
        store.close()
    reopened = open_store(path)
    try:
        assert reopened.count_annotations() == 1
    finally:
        reopened.close()
