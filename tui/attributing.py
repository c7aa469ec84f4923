"""The reader's attribute controller: the form on `t` for the span under the cursor, and its status-line part."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from tui.terminal_text import one_line

if TYPE_CHECKING:
    from store.records import Annotation, Tag
    from store.store import Store
    from tui.patient_writes import PatientWriter
    from tui.reading import Say, Show, Views
    from tui.widgets.article_view import ArticleView

STATUS_CHARS = 60  # of the attributes shown in the status line


def attributes_line(annotation: Annotation, tag: Tag | None) -> str:
    """An annotation's attributes in a few words: `kind=direct unit=EUR` (codebook order; "" when none)."""
    from store.attributes import values_of

    values = values_of(annotation)
    order = [d.name for d in tag.attributes] if tag is not None else []
    names = [n for n in order if n in values] + [n for n in values if n not in order]
    return " ".join(f"{name}={values[name]}" for name in names)


class AttributesController:
    """Opens the attribute form and saves what it returns; says what the span under the cursor carries.

    Given: the store, the codebook as bound now, the writer that retries a busy database, the panes,
    the annotating controller's ways to find the annotation under the cursor and to redraw one,
    and the screen's ways to open a modal screen and to tell the user something.
    """

    def __init__(self, store: Store, tags: Callable[[], list[Tag]], writer: PatientWriter, views: Views,
                 annotation_under_cursor: Callable[[ArticleView], Annotation | None],
                 refresh_annotation: Callable[[Annotation, bool], None], show: Show, say: Say) -> None:
        self.store = store
        self.tags = tags
        self.writer = writer
        self.views = views
        self.annotation_under_cursor = annotation_under_cursor
        self.refresh_annotation = refresh_annotation
        self.show = show
        self.say = say

    def tag_of(self, annotation: Annotation) -> Tag | None:
        return next((tag for tag in self.tags() if tag.name == annotation.tag), None)

    def open_form(self) -> None:
        """The form for the annotation under the focused pane's cursor, if its tag has attributes."""
        from store.attributes import values_of
        from tui.screens.attributes import AttributesScreen

        view = self.views.focused_view
        annotation = self.annotation_under_cursor(view) if view is not None else None
        if annotation is None:
            self.say("Put the cursor on an annotation to set its attributes", "warning")
            return
        tag = self.tag_of(annotation)
        if tag is None or not tag.attributes:
            self.say(f"The tag {one_line(annotation.tag, 40)} has no attributes: a codebook file defines them "
                     "([[tag.attribute]])", "warning")
            return

        def save(values: dict[str, str | None] | None) -> None:
            if values is not None:
                self.save(annotation, values)

        self.show(AttributesScreen(tag, annotation.text, values_of(annotation)), save)

    def save(self, annotation: Annotation, values: dict[str, str | None]) -> None:
        """Store the form's values (through the patient writer: a busy database is retried)."""
        def saved(updated: Annotation) -> None:
            self.refresh_annotation(updated, True)
            if updated.attributes != annotation.attributes:
                shown = attributes_line(updated, self.tag_of(updated))
                self.say(f"Attributes saved: {shown or 'none'} (u undoes)")

        self.writer.write("the attributes", lambda: self.store.set_attributes(annotation.id, values), saved)

    def status(self, view: ArticleView) -> str | None:
        """The attributes of the span under the cursor, for the status line (None when it has none)."""
        annotation = self.annotation_under_cursor(view)
        if annotation is None:
            return None
        return one_line(attributes_line(annotation, self.tag_of(annotation)), STATUS_CHARS) or None
