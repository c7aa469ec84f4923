"""The database benchmarks/export.py exports: news-length articles and their annotations, in bulk.

Everything is drawn from random.Random with fixed seeds: the same sizes give the same database.
Rows go in with bare sqlite3 `executemany` in one transaction (the store's API commits durably
per annotation and would take hours for 1,000,000); the schema is the store's own.
"""
from __future__ import annotations

import hashlib
import sqlite3
import sys
from pathlib import Path
from random import Random

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from articles import make_article, make_spans  # noqa: E402

ARTICLE_CHARS = 4000  # a news article of 600-700 words
POOL = 400  # distinct article bodies; each document gets its own heading on top of one
NOTES = ["", "", "", "", "", "", "check the figure", "-12% on the year, says who?",
         "=HYPERLINK(\"http://example.org\")", "multi\nline, \"quoted\" note", "中文 😀 note",
         "@desk: verify", "+ follow up"]
ANNOTATORS = ["ana", "ben", "", None]
PLACES = ["Port Ellis", "Valmora", "Kessler County", "the capital", "the delta"]
SUBJECTS = ["budget", "harbour project", "rail line", "strike", "tariff", "\u201cceasefire\u201d"]


def _title(rng: Random, number: int) -> str:
    title = f"{rng.choice(PLACES)}: {rng.choice(SUBJECTS)}, report {number}"
    roll = rng.random()
    if roll < 0.02:
        return "=" + title  # a formula-like title, for the CSV guard
    if roll < 0.05:
        return f'"{title}" \u2014 update'
    return title


def _stamp(index: int) -> str:
    """An ISO 8601 UTC time, 7 s after the previous annotation's (28-day months: only the shape matters)."""
    day, rest = divmod(index * 7, 86400)
    clock = f"{rest // 3600:02d}:{rest // 60 % 60:02d}:{rest % 60:02d}"
    return f"2025-{1 + day // 28 % 12:02d}-{1 + day % 28:02d}T{clock}.000Z"


def build_database(path: str | Path, documents: int, annotations: int) -> dict[str, int]:
    """Create a store at `path` holding `documents` articles and `annotations` spans over them.

    Documents are annotated in a shuffled order (not import order) and each document's spans in
    the order they were made, not by position, as people annotate; so the export has to sort.
    """
    import store

    store.open_store(path).close()  # the real schema, tags and pragmas
    rng = Random(2024)
    bodies = [make_article(ARTICLE_CHARS, seed=100 + i) for i in range(POOL)]
    per_document = annotations // documents
    spans = [make_spans(body, per_document + 1, seed=500 + i) for i, body in enumerate(bodies)]
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("BEGIN")
    texts: list[tuple[str, str]] = []
    rows = []
    for number in range(documents):
        title = _title(rng, number)
        heading = f"{title}\n\n"
        text = heading + bodies[number % POOL]
        # Ids unrelated to import order (as file names or URL hashes are): no index order helps.
        doc_id = hashlib.sha1(f"article {number}".encode()).hexdigest()[:16]
        texts.append((doc_id, text))
        rows.append((doc_id, title, "Bench Wire", f"https://example.org/{number}", "2025-01-01", text,
                     hashlib.sha256(text.encode()).hexdigest(), "2025-01-01T00:00:00.000Z", "text",
                     None, number + 1))
    conn.executemany(
        "INSERT INTO documents (id, title, source, url, date, text, sha256, imported, format, styles, "
        "position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    del rows
    order = list(range(documents))
    rng.shuffle(order)
    made = 0
    batch = []
    for slot, number in enumerate(order):
        doc_id, text = texts[number]
        offset = text.index("\n\n") + 2
        want = per_document + (1 if slot < annotations - per_document * documents else 0)
        chosen = list(spans[number % POOL][:want])
        rng.shuffle(chosen)
        for start, end, tag in chosen:
            start, end = start + offset, end + offset
            stamp = _stamp(made)
            batch.append((f"{rng.getrandbits(128):032x}", doc_id, tag, start, end, text[start:end],
                          text[max(0, start - 32):start], text[end:end + 32], rng.choice(NOTES),
                          rng.choice(ANNOTATORS), stamp, stamp))
            made += 1
        if len(batch) >= 50_000:
            _insert_annotations(conn, batch)
            batch = []
    _insert_annotations(conn, batch)
    # Attributes as a study sets them on some of its spans (the default codebook's): the export
    # parses only these.
    for tag, values, every in (("quote", '{"kind":"direct"}', 2), ("actor", '{"type":"person"}', 3),
                               ("number", '{"value":"1200","unit":"jobs"}', 4)):
        conn.execute("UPDATE annotations SET attributes = ? WHERE tag = ? AND rowid % ? = 0", (values, tag, every))
    conn.execute("COMMIT")
    conn.close()
    return {"documents": documents, "annotations": made, "bytes": Path(path).stat().st_size}


def _insert_annotations(conn: sqlite3.Connection, batch: list[tuple]) -> None:
    conn.executemany(
        "INSERT INTO annotations (id, document_id, tag, start, end, text, prefix, suffix, note, "
        "annotator, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", batch)
