"""Pilot tests: the reader driven by keys as a person would, checking screen state and the store."""
from __future__ import annotations

import pytest

SIZE = (200, 50)


async def test_opening_focuses_first_pane_at_start(make_reader):
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.focused_view
        assert app.focused is view
        assert view is app.panes[0]
        assert view.cursor == 0
        assert view.document.id == app.store.document_ids()[0]


@pytest.mark.parametrize("width,expected", [(200, 5), (160, 4), (100, 2), (60, 1)])
async def test_pane_count_follows_width(make_reader, width, expected):
    app = make_reader()
    async with app.run_test(size=(width, 40)) as pilot:
        await pilot.pause()
        assert len(app.panes) == expected
        shown = [pane.document.id for pane in app.panes]
        assert len(set(shown)) == expected


async def test_pane_count_follows_the_terminal_when_it_is_resized(make_reader):
    app = make_reader()
    async with app.run_test(size=(200, 40)) as pilot:
        await pilot.pause()
        assert len(app.panes) == 5
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        await pilot.pause()
        assert len(app.panes) == 2
        await pilot.resize_terminal(160, 30)
        await pilot.pause()
        await pilot.pause()
        assert len(app.panes) == 4
        assert all(pane.document is not None for pane in app.panes)


async def test_character_line_word_and_document_moves(make_reader):
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        view = app.focused_view
        text = view.text
        await pilot.press("l", "l", "right")
        assert view.cursor == 3
        await pilot.press("h", "left")
        assert view.cursor == 1
        await pilot.press("G")
        assert view.cursor == len(text)
        await pilot.press("g")
        assert view.cursor == 0
        await pilot.press("j")
        assert view.layout_.row_of(view.cursor) == 1
        await pilot.press("k")
        assert view.cursor == 0
        await pilot.press("end")
        assert view.cursor == view.layout_.ends[0] - 1  # the last character of a soft-wrapped row
        assert view.layout_.row_of(view.cursor) == 0
        await pilot.press("home")
        assert view.cursor == 0
        start = text.index("If Germany")
        view.move_to(start)
        await pilot.press("w")
        assert text[view.cursor:].startswith("Germany")
        await pilot.press("b")
        assert view.cursor == start
        await pilot.press("right_parenthesis")
        assert text[view.cursor:].startswith("That was the message")
        await pilot.press("left_parenthesis")
        assert view.cursor == start
        await pilot.press("pagedown")
        assert view.layout_.row_of(view.cursor) > 20
        await pilot.press("pageup")
        assert view.layout_.row_of(view.cursor) < 5


async def test_shift_selection_and_tagging_stores_exact_text(make_reader):
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        view = app.focused_view
        start = view.text.index("Richard Grenell")
        view.move_to(start)
        for _ in range(len("Richard Grenell")):
            await pilot.press("shift+right")
        assert view.selection == (start, start + len("Richard Grenell"))
        await pilot.press("4")
        [annotation] = app.store.annotations(view.document.id)
        assert (annotation.tag, annotation.text, annotation.annotator) == ("actor", "Richard Grenell", "tester")
        assert view.selection is None
        assert view.spans.get(annotation.id) is not None


async def test_anchor_mode_extends_with_plain_moves_until_escape(make_reader):
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        view = app.focused_view
        await pilot.press("v", "w", "w")
        assert view.selection == (0, view.cursor)
        await pilot.press("escape")
        assert view.selection is None
        await pilot.press("l")
        assert view.selection is None


async def test_tagging_a_selection_leaves_out_the_white_space_at_its_edges(make_reader):
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        view = app.focused_view
        start = view.text.index("Richard Grenell")
        view.move_to(start)
        await pilot.press("v", "w", "w", "w")  # word moves end on the next word: "Richard Grenell, "
        assert view.text[slice(*view.selection)].endswith(" ")
        await pilot.press("4")
        [annotation] = app.store.annotations(view.document.id)
        assert (annotation.start, annotation.text) == (start, "Richard Grenell,")
        assert annotation.end == start + len("Richard Grenell,")
        blank = view.text.index("\n\n")
        view.move_to(blank)
        await pilot.press("shift+right", "shift+right", "1")  # only the paragraph break
        assert len(app.store.annotations(view.document.id)) == 1
        assert "only white space" in [notice.message for notice in app._notifications][-1]


async def test_each_tag_key_and_word_under_cursor(make_reader):
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        view = app.focused_view
        text = view.text
        for key, word in zip("1234", ["Germany", "Huawei", "intelligence", "Washington"]):
            view.move_to(text.index(word) + 2)
            await pilot.press(key)
        stored = {(a.tag, a.text) for a in app.store.annotations(view.document.id)}
        assert stored == {("quote", "Germany"), ("claim", "Huawei"), ("number", "intelligence"),
                          ("actor", "Washington")}
        status = str(app.query_one("#status").render())
        assert "4 here" in status and "4 total" in status


async def test_overlapping_and_nested_spans_both_kept_delete_takes_innermost(make_reader):
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        view = app.focused_view
        sentence = "The Americans will assume that everything we share with Germany will end up with the Chinese"
        start = view.text.index(sentence)
        view.move_to(start)
        view.anchor = start
        view.move_to(start + len(sentence), extend=True)
        await pilot.press("1")
        view.move_to(view.text.index("Germany", start) + 1)
        await pilot.press("4")
        tags = sorted(a.tag for a in app.store.annotations(view.document.id))
        assert tags == ["actor", "quote"]
        assert [s.tag for s in view.spans.containing(view.cursor)] == ["quote", "actor"]
        await pilot.press("d")
        assert [a.tag for a in app.store.annotations(view.document.id)] == ["quote"]
        await pilot.press("delete")
        assert app.store.annotations(view.document.id) == []


async def test_undo_and_redo_never_lose_or_duplicate(make_reader):
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        view = app.focused_view
        view.move_to(view.text.index("Huawei"))
        await pilot.press("2")
        [created] = app.store.annotations()
        await pilot.press("u")
        assert app.store.annotations() == [] and len(view.spans) == 0
        await pilot.press("ctrl+r")
        assert [a.id for a in app.store.annotations()] == [created.id]
        assert len(view.spans) == 1
        await pilot.press("d", "u")
        assert [a.id for a in app.store.annotations()] == [created.id]
        await pilot.press("ctrl+r", "ctrl+r")
        assert app.store.annotations() == []


async def test_adjust_moves_boundaries_each_step_committed_the_session_undone_at_once(make_reader):
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        view = app.focused_view
        text = view.text
        start = text.index("Richard Grenell")
        view.move_to(start + 1)
        await pilot.press("4")  # "Richard"
        [annotation] = app.store.annotations()
        assert annotation.text == "Richard"
        await pilot.press("e", "w")
        assert app.store.annotation(annotation.id).text == "Richard Grenell"
        await pilot.press("l")
        assert app.store.annotation(annotation.id).text == "Richard Grenell,"
        await pilot.press("h", "s", "h")
        moved = app.store.annotation(annotation.id)
        assert text[moved.start:moved.end] == moved.text == " Richard Grenell"
        await pilot.press("escape", "u")
        assert app.store.annotation(annotation.id).text == "Richard"


async def test_next_and_previous_annotation(make_reader):
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        view = app.focused_view
        first, second = view.text.index("Grenell"), view.text.index("Altmaier")
        for offset in (first, second):
            view.move_to(offset)
            await pilot.press("4")
        view.move_to(0)
        await pilot.press("right_square_bracket")
        assert view.cursor == first
        await pilot.press("right_square_bracket")
        assert view.cursor == second
        await pilot.press("left_square_bracket")
        assert view.cursor == first


async def test_tab_moves_focus_and_braces_step_documents(make_reader):
    app = make_reader()
    async with app.run_test(size=(100, 40)) as pilot:
        ids = app.store.document_ids()
        await pilot.press("tab")
        assert app.focused is app.panes[1]
        await pilot.press("shift+tab")
        assert app.focused is app.panes[0]
        await pilot.press("right_curly_bracket")
        assert app.panes[0].document.id == ids[1]
        await pilot.press("left_curly_bracket", "left_curly_bracket")
        assert app.panes[0].document.id == ids[-1]


async def test_positions_restored_on_reopen(seeded_store, make_reader):
    app = make_reader()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("right_curly_bracket", "right_curly_bracket")
        app.focused_view.move_to(500)
        await pilot.press("q")
    again = make_reader()
    async with again.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        view = again.panes[0]
        assert view.document.id == seeded_store.document_ids()[2]
        assert view.cursor == 500


async def test_export_key_writes_csv_and_jsonl_next_to_database(make_reader, seeded_store):
    import csv
    import json
    from pathlib import Path

    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        view = app.focused_view
        view.move_to(view.text.index("Huawei"))
        await pilot.press("2", "x")
        folder = Path(seeded_store.path).parent
        said = [notice.message for notice in app._notifications]
        assert f"Exported 1 annotation to {folder / 'study-annotations.csv'} and" in said[-1]
    rows = list(csv.DictReader(open(folder / "study-annotations.csv", encoding="utf-8", newline="")))
    records = [json.loads(line) for line in open(folder / "study-annotations.jsonl", encoding="utf-8")]
    assert [r["text"] for r in rows] == [r["text"] for r in records] == ["Huawei"]


async def test_mouse_click_places_cursor_and_drag_selects(make_reader):
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        view = app.focused_view
        await pilot.click(view, offset=(2 + 4, 1))
        assert view.cursor == 4
        await pilot.mouse_down(view, offset=(2, 1))
        await pilot.hover(view, offset=(2 + 5, 1))
        await pilot.mouse_up(view, offset=(2 + 5, 1))
        assert view.selection == (0, 5)


async def test_scroll_position_at_the_end_is_restored_exactly(make_reader):
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("tab", "pagedown", "pagedown", "pagedown")
        await pilot.pause()
        view = app.panes[1]
        top, cursor = view.scroll_y, view.cursor
        assert top == view.max_scroll_y > 0  # the far end: reachable only once the footer is there
        shown = view.render_line(1).text
        await pilot.press("q")
    again = make_reader()
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        view = again.panes[1]
        assert (view.scroll_y, view.cursor) == (top, cursor)
        assert view.render_line(1).text == shown
        await pilot.press("tab", "up")  # a move after reopening is not undone by a later resize
        await pilot.resize_terminal(200, 49)
        await pilot.pause()
        assert view.cursor != cursor


async def test_two_panes_on_one_document_each_come_back_to_their_own_place(make_reader, seeded_store):
    first_doc = seeded_store.document_ids()[0]
    app = make_reader()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.focused_view.move_to(300)
        await pilot.press("tab", "left_curly_bracket")  # the second pane steps back to the first document
        second = app.panes[1]
        assert second.document.id == first_doc
        await pilot.press("G")
        await pilot.pause()
        wanted = [(view.cursor, int(view.scroll_y)) for view in app.panes]
        assert wanted[0] != wanted[1]
        await pilot.press("q")
    again = make_reader()
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert [view.document.id for view in again.panes] == [first_doc, first_doc]
        assert [(view.cursor, int(view.scroll_y)) for view in again.panes] == wanted
