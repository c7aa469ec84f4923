"""Reading corpus inputs into a store, with one line of report per document or refusal."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

from corpus.document import ReadResult, Refusal

from .errors import StoreError


class ImportReport:
    """What an import did: ids in input order, and every input that was refused, with why."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.document_ids: list[str] = []
        self.refused: list[Refusal] = []

    @property
    def ok(self) -> bool:
        return not self.refused


def store_read_result(store, result: ReadResult) -> ImportReport:
    """Add every read document to the store; a changed document is refused, the others kept."""
    report = ImportReport()
    for document, outcome in zip(result.documents, store.add_documents(result.documents)):
        if isinstance(outcome, StoreError):
            refusal = Refusal(document.path or document.id, str(outcome))
            report.refused.append(refusal)
            report.lines.append(f"refused {refusal}")
            continue
        report.document_ids.append(document.id)
        verb = "imported" if outcome == "added" else "unchanged"
        report.lines.append(f"{verb} {document.id} ({len(document.text)} characters)")
    for refusal in result.refused:
        report.refused.append(refusal)
        report.lines.append(f"refused {refusal}")
    return report


def import_corpus(store, inputs: Iterable[str | Path]) -> ImportReport:
    """Read files, folders and JSONL corpora and add them to the store."""
    from corpus.readers import read_corpus

    return store_read_result(store, read_corpus(list(inputs)))


def import_seeds(store) -> ImportReport:
    """Add the bundled seed articles (the default corpus)."""
    from corpus.seeds import read_seeds

    return store_read_result(store, read_seeds())
