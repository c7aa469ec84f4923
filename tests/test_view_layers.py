"""The article view's named layers: a layer set by name is drawn in its style, by order, cleared,
repaints only its rows, and reads only the ranges near the screen whatever the text's size."""
from __future__ import annotations

import pytest
from rich.style import Style

from corpus.document import Document
from tui.widgets.pane_chrome import HEADER_ROWS
from tui.widgets.row_render import GUTTER_WIDTH

SIZE = (120, 40)
RED, BLUE = Style(bgcolor="#ff0000"), Style(bgcolor="#0000ff")
WORDS = "The minister said the figures would be revised before the vote on Tuesday. "


@pytest.fixture
def reader_on(tmp_path):
    """A reader on a new database holding one document of plain one-cell text."""
    from store import open_store
    from tui.app import ReaderApp

    stores = []

    def build(text: str):
        store = open_store(tmp_path / "layers.db")
        stores.append(store)
        store.add_document(Document(id="doc", title="Layers", text=text))
        return ReaderApp(store, "tester")

    yield build
    for store in stores:
        store.close()


def drawn(view, offset: int) -> Style:
    """The style the screen shows on the character at `offset` (its row must be on screen)."""
    row = view.layout_.row_of(offset)
    strip = view.render_line(HEADER_ROWS + row - int(view.scroll_y))
    column = GUTTER_WIDTH + offset - view.layout_.starts[row]  # one-cell text: a column per code point
    for text, style, _ in strip:
        if column < len(text):
            return style
        column -= len(text)
    raise AssertionError(f"offset {offset} is not drawn")


async def test_a_layer_set_by_name_is_drawn_in_its_style_until_it_is_cleared(reader_on):
    app = reader_on(WORDS * 40)
    async with app.run_test(size=SIZE) as pilot:
        view = app.focused_view
        await pilot.pause()
        plain = drawn(view, 4)
        start = view.text.index("minister")
        view.set_layer("test", [(start, start + 8)], RED)
        await pilot.pause()
        assert view.layer_ranges("test") == [(start, start + 8)]
        assert [drawn(view, o).bgcolor for o in (start, start + 7)] == [RED.bgcolor] * 2
        assert drawn(view, start + 8) == drawn(view, start - 1) == plain  # only its range
        view.clear_layer("test")
        await pilot.pause()
        assert view.layer_ranges("test") == []
        assert drawn(view, start) == plain


async def test_a_suggestion_is_dim_and_underlined_and_never_takes_a_tag_colour(reader_on):
    app = reader_on(WORDS * 10)
    async with app.run_test(size=SIZE) as pilot:
        view = app.focused_view
        start = view.text.index("figures")
        view.set_layer("suggestions", [(start, start + 7)], "article--suggestion")
        await pilot.pause()
        suggested, plain = drawn(view, start), drawn(view, start - 2)
        assert suggested.dim and suggested.underline and not plain.underline
        assert suggested.bgcolor == plain.bgcolor  # tags are backgrounds: a suggestion has none of its own
        with pytest.raises(ValueError, match="article--nonsense"):
            view.set_layer("bad", [(0, 1)], "article--nonsense")
        with pytest.raises(ValueError, match="tags"):
            view.set_layer("tags", [(0, 1)], RED)


async def test_the_higher_order_wins_where_layers_overlap(reader_on):
    app = reader_on(WORDS * 10)
    async with app.run_test(size=SIZE) as pilot:
        view = app.focused_view
        view.set_layer("red", [(0, 20)], RED, order=5)
        view.set_layer("blue", [(10, 30)], BLUE, order=1)
        await pilot.pause()
        assert [drawn(view, o).bgcolor for o in (5, 15, 25)] == [RED.bgcolor, RED.bgcolor, BLUE.bgcolor]
        view.set_layer("blue", [(10, 30)], BLUE, order=9)  # the same ranges, now over red
        await pilot.pause()
        assert [drawn(view, o).bgcolor for o in (5, 15, 25)] == [RED.bgcolor, BLUE.bgcolor, BLUE.bgcolor]
        # Search hits (order 100) are drawn over a layer at the default order.
        await pilot.press("slash", *"minister", "enter")
        hit = view.layer_ranges("hits")[0][0]
        view.set_layer("plain", [(hit, hit + 3)], RED, order=50)
        await pilot.pause()
        assert view.cursor == hit  # the cursor is on the hit's first character: look at its second
        assert drawn(view, hit + 1).bgcolor == view._style("article--hit").bgcolor != RED.bgcolor


async def test_changing_a_layer_forgets_only_the_rows_it_changed(reader_on):
    app = reader_on(WORDS * 200)
    async with app.run_test(size=SIZE) as pilot:
        view = app.focused_view
        await pilot.pause()  # the cursor is at 0, on row 0
        layout = view.layout_
        rows = range(view.text_height)
        for row in rows:
            view.render_line(HEADER_ROWS + row)
        before = {row: view._cache[row] for row in rows}
        view.set_layer("test", [(layout.starts[3], layout.starts[3] + 2), (layout.starts[7] + 1, layout.starts[8] + 1)],
                       RED)
        assert {row for row in rows if view._cache.get(row) is not before[row]} == {3, 7, 8}
        for row in rows:
            view.render_line(HEADER_ROWS + row)
        before = {row: view._cache[row] for row in rows}
        view.set_layer("test", [(layout.starts[3], layout.starts[3] + 2), (layout.starts[12], layout.starts[12] + 1)],
                       RED)  # row 3 is drawn as it was: only 7, 8 (gone) and 12 (new) change
        assert {row for row in rows if view._cache.get(row) is not before[row]} == {7, 8, 12}
        await pilot.pause()
        assert drawn(view, layout.starts[12]).bgcolor == RED.bgcolor
        assert drawn(view, layout.starts[7] + 1).bgcolor != RED.bgcolor


async def test_a_layer_over_five_megabytes_reads_only_the_ranges_near_the_screen(reader_on):
    text = WORDS * (5_000_000 // len(WORDS))
    app = reader_on(text)
    async with app.run_test(size=SIZE) as pilot:
        view = app.focused_view
        ranges = [(start, start + 3) for start in range(0, len(text), 50)]  # 100,000 ranges
        view.jump_to(len(text) // 2, always=True)
        view.set_layer("many", ranges, RED)
        await pilot.pause()
        index = view.named_layers.get("many").index
        assert len(index) == len(ranges) and index.lookups > 0
        for _ in range(2):  # a screen drawn from nothing, then the next page
            index.lookups = index.examined = 0
            view.invalidate()
            for y in range(HEADER_ROWS, HEADER_ROWS + view.text_height):
                view.render_line(y)
            assert index.lookups == view.text_height  # one question per row drawn, not one per range
            assert index.examined <= 4 * view.text_height  # each row reads the two or three ranges on it
            view.page(1)
        top = view.layout_.starts[int(view.scroll_y)]
        first = next(start for start, _ in ranges if start >= top)
        assert drawn(view, first).bgcolor == RED.bgcolor


def test_the_rows_to_redraw_are_those_showing_a_changed_range_by_either_path():
    from tui.textlayout import Layout
    from tui.widgets.view_layers import EXACT_ROWS, RangeIndex, rows_showing

    layout = Layout.build(WORDS * 400, 40)
    text_length = len(layout.text)

    def brute(changed, drawn):
        return {row for row in drawn for lo, hi in changed
                if lo < max(layout.ends[row], layout.starts[row] + 1) and hi > layout.starts[row]}

    few = [(100, 103), (2000, 2300), (text_length - 5, text_length)]
    many = [(start, start + 2) for start in range(0, text_length, 37)]
    assert len(many) > EXACT_ROWS
    everything = range(layout.height)
    assert rows_showing(layout, RangeIndex(few), lambda: everything) == brute(few, everything)
    drawn = set(range(10, 60)) | {layout.height - 1}
    assert rows_showing(layout, RangeIndex(many), lambda: drawn) == brute(many, drawn)
    long_one = [(0, text_length)]  # one range over every row: matched against the drawn rows only
    assert rows_showing(layout, RangeIndex(long_one), lambda: drawn) == drawn
