"""The annotation list of one document: filter by tag key, jump to an annotation with Enter."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from tui.screens._text import TagFilter, tag_filter_bindings, visible
from tui.screens.modal import ModalBase

if TYPE_CHECKING:
    from store.records import Annotation, Tag

TEXT_CHARS = 60
NOTE_CHARS = 40
ENTITY_CHARS = 30
ATTRIBUTE_CHARS = 48
RELATION_CHARS = 40


class AnnotationListScreen(TagFilter, ModalBase[str | None]):
    """Annotations of a document; dismisses with the chosen annotation id, or None."""

    CSS_PATH = "annotation_list.tcss"
    BINDINGS = [
        Binding("escape,q", "cancel", "Close", id="annotations.close"),
        *tag_filter_bindings("annotations"),
    ]

    def __init__(self, annotations: Iterable[Annotation], tags: Iterable[Tag], document_title: str | None,
                 entity_names: Mapping[str, str] | None = None, relation_labels: Mapping[str, str] | None = None,
                 **kwargs) -> None:
        """`entity_names`: each entity's name by id, for the entity column (actors named one way or another);
        `relation_labels`: what each annotation is linked to, by its id ("said by: Richard Grenell")."""
        self.relation_labels = dict(relation_labels or {})
        super().__init__(**kwargs)
        self.entity_names = dict(entity_names or {})
        self.annotations = list(annotations)
        self.tags = list(tags)
        self.document_title = document_title
        self._use_tags(self.tags)
        self.status = Text()  # the filter line above the table

    def compose(self) -> ComposeResult:
        with Vertical(id="annotations-box", classes="modal-box"):
            title = Text.assemble(("Annotations: ", "bold"), visible(self.document_title, 70))
            yield Static(title, classes="modal-title")
            yield Static(id="annotations-status")
            yield DataTable(id="annotations-table", cursor_type="row", zebra_stripes=True)
            hint = "enter go to · a tag's key filters · 0 all · esc close"
            yield Static(Text(hint), classes="modal-hint")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for name in ("tag", "start", "end", "text", "entity", "attributes", "relation", "note"):
            justify = "right" if name in ("start", "end") else "left"
            table.add_column(Text(name, justify=justify), key=name)
        self._fill()
        table.focus()

    def _row(self, annotation: Annotation) -> list[Text]:
        from tui.attributing import attributes_line

        entity = self.entity_names.get(getattr(annotation, "entity_id", None) or "", "")
        tag = next((tag for tag in self.tags if tag.name == annotation.tag), None)
        # `kind=direct unit=EUR` in the codebook's order; the values are whatever was typed, shown literally.
        attributes = attributes_line(annotation, tag) if getattr(annotation, "attributes", "{}") != "{}" else ""
        return [
            Text(visible(annotation.tag, 16), style=self.tag_styles.get(annotation.tag, "")),
            Text(str(annotation.start), justify="right"),
            Text(str(annotation.end), justify="right"),
            Text(visible(annotation.text, TEXT_CHARS)),
            Text(visible(entity, ENTITY_CHARS), style="bold"),
            Text(visible(attributes, ATTRIBUTE_CHARS)),
            Text(visible(self.relation_labels.get(annotation.id, ""), RELATION_CHARS)),
            Text(visible(annotation.note, NOTE_CHARS), style="italic"),
        ]

    def _fill(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        shown = [a for a in self.annotations if self.active_tag is None or a.tag == self.active_tag]
        for annotation in shown:
            table.add_row(*self._row(annotation), key=annotation.id)
        total = len(self.annotations)
        if total == 0:
            status = Text("No annotations in this document yet")
        elif self.active_tag is None:
            status = Text(f"Showing: all {total}")
        else:
            shown_tag = (visible(self.active_tag, 30), self.tag_styles.get(self.active_tag, ""))
            status = Text.assemble("Showing: ", shown_tag, f" ({len(shown)} of {total})")
        self.status = status
        self.query_one("#annotations-status", Static).update(status)
        table.display = total > 0  # an empty table under the empty-state line only adds noise

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.dismiss(event.row_key.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
