"""The reader's actions that read or change annotations: tag, delete, undo, note, adjust, search, export."""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from tui import navigation as nav
from tui.widgets.article_view import ArticleView

if TYPE_CHECKING:
    from store.records import Annotation, Change, Tag
    from store.store import Store
    from tui.patient_writes import PatientWriter
    from tui.spans import Span



def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _span_at_cursor(view: ArticleView) -> Span | None:
    """The innermost span at the cursor, or just before it: the cursor just after a span still means it."""
    span = view.spans.innermost_at(view.cursor)
    if span is None and view.cursor > 0:
        span = view.spans.innermost_at(view.cursor - 1)
    return span


def _hits(text: str, query: str) -> list[tuple[int, int]]:
    """Every (start, end) where `query` occurs in `text` (the pane's search hits)."""
    return [(start, start + len(query)) for start in nav.find_all(text, query)]


def hit_status(view: ArticleView) -> str:
    """Where the cursor is among the pane's search hits: "hit 3/14", or "14 hits" between them."""
    hits = view.hits
    index = bisect_right(hits, (view.cursor, len(view.text) + 1)) - 1
    if index >= 0 and hits[index][0] <= view.cursor < hits[index][1]:
        return f"hit {index + 1}/{len(hits)}"
    return f"{len(hits)} hit{'' if len(hits) == 1 else 's'}"


class AnnotatingActions:
    """Mixed into ReaderApp: every change goes to the store first, then to the views that show it."""

    store: Store
    annotator: str
    tags: list[Tag]
    search_query: str
    writer: PatientWriter
    # The span tagged last and where the cursor was then: it stays the current annotation for
    # m, e and d while the cursor has not moved (after `v ) 2` the cursor sits past the span).
    _just_tagged: tuple[ArticleView, str, int] | None = None

    # --- helpers ---------------------------------------------------------------------------
    def _say(self, message: str, severity: str = "information") -> None:
        timeout = 10 if severity == "error" else 4  # a change that was not saved must be read
        self.notify(message, severity=severity, markup=False, timeout=timeout)  # type: ignore[attr-defined]

    def _refresh_annotation(self, annotation: Annotation, exists: bool) -> None:
        """Bring every view of the annotation's document in line with the store."""
        for view in self.views_of(annotation.document_id):  # type: ignore[attr-defined]
            old = view.spans.remove(annotation.id)
            if old is not None:
                view.invalidate(old.start, old.end)
            if exists:
                view.spans.add(annotation)
                view.invalidate(annotation.start, annotation.end)
        self.update_status()  # type: ignore[attr-defined]

    def _annotation_under_cursor(self, view: ArticleView) -> Annotation | None:
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
            self._say("That annotation was deleted elsewhere (another process or session)", "warning")
            return None

    # --- selecting -----------------------------------------------------------------------------
    def action_anchor(self) -> None:
        view = self.focused_view  # type: ignore[attr-defined]
        if view is not None:
            view.start_anchor()

    def action_escape(self) -> None:
        view = self.focused_view  # type: ignore[attr-defined]
        if view is not None:
            view.clear_selection()
            if view.hits or view.flash:
                view.hits, view.flash = [], None
                view.invalidate()

    # --- tagging -------------------------------------------------------------------------------
    def action_tag(self, key: str) -> None:
        view = self.focused_view  # type: ignore[attr-defined]
        tag = next((tag for tag in self.tags if tag.key == key), None)
        if view is None or view.document is None or tag is None:
            return
        selection = view.selection
        if selection:
            span = nav.trimmed(view.text, *selection)
            if span is None:
                self._say("Nothing to tag: the selection is only white space", "warning")
                return
        else:
            span = nav.word_at(view.text, view.cursor)
            if span is None:
                self._say("Nothing to tag: select text (shift+arrows, or v then move) or put the cursor on a word",
                          "warning")
                return
        document_id, cursor = view.document.id, view.cursor
        view.anchor, view.sticky_anchor = None, False

        def tagged(annotation: Annotation) -> None:
            self._refresh_annotation(annotation, exists=True)
            view.invalidate(*span)
            if view.cursor == cursor:
                self._just_tagged = (view, annotation.id, view.cursor)

        self.writer.write(f"the {tag.name} “{_short(view.text[span[0]:span[1]])}”",
                          lambda: self.store.add_annotation(document_id, span[0], span[1], tag.name,
                                                            annotator=self.annotator),
                          tagged)

    def action_delete(self) -> None:
        view = self.focused_view  # type: ignore[attr-defined]
        if view is None or view.document is None:
            return
        span = self._annotation_under_cursor(view)
        if span is None:
            self._say("No annotation under the cursor", "warning")
            return
        def deleted(removed: Annotation) -> None:
            self._refresh_annotation(removed, exists=False)
            self._say(f"Deleted {removed.tag} “{_short(removed.text)}” (u undoes)")

        self.writer.write(f"the deletion of {span.tag} “{_short(span.text)}”",
                          lambda: self.store.delete_annotation(span.id), deleted)

    def _apply_change(self, change: Change | None, verb: str) -> None:
        if change is None:
            self._say(f"Nothing to {verb}", "warning")
            return
        for touched, exists in change.annotations():  # one action may touch many (propagation)
            self._refresh_annotation(touched, exists)
        annotation = change.annotation  # as it is now, or as it was if this step removed it
        if annotation is None:
            self._say(f"{verb.capitalize()}: {change.kind}")
            return
        views = self.views_of(annotation.document_id)  # type: ignore[attr-defined]
        if views:
            views[0].move_to(annotation.start)
        self._say(f"{verb.capitalize()}: {change.kind} of {annotation.tag} “{_short(annotation.text)}”")

    def _step_history(self, step: Callable[[], Change | None], verb: str) -> None:
        self.writer.write(f"the {verb}", step, lambda change: self._apply_change(change, verb))

    def action_undo(self) -> None:
        self._step_history(self.store.undo, "undo")

    def action_redo(self) -> None:
        self._step_history(self.store.redo, "redo")

    # --- notes and boundaries ---------------------------------------------------------------------
    def action_note(self) -> None:
        view = self.focused_view  # type: ignore[attr-defined]
        span = self._annotation_under_cursor(view) if view else None
        if span is None:
            self._say("Put the cursor on an annotation to write a note on it", "warning")
            return
        from tui.screens.note import NoteScreen

        def save(note: str | None) -> None:
            if note is None or note == span.note:
                return
            def noted(updated: Annotation) -> None:
                self._refresh_annotation(updated, exists=True)
                self._say("Note saved")

            self.writer.write("the note", lambda: self.store.set_note(span.id, note), noted)

        self.push_screen(NoteScreen(span.text, span.tag, span.note or ""), save)  # type: ignore[attr-defined]

    def action_adjust(self) -> None:
        view = self.focused_view  # type: ignore[attr-defined]
        span = self._annotation_under_cursor(view) if view else None
        if span is None:
            self._say("Put the cursor on an annotation to adjust its boundaries", "warning")
            return
        from tui.screens.adjust import AdjustScreen
        self.push_screen(AdjustScreen(self, view, span.id))  # type: ignore[attr-defined]

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
            self._say(str(error), "warning")
            return annotation
        self._refresh_annotation(updated, exists=True)
        view.move_to(updated.start if edge == "start" else max(updated.start, updated.end - 1))
        return updated

    # --- finding annotations -----------------------------------------------------------------------
    def action_next_annotation(self) -> None:
        view = self.focused_view  # type: ignore[attr-defined]
        span = view.spans.next_start_after(view.cursor) if view else None
        if span is None:
            self._say("No annotation after the cursor", "warning")
        else:
            view.jump_to(span.start)

    def action_previous_annotation(self) -> None:
        view = self.focused_view  # type: ignore[attr-defined]
        span = view.spans.previous_start_before(view.cursor) if view else None
        if span is None:
            self._say("No annotation before the cursor", "warning")
        else:
            view.jump_to(span.start)

    def action_annotations(self) -> None:
        view = self.focused_view  # type: ignore[attr-defined]
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
        self.push_screen(AnnotationListScreen(annotations, self.tags, view.document.title, names), jump)  # type: ignore

    def action_codebook(self) -> None:
        """The codebook view, open at the tag of the annotation under the cursor (if any)."""
        from tui.screens.codebook import CodebookScreen

        view = self.focused_view  # type: ignore[attr-defined]
        span = _span_at_cursor(view) if view is not None and view.document is not None else None
        relations = self.store.relation_types()
        self.push_screen(CodebookScreen(self.tags, relations, span.tag if span else None))  # type: ignore

    # --- search ---------------------------------------------------------------------------------------
    def action_search(self) -> None:
        from tui.screens.search import SearchScreen
        view = self.focused_view  # type: ignore[attr-defined]

        def run(query: str | None) -> None:
            if query is None or view is None:
                return
            self.search_query = query
            view.hits = _hits(view.text, query)
            view.invalidate()
            if not query:
                self.update_status()  # type: ignore[attr-defined]  # the hits are gone; the cursor stays
                return
            if not view.hits:
                self._say(f"Not found: {query}", "warning")
                return
            self.action_search_step(1, from_cursor=True)

        self.push_screen(SearchScreen(self.search_query), run)  # type: ignore[attr-defined]

    def action_search_step(self, step: int, from_cursor: bool = False) -> None:
        """Go to the next (or previous) hit; `from_cursor`: to the hit the cursor is in, or the next one.

        So Enter on the previous query, shown again in the prompt, keeps the cursor on its hit
        rather than skipping to the following one. Going round the end of the document is said.
        """
        view = self.focused_view  # type: ignore[attr-defined]
        if view is None:
            return
        if not view.hits and self.search_query:
            view.hits = _hits(view.text, self.search_query)
            view.invalidate()
        if not view.hits:
            self._say("No search: press / to search this document", "warning")
            return
        cursor, hits = view.cursor, view.hits
        if step > 0:
            later = [s for s, e in hits if (e > cursor if from_cursor else s > cursor)]
            target = later[0] if later else hits[0][0]
            wrapped = not later and target < cursor
        else:
            earlier = [s for s, _ in hits if s < cursor]
            target = earlier[-1] if earlier else hits[-1][0]
            wrapped = not earlier and target > cursor
        view.jump_to(target)
        if wrapped:
            self._say(f"Search went on from the {'top' if step > 0 else 'end'} of the document")

    # --- export ------------------------------------------------------------------------------------------
    def action_export(self) -> None:
        from store.formats import export
        from store.formats.output import ExportTargetError, check_export_target, write_output

        database = Path(self.store.path)
        written = []
        for fmt in ("csv", "jsonl"):
            target = database.with_name(f"{database.stem}-annotations.{fmt}")
            try:
                check_export_target(target, database)
                # A half-written export never replaces a good one; a FIFO or a link there stays one.
                count = write_output(target, lambda out, fmt=fmt: export(self.store, fmt, out))
            except (ExportTargetError, OSError) as error:
                reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
                self._say(f"Export not written: {reason} ({target})", "error")
                return
            written.append(str(target))
        self._say(f"Exported {count} annotation{'' if count == 1 else 's'} to {written[0]} and {written[1]}")
