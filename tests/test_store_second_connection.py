"""A second connection in the same process must not cost the first its locks (the WAL stays safe)."""
from __future__ import annotations

import subprocess
import sys

from corpus.document import Document
from store import open_store
from store.connect import open_another


def count_in_another_process(path) -> int:
    """Open, read, close, as a researcher's pandas or sqlite3 session would while the reader runs."""
    code = ("import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
            "print(c.execute('select count(*) from annotations').fetchone()[0]); c.close()")
    return int(subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True,
                              check=True).stdout)


def test_writes_after_a_worker_connection_survive_an_outside_reader(tmp_path):
    path = tmp_path / "study.db"
    store = open_store(path)
    store.add_document(Document(id="a", title="A", text="one two three four five"))
    store.add_annotation("a", 0, 3, "quote", annotator="t")
    worker = open_another(store)  # what the passage finder's thread does
    assert worker.document_ids() == ["a"]
    worker.close()
    assert count_in_another_process(path) == 1  # its close must not checkpoint and delete our WAL
    store.add_annotation("a", 4, 7, "claim", annotator="t")
    assert count_in_another_process(path) == 2  # the write after it is where everyone can read it
    store.close()
