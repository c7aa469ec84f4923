"""Export never writes over its database, another SQLite file or a non-export, and says why."""
from __future__ import annotations

import errno
import sqlite3

import pytest
from click.testing import CliRunner

from corpus.document import Document
from store import open_store
from tui.cli import main


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "self.db"
    store = open_store(path)
    store.add_document(Document(id="d", title="D", text="Huawei said 40% agreed."))
    store.add_annotation("d", 0, 6, "actor")
    store.close()
    return path


def _export(*args: str):
    return CliRunner().invoke(main, ["export", *args])


def _intact(path) -> None:
    store = open_store(path)
    try:
        assert store.count_annotations() == 1 and store.document_ids() == ["d"]
    finally:
        store.close()


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "coverage"])
def test_export_onto_its_own_database_is_refused_and_the_database_kept(db, fmt):
    before = db.read_bytes()
    result = _export("--format", fmt, "--db", str(db), "-o", str(db))
    assert result.exit_code == 1
    assert "it is the database being exported" in result.output
    assert db.read_bytes() == before
    _intact(db)
    result = _export("--format", fmt, "--db", str(db), "-o", str(db), "--force")
    assert result.exit_code == 1 and db.read_bytes() == before


def test_export_onto_another_sqlite_file_or_a_non_export_needs_care(db, tmp_path):
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    result = _export("--format", "csv", "--db", str(db), "-o", str(other), "--force")
    assert result.exit_code == 1 and "it is an SQLite database" in result.output
    notes = tmp_path / "notes.csv"
    notes.write_text("my own notes\n", encoding="utf-8")
    result = _export("--format", "csv", "--db", str(db), "-o", str(notes))
    assert result.exit_code == 1 and "not an earlier export" in result.output and "--force" in result.output
    assert notes.read_text(encoding="utf-8") == "my own notes\n"
    assert _export("--format", "csv", "--db", str(db), "-o", str(notes), "--force").exit_code == 0
    assert notes.read_text(encoding="utf-8").startswith("id,document_id,")
    # An earlier export is replaced without --force, in either format.
    for fmt in ("csv", "jsonl", "jsonl", "csv"):
        assert _export("--format", fmt, "--db", str(db), "-o", str(notes)).exit_code == 0


def test_a_missing_output_folder_is_named(db, tmp_path):
    result = _export("--format", "csv", "--db", str(db), "-o", str(tmp_path / "nowhere" / "a.csv"))
    assert result.exit_code == 1
    assert f"the folder {tmp_path / 'nowhere'} does not exist" in result.output
    assert "Traceback" not in result.output


def test_a_zero_byte_database_is_refused_and_stays_empty(tmp_path):
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    result = _export("--format", "jsonl", "--db", str(empty))
    assert result.exit_code == 1 and "empty (0 bytes)" in result.output
    assert empty.read_bytes() == b""


def test_a_full_disk_during_export_leaves_no_part_file_and_the_old_export(db, tmp_path, monkeypatch):
    out = tmp_path / "annotations.csv"
    assert _export("--format", "csv", "--db", str(db), "-o", str(out)).exit_code == 0
    before = out.read_bytes()
    def full(records, stream, fields, **kwargs):
        stream.write("id,document_id\n")
        raise OSError(errno.ENOSPC, "No space left on device")

    import store.formats as formats

    monkeypatch.setitem(formats.FORMATS, "csv", formats.Format("csv", ".csv", full, "fills the disk",
                                                                   formats.FORMATS["csv"].select))
    result = _export("--format", "csv", "--db", str(db), "-o", str(out))
    assert result.exit_code == 1 and "disk full while writing" in result.output
    assert out.read_bytes() == before
    assert not list(tmp_path.glob("*.part"))


async def test_the_x_key_will_not_replace_a_file_that_is_no_export(db, tmp_path):
    from tui.app import ReaderApp

    mine = tmp_path / "self-annotations.csv"
    mine.write_text("budget,2026\n", encoding="utf-8")
    store = open_store(db)
    try:
        app = ReaderApp(store, "tester")
        async with app.run_test(size=(120, 30)) as pilot:
            await pilot.press("x")
            messages = [n.message for n in app._notifications]
            assert any(m.startswith("Export not written: refusing to replace") for m in messages)
    finally:
        store.close()
    assert mine.read_text(encoding="utf-8") == "budget,2026\n"
