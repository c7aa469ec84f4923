"""Shared passages of the stored documents, computed by corpus.align and cached in the database.

The result cache lives in the `state` table under the key ``"passages"``:

    {"fingerprint": "<hex>", "computed": "<ISO 8601 UTC>",
     "clusters": [{"id", "kind", "score", "boilerplate", "members": [[document_id, start, end, text], ...]}, ...]}

The fingerprint is a SHA-256 over the ``(document id, text sha256)`` pairs in import order, the
source of the alignment modules, and the documents' sources with the boilerplate rule's thresholds
(``corpus.boilerplate``: a changed source re-marks the clusters from the stored index); reading
the same corpus again costs one small query and a JSON decode.

When the fingerprint changes, the clusters are brought up to date from an incremental index in
three tables of its own (``passage_docs``, ``passage_matches``, ``passage_meta``, created on first
use): adding documents costs work for the new documents, not the corpus (see "the incremental
index" below). A new version of the alignment modules rebuilds the index. No Textual here.
"""
from __future__ import annotations

import hashlib
import json
import sys
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from corpus.align import (
    Cluster,
    Match,
    Overlap,
    Passage,
    cluster_matches,
    document_overlap,
    find_passages,
)
from corpus.align_index import (
    COMMON_DF,
    MIN_SHARED,
    DocumentIndex,
    build_table,
    index_document,
    link_corpus,
    link_postings,
    links,
)
from corpus.align_score import Words, score_pair
from corpus.boilerplate import BOILERPLATE_MIN_DOCUMENTS, BOILERPLATE_SOURCE_SHARE, mark_boilerplate

from .records import utc_now

if TYPE_CHECKING:
    import sqlite3

    from .store import Store

# A sentence in the index: (document rank, unit index within the document).
_Key = tuple[int, int]
# A passage_matches row: both ends as (document id, unit), then score and spans, all None for no match.
_MatchRow = tuple[str, int, str, int, float | None, int | None, int | None, int | None, int | None]

STATE_KEY = "passages"
# 3: clusters written by version 2 could list one passage twice under one id (a passage
# straddling the cut between two windows of an overlong sentence); they are recomputed.
CACHE_VERSION = 3
# The alignment code the cache depends on: a change to any of them invalidates cached clusters.
_ALIGN_MODULES = ("align.py", "align_index.py", "align_score.py", "matchtext.py", "sentences.py")
_align_digest: str | None = None


def _algorithm_digest() -> str:
    """A digest of the alignment sources (read once per process)."""
    global _align_digest
    if _align_digest is None:
        import corpus

        # Stored shingle hashes are tuple hashes of word digests and arrays are native-endian:
        # another Python version or byte order rebuilds the index rather than trust them.
        digest = hashlib.sha256(f"cache-v{CACHE_VERSION} {sys.version_info[:2]} {sys.byteorder} "
                                f"{sys.hash_info.width}".encode())
        folder = Path(corpus.__file__).parent
        for name in _ALIGN_MODULES:
            try:
                digest.update(name.encode() + b"\0" + (folder / name).read_bytes())
            except OSError:
                digest.update(name.encode() + b"\0missing")
        _align_digest = digest.hexdigest()
    return _align_digest


def _hashes_and_sources(store: Store) -> tuple[list[tuple[str, str]], dict[str, str | None]]:
    """(id, text hash) of every document in import order, and each one's source (outlet, or None):
    what the clusters depend on, read in one pass over the documents."""
    rows = store.conn.execute("SELECT id, sha256, source FROM documents ORDER BY position, rowid").fetchall()
    return [(doc_id, sha) for doc_id, sha, _ in rows], {doc_id: source for doc_id, _, source in rows}


def document_sources(store: Store) -> dict[str, str | None]:
    """Every document's source (outlet) by id, None where it has none, in import order."""
    return _hashes_and_sources(store)[1]


def fingerprint(store: Store, rows: list[tuple[str, str]] | None = None,
                sources: Mapping[str, str | None] | None = None) -> str:
    """What the clusters depend on: every document's id and text hash in import order (the order
    decides which sentences are paired and how members are listed), the alignment code, and the
    sources with the boilerplate rule's thresholds (they decide which clusters are boilerplate).
    `rows`, `sources`: the two halves of _hashes_and_sources(store), if read already."""
    if rows is None or sources is None:
        read_rows, read_sources = _hashes_and_sources(store)
        rows = read_rows if rows is None else rows
        sources = read_sources if sources is None else sources
    digest = hashlib.sha256(_algorithm_digest().encode())
    digest.update(json.dumps(rows, ensure_ascii=False).encode("utf-8", "surrogatepass"))  # one call, not one per row
    digest.update(json.dumps([BOILERPLATE_MIN_DOCUMENTS, BOILERPLATE_SOURCE_SHARE, list(sources.values())],
                             ensure_ascii=False).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def document_texts(store: Store) -> dict[str, str]:
    """Every document's text by id, in import order (what find_passages and corpus search take)."""
    rows = store.conn.execute("SELECT id, text FROM documents ORDER BY position, rowid")
    return {doc_id: text for doc_id, text in rows}


def document_titles(store: Store) -> dict[str, str]:
    """Every document's title by id (the id when it has none), in import order."""
    rows = store.conn.execute("SELECT id, title FROM documents ORDER BY position, rowid")
    return {doc_id: title or doc_id for doc_id, title in rows}


def clusters_to_json(clusters: list[Cluster]) -> list[dict[str, Any]]:
    return [
        {"id": c.id, "kind": c.kind, "score": c.score, "boilerplate": c.boilerplate,
         "members": [[m.document_id, m.start, m.end, m.text] for m in c.members]}
        for c in clusters
    ]


def clusters_from_json(data: list[dict[str, Any]]) -> list[Cluster]:
    return [
        Cluster(c["id"], tuple(Passage(d, s, e, t) for d, s, e, t in c["members"]),
                float(c["score"]), c["kind"], bool(c.get("boilerplate", False)))
        for c in data
    ]


def _from_cache(store: Store, key: str) -> list[Cluster] | None:
    cached = store.get_state(STATE_KEY)
    if not isinstance(cached, dict) or cached.get("fingerprint") != key:
        return None
    try:
        clusters = clusters_from_json(cached["clusters"])
    except (KeyError, TypeError, ValueError):
        return None  # a damaged cache is recomputed, never trusted
    if len({c.id for c in clusters}) != len(clusters):
        return None  # a cluster listed twice (written by an older finder) is damage too
    return clusters


def cached_passages(store: Store) -> list[Cluster] | None:
    """The cached clusters if they still match the stored documents, else None (computes nothing)."""
    return _from_cache(store, fingerprint(store))


def shared_passages(store: Store, *, refresh: bool = False) -> list[Cluster]:
    """Clusters of passages shared by two or more stored documents (see corpus.align.find_passages).

    Cached in the database (state key "passages"); when documents were added, removed or changed
    since, brought up to date from the per-document index (see below): the same clusters as
    find_passages over all texts, each marked as boilerplate or not from the documents' sources
    (corpus.boilerplate). refresh=True rebuilds the index from the texts. Order: by reach,
    score, then position, as find_passages returns.
    """
    order, sources = _hashes_and_sources(store)  # one pass over the documents, also on a cache hit
    key = fingerprint(store, order, sources)
    if not refresh:
        cached = _from_cache(store, key)
        if cached is not None:
            return cached
    clusters = mark_boilerplate(_update_index(store, order, rebuild=refresh), sources)
    store.set_state(STATE_KEY, {"fingerprint": key, "computed": utc_now(),
                                "clusters": clusters_to_json(clusters)})
    return clusters


# ---- the incremental index -------------------------------------------------------------------
#
# passage_docs     one row per indexed document: its text hash, its rank in the corpus order
#                  when last indexed, and its DocumentIndex (units, shingle hashes, owners) as
#                  native-endian arrays; what linking needs without splitting the text again.
# passage_matches  every candidate pair that was scored, keyed by (document, unit) at both ends
#                  (a before b in corpus order); score and spans NULL when it did not match.
# passage_meta     "index": {"algorithm", "documents", "generation", "common": {hash: df}} where
#                  common holds every shingle in more than COMMON_DF documents (the only ones
#                  whose boilerplate status can change as the corpus grows or shrinks).
#
# Adding documents at the end of the import order (the common case) splits and hashes only the
# new texts, finds the stored sentences that share their shingles with one pass over the stored
# hash arrays (C-level set tests), links and scores only pairs that involve a new sentence, and
# rebuilds the clusters from all stored matches. Anything else (a document removed or changed,
# the order changed, a shingle crossing the boilerplate limit) relinks the whole corpus from the
# stored arrays and reuses every stored score: identical to find_passages from scratch, still
# without re-reading the old texts for indexing.

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS passage_docs ("
    " document_id TEXT PRIMARY KEY, sha256 TEXT NOT NULL, ordinal INTEGER NOT NULL,"
    " units BLOB NOT NULL, hashes BLOB NOT NULL, owners BLOB NOT NULL)",
    "CREATE TABLE IF NOT EXISTS passage_matches ("
    " a_doc TEXT NOT NULL, a_unit INTEGER NOT NULL, b_doc TEXT NOT NULL, b_unit INTEGER NOT NULL,"
    " score REAL, a_start INTEGER, a_end INTEGER, b_start INTEGER, b_end INTEGER,"
    " PRIMARY KEY (a_doc, a_unit, b_doc, b_unit)) WITHOUT ROWID",
    "CREATE INDEX IF NOT EXISTS passage_matches_b ON passage_matches (b_doc)",
    "CREATE TABLE IF NOT EXISTS passage_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
)
_META_KEY = "index"


class _Conflict(Exception):
    """Another process updated the index while this one computed: its result is not written."""


def _ensure_schema(store: Store) -> None:
    conn = store.conn
    have = {r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type IN ('table', 'index') AND name LIKE 'passage_%'")}
    if {"passage_docs", "passage_matches", "passage_matches_b", "passage_meta"} <= have:
        return
    with store._write() as c:
        for sql in _SCHEMA:
            c.execute(sql)


def _read_meta(conn: sqlite3.Connection) -> dict[str, Any]:
    row = conn.execute("SELECT value FROM passage_meta WHERE key = ?", (_META_KEY,)).fetchone()
    try:
        meta = json.loads(row[0]) if row else {}
    except ValueError:
        meta = {}
    return meta if isinstance(meta, dict) else {}


def _arrays(units: bytes, hashes: bytes, owners: bytes) -> DocumentIndex:
    u, h, o = array("i"), array("q"), array("i")
    u.frombytes(units)
    h.frombytes(hashes)
    o.frombytes(owners)
    return DocumentIndex(u, h, o)


def _doc_row(doc_id: str, sha: str, ordinal: int, idx: DocumentIndex) -> tuple[str, str, int, bytes, bytes, bytes]:
    return (doc_id, sha, ordinal, idx.units.tobytes(), idx.hashes.tobytes(), idx.owners.tobytes())


class _Corpus:
    """The documents in import order, with texts and sentence units fetched only when needed."""

    def __init__(self, store: Store, order: list[tuple[str, str]]) -> None:
        self.conn = store.conn
        self.ids = [doc_id for doc_id, _ in order]
        self.sha = dict(order)
        self.rank = {doc_id: r for r, doc_id in enumerate(self.ids)}
        self._texts: dict[int, str] = {}
        self._units: dict[int, array[int]] = {}

    def text(self, r: int) -> str:
        t = self._texts.get(r)
        if t is None:
            t = self._texts[r] = self.conn.execute(
                "SELECT text FROM documents WHERE id = ?", (self.ids[r],)).fetchone()[0]
        return t

    def prefetch_texts(self, ranks: Iterable[int]) -> None:
        missing = sorted({r for r in ranks if r not in self._texts})
        for at in range(0, len(missing), 500):
            chunk = [self.ids[r] for r in missing[at:at + 500]]
            rows = self.conn.execute(
                f"SELECT id, text FROM documents WHERE id IN ({','.join('?' * len(chunk))})", chunk)
            for doc_id, text in rows:
                self._texts[self.rank[doc_id]] = text

    def stream_texts(self, ranks: Iterable[int]) -> Iterator[tuple[int, str]]:
        """(rank, text) for the given ranks in ascending order, 500 per query, none kept: what
        indexing a whole corpus needs without holding every text at once."""
        wanted = sorted(set(ranks))
        for at in range(0, len(wanted), 500):
            chunk = wanted[at:at + 500]
            cached = {r: self._texts[r] for r in chunk if r in self._texts}
            missing = [self.ids[r] for r in chunk if r not in cached]
            if missing:
                rows = self.conn.execute(
                    f"SELECT id, text FROM documents WHERE id IN ({','.join('?' * len(missing))})", missing)
                cached.update((self.rank[doc_id], text) for doc_id, text in rows)
            for r in chunk:
                yield r, cached[r]

    def units(self, r: int) -> array[int]:
        u = self._units.get(r)
        if u is None:
            u = array("i")
            u.frombytes(self.conn.execute(
                "SELECT units FROM passage_docs WHERE document_id = ?", (self.ids[r],)).fetchone()[0])
            self._units[r] = u
        return u

    def words(self, key: _Key, cache: dict[_Key, Words]) -> Words:
        w = cache.get(key)
        if w is None:
            r, i = key
            u = self.units(r)
            w = cache[key] = Words(self.text(r), u[4 * i + 2], u[4 * i + 3])
        return w


def _score(corpus: _Corpus, pairs: Sequence[tuple[_Key, _Key]], words: dict[_Key, Words]) -> list[_MatchRow]:
    """Score pairs of (rank, unit) keys; rows for passage_matches (score None: no match).

    A sentence's words and a document's text are dropped after the last pair that needs them:
    kept to the end, they were most of the memory a corpus of 40,000 articles took."""
    last_key: dict[tuple[int, int], int] = {}
    last_doc: dict[int, int] = {}
    for i, (a, b) in enumerate(pairs):
        last_key[a] = last_key[b] = last_doc[a[0]] = last_doc[b[0]] = i
    rows: list[_MatchRow] = []
    texts = corpus._texts
    for i, (a, b) in enumerate(pairs):
        found = score_pair(corpus.text(a[0]), corpus.words(a, words), corpus.text(b[0]), corpus.words(b, words))
        for key in (a, b):
            if last_key[key] == i:
                words.pop(key, None)
            if last_doc[key[0]] == i:
                texts.pop(key[0], None)
        ends = (corpus.ids[a[0]], a[1], corpus.ids[b[0]], b[1])
        if found is None:
            rows.append((*ends, None, None, None, None, None))
        else:
            score, (a_s, a_e), (b_s, b_e) = found
            rows.append((*ends, score, a_s, a_e, b_s, b_e))
    return rows


def _update_index(store: Store, order: list[tuple[str, str]], *, rebuild: bool = False) -> list[Cluster]:
    """Bring the stored index up to date with the documents (`order`: the hashes of _hashes_and_sources) and
    return the clusters."""
    _ensure_schema(store)
    conn = store.conn
    corpus = _Corpus(store, order)
    meta = _read_meta(conn)
    valid = not rebuild and meta.get("algorithm") == _algorithm_digest()
    stored = {doc_id: (sha, ordinal) for doc_id, sha, ordinal in conn.execute(
        "SELECT document_id, sha256, ordinal FROM passage_docs")} if valid else {}
    kept = [d for d in corpus.ids if d in stored and stored[d][0] == corpus.sha[d]]
    removed = [d for d in stored if corpus.sha.get(d) != stored[d][0]]
    appended = (valid and not removed and corpus.ids[:len(kept)] == kept
                and [stored[d][1] for d in kept] == list(range(len(kept))))
    try:
        if appended and len(kept) == len(corpus.ids):
            pass  # nothing new: the stored matches are current
        elif appended and _append(store, corpus, kept, meta):
            pass
        else:
            _relink(store, corpus, kept if valid else [], removed, meta, wipe=not valid)
    except _Conflict:
        return find_passages({d: corpus.text(r) for r, d in enumerate(corpus.ids)})
    return _clusters(corpus)


@contextmanager
def _write_checked(store: Store, meta: dict[str, Any]) -> Iterator[sqlite3.Connection]:
    """A write transaction that fails with _Conflict if the index changed since meta was read."""
    with store._write() as conn:
        if _read_meta(conn).get("generation") != meta.get("generation"):
            raise _Conflict
        yield conn


def _next_meta(meta: dict[str, Any], documents: int, common: dict[int, int]) -> dict[str, Any]:
    """The index's meta after a write: this algorithm, this many documents, the next generation."""
    return {"algorithm": _algorithm_digest(), "documents": documents,
            "generation": meta.get("generation", 0) + 1, "common": {str(h): df for h, df in common.items()}}


def _append(store: Store, corpus: _Corpus, kept: list[str], meta: dict[str, Any]) -> bool:
    """Index documents added after all indexed ones; False when a shingle crosses the
    boilerplate limit (then only a relink gives the from-scratch result)."""
    n_old, n_new = len(kept), len(corpus.ids)
    new_ranks = range(n_old, n_new)
    corpus.prefetch_texts(new_ranks)
    fresh = {r: index_document(corpus.text(r)) for r in new_ranks}
    for r, idx in fresh.items():
        corpus._units[r] = idx.units
    touched: set[int] = set()
    for idx in fresh.values():
        touched.update(idx.hashes)

    # Stored sentences holding any of the new shingles: one pass over the stored arrays, where
    # a set test in C skips every document sharing nothing with the new ones.
    old_post: dict[int, list[tuple[int, int]]] = {}
    rank = corpus.rank
    for doc_id, blob, owners_blob in corpus.conn.execute("SELECT document_id, hashes, owners FROM passage_docs"):
        hashes = array("q")
        hashes.frombytes(blob)
        shared = touched.intersection(hashes)
        if not shared:
            continue
        owners = array("i")
        owners.frombytes(owners_blob)
        r = rank[doc_id]
        for h in shared:
            at = hashes.index(h)
            while True:
                old_post.setdefault(h, []).append((r, owners[at]))
                try:
                    at = hashes.index(h, at + 1)
                except ValueError:
                    break

    common = {int(h): df for h, df in meta.get("common", {}).items()}
    for h, df in common.items():  # untouched shingles keep their df; the limit may move
        if h not in touched and links(df, n_old) != links(df, n_new):
            return False

    new_post: dict[int, list[tuple[int, int]]] = {}
    for r in new_ranks:
        idx = fresh[r]
        for h, u in zip(idx.hashes, idx.owners):
            keys = new_post.setdefault(h, [])
            if not keys or keys[-1] != (r, u):
                keys.append((r, u))
    pairs: Counter[tuple[_Key, _Key]] = Counter()
    doc_of = _DocOfKey()
    for h, added in new_post.items():
        before = sorted(set(old_post.get(h, ())))
        df_old = len({k[0] for k in before})
        df_new = df_old + len({k[0] for k in added})
        if df_old >= 2 and links(df_old, n_old) != links(df_new, n_new):
            return False  # a shingle's boilerplate status flips: old pairs change too
        if df_new > COMMON_DF:
            common[h] = df_new
        if links(df_new, n_new):
            link_postings(before + added, doc_of, pairs)
    candidates = sorted(p for p, c in pairs.items() if c >= MIN_SHARED and p[1][0] >= n_old)
    rows = _score(corpus, candidates, {})

    new_meta = _next_meta(meta, n_new, common)
    with _write_checked(store, meta) as conn:
        conn.executemany("INSERT OR REPLACE INTO passage_docs VALUES (?, ?, ?, ?, ?, ?)",
                         [_doc_row(corpus.ids[r], corpus.sha[corpus.ids[r]], r, fresh[r]) for r in new_ranks])
        conn.executemany("INSERT OR REPLACE INTO passage_matches VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        _write_meta(conn, new_meta)
    return True


class _DocOfKey:
    """doc_of for (rank, unit) keys: the rank."""

    def __getitem__(self, key: _Key) -> int:
        return key[0]


def _write_meta(conn: sqlite3.Connection, meta: dict[str, Any]) -> None:
    conn.execute("INSERT OR REPLACE INTO passage_meta (key, value) VALUES (?, ?)", (_META_KEY, json.dumps(meta)))


def _relink(store: Store, corpus: _Corpus, kept: list[str], removed: list[str], meta: dict[str, Any], *,
            wipe: bool) -> None:
    """Link the whole corpus from stored arrays (new or changed texts indexed afresh) and score
    only pairs without a stored score: the from-scratch result for any change."""
    conn = corpus.conn
    kept_set = set(kept)
    docs: list[DocumentIndex | None] = [None] * len(corpus.ids)
    if kept:
        for doc_id, units, hashes, owners in conn.execute(
                "SELECT document_id, units, hashes, owners FROM passage_docs"):
            if doc_id in kept_set:
                r = corpus.rank[doc_id]
                docs[r] = idx = _arrays(units, hashes, owners)
                corpus._units[r] = idx.units
    fresh = [r for r, idx in enumerate(docs) if idx is None]
    for r, text in corpus.stream_texts(fresh):
        docs[r] = idx = index_document(text)
        corpus._units[r] = idx.units
    indexed = cast(list[DocumentIndex], docs)  # every rank filled: kept ones from the table, the rest just now
    table = build_table(indexed)
    gid_pairs, common = link_corpus(indexed, table)
    previous: dict[tuple[str, int, str, int], _MatchRow] = {}
    if kept:
        for row in conn.execute("SELECT * FROM passage_matches"):
            if row[0] in kept_set and row[2] in kept_set:
                previous[row[:4]] = row
    first, doc_of = table.first, table.doc
    rows: list[_MatchRow] = []
    to_score: list[tuple[_Key, _Key]] = []
    for a, b in gid_pairs:
        ka = (doc_of[a], a - first[doc_of[a]])
        kb = (doc_of[b], b - first[doc_of[b]])
        row = previous.get((corpus.ids[ka[0]], ka[1], corpus.ids[kb[0]], kb[1]))
        if row is None:
            to_score.append((ka, kb))
        else:
            rows.append(row)
    rows.extend(_score(corpus, to_score, {}))

    new_meta = _next_meta(meta, len(corpus.ids), common)
    with _write_checked(store, meta) as c:
        if wipe:
            c.execute("DELETE FROM passage_docs")
        for at in range(0, len(removed), 500):
            chunk = removed[at:at + 500]
            c.execute(f"DELETE FROM passage_docs WHERE document_id IN ({','.join('?' * len(chunk))})", chunk)
        c.execute("DELETE FROM passage_matches")
        c.executemany("INSERT INTO passage_docs VALUES (?, ?, ?, ?, ?, ?)",
                      [_doc_row(corpus.ids[r], corpus.sha[corpus.ids[r]], r, indexed[r]) for r in fresh])
        c.executemany("UPDATE passage_docs SET ordinal = ? WHERE document_id = ? AND ordinal != ?",
                      [(r, d, r) for d, r in corpus.rank.items() if d in kept_set])
        c.executemany("INSERT INTO passage_matches VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        _write_meta(c, new_meta)


def _clusters(corpus: _Corpus) -> list[Cluster]:
    """Clusters rebuilt from every stored match, replayed in corpus order (cheap: no scoring)."""
    rank = corpus.rank
    matches: list[Match] = []
    for a_doc, a_unit, b_doc, b_unit, score, a_s, a_e, b_s, b_e in corpus.conn.execute(
            "SELECT * FROM passage_matches WHERE score IS NOT NULL"):
        ra, rb = rank.get(a_doc), rank.get(b_doc)
        if ra is None or rb is None:
            continue  # a document deleted since the index was written
        matches.append(Match((ra, a_unit), (rb, b_unit), ra, rb, score, (a_s, a_e), (b_s, b_e)))
    matches.sort(key=lambda m: (m.a, m.b))
    texts = corpus.stream_texts({m.a_doc for m in matches} | {m.b_doc for m in matches})

    def text_of(r: int) -> str:  # cluster_matches asks in ascending order, once per document
        for got, text in texts:
            if got == r:
                return text
        raise LookupError(r)

    return cluster_matches(corpus.ids, matches, text_of)


def document_overlaps(store: Store, clusters: list[Cluster] | None = None,
                      texts: Mapping[str, str] | None = None) -> dict[str, Overlap]:
    """For every stored document, how much of its text is also found elsewhere and with whom."""
    if clusters is None:
        clusters = shared_passages(store)
    if texts is None:
        texts = document_texts(store)
    return document_overlap(clusters, texts)


__all__ = [
    "shared_passages", "cached_passages", "document_overlaps", "document_texts", "document_titles",
    "document_sources",
    "fingerprint", "STATE_KEY",
]
