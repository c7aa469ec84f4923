"""Invisible format characters: the reader draws bidi controls and joiners as marks, at widths the
terminal agrees with, and a note keeps exactly the characters typed into it."""
from __future__ import annotations

import pytest
from rich.cells import cell_len, get_character_cell_size
from textual._xterm_parser import XTermParser

from tests.screen_host import Host, no_blink
from tui.screens._text import visible
from tui.textlayout import BIDI_MARK, JOINER_MARK

FAMILY = "\U0001F469\u200d\U0001F469\u200d\U0001F467\u200d\U0001F466"  # 👩‍👩‍👧‍👦
RAINBOW_FLAG = "\U0001F3F3\ufe0f\u200d\U0001F308"  # 🏳️‍🌈
PERSIAN = "می\u200cخواهم"  # ZWNJ between the two parts of the word, as typed on a Persian keyboard
BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
        "\u200e", "\u200f", "\u061c"]
LINES = [f"The family {FAMILY} came", f"{RAINBOW_FLAG} flag and {FAMILY}{FAMILY} twice",
         "Open Filename\u202etxt.exe now", "".join(BIDI) + " all the bidi controls", PERSIAN + " said"]
TEXT = "\n".join(LINES)


@pytest.fixture
def reader_on(tmp_path):
    from corpus.document import Document
    from store import open_store
    from tui.app import ReaderApp

    store = open_store(tmp_path / "format.db")
    store.add_document(Document(id="f", title=f"Title {FAMILY} \u202eevil", text=TEXT))
    yield ReaderApp(store, "tester")
    store.close()


async def test_every_row_is_the_pane_width_and_no_bidi_control_reaches_the_terminal(reader_on):
    app = reader_on
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.pause()
        view = app.focused_view
        drawn = view.render_lines(view.outer_size.region)
        width = view.outer_size.width
        # Strip.cell_length is rich's measure, which Textual uses to place and crop the panes; a
        # terminal that draws each character at its own width (tmux does, for all but joined
        # emoji) must come to the same, or the border moves.
        assert [strip.cell_length for strip in drawn] == [width] * len(drawn)
        assert [sum(map(get_character_cell_size, strip.text)) for strip in drawn] == [width] * len(drawn)
        assert {strip.text[-1] for strip in drawn} == {"▕"}  # the border, in the last cell
        shown = "\n".join(strip.text for strip in drawn)
        for control in [*BIDI, "\u200d", "\ufe0f"]:
            assert control not in shown
        assert "\u200c" in shown  # ZWNJ is Persian text, zero width everywhere
        rows = [strip.text for strip in drawn]
        assert rows[1].startswith("  The family " + JOINER_MARK.join("👩👩👧👦") + " came")
        assert rows[3].startswith("  Open Filename" + BIDI_MARK + "txt.exe now")
        assert rows[4].startswith("  " + BIDI_MARK * len(BIDI) + " all the bidi controls")
        assert "\u202e" not in rows[0] and f"{JOINER_MARK}👦 {BIDI_MARK}evil" in rows[0]


async def test_a_click_on_an_emoji_after_joiners_lands_on_its_offset(reader_on):
    app = reader_on
    async with app.run_test(size=(100, 20)) as pilot:
        view = app.focused_view
        girl = TEXT.index("\U0001F467")
        column = 2 + len("The family ") + 2 + 1 + 2 + 1  # 👩 ⁀ 👩 ⁀, then 👧
        await pilot.click(view, offset=(column, 1))
        assert view.cursor == girl


def test_one_line_displays_show_the_marks_and_measure_as_drawn():
    shown = visible(f"Filename\u202etxt.exe {FAMILY}")
    assert shown == f"Filename{BIDI_MARK}txt.exe " + JOINER_MARK.join("👩👩👧👦")
    assert cell_len(shown) == len("Filename txt.exe ") + 4 * 2 + 3


async def _type(app, pilot, text: str) -> None:
    """Key presses as the terminal driver makes them from typed characters. (pilot.press cannot
    type these: it looks the character up again by its key name, and `zero_width_non_joiner`
    is not the name of ZERO WIDTH NON-JOINER, so it sends no character.)"""
    for event in XTermParser().feed(text):
        event.set_sender(app)
        app.post_message(event)
    await pilot.pause()


TYPED = [PERSIAN, f"a{FAMILY}b", "x\u202ey\u2066z\u200f", "\u00a0no-break and ideographic\u3000spaces",
         "private \ue000 and unassigned \U0001FAE9 too"]


@pytest.mark.parametrize("typed", TYPED)
async def test_a_note_stores_exactly_what_was_typed(typed):
    from tui.screens.note import NoteScreen

    app = Host(lambda: NoteScreen("quoted", "quote", ""))
    async with app.run_test() as pilot:
        no_blink(app)
        await _type(app, pilot, typed)
        await pilot.press("ctrl+s")
    assert app.results == [typed]


async def test_a_search_box_takes_every_typed_character_too():
    from tui.screens.search import SearchScreen

    app = Host(lambda: SearchScreen(""))
    async with app.run_test() as pilot:
        await _type(app, pilot, PERSIAN)
        await pilot.press("enter")
    assert app.results == [PERSIAN]


async def test_a_note_with_format_characters_comes_back_with_them_after_an_edit():
    from tui.screens.note import NoteScreen

    app = Host(lambda: NoteScreen("quoted", "quote", PERSIAN))
    async with app.run_test() as pilot:
        no_blink(app)
        await pilot.press("!", "ctrl+s")
    assert app.results == [PERSIAN + "!"]
