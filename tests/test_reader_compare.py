"""Pilot tests of comparative reading: passage marks, aligning, jumps, linked scrolling, views."""
from __future__ import annotations

from textual.widgets import DataTable, Input

from tests.screen_host import searched

SIZE = (200, 50)
QUOTE = "The Americans will assume that everything we share with Germany"


def _rows(view) -> list[str]:
    return [view.render_line(y).text for y in range(view.size.height)]


async def _ready(pilot, app):
    await pilot.pause()
    await app.workers.wait_for_complete()  # the passages are found in a thread after the first frame
    await pilot.pause()
    assert app.reader.comparing.clusters, "shared passages were computed after the first frame"


async def test_passages_are_found_off_the_ui_thread_then_read_from_the_cache(make_reader, monkeypatch):
    import threading

    import store.passages

    threads = []
    original = store.passages.shared_passages

    def recording(*args, **kwargs):
        threads.append(threading.current_thread())
        return original(*args, **kwargs)

    monkeypatch.setattr(store.passages, "shared_passages", recording)
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await _ready(pilot, app)
        assert threads and threads[0] is not threading.main_thread()
        assert any(app.reader.comparing.passages_in(pane) for pane in app.panes)
    again = make_reader()
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.reader.comparing.clusters == app.reader.comparing.clusters  # from the cache, at once
        assert len(threads) == 1


async def test_shared_passages_are_marked_in_the_gutter_and_toggle(make_reader):
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await _ready(pilot, app)
        by_doc = {pane.document.id: pane for pane in app.panes}
        carriers = {doc for doc, view in by_doc.items() if QUOTE in view.text}
        for doc in carriers:
            view = by_doc[doc]
            assert any(QUOTE in view.text[s:e] for s, e, _ in app.reader.comparing.passages_in(view))
        quote_row = next(i for i, row in enumerate(_rows(app.panes[0])) if "The Americans" in row)
        assert _rows(app.panes[0])[quote_row].startswith("▌")
        await pilot.press("s")
        assert not _rows(app.panes[0])[quote_row].startswith("▌")
        await pilot.press("s")
        assert _rows(app.panes[0])[quote_row].startswith("▌")


async def test_jump_to_shared_and_align_puts_the_passage_on_the_same_row(make_reader):
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await _ready(pilot, app)
        view = app.focused_view
        await pilot.press("greater_than_sign")
        start = view.cursor
        assert any(s == start for s, _e, _c in app.reader.comparing.passages_in(view))
        await pilot.press("equals_sign")
        screen_row = view.layout_.row_of(start) - int(view.scroll_y)
        aligned = [pane for pane in app.panes[1:] if pane.layer_ranges("flash")]
        assert aligned, "another pane carries the passage and was aligned"
        for other in aligned:
            assert other.layout_.row_of(other.layer_ranges("flash")[0][0]) - int(other.scroll_y) == screen_row
            (flash_start, flash_end), = other.layer_ranges("flash")
            assert "americans" in other.text[flash_start:flash_end].lower()
        starts = sorted({s for s, _e, _c in app.reader.comparing.passages_in(view)})
        earlier = [s for s in starts if s < start]
        await pilot.press("less_than_sign")
        if earlier:
            assert view.cursor == earlier[-1]
        else:  # `>` from the top went to the first passage: there is none before it, and it says so
            assert view.cursor == start
            assert "No more shared passages" in list(app._notifications)[-1].message
        view.move_to(starts[-1] + 1)
        await pilot.press("less_than_sign")
        assert view.cursor == starts[-1]


async def test_next_unique_passage_is_outside_every_shared_passage(make_reader):
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await _ready(pilot, app)
        view = app.focused_view
        for _ in range(3):
            before = view.cursor
            await pilot.press("U")
            assert view.cursor > before
            assert not any(s <= view.cursor < e for s, e, _ in app.reader.comparing.passages_in(view))


async def test_linked_scrolling_moves_the_other_panes(make_reader):
    app = make_reader()
    async with app.run_test(size=(200, 20)) as pilot:
        await _ready(pilot, app)
        view = app.focused_view
        others = [pane for pane in app.panes[1:]]
        await pilot.press("y")
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        assert view.scroll_y > 0
        assert all(other.scroll_y > 0 for other in others)
        await pilot.press("y")
        tops = [other.scroll_y for other in others]
        await pilot.press("pagedown")
        await pilot.pause()
        assert [other.scroll_y for other in others] == tops


async def test_passages_view_opens_a_cluster_aligned(make_reader):
    app = make_reader()
    async with app.run_test(size=(100, 40)) as pilot:
        await _ready(pilot, app)
        await pilot.press("P")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.row_count == len(app.reader.comparing.clusters)
        await pilot.press("enter")
        await pilot.pause()
        cluster = app.reader.comparing.clusters[0]
        shown = [pane.document.id for pane in app.panes]
        carriers = list(dict.fromkeys(m.document_id for m in cluster.members))
        assert shown == carriers[: len(shown)]
        rows = {pane.layout_.row_of(pane.layer_ranges("flash")[0][0]) - int(pane.scroll_y) for pane in app.panes}
        assert len(rows) == 1


async def test_variants_of_the_passage_under_the_cursor(make_reader):
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await _ready(pilot, app)
        await pilot.press("greater_than_sign", "V")
        await pilot.pause()
        shown = " ".join(str(widget.render()) for widget in app.screen.query("*"))
        assert "Senior US State" in shown and "senior State Department" in shown
        await pilot.press("escape")


async def test_coverage_view_shows_who_carries_what_and_jumps(make_reader):
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await _ready(pilot, app)
        ids = app.store.document_ids()
        for pane in app.panes[:3]:
            pane.focus()
            pane.move_to(pane.text.index("Grenell") + 1)
            await pilot.press("4")
        app.panes[0].focus()
        await pilot.press("c")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1
        await pilot.press("enter")
        await pilot.pause()
        view = app.focused_view
        assert view.document.id == ids[0]
        assert view.text[view.cursor:].startswith("Grenell")


async def test_corpus_search_lists_hits_and_opens_one(make_reader):
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await _ready(pilot, app)
        await pilot.press("F")
        await pilot.pause()
        app.screen.query_one(Input).value = "Pompeo"
        await searched(pilot, app.screen)
        await pilot.press("enter")
        await pilot.pause()
        view = app.focused_view
        assert view.text[view.cursor:view.cursor + 6] == "Pompeo"


async def test_summary_and_picker_show_the_shared_share(make_reader):
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await _ready(pilot, app)
        await pilot.press("i")
        await pilot.pause()
        summary = app.screen.query_one(DataTable)
        cells = [str(cell) for row in range(summary.row_count) for cell in summary.get_row_at(row)]
        assert summary.row_count == 5 and any("%" in cell for cell in cells)
        await pilot.press("escape", "o")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        headers = [str(column.label) for column in table.columns.values()]
        assert any("shared" in header for header in headers)


async def test_a_pop_up_looks_the_same_after_help_was_opened(make_reader):
    """A screen's CSS applies app-wide once loaded: help's docked hint must not reach other pop-ups."""
    async def summary_hint_dock(open_help_first: bool) -> tuple[str, int]:
        app = make_reader()
        async with app.run_test(size=SIZE) as pilot:
            await _ready(pilot, app)
            if open_help_first:
                await pilot.press("question_mark")
                await pilot.pause()
                await pilot.press("escape")
                await pilot.pause()
            await pilot.press("i")
            await pilot.pause()
            hint = app.screen.query_one(".modal-hint")
            return (hint.styles.dock, hint.styles.margin.top)

    assert await summary_hint_dock(True) == await summary_hint_dock(False)


async def test_opening_at_an_offset_wins_over_the_saved_position_even_at_zero(make_reader):
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await _ready(pilot, app)
        view = app.focused_view
        first = view.document.id
        view.move_to(100)
        await pilot.press("right_curly_bracket")  # the pane steps to the next document
        assert view.document.id != first
        app.reader.corpus_views.open_at((first, 0))  # a hit or a coverage cell at the very start of the document
        assert (view.document.id, view.cursor) == (first, 0)
        await pilot.press("right_curly_bracket")
        app.reader.open_in_focused(first)  # no offset: back where the reader left it
        assert view.cursor == 0
        view.move_to(100)
        await pilot.press("right_curly_bracket")
        app.reader.open_in_focused(first)
        assert view.cursor == 100
