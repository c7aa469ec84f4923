"""Who carries what: a matrix of annotated items (rows) by document (columns)."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from tui.screens._text import TagFilter, tag_filter_bindings, tag_keys_line, visible
from tui.screens.modal import ModalBase
from tui.screens.passages import short_title

if TYPE_CHECKING:
    from store.coverage import Coverage, CoverageRow
    from store.records import Tag

LABEL_CHARS = 48
COLUMN_TITLE_CHARS = 14
EMPTY_CELL = "·"


class CoverageScreen(TagFilter, ModalBase[tuple[str, int | None] | None]):
    """Coverage matrix; Enter on a document's cell dismisses with (document id, start of its first
    annotation of that item, or None where the document has none); Escape with None."""

    CSS_PATH = "coverage.tcss"
    BINDINGS = [
        Binding("escape,q", "cancel", "Close", id="coverage.close"),
        *tag_filter_bindings("coverage"),
    ]

    def __init__(self, coverage: Coverage, titles: Mapping[str, str], tags: Iterable[Tag], **kwargs) -> None:
        super().__init__(**kwargs)
        self.coverage = coverage
        self.titles = dict(titles)
        self.tags = list(tags)
        self._use_tags(self.tags)
        self.shown_rows: list[CoverageRow] = []
        self.status = Text()

    def compose(self) -> ComposeResult:
        with Vertical(id="coverage-box", classes="modal-box"):
            yield Static(Text("Who carries what", style="bold"), classes="modal-title")
            yield Static(id="coverage-status")
            yield DataTable(id="coverage-table", cursor_type="cell", zebra_stripes=True)
            yield Static(id="coverage-cell")  # the document of the cell under the cursor, in full
            hint = "enter go to the item in that document (or open it) · a tag's key filters · 0 all · esc close"
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

    def _cells(self, row: CoverageRow) -> list[Text]:
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
            status = Text(f"No annotations yet: tag spans ({tag_keys_line(self.tags)}) to compare coverage")
        elif self.active_tag is None:
            status = Text(f"Showing: all {len(rows)} items")
        else:
            shown_tag = (visible(self.active_tag, 30), self.tag_styles.get(self.active_tag, ""))
            status = Text.assemble("Showing: ", shown_tag, f" ({len(self.shown_rows)} of {len(rows)} items)")
        self.status = status
        self.query_one("#coverage-status", Static).update(status)
        table.display = bool(rows)
        if self.shown_rows and self.coverage.documents:
            table.move_cursor(row=0, column=2)  # on the first document's cell
        self._show_cell()

    def target(self, row_index: int, column_key: str | None) -> tuple[str, int | None] | None:
        """(document id, start of the item's first annotation there, or None for an empty cell),
        or None off the document columns."""
        if not column_key or not column_key.startswith("doc:") or not 0 <= row_index < len(self.shown_rows):
            return None
        doc_id = column_key[len("doc:"):]
        anns = self.shown_rows[row_index].cells.get(doc_id)
        return doc_id, min(a.start for a in anns) if anns else None

    def _title(self, doc_id: str) -> str:
        return visible(self.titles.get(doc_id) or doc_id, 70)

    def _describe(self, row_index: int, column_key: str | None) -> Text:
        found = self.target(row_index, column_key)
        if found is None:
            return Text("← → to a document's column: Enter goes to the item there", style="dim")
        doc_id, start = found
        row = self.shown_rows[row_index]
        count = len(row.cells.get(doc_id) or ())
        what = f"{visible(row.tag, 20)} “{visible(row.label, 30)}”"
        detail = (f"{count} × {what}, first at {start}" if count else f"no {what} tagged here: Enter opens it")
        return Text.assemble("Cell: ", (self._title(doc_id), "bold"), " · ", detail)

    def _show_cell(self) -> None:
        table = self.query_one(DataTable)
        shown = Text()
        if table.row_count:
            row_key, column_key = table.coordinate_to_cell_key(table.cursor_coordinate)
            shown = self._describe(int(row_key.value), column_key.value)
        self.query_one("#coverage-cell", Static).update(shown)

    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        event.stop()
        self._show_cell()

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        row_index = int(event.cell_key.row_key.value)
        found = self.target(row_index, event.cell_key.column_key.value)
        if found is None:
            self.app.bell()
            self.notify("Move to a document's column (← →) to open the item there", severity="warning",
                        markup=False)
            return
        doc_id, start = found
        if start is None:  # the gap is worth a look: the article may carry the item untagged
            row = self.shown_rows[row_index]
            self.notify(f"No {visible(row.tag, 20)} “{visible(row.label, 40)}” tagged in {self._title(doc_id)}",
                        markup=False)
        self.dismiss(found)

    def action_cancel(self) -> None:
        self.dismiss(None)
