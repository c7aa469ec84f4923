"""`sidebyside status` and the progress-csv export (checked against a golden file)."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from corpus.document import Document
from store import open_store
from store.formats import FORMATS, export
from tui.cli import main

GOLDEN = Path(__file__).parent / "data" / "progress-golden.csv"
DOCUMENTS = [
    Document("d1", "Minister resigns, \"at once\"", "First text."),
    Document("d2", "=HYPERLINK(\"http://x\")", "Second text."),  # a formula: guarded in the CSV
    Document("d3", "Two\nlines", "Third text."),
    Document("d4", "", "Fourth text."),
]


@pytest.fixture
def progress_db(tmp_path, monkeypatch):
    import store.store

    times = iter(f"2026-01-0{n}T00:00:00.000Z" for n in range(1, 10))
    monkeypatch.setattr(store.store, "utc_now", lambda: next(times))
    path = tmp_path / "progress.db"
    db = open_store(path)
    db.add_documents(DOCUMENTS)
    db.set_progress("d1", "alice", "done")          # 01
    db.set_progress("d2", "alice", "in_progress")   # 02
    db.cycle_progress("d3", "bob")                  # 03: in progress
    db.cycle_progress("d3", "bob")                  # 04: done
    db.set_progress("d4", "bob", "done")            # 05
    db.set_progress("d4", "bob", "todo")            # 06: a row saying to do
    db.close()
    return path


def test_progress_csv_matches_the_golden_file(progress_db):
    db = open_store(progress_db)
    out = io.StringIO(newline="")
    count = export(db, "progress-csv", out)
    db.close()
    assert count == 8  # every document for each of the two annotators
    assert out.getvalue().encode("utf-8") == GOLDEN.read_bytes()
    rows = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    assert list(rows[0]) == ["document_id", "title", "annotator", "status", "updated"]
    assert rows[1]["title"].startswith("'=")  # spreadsheets see text, not a formula


def test_export_command_lists_and_writes_progress_csv(progress_db, tmp_path):
    assert "progress-csv" in FORMATS
    target = tmp_path / "progress.csv"
    result = CliRunner().invoke(main, ["export", "--format", "progress-csv", "--db", str(progress_db),
                                       "--output", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == GOLDEN.read_bytes()
    assert "wrote 8 document statuses" in result.output


def test_status_prints_counts_per_annotator(progress_db):
    result = CliRunner().invoke(main, ["status", "--db", str(progress_db)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "annotator    to do  in progress     done  documents",
        "alice            2            1        1          4",
        "bob              3            0        1          4",
    ]


def test_status_of_one_annotator_with_every_document_shown_safely(progress_db):
    db = open_store(progress_db)
    db.set_progress("d1", "eve\x1b[2J", "done")  # an escape sequence in a name never reaches the terminal raw
    db.close()
    result = CliRunner().invoke(main, ["status", "--db", str(progress_db), "--annotator", "eve\x1b[2J",
                                       "--documents"])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output
    lines = result.output.splitlines()
    assert lines[1].split()[1:] == ["3", "0", "1", "4"]
    assert "  done         d1  Minister resigns, \"at once\"" in lines
    assert "  to do        d3  Two⏎lines" in lines or any(line.startswith("  to do        d3  Two") for line in lines)
    assert sum(1 for line in lines if line.startswith("  to do")) == 3


def test_status_of_someone_who_marked_nothing_and_of_an_empty_record(progress_db, tmp_path):
    result = CliRunner().invoke(main, ["status", "--db", str(progress_db), "--annotator", "carol"])
    assert result.output.splitlines()[1].split() == ["carol", "4", "0", "0", "4"]
    fresh = tmp_path / "fresh.db"
    db = open_store(fresh)
    db.add_documents(DOCUMENTS[:2])
    db.close()
    result = CliRunner().invoke(main, ["status", "--db", str(fresh)])
    assert result.exit_code == 0
    assert result.output.startswith("no progress marked yet: 2 documents, all to do")
    missing = CliRunner().invoke(main, ["status", "--db", str(tmp_path / "nope.db")])
    assert missing.exit_code == 1 and "no database at" in missing.output and not (tmp_path / "nope.db").exists()
