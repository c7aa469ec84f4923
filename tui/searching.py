"""Searching the focused document: `/` asks for a query, `n` and `N` step through its hits."""
from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from tui import navigation as nav
from tui.widgets.view_layers import FLASH, HITS, ORDER_HITS

if TYPE_CHECKING:
    from tui.reading import Say, Show, UpdateStatus, Views
    from tui.widgets.article_view import ArticleView


def _hits(text: str, query: str) -> list[tuple[int, int]]:
    """Every (start, end) where `query` occurs in `text` (the pane's search hits)."""
    return [(start, start + len(query)) for start in nav.find_all(text, query)]


def set_hits(view: ArticleView, query: str) -> None:
    """Mark every hit of `query` in the pane (the "hits" layer); an empty query clears them."""
    view.set_layer(HITS, _hits(view.text, query) if query else (), "article--hit", order=ORDER_HITS)


def hit_status(view: ArticleView) -> str:
    """Where the cursor is among the pane's search hits: "hit 3/14", or "14 hits" between them."""
    hits = view.named_layers.ranges(HITS)
    index = bisect_right(hits, (view.cursor, len(view.text) + 1)) - 1
    if index >= 0 and hits[index][0] <= view.cursor < hits[index][1]:
        return f"hit {index + 1}/{len(hits)}"
    return f"{len(hits)} hit{'' if len(hits) == 1 else 's'}"


class SearchController:
    """The last query (the prompt shows it again, `F` starts from it) and the hits of each pane."""

    def __init__(self, views: Views, say: Say, show: Show, update_status: UpdateStatus) -> None:
        self.views = views
        self.say = say
        self.show = show
        self.update_status = update_status
        self.query = ""

    def status(self, view: ArticleView) -> str | None:
        """The status line's part: where the cursor is among the hits, when there are any."""
        return hit_status(view) if HITS in view.named_layers else None

    def search(self) -> None:
        from tui.screens.search import SearchScreen
        view = self.views.focused_view

        def run(query: str | None) -> None:
            if query is None or view is None:
                return
            self.query = query
            set_hits(view, query)
            if not query:
                self.update_status()  # the hits are gone; the cursor stays
                return
            if HITS not in view.named_layers:
                self.say(f"Not found: {query}", "warning")
                return
            self.step(1, from_cursor=True)

        self.show(SearchScreen(self.query), run)

    def step(self, step: int, from_cursor: bool = False) -> None:
        """Go to the next (or previous) hit; `from_cursor`: to the hit the cursor is in, or the next one.

        So Enter on the previous query, shown again in the prompt, keeps the cursor on its hit
        rather than skipping to the following one. Going round the end of the document is said.
        """
        view = self.views.focused_view
        if view is None:
            return
        if HITS not in view.named_layers and self.query:
            set_hits(view, self.query)
        hits = view.named_layers.ranges(HITS)
        if not hits:
            self.say("No search: press / to search this document", "warning")
            return
        cursor = view.cursor
        if step > 0:
            later = [s for s, e in hits if (e > cursor if from_cursor else s > cursor)]
            target = later[0] if later else hits[0][0]
            wrapped = not later and target < cursor
        else:
            earlier = [s for s, _ in hits if s < cursor]
            target = earlier[-1] if earlier else hits[-1][0]
            wrapped = not earlier and target > cursor
        view.jump_to(target)
        if wrapped:
            self.say(f"Search went on from the {'top' if step > 0 else 'end'} of the document")

    def clear(self, view: ArticleView) -> None:
        """Escape: the pane's hits (and the flash of an aligned passage) go; the query stays for n."""
        view.clear_layer(HITS)
        view.clear_layer(FLASH)
