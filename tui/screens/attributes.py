"""The attribute form: a span's attributes from its tag's codebook, a choice by its key, free text typed."""
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.events import Key
from textual.widget import Widget
from textual.widgets import Input, Static

from tui.screens._text import CleanInput, editable, visible, visible_block
from tui.screens.modal import ModalBase

if TYPE_CHECKING:
    from store.records import AttributeDef, Tag

QUOTE_LINES = 3
QUOTE_CHARS = 300
CLEAR_KEYS = ("backspace", "delete")
HINT = "enter/ctrl+s save · esc cancel · tab/↑↓ next field · a choice's key picks it · backspace clears"


def choices_text(definition: AttributeDef, value: str | None, focused: bool = False) -> Text:
    """A choice attribute's line: each choice with its key, the chosen one marked (names shown literally)."""
    line = Text(no_wrap=False)
    for choice in definition.choices:
        chosen = choice.value == value
        line.append(f" {visible(choice.key, 3)} ", style="bold reverse" if focused else "bold")
        line.append(" ")
        line.append(f"{'●' if chosen else '○'} {visible(choice.value, 40)}", style="bold underline" if chosen else "")
        line.append("   ")
    if value is not None and value not in [choice.value for choice in definition.choices]:
        # Stored under an older codebook: shown as it is, kept unless another choice replaces it.
        line.append(f"(now: {visible(value, 40)}, not a choice)", style="italic")
    return line


class ChoiceField(Widget, can_focus=True):
    """One choice attribute: its key picks a choice, backspace clears it."""

    DEFAULT_CSS = "ChoiceField { height: auto; }"
    BINDINGS = [
        Binding("down", "app.focus_next", "Next field", show=False, id="attributes.next_field"),
        Binding("up", "app.focus_previous", "Previous field", show=False, id="attributes.previous_field"),
    ]

    def __init__(self, definition: AttributeDef, value: str | None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.definition = definition
        self.value = value
        self.keys = {choice.key: choice.value for choice in definition.choices}

    def render(self) -> Text:
        return choices_text(self.definition, self.value, self.has_focus)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def on_key(self, event: Key) -> None:
        picked = self.keys.get(event.character or "") if event.character else None
        if picked is not None:
            event.stop()
            self.value = picked
            self.refresh()
            self.screen.focus_next()  # the next attribute: a quote's kind is one key, then Enter
        elif event.key in CLEAR_KEYS:
            event.stop()
            self.value = None
            self.refresh()


class AttributeInput(CleanInput):
    """One free-text attribute."""

    BINDINGS = [
        Binding("down", "app.focus_next", "Next field", show=False, id="attributes.input_next_field"),
        Binding("up", "app.focus_previous", "Previous field", show=False, id="attributes.input_previous_field"),
    ]


class AttributesScreen(ModalBase[dict[str, str | None] | None]):
    """The form; dismisses with every attribute's value (None: unset), or None when cancelled."""

    CSS_PATH = "attributes.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="attributes.cancel"),
        Binding("enter,ctrl+s", "save", "Save attributes", id="attributes.save"),
        # The reader binds tab to its panes: here it goes between the form's fields.
        Binding("tab", "app.focus_next", "Next field", show=False, id="attributes.tab"),
        Binding("shift+tab", "app.focus_previous", "Previous field", show=False, id="attributes.shift_tab"),
    ]

    def __init__(self, tag: Tag, annotation_text: str, values: Mapping[str, Any], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.tag = tag
        self.annotation_text = annotation_text
        self.values = dict(values)
        self.shown: dict[str, str] = {}  # what each text field started with: unedited, the stored value stays

    def compose(self) -> ComposeResult:
        with Vertical(id="attributes-box", classes="modal-box"):
            yield Static(Text.assemble(("Attributes of ", "bold"), (visible(self.tag.name, 30), "bold")),
                         classes="modal-title")
            yield Static(Text(visible_block(self.annotation_text, QUOTE_LINES, QUOTE_CHARS)), id="attributes-quote")
            with VerticalScroll(id="attributes-fields"):
                for index, definition in enumerate(self.tag.attributes):
                    yield from self._field(index, definition)
            yield Static(Text(HINT), classes="modal-hint")

    def _field(self, index: int, definition: AttributeDef) -> ComposeResult:
        label = Text(visible(definition.name, 40), style="bold")
        if definition.description:
            label.append(f"  {visible(definition.description, 300)}", style="dim")
        yield Static(label, classes="attribute-label")
        value = self.values.get(definition.name)
        value = value if isinstance(value, str) else None
        if definition.choices:
            yield ChoiceField(definition, value, id=f"attribute-{index}", classes="attribute-field")
        else:
            shown = self.shown[definition.name] = editable(value)
            yield AttributeInput(shown, id=f"attribute-{index}", classes="attribute-field",
                                 placeholder="free text (empty: unset)", select_on_focus=False)

    def on_mount(self) -> None:
        fields = list(self.query(".attribute-field"))
        if fields:
            fields[0].focus()

    def result(self) -> dict[str, str | None]:
        """Each attribute's value as the form holds it now (None: unset)."""
        out: dict[str, str | None] = {}
        for index, definition in enumerate(self.tag.attributes):
            field = self.query_one(f"#attribute-{index}")
            if isinstance(field, ChoiceField):
                out[definition.name] = field.value
            elif isinstance(field, Input):
                text = field.value
                stored = self.values.get(definition.name)
                # Unedited, a value comes back exactly as stored, not with its controls replaced.
                kept = stored if text == self.shown.get(definition.name) and isinstance(stored, str) else text
                out[definition.name] = kept or None
        return out

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        self.dismiss(self.result())

    def action_cancel(self) -> None:
        self.dismiss(None)
