"""Who carries what: a matrix of annotated items (rows) by document (columns)."""
from __future__ import annotations

from typing import Any, Iterable, Mapping

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from tui.screens._text import TagFilter, tag_filter_bindings, visible
from tui.screens.passages import short_title

LABEL_CHARS = 48
COLUMN_TITLE_CHARS = 14
EMPTY_CELL = "·"


class CoverageScreen(TagFilter, ModalScreen[tuple[str, int] | None]):
    """Coverage matrix; Enter on a filled cell dismisses with (document id, start of its first
    annotation of that item); Escape with None."""

    CSS_PATH = "coverage.tcss"
    BINDINGS = [
        Binding("escape,q", "cancel", "Close", id="coverage.close"),
        *tag_filter_bindings("coverage"),
    ]

    def __init__(self, coverage: Any, titles: Mapping[str, str], tags: Iterable[Any], **kwargs) -> None:
        super().__init__(**kwargs)
        self.coverage = coverage
        self.titles = dict(titles)
        self.tags = list(tags)
        self._use_tags(self.tags)
        self.shown_rows: list[Any] = []
        self.status = Text()

    def compose(self) -> ComposeResult:
        with Vertical(id="coverage-box", classes="modal-box"):
            yield Static(Text("Who carries what", style="bold"), classes="modal-title")
            yield Static(id="coverage-status")
            yield DataTable(id="coverage-table", cursor_type="cell", zebra_stripes=True)
            hint = "enter go to the item in that document · 1–9 filter by tag · 0 all · esc close"
            yield Static(Text(hint), classes="modal-hint")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(Text("tag"), key="tag")
        table.add_column(Text("item"), key="item")
        for doc_id in self.coverage.documents:
            table.add_column(Text(short_title(self.titles, doc_id, COLUMN_TITLE_CHARS)), key=f"doc:{doc_id}")
        table.add_column(Text("docs", justify="right"), key="reach")
        self._fill()
        table.focus()

    def _cells(self, row: Any) -> list[Text]:
        cells = [
            Text(visible(row.tag, 12), style=self.tag_styles.get(row.tag, "")),
            Text(visible(row.label, LABEL_CHARS)),
        ]
        for doc_id in self.coverage.documents:
            count = len(row.cells.get(doc_id) or ())
            cells.append(Text(str(count), justify="center", style="bold") if count
                         else Text(EMPTY_CELL, justify="center", style="dim"))
        cells.append(Text(f"{row.reach}/{len(self.coverage.documents)}", justify="right"))
        return cells

    def _fill(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        rows = self.coverage.rows
        self.shown_rows = [r for r in rows if self.active_tag is None or r.tag == self.active_tag]
        for index, row in enumerate(self.shown_rows):
            table.add_row(*self._cells(row), key=str(index))
        if not rows:
            status = Text("No annotations yet: tag quotes, claims, numbers and actors to compare coverage")
        elif self.active_tag is None:
            status = Text(f"Showing: all {len(rows)} items")
        else:
            status = Text.assemble("Showing: ", (visible(self.active_tag, 30), self.tag_styles.get(self.active_tag, "")),
                                   f" ({len(self.shown_rows)} of {len(rows)} items)")
        self.status = status
        self.query_one("#coverage-status", Static).update(status)
        table.display = bool(rows)
        if self.shown_rows and self.coverage.documents:
            table.move_cursor(row=0, column=2)  # on the first document's cell

    def target(self, row_index: int, column_key: str | None) -> tuple[str, int] | None:
        """(document id, start of the item's first annotation there), or None for an empty cell."""
        if not column_key or not column_key.startswith("doc:") or not 0 <= row_index < len(self.shown_rows):
            return None
        doc_id = column_key[len("doc:"):]
        anns = self.shown_rows[row_index].cells.get(doc_id)
        if not anns:
            return None
        return doc_id, min(a.start for a in anns)

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        found = self.target(int(event.cell_key.row_key.value), event.cell_key.column_key.value)
        if found is None:
            self.app.bell()  # an empty cell or a label: nothing to open
        else:
            self.dismiss(found)

    def action_cancel(self) -> None:
        self.dismiss(None)
