"""Word-shingle index over a corpus: which sentences in different documents share a run of words."""
from __future__ import annotations

from array import array
from collections import Counter
from itertools import repeat
from dataclasses import dataclass, field
from typing import Sequence

from corpus.matchtext import sentence_words
from corpus.sentences import split_units

SHINGLE = 5  # words per shingle: long enough that chance collisions between articles are rare
# Shingles in more than this share of documents are boilerplate ("reported by the Associated
# Press"), but only in a corpus big enough for that to mean something: with five articles about
# one story, the quote they all carry is exactly what we are looking for.
BOILERPLATE_SHARE = 0.5
BOILERPLATE_MIN_DOCS = 20
# Two sentences must share this many shingles (a run of six words) to be scored at all: a
# single five-word collision of common words is what most chance pairs in a big corpus are,
# and a passage of MIN_WORDS (7) words nearly always carries two.
MIN_SHARED = 2


@dataclass
class SentenceTable:
    """Every sentence of the corpus under a global id (gid), in document order."""

    doc: array = field(default_factory=lambda: array("i"))  # gid -> document index
    start: array = field(default_factory=lambda: array("i"))  # gid -> code-point start
    end: array = field(default_factory=lambda: array("i"))  # gid -> code-point end
    # What scoring reads: the sentence itself, or for a window of an overlong one, a margin
    # of its neighbours too, so a passage straddling the cut is still aligned whole.
    context_start: array = field(default_factory=lambda: array("i"))
    context_end: array = field(default_factory=lambda: array("i"))
    first: list[int] = field(default_factory=list)  # document index -> its first gid (+ sentinel)

    def of_document(self, d: int) -> range:
        return range(self.first[d], self.first[d + 1])


def candidate_pairs(texts: Sequence[str]) -> tuple[SentenceTable, list[tuple[int, int]]]:
    """Split every text into sentences and return pairs of gids, from different documents,
    that share at least MIN_SHARED shingles, sorted. Work and memory grow with the corpus,
    not its square."""
    table = SentenceTable()
    hashes: list[array] = []  # per document: shingle hashes ...
    owners: list[array] = []  # ... and the gid each occurrence sits in
    for d, text in enumerate(texts):
        table.first.append(len(table.doc))
        h_arr, o_arr = array("q"), array("i")
        for s, e, cs, ce in split_units(text):
            gid = len(table.doc)
            table.doc.append(d)
            table.start.append(s)
            table.end.append(e)
            table.context_start.append(cs)
            table.context_end.append(ce)
            words = sentence_words(text[s:e])
            if len(words) >= SHINGLE:
                # zip builds the 5-word tuples in C; this loop is most of the indexing cost.
                h_arr.extend(map(hash, zip(*(words[i:] for i in range(SHINGLE)))))
                o_arr.extend(repeat(gid, len(words) - SHINGLE + 1))
        hashes.append(h_arr)
        owners.append(o_arr)
    table.first.append(len(table.doc))

    postings = _shared_postings(hashes, owners)
    limit = len(texts) * BOILERPLATE_SHARE if len(texts) > BOILERPLATE_MIN_DOCS else len(texts)
    pairs: Counter[tuple[int, int]] = Counter()
    doc_of = table.doc
    for gids in postings.values():
        docs = {doc_of[g] for g in gids}
        if len(docs) < 2 or len(docs) > limit:
            continue
        _link(gids, doc_of, pairs)
    return table, sorted(p for p, n in pairs.items() if n >= MIN_SHARED)


def _shared_postings(hashes: list[array], owners: list[array]) -> dict[int, list[int]]:
    """Postings (shingle -> gids) for shingles that may occur in two or more documents.

    A first pass counts, per hash bucket, how many documents touch it (a counting filter in one
    bytearray), so the dictionary of postings only ever holds the few shingles that repeat
    across documents, not the millions that occur once."""
    total = sum(len(h) for h in hashes)
    size = 1 << max(16, (total * 8).bit_length())
    mask = size - 1
    counts = bytearray(size)
    for h_arr in hashes:
        for b in {h & mask for h in h_arr}:  # a set: a document counts once per bucket
            if counts[b] < 2:
                counts[b] += 1
    postings: dict[int, list[int]] = {}
    for h_arr, o_arr in zip(hashes, owners):
        for i in [i for i, h in enumerate(h_arr) if counts[h & mask] > 1]:
            h, g = h_arr[i], o_arr[i]
            gids = postings.get(h)
            if gids is None:
                postings[h] = [g]
            elif gids[-1] != g:
                gids.append(g)
    return postings


def _link(gids: list[int], doc_of: array, pairs: Counter) -> None:
    """Pairs to score for one shingle's sentences: each against the first (a star) and against
    its predecessor from another document (a chain). Linear in the posting list; all pairs would
    be quadratic in the number of outlets that carry a popular quote."""
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
