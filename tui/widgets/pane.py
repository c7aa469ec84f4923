"""One article pane: a header with the document's title and source above its ArticleView."""
from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from tui.textlayout import glyph
from tui.widgets.article_view import ArticleView


def one_line(text: str | None) -> str:
    """Text for a one-line header: controls made visible, line breaks as spaces."""
    if not text:
        return ""
    return "".join(" " if char in "\n\t" else glyph(char) for char in text)


class ArticlePane(Vertical):
    """A pane shows one document; which one is chosen by the app."""

    def __init__(self, index: int) -> None:
        super().__init__(id=f"pane-{index}", classes="pane")
        self.index = index

    def compose(self) -> ComposeResult:
        yield Static("", classes="pane-header", markup=False)
        yield ArticleView(id=f"view-{self.index}")

    @property
    def view(self) -> ArticleView:
        return self.query_one(ArticleView)

    def set_header(self, document: Any, position: int, total: int) -> None:
        header = Text(no_wrap=True, overflow="ellipsis")
        header.append(f"{position}/{total} ", style="dim")  # first, so a long title never hides it
        header.append(one_line(document.title), style="bold")
        if document.source:
            header.append("  ")
            header.append(one_line(document.source), style="italic")
        self.query_one(".pane-header", Static).update(header)
