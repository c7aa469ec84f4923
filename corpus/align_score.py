"""Score one pair of sentences: the region they share, trimmed to words, and how alike it reads."""
from __future__ import annotations

import sys
from array import array

from corpus.matchtext import normalise, word_spans

SHARED = 90.0  # a pair scoring at least this reads as the same passage
SIMILAR = 70.0  # at least this: the same passage reworded; below, not reported
MAX_GAP = 3  # words either side may differ inside one region ("a senior [US] State Department")
# A shared region shorter than this is a stock phrase ("ambassador to Germany Richard A. Grenell"), not a passage.
MIN_WORDS = 7
ANCHOR_RUN = 4  # the longest exact run of words a region must contain
MIN_CHARS = 16  # seven words of CJK are seven characters; this only stops runs of one-letter words


class Words:
    """Folded words of one sentence with their original offsets, cached across its pairs."""

    __slots__ = ("keys", "starts", "ends", "span")

    def __init__(self, text: str, start: int, end: int) -> None:
        spans = word_spans(text, start, end)
        # Compact: a corpus of 40,000 articles keeps tens of thousands of these alive at once;
        # interned keys share one string per folded word, offsets are 4 bytes, not an int object.
        intern = sys.intern
        self.keys = [intern(w) for w, _, _ in spans]
        self.starts = array("i", [s for _, s, _ in spans])
        self.ends = array("i", [e for _, _, e in spans])
        self.span = (start, end)

    def region(self, i: int, j: int) -> tuple[int, int]:
        """Offsets of words i..j-1; a region reaching the first or last word takes the
        sentence's own edge, so an opening quote mark or the closing full stop comes along."""
        start = self.span[0] if i == 0 else self.starts[i]
        end = self.span[1] if j == len(self.keys) else self.ends[j - 1]
        return start, end


def score_pair(text_a: str, wa: Words, text_b: str, wb: Words) -> tuple[float, tuple[int, int], tuple[int, int]] | None:
    """The best shared region of two sentences as (score, span in a, span in b), or None.

    Word-level alignment (LCS) finds runs of equal words; runs separated by small gaps on both
    sides merge into one region, so a changed word inside a quote stays in, while a different
    attribution tail ("said Smith" / "the minister told reporters") falls away. The region, not
    the whole sentence, is what is scored and reported."""
    from rapidfuzz import fuzz
    from rapidfuzz.distance import Indel, LCSseq

    # Lone common words ("the", "said") match between any two sentences; only runs of two or
    # more words build a region, and it must hold a real run (the anchor) of ANCHOR_RUN words.
    blocks = [b for b in LCSseq.opcodes(wa.keys, wb.keys).as_matching_blocks() if b.size >= 2]
    best = None  # [matched words, a_from, a_to, b_from, b_to, longest run]
    cur = None
    for blk in blocks:
        if cur and blk.a - cur[2] <= MAX_GAP and blk.b - cur[4] <= MAX_GAP:
            cur = [cur[0] + blk.size, cur[1], blk.a + blk.size, cur[3], blk.b + blk.size, max(cur[5], blk.size)]
        else:
            cur = [blk.size, blk.a, blk.a + blk.size, blk.b, blk.b + blk.size, blk.size]
        if best is None or cur[0] > best[0]:
            best = list(cur)
    if best is None or best[0] < MIN_WORDS or best[5] < ANCHOR_RUN:
        return None
    _, a_from, a_to, b_from, b_to, _ = best
    a_span = wa.region(a_from, a_to)
    b_span = wb.region(b_from, b_to)
    na = normalise(text_a[a_span[0]:a_span[1]])
    nb = normalise(text_b[b_span[0]:b_span[1]])
    if min(len(na), len(nb)) < MIN_CHARS:
        return None
    # The lower of the character-level and the word-level similarity: characters forgive a
    # respelt word, words refuse two different sentences that merely share common words.
    by_words = Indel.normalized_similarity(wa.keys[a_from:a_to], wb.keys[b_from:b_to]) * 100
    score = min(fuzz.ratio(na, nb), by_words)
    if score < SIMILAR:
        return None
    return round(score, 1), a_span, b_span
