"""Immutable records the store hands out: documents, annotations, tags and undo/redo changes.

NamedTuples rather than frozen dataclasses, for start-up: see corpus/document.py. For the same
reason the annotations are not postponed (`from __future__ import annotations`): NamedTuple compiles
every string annotation, 0.1 ms each.
"""
import json
from datetime import UTC
from typing import Any, NamedTuple

from corpus.document import StyleSpan

# Column order of the annotations table and of Annotation. Schema 6 added the last three.
ANNOTATION_COLUMNS = (
    "id", "document_id", "tag", "start", "end", "text",
    "prefix", "suffix", "note", "annotator", "created", "updated",
    "updated_by", "attributes", "entity_id",
)
# The columns every export has carried since schema 1 (store/formats adds the newer ones it exports).
CORE_ANNOTATION_COLUMNS = ANNOTATION_COLUMNS[:12]
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
    updated_by: str | None = None  # who changed it last (annotator: who made it)
    attributes: str = "{}"  # JSON object of the codebook's attributes for its tag
    entity_id: str | None = None  # the entity an actor span names (entities.id)

    @classmethod
    def from_row(cls, row: tuple[Any, ...]) -> "Annotation":
        """Build from a row selected in ANNOTATION_COLUMNS order."""
        return cls(*row)

    @classmethod
    def from_dict(cls, values: "Row") -> "Annotation":
        """Build from a column -> value dict (a history row); columns it lacks take their defaults."""
        return cls(**{column: values[column] for column in ANNOTATION_COLUMNS if column in values})

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


class Choice(NamedTuple):
    """One value an attribute may take, and the key that picks it in the attribute form."""

    value: str
    key: str


class AttributeDef(NamedTuple):
    """An attribute a tag's annotations carry: one of its choices, or free text when it has none."""

    name: str
    choices: tuple[Choice, ...] = ()
    description: str = ""

    def to_dict(self) -> dict[str, Any]:
        """As tags.attributes keeps it (one item of a JSON list)."""
        return {"name": self.name, "choices": [{"value": c.value, "key": c.key} for c in self.choices],
                "description": self.description}

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> "AttributeDef":
        """Inverse of to_dict."""
        choices = tuple(Choice(str(c["value"]), str(c["key"])) for c in values.get("choices", []))
        return cls(str(values["name"]), choices, str(values.get("description", "")))


def attributes_to_json(definitions: "tuple[AttributeDef, ...]") -> str:
    """A tag's attribute definitions as tags.attributes stores them."""
    return json.dumps([d.to_dict() for d in definitions], ensure_ascii=False)


def attributes_from_json(value: str | None) -> "tuple[AttributeDef, ...]":
    """Inverse of attributes_to_json; NULL, '' or a value that is not a JSON list give none."""
    try:
        loaded = json.loads(value or "[]")
    except ValueError:
        return ()
    if not isinstance(loaded, list):
        return ()
    return tuple(AttributeDef.from_dict(item) for item in loaded if isinstance(item, dict) and "name" in item)


class Tag(NamedTuple):
    """A tag of the codebook: its key binding, display colour (hex), definition, how coverage
    groups its items ("passage": by shared passage, else text; "value": numbers by value; "text":
    by normalised text), and the attributes its annotations carry."""

    name: str
    key: str | None
    colour: str | None
    description: str = ""
    groups_by: str = "text"
    attributes: tuple[AttributeDef, ...] = ()


class RelationType(NamedTuple):
    """A type of link a codebook allows between spans, from a source tag to a target tag."""

    name: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    description: str = ""


Row = dict[str, Any]  # a table row as column -> value, as the undo log keeps it


class RowChange(NamedTuple):
    """One row an action touched: as it was before the action and after it (None: absent)."""

    table: str
    row_id: str
    before: Row | None
    after: Row | None


class Change(NamedTuple):
    """What undo() or redo() just did, so the reader can update its views.

    kind: the action, e.g. "create" | "delete" | "note" | "move" | "relate" | "codebook".
    annotation: the first annotation it touched, as it is now (or as it was if the step removed
        it); None for an action that touched no annotation (a codebook edit).
    exists: whether that annotation is in the store after this step.
    undone: True for an undo, False for a redo.
    seq: the action that was applied.
    rows: every row the action touched, as the action made them (before -> after).
    """

    kind: str
    annotation: Annotation | None
    document_id: str | None
    undone: bool
    exists: bool
    seq: int
    rows: tuple[RowChange, ...] = ()

    def annotations(self) -> list[tuple[Annotation, bool]]:
        """Each annotation the step touched, as it is now (or was), and whether it exists now."""
        seen: dict[str, tuple[Annotation, bool]] = {}
        # After an undo a row is as its first change found it; after a redo, as its last one left it.
        for change in (self.rows if self.undone else reversed(self.rows)):
            if change.table != "annotations" or change.row_id in seen:
                continue
            now, then = (change.before, change.after) if self.undone else (change.after, change.before)
            shown = now if now is not None else then
            if shown is not None:
                seen[change.row_id] = (Annotation.from_dict(shown), now is not None)
        return list(seen.values())

    def documents(self) -> set[str]:
        """The documents whose rows the step touched (annotations, relations, progress)."""
        found = set()
        for change in self.rows:
            for values in (change.before, change.after):
                if values is not None and isinstance(values.get("document_id"), str):
                    found.add(values["document_id"])
        return found


def styles_to_json(styles: tuple[StyleSpan, ...] | list[StyleSpan]) -> str:
    """Styles as compact JSON [[start, end, style], ...]."""
    return json.dumps([[s.start, s.end, s.style] for s in styles], ensure_ascii=False)


def styles_from_json(value: str | None) -> tuple[StyleSpan, ...]:
    """Inverse of styles_to_json; NULL or empty gives no styles."""
    if not value:
        return ()
    return tuple(StyleSpan(int(a), int(b), str(c)) for a, b, c in json.loads(value))


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
