"""Streaming corpus inputs into a store: batches of documents, each committed in one transaction."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from corpus.document import Document, Refusal

from .errors import StoreError, WriteFailedError

if TYPE_CHECKING:
    from corpus.readers import CorpusStream

    from .store import Store

# A batch commits at whichever comes first. One durable commit per batch instead of per document,
# while a killed import loses at most one batch and memory holds at most one batch of text.
BATCH_ITEMS = 500
BATCH_CHARS = 20_000_000
# SQLite checkpoints the WAL into the database (and syncs that file too) at the first commit past
# 1,000 pages (4 MB): with 3 MB batches, nearly every commit. Every 64 MB instead made a 20,000-
# article import about a quarter faster; the WAL shrinks back at the next checkpoint or close.
CHECKPOINT_PAGES = 16_384


@contextmanager
def _fewer_checkpoints(store: Store) -> Iterator[None]:
    conn = store.conn
    (previous,) = conn.execute("PRAGMA wal_autocheckpoint").fetchone()
    conn.execute(f"PRAGMA wal_autocheckpoint = {CHECKPOINT_PAGES}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA wal_autocheckpoint = {int(previous)}")


class ImportReport:
    """What an import committed: ids in input order, counts, and every refused input with why.

    Only what is committed is counted: a batch read but not committed (the import was stopped,
    or its transaction failed) is in none of these.
    """

    def __init__(self) -> None:
        self.document_ids: list[str] = []  # imported or unchanged, in input order
        self.refused: list[Refusal] = []
        self.imported = 0
        self.unchanged = 0
        self.stopped = False  # should_stop() said so before the end of the input
        self.failed: str | None = None  # why a batch could not be written (disk full, read-only...)

    @property
    def ok(self) -> bool:
        return not self.refused and self.failed is None

    def summary(self) -> str:
        """One line: how many documents were imported, unchanged and refused."""
        return f"{self.imported:,} imported, {self.unchanged:,} unchanged, {len(self.refused):,} refused"

    @property
    def lines(self) -> list[str]:
        """The summary, then a line per refusal."""
        return [self.summary(), *(f"refused {refusal}" for refusal in self.refused)]


def import_stream(store: Store, items: Iterable[Document | Refusal], *,
                  on_line: Callable[[str], None] | None = None,
                  on_batch: Callable[[ImportReport], None] | None = None,
                  should_stop: Callable[[], bool] | None = None,
                  batch_items: int = BATCH_ITEMS, batch_chars: int = BATCH_CHARS) -> ImportReport:
    """Add documents to the store as they come, a batch per transaction; refusals are recorded.

    on_line gets a line per document or refusal as its batch commits, in input order; on_batch
    the report after each commit. should_stop is asked after each item: when it says so, the
    batch not yet committed is dropped and the report (marked stopped) returned.
    """
    with _fewer_checkpoints(store):
        return _import(store, items, on_line, on_batch, should_stop, batch_items, batch_chars)


def _import(store: Store, items: Iterable[Document | Refusal], on_line: Callable[[str], None] | None,
            on_batch: Callable[[ImportReport], None] | None, should_stop: Callable[[], bool] | None,
            batch_items: int, batch_chars: int) -> ImportReport:
    report = ImportReport()
    try:
        return _import_batches(store, items, on_line, on_batch, should_stop, batch_items, batch_chars, report)
    except WriteFailedError as error:
        # Every batch committed before this one is kept; this one was rolled back whole.
        report.failed = str(error)
        return report


def _import_batches(store: Store, items: Iterable[Document | Refusal], on_line: Callable[[str], None] | None,
                    on_batch: Callable[[ImportReport], None] | None, should_stop: Callable[[], bool] | None,
                    batch_items: int, batch_chars: int, report: ImportReport) -> ImportReport:
    pending: list[Document | Refusal] = []
    chars = 0
    for item in items:
        pending.append(item)
        if isinstance(item, Document):
            chars += len(item.text)
        if len(pending) >= batch_items or chars >= batch_chars:
            _commit(store, pending, report, on_line)
            pending, chars = [], 0
            if on_batch is not None:
                on_batch(report)
        if should_stop is not None and should_stop():
            report.stopped = True
            return report
    if pending:
        _commit(store, pending, report, on_line)
        if on_batch is not None:
            on_batch(report)
    return report


def _commit(store: Store, pending: list[Document | Refusal], report: ImportReport,
            on_line: Callable[[str], None] | None) -> None:
    """One transaction for the batch's documents; each refusal is per document."""
    documents = [item for item in pending if isinstance(item, Document)]
    outcomes = iter(store.add_documents(documents))
    for item in pending:
        if isinstance(item, Refusal):
            refusal = item
        else:
            outcome = next(outcomes)
            if isinstance(outcome, StoreError):
                refusal = Refusal(item.path or item.id, str(outcome))
            else:
                report.document_ids.append(item.id)
                if outcome == "added":
                    report.imported += 1
                else:
                    report.unchanged += 1
                if on_line is not None:
                    verb = "imported" if outcome == "added" else "unchanged"
                    on_line(f"{verb} {item.id} ({len(item.text)} characters)")
                continue
        report.refused.append(refusal)
        if on_line is not None:
            on_line(f"refused {refusal}")


def import_corpus(store: Store, inputs: Iterable[str | Path], *,
                  on_batch: Callable[[ImportReport, CorpusStream], None] | None = None,
                  **options: Any) -> ImportReport:
    """Read files, folders and JSONL corpora and add them to the store, streaming.

    on_batch gets the report and the stream (whose bytes_read says how far reading has got);
    the other options are import_stream's.
    """
    from corpus.readers import CorpusStream

    stream = CorpusStream(inputs)
    progress = None if on_batch is None else (lambda report: on_batch(report, stream))
    return import_stream(store, stream, on_batch=progress, **options)


def import_seeds(store: Store) -> ImportReport:
    """Add the bundled seed articles (the default corpus)."""
    from corpus.seeds import seed_dir

    return import_corpus(store, [seed_dir()])
