"""Shared passages of the stored documents, computed by corpus.align and cached in the database.

The cache lives in the `state` table under the key ``"passages"`` (no schema change):

    {"fingerprint": "<hex>", "computed": "<ISO 8601 UTC>",
     "clusters": [{"id", "kind", "score", "members": [[document_id, start, end, text], ...]}, ...]}

The fingerprint is a SHA-256 over the sorted ``(document id, text sha256)`` pairs and the source of
the alignment modules, so adding a document, or a new version of corpus.align, recomputes; reading
the same corpus again costs one small query and a JSON decode. No Textual here.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Mapping

from corpus.align import Cluster, Overlap, Passage, document_overlap, find_passages

from .records import utc_now

STATE_KEY = "passages"
CACHE_VERSION = 1
# The alignment code the cache depends on: a change to any of them invalidates cached clusters.
_ALIGN_MODULES = ("align.py", "align_index.py", "align_score.py", "matchtext.py", "sentences.py")
_align_digest: str | None = None


def _algorithm_digest() -> str:
    """A digest of the alignment sources (read once per process)."""
    global _align_digest
    if _align_digest is None:
        import corpus

        digest = hashlib.sha256(f"cache-v{CACHE_VERSION}".encode())
        folder = Path(corpus.__file__).parent
        for name in _ALIGN_MODULES:
            try:
                digest.update(name.encode() + b"\0" + (folder / name).read_bytes())
            except OSError:
                digest.update(name.encode() + b"\0missing")
        _align_digest = digest.hexdigest()
    return _align_digest


def fingerprint(store) -> str:
    """What the clusters depend on: every document's id and text hash, and the alignment code."""
    rows = sorted(store.conn.execute("SELECT id, sha256 FROM documents").fetchall())
    digest = hashlib.sha256(_algorithm_digest().encode())
    for doc_id, sha in rows:
        digest.update(json.dumps([doc_id, sha], ensure_ascii=False).encode("utf-8") + b"\n")
    return digest.hexdigest()


def document_texts(store) -> dict[str, str]:
    """Every document's text by id, in import order (what find_passages and corpus search take)."""
    rows = store.conn.execute("SELECT id, text FROM documents ORDER BY position")
    return {doc_id: text for doc_id, text in rows}


def document_titles(store) -> dict[str, str]:
    """Every document's title by id (the id when it has none), in import order."""
    rows = store.conn.execute("SELECT id, title FROM documents ORDER BY position")
    return {doc_id: title or doc_id for doc_id, title in rows}


def clusters_to_json(clusters: list[Cluster]) -> list[dict]:
    return [
        {"id": c.id, "kind": c.kind, "score": c.score,
         "members": [[m.document_id, m.start, m.end, m.text] for m in c.members]}
        for c in clusters
    ]


def clusters_from_json(data: list[dict]) -> list[Cluster]:
    return [
        Cluster(c["id"], tuple(Passage(d, s, e, t) for d, s, e, t in c["members"]),
                float(c["score"]), c["kind"])
        for c in data
    ]


def _from_cache(store, key: str) -> list[Cluster] | None:
    cached = store.get_state(STATE_KEY)
    if not isinstance(cached, dict) or cached.get("fingerprint") != key:
        return None
    try:
        return clusters_from_json(cached["clusters"])
    except (KeyError, TypeError, ValueError):
        return None  # a damaged cache is recomputed, never trusted


def cached_passages(store) -> list[Cluster] | None:
    """The cached clusters if they still match the stored documents, else None (computes nothing)."""
    return _from_cache(store, fingerprint(store))


def shared_passages(store, *, refresh: bool = False) -> list[Cluster]:
    """Clusters of passages shared by two or more stored documents (see corpus.align.find_passages).

    Cached in the database (state key "passages"); recomputed when any document was added or changed
    since, or with refresh=True. Order: by reach, score, then position, as find_passages returns.
    """
    key = fingerprint(store)
    if not refresh:
        cached = _from_cache(store, key)
        if cached is not None:
            return cached
    clusters = find_passages(document_texts(store))
    store.set_state(STATE_KEY, {"fingerprint": key, "computed": utc_now(),
                                "clusters": clusters_to_json(clusters)})
    return clusters


def document_overlaps(store, clusters: list[Cluster] | None = None,
                      texts: Mapping[str, str] | None = None) -> dict[str, Overlap]:
    """For every stored document, how much of its text is also found elsewhere and with whom."""
    if clusters is None:
        clusters = shared_passages(store)
    if texts is None:
        texts = document_texts(store)
    return document_overlap(clusters, texts)


__all__ = [
    "shared_passages", "cached_passages", "document_overlaps", "document_texts", "document_titles",
    "fingerprint", "STATE_KEY",
]
