"""Adjust mode: move the start or end of the span under the cursor; each step commits, the session is one undo step."""
from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.bindings import ADJUST_HELP
from tui.widgets.pane_chrome import one_line

if TYPE_CHECKING:
    from tui.annotating import AnnotatingController
    from tui.widgets.article_view import ArticleView


class AdjustScreen(ModalScreen[None]):
    """A thin bar over the reader; the article stays visible and repaints with every step."""

    DEFAULT_CSS = """
    AdjustScreen { align: center bottom; background: transparent; }
    AdjustScreen > Static { width: 100%; height: auto; background: $panel; padding: 0 1; margin-bottom: 3; }
    """
    BINDINGS = [
        Binding("left,h", "step('char', -1)", "Edge left by a character", id="adjust.char_left"),
        Binding("right,l", "step('char', 1)", "Edge right by a character", id="adjust.char_right"),
        Binding("b", "step('word', -1)", "Edge left by a word", id="adjust.word_left"),
        Binding("w", "step('word', 1)", "Edge right by a word", id="adjust.word_right"),
        Binding("s,tab", "switch_edge", "Switch start/end", id="adjust.switch"),
        Binding("u", "undo", "Undo last step", id="adjust.undo"),
        Binding("escape,enter,e,q", "done", "Done", id="adjust.done"),
    ]

    def __init__(self, reader: AnnotatingController, view: ArticleView, annotation_id: str) -> None:
        super().__init__()
        self.reader = reader
        self.view = view
        self.annotation_id = annotation_id
        self.edge = "end"
        # Every step commits at once; when the session ends they become one undo step.
        self.history_mark = reader.store.history_mark()

    def compose(self) -> ComposeResult:
        yield Static("", markup=False)

    def on_mount(self) -> None:
        self._describe()

    def _describe(self) -> None:
        annotation = self.reader.store.annotation(self.annotation_id)
        line = Text()
        line.append(f"Adjusting the {self.edge.upper()} of ", style="bold")
        line.append(one_line(annotation.tag), style="bold")
        line.append(f" [{annotation.start}:{annotation.end}] ")
        shown = one_line(annotation.text)
        line.append("“" + (shown if len(shown) < 60 else shown[:28] + " … " + shown[-28:]) + "”")
        line.append("\n" + ADJUST_HELP, style="dim")
        self.query_one(Static).update(line)

    def action_step(self, unit: str, step: int) -> None:
        self.reader.move_boundary(self.view, self.annotation_id, self.edge, unit, step)
        self._describe()

    def action_switch_edge(self) -> None:
        self.edge = "start" if self.edge == "end" else "end"
        annotation = self.reader.store.annotation(self.annotation_id)
        self.view.move_to(annotation.start if self.edge == "start" else annotation.end - 1)
        self._describe()

    def action_undo(self) -> None:
        self.reader.undo()
        self._describe()

    def action_done(self) -> None:
        from store.errors import StoreError

        try:  # every step is committed already: failing to merge them only leaves more undo steps
            self.reader.store.merge_moves(self.annotation_id, self.history_mark)
        except StoreError as error:
            self.reader.say(str(error), "error")
        self.dismiss(None)
