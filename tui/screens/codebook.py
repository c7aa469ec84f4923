"""The codebook view: every tag's key, colour, grouping and definition, and the relation types."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.screens._text import colour_style, visible, visible_block
from tui.screens.modal import ModalBase

DESCRIPTION_LINES = 12
DESCRIPTION_CHARS = 2000
GROUPING_NAMES = {"passage": "coverage groups by shared passage", "value": "coverage groups by value",
                  "text": "coverage groups by text"}


def tag_entry(tag: Any) -> Text:
    """One tag as the view shows it: key, name in its colour, grouping, then its definition."""
    entry = Text()
    entry.append(f" {visible(tag.key, 3)} " if tag.key else " - ", style="bold reverse")
    entry.append(" ")
    entry.append(visible(tag.name, 64), style=colour_style(tag.colour, bold=True))
    entry.append(f"  {GROUPING_NAMES.get(tag.groups_by, tag.groups_by)}", style="dim")
    description = visible_block(tag.description, DESCRIPTION_LINES, DESCRIPTION_CHARS)
    entry.append("\n")
    entry.append(description or "(no description: add one in a codebook file)",
                 style="" if description else "dim italic")
    for definition in getattr(tag, "attributes", ()):
        entry.append("\n  ")
        entry.append(visible(definition.name, 40), style="bold")
        if definition.choices:
            entry.append(": " + " | ".join(f"{visible(c.key, 3)} {visible(c.value, 40)}" for c in definition.choices))
        else:
            entry.append(": free text", style="dim")
        if definition.description:
            entry.append(f"  {visible(definition.description, 100)}", style="dim")
    return entry


def relations_text(relations: Iterable[Any]) -> Text:
    """The relation types, one a line: name, source tags -> target tags."""
    text = Text()
    for index, relation in enumerate(relations):
        if index:
            text.append("\n")
        text.append(visible(relation.name, 40), style="bold")
        text.append(f"  {visible(', '.join(relation.source), 60)} → {visible(', '.join(relation.target), 60)}")
        if relation.description:
            text.append(f"  {visible(relation.description, 80)}", style="dim")
    return text


class CodebookScreen(ModalBase[None]):
    """The codebook; the tag under the reader's cursor (if any) is highlighted. Dismisses with None."""

    CSS_PATH = "codebook.tcss"
    BINDINGS = [
        Binding("escape,q,C,enter", "close", "Close", id="codebook.close", key_display="esc"),
    ]

    def __init__(self, tags: Iterable[Any], relations: Iterable[Any] = (), current: str | None = None,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.tags = list(tags)
        self.relations = list(relations)
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="codebook-box", classes="modal-box"):
            yield Static(Text(f"Codebook: {len(self.tags)} tag{'' if len(self.tags) == 1 else 's'}", style="bold"),
                         classes="modal-title")
            options = [Option(tag_entry(tag)) for tag in self.tags]
            yield OptionList(*options, id="codebook-tags", markup=False)
            if self.relations:
                yield Static(Text("Relation types", style="bold underline"), id="codebook-relations-title")
                yield Static(relations_text(self.relations), id="codebook-relations")
            yield Static(Text("↑↓ move · esc close · change it with `sidebyside codebook import FILE`"),
                         classes="modal-hint")

    def on_mount(self) -> None:
        tags = self.query_one(OptionList)
        names = [tag.name for tag in self.tags]
        if self.current in names:
            tags.highlighted = names.index(self.current)
        tags.focus()

    @property
    def highlighted_tag(self) -> str | None:
        """The name of the highlighted tag."""
        index = self.query_one(OptionList).highlighted
        return None if index is None else self.tags[index].name

    def action_close(self) -> None:
        self.dismiss(None)
