"""The reader's entity controller (key E): link the actor span under the cursor to one entity.

Which spans: those of a tag the codebook groups by name (`groups_by = "text"`: actor in the
default codebook), the spans coverage groups by entity; on a quote, claim or number E says why
not. The status line names the entity of the span under the cursor.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from store.entities import Entity
    from store.records import Annotation, Tag
    from store.store import Store
    from tui.patient_writes import PatientWriter
    from tui.reading import Say, Show, Views
    from tui.screens.entity_picker import EntityChoice
    from tui.widgets.article_view import ArticleView


class EntityLinking:
    """Opens the entity picker on the current span and saves what it chose, one undo step each."""

    def __init__(self, store: Store, writer: PatientWriter, tags: Callable[[], list[Tag]], views: Views,
                 say: Say, show: Show, current_annotation: Callable[[ArticleView], Annotation | None],
                 refresh: Callable[[Annotation, bool], None], manage: Callable[[], None] | None = None) -> None:
        self.store = store
        self.writer = writer
        self.tags = tags  # the codebook now (a codebook change replaces the reader's list)
        self.views = views
        self.say = say
        self.show = show
        self.current_annotation = current_annotation  # the span just tagged, else the one at the cursor
        self.refresh = refresh  # redraw an annotation in every view of its document
        self.manage = manage  # open the entity manager (ctrl+e in the picker)

    def grouped_by_name(self, tag: str) -> bool:
        return any(t.name == tag and t.groups_by == "text" for t in self.tags())

    def open(self) -> None:
        """E: the picker for the span the cursor means, with the span's text as the default name."""
        from store.entities import OFFER_SCORE, score
        from tui.screens.entity_picker import EntityPickerScreen

        view = self.views.focused_view
        annotation = self.current_annotation(view) if view is not None else None
        if annotation is None:
            self.say("Put the cursor on an actor span (or tag one) to link it to an entity", "warning")
            return
        if not self.grouped_by_name(annotation.tag):
            self.say(f"A {annotation.tag} span names no entity: entities are for tags grouped by name "
                     "(groups_by = \"text\" in the codebook, as actor is)", "warning")
            return

        def chosen(choice: EntityChoice | None) -> None:
            if choice is not None and choice.kind == "manage":
                if self.manage is not None:
                    self.manage()
            elif choice is not None:
                self.save(annotation, choice)

        self.show(EntityPickerScreen(annotation.text, annotation.tag, self.store.entities(), score,
                                            OFFER_SCORE, annotation.entity_id), chosen)

    def save(self, annotation: Annotation, choice: EntityChoice) -> None:
        """Link, create-and-link or unlink, then redraw the span and say what was done."""
        ann_id = annotation.id
        if choice.kind == "unlink":
            call: Callable[[], Entity | None] = lambda: self.store.unlink_entity(ann_id)  # noqa: E731
            what = "the unlinking"
        elif choice.kind == "new":
            call = lambda: self.store.create_and_link_entity(ann_id, choice.name)  # noqa: E731
            what = "the new entity"
        elif choice.entity_id is not None:
            entity_id = choice.entity_id
            call = lambda: self.store.link_entity(ann_id, entity_id)  # noqa: E731
            what = "the entity link"
        else:
            return

        def done(entity: Entity | None) -> None:
            self.refresh(self.store.annotation(ann_id), True)
            if choice.kind == "unlink":
                self.say("Unlinked: this span names no entity now (u undoes)"
                         if entity is not None else "This span named no entity")
            else:
                assert entity is not None
                self.say(f"“{_short(annotation.text)}” names {_short(entity.name)} (u undoes)")

        self.writer.write(what, call, done)

    def status(self, view: ArticleView) -> str | None:
        """The status line's part: "entity: <name>" for the span under the cursor that names one."""
        from tui.annotating import _span_at_cursor

        span = _span_at_cursor(view)
        entity = self.store.entity_of(span.id) if span is not None else None
        return None if entity is None else f"entity: {entity.name}"


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
