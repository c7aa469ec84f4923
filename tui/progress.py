"""Progress through the corpus: D marks the focused document to do / in progress / done for this annotator."""
from __future__ import annotations

from typing import TYPE_CHECKING

from store.progress import LABELS

if TYPE_CHECKING:
    from store.progress import ProgressCount
    from store.store import Store
    from tui.patient_writes import PatientWriter
    from tui.reading import Say, UpdateStatus, Views
    from tui.widgets.article_view import ArticleView


class ProgressController:
    """The annotator's status of each document: cycled by D, shown in the status line ("12/40 done")."""

    def __init__(self, store: Store, writer: PatientWriter, annotator: str, views: Views, say: Say,
                 update_status: UpdateStatus) -> None:
        self.store = store
        self.writer = writer
        self.annotator = annotator
        self.views = views
        self.say = say
        self.update_status = update_status
        # The status line is redrawn at every key: the count is read again only after a write by
        # this connection (total_changes) or a commit by another one (data_version).
        self._cached: tuple[tuple[int, int], tuple[int, int]] | None = None

    def cycle(self) -> None:
        """To do -> in progress -> done -> to do, for the focused pane's document; one undo step."""
        view = self.views.focused_view
        if view is None or view.document is None:
            self.say("No document to mark", "warning")
            return
        doc_id = view.document.id
        title = view.document.title or doc_id

        def marked(status: str) -> None:
            self.update_status()
            self.say(f"Marked “{_short(title)}” {LABELS[status]} (u undoes)")

        self.writer.write("the document's progress", lambda: self.store.cycle_progress(doc_id, self.annotator),
                          marked)

    def done_count(self) -> tuple[int, int]:
        """(documents this annotator has done, documents in the store)."""
        from store.progress import done_count

        version = (self.store.conn.total_changes, self.store.data_version())
        if self._cached is None or self._cached[0] != version:
            self._cached = (version, done_count(self.store.conn, self.annotator))
        return self._cached[1]

    def status(self, view: ArticleView) -> str | None:
        """The status line's part: this document's status and how many are done ("in progress · 12/40 done")."""
        if view.document is None:
            return None
        done, total = self.done_count()
        return f"{LABELS[self.store.progress(view.document.id, self.annotator)]} · {done}/{total} done"

    def statuses(self) -> dict[str, str]:
        """Every document this annotator marked, with its status (the picker shows them)."""
        return self.store.progress_statuses(self.annotator)

    def counts(self) -> ProgressCount:
        """This annotator's documents to do, in progress and done (one query)."""
        return self.store.progress_counts(self.annotator)[0]


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
