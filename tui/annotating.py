"""Annotating: tag, delete, undo, note, adjust, list and step through the annotations, export them."""
from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from tui import navigation as nav

if TYPE_CHECKING:
    from store.records import Annotation, Change, Tag
    from store.store import Store
    from tui.patient_writes import PatientWriter
    from tui.reading import Say, Show, UpdateStatus, Views
    from tui.spans import Span
    from tui.widgets.article_view import ArticleView


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _span_at_cursor(view: ArticleView) -> Span | None:
    """The innermost span at the cursor, or just before it: the cursor just after a span still means it."""
    span = view.spans.innermost_at(view.cursor)
    if span is None and view.cursor > 0:
        span = view.spans.innermost_at(view.cursor - 1)
    return span


class AnnotatingController:
    """Every change goes to the store first (through the patient writer), then to the views that show it."""

    def __init__(self, store: Store, writer: PatientWriter, annotator: str, tags: Callable[[], list[Tag]],
                 views: Views, say: Say, show: Show, update_status: UpdateStatus,
                 codebook_changed: Callable[[], None]) -> None:
        self.store = store
        self.codebook_changed = codebook_changed  # after an undo or redo of a codebook change
        self.writer = writer
        self.annotator = annotator
        self.tags = tags  # the codebook's tags as the reader binds them now
        self.views = views
        self.say = say
        self.show = show
        self.update_status = update_status
        # The span tagged last and where the cursor was then: it stays the current annotation for
        # m, e and d while the cursor has not moved (after `v ) 2` the cursor sits past the span).
        self._just_tagged: tuple[ArticleView, str, int] | None = None
        # Called with a document's id after its stored annotations (or other rows, on undo and redo)
        # changed and its views were brought in line: the suggestions layer follows.
        self.document_hooks: list[Callable[[str], None]] = []

    # --- helpers ---------------------------------------------------------------------------
    def refresh_annotation(self, annotation: Annotation, exists: bool) -> None:
        """Bring every view of the annotation's document in line with the store."""
        for view in self.views.views_of(annotation.document_id):
            old = view.spans.remove(annotation.id)
            if old is not None:
                view.invalidate(old.start, old.end)
            if exists:
                view.spans.add(annotation)
                view.invalidate(annotation.start, annotation.end)
        for hook in self.document_hooks:
            hook(annotation.document_id)
        self.update_status()

    def annotation_under_cursor(self, view: ArticleView) -> Annotation | None:
        """The full stored record of the annotation the cursor means: the one just tagged while the
        cursor has not moved since, else the innermost at (or just before) the cursor."""
        from store.errors import UnknownAnnotationError

        span = None
        if self._just_tagged is not None:
            tagged_in, annotation_id, cursor = self._just_tagged
            if tagged_in is view and cursor == view.cursor:
                span = view.spans.get(annotation_id)
            else:
                self._just_tagged = None
        if span is None:
            span = _span_at_cursor(view)
        if span is None:
            return None
        try:
            return self.store.annotation(span.id)
        except UnknownAnnotationError:
            # Deleted by another process since this view drew it: draw it no more, and say so.
            old = view.spans.remove(span.id)
            if old is not None:
                view.invalidate(old.start, old.end)
            self.say("That annotation was deleted elsewhere (another process or session)", "warning")
            return None

    # --- tagging -------------------------------------------------------------------------------
    def tag(self, key: str) -> None:
        view = self.views.focused_view
        tag = next((tag for tag in self.tags() if tag.key == key), None)
        if view is None or view.document is None or tag is None:
            return
        selection = view.selection
        if selection:
            span = nav.trimmed(view.text, *selection)
            if span is None:
                self.say("Nothing to tag: the selection is only white space", "warning")
                return
        else:
            span = nav.word_at(view.text, view.cursor)
            if span is None:
                self.say("Nothing to tag: select text (shift+arrows, or v then move) or put the cursor on a word",
                          "warning")
                return
        document_id, cursor = view.document.id, view.cursor
        view.anchor, view.sticky_anchor = None, False

        def tagged(annotation: Annotation) -> None:
            self.refresh_annotation(annotation, exists=True)
            view.invalidate(*span)
            if view.cursor == cursor:
                self._just_tagged = (view, annotation.id, view.cursor)

        self.writer.write(f"the {tag.name} “{_short(view.text[span[0]:span[1]])}”",
                          lambda: self.store.add_annotation(document_id, span[0], span[1], tag.name,
                                                            annotator=self.annotator),
                          tagged)

    def delete(self) -> None:
        view = self.views.focused_view
        if view is None or view.document is None:
            return
        span = self.annotation_under_cursor(view)
        if span is None:
            self.say("No annotation under the cursor", "warning")
            return
        def deleted(removed: Annotation) -> None:
            self.refresh_annotation(removed, exists=False)
            self.say(f"Deleted {removed.tag} “{_short(removed.text)}” (u undoes)")

        self.writer.write(f"the deletion of {span.tag} “{_short(span.text)}”",
                          lambda: self.store.delete_annotation(span.id), deleted)

    def _apply_change(self, change: Change | None, verb: str) -> None:
        if change is None:
            self.say(f"Nothing to {verb}", "warning")
            return
        self.update_status()  # a step may change what the status line counts (a document's progress)
        if any(row.table in ("tags", "relation_types") for row in change.rows):
            self.codebook_changed()
        for touched, exists in change.annotations():  # one action may touch many (propagation)
            self.refresh_annotation(touched, exists)
        if not change.annotations():  # say, a rejected suggestion: the hooks still hear of its document
            for document_id in change.documents():
                for hook in self.document_hooks:
                    hook(document_id)
        annotation = change.annotation  # as it is now, or as it was if this step removed it
        if annotation is None:
            self.say(f"{verb.capitalize()}: {change.kind}")
            return
        views = self.views.views_of(annotation.document_id)
        if views:
            views[0].move_to(annotation.start)
        self.say(f"{verb.capitalize()}: {change.kind} of {annotation.tag} “{_short(annotation.text)}”")

    def _step_history(self, step: Callable[[], Change | None], verb: str) -> None:
        self.writer.write(f"the {verb}", step, lambda change: self._apply_change(change, verb))

    def undo(self) -> None:
        self._step_history(self.store.undo, "undo")

    def redo(self) -> None:
        self._step_history(self.store.redo, "redo")

    # --- notes and boundaries ---------------------------------------------------------------------
    def note(self) -> None:
        view = self.views.focused_view
        span = self.annotation_under_cursor(view) if view else None
        if span is None:
            self.say("Put the cursor on an annotation to write a note on it", "warning")
            return
        from tui.screens.note import NoteScreen

        def save(note: str | None) -> None:
            if note is None or note == span.note:
                return
            def noted(updated: Annotation) -> None:
                self.refresh_annotation(updated, exists=True)
                self.say("Note saved")

            self.writer.write("the note", lambda: self.store.set_note(span.id, note), noted)

        self.show(NoteScreen(span.text, span.tag, span.note or ""), save)

    def adjust(self) -> None:
        view = self.views.focused_view
        span = self.annotation_under_cursor(view) if view else None
        if view is None or span is None:
            self.say("Put the cursor on an annotation to adjust its boundaries", "warning")
            return
        from tui.screens.adjust import AdjustScreen
        self.show(AdjustScreen(self, view, span.id))

    def move_boundary(self, view: ArticleView, annotation_id: str, edge: str, unit: str, step: int) -> Annotation:
        """Move one edge of a span by a character or a word; each step commits (AdjustScreen makes the
        session one undo step)."""
        from store.errors import StoreError
        annotation = self.store.annotation(annotation_id)
        start, end, text = annotation.start, annotation.end, view.text
        position = start if edge == "start" else end
        if unit == "char":
            position += step
        elif step > 0 and edge == "end":
            position = nav.word_end_after(text, position)
        elif step > 0:
            position = nav.next_word_start(text, position)
        else:
            position = nav.previous_word_start(text, position)
            if edge == "end":
                position = max(position, start + 1)
                while position > start + 1 and text[position - 1].isspace():
                    position -= 1
        new_start, new_end = (position, end) if edge == "start" else (start, position)
        try:
            updated = self.store.move_span(annotation_id, new_start, new_end)
        except StoreError as error:
            self.say(str(error), "warning")
            return annotation
        self.refresh_annotation(updated, exists=True)
        view.move_to(updated.start if edge == "start" else max(updated.start, updated.end - 1))
        return updated

    # --- finding annotations -----------------------------------------------------------------------
    def next_annotation(self) -> None:
        view = self.views.focused_view
        span = view.spans.next_start_after(view.cursor) if view else None
        if view is None or span is None:
            self.say("No annotation after the cursor", "warning")
        else:
            view.jump_to(span.start)

    def previous_annotation(self) -> None:
        view = self.views.focused_view
        span = view.spans.previous_start_before(view.cursor) if view else None
        if view is None or span is None:
            self.say("No annotation before the cursor", "warning")
        else:
            view.jump_to(span.start)

    def annotations(self) -> None:
        view = self.views.focused_view
        if view is None or view.document is None:
            return
        from tui.screens.annotation_list import AnnotationListScreen

        def jump(annotation_id: str | None) -> None:
            span = view.spans.get(annotation_id) if annotation_id else None
            if span is not None:
                view.focus()
                view.jump_to(span.start)

        annotations = self.store.annotations(view.document.id)
        names = {counted.entity.id: counted.entity.name for counted in self.store.entities()}
        from tui.linking import relation_labels

        labels = relation_labels(self.store.relations(view.document.id))
        self.show(AnnotationListScreen(annotations, self.tags(), view.document.title, names, labels), jump)

    def codebook(self) -> None:
        """The codebook view, open at the tag of the annotation under the cursor (if any)."""
        from tui.screens.codebook import CodebookScreen

        view = self.views.focused_view
        span = _span_at_cursor(view) if view is not None and view.document is not None else None
        relations = self.store.relation_types()
        self.show(CodebookScreen(self.tags(), relations, span.tag if span else None))

    # --- export ------------------------------------------------------------------------------------------
    def export(self) -> None:
        """x: every format of the registry next to the database, <db>-<records><extension> each
        (study-annotations.csv, study-annotations.jsonl, study-relations.csv)."""
        from store.formats import FORMATS, export
        from store.formats.output import ExportTargetError, check_export_target, write_output

        database = Path(self.store.path)
        written: dict[str, tuple[int, list[str]]] = {}  # records -> (count, files), in registry order
        for fmt in FORMATS.values():
            target = database.with_name(f"{database.stem}-{fmt.records}{fmt.extension}")
            try:
                check_export_target(target, database)
                # A half-written export never replaces a good one; a FIFO or a link there stays one.
                count = write_output(target, partial(export, self.store, fmt.name))
            except (ExportTargetError, OSError) as error:
                reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
                self.say(f"Export not written: {reason} ({target})", "error")
                return
            written.setdefault(fmt.records, (count, []))[1].append(str(target))
        singular = {"annotations": "annotation", "relations": "relation"}
        parts = [f"{count} {singular.get(records, records) if count == 1 else records} to {' and '.join(files)}"
                 for records, (count, files) in written.items()]
        self.say(f"Exported {', '.join(parts)}")
