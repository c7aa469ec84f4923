"""Word-shingle index over a corpus: which sentences in different documents share a run of words.

The index is built from per-document pieces (``index_document``: sentence units and the stable
hashes of their shingles) so a caller can keep them, e.g. in a database, and link a few new
documents against stored ones (``link_postings``) without splitting and hashing the old texts
again. Shingle hashes are stable across processes (word digests, not Python's salted str hash).
"""
from __future__ import annotations

import hashlib
from array import array
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import repeat
from typing import Protocol, TypeVar

from corpus.matchtext import sentence_words
from corpus.sentences import split_units

SHINGLE = 5  # words per shingle: long enough that chance collisions between articles are rare
# Shingles in more than this share of documents are boilerplate ("reported by the Associated
# Press"), but only in a corpus big enough for that to mean something: with five articles about
# one story, the quote they all carry is exactly what we are looking for.
BOILERPLATE_SHARE = 0.5
BOILERPLATE_MIN_DOCS = 20
# A shingle in at most this many documents is never boilerplate, whatever the corpus size: only
# shingles above it can change status when documents are added or removed.
COMMON_DF = int(BOILERPLATE_MIN_DOCS * BOILERPLATE_SHARE)
# Two sentences must share this many shingles (a run of six words) to be scored at all: a
# single five-word collision of common words is what most chance pairs in a big corpus are,
# and a passage of MIN_WORDS (7) words nearly always carries two.
MIN_SHARED = 2

# A sentence's key in link_postings: a gid, or a stored (document rank, unit) pair.
Key = TypeVar("Key", int, tuple[int, int])
_KeyIn = TypeVar("_KeyIn", contravariant=True)


class DocOf(Protocol[_KeyIn]):
    """What link_postings reads a key's document index from: a gid table, or a key's rank."""

    def __getitem__(self, key: _KeyIn, /) -> int: ...


@dataclass
class SentenceTable:
    """Every sentence of the corpus under a global id (gid), in document order."""

    doc: array[int] = field(default_factory=lambda: array("i"))  # gid -> document index
    start: array[int] = field(default_factory=lambda: array("i"))  # gid -> code-point start
    end: array[int] = field(default_factory=lambda: array("i"))  # gid -> code-point end
    # What scoring reads: the sentence itself, or for a window of an overlong one, a margin
    # of its neighbours too, so a passage straddling the cut is still aligned whole.
    context_start: array[int] = field(default_factory=lambda: array("i"))
    context_end: array[int] = field(default_factory=lambda: array("i"))
    first: list[int] = field(default_factory=list)  # document index -> its first gid (+ sentinel)


@dataclass
class DocumentIndex:
    """One document's sentence units and shingles: all the index needs from its text."""

    units: array[int]  # "i": start, end, context_start, context_end per unit, flat
    hashes: array[int]  # "q": shingle hashes in text order (a repeat within one unit may recur)
    owners: array[int]  # "i": the unit (index within the document) each hash sits in


class _WordIds(dict[str, int]):
    """Stable 64-bit id per folded word (a digest, cached): shingles hash the same in every process."""

    def __missing__(self, word: str) -> int:
        if len(self) > 1 << 20:
            self.clear()
        value = self[word] = int.from_bytes(
            hashlib.blake2b(word.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little")
        return value


_WORD_IDS = _WordIds()


def index_document(text: str) -> DocumentIndex:
    """Split one text into units and hash its 5-word shingles."""
    units, h_arr, o_arr = array("i"), array("q"), array("i")
    word_id = _WORD_IDS.__getitem__
    for u, (s, e, cs, ce) in enumerate(split_units(text)):
        units.extend((s, e, cs, ce))
        words = sentence_words(text[s:e])
        if len(words) >= SHINGLE:
            ids = list(map(word_id, words))
            # zip builds the 5-word tuples in C; a tuple of ints hashes the same in every process.
            h_arr.extend(map(hash, zip(*(ids[i:] for i in range(SHINGLE)))))
            o_arr.extend(repeat(u, len(words) - SHINGLE + 1))
    return DocumentIndex(units, h_arr, o_arr)


def build_table(docs: Sequence[DocumentIndex]) -> SentenceTable:
    """The global sentence table of documents in corpus order."""
    table = SentenceTable()
    for d, idx in enumerate(docs):
        table.first.append(len(table.doc))
        units = idx.units
        n = len(units) // 4
        table.doc.extend(repeat(d, n))
        table.start.extend(units[0::4])
        table.end.extend(units[1::4])
        table.context_start.extend(units[2::4])
        table.context_end.extend(units[3::4])
    table.first.append(len(table.doc))
    return table


def boilerplate_limit(n_docs: int) -> float:
    """Most documents a shingle may be in and still link sentences, in a corpus of n_docs."""
    return n_docs * BOILERPLATE_SHARE if n_docs > BOILERPLATE_MIN_DOCS else n_docs


def links(df: int, n_docs: int) -> bool:
    """Whether a shingle in df of n_docs documents links sentences (in two or more, not boilerplate)."""
    return 2 <= df <= boilerplate_limit(n_docs)


def candidate_pairs(texts: Sequence[str]) -> tuple[SentenceTable, list[tuple[int, int]]]:
    """Split every text into sentences and return pairs of gids, from different documents,
    that share at least MIN_SHARED shingles, sorted. Work and memory grow with the corpus,
    not its square."""
    docs = [index_document(t) for t in texts]
    table = build_table(docs)
    return table, link_corpus(docs, table)[0]


def link_corpus(docs: Sequence[DocumentIndex], table: SentenceTable | None = None
                ) -> tuple[list[tuple[int, int]], dict[int, int]]:
    """Candidate pairs of gids (sorted) over whole documents, and the document frequency of
    every shingle in more than COMMON_DF documents (the only ones that can be boilerplate)."""
    table = build_table(docs) if table is None else table
    postings = _shared_postings(docs, table.first)
    n = len(docs)
    pairs: Counter[tuple[int, int]] = Counter()
    common: dict[int, int] = {}
    doc_of = table.doc
    for h, gids in postings.items():
        docs_in = len({doc_of[g] for g in gids})
        if docs_in > COMMON_DF:
            common[h] = docs_in
        if links(docs_in, n):
            link_postings(gids, doc_of, pairs)
    return sorted(p for p, c in pairs.items() if c >= MIN_SHARED), common


def _shared_postings(docs: Sequence[DocumentIndex], first: Sequence[int]) -> dict[int, list[int]]:
    """Postings (shingle -> gids) for shingles that may occur in two or more documents.

    A first pass counts, per hash bucket, how many documents touch it (a counting filter in one
    bytearray), so the dictionary of postings only ever holds the few shingles that repeat
    across documents, not the millions that occur once."""
    total = sum(len(d.hashes) for d in docs)
    size = 1 << max(16, (total * 8).bit_length())
    mask = size - 1
    counts = bytearray(size)
    for idx in docs:
        for b in {h & mask for h in idx.hashes}:  # a set: a document counts once per bucket
            if counts[b] < 2:
                counts[b] += 1
    postings: dict[int, list[int]] = {}
    for d, idx in enumerate(docs):
        h_arr, o_arr, base = idx.hashes, idx.owners, first[d]
        for i in [i for i, h in enumerate(h_arr) if counts[h & mask] > 1]:
            h, g = h_arr[i], o_arr[i] + base
            gids = postings.get(h)
            if gids is None:
                postings[h] = [g]
            elif gids[-1] != g:
                gids.append(g)
    return postings


def link_postings(gids: Sequence[Key], doc_of: DocOf[Key], pairs: Counter[tuple[Key, Key]]) -> None:
    """Pairs to score for one shingle's sentences: each against the first (a star) and against
    its predecessor from another document (a chain). Linear in the posting list; all pairs would
    be quadratic in the number of outlets that carry a popular quote.

    gids: the shingle's sentences ascending in corpus order, no repeats, from two or more
    documents; any orderable keys do, with doc_of[g] giving a key's document."""
    first = gids[0]
    first_doc = doc_of[first]
    other = next(g for g in gids if doc_of[g] != first_doc)  # exists: >= 2 documents
    prev = first
    for g in gids[1:]:
        d = doc_of[g]
        hub = first if d != first_doc else other
        pairs[(hub, g) if hub < g else (g, hub)] += 1
        if doc_of[prev] != d and prev != hub:
            pairs[(prev, g)] += 1  # gids ascend, so prev < g
        prev = g

