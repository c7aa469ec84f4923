"""Pilot tests of finding and jumping: the search prompt, how hits look, where jumps land, opening hits."""
from __future__ import annotations

import math

from rich.color import ColorSystem
from textual.widgets import DataTable, Input, Static

from tests.screen_host import searched

SIZE = (200, 50)
SHORT = (100, 24)  # two panes of about 18 rows: a document is several screens long


def status(app) -> str:
    return str(app.query_one("#status", Static).render())


def said(app) -> list[str]:
    return [notice.message for notice in app._notifications]


def hits_of(text: str, word: str) -> list[int]:
    return [i for i in range(len(text)) if text.lower().startswith(word.lower(), i)]


async def search(pilot, *keys: str) -> None:
    await pilot.press("slash")
    await pilot.pause()
    await pilot.press(*keys, "enter")
    await pilot.pause()


# --- the search prompt ----------------------------------------------------------------------------
async def test_enter_on_the_previous_query_keeps_the_cursor_on_its_hit(make_reader):
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        view = app.focused_view
        hits = hits_of(view.text, "huawei")
        await search(pilot, *"huawei")
        await pilot.press("n", "l", "l")  # inside the second hit
        assert view.cursor == hits[1] + 2
        await pilot.press("slash")
        await pilot.pause()
        prompt = app.screen.query_one(Input)
        assert prompt.value == "huawei" and prompt.selected_text == "huawei"  # shown selected
        await pilot.press("enter")
        await pilot.pause()
        assert view.cursor == hits[1]  # the hit it was in, not the one after it
        assert f"hit 2/{len(hits)}" in status(app)


async def test_typing_replaces_the_previous_query_and_empty_enter_clears_without_moving(make_reader):
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        view = app.focused_view
        await search(pilot, *"huawei")
        assert view.layer_ranges("hits")
        await search(pilot, *"Germany")  # typed over the selected "huawei"
        assert app.reader.searching.query == "Germany"
        shown = [view.text[s:e] for s, e in view.layer_ranges("hits")]
        assert shown == ["Germany"] * len(hits_of(view.text, "Germany"))
        view.move_to(view.text.index("Grenell"))
        before, top = view.cursor, view.scroll_y
        await search(pilot, "backspace")  # the selected query deleted: an empty query
        assert view.layer_ranges("hits") == [] and view.cursor == before and view.scroll_y == top
        assert "hit" not in status(app)


async def test_going_round_the_end_of_the_document_is_said(make_reader):
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        view = app.focused_view
        hits = hits_of(view.text, "huawei")
        await search(pilot, *"huawei")
        await pilot.press("G", "n")
        assert view.cursor == hits[0]
        assert "Search went on from the top of the document" in said(app)
        await pilot.press("N")
        assert view.cursor == hits[-1]
        assert "Search went on from the end of the document" in said(app)


# --- how hits look ------------------------------------------------------------------------------------
def _distance(a, b) -> float:
    return math.dist(a.get_truecolor(), b.get_truecolor())


async def test_a_hit_looks_like_no_tag_in_any_theme_in_truecolor_and_256_colours(make_reader):
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        view = app.focused_view
        for theme in sorted(app.available_themes):
            app.theme = theme
            await pilot.pause()
            hit = view._style("article--hit")
            assert view.tag_styles.keys() == {tag.name for tag in app.reader.tags}
            for tag, style in view.tag_styles.items():
                assert _distance(hit.bgcolor, style.bgcolor) > 60, (theme, tag)
                eight_bit = (hit.bgcolor.downgrade(ColorSystem.EIGHT_BIT).number,
                             style.bgcolor.downgrade(ColorSystem.EIGHT_BIT).number)
                assert eight_bit[0] != eight_bit[1], (theme, tag, eight_bit)
            assert hit.underline and hit.color is not None  # what a span never sets


def _cell_styles(view, row: int) -> list:
    """The style of each text cell of a row as drawn on screen (after the two-cell gutter)."""
    strip = view.render_line(1 + row - int(view.scroll_y))  # the pane's header is line 0
    styles = []
    for segment in strip:
        styles.extend([segment.style] * len(segment.text))
    return styles[2:]


async def test_a_hit_inside_a_claim_is_drawn_unlike_the_claim(make_reader):
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        view = app.focused_view
        claim_start = view.text.index("Huawei") - 4
        assert claim_start > 0
        view.move_to(claim_start)
        await pilot.press("v", *"llllllllllllll", "2")  # a claim covering "Huawei" and its neighbours
        [claim] = app.store.annotations()
        await pilot.press("g")
        await search(pilot, *"huawei")
        hit = view.cursor
        assert claim.start < hit and hit + 6 < claim.end
        row = view.layout_.row_of(hit)
        column = hit - view.layout_.starts[row]
        styles = _cell_styles(view, row)
        in_claim, in_hit = styles[column - 2], styles[column + 1]  # beside the hit; past the cursor
        assert in_claim.bgcolor is not None and in_hit != in_claim
        assert _distance(in_hit.bgcolor, in_claim.bgcolor) > 60
        assert (in_hit.bgcolor.downgrade(ColorSystem.EIGHT_BIT).number
                != in_claim.bgcolor.downgrade(ColorSystem.EIGHT_BIT).number)


# --- where jumps land ---------------------------------------------------------------------------------
def in_upper_third(view) -> bool:
    row = view.layout_.row_of(view.cursor) - int(view.scroll_y)
    return 0 <= row < view.text_height / 3


async def test_jumps_put_an_off_screen_target_in_the_upper_third(make_reader):
    app = make_reader()
    async with app.run_test(size=SHORT) as pilot:
        view = app.focused_view
        text = view.text
        assert view.layout_.height > 3 * view.text_height
        hits = [h for h in hits_of(text, "huawei") if view.layout_.row_of(h) > view.text_height]
        view.move_to(hits[0] - 1)
        await pilot.press("g")
        await search(pilot, *"huawei")  # the first hit is on screen: no scrolling
        assert view.scroll_y == 0
        await pilot.press(*"n" * (hits_of(text, "huawei").index(hits[0])))  # the first hit off screen
        assert view.cursor == hits[0] and in_upper_third(view)
        await pilot.press("escape")

        late = text.index(" ", len(text) * 3 // 4) + 1
        view.move_to(late)
        await pilot.press("2", "g", "right_square_bracket")  # a claim near the end, then back to it
        assert view.cursor == late and in_upper_third(view)
        await pilot.press("g", "a")
        await pilot.pause()
        await pilot.press("enter")  # the annotation list
        await pilot.pause()
        assert view.cursor == late and in_upper_third(view)
        await pilot.press("G", "left_square_bracket")
        assert view.cursor == late and in_upper_third(view)


async def test_jumping_to_a_shared_passage_puts_it_in_the_upper_third(make_reader):
    app = make_reader()
    async with app.run_test(size=SHORT) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("tab")
        view = app.focused_view
        passages = app.reader.comparing.passages_in(view)
        starts = sorted({s for s, _e, _c in passages if view.layout_.row_of(s) > view.text_height})
        assert starts, "a shared passage below the first screen"
        view.move_to(starts[0] - 1)
        await pilot.press("g")
        assert view.scroll_y == 0
        while view.cursor < starts[0]:
            await pilot.press("greater_than_sign")
        assert view.cursor == starts[0] and in_upper_third(view)
        await pilot.press("equals_sign")  # the aligned passage is marked, more quietly than a hit
        row = view.layout_.row_of(view.cursor)
        column = view.cursor - view.layout_.starts[row]
        in_flash = _cell_styles(view, row)[column + 1]
        assert in_flash.bgcolor == view._style("article--flash").bgcolor != view._style("article--hit").bgcolor


async def test_moving_by_lines_still_scrolls_one_row_at_a_time(make_reader):
    app = make_reader()
    async with app.run_test(size=SHORT) as pilot:
        await pilot.pause()
        view = app.focused_view
        while view.layout_.row_of(view.cursor) < view.text_height:
            await pilot.press("j")
        assert view.scroll_y == 1
        assert view.layout_.row_of(view.cursor) - view.scroll_y == view.text_height - 1


# --- opening a hit or a coverage cell ---------------------------------------------------------------
async def test_corpus_search_goes_to_the_pane_already_showing_the_document(make_reader):
    app = make_reader()
    async with app.run_test(size=SHORT) as pilot:
        first, second = app.panes
        shown = [first.document.id, second.document.id]
        word = "Huawei"
        hits = hits_of(second.text, word)
        assert len(hits) > 10
        await pilot.press("F")
        await pilot.pause()
        await pilot.press(*word)
        await searched(pilot, app.screen)
        table = app.screen.query_one(DataTable)
        keys = [row.value for row in table.rows]
        table.move_cursor(row=keys.index(f"hit:{second.document.id}:10"))
        await pilot.press("enter")
        await pilot.pause()
        assert [first.document.id, second.document.id] == shown  # nothing replaced
        assert app.focused is second
        assert second.cursor == hits[10] and in_upper_third(second)

        other = app.store.document_ids()[3]  # in no pane: opened in the focused one, at the hit
        far = [h for h in hits_of(app.store.document(other).text, word) if h > 1000]
        await pilot.press("g", "F")
        await pilot.pause()
        await pilot.press(*word)
        await searched(pilot, app.screen)
        table = app.screen.query_one(DataTable)
        keys = [row.value for row in table.rows]
        table.move_cursor(row=keys.index(f"hit:{other}:{len(hits_of(app.store.document(other).text, word)) - len(far)}"))
        await pilot.press("enter")
        await pilot.pause()
        assert [first.document.id, second.document.id] == [shown[0], other]
        assert second.cursor == far[0] and in_upper_third(second)


async def test_coverage_names_the_cell_and_enter_opens_its_document(make_reader):
    app = make_reader()
    async with app.run_test(size=SHORT) as pilot:
        first, second = app.panes
        ids = app.store.document_ids()
        late = second.text.index(" Huawei ", len(second.text) // 2) + 1  # a screen or more from the end
        second.focus()
        second.move_to(late)
        await pilot.press("2", "g")  # a claim in the second pane's document, near its end
        first.focus()
        await pilot.press("g", "c")
        await pilot.pause()
        cell = app.screen.query_one("#coverage-cell", Static)
        titles = {doc: app.store.document(doc).title for doc in ids}
        assert titles[ids[0]][:40] in str(cell.render()) and "no claim" in str(cell.render())
        await pilot.press("right")
        assert titles[ids[1]][:40] in str(cell.render()) and "1 × claim “Huawei”" in str(cell.render())
        await pilot.press("enter")
        await pilot.pause()
        assert [first.document.id, second.document.id] == ids[:2]
        assert app.focused is second and second.cursor == late and in_upper_third(second)

        await pilot.press("c")
        await pilot.pause()
        await pilot.press("right", "right", "right")  # the fourth document: not tagged, not on screen
        assert titles[ids[3]][:40] in str(app.screen.query_one("#coverage-cell", Static).render())
        await pilot.press("enter")
        await pilot.pause()
        assert [first.document.id, second.document.id] == [ids[0], ids[3]]  # in the focused pane
        assert any(titles[ids[3]][:40] in message and "No claim" in message for message in said(app))
