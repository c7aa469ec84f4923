"""How much of each document is also found elsewhere, and in which documents."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from tui.screens._text import visible
from tui.screens.modal import ModalBase
from tui.screens.passages import short_title

if TYPE_CHECKING:
    from corpus.align import Overlap

TITLE_CHARS = 40
WITH_TITLE_CHARS = 24
WITH_CHARS = 160
MAX_ROWS = 100  # the documents sharing most; a DataTable row costs about a millisecond to add


def percent(share: float) -> str:
    """A share as a percentage; a little shared text never rounds down to a bare 0%."""
    if share <= 0:
        return "0%"
    if share < 0.01:
        return "<1%"
    return f"{share * 100:.0f}%"


class SummaryScreen(ModalBase[None]):
    """Per document: the share of its text found elsewhere and with whom; dismisses with None."""

    CSS_PATH = "summary.tcss"
    BINDINGS = [
        Binding("escape,q", "close", "Close", id="summary.close"),
    ]

    def __init__(self, overlaps: Mapping[str, Any], titles: Mapping[str, str],
                 with_documents: Callable[[str], dict[str, int]] | None = None, *,
                 total: int | None = None, carrying: int | None = None, **kwargs) -> None:
        """`with_documents(doc_id)`, when given, finds "also in" for the shown rows only (the
        overlaps then need no with_documents of their own). `total` and `carrying`, when given,
        count every document and those sharing text, when `overlaps` holds only the rows shown."""
        super().__init__(**kwargs)
        self.overlaps = dict(overlaps)
        self.total = len(self.overlaps) if total is None else total
        self.carrying = carrying
        self.find_with = with_documents
        self.titles = dict(titles)
        order = {doc_id: i for i, doc_id in enumerate(self.titles)}
        self.ordered = sorted(self.overlaps.values(),
                              key=lambda o: (-o.share, order.get(o.document_id, len(order)), o.document_id))

    def compose(self) -> ComposeResult:
        with Vertical(id="summary-box", classes="modal-box"):
            yield Static(Text("Shared text per document", style="bold"), classes="modal-title")
            yield Static(id="summary-status")
            yield DataTable(id="summary-table", cursor_type="row", zebra_stripes=True)
            yield Static(Text("↑↓ move · esc close"), classes="modal-hint")

    def with_text(self, overlap: Overlap) -> Text:
        """The other documents, most shared characters first: "Title (340 chars), ..."."""
        found = self.find_with(overlap.document_id) if self.find_with else overlap.with_documents
        others = sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))
        if not others:
            return Text("only here", style="dim italic")
        parts = [f"{short_title(self.titles, doc_id, WITH_TITLE_CHARS)} ({chars:,} chars)" for doc_id, chars in others]
        return Text(visible(", ".join(parts), WITH_CHARS))

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(Text("document"), key="document")
        table.add_column(Text("shared", justify="right"), key="share")
        table.add_column(Text("chars", justify="right"), key="chars")
        table.add_column(Text("also in"), key="with")
        for overlap in self.ordered[:MAX_ROWS]:
            table.add_row(
                Text(short_title(self.titles, overlap.document_id, TITLE_CHARS)),
                Text(percent(overlap.share), justify="right", style="bold" if overlap.share else "dim"),
                Text(f"{overlap.shared_chars:,}/{overlap.length:,}", justify="right"),
                self.with_text(overlap),
                key=overlap.document_id,
            )
        carrying = (sum(1 for o in self.ordered if o.shared_chars) if self.carrying is None
                    else self.carrying)
        if not self.total:
            status = "No documents"
        elif not carrying:
            status = f"None of the {self.total} documents shares text with another"
        else:
            status = f"{carrying:,} of {self.total:,} documents share text with another"
        shown = Text(status)
        if self.total > MAX_ROWS:
            shown.append(f" · showing the {MAX_ROWS} sharing most", style="bold yellow")
        self.query_one("#summary-status", Static).update(shown)
        table.focus()

    def action_close(self) -> None:
        self.dismiss(None)
