"""Relations: typed links between two spans of one document ("this quote was said by that actor").

A relation (table `relations`) goes from a source annotation to a target annotation of the same
document, with a type the codebook defines (`relation_types`: the tags it allows at each end; the
default codebook's `said_by` links a quote or claim to an actor). Every write goes through the
caller's `history.Action`, so adding or deleting one is one undo step, and deleting a span takes
its relations with it in the same step. No Textual here.
"""
from __future__ import annotations

import sqlite3
import uuid
from typing import Any, NamedTuple

from .errors import StoreError, UnknownAnnotationError
from .history import Action
from .records import RelationType


class RelationError(StoreError, ValueError):
    """A relation the codebook does not allow: an unknown type, a tag not allowed at one end,
    two documents, a span linked to itself, the same link twice."""


class Relation(NamedTuple):
    """One typed link from a source span to a target span of the same document."""

    id: str
    document_id: str
    source_id: str
    target_id: str
    type: str
    annotator: str | None
    created: str


class LinkedSpan(NamedTuple):
    """One end of a relation as a listing shows it."""

    id: str
    tag: str
    start: int
    end: int
    text: str


class RelationInfo(NamedTuple):
    """A relation with both of its spans, for lists and the status line."""

    relation: Relation
    source: LinkedSpan
    target: LinkedSpan


RELATION_COLUMNS = Relation._fields
_SELECT = ("SELECT r.id, r.document_id, r.source_id, r.target_id, r.type, r.annotator, r.created, "
           "s.id, s.tag, s.start, s.end, s.text, t.id, t.tag, t.start, t.end, t.text "
           "FROM relations r JOIN annotations s ON s.id = r.source_id JOIN annotations t ON t.id = r.target_id ")
_ORDER = " ORDER BY s.start, s.end DESC, t.start, r.created, r.id"


def _info(row: tuple[Any, ...]) -> RelationInfo:
    return RelationInfo(Relation(*row[:7]), LinkedSpan(*row[7:12]), LinkedSpan(*row[12:17]))


def _types(conn: sqlite3.Connection) -> list[RelationType]:
    from .codebook import relation_types

    return relation_types(conn)


def allowed_types(conn: sqlite3.Connection, source_tag: str, target_tag: str) -> list[RelationType]:
    """The relation types, in codebook order, that may link a `source_tag` span to a `target_tag` span."""
    return [kind for kind in _types(conn) if source_tag in kind.source and target_tag in kind.target]


def target_tags(conn: sqlite3.Connection, source_tag: str) -> set[str]:
    """Every tag a span of `source_tag` may link to, by any type (empty: it starts no relation)."""
    return {tag for kind in _types(conn) if source_tag in kind.source for tag in kind.target}


def _span(conn: sqlite3.Connection, ann_id: str, end: str) -> tuple[str, str, str]:
    row = conn.execute("SELECT document_id, tag, text FROM annotations WHERE id = ?", (ann_id,)).fetchone()
    if row is None:
        raise UnknownAnnotationError(f"no annotation with id {ann_id!r} in the store (the relation's {end})")
    document_id, tag, text = row
    return str(document_id), str(tag), str(text)


def _tags(names: tuple[str, ...]) -> str:
    return " or ".join(names) if names else "(no tag)"


def _a(tag: str) -> str:
    """The tag with its article: "a quote", "an actor"."""
    return f"{'an' if tag[:1].lower() in 'aeiou' else 'a'} {tag}"


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def check(conn: sqlite3.Connection, source_id: str, target_id: str, type_name: str | None) -> tuple[str, str]:
    """The document and the relation type of a link from `source_id` to `target_id`, or the
    RelationError (or UnknownAnnotationError) that says why the codebook does not allow it.
    `type_name` None means the one type the two spans' tags allow."""
    if source_id == target_id:
        raise RelationError("a span cannot be linked to itself: pick another span as the target")
    source_doc, source_tag, source_text = _span(conn, source_id, "source")
    target_doc, target_tag, target_text = _span(conn, target_id, "target")
    if source_doc != target_doc:
        raise RelationError(f"a relation links two spans of one document: the source is in {source_doc!r}, "
                            f"the target in {target_doc!r}")
    types = _types(conn)
    if type_name is None:
        allowed = [kind for kind in types if source_tag in kind.source and target_tag in kind.target]
        if not allowed:
            raise RelationError(f"the codebook has no relation from {_a(source_tag)} to {_a(target_tag)} "
                                f"({_described(types)})")
        if len(allowed) > 1:
            raise RelationError(f"several relation types link {_a(source_tag)} to {_a(target_tag)} "
                                f"({', '.join(kind.name for kind in allowed)}): say which")
        kind = allowed[0]
    else:
        found = next((kind for kind in types if kind.name == type_name), None)
        if found is None:
            known = ", ".join(kind.name for kind in types) or "none"
            raise RelationError(f"unknown relation type {type_name!r}; the codebook's types: {known}")
        kind = found
        if source_tag not in kind.source:
            raise RelationError(f"{kind.name} goes from {_a(_tags(kind.source))}: the source "
                                f"“{_short(source_text)}” is {_a(source_tag)}")
        if target_tag not in kind.target:
            raise RelationError(f"{kind.name} goes to {_a(_tags(kind.target))}: the target "
                                f"“{_short(target_text)}” is {_a(target_tag)}")
    duplicate = conn.execute("SELECT 1 FROM relations WHERE source_id = ? AND target_id = ? AND type = ?",
                             (source_id, target_id, kind.name)).fetchone()
    if duplicate:
        raise RelationError(f"“{_short(source_text)}” is already {kind.name} “{_short(target_text)}”")
    return source_doc, kind.name


def _described(types: list[RelationType]) -> str:
    if not types:
        return "it defines no relation types"
    return "; ".join(f"{kind.name}: {_tags(kind.source)} to {_tags(kind.target)}" for kind in types)


def add(action: Action, source_id: str, target_id: str, type_name: str | None, annotator: str | None) -> Relation:
    """Link two spans of one document with a relation the codebook allows (see check)."""
    document_id, kind = check(action.conn, source_id, target_id, type_name)
    relation = Relation(uuid.uuid4().hex, document_id, source_id, target_id, kind, annotator, action.at)
    action.insert("relations", relation._asdict())
    return relation


def delete(action: Action, relation_id: str) -> Relation:
    """Remove one relation; its spans stay."""
    before = action.delete("relations", relation_id)
    if before is None:
        raise RelationError(f"no relation with id {relation_id!r} in the store")
    return Relation(*(before[column] for column in RELATION_COLUMNS))


def delete_of_annotation(action: Action, ann_id: str) -> int:
    """Remove every relation a span takes part in (before the span goes); how many."""
    ids = [row[0] for row in action.conn.execute(
        "SELECT id FROM relations WHERE source_id = ? OR target_id = ? ORDER BY created, id", (ann_id, ann_id))]
    for relation_id in ids:
        action.delete("relations", relation_id)
    return len(ids)


def listing(conn: sqlite3.Connection, document_id: str | None = None) -> list[RelationInfo]:
    """Relations with both spans, in the order of their sources in the text (of one document, or all)."""
    if document_id is None:
        return [_info(row) for row in conn.execute(_SELECT + _ORDER)]
    return [_info(row) for row in conn.execute(_SELECT + "WHERE r.document_id = ?" + _ORDER, (document_id,))]


def of_annotation(conn: sqlite3.Connection, ann_id: str) -> list[RelationInfo]:
    """The relations a span takes part in, as source or as target."""
    return [_info(row) for row in conn.execute(
        _SELECT + "WHERE r.source_id = ? OR r.target_id = ?" + _ORDER, (ann_id, ann_id))]


def rename_tag_in_types(action: Action, old: str, new: str) -> None:
    """A tag renamed: every relation type naming it at either end names the new name (one step with the rename)."""
    import json

    for kind in _types(action.conn):
        if old in kind.source or old in kind.target:
            source = [new if tag == old else tag for tag in kind.source]
            target = [new if tag == old else tag for tag in kind.target]
            action.update("relation_types", kind.name, source=json.dumps(source, ensure_ascii=False),
                          target=json.dumps(target, ensure_ascii=False))


def usage(conn: sqlite3.Connection) -> dict[str, int]:
    """How many relations use each relation type (types no relation uses are absent)."""
    return {str(name): int(count) for name, count in conn.execute("SELECT type, COUNT(*) FROM relations GROUP BY type")}
