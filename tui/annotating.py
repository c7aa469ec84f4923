"""The reader's actions that read or change annotations: tag, delete, undo, note, adjust, search, export."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from tui import navigation as nav
from tui.widgets.article_view import ArticleView


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _hits(text: str, query: str) -> list[tuple[int, int]]:
    """Every (start, end) where `query` occurs in `text` (the pane's search hits)."""
    return [(start, start + len(query)) for start in nav.find_all(text, query)]


class AnnotatingActions:
    """Mixed into ReaderApp: every change goes to the store first, then to the views that show it."""

    store: Any
    annotator: str
    tags: list[Any]
    search_query: str

    # --- helpers ---------------------------------------------------------------------------
    def _say(self, message: str, severity: str = "information") -> None:
        self.notify(message, severity=severity, markup=False, timeout=4)  # type: ignore[attr-defined]

    def _refresh_annotation(self, annotation: Any, exists: bool) -> None:
        """Bring every view of the annotation's document in line with the store."""
        for view in self.views_of(annotation.document_id):  # type: ignore[attr-defined]
            old = view.spans.remove(annotation.id)
            if old is not None:
                view.invalidate(old.start, old.end)
            if exists:
                view.spans.add(annotation)
                view.invalidate(annotation.start, annotation.end)
        self.update_status()  # type: ignore[attr-defined]

    def _annotation_under_cursor(self, view: ArticleView) -> Any | None:
        """The full stored record of the innermost annotation at (or just before) the cursor."""
        span = view.spans.innermost_at(view.cursor)
        if span is None and view.cursor > 0:
            span = view.spans.innermost_at(view.cursor - 1)  # the cursor just after a span still means it
        return None if span is None else self.store.annotation(span.id)

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
        from store.errors import StoreError
        try:
            annotation = self.store.add_annotation(view.document.id, span[0], span[1], tag.name,
                                                   annotator=self.annotator)
        except StoreError as error:
            self._say(str(error), "error")
            return
        view.anchor, view.sticky_anchor = None, False
        self._refresh_annotation(annotation, exists=True)
        view.invalidate(*span)

    def action_delete(self) -> None:
        view = self.focused_view  # type: ignore[attr-defined]
        if view is None or view.document is None:
            return
        span = self._annotation_under_cursor(view)
        if span is None:
            self._say("No annotation under the cursor", "warning")
            return
        removed = self.store.delete_annotation(span.id)
        self._refresh_annotation(removed, exists=False)
        self._say(f"Deleted {removed.tag} “{_short(removed.text)}” (u undoes)")

    def _apply_change(self, change: Any, verb: str) -> None:
        if change is None:
            self._say(f"Nothing to {verb}", "warning")
            return
        annotation = change.annotation  # as it is now, or as it was if this step removed it
        self._refresh_annotation(annotation, change.exists)
        views = self.views_of(annotation.document_id)  # type: ignore[attr-defined]
        if views:
            views[0].move_to(annotation.start)
        self._say(f"{verb.capitalize()}: {change.kind} of {annotation.tag} “{_short(annotation.text)}”")

    def action_undo(self) -> None:
        self._apply_change(self.store.undo(), "undo")

    def action_redo(self) -> None:
        self._apply_change(self.store.redo(), "redo")

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
            updated = self.store.set_note(span.id, note)
            self._refresh_annotation(updated, exists=True)
            self._say("Note saved")

        self.push_screen(NoteScreen(span.text, span.tag, span.note or ""), save)  # type: ignore[attr-defined]

    def action_adjust(self) -> None:
        view = self.focused_view  # type: ignore[attr-defined]
        span = self._annotation_under_cursor(view) if view else None
        if span is None:
            self._say("Put the cursor on an annotation to adjust its boundaries", "warning")
            return
        from tui.screens.adjust import AdjustScreen
        self.push_screen(AdjustScreen(self, view, span.id))  # type: ignore[attr-defined]

    def move_boundary(self, view: ArticleView, annotation_id: str, edge: str, unit: str, step: int) -> Any:
        """Move one edge of a span by a character or a word; each step is its own undoable change."""
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
            view.move_to(span.start)

    def action_previous_annotation(self) -> None:
        view = self.focused_view  # type: ignore[attr-defined]
        span = view.spans.previous_start_before(view.cursor) if view else None
        if span is None:
            self._say("No annotation before the cursor", "warning")
        else:
            view.move_to(span.start)

    def action_annotations(self) -> None:
        view = self.focused_view  # type: ignore[attr-defined]
        if view is None or view.document is None:
            return
        from tui.screens.annotation_list import AnnotationListScreen

        def jump(annotation_id: str | None) -> None:
            span = view.spans.get(annotation_id) if annotation_id else None
            if span is not None:
                view.focus()
                view.move_to(span.start)

        annotations = self.store.annotations(view.document.id)
        self.push_screen(AnnotationListScreen(annotations, self.tags, view.document.title), jump)  # type: ignore

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
                return
            if not view.hits:
                self._say(f"Not found: {query}", "warning")
                return
            self.action_search_step(1, from_cursor=True)

        self.push_screen(SearchScreen(self.search_query), run)  # type: ignore[attr-defined]

    def action_search_step(self, step: int, from_cursor: bool = False) -> None:
        view = self.focused_view  # type: ignore[attr-defined]
        if view is None:
            return
        if not view.hits and self.search_query:
            view.hits = _hits(view.text, self.search_query)
        if not view.hits:
            self._say("No search: press / to search this document", "warning")
            return
        starts = [start for start, _ in view.hits]
        if step > 0:
            later = [s for s in starts if (s >= view.cursor if from_cursor else s > view.cursor)]
            target = later[0] if later else starts[0]
        else:
            earlier = [s for s in starts if s < view.cursor]
            target = earlier[-1] if earlier else starts[-1]
        view.move_to(target)
        self.update_status(f"hit {starts.index(target) + 1}/{len(starts)}")  # type: ignore[attr-defined]

    # --- export ------------------------------------------------------------------------------------------
    def action_export(self) -> None:
        from store.formats import export
        from store.formats.output import write_output
        database = Path(self.store.path)
        written = []
        for fmt in ("csv", "jsonl"):
            target = database.with_name(f"{database.stem}-annotations.{fmt}")
            # A half-written export never replaces a good one; a FIFO or a link there stays one.
            count = write_output(target, lambda out, fmt=fmt: export(self.store, fmt, out))
            written.append(str(target))
        self._say(f"Exported {count} annotation{'' if count == 1 else 's'} to {written[0]} and {written[1]}")
