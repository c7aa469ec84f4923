"""Shared passages across the corpus: which passages several documents carry, and where."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from tui.screens._text import highlighted_row_key, visible
from tui.screens.modal import ModalBase

if TYPE_CHECKING:
    from corpus.align import Cluster

TEXT_CHARS = 50
TITLE_CHARS = 18
DOCUMENTS_CHARS = 80
KIND_STYLES = {"shared": "bold green", "similar": "yellow"}
MAX_ROWS = 1000  # the widest-reaching passages; a DataTable of 24,000 rows took 4 s to build


def short_title(titles: Mapping[str, str], doc_id: str, limit: int = TITLE_CHARS) -> str:
    """A document's title (its id when it has none) on one line, cut to `limit`."""
    return visible(titles.get(doc_id) or doc_id, limit)


def sorted_clusters(clusters: Iterable[Cluster]) -> list[Cluster]:
    """Clusters by reach (most documents first), then score; ties keep the given order. A
    cluster id given twice is shown once (the first): an id is a digest of the members, so a
    repeat is the same passage, and a table row key may not repeat."""
    unique = {}
    for cluster in clusters:
        unique.setdefault(cluster.id, cluster)
    return sorted(unique.values(), key=lambda c: (-c.reach, -c.score))


class PassagesScreen(ModalBase[tuple[str, str] | None]):
    """Shared passages; dismisses with ("open", cluster id), ("variants", cluster id), or None."""

    CSS_PATH = "passages.tcss"
    BINDINGS = [
        Binding("escape,q", "cancel", "Close", id="passages.close"),
        Binding("v", "variants", "Compare the versions of this passage", id="passages.variants"),
        Binding("o", "open", "Open this passage in the reader", show=False, id="passages.open"),
    ]

    def __init__(self, clusters: Iterable[Cluster], titles: Mapping[str, str], *, hidden_boilerplate: int = 0,
                 **kwargs) -> None:
        super().__init__(**kwargs)
        self.clusters = sorted_clusters(clusters)
        self.hidden_boilerplate = hidden_boilerplate  # boilerplate clusters left out (S shows them)
        self.titles = dict(titles)
        self.total_documents = len(self.titles) or len({m.document_id for c in self.clusters for m in c.members})

    def compose(self) -> ComposeResult:
        with Vertical(id="passages-box", classes="modal-box"):
            yield Static(Text("Shared passages", style="bold"), classes="modal-title")
            yield Static(id="passages-status")
            yield DataTable(id="passages-table", cursor_type="row", zebra_stripes=True)
            yield Static(Text("enter open in reader · v compare versions · esc close"), classes="modal-hint")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(Text("passage"), key="text")
        table.add_column(Text("kind"), key="kind")
        table.add_column(Text("score", justify="right"), key="score")
        table.add_column(Text("reach", justify="right"), key="reach")
        table.add_column(Text("documents"), key="documents")
        for cluster in self.clusters[:MAX_ROWS]:
            table.add_row(*self._cells(cluster), key=cluster.id)
        if self.clusters:
            shared = sum(1 for c in self.clusters if c.kind == "shared")
            status = (f"{len(self.clusters):,} passages found in two or more of {self.total_documents:,} documents"
                      f" ({shared:,} shared verbatim, {len(self.clusters) - shared:,} similar)")
            if len(self.clusters) > MAX_ROWS:
                status += f"; showing the {MAX_ROWS:,} found in most documents"
        elif self.hidden_boilerplate:
            status = f"No shared passages besides boilerplate among the {self.total_documents:,} documents"
        else:
            status = f"No shared passages: none of the {self.total_documents:,} documents repeat each other's text"
        if self.hidden_boilerplate:
            status += f"; {self.hidden_boilerplate} boilerplate passages hidden (S in the reader shows them)"
        self.query_one("#passages-status", Static).update(Text(status))
        table.display = bool(self.clusters)
        table.focus()

    def _cells(self, cluster: Cluster) -> list[Text]:
        documents = dict.fromkeys(m.document_id for m in cluster.members)  # first appearance order
        names = ", ".join(short_title(self.titles, d) for d in documents)
        return [
            Text(visible(cluster.text, TEXT_CHARS)),
            Text(f"{cluster.kind} · boilerplate" if getattr(cluster, "boilerplate", False) else cluster.kind,
                 style="dim" if getattr(cluster, "boilerplate", False) else KIND_STYLES.get(cluster.kind, "")),
            Text(f"{cluster.score:.0f}", justify="right"),
            Text(f"{cluster.reach}/{self.total_documents}", justify="right"),
            Text(visible(names, DOCUMENTS_CHARS), style="dim"),
        ]

    def highlighted_id(self) -> str | None:
        """Id of the cluster under the cursor, or None when there is none."""
        return highlighted_row_key(self.query_one(DataTable))

    def _choose(self, what: str) -> None:
        cluster_id = self.highlighted_id()
        if cluster_id is None:
            self.app.bell()
        else:
            self.dismiss((what, cluster_id))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.dismiss(("open", event.row_key.value))

    def action_open(self) -> None:
        self._choose("open")

    def action_variants(self) -> None:
        self._choose("variants")

    def action_cancel(self) -> None:
        self.dismiss(None)
