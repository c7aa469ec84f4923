"""Import and passages on hostile input and failing disks: a refusal per bad item, never a hang or traceback."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from store import open_store
from tui.cli import main

ROOT = Path(__file__).resolve().parents[1]


def test_a_fifo_in_a_folder_is_refused_instead_of_blocking_the_import(tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    os.mkfifo(folder / "b.txt")
    (folder / "a.txt").write_text("Huawei said so.\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "tui", "import", str(folder), "--db", str(tmp_path / "t.db")],
                          cwd=ROOT, capture_output=True, text=True, timeout=30,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 1
    assert "1 imported" in done.stdout
    assert f"refused {folder / 'b.txt'}: not a regular file" in done.stdout


def test_a_lone_surrogate_refuses_its_line_and_keeps_the_others(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "ok", "text": "fine"}\n{"id": "bad", "text": "x \\ud800 y"}\n'
                      '{"id": "bad-title", "title": "\\udfff", "text": "t"}\n{"id": "ok2", "text": "more"}\n',
                      encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(corpus), "--db", str(tmp_path / "t.db")])
    assert result.exit_code == 1, result.output
    assert "2 imported, 0 unchanged, 2 refused" in result.output
    assert f'{corpus}:2: "text" holds a lone surrogate (U+D800) at character 2' in result.output
    assert f'{corpus}:3: "title" holds a lone surrogate (U+DFFF)' in result.output
    store = open_store(tmp_path / "t.db")
    try:
        assert store.document_ids() == ["ok", "ok2"]
    finally:
        store.close()


def test_an_import_onto_a_full_disk_says_so_and_keeps_the_batches_before(tmp_path, monkeypatch):
    import store.importer as importer

    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(f'{{"id": "a{n}", "text": "article {n} {"words " * 500}"}}\n' for n in range(30)),
                      encoding="utf-8")
    db = tmp_path / "t.db"
    open_store(db).close()
    real_open = importer.import_stream

    def small_batches_then_full(store, items, **options):
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages + 6}")  # room for a batch or two
        return real_open(store, items, **{**options, "batch_items": 5})

    monkeypatch.setattr(importer, "import_stream", small_batches_then_full)
    result = CliRunner().invoke(main, ["import", str(corpus), "--db", str(db)])
    assert result.exit_code == 1
    assert "import stopped: disk full" in result.output and "Traceback" not in result.output
    store = open_store(db)
    try:
        kept = store.document_ids()
        assert 0 < len(kept) < 30 and len(kept) % 5 == 0  # whole batches, the failed one rolled back
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        store.close()
