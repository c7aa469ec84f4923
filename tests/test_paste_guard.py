"""A bracketed paste is text, never keys: the raw bytes through Textual's parser and through ours."""
from __future__ import annotations

import sqlite3
import sys
import time
from pathlib import Path

import pytest
from textual import constants, events
from textual._xterm_parser import XTermParser

from tests.pty_terminal import Terminal, annotations, reader_env, wait_until
from tui.paste_guard import ESC_SHOWN, PasteGuardParser

START, END = "\x1b[200~", "\x1b[201~"
# The paste: `hello`, ESC `[dd` (run as `d d` it deleted an annotation), and ESC `1`
# (run as `1` it tagged one).
PASTED = "hello\x1b[dd and \x1b1 more\x1b"
RAW = START + PASTED + END
SHOWN = PASTED.replace("\x1b", ESC_SHOWN)


def _events(parser: XTermParser, *reads: str) -> list:
    # A driver never feeds an empty read: to Textual's parser that means the end of input.
    return [event for data in reads if data for event in parser.feed(data)]


def test_textuals_own_parser_turns_a_pasted_escape_into_key_presses():
    """Why the guard exists: this fails once Textual parses pastes correctly, and the guard can go."""
    got = _events(XTermParser(), RAW)
    keys = [event.key for event in got if isinstance(event, events.Key)]
    assert "d" in keys and "1" in keys
    assert [event.text for event in got if isinstance(event, events.Paste)] != [PASTED]


@pytest.mark.parametrize("cut", range(len(RAW) + 1))
def test_a_paste_cut_anywhere_across_two_reads_is_one_paste_and_no_keys(cut):
    got = _events(PasteGuardParser(), "x", RAW[:cut], RAW[cut:], "y")
    assert [type(event) for event in got] == [events.Key, events.Paste, events.Key]
    assert got[1].text == SHOWN
    assert [got[0].character, got[2].character] == ["x", "y"]


def test_a_paste_read_one_character_at_a_time_is_one_paste():
    parser = PasteGuardParser()
    got = _events(parser, *RAW, *RAW)
    assert [event.text for event in got if isinstance(event, events.Paste)] == [SHOWN, SHOWN]
    assert not [event for event in got if isinstance(event, events.Key)]


def test_an_escape_key_outside_a_paste_is_not_held_back():
    parser = PasteGuardParser()
    assert [event.text for event in _events(parser, START + "a" + END)] == ["a"]
    assert _events(parser, "\x1b") == []  # Textual waits ESCDELAY for a sequence, as without the guard
    time.sleep(constants.ESCAPE_DELAY + 0.05)
    assert [event.key for event in parser.tick()] == ["escape"]
    assert [event.key for event in _events(parser, "\x1b[A")] == ["up"]  # sequences still parse


def test_the_end_of_input_passes_on_what_was_held():
    parser = PasteGuardParser()
    assert _events(parser, START + "a\x1b[20") == []
    list(parser.feed(""))
    assert parser.is_eof


def _notes(database: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        return [note for (note,) in conn.execute("SELECT note FROM annotations")]
    finally:
        conn.close()


def test_the_real_reader_takes_a_paste_as_text_in_the_reader_and_in_the_note_editor(tmp_path):
    """The raw bytes a terminal sends for the paste, written into the reader's pseudo-terminal."""
    database = tmp_path / "sidebyside.db"
    args = [sys.executable, "-c", "import sys; from tui.entry import main; sys.argv = ['sidebyside']; main()"]
    terminal = Terminal(args, cwd=tmp_path, env=reader_env(tmp_path))
    try:
        terminal.wait_for(b"Huawei")  # the first frame: the seed articles are on screen
        terminal.type("1")  # the word under the cursor, as a quote; it stays current for d, m, e
        wait_until(lambda: annotations(database), terminal, "the tag stored")
        tagged = annotations(database)
        terminal.type(RAW)  # with Textual's parser alone: `d d` deleted it and `1` tagged again
        terminal.type("m")
        terminal.wait_for(b"ctrl+s save")  # the note editor is open
        terminal.type(RAW + "\x13")  # pasted into the note, then ctrl+s
        wait_until(lambda: any(_notes(database)), terminal, "the note stored")
        terminal.type("q")
        assert terminal.finish() == 0
    finally:
        terminal.kill()
    assert annotations(database) == tagged
    assert _notes(database) == [SHOWN]  # whole and in order, its ESCs shown as ␛
