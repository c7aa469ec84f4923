"""Importing a large corpus: streamed (memory does not grow with it), committed in batches that
survive a kill, the same SQL work per document however full the table, per-document refusals."""
from __future__ import annotations

import json
import tracemalloc
from pathlib import Path
from random import Random

from corpus.document import Document
from corpus.readers import CorpusStream
from store import open_store
from store.errors import DocumentChangedError
from store.importer import import_corpus, import_stream

WORDS = ("minister said the plan would rise by percent in the capital after talks on the budget "
         "officials warned that prices could fall while residents waited for news of the vote").split()


def write_corpus(path: Path, count: int, chars: int = 2000, seed: int = 5, start: int = 0) -> Path:
    """`count` JSONL articles of about `chars` characters each, the same for the same arguments."""
    rng = Random(seed)
    with open(path, "w", encoding="utf-8") as out:
        for number in range(start, start + count):
            words, size = [], 0
            while size < chars:
                word = rng.choice(WORDS)
                words.append(word)
                size += len(word) + 1
            record = {"id": f"art-{number:06d}", "source": f"outlet {number % 7}",
                      "title": f"Story {number}", "text": " ".join(words)}
            out.write(json.dumps(record) + "\n")
    return path


def peak_while_importing(tmp_path: Path, count: int) -> int:
    corpus = write_corpus(tmp_path / f"corpus-{count}.jsonl", count)
    store = open_store(tmp_path / f"study-{count}.db")
    try:
        tracemalloc.start()
        try:
            report = import_corpus(store, [corpus])
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert report.imported == count and report.ok
        assert len(store.document_ids()) == count
    finally:
        store.close()
    return peak


def test_memory_does_not_grow_with_the_corpus(tmp_path):
    small = peak_while_importing(tmp_path, 1500)
    large = peak_while_importing(tmp_path, 6000)
    # Four times the articles (12 MB against 3 MB of JSONL). Holding the corpus would add at least
    # each article's 2,000 characters per article; what may grow is only the ids kept to refuse
    # duplicates and the list of imported ids: well under 10% of an article each.
    per_article = (large - small) / (6000 - 1500)
    assert per_article < 200, (small, large, per_article)
    assert large < 2 * small, (small, large)


def test_reading_is_lazy_a_line_at_a_time(tmp_path):
    corpus = write_corpus(tmp_path / "c.jsonl", 400)
    stream = CorpusStream([corpus])
    first = next(iter(stream))
    assert first.id == "art-000000"
    assert 0 < stream.bytes_read < corpus.stat().st_size / 100
    assert stream.total_bytes() == corpus.stat().st_size


def test_refusals_are_per_document_and_in_input_order_across_batches(tmp_path):
    store = open_store(tmp_path / "s.db")
    try:
        store.add_document(Document(id="known", title="k", text="old text"))
        lines = [json.dumps({"id": f"d{n}", "text": f"text {n}"}) for n in range(7)]
        lines[2] = json.dumps({"id": "known", "text": "new text"})  # changed: refused by the store
        lines[4] = "{broken"  # refused by the reader
        lines[6] = json.dumps({"id": "d1", "text": "again"})  # a duplicate, one batch later
        corpus = tmp_path / "c.jsonl"
        corpus.write_bytes(("\n".join(lines) + "\n").encode() + b'{"id": "bad", "text": "caf\xe9"}\n'
                           + b'{"id": "last", "text": "end"}\n')
        said: list[str] = []
        batches: list[int] = []
        report = import_stream(store, CorpusStream([corpus]), on_line=said.append, batch_items=3,
                               on_batch=lambda r: batches.append(r.imported))
        assert report.document_ids == ["d0", "d1", "d3", "d5", "last"]
        assert [line.split(" ", 2)[1] for line in said] == [
            "d0", "d1", f"{corpus}:", "d3", f"{corpus}:5:", "d5", f"{corpus}:7:", f"{corpus}:8:", "last"]
        reasons = [r.reason for r in report.refused]
        assert "already stored with different text" in reasons[0]
        assert reasons[1].startswith("invalid JSON")
        assert reasons[2] == f'duplicate id "d1": already read from {corpus}:2'
        # A bad byte refuses its line, not the whole file.
        assert reasons[3].startswith("not UTF-8: byte 0xe9 at byte ") and "(line 8, column 27)" in reasons[3]
        assert batches == [2, 4, 5]  # three items a batch: committed counts after each
        assert store.document("known").text == "old text"
        assert (report.imported, report.unchanged, len(report.refused)) == (5, 0, 4)
        assert not report.ok
    finally:
        store.close()


def test_should_stop_drops_only_the_batch_not_yet_committed(tmp_path):
    store = open_store(tmp_path / "s.db")
    try:
        corpus = write_corpus(tmp_path / "c.jsonl", 50, chars=50)
        seen = []

        def stop_after_12() -> bool:
            seen.append(1)
            return len(seen) == 12

        report = import_stream(store, CorpusStream([corpus]), batch_items=5, should_stop=stop_after_12)
        assert report.stopped and report.imported == 10
        assert store.document_ids() == [f"art-{n:06d}" for n in range(10)]
    finally:
        store.close()


def test_import_corpus_reports_changed_and_unchanged_documents(tmp_path):
    store = open_store(tmp_path / "s.db")
    try:
        article = tmp_path / "a.txt"
        article.write_text("First version\n", encoding="utf-8")
        assert import_corpus(store, [article]).imported == 1
        again = import_corpus(store, [article])
        assert (again.imported, again.unchanged, again.ok, again.document_ids) == (0, 1, True, ["a"])
        article.write_text("Second version\n", encoding="utf-8")
        changed = import_corpus(store, [article])
        [refusal] = changed.refused
        assert refusal.path == str(article) and "already stored with different text" in refusal.reason
        assert isinstance(store.add_documents([Document(id="a", title="a", text="x")])[0],
                          DocumentChangedError)
    finally:
        store.close()



def test_the_checkpoint_interval_is_raised_only_while_importing(tmp_path):
    store = open_store(tmp_path / "s.db")
    try:
        seen = []
        corpus = write_corpus(tmp_path / "c.jsonl", 3, chars=40)
        read = lambda r: seen.append(store.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0])  # noqa: E731
        import_stream(store, CorpusStream([corpus]), on_batch=read)
        assert seen == [16_384]
        assert store.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000
    finally:
        store.close()
