"""The header row and the scrollbar column each article view draws: what they show, wheel and mouse."""
from __future__ import annotations

from textual import events

from tui.widgets.pane_chrome import thumb_rows, top_for_track_row

SIZE = (120, 30)  # three panes, 28 rows of text under each header


def scrollbar_column(view) -> list[bool]:
    """For each text row on screen, whether the scrollbar cell there is part of the thumb."""
    cells = [view.render_line(y)._segments[-1].style.bgcolor for y in range(1, view.container_size.height)]
    track = max(set(cells), key=cells.count)  # the thumb is shorter than the track here
    return [colour != track for colour in cells]


async def test_header_names_the_document_and_marks_the_focused_pane(make_reader, seeded_store):
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        first, second = app.panes[:2]
        titles = [doc.title for doc in seeded_store.documents()]
        assert first.render_line(0).text.startswith(" 1/5 " + titles[0][:20])
        assert second.render_line(0).text.startswith(" 2/5 ")
        focused_colour = first.render_line(0)._segments[0].style.bgcolor
        other_colour = second.render_line(0)._segments[0].style.bgcolor
        assert focused_colour != other_colour
        await pilot.press("tab")
        await pilot.pause()
        assert first.render_line(0)._segments[0].style.bgcolor == other_colour
        assert second.render_line(0)._segments[0].style.bgcolor == focused_colour
        await pilot.press("right_curly_bracket")  # the next document in this pane: the header follows
        await pilot.pause()
        assert second.render_line(0).text.startswith(" 3/5 ")


async def test_wheel_scrolls_the_pane_under_the_mouse(make_reader):
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        first, second = app.panes[:2]
        top_line = second.render_line(1).text
        # What the terminal sends for a wheel turn over the second pane.
        await pilot._post_mouse_events([events.MouseScrollDown], second, offset=(5, 5))
        await pilot._post_mouse_events([events.MouseScrollDown], second, offset=(5, 5))
        assert second.scroll_y > 0 and first.scroll_y == 0
        assert second.render_line(1).text != top_line
        await pilot._post_mouse_events([events.MouseScrollUp], second, offset=(5, 5))
        await pilot._post_mouse_events([events.MouseScrollUp], second, offset=(5, 5))
        assert second.scroll_y == 0 and second.render_line(1).text == top_line


async def test_scrollbar_shows_the_position_and_a_click_or_drag_on_it_scrolls(make_reader):
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()  # the footer arrives after the first frame; the panes get one row shorter
        view = app.focused_view
        bar_x = view.container_size.width - 1
        track = view.text_height
        thumb = scrollbar_column(view)
        assert thumb[0] and not thumb[-1], "at the top, the thumb starts at the top of the track"
        await pilot.click(view, offset=(bar_x, track))  # the bottom of the track
        assert view.scroll_y == view.max_scroll_y > 0
        thumb = scrollbar_column(view)
        assert thumb[-1] and not thumb[0]
        assert view.cursor == 0, "the scrollbar scrolls; it does not move the cursor"
        await pilot.mouse_down(view, offset=(bar_x, track))
        await pilot.hover(view, offset=(bar_x, 1 + track // 2))
        middle = view.scroll_y
        assert 0 < middle < view.max_scroll_y
        await pilot.hover(view, offset=(bar_x, 1))
        await pilot.mouse_up(view, offset=(bar_x, 1))
        assert view.scroll_y == 0
        assert view.selection is None, "dragging the scrollbar selects nothing"


def test_thumb_geometry_covers_the_track_in_proportion():
    assert thumb_rows(10, 10, 0) == (0, 0)  # everything shows: no thumb
    assert thumb_rows(10, 100, 0) == (0, 1)
    assert thumb_rows(10, 100, 90) == (9, 10)
    assert thumb_rows(10, 20, 5) == (2, 7)
    assert thumb_rows(10, 20, 999) == (5, 10)  # clamped
    assert [top_for_track_row(row, 10, 100) for row in (-3, 0, 9, 50)] == [0, 0, 90, 90]
    assert top_for_track_row(4, 10, 10) == 0


async def test_each_line_ends_with_the_border_and_css_that_needs_textuals_pass_still_gets_it(make_reader):
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.focused_view
        region = view.outer_size.region
        drawn = view.render_lines(region)
        assert all(strip.cell_length == view.outer_size.width for strip in drawn)
        assert {strip.text[-1] for strip in drawn} == {"▕"}
        assert drawn[1].text.startswith("  U.S. Tells")
        view.styles.padding = (0, 1)  # not drawn by the view: Textual's own line pass applies it
        await pilot.pause()
        padded = view.render_lines(view.outer_size.region)
        assert all(strip.cell_length == view.outer_size.width for strip in padded)
        assert padded[1].text.startswith("   U.S. Tells")


async def test_seeds_whose_first_line_is_a_sentence_are_headed_by_their_first_words(make_reader):
    app = make_reader()
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        headers = [pane.render_line(0).text for pane in app.panes]
        assert headers[1].startswith(" 2/5 The US is trying to recruit")
        assert headers[2].startswith(" 3/5 Germany can forget about")
        assert not any("001_b6d71c63b0f0e433" in header or "002_3c01c58ec7c8c4b4" in header for header in headers)
