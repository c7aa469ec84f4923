"""The attribute form from the keyboard: `t` on a span, a choice's key, free text, saving, undo, updated_by."""
from __future__ import annotations

import json

import pytest
from rich.text import Text

from corpus.document import Document
from store.codebook_file import parse_codebook

TEXT = "“We will not back down,” the minister said. Prices rose 30 per cent, to €6.5 billion. Oxfam agreed."
SIZE = (120, 40)


@pytest.fixture
def reader(tmp_path):
    from store import open_store
    from tui.app import ReaderApp

    store = open_store(tmp_path / "reader.db")
    store.add_document(Document(id="doc", title="Attributes", text=TEXT))

    def build(annotator="tester"):
        return ReaderApp(store, annotator)

    yield store, build
    store.close()


def _status(app) -> str:
    from textual.widgets import Static

    rendered = app.query_one("#status", Static).render()
    return rendered.plain if isinstance(rendered, Text) else str(rendered)


async def test_t_a_choice_key_and_enter_store_the_choice_and_show_it(reader):
    from tui.screens.attributes import AttributesScreen, ChoiceField

    store, build = reader
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        view = app.focused_view
        start = TEXT.index("We will")
        view.move_to(start)
        await pilot.press("v", *["w"] * 5, "1")  # "We will not back down" as a quote
        [quote] = store.annotations("doc")
        assert quote.text == "We will not back down"
        view.move_to(start + 3)
        await pilot.press("t")
        assert isinstance(app.screen, AttributesScreen)
        field = app.screen.query_one(ChoiceField)
        shown = field.render().plain
        assert "d" in shown and "direct" in shown and "i" in shown and "indirect" in shown and "m" in shown
        await pilot.press("i", "enter")
        assert not isinstance(app.screen, AttributesScreen)
        stored = store.annotation(quote.id)
        assert json.loads(stored.attributes) == {"kind": "indirect"}
        assert stored.updated_by == "tester"
        assert "kind=indirect" in _status(app)
        await pilot.press("u")  # one undo step takes it back
        assert store.annotation(quote.id).attributes == "{}"
        assert "kind=" not in _status(app)


async def test_free_text_is_typed_and_escape_cancels(reader):
    from tui.screens.attributes import AttributesScreen

    store, build = reader
    start = TEXT.index("€6.5 billion")
    number = store.add_annotation("doc", start, start + len("€6.5 billion"), "number", annotator="x")
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        app.focused_view.move_to(start + 2)
        await pilot.press("t")
        assert isinstance(app.screen, AttributesScreen)
        await pilot.press(*"6500000000", "tab", *"EUR", "escape")
        assert store.annotation(number.id).attributes == "{}"  # cancelled: nothing stored
        await pilot.press("t", *"6.5e9", "tab", *"[b]EUR", "ctrl+s")  # markup-like text stays text
        assert json.loads(store.annotation(number.id).attributes) == {"value": "6.5e9", "unit": "[b]EUR"}
        assert "value=6.5e9 unit=[b]EUR" in _status(app)
        await pilot.press("t", "backspace", "backspace", "backspace", "backspace", "backspace", "enter")
        # Enter in the first field saves: value emptied (unset), unit kept
        assert json.loads(store.annotation(number.id).attributes) == {"unit": "[b]EUR"}
        await pilot.press("t", "down", "x", "shift+tab", *"1", "up", "enter")  # ↑↓ and shift+tab move too
        assert json.loads(store.annotation(number.id).attributes) == {"value": "1", "unit": "[b]EURx"}


async def test_a_tag_without_attributes_says_so_and_opens_nothing(reader):
    from tui.screens.attributes import AttributesScreen

    store, build = reader
    store.add_annotation("doc", 0, 5, "claim", annotator="x")
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        app.focused_view.move_to(1)
        await pilot.press("t")
        assert not isinstance(app.screen, AttributesScreen)
        assert any("has no attributes" in str(n.message) for n in app._notifications)
        app.focused_view.move_to(TEXT.index("Oxfam"))
        await pilot.press("t")
        assert not isinstance(app.screen, AttributesScreen)
        assert any("Put the cursor on an annotation" in str(n.message) for n in app._notifications)


async def test_a_codebooks_own_attributes_are_offered_by_their_keys(reader):
    from tui.screens.attributes import AttributesScreen

    store, build = reader
    store.apply_codebook(parse_codebook(
        '[[tag]]\nname = "frame"\nkey = "5"\n[[tag.attribute]]\nname = "tone"\n'
        'choices = [{ value = "positive", key = "+" }, "negative", { value = "[/]odd[b", key = "o" }]\n',
        "book.toml"))
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        app.focused_view.move_to(TEXT.index("Prices"))
        await pilot.press("5", "t")
        assert isinstance(app.screen, AttributesScreen)
        from tui.screens.attributes import ChoiceField

        assert "o  ○ [/]odd[b" in app.screen.query_one(ChoiceField).render().plain  # markup-like: shown as it is
        await pilot.press("n", "enter")
        [frame] = store.annotations("doc", tag="frame")
        assert json.loads(frame.attributes) == {"tone": "negative"}
        await pilot.press("t", "+", "enter")
        assert json.loads(store.annotation(frame.id).attributes) == {"tone": "positive"}
        assert "tone=positive" in _status(app)


async def test_a_note_edited_under_another_annotator_records_who(reader):
    store, build = reader
    note_on = store.add_annotation("doc", 0, 5, "quote", annotator="root")
    app = build("bob")
    async with app.run_test(size=SIZE) as pilot:
        app.focused_view.move_to(1)
        await pilot.press("m", *"checked", "ctrl+s")
    stored = store.annotation(note_on.id)
    assert (stored.note, stored.annotator, stored.updated_by) == ("checked", "root", "bob")


async def test_help_lists_t_and_the_forms_keys(reader):
    _store, build = reader
    app = build()
    async with app.run_test(size=SIZE):
        sections = dict(app.key_sections())
        assert ("t", "Set the attributes of the annotation under the cursor") in sections["Annotations"]
        assert [keys for keys, _ in sections["Attributes (t)"]][0] == "a choice's key"


async def test_the_annotation_list_shows_each_spans_attributes_literally_and_follows_undo(reader):
    from tui.screens.annotation_list import AnnotationListScreen

    store, build = reader
    number_start = TEXT.index("€6.5")
    number = store.add_annotation("doc", number_start, number_start + len("€6.5 billion"), "number")
    store.set_attributes(number.id, {"value": "[b]6[/]\n[@click=app.quit]", "unit": "EUR"})
    app = build()
    async with app.run_test(size=(160, 40)) as pilot:
        view = app.focused_view
        start = TEXT.index("We will")
        view.move_to(start)
        await pilot.press("v", *["w"] * 5, "1")
        quote = next(a for a in store.annotations("doc") if a.tag == "quote")
        view.move_to(start + 3)
        await pilot.press("t", "d", "enter")  # kind = direct
        await pilot.press("a")
        screen = app.screen
        assert isinstance(screen, AnnotationListScreen)
        table = screen.query_one("#annotations-table")
        assert table.get_cell(quote.id, "attributes").plain == "kind=direct"
        shown = table.get_cell(number.id, "attributes")
        # Markup is only text, the line break a visible symbol, in the codebook's order (value, unit).
        assert shown.plain == "value=[b]6[/]⏎ [@click=app.quit] unit=EUR"
        assert shown.spans == []
        await pilot.press("escape", "u")  # the attribute form's change, undone
        await pilot.press("a")
        assert app.screen.query_one("#annotations-table").get_cell(quote.id, "attributes").plain == ""
        await pilot.press("escape")
    assert app.return_code in (None, 0)  # the [@click=app.quit] in a value did nothing
