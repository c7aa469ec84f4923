"""Where exports land: FIFOs and devices are written into, links keep pointing at their target,
regular files are replaced whole; and `--raw` CSV cells equal the document slice exactly."""
from __future__ import annotations

import csv
import io
import json
import os
import stat
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from corpus.document import Document
from store import open_store
from store.formats.output import write_output, writes_in_place
from tui.cli import main

# Texts that the formula guard changes: each starts with one of = + - @ tab.
GUARDED = ["=SUM(A1) said the minister", "+44 20 7946 0000", "- The Trump administration",
           "@handle wrote", "\ttabbed start"]


@pytest.fixture
def db(tmp_path) -> Path:
    path = tmp_path / "study.db"
    store = open_store(path)
    text = "\n".join(GUARDED) + "\nA plain line."
    store.add_document(Document(id="d1", title="- A title with a dash", text=text))
    for needle in GUARDED:
        start = text.index(needle)
        store.add_annotation("d1", start, start + len(needle), "quote", note="=note", annotator="ana")
    store.close()
    return path


class Drain(threading.Thread):
    """Reads a FIFO to its end, as the program at the other end of a pipe would."""

    def __init__(self, fifo: Path) -> None:
        super().__init__(daemon=True)
        self.fifo, self.data = fifo, b""

    def run(self) -> None:
        with open(self.fifo, "rb") as pipe:
            self.data = pipe.read()


def fifo_in(tmp_path: Path, name: str = "out.csv") -> Path:
    fifo = tmp_path / name
    os.mkfifo(fifo)
    return fifo


def export(db: Path, *args: str):
    return CliRunner().invoke(main, ["export", "--db", str(db), *args])


def test_export_into_a_fifo_writes_into_it_and_leaves_it_a_fifo(db, tmp_path):
    fifo = fifo_in(tmp_path)
    drain = Drain(fifo)
    drain.start()
    result = export(db, "--format", "csv", "--output", str(fifo))
    drain.join(timeout=10)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert not (tmp_path / "out.csv.part").exists()
    rows = list(csv.DictReader(io.StringIO(drain.data.decode("utf-8"), newline="")))
    assert [row["text"] for row in rows] == ["'" + text for text in GUARDED]


def test_export_through_a_symlink_replaces_its_target_and_keeps_the_link(db, tmp_path):
    target = tmp_path / "kept" / "annotations.jsonl"
    target.parent.mkdir()
    target.write_text('{"id": "a", "document_id": "d", "start": 0, "end": 1}\n', encoding="utf-8")  # an earlier export
    os.chmod(target, 0o640)
    link = tmp_path / "latest.jsonl"
    link.symlink_to(target)
    result = export(db, "--format", "jsonl", "--output", str(link))
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and os.readlink(link) == str(target)
    records = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [record["text"] for record in records] == GUARDED
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.rglob("*.part")) == []


def test_a_regular_file_is_replaced_whole_and_a_failed_export_leaves_it_alone(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("good export\n", encoding="utf-8")

    def fails(out) -> int:
        out.write("half a row")
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        write_output(target, fails)
    assert target.read_text(encoding="utf-8") == "good export\n"
    assert not (tmp_path / "out.csv.part").exists()
    assert write_output(target, lambda out: out.write("new\n") and 1) == 1
    assert target.read_text(encoding="utf-8") == "new\n"


def test_what_is_written_in_place(tmp_path):
    fifo = fifo_in(tmp_path, "pipe")
    regular = tmp_path / "file.csv"
    regular.write_text("x", encoding="utf-8")
    link_to_fifo = tmp_path / "to-pipe"
    link_to_fifo.symlink_to(fifo)
    # Only inspected with stat, never written: system paths are not touched by any test.
    assert writes_in_place(Path("/dev/null")) and writes_in_place(Path("/dev/stdout"))
    assert writes_in_place(fifo) and writes_in_place(link_to_fifo)
    assert not writes_in_place(regular) and not writes_in_place(tmp_path / "new.csv")


def test_raw_csv_cells_equal_the_document_slice_and_the_default_keeps_the_guard(db, tmp_path):
    store = open_store(db)
    text = store.document("d1").text
    store.close()
    raw_out, guarded_out = tmp_path / "raw.csv", tmp_path / "guarded.csv"
    assert export(db, "--format", "csv", "--raw", "--output", str(raw_out)).exit_code == 0
    assert export(db, "--format", "csv", "--output", str(guarded_out)).exit_code == 0
    with open(raw_out, encoding="utf-8", newline="") as raw_file, \
            open(guarded_out, encoding="utf-8", newline="") as guarded_file:
        raw_rows, guarded_rows = list(csv.DictReader(raw_file)), list(csv.DictReader(guarded_file))
    assert len(raw_rows) == len(GUARDED)
    for row in raw_rows:
        assert row["text"] == text[int(row["start"]):int(row["end"])]
        assert row["note"] == "=note" and row["document_title"] == "- A title with a dash"
    for row, raw in zip(guarded_rows, raw_rows):
        assert row["text"] == "'" + raw["text"]
        assert row["note"] == "'=note" and row["document_title"] == "'- A title with a dash"


def test_raw_is_refused_for_formats_it_does_not_apply_to(db):
    for fmt in ("jsonl", "coverage"):
        result = export(db, "--format", fmt, "--raw")
        assert result.exit_code == 2 and "--raw applies only to the CSV formats" in result.output


async def test_export_key_writes_through_a_link_and_into_a_fifo(tmp_path):
    from store.importer import import_seeds
    from tui.app import ReaderApp

    store = open_store(tmp_path / "study.db")
    import_seeds(store)
    target = tmp_path / "elsewhere.csv"
    target.write_text("id,document_id,document_title\n", encoding="utf-8")  # an earlier export
    (tmp_path / "study-annotations.csv").symlink_to(target)
    fifo = fifo_in(tmp_path, "study-annotations.jsonl")
    drain = Drain(fifo)
    drain.start()
    app = ReaderApp(store, annotator="tester")
    try:
        async with app.run_test(size=(200, 50)) as pilot:
            view = app.focused_view
            view.move_to(view.text.index("Huawei"))
            await pilot.press("2", "x")
            await pilot.pause()
            said = [notice.message for notice in app._notifications]
            assert "Exported 1 annotation to" in said[-1]
    finally:
        store.close()
    drain.join(timeout=10)
    assert (tmp_path / "study-annotations.csv").is_symlink()
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert [row["text"] for row in csv.DictReader(open(target, encoding="utf-8", newline=""))] == ["Huawei"]
    assert [json.loads(line)["text"] for line in drain.data.decode("utf-8").splitlines()] == ["Huawei"]
