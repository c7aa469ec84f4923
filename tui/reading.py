"""What the reader screen hands its controllers: the panes, the status line, messages, modal screens."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal, Protocol

if TYPE_CHECKING:
    from textual.screen import Screen

    from tui.widgets.article_view import ArticleView


class Views(Protocol):
    """The article panes: the one with focus (else the first), all of them, those showing a document."""

    @property
    def focused_view(self) -> ArticleView | None: ...

    @property
    def panes(self) -> list[ArticleView]: ...

    def views_of(self, doc_id: str) -> list[ArticleView]: ...


Severity = Literal["information", "warning", "error"]  # Textual's notification levels


class Say(Protocol):
    """A message for the person reading (a toast, shown literally); "warning" or "error" for what went wrong."""

    def __call__(self, message: str, severity: Severity = "information") -> None: ...


class UpdateStatus(Protocol):
    """Redraw the status line for the focused pane; `extra` is shown at its end, in bold."""

    def __call__(self, extra: str = "") -> None: ...


class Show(Protocol):
    """Open a modal screen over the reader; `then` gets what it is dismissed with."""

    def __call__(self, screen: Screen[Any], then: Callable[[Any], Any] | None = None) -> None: ...


# Something a controller does with one pane: after a document is shown in it, after its cursor moved.
ViewHook = Callable[["ArticleView"], None]

# A part of the status line a controller adds (the search hits, "linked"): shown in bold after the
# annotation counts, in the order the parts were registered; None or "" adds nothing.
StatusPart = Callable[["ArticleView"], "str | None"]
