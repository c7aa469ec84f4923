"""What the document picker lists, without reading any text: titles to filter, details per shown row."""
from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from .documents import listing
from .records import DocumentInfo


def haystack(title: str | None, doc_id: str, source: str | None) -> str:
    """What a filter word is looked for in: title, id and source, casefolded."""
    return " ".join(str(part) for part in (title, doc_id, source) if part).casefold()


def matching(haystacks: Sequence[tuple[str, str]], words: list[str]) -> list[str]:
    """Ids (in the given order) whose haystack holds every word."""
    if not words:
        return [doc_id for doc_id, _ in haystacks]
    return [doc_id for doc_id, hay in haystacks if all(w in hay for w in words)]


class Catalogue:
    """Every document's id, title and source (one query, no text), and on request the length and
    per-tag counts of the few documents a screen shows.

    At 40,000 articles the titles take about 60 ms to read and a filter pass over them a few ms;
    `Store.documents()` instead measures every text and counts every annotation (about 0.3 s).
    """

    def __init__(self, conn: sqlite3.Connection, tag_names: Iterable[str]) -> None:
        self.conn = conn
        self.tag_names = list(tag_names)
        rows = conn.execute("SELECT id, title, source FROM documents ORDER BY position, rowid").fetchall()
        self.haystacks = [(doc_id, haystack(title, doc_id, source)) for doc_id, title, source in rows]

    def __len__(self) -> int:
        return len(self.haystacks)

    def find(self, words: list[str]) -> list[str]:
        return matching(self.haystacks, words)

    def details(self, ids: Sequence[str]) -> list[DocumentInfo]:
        """DocumentInfo of each id, in the order given (unknown ids are left out)."""
        found = {info.id: info for info in listing(self.conn, self.tag_names, ids)}
        return [found[doc_id] for doc_id in ids if doc_id in found]


class ListCatalogue:
    """The same interface over documents already in memory (DocumentInfo-like objects)."""

    def __init__(self, documents: Iterable[Any]) -> None:
        self.by_id = {doc.id: doc for doc in documents}
        self.haystacks = [(doc.id, haystack(doc.title, doc.id, doc.source)) for doc in self.by_id.values()]

    def __len__(self) -> int:
        return len(self.haystacks)

    def find(self, words: list[str]) -> list[str]:
        return matching(self.haystacks, words)

    def details(self, ids: Sequence[str]) -> list[Any]:
        return [self.by_id[doc_id] for doc_id in ids if doc_id in self.by_id]
