"""Immutable records the store hands out: documents, annotations, tags and undo/redo changes.

NamedTuples rather than frozen dataclasses, for start-up: see corpus/document.py. For the same
reason the annotations are not postponed (`from __future__ import annotations`): NamedTuple compiles
every string annotation, 0.1 ms each.
"""
import json
from datetime import UTC
from typing import Any, NamedTuple

from corpus.document import StyleSpan

# Column order of the annotations table, of Annotation, and of every export.
ANNOTATION_COLUMNS = (
    "id", "document_id", "tag", "start", "end", "text",
    "prefix", "suffix", "note", "annotator", "created", "updated",
)
# The order of every annotation listing and export (`a` annotations joined with `d` documents):
# document import order, then start, outer spans before the spans nested in them.
ANNOTATION_ORDER = "ORDER BY d.position, a.start, a.end DESC, a.created, a.id"


class Annotation(NamedTuple):
    """One tagged span: `text == document.text[start:end]` (code points, end exclusive)."""

    id: str
    document_id: str
    tag: str
    start: int
    end: int
    text: str
    prefix: str
    suffix: str
    note: str
    annotator: str | None
    created: str
    updated: str

    @classmethod
    def from_row(cls, row: tuple[Any, ...]) -> "Annotation":
        """Build from a row selected in ANNOTATION_COLUMNS order."""
        return cls(*row)

    def to_dict(self) -> dict[str, Any]:
        """The annotation as a plain dict, in column order."""
        return self._asdict()


class StoredDocument(NamedTuple):
    """A document as kept in the store, with the text every offset refers to."""

    id: str
    title: str | None
    source: str | None
    url: str | None
    date: str | None
    text: str
    sha256: str
    imported: str
    format: str | None
    styles: tuple[StyleSpan, ...] = ()


class DocumentInfo(NamedTuple):
    """A document's metadata for listings: no text, but its length and annotation counts."""

    id: str
    title: str | None
    source: str | None
    url: str | None
    date: str | None
    length: int
    imported: str
    counts: dict[str, int]  # annotations per tag name


class Tag(NamedTuple):
    """A tag of the codebook: its key binding, display colour (hex), definition, and how
    coverage groups its items: "passage" (by shared passage, else text), "value" (numbers by
    value) or "text" (by normalised text)."""

    name: str
    key: str | None
    colour: str | None
    description: str = ""
    groups_by: str = "text"


class RelationType(NamedTuple):
    """A type of link a codebook allows between spans, from a source tag to a target tag."""

    name: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    description: str = ""


class Change(NamedTuple):
    """What undo() or redo() just did, so the reader can update its view.

    kind: the original change, "create" | "delete" | "note" | "move".
    annotation: the annotation as it is now, or as it was if the step removed it.
    exists: whether the annotation is in the store after this step.
    undone: True for an undo, False for a redo.
    seq: the history row that was applied.
    """

    kind: str
    annotation: Annotation
    document_id: str
    undone: bool
    exists: bool
    seq: int


def styles_to_json(styles: tuple[StyleSpan, ...] | list[StyleSpan]) -> str:
    """Styles as compact JSON [[start, end, style], ...]."""
    return json.dumps([[s.start, s.end, s.style] for s in styles], ensure_ascii=False)


def styles_from_json(value: str | None) -> tuple[StyleSpan, ...]:
    """Inverse of styles_to_json; NULL or empty gives no styles."""
    if not value:
        return ()
    return tuple(StyleSpan(int(a), int(b), str(c)) for a, b, c in json.loads(value))


def annotation_to_json(ann: Annotation | None) -> str | None:
    """An annotation row as JSON for the history table (None stays NULL)."""
    return None if ann is None else json.dumps(ann.to_dict(), ensure_ascii=False)


def annotation_from_json(value: str | None) -> Annotation | None:
    """Inverse of annotation_to_json."""
    if value is None:
        return None
    data = json.loads(value)
    return Annotation(*(data[c] for c in ANNOTATION_COLUMNS))


def utc_now() -> str:
    """Now as ISO 8601 UTC with milliseconds and a 'Z', e.g. 2025-01-31T12:00:00.000Z."""
    from datetime import datetime

    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class SpanRef(NamedTuple):
    """Where an annotation is and what tag it has: all a pane needs to draw it, cheap to load in bulk."""

    id: str
    start: int
    end: int
    tag: str
