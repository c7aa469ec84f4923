"""Passages that two or more documents share, verbatim or nearly, as clusters of exact spans.

How it works (cost about linear in corpus size):

1. Every document is split into sentences (``corpus.sentences``; overlong ones cut into windows
   of at most 400 characters so scoring never goes quadratic on a line without full stops).
2. Each sentence's words are folded for matching (``corpus.matchtext``: case, curly/straight
   quotes, dashes, apostrophes, accents, whitespace) and hashed as 5-word shingles; sentences
   from different documents that share two shingles become candidate pairs, found through a
   shingle index, never by comparing documents pairwise (``corpus.align_index``).
3. Each candidate pair is aligned word by word; the best shared region (small gaps allowed) is
   trimmed to words and scored as the lower of ``rapidfuzz.fuzz.ratio`` on its normalised text
   and the same similarity over words: >= 90 is "shared", 70-90 "similar", below is dropped
   (``corpus.align_score``). A changed attribution tail falls outside the region instead of
   dragging the score down.
4. Matched regions are joined by union-find into clusters; regions of one sentence count as one
   only when they mostly overlap, so a shared attribution tail does not chain two quotes. The
   same holds across the windows of an overlong sentence (their margins overlap, so a passage
   straddling a cut is found from both), and no span of a document is listed by two clusters.
   A cluster may hold several members from one document when that document repeats the passage
   in distinct sentences: the reader marks every occurrence; ``reach`` counts distinct
   documents. The cluster's score is the lowest score among the matches that joined it, so
   "shared" means every link is near-verbatim.

Every offset is a code point into the given text; ``texts[doc][start:end] == passage.text``.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from corpus.align_index import candidate_pairs
from corpus.align_score import SHARED, Words, score_pair
from corpus.matchtext import normalise
from corpus.sentences import split_sentences

__all__ = [
    "Passage", "Cluster", "Overlap", "find_passages", "document_overlap", "token_diff",
    "passages_for", "unique_spans", "Match", "cluster_matches",
]


@dataclass(frozen=True)
class Passage:
    """A span of one document (code points, end exclusive) and its exact text."""

    document_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Cluster:
    """One passage as it appears across documents."""

    id: str
    members: tuple[Passage, ...]
    score: float  # 0-100: the weakest match that joined the cluster
    kind: Literal["shared", "similar"]
    # One source's footer or sign-up line rather than reporting (corpus.boilerplate's rule);
    # set where sources are known, so always False from texts alone.
    boilerplate: bool = False

    @property
    def reach(self) -> int:
        """How many distinct documents carry the passage."""
        return len({m.document_id for m in self.members})

    @property
    def text(self) -> str:
        return self.members[0].text


@dataclass(frozen=True)
class Overlap:
    """How much of one document also appears elsewhere, and where."""

    document_id: str
    shared_chars: int
    length: int
    share: float  # shared_chars / length, 0..1
    with_documents: dict[str, int] = field(default_factory=dict)  # other doc -> chars shared with it


def find_passages(texts: Mapping[str, str], sources: Mapping[str, str | None] | None = None) -> list[Cluster]:
    """Clusters of passages found in two or more of the texts, by reach, score, then position.
    With `sources` (document id -> source), clusters are marked as boilerplate by corpus.boilerplate."""
    if sources is not None:
        from corpus.boilerplate import mark_boilerplate

        return mark_boilerplate(find_passages(texts), sources)
    ids = list(texts)
    bodies = [texts[i] for i in ids]
    table, pairs = candidate_pairs(bodies)
    words: dict[int, Words] = {}

    def words_of(g: int) -> Words:
        w = words.get(g)
        if w is None:
            w = words[g] = Words(bodies[table.doc[g]], table.context_start[g], table.context_end[g])
        return w

    doc_of = table.doc
    last_use = {g: i for i, pair in enumerate(pairs) for g in pair}
    matches = []
    for i, (a, b) in enumerate(pairs):
        found = score_pair(bodies[doc_of[a]], words_of(a), bodies[doc_of[b]], words_of(b))
        for g in (a, b):
            if last_use[g] == i:  # a sentence's words are dropped after its last pair
                del words[g]
        if found is not None:
            matches.append(Match(a, b, doc_of[a], doc_of[b], *found))
    return cluster_matches(ids, matches, bodies.__getitem__)


@dataclass(frozen=True)
class Match:
    """A scored pair of sentences: keys a < b in corpus order (gids, or any orderable keys such
    as (document index, unit)), their documents' indexes, and the shared region in each."""

    a: object
    b: object
    a_doc: int
    b_doc: int
    score: float
    a_span: tuple[int, int]
    b_span: tuple[int, int]


def cluster_matches(ids: Sequence[str], matches: Iterable[Match],
                    text_of: Callable[[int], str]) -> list[Cluster]:
    """Clusters from scored pairs; ids are the documents in corpus order, text_of(index) a
    document's text (called once per document, in ascending index order). Matches must
    come sorted by (a, b): regions grow in that order, so the same matches in the same order
    give the same clusters, however they were found."""
    # Union-find runs over regions, not sentences: one sentence can hold a quote shared with
    # some outlets and, apart from it, an attribution tail shared with others ("..., the
    # ambassador said in a statement on Monday."); joining by sentence would chain the two
    # passages into one cluster. Regions of one sentence are one node only where they mostly
    # overlap (see _same_region): a tail inside a sentence-long region stays its own passage.
    parent: list[int] = []
    node_doc: list[int] = []
    node_span: list[list[int]] = []
    regions: dict[object, list[int]] = {}

    def find(n: int) -> int:
        root = n
        while parent[root] != root:
            root = parent[root]
        while parent[n] != root:  # path compression keeps later finds flat
            parent[n], n = root, parent[n]
        return root

    def node_for(g: object, d: int, span: tuple[int, int]) -> int:
        for n in regions.setdefault(g, []):
            old = node_span[n]
            if _same_region(old, span):
                old[0], old[1] = min(old[0], span[0]), max(old[1], span[1])
                return n
        parent.append(len(parent))
        node_doc.append(d)
        node_span.append(list(span))
        regions[g].append(len(parent) - 1)
        return len(parent) - 1

    edges: list[tuple[int, float]] = []  # (one end, score), to take each cluster's weakest link
    for m in matches:
        na, nb = node_for(m.a, m.a_doc, m.a_span), node_for(m.b, m.b_doc, m.b_span)
        parent[find(na)] = find(nb)
        edges.append((na, m.score))

    def join(a: int, b: int) -> None:
        parent[find(b)] = find(a)

    # Regions that grew into each other are one passage, and so are regions of one document
    # found from neighbouring units: the windows of an overlong sentence are scored with their
    # neighbours' margins, so a passage straddling a cut is matched once from each window, as
    # the same span. Joining only regions of one unit left those as two clusters with one id.
    _join_same_regions(node_doc, node_span, join)
    spans_of = _member_spans(len(parent), find, node_doc, node_span)
    while _join_repeated_spans(spans_of, join):  # rare: spans that become equal only once merged
        spans_of = _member_spans(len(parent), find, node_doc, node_span)
    weakest: dict[int, float] = {}
    for n, score in edges:
        root = find(n)
        weakest[root] = min(score, weakest.get(root, 100.0))

    # Each document's text is asked for once, in ascending order, so a caller can stream texts
    # from a database instead of holding the whole corpus.
    spans_by_doc: dict[int, list[tuple[int, int]]] = {}
    for spans in spans_of.values():
        for d, s, e in spans:
            spans_by_doc.setdefault(d, []).append((s, e))
    piece: dict[tuple[int, int, int], str] = {}
    for d in sorted(spans_by_doc):
        text = text_of(d)
        for s, e in spans_by_doc[d]:
            piece[(d, s, e)] = text[s:e]
    del spans_by_doc

    clusters: list[tuple[int, Cluster]] = []  # (first member's document index, cluster)
    for root, spans in spans_of.items():
        members = tuple(Passage(ids[d], s, e, piece[(d, s, e)]) for d, s, e in spans)
        score = weakest[root]
        kind: Literal["shared", "similar"] = "shared" if score >= SHARED else "similar"
        clusters.append((spans[0][0], Cluster(_cluster_id(members), members, score, kind)))
    clusters.sort(key=lambda dc: (-dc[1].reach, -dc[1].score, dc[0], dc[1].members[0].start))
    return [c for _, c in clusters]


def _join_same_regions(node_doc: Sequence[int], node_span: Sequence[list[int]],
                       join: Callable[[int, int], None]) -> None:
    """Join every two regions of one document that are the same passage (see _same_region),
    whichever units found them: a sweep by start, comparing each region with the open ones."""
    order = sorted(range(len(node_doc)), key=lambda n: (node_doc[n], node_span[n][0], node_span[n][1]))
    doc: int | None = None
    open_nodes: list[int] = []
    for n in order:
        start = node_span[n][0]
        if node_doc[n] != doc:
            doc, open_nodes = node_doc[n], []
        open_nodes = [o for o in open_nodes if node_span[o][1] > start]
        for o in open_nodes:
            if _same_region(node_span[o], node_span[n]):
                join(o, n)
        open_nodes.append(n)


def _member_spans(count: int, find: Callable[[int], int], node_doc: Sequence[int],
                  node_span: Sequence[list[int]]) -> dict[int, list[tuple[int, int, int]]]:
    """Each cluster's member spans (doc, start, end), overlaps merged, by its root node."""
    groups: dict[int, list[int]] = {}
    for n in range(count):
        groups.setdefault(find(n), []).append(n)
    return {root: _merge_overlaps((node_doc[n], node_span[n][0], node_span[n][1]) for n in nodes)
            for root, nodes in groups.items()}


def _join_repeated_spans(spans_of: Mapping[int, list[tuple[int, int, int]]],
                         join: Callable[[int, int], None]) -> bool:
    """Join clusters that list the very same span of a document: one span is one passage, so
    it is never reported twice (and two clusters never share an id). True if any were joined."""
    owner: dict[tuple[int, int, int], int] = {}
    joined = False
    for root, spans in spans_of.items():
        for span in spans:
            first = owner.setdefault(span, root)
            if first != root:
                join(first, root)
                joined = True
    return joined


def _same_region(a: Sequence[int], b: Sequence[int]) -> bool:
    """Two spans of one sentence are the same passage when their overlap is at least half of
    the longer: a re-trimmed quote is, an attribution tail inside a whole-sentence match is not."""
    overlap = min(a[1], b[1]) - max(a[0], b[0])
    return overlap * 2 >= max(a[1] - a[0], b[1] - b[0])


def _merge_overlaps(spans: Iterable[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """(doc, start, end) sorted, with overlapping spans of one document joined: neighbouring
    windows of an overlong sentence can both match the passage that straddles their cut."""
    merged: list[list[int]] = []
    for d, s, e in sorted(spans):
        if merged and merged[-1][0] == d and s < merged[-1][2]:
            merged[-1][2] = max(merged[-1][2], e)
        else:
            merged.append([d, s, e])
    return [(d, s, e) for d, s, e in merged]


def _cluster_id(members: Iterable[Passage]) -> str:
    """Stable across runs and orderings: a digest of the sorted member keys."""
    keys = sorted(f"{m.document_id}\x00{m.start}\x00{m.end}" for m in members)
    return hashlib.sha1("\n".join(keys).encode("utf-8")).hexdigest()[:12]


def passages_for(document_id: str, clusters: Iterable[Cluster]) -> list[tuple[Passage, Cluster]]:
    """This document's passages with their clusters, by position (for marking and jumping)."""
    found = [(m, c) for c in clusters for m in c.members if m.document_id == document_id]
    found.sort(key=lambda pc: (pc[0].start, pc[0].end))
    return found


def unique_spans(document_id: str, text: str, clusters: Iterable[Cluster]) -> list[tuple[int, int]]:
    """Sentence spans of this document that overlap no passage found elsewhere."""
    covered = _union((m.start, m.end) for m, _ in passages_for(document_id, clusters))
    spans, i = [], 0
    for s, e in split_sentences(text):
        while i < len(covered) and covered[i][1] <= s:
            i += 1
        if i < len(covered) and covered[i][0] < e:
            continue
        spans.append((s, e))
    return spans


def document_overlap(clusters: Iterable[Cluster], texts: Mapping[str, str]) -> dict[str, Overlap]:
    """For every document: how many of its characters also appear elsewhere, and with whom."""
    by_doc: dict[str, list[tuple[Passage, Cluster]]] = {}
    for cluster in clusters:  # one pass over the members, not one per document
        for member in cluster.members:
            by_doc.setdefault(member.document_id, []).append((member, cluster))
    result = {}
    for doc, text in texts.items():
        mine = sorted(by_doc.get(doc, ()), key=lambda pc: (pc[0].start, pc[0].end))  # as passages_for
        shared = _covered(_union((m.start, m.end) for m, _ in mine))
        per_doc: dict[str, list[tuple[int, int]]] = {}
        for m, c in mine:
            for other in {o.document_id for o in c.members} - {doc}:
                per_doc.setdefault(other, []).append((m.start, m.end))
        with_docs = {o: _covered(_union(spans)) for o, spans in sorted(per_doc.items())}
        length = len(text)
        result[doc] = Overlap(doc, shared, length, shared / length if length else 0.0, with_docs)
    return result


def _union(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return [(s, e) for s, e in merged]


def _covered(spans: list[tuple[int, int]]) -> int:
    return sum(e - s for s, e in spans)


# A word or a punctuation mark with the whitespace after it: spaces never align on their own,
# so "said Smith" -> "the minister told reporters" stays one deletion and one insertion.
_TOKEN_RE = re.compile(r"^\s+|(?:\w+|[^\w\s])\s*")


def token_diff(a: str, b: str) -> list[tuple[str, str]]:
    """Word-and-punctuation diff of a against b as ("equal" | "delete" | "insert", text) ops.

    Tokens compare after matching normalisation, so curly vs straight quotes, dashes and case do
    not count as changes; "equal" text is a's spelling. Joining the equal and delete texts gives
    a back exactly; joining equal and insert gives b up to that normalisation."""
    import difflib

    ta, tb = _TOKEN_RE.findall(a), _TOKEN_RE.findall(b)
    ka = [normalise(t) for t in ta]  # trailing whitespace is stripped, so spacing never differs
    kb = [normalise(t) for t in tb]
    ops: list[tuple[str, str]] = []

    def emit(kind: str, text: str) -> None:
        if not text:
            return
        if ops and ops[-1][0] == kind:
            ops[-1] = (kind, ops[-1][1] + text)
        else:
            ops.append((kind, text))

    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, ka, kb, autojunk=False).get_opcodes():
        if tag == "equal":
            emit("equal", "".join(ta[i1:i2]))
            continue
        emit("delete", "".join(ta[i1:i2]))
        emit("insert", "".join(tb[j1:j2]))
    return ops
