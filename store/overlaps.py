"""Shared text per document from the clusters alone, computed per document on demand (no text read)."""
from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Mapping

from corpus.align import Cluster, Overlap, _covered, _union

from .documents import fetch_text


def document_lengths(conn: sqlite3.Connection, ids: Iterable[str] | None = None) -> dict[str, int]:
    """Length in code points of each document (every one when `ids` is None), measured by SQLite."""
    if ids is None:
        rows = conn.execute("SELECT id, length(text), instr(text, char(0)) > 0 FROM documents").fetchall()
    else:
        ids = list(ids)
        rows = []
        for at in range(0, len(ids), 500):
            chunk = ids[at:at + 500]
            rows += conn.execute("SELECT id, length(text), instr(text, char(0)) > 0 FROM documents "
                                 f"WHERE id IN ({', '.join('?' * len(chunk))})", chunk).fetchall()
    # SQLite's length() stops at the first NUL; those few are counted in Python.
    return {doc_id: len(fetch_text(conn, doc_id)) if has_nul else length for doc_id, length, has_nul in rows}


class OverlapIndex:
    """The members of every cluster by document: one pass over the clusters, then each document's
    shared characters (and with whom) when asked. The same figures as corpus.align.document_overlap,
    which computes every document's and needs every text for its length: at 40,000 articles and
    24,000 clusters that took 1.3 s, where the picker shows a few hundred rows."""

    def __init__(self, clusters: Iterable[Cluster]) -> None:
        self.by_doc: dict[str, list[tuple[int, int, Cluster]]] = {}
        for cluster in clusters:
            for member in cluster.members:
                self.by_doc.setdefault(member.document_id, []).append((member.start, member.end, cluster))
        self._shared: dict[str, int] = {}

    def shared_chars(self, doc_id: str) -> int:
        shared = self._shared.get(doc_id)
        if shared is None:
            shared = self._shared[doc_id] = _covered(_union((s, e) for s, e, _ in self.by_doc.get(doc_id, ())))
        return shared

    def with_documents(self, doc_id: str) -> dict[str, int]:
        """The other documents this one shares text with, and how many of its characters."""
        per_doc: dict[str, list[tuple[int, int]]] = {}
        for start, end, cluster in self.by_doc.get(doc_id, ()):
            for other in {o.document_id for o in cluster.members} - {doc_id}:
                per_doc.setdefault(other, []).append((start, end))
        return {o: _covered(_union(spans)) for o, spans in sorted(per_doc.items())}

    def overlap(self, doc_id: str, length: int, *, with_documents: bool = True) -> Overlap:
        shared = self.shared_chars(doc_id)
        others = self.with_documents(doc_id) if with_documents else {}
        return Overlap(doc_id, shared, length, shared / length if length else 0.0, others)


class LazyShares(Mapping[str, float]):
    """document id -> share of its text found elsewhere, looked up (and its length read) on access."""

    def __init__(self, index: OverlapIndex, conn: sqlite3.Connection, ids: Iterable[str],
                 lengths: Mapping[str, int] | None = None) -> None:
        self.index = index
        self.conn = conn
        self.ids = list(ids)
        self._known = set(self.ids)
        self.lengths = lengths or {}  # lengths known already (the reader keeps them): no query each

    def __getitem__(self, doc_id: str) -> float:
        if doc_id not in self._known:
            raise KeyError(doc_id)
        shared = self.index.shared_chars(doc_id)
        if not shared:
            return 0.0
        length = self.lengths.get(doc_id)
        if length is None:
            length = document_lengths(self.conn, [doc_id]).get(doc_id, 0)
        return shared / length if length else 0.0

    def __iter__(self) -> Iterator[str]:
        return iter(self.ids)

    def __len__(self) -> int:
        return len(self.ids)
