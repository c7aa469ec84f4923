"""The Store: one SQLite file holding documents, annotations, tags, undo log and reader state."""
from __future__ import annotations

import json
import operator
import re
import sqlite3
import threading
import uuid
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from corpus.document import Document

from . import documents as docs
from . import history
from .errors import (
    DocumentChangedError,
    InvalidSpanError,
    InvalidTextError,
    ReadOnlyDatabaseError,
    StoreError,
    UndoConflictError,
    UnknownAnnotationError,
    UnknownTagError,
    write_error,
)
from .records import (
    ANNOTATION_COLUMNS,
    ANNOTATION_ORDER,
    Annotation,
    Change,
    DocumentInfo,
    RelationType,
    RowChange,
    SpanRef,
    StoredDocument,
    Tag,
    utc_now,
)

if TYPE_CHECKING:
    import sqlite_utils

    from corpus.suggest import Suggestion

    from .codebook import CodebookReport
    from .codebook_file import Codebook
    from .entities import Entity, EntityCount, Offer
    from .progress import DocumentProgress, ProgressCount
    from .propagation import Occurrences
    from .relations import Relation, RelationInfo
    from .suggestions import OpenSuggestion

CONTEXT_CHARS = 32  # code points kept before and after a span, to re-find it if ever needed
_SELECT_ANNOTATION = ", ".join(f"a.{c}" for c in ANNOTATION_COLUMNS)


def _offset(name: str, value: Any) -> int:
    """An integer code-point offset, or InvalidSpanError (bools and floats are refused)."""
    if isinstance(value, bool):
        raise InvalidSpanError(f"{name} must be an integer code-point offset, got {value!r}")
    try:
        return operator.index(value)
    except TypeError:
        raise InvalidSpanError(
            f"{name} must be an integer code-point offset, got {value!r}"
        ) from None


def _check_span(doc_id: str, text: str, start: Any, end: Any) -> tuple[int, int]:
    start, end = _offset("start", start), _offset("end", end)
    if start < 0:
        raise InvalidSpanError(f"start {start} is negative")
    if end > len(text):
        raise InvalidSpanError(
            f"end {end} is past the end of document {doc_id!r} ({len(text)} code points)"
        )
    if end < start:
        raise InvalidSpanError(f"span is reversed: start {start} > end {end}")
    if end == start:
        raise InvalidSpanError(f"span is empty: start == end == {start}")
    return start, end


def _check_str(name: str, value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, got {type(value).__name__}")
    surrogate = _LONE_SURROGATE.search(value)
    if surrogate:
        # SQLite stores UTF-8, which has no encoding for half of a UTF-16 pair: say so, not
        # UnicodeEncodeError from deep inside sqlite3.
        raise InvalidTextError(
            f"{name} holds a lone surrogate (U+{ord(surrogate.group()):04X}) at character "
            f"{surrogate.start()}: that is not Unicode text, so it cannot be stored")
    return value


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _owner_name(owner: str | None) -> str:
    if owner is None:
        return "someone else"
    if owner.startswith("reader:"):
        return owner[len("reader:"):] + " (in a reader)"
    return "a script (the Python API)" if owner == "api" else owner


def _what(change: RowChange) -> str:
    """A row of the undo log as a person knows it: the tag and text of an annotation."""
    values = change.after or change.before or {}
    if change.table == "annotations":
        return f"{values.get('tag')} “{str(values.get('text', ''))[:40]}”"
    if change.table == "tags":
        return f"tag {values.get('name')!r}"
    if change.table == "relations":
        return f"relation {values.get('type')}"
    return f"a {change.table.rstrip('s')} row"


def _checked(step: history.Step | history.Conflict | None, verb: str) -> Change | None:
    if step is None:
        return None
    if isinstance(step, history.Conflict) and step.reason:
        raise UndoConflictError(f"cannot {verb} the {step.kind} of {_what(step.change)}: {step.reason}; "
                                f"it was left as it is (and taken off your {verb} stack)")
    if isinstance(step, history.Conflict):
        raise UndoConflictError(
            f"cannot {verb} the {step.kind} of {_what(step.change)}: "
            f"{_owner_name(step.changed_by)} changed it since, so it was left as it is "
            f"(and taken off your {verb} stack)"
        )
    change = Change(step.kind, None, None, step.undone, False, step.action_id, step.rows)
    touched = change.annotations()
    if touched:
        annotation, exists = touched[0]
        change = change._replace(annotation=annotation, document_id=annotation.document_id, exists=exists)
    return change


class Store:
    """Documents, annotations and the undo log in one SQLite file; every change commits."""

    def __init__(self, path: Path | str, conn: sqlite3.Connection, read_only: str | None = None) -> None:
        self.path = path
        self.conn = conn
        # Why this store was opened read-only (file or folder permissions), or None: every write
        # is then refused at once with that reason, before SQLite is asked.
        self.read_only = read_only
        self.checked = False  # whether SQLite's quick_check passed on this file when it was opened
        self._db: sqlite_utils.Database | None = None
        self._lock = threading.RLock()
        self._texts: dict[str, str] = {}
        self._counts: dict[str | None, tuple[tuple[int, int], int]] = {}
        # Whose undo stack this connection's changes join: the reader sets "reader:<annotator>"
        # (so a restarted reader undoes its earlier work); scripts share "api" unless they set one.
        self.owner = "api"
        # Who is changing things through this store: recorded as updated_by on what they change.
        self.annotator: str | None = None

    def _text(self, conn: sqlite3.Connection, doc_id: str) -> str:
        # A stored document's text never changes (a changed file is refused), so reading a 5 MB
        # text once per document rather than once per annotation is safe.
        text = self._texts.get(doc_id)
        if text is None:
            text = self._texts[doc_id] = docs.fetch_text(conn, doc_id)
        return text

    # -- plumbing -----------------------------------------------------------------

    @property
    def db(self) -> sqlite_utils.Database:
        """A sqlite_utils.Database over the same connection, imported only when first used."""
        if self._db is None:
            import sqlite_utils  # costs ~110 ms: keep it off the start-up path

            self._db = sqlite_utils.Database(self.conn)
        return self._db

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction, committed (and synced) before the caller returns."""
        if self.read_only:
            raise ReadOnlyDatabaseError(
                f"{self.path} is open read-only ({self.read_only}): this change was not saved; "
                "reading and export work")
        with self._lock:
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                try:
                    yield self.conn
                    self.conn.execute("COMMIT")
                except BaseException:
                    if self.conn.in_transaction:
                        self.conn.execute("ROLLBACK")
                    raise
            except sqlite3.OperationalError as exc:
                # Busy, read-only, disk full: a StoreError that says which, never a raw sqlite3 error.
                raise write_error(exc) from exc

    @contextmanager
    def transaction(self, kind: str) -> Iterator[history.Action]:
        """One user action: a write transaction whose row changes (through the Action's insert,
        update and delete) are one undo step of this store's owner, committed before returning."""
        with self._write() as conn:
            yield history.Action(conn, self.owner, kind, utc_now())

    def close(self) -> None:
        """Close the connection (SQLite checkpoints the WAL into the main file)."""
        with self._lock:
            self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    # -- documents ----------------------------------------------------------------

    def add_document(self, doc: Document) -> str:
        """Store a document: "added", or "unchanged" when stored already with the same text.

        Raises DocumentChangedError for a known id with different text.
        """
        outcome = self.add_documents([doc])[0]
        if isinstance(outcome, StoreError):
            raise outcome
        return outcome

    def add_documents(self, documents: list[Document]) -> list[str | StoreError]:
        """Store many documents in one transaction (one durable commit, not one per document).

        Returns, per document in order, "added", "unchanged", or the DocumentChangedError that
        refused it (a known id with other text); the others are stored all the same. When every
        document is stored already, no write lock is taken.
        """
        for doc in documents:
            _check_str("document id", doc.id)
            _check_str("document text", doc.text)
            for field in ("title", "source", "url", "date"):
                if getattr(doc, field) is not None:
                    _check_str(f"document {field}", getattr(doc, field))
        bulk = len(documents) > 20
        hashed = [(doc, docs.text_sha256(doc.text, bulk=bulk)) for doc in documents]
        outcomes: list[str | DocumentChangedError | None] = docs.stored_states(self.conn, hashed)  # read only
        if None in outcomes:
            with self._write() as conn:
                outcomes = docs.stored_states(conn, hashed)  # again: another process may have added some
                now = utc_now()
                position = docs.next_position(conn)  # once per batch, inside the write lock
                added: dict[str, str] = {}  # id -> sha256 of what this batch inserted
                for index, (doc, sha256) in enumerate(hashed):
                    if outcomes[index] is not None:
                        continue
                    if doc.id in added:  # the same id twice in one batch: compare with the first
                        outcomes[index] = "unchanged" if added[doc.id] == sha256 else docs.changed_error(doc.id)
                        continue
                    docs.insert(conn, doc, sha256, now, position)
                    added[doc.id] = sha256
                    position += 1
                    outcomes[index] = "added"
        return cast(list[str | StoreError], outcomes)  # every None was filled in above

    def document_ids(self) -> list[str]:
        """Document ids in import order."""
        return docs.ids(self.conn)

    def has_documents(self) -> bool:
        """Whether any document is stored (without listing them: 40,000 ids take tens of ms)."""
        found: int = self.conn.execute("SELECT EXISTS (SELECT 1 FROM documents)").fetchone()[0]
        return found == 1

    def document(self, doc_id: str) -> StoredDocument:
        """One document with its text and styles; UnknownDocumentError if absent."""
        document = docs.fetch(self.conn, doc_id)
        # The text other calls check and slice (spans, add_annotation): read once, not again.
        self._texts.setdefault(doc_id, document.text)
        return document

    def documents(self) -> list[DocumentInfo]:
        """Every document's metadata, length in code points and counts per tag."""
        return docs.listing(self.conn, [t.name for t in self.tags()])

    def tags(self) -> list[Tag]:
        """The tags in display order."""
        from . import codebook

        return codebook.tags(self.conn)

    def relation_types(self) -> list[RelationType]:
        """The relation types the codebook defines, in its order."""
        from . import codebook

        return codebook.relation_types(self.conn)

    def apply_codebook(self, book: Codebook) -> CodebookReport:
        """Make the stored codebook what `book` says, in one transaction (renames included); a
        tag in use is kept. CodebookError, with nothing changed, if the result would not hold."""
        from . import codebook

        with self.transaction("codebook") as action:
            return codebook.apply(action, book)

    # -- annotations --------------------------------------------------------------

    def _check_tag(self, tag: Any) -> str:
        names = [t.name for t in self.tags()]
        if tag not in names:
            raise UnknownTagError(f"unknown tag {tag!r}; known tags: {', '.join(names)}")
        known: str = tag  # one of the names, so a str
        return known

    def _build(self, base: dict[str, Any], text: str, start: int, end: int) -> Annotation:
        """An annotation whose text and context come from the stored document text."""
        return Annotation(**{
            **base,
            "start": start,
            "end": end,
            "text": text[start:end],
            "prefix": text[max(0, start - CONTEXT_CHARS):start],
            "suffix": text[end:end + CONTEXT_CHARS],
        })

    def add_annotation(
        self, doc_id: str, start: int, end: int, tag: str, note: str = "", annotator: str = ""
    ) -> Annotation:
        """Tag text[start:end] of a document (code points, end exclusive); undoable."""
        _check_str("note", note)
        _check_str("annotator", annotator)
        with self.transaction("create") as action:
            text = self._text(action.conn, doc_id)
            start, end = _check_span(doc_id, text, start, end)
            self._check_tag(tag)
            base = dict(id=uuid.uuid4().hex, document_id=doc_id, tag=tag, note=note,
                        annotator=annotator, created=action.at, updated=action.at, updated_by=annotator)
            ann = self._build(base, text, start, end)
            action.insert("annotations", ann.to_dict())
        return ann

    def annotation(self, ann_id: str) -> Annotation:
        """One annotation; UnknownAnnotationError if absent."""
        row = self.conn.execute(
            f"SELECT {_SELECT_ANNOTATION} FROM annotations a WHERE a.id = ?", (ann_id,)
        ).fetchone()
        if row is None:
            raise UnknownAnnotationError(f"no annotation with id {ann_id!r} in the store")
        return Annotation.from_row(row)

    def delete_annotation(self, ann_id: str) -> Annotation:
        """Remove an annotation and the relations it takes part in; returns it as it was. One undo
        step brings back both."""
        from . import relations

        with self.transaction("delete") as action:
            old = self.annotation(ann_id)
            relations.delete_of_annotation(action, ann_id)  # first: they refer to it
            action.delete("annotations", ann_id)
        return old

    def set_note(self, ann_id: str, note: str) -> Annotation:
        """Replace an annotation's note; an identical note changes nothing. Undoable."""
        _check_str("note", note)
        with self.transaction("note") as action:
            old = self.annotation(ann_id)
            if old.note == note:
                return old
            action.update("annotations", ann_id, note=note, updated=action.at, updated_by=self.annotator)
        return self.annotation(ann_id)

    def move_span(self, ann_id: str, start: int, end: int) -> Annotation:
        """Move an annotation's boundaries; text and context are re-read. Undoable."""
        with self.transaction("move") as action:
            old = self.annotation(ann_id)
            text = self._text(action.conn, old.document_id)
            start, end = _check_span(old.document_id, text, start, end)
            if (start, end) == (old.start, old.end):
                return old
            new = self._build({**old.to_dict(), "updated": action.at, "updated_by": self.annotator},
                              text, start, end)
            action.update("annotations", ann_id, **new.to_dict())
        return new

    def _filters(self, doc_id: str | None, tag: str | None) -> tuple[str, list[Any]]:
        clauses, params = [], []
        if doc_id is not None:
            self._text(self.conn, doc_id)  # UnknownDocumentError rather than silence
            clauses.append("a.document_id = ?")
            params.append(doc_id)
        if tag is not None:
            self._check_tag(tag)
            clauses.append("a.tag = ?")
            params.append(tag)
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params

    def iter_annotations(
        self, doc_id: str | None = None, tag: str | None = None
    ) -> Iterator[Annotation]:
        """Stream annotations by document import order, start, then end descending."""
        where, params = self._filters(doc_id, tag)  # validated now, not at the first next()
        cursor = self.conn.execute(
            f"SELECT {_SELECT_ANNOTATION} FROM annotations a "
            f"JOIN documents d ON d.id = a.document_id{where} "
            + ANNOTATION_ORDER,
            params,
        )
        return (Annotation.from_row(row) for row in cursor)

    def annotations(self, doc_id: str | None = None, tag: str | None = None) -> list[Annotation]:
        """All annotations, optionally of one document and/or tag; outer spans before inner."""
        return list(self.iter_annotations(doc_id, tag))

    def spans(self, doc_id: str) -> list[SpanRef]:
        """One document's annotations as (id, start, end, tag), ordered by start then end descending.

        The reader draws 50,000 spans from this in a fraction of what full records cost.
        """
        self._text(self.conn, doc_id)  # UnknownDocumentError rather than silence
        rows = self.conn.execute(
            "SELECT id, start, end, tag FROM annotations WHERE document_id = ? ORDER BY start, end DESC, id",
            (doc_id,),
        )
        return [SpanRef._make(row) for row in rows]

    def data_version(self) -> int:
        """A number that changes when another connection (another process, or a thread's own
        connection) commits; this connection's own writes leave it alone."""
        with self._lock:
            version: int = self.conn.execute("PRAGMA data_version").fetchone()[0]
            return version

    def count_annotations(self, doc_id: str | None = None) -> int:
        """How many annotations, in all or in one document.

        The reader shows the total after every key: counting 50,000 rows each time cost more
        than the rest of a key press, so a count is kept until this connection writes
        (total_changes) or another one commits (PRAGMA data_version).
        """
        version = (self.conn.total_changes, self.conn.execute("PRAGMA data_version").fetchone()[0])
        cached = self._counts.get(doc_id)
        if cached is not None and cached[0] == version:
            return cached[1]
        where, params = self._filters(doc_id, None)
        count: int = self.conn.execute(f"SELECT COUNT(*) FROM annotations a{where}", params).fetchone()[0]
        self._counts[doc_id] = (version, count)
        return count

    # -- undo / redo ----------------------------------------------------------------

    def undo(self) -> Change | None:
        """Undo this owner's latest action, every row it touched (persisted: works across runs);
        None if nothing to undo.

        UndoConflictError if someone else changed one of its rows since (the step is dropped, so
        the next undo goes on with the action before it).
        """
        with self._write() as conn:
            step = history.undo(conn, self.owner)
        return _checked(step, "undo")

    def redo(self) -> Change | None:
        """Redo this owner's most recently undone action; None if nothing to redo."""
        with self._write() as conn:
            step = history.redo(conn, self.owner)
        return _checked(step, "redo")

    def history_mark(self) -> int:
        """Where the undo log stands now: pass it to merge_moves when a session of moves ends."""
        return history.last_action(self.conn)

    def merge_moves(self, ann_id: str, mark: int) -> None:
        """Make the moves of `ann_id` since `mark` (from history_mark) one undo step."""
        with self._write() as conn:
            history.merge_moves(conn, ann_id, mark)

    # -- attributes -----------------------------------------------------------------

    def set_attributes(self, ann_id: str, changes: Mapping[str, str | None]) -> Annotation:
        """Set (or, with None or "", remove) attributes of an annotation, checked against its tag's
        definitions (InvalidAttributeError, nothing changed, if one is not allowed); one undo step,
        recording updated and updated_by. Unchanged values leave no step."""
        from . import attributes

        with self.transaction("attributes") as action:
            old = self.annotation(ann_id)
            tag = next((t for t in self.tags() if t.name == old.tag), None)
            if tag is None:  # annotations.tag references tags.name: only a hand-edited file gets here
                raise UnknownTagError(f"annotation {ann_id!r} has the unknown tag {old.tag!r}")
            if not attributes.set_attributes(action, old, tag, changes, self.annotator):
                return old
        return self.annotation(ann_id)

    # -- reader state ---------------------------------------------------------------

    def get_state(self, key: str, default: Any = None) -> Any:
        """A JSON value saved with set_state, or default."""
        row = self.conn.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
        return default if row is None else json.loads(row[0])

    def set_state(self, key: str, value: Any) -> None:
        """Save a JSON-serialisable value under key, committed before returning."""
        encoded = json.dumps(value, ensure_ascii=False)
        with self._write() as conn:
            conn.execute(
                "INSERT INTO state (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (_check_str("state key", key), encoded),
            )

    # -- entities (store/entities.py) ------------------------------------------------

    def create_entity(self, name: str) -> Entity:
        """A new entity (a canonical name for an actor); undoable."""
        from . import entities

        with self.transaction("entity") as action:
            return entities.create(action, name, self.annotator)

    def link_entity(self, ann_id: str, entity_id: str) -> Entity:
        """Make a span of a tag grouped by name (an actor) name an entity; undoable."""
        from . import entities

        with self.transaction("entity") as action:
            return entities.link(action, ann_id, entity_id, self.annotator)

    def create_and_link_entity(self, ann_id: str, name: str) -> Entity:
        """A new entity named `name` and the span naming it: one undo step."""
        from . import entities

        with self.transaction("entity") as action:
            return entities.create_and_link(action, ann_id, name, self.annotator)

    def unlink_entity(self, ann_id: str) -> Entity | None:
        """Make a span name no entity; the entity it named, or None. Undoable."""
        from . import entities

        with self.transaction("entity") as action:
            return entities.unlink(action, ann_id, self.annotator)

    def rename_entity(self, entity_id: str, name: str) -> Entity:
        """Rename an entity; a name another entity has is refused (EntityNameTakenError). Undoable."""
        from . import entities

        with self.transaction("entity rename") as action:
            return entities.rename(action, entity_id, name)

    def merge_entities(self, source_id: str, target_id: str) -> tuple[Entity, int]:
        """Move every span of one entity to another and remove the first: one undo step. The target
        and how many spans moved."""
        from . import entities

        with self.transaction("entity merge") as action:
            return entities.merge(action, source_id, target_id, self.annotator)

    def delete_entity(self, entity_id: str) -> tuple[Entity, int]:
        """Remove an entity, its spans kept naming none: one undo step. It and how many spans it named."""
        from . import entities

        with self.transaction("entity deletion") as action:
            return entities.delete(action, entity_id, self.annotator)

    def entities(self) -> list[EntityCount]:
        """Every entity with its spans' and documents' counts, most spans first."""
        from . import entities

        return entities.listing(self.conn)

    def entity_offers(self, text: str, limit: int | None = None) -> list[Offer]:
        """Every entity, the best fuzzy match for `text` first ("Grenell" offers "Richard A. Grenell")."""
        from . import entities

        return entities.offers(self.conn, text, limit)

    def entity_of(self, ann_id: str) -> Entity | None:
        """The entity an annotation names, or None."""
        from . import entities

        return entities.of_annotation(self.conn, ann_id)

    # -- propagation (store/propagation.py) ----------------------------------------------

    def find_occurrences(self, text: str, tag: str, *, case_sensitive: bool = True,
                         source: tuple[str, int, int] | None = None) -> Occurrences:
        """Every other whole-word occurrence of `text` in the corpus that no `tag` span overlaps."""
        from . import propagation

        _check_str("text", text)
        self._check_tag(tag)
        return propagation.find(self.conn, text, tag, case_sensitive=case_sensitive, source=source)

    def propagate(self, occurrences: Occurrences, entity_id: str | None = None) -> list[str]:
        """Tag every occurrence found (linked to `entity_id`, if given) as one undo step; the new ids."""
        from . import entities, propagation

        with self.transaction("propagate") as action:
            self._check_tag(occurrences.tag)
            if entity_id is not None and entities.get(action.conn, entity_id) is None:
                raise entities.EntityError(f"no entity with id {entity_id!r}")
            return propagation.tag_all(action, occurrences, self.annotator, entity_id)

    # -- suggestions (store/suggestions.py) ---------------------------------------------

    def _suggestion_tags(self, tag: str | None) -> list[str]:
        return [self._check_tag(tag)] if tag is not None else [t.name for t in self.tags()]

    def suggestions(self, doc_id: str, tag: str | None = None,
                    proposed: Iterable[Suggestion] | None = None) -> list[OpenSuggestion]:
        """One document's open suggestions (of `tag`, else of every codebook tag a rule proposes):
        what the rules propose minus what is annotated with the same tag at the same offsets and
        what was rejected. `proposed`: the rules' output, computed already (suggestions.proposals)."""
        from . import suggestions

        tags = self._suggestion_tags(tag)
        text = self._text(self.conn, doc_id)
        if proposed is None:
            proposed = suggestions.proposals(text, suggestions.known_actors(self.conn, tags), tags)
        return suggestions.still_open(self.conn, doc_id, text, proposed)

    def closed_suggestions(self, doc_id: str) -> set[tuple[str, int, int]]:
        """The (tag, start, end) of a document that are not suggested: annotated, or rejected. The
        reader filters the proposals it keeps with it after each change (no rules run again)."""
        from . import suggestions

        return suggestions.closed(self.conn, doc_id)

    def iter_suggestions(self, tag: str | None = None, doc_id: str | None = None) -> Iterator[OpenSuggestion]:
        """Stream the open suggestions document by document, in import order (one text in memory at a time)."""
        from . import suggestions

        tags = self._suggestion_tags(tag)  # checked now, not at the first next()
        ids = [doc_id] if doc_id is not None else self.document_ids()
        if doc_id is not None:
            self._text(self.conn, doc_id)  # UnknownDocumentError rather than nothing
        return suggestions.iter_open(self.conn, tags, ids)

    def known_actors(self) -> list[str]:
        """Every distinct text tagged as actor anywhere (what the actor rule is given)."""
        from . import suggestions

        return suggestions.known_actors(self.conn, [t.name for t in self.tags()])

    def accept_suggestion(self, suggestion: OpenSuggestion) -> Annotation:
        """Make an open suggestion an ordinary annotation (and record which rule proposed it): one
        undo step. SuggestionClosedError if it was tagged or rejected since."""
        from . import suggestions

        with self.transaction("accept suggestion") as action:
            text = self._text(action.conn, suggestion.document_id)
            start, end = _check_span(suggestion.document_id, text, suggestion.start, suggestion.end)
            self._check_tag(suggestion.tag)
            suggestions.check_open(action.conn, suggestion, text)
            base = dict(id=uuid.uuid4().hex, document_id=suggestion.document_id, tag=suggestion.tag, note="",
                        annotator=self.annotator, created=action.at, updated=action.at,
                        updated_by=self.annotator)
            ann = self._build(base, text, start, end)
            action.insert("annotations", ann.to_dict())
            suggestions.record(action, suggestion, "accepted", self.annotator, ann.id)
        return ann

    def reject_suggestion(self, suggestion: OpenSuggestion) -> str:
        """Remember that an open suggestion is wrong, so it is suggested no more: one undo step
        (undoing it brings the suggestion back). The decision's id."""
        from . import suggestions

        with self.transaction("reject suggestion") as action:
            suggestions.check_open(action.conn, suggestion, self._text(action.conn, suggestion.document_id))
            return suggestions.record(action, suggestion, "rejected", self.annotator)

    # -- progress through the corpus (store/progress.py) ------------------------------------

    def progress(self, doc_id: str, annotator: str) -> str:
        """The annotator's status of a document: "todo" (also for one never marked), "in_progress", "done"."""
        from . import progress

        return progress.status_of(self.conn, doc_id, annotator)

    def set_progress(self, doc_id: str, annotator: str, status: str) -> str:
        """Set the annotator's status of a document; one undo step (none if it was that already)."""
        from . import progress

        _check_str("annotator", annotator)
        with self.transaction("progress") as action:
            return progress.set_status(action, doc_id, annotator, status)

    def cycle_progress(self, doc_id: str, annotator: str) -> str:
        """To do -> in progress -> done -> to do for the annotator; the new status. One undo step."""
        from . import progress

        _check_str("annotator", annotator)
        with self.transaction("progress") as action:
            return progress.cycle(action, doc_id, annotator)

    def progress_counts(self, annotator: str | None = None) -> list[ProgressCount]:
        """Per annotator who marked anything (or just `annotator`): documents to do, in progress, done."""
        from . import progress

        return progress.counts(self.conn, annotator)

    def progress_statuses(self, annotator: str) -> dict[str, str]:
        """The status of every document the annotator marked, by id (the others are to do)."""
        from . import progress

        return progress.statuses(self.conn, annotator)

    def iter_progress(self, annotator: str | None = None) -> Iterator[DocumentProgress]:
        """Every document's status for each annotator who marked any (or `annotator`), in import order."""
        from . import progress

        return progress.documents(self.conn, annotator)

    # -- relations (store/relations.py) --------------------------------------------------

    def add_relation(self, source_id: str, target_id: str, type_name: str | None = None,
                     annotator: str | None = None) -> Relation:
        """Link two spans of one document (`type_name` None: the one type their tags allow);
        RelationError saying why, nothing changed, if the codebook does not allow it. Undoable."""
        from . import relations

        with self.transaction("relate") as action:
            return relations.add(action, source_id, target_id, type_name,
                                 self.annotator if annotator is None else annotator)

    def delete_relation(self, relation_id: str) -> Relation:
        """Remove a relation (its spans stay); returns it as it was. Undoable."""
        from . import relations

        with self.transaction("delete relation") as action:
            return relations.delete(action, relation_id)

    def relations(self, doc_id: str | None = None) -> list[RelationInfo]:
        """Relations with both spans, by their sources' place in the text (one document's, or all)."""
        from . import relations

        if doc_id is not None:
            self._text(self.conn, doc_id)  # UnknownDocumentError rather than silence
        return relations.listing(self.conn, doc_id)

    def relations_of(self, ann_id: str) -> list[RelationInfo]:
        """The relations a span takes part in, as source or target."""
        from . import relations

        return relations.of_annotation(self.conn, ann_id)

    def relation_types_between(self, source_tag: str, target_tag: str) -> list[RelationType]:
        """The relation types that may link a `source_tag` span to a `target_tag` span."""
        from . import relations

        return relations.allowed_types(self.conn, source_tag, target_tag)
