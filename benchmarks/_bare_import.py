"""The baseline of benchmarks/import_corpus.py: the same rows with bare sqlite3, no sidebyside code.

Run: python benchmarks/_bare_import.py CORPUS.jsonl DATABASE
Reads the JSONL a line at a time, parses each line, hashes the text (SHA-256 of its UTF-8), and
inserts every row into a documents table like sidebyside's with one executemany in one
transaction, with the pragmas sidebyside uses (WAL, synchronous=FULL). Prints the row count.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
from datetime import UTC, datetime

SCHEMA = """CREATE TABLE documents (id TEXT PRIMARY KEY, title TEXT, source TEXT, url TEXT,
date TEXT, text TEXT NOT NULL, sha256 TEXT NOT NULL, imported TEXT NOT NULL, format TEXT,
styles TEXT, position INTEGER)"""


def rows(path: str, now: str):
    with open(path, "rb") as handle:
        for position, line in enumerate(handle, start=1):
            record = json.loads(line)
            text = record["text"]
            yield (str(record["id"]), record.get("title"), record.get("source"), record.get("url"),
                   record.get("date"), text, hashlib.sha256(text.encode("utf-8")).hexdigest(), now,
                   "text", "[]", position)


def main(corpus: str, database: str) -> int:
    conn = sqlite3.connect(database, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute(SCHEMA)
    now = datetime.now(UTC).isoformat()
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows(corpus, now))
    conn.execute("COMMIT")
    count = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    conn.close()
    print(count)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:3]))
