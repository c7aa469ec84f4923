"""Pilot tests for the modal screens: what each returns, and that untrusted text stays literal."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
from textual import events
from textual.widgets import DataTable, Input, Static, TextArea

from tests.screen_host import Host, no_blink
from tui.screens._text import editable, visible, visible_block
from tui.screens.annotation_list import AnnotationListScreen
from tui.screens.help import HelpScreen
from tui.screens.message import MessageScreen
from tui.screens.note import NoteScreen
from tui.screens.picker import PickerScreen
from tui.screens.search import SearchScreen

NASTY = ["[/]", "[bold]x", "\x1b[31mred", "[@click=app.quit]x[/]", "[b"]


def doc(id, title, source, length, **counts):
    return SimpleNamespace(id=id, title=title, source=source, url=None, date=None, length=length,
                           imported="", counts=counts)


TAGS = [SimpleNamespace(name="quote", key="1", colour="#3b82f6", position=0),
        SimpleNamespace(name="claim", key="2", colour="not-a-colour", position=1),
        SimpleNamespace(name="[b", key="3", colour=None, position=2)]
DOCS = [doc("a1", "Minister resigns", "Reuters", 1200, quote=3),
        doc("b2", "Storm [/] hits coast", "AP", 800, claim=1),
        doc("c3", None, "\x1b[31mBBC", 50)]


def ann(id, tag, start, text, note=""):
    return SimpleNamespace(id=id, document_id="a1", tag=tag, start=start, end=start + len(text), text=text,
                           prefix="", suffix="", note=note, annotator=None, created="", updated="")


ANNS = [ann("x1", "quote", 0, "“We will not resign,” he said.\nNext"),
        ann("x2", "claim", 40, "[bold]unemployment fell", note="check\x1b[2J source"),
        ann("x3", "quote", 90, "another quote"),
        ann("x4", "[b", 120, "[/]")]


def test_visible_maps_controls_and_truncates():
    assert visible("a\x1bb\nc\td") == "a\u241bb⏎ c→d"
    assert visible("abcdef", 4) == "abc…"
    assert visible("abc", 3) == "abc"
    assert visible(None) == ""
    assert visible_block("1\n2\n3", max_lines=2) == "1\n2…"
    assert editable("a\x1b\r\nb\tc") == "a\u241b\nb\tc"


async def test_picker_filters_and_returns_id():
    app = Host(lambda: PickerScreen(DOCS, TAGS, current_id="b2", overlap={"a1": 0.25}))
    async with app.run_test() as pilot:
        no_blink(app)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 3
        assert table.cursor_row == 1  # starts on current_id
        assert [str(c.label) for c in table.columns.values()][-4:] == ["quote", "claim", "[b", "shared %"]
        await pilot.press(*"storm")
        assert table.row_count == 1
        await pilot.press("enter")
    assert app.results == ["b2"]


async def test_picker_arrows_from_input_and_escape():
    app = Host(lambda: PickerScreen(DOCS, TAGS))
    async with app.run_test() as pilot:
        no_blink(app)
        await pilot.press(*"zzz", "enter")  # nothing matches: Enter keeps the picker open
        assert app.screen.query_one(DataTable).row_count == 0 and app.results == []
        await pilot.press("ctrl+a", "ctrl+k", *"BBC")  # matches the source, case-insensitively
        assert app.screen.query_one(DataTable).row_count == 1
        await pilot.press("ctrl+a", "ctrl+k")
        await pilot.press("down", "down", "up", "down")
        assert isinstance(app.focused, Input)
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == ["c3"]
        app.push_screen(PickerScreen(DOCS, TAGS), app.results.append)
        await pilot.pause()
        await pilot.press("escape")
    assert app.results == ["c3", None]


async def test_annotation_list_filters_by_key_and_returns_id():
    app = Host(lambda: AnnotationListScreen(ANNS, TAGS, "Minister [b resigns"))
    async with app.run_test() as pilot:
        screen = app.screen
        table = screen.query_one(DataTable)
        assert screen.status.plain == "Showing: all 4"
        await pilot.press("1")
        assert screen.status.plain == "Showing: quote (2 of 4)"
        assert table.row_count == 2
        await pilot.press("1")  # the same key again shows all
        assert table.row_count == 4
        await pilot.press("3")
        assert screen.status.plain == "Showing: [b (1 of 4)"
        await pilot.press("0")
        assert table.row_count == 4
        text_cell = table.get_cell("x1", "text")
        assert "\n" not in text_cell.plain and "⏎" in text_cell.plain
        assert "\x1b" not in table.get_cell("x2", "note").plain
        await pilot.press("2", "enter")
    assert app.results == ["x2"]


async def test_annotation_list_empty_and_close():
    app = Host(lambda: AnnotationListScreen([], TAGS, "Empty"))
    async with app.run_test() as pilot:
        assert app.screen.status.plain == "No annotations in this document yet"
        await pilot.press("enter", "q")
    assert app.results == [None]


@pytest.mark.parametrize("keys, expected", [(("ctrl+s",), "old note\nmore"), (("escape",), None)])
async def test_note_saves_or_cancels(keys, expected):
    app = Host(lambda: NoteScreen("[bold]text\x1b[0m\nline two", "[b", "old note"))
    async with app.run_test() as pilot:
        no_blink(app)
        assert isinstance(app.focused, TextArea)
        await pilot.press("enter", *"more", *keys)
    assert app.results == [expected]


async def test_note_keeps_controls_off_the_terminal():
    """TextArea sends ESC raw to the terminal: the editor gets visible symbols instead."""
    app = Host(lambda: NoteScreen("quoted", "quote", "a\x1b[2Jb"))
    async with app.run_test() as pilot:
        no_blink(app)
        assert "\x1b" not in app.export_screenshot()
        await pilot.press("ctrl+s")  # unedited: the stored note comes back unchanged
        app.push_screen(NoteScreen("quoted", "quote", ""), app.results.append)
        await pilot.pause()
        no_blink(app)
        app.post_message(events.Paste("p\x1b]0;title\x07q"))
        await pilot.pause()
        assert "\x1b" not in app.export_screenshot()
        await pilot.press("ctrl+s")
    assert app.results == ["a\x1b[2Jb", "p\u241b]0;title\u2407q"]


async def test_search_returns_text_empty_or_none():
    app = Host(lambda: SearchScreen("old", prompt="Find [b"))
    async with app.run_test() as pilot:
        no_blink(app)
        assert app.screen.query_one(Input).value == "old"
        await pilot.press(*"new", "enter")  # the prefilled query is selected, so typing replaces it
        app.push_screen(SearchScreen("old"), app.results.append)
        await pilot.pause()
        await pilot.press("ctrl+a", "ctrl+k", "enter")
        app.push_screen(SearchScreen("old"), app.results.append)
        await pilot.pause()
        await pilot.press("escape")
    assert app.results == ["new", "", None]


async def test_help_lists_rows_and_closes():
    sections = [("Reading", [("j / ↓", "Line down"), ("[/]", "Odd [bold] key")]), ("Tags", [("1", "Quote")])]
    app = Host(lambda: HelpScreen(sections))
    async with app.run_test() as pilot:
        shown = "\n".join(str(static.render()) for static in app.screen.query(Static))
        for text in ("Keys", "Reading", "Line down", "[/]", "Odd [bold] key", "Tags", "Quote"):
            assert text in shown
        await pilot.press("question_mark")
    assert app.results == [None]


async def test_message_shows_markup_and_escapes_literally():
    app = Host(lambda: MessageScreen("2 [/] inputs could not be read", [f"{n}: bad" for n in NASTY]))
    async with app.run_test() as pilot:
        body = app.screen.body_text().plain
        for literal in ("[/]: bad", "[bold]x: bad", "\u241b[31mred: bad", "[@click=app.quit]x[/]: bad", "[b: bad"):
            assert literal in body
        assert "\x1b" not in body
        assert "\x1b" not in app.export_screenshot()
        svg = app.export_screenshot()
        assert "[bold]x" in svg.replace("&#160;", " ")
        await pilot.press("enter")
    assert app.results == [None]
