"""Entities: one canonical name for the spans that name the same actor, and fuzzy offers of names.

An entity (table `entities`) is a name such as "Richard A. Grenell"; an annotation names it
through `annotations.entity_id`. Only spans of tags grouped by name (`groups_by = "text"`, the
default codebook's actors) take an entity: coverage groups those by entity, and an entity on a
quote (grouped by passage) or a number (by value) would mean nothing anywhere. Every write here
goes through the caller's `history.Action`, so each is one undo step. No Textual here.
"""
from __future__ import annotations

import sqlite3
import uuid
from typing import NamedTuple

from .coverage import normalise_name
from .errors import StoreError, UnknownAnnotationError
from .history import Action

# An entity is offered for a text when its score (0-100, see score()) reaches this.
OFFER_SCORE = 60.0
# The score of a shared surname (the last word, 3+ letters): "Dick Grenell" and "Richard A.
# Grenell" share only that, yet a researcher wants it offered; below a whole-name match.
SURNAME_SCORE = 80.0
MAX_NAME_CHARS = 200


class EntityError(StoreError, ValueError):
    """An entity that cannot be made or linked: an empty name, a span of a tag not grouped by name."""


class Entity(NamedTuple):
    """A canonical name that spans can be linked to."""

    id: str
    name: str
    annotator: str | None
    created: str


class EntityCount(NamedTuple):
    """An entity with how many spans name it, in how many documents."""

    entity: Entity
    spans: int
    documents: int


class Offer(NamedTuple):
    """An entity offered for a text, with its score (100: the same name)."""

    entity: Entity
    score: float
    spans: int


def _tokens(key: str) -> list[str]:
    return [token.strip(".,'\"") for token in key.split() if token.strip(".,'\"")]


def score(text: str, name: str) -> float:
    """How well `text` names the entity `name`, 0-100: the better of rapidfuzz's token-set ratio
    over the normalised names (a subset of the name's words scores 100: "Grenell" for "Richard A.
    Grenell") and SURNAME_SCORE when both end in the same word of 3 or more letters."""
    from rapidfuzz import fuzz

    query, target = normalise_name(text), normalise_name(name)
    if not query or not target:
        return 0.0
    if query == target:
        return 100.0
    best = float(fuzz.token_set_ratio(query, target))
    query_words, target_words = _tokens(query), _tokens(target)
    if query_words and target_words and query_words[-1] == target_words[-1] and len(query_words[-1]) >= 3:
        best = max(best, SURNAME_SCORE)
    return best


def _entity(row: tuple[str, str, str | None, str]) -> Entity:
    return Entity(*row)


def get(conn: sqlite3.Connection, entity_id: str) -> Entity | None:
    """One entity, or None."""
    row = conn.execute("SELECT id, name, annotator, created FROM entities WHERE id = ?", (entity_id,)).fetchone()
    return None if row is None else _entity(row)


def listing(conn: sqlite3.Connection) -> list[EntityCount]:
    """Every entity with its spans' and documents' counts, most spans first, then by name."""
    rows = conn.execute(
        "SELECT e.id, e.name, e.annotator, e.created, COUNT(a.id), COUNT(DISTINCT a.document_id) "
        "FROM entities e LEFT JOIN annotations a ON a.entity_id = e.id "
        "GROUP BY e.id ORDER BY COUNT(a.id) DESC, e.name, e.id")
    return [EntityCount(_entity(row[:4]), row[4], row[5]) for row in rows]


def names(conn: sqlite3.Connection) -> dict[str, str]:
    """Every entity's name by id (coverage labels its rows with them)."""
    return dict(conn.execute("SELECT id, name FROM entities"))


def offers(conn: sqlite3.Connection, text: str, limit: int | None = None) -> list[Offer]:
    """Every entity, best match for `text` first (then most spans, then name); those scoring at
    least OFFER_SCORE are the offers (`Offer.score`). A few thousand entities score in
    milliseconds."""
    scored = [Offer(counted.entity, score(text, counted.entity.name), counted.spans) for counted in listing(conn)]
    scored.sort(key=lambda offer: (-offer.score, -offer.spans, offer.entity.name.casefold(), offer.entity.id))
    return scored if limit is None else scored[:limit]


def of_annotation(conn: sqlite3.Connection, ann_id: str) -> Entity | None:
    """The entity an annotation names, or None."""
    row = conn.execute("SELECT e.id, e.name, e.annotator, e.created FROM annotations a "
                       "JOIN entities e ON e.id = a.entity_id WHERE a.id = ?", (ann_id,)).fetchone()
    return None if row is None else _entity(row)


def grouped_by_name(conn: sqlite3.Connection) -> set[str]:
    """The tags whose spans can name an entity: those the codebook groups by name."""
    return {name for (name,) in conn.execute("SELECT name FROM tags WHERE groups_by = 'text'")}


def check_name(name: object) -> str:
    """The name cleaned of surrounding and repeated white space, or EntityError."""
    if not isinstance(name, str):
        raise TypeError(f"an entity name must be a str, got {type(name).__name__}")
    cleaned = " ".join(name.split())
    if not cleaned:
        raise EntityError("an entity needs a name: this one is empty or only white space")
    if len(cleaned) > MAX_NAME_CHARS:
        raise EntityError(f"an entity name is at most {MAX_NAME_CHARS} characters; this one has {len(cleaned)}")
    return cleaned


def create(action: Action, name: str, annotator: str | None) -> Entity:
    """A new entity named `name` (white space tidied); two entities may share a name."""
    entity = Entity(uuid.uuid4().hex, check_name(name), annotator, action.at)
    action.insert("entities", entity._asdict())
    return entity


def _linkable(action: Action, ann_id: str) -> tuple[str, str | None]:
    """The annotation's tag and current entity, or an error saying why it cannot take one."""
    row = action.conn.execute("SELECT tag, entity_id FROM annotations WHERE id = ?", (ann_id,)).fetchone()
    if row is None:
        raise UnknownAnnotationError(f"no annotation with id {ann_id!r} in the store")
    tag, current = row
    if tag not in grouped_by_name(action.conn):
        raise EntityError(f"a {tag} span cannot name an entity: only spans of tags grouped by name "
                          "(groups_by = \"text\" in the codebook, as actor is) can")
    return tag, current


def link(action: Action, ann_id: str, entity_id: str, by: str | None) -> Entity:
    """Make an annotation name an entity (replacing any other it named)."""
    _, current = _linkable(action, ann_id)
    entity = get(action.conn, entity_id)
    if entity is None:
        raise EntityError(f"no entity with id {entity_id!r}")
    if current != entity_id:
        action.update("annotations", ann_id, entity_id=entity_id, updated=action.at, updated_by=by)
    return entity


def create_and_link(action: Action, ann_id: str, name: str, annotator: str | None) -> Entity:
    """A new entity and the annotation naming it, in the caller's one action."""
    _linkable(action, ann_id)  # refused before the entity is made
    entity = create(action, name, annotator)
    return link(action, ann_id, entity.id, annotator)


def unlink(action: Action, ann_id: str, by: str | None) -> Entity | None:
    """Make an annotation name no entity; the entity it named (kept, with its other spans), or None."""
    row = action.conn.execute("SELECT entity_id FROM annotations WHERE id = ?", (ann_id,)).fetchone()
    if row is None:
        raise UnknownAnnotationError(f"no annotation with id {ann_id!r} in the store")
    if row[0] is None:
        return None
    entity = get(action.conn, row[0])
    action.update("annotations", ann_id, entity_id=None, updated=action.at, updated_by=by)
    return entity



class EntityNameTakenError(EntityError):
    """A rename to the name of another entity: merge into that one instead (`other`)."""

    def __init__(self, message: str, other: Entity) -> None:
        super().__init__(message)
        self.other = other


def _existing(action: Action, entity_id: str) -> Entity:
    entity = get(action.conn, entity_id)
    if entity is None:
        raise EntityError(f"no entity with id {entity_id!r} (deleted or merged elsewhere?)")
    return entity


def named(conn: sqlite3.Connection, name: str) -> list[Entity]:
    """The entities whose name is `name` (white space tidied, any case)."""
    wanted = " ".join(name.split()).casefold()
    rows = conn.execute("SELECT id, name, annotator, created FROM entities ORDER BY created, id")
    return [entity for entity in map(_entity, rows) if entity.name.casefold() == wanted]


def _spans_of(action: Action, entity_id: str) -> list[str]:
    return [ann_id for (ann_id,) in action.conn.execute(
        "SELECT id FROM annotations WHERE entity_id = ? ORDER BY id", (entity_id,))]


def rename(action: Action, entity_id: str, name: str) -> Entity:
    """Give an entity a new name; refused (EntityNameTakenError) when another entity has it, in any case."""
    entity = _existing(action, entity_id)
    cleaned = check_name(name)
    other = next((found for found in named(action.conn, cleaned) if found.id != entity_id), None)
    if other is not None:
        raise EntityNameTakenError(f"another entity is named {other.name!r} already: merge into it instead "
                                   "of giving two entities one name", other)
    if cleaned != entity.name:
        action.update("entities", entity_id, name=cleaned)
    return entity._replace(name=cleaned)


def merge(action: Action, source_id: str, target_id: str, by: str | None) -> tuple[Entity, int]:
    """Move every span of entity `source_id` to `target_id` and remove the source; the target and
    how many spans moved."""
    if source_id == target_id:
        raise EntityError("an entity cannot be merged into itself: choose another one")
    _existing(action, source_id)
    target = _existing(action, target_id)
    moved = _spans_of(action, source_id)
    for ann_id in moved:
        action.update("annotations", ann_id, entity_id=target_id, updated=action.at, updated_by=by)
    action.delete("entities", source_id)
    return target, len(moved)


def delete(action: Action, entity_id: str, by: str | None) -> tuple[Entity, int]:
    """Remove an entity; its spans stay, naming no entity (coverage groups them by text again).
    The entity and how many spans it was unlinked from."""
    entity = _existing(action, entity_id)
    linked = _spans_of(action, entity_id)
    for ann_id in linked:
        action.update("annotations", ann_id, entity_id=None, updated=action.at, updated_by=by)
    action.delete("entities", entity_id)
    return entity, len(linked)
