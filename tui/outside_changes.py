"""Noticing what other processes wrote: the reader polls PRAGMA data_version and redraws what changed."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from tui.spans import Span

if TYPE_CHECKING:
    from store.store import Store
    from tui.reading import UpdateStatus, Views
    from tui.widgets.article_view import ArticleView

# Two coders on one database see each other's work within about a second; a poll is one PRAGMA.
POLL_SECONDS = 0.5


def _keys(spans: Iterable[Span]) -> set[tuple[str, int, int, str]]:
    """What a view draws of each span, to compare what is shown with what is stored."""
    return {(span.id, span.start, span.end, span.tag) for span in spans}


class OutsideChanges:
    """Compares each shown document's spans with the store whenever another connection committed."""

    def __init__(self, store: Store, views: Views, update_status: UpdateStatus,
                 notify: Callable[..., Any]) -> None:
        self.store = store
        self.views = views
        self.update_status = update_status
        self.notify = notify
        self.version = store.data_version()
        # Called with each shown document's id after another connection committed (whatever it
        # changed: a suggestion rejected elsewhere touches no span): the suggestions follow.
        self.document_hooks: list[Callable[[str], None]] = []

    def poll(self) -> int:
        """Redraw the documents another connection changed; how many annotations came or went."""
        store = self.store
        version = store.data_version()
        if version == self.version:
            return 0
        self.version = version
        changed = 0
        views_by_document: dict[str, list[ArticleView]] = {}
        for view in self.views.panes:
            if view.document is not None:
                views_by_document.setdefault(view.document.id, []).append(view)
        for doc_id, views in views_by_document.items():
            for hook in self.document_hooks:
                hook(doc_id)
            stored = store.spans(doc_id)
            now = _keys(stored)
            before = _keys(views[0].spans)
            if now == before:
                continue
            changed += len(now ^ before)
            for view in views:
                view.replace_spans(stored)
        # Always: the status line's parts read the store (a relation another process added or removed
        # changes the speaker named and highlighted, though no span changed). One status redraw.
        self.update_status()
        if changed:
            self.notify("Annotations changed by another process are shown", timeout=3, markup=False)
        return changed
