"""How many panes the terminal holds, which documents they show, and where each pane was left."""
from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from tui.widgets.article_view import ArticleView

MIN_PANE_WIDTH = 40
MAX_PANES = 5


def pane_count(width: int, documents: int) -> int:
    """Panes of at least MIN_PANE_WIDTH columns, at most MAX_PANES, never more than documents."""
    return max(1, min(MAX_PANES, width // MIN_PANE_WIDTH, max(1, documents)))


class PanePlan(NamedTuple):
    documents: list[str]  # what the panes show, in pane order (more than there are panes)
    starts: list[dict[str, Any]]  # where each pane was, in pane order (two may show one document)


def plan_panes(order: list[str], saved: list[dict[str, Any]], requested: list[str]) -> PanePlan:
    """Where the reader left off (`saved`, the panes' state), then the documents asked for, then the rest."""
    starts = [entry for entry in saved if entry.get("document") in order]
    wanted = [entry["document"] for entry in starts]
    wanted += [doc for doc in requested if doc not in wanted]
    wanted += [doc for doc in order if doc not in wanted]
    return PanePlan(wanted, starts)


def positions(views: Iterable[ArticleView]) -> list[dict[str, Any]]:
    """Each pane's document, cursor and top row, in pane order (what the panes' state keeps)."""
    return [{"document": view.document.id, "cursor": view.cursor, "top": int(view.scroll_y)}
            for view in views if view.document is not None]
