"""Who carries what: the distinct annotated items of each tag, and which documents carry them.

One row per item, grouped as the codebook says of each tag (`groups_by`): "text" by the entity a
span names (store/entities.py), else by normalised name (the default codebook's actors),
"passage" by the shared-passage cluster their spans overlap, else by normalised text (quotes and
claims), "value" by numeric value ("1,000" == "1000": numbers).
A cell holds the annotations of that item in one document. No Textual here.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO

from corpus.align import Cluster

from .formats.csv_format import neutralise
from .records import Annotation

if TYPE_CHECKING:
    from .store import Store


_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
                         "\u02bc": "'", "`": "'", "\u00b4": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
                         "\u00ab": '"', "\u00bb": '"'})
_SPACE = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"(?:'s|(?<=s)')$")
_EDGE_PUNCT = " \t\n\"'.,;:!?()[]{}–—-"
# A thousands separator: a comma, space-like character or apostrophe between a digit and 3 digits.
_SEPARATOR = re.compile(r"(?<=\d)[,'\u00a0\u2009\u202f _](?=\d{3}(?!\d))")
_PERCENT = re.compile(r"\s*(?:%|per\s*cent\b|percent\b)")


@dataclass
class CoverageRow:
    """One distinct item of a tag: its label and, per document id, the annotations carrying it."""

    tag: str
    label: str
    cells: dict[str, list[Annotation]] = field(default_factory=dict)
    key: str = ""  # the normalised key that grouped the annotations (for tests and debugging)

    @property
    def reach(self) -> int:
        """How many documents carry the item."""
        return sum(1 for anns in self.cells.values() if anns)

    def count(self, doc_id: str) -> int:
        return len(self.cells.get(doc_id, ()))

    def first(self, doc_id: str) -> Annotation | None:
        """The earliest annotation of this item in one document, or None."""
        anns = self.cells.get(doc_id)
        return min(anns, key=lambda a: (a.start, -a.end)) if anns else None


@dataclass
class Coverage:
    """Rows of items and the document columns, in import order."""

    documents: list[str]
    rows: list[CoverageRow]


def normalise_name(text: str) -> str:
    """Casefold, straight quotes, whitespace collapsed, surrounding punctuation and possessive 's dropped."""
    key = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    key = _SPACE.sub(" ", key).strip(_EDGE_PUNCT)
    key = _POSSESSIVE.sub("", key)
    return key.strip(_EDGE_PUNCT)


def normalise_number(text: str) -> str:
    """A number's value as written: thousands separators removed, "%"/"per cent" as "%", casefolded."""
    key = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    key = _SPACE.sub(" ", key).strip(" \t\n\"'.,;:!?()[]{}")
    key = _SEPARATOR.sub("", key)
    key = _PERCENT.sub("%", key)
    return key


class _Passages:
    """Cluster members of each document, sorted by start, to find the cluster a span overlaps."""

    def __init__(self, clusters: Iterable[Cluster]) -> None:
        self.by_doc: dict[str, list[tuple[int, int, str]]] = {}
        for cluster in clusters:
            for m in cluster.members:
                self.by_doc.setdefault(m.document_id, []).append((m.start, m.end, cluster.id))
        self.max_len: dict[str, int] = {}
        for doc, spans in self.by_doc.items():
            spans.sort()
            self.max_len[doc] = max(e - s for s, e, _ in spans)

    def cluster_of(self, ann: Annotation) -> str | None:
        """The cluster whose member overlaps the annotation most, or None."""
        spans = self.by_doc.get(ann.document_id)
        if not spans:
            return None
        i = bisect_left(spans, (ann.start - self.max_len[ann.document_id], -1, ""))
        best, best_overlap = None, 0
        while i < len(spans) and spans[i][0] < ann.end:
            s, e, cid = spans[i]
            overlap = min(e, ann.end) - max(s, ann.start)
            if overlap > best_overlap:
                best, best_overlap = cid, overlap
            i += 1
        return best


def _keys(ann: Annotation, passages: _Passages, groupings: Mapping[str, str]) -> list[str]:
    grouping = groupings.get(ann.tag, "text")
    if grouping == "passage":
        keys = [f"text:{normalise_name(ann.text)}"]
        cluster = passages.cluster_of(ann)
        if cluster is not None:
            keys.insert(0, f"cluster:{cluster}")
        return keys
    if grouping == "value":
        return [f"number:{normalise_number(ann.text)}"]
    if ann.entity_id is not None:
        # Linked spans group by their entity alone: "the ambassador" unlinked elsewhere may be
        # someone else, so it keeps its own row.
        return [f"entity:{ann.entity_id}"]
    return [f"name:{normalise_name(ann.text)}"]


def _group(annotations: Iterable[Annotation], passages: _Passages,
           groupings: Mapping[str, str]) -> list[list[Annotation]]:
    """Annotations grouped into items, per tag; groups and members keep the input order.

    Spans of a tag grouped by passage sharing a cluster, or the same normalised text, are one item
    (union-find, so a quote linked to a cluster in one pair of documents and by text in another
    still makes one row)."""
    anns = list(annotations)
    parent = list(range(len(anns)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[tuple[str, str], int] = {}
    for i, ann in enumerate(anns):
        for key in _keys(ann, passages, groupings):
            j = owner.setdefault((ann.tag, key), i)
            if j != i:
                a, b = find(i), find(j)
                if a != b:
                    parent[max(a, b)] = min(a, b)  # the earliest annotation stays the root
    groups: dict[int, list[Annotation]] = {}
    for i, ann in enumerate(anns):
        groups.setdefault(find(i), []).append(ann)
    return list(groups.values())


def build_coverage(store: Store, clusters: Iterable[Cluster], tag: str | None = None) -> Coverage:
    """The coverage matrix of every tag (or only `tag`) over the stored documents.

    Rows are sorted by tag order, then by how many documents carry the item (most first), then label.
    Each row is labelled with the text of its first annotation (in document order, then start),
    or with the name of the entity its spans name.
    """
    from .entities import names

    entity_names = names(store.conn)
    documents = store.document_ids()
    tags = store.tags()
    tag_names = [t.name for t in tags]
    groupings = {t.name: t.groups_by for t in tags}
    annotations = store.annotations(tag=tag) if tag is not None else store.annotations()
    order = {name: i for i, name in enumerate(tag_names)}
    passages = _Passages(clusters)
    rows = []
    for group in _group(annotations, passages, groupings):
        first = group[0]
        key = _keys(first, passages, groupings)[0]
        label = entity_names.get(first.entity_id or "", first.text) if key.startswith("entity:") else first.text
        row = CoverageRow(first.tag, label, {}, key)
        for ann in group:
            row.cells.setdefault(ann.document_id, []).append(ann)
        rows.append(row)
    rows.sort(key=lambda r: (order.get(r.tag, len(order)), r.tag, -r.reach, r.label.casefold(), r.label))
    return Coverage(documents, rows)


def write_coverage_csv(coverage: Coverage, out: TextIO, titles: Mapping[str, str] | None = None) -> int:
    """Write the matrix as RFC 4180 CSV; returns the number of item rows.

    Header: ``tag,item,<document id>...,documents``; a cell is the number of annotations of the
    item in that document (0 when absent); ``documents`` counts the documents carrying it. Columns
    are named by document id (so the file joins with the annotation export's ``document_id``);
    `titles` is accepted for callers that have them and is not written. Text cells that look like
    spreadsheet formulas get a leading ``'`` (as in the annotation CSV export).
    """
    import csv

    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["tag", "item", *(neutralise(d) for d in coverage.documents), "documents"])
    count = 0
    for row in coverage.rows:
        writer.writerow([neutralise(row.tag), neutralise(row.label),
                         *(row.count(d) for d in coverage.documents), row.reach])
        count += 1
    return count


__all__ = ["Coverage", "CoverageRow", "build_coverage", "write_coverage_csv", "normalise_name",
           "normalise_number"]
