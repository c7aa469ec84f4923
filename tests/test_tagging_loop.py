"""The daily tagging loop driven by keys: whole numbers, the span just made, one undo per adjustment."""
from __future__ import annotations

import pytest

from corpus.document import Document

SIZE = (120, 40)

FIGURES = (
    "Huawei employs 2,493 people in Germany, up 6.4% on 2017-2018. The deal was worth $500,000 "
    "and US$12m more, the No. 1 supplier of next-generation kit said; two-thirds of it is "
    "£1.2bn. Prices rose 30 per cent, to €6.5 billion.\n\nA second paragraph follows here."
)


@pytest.fixture
def figures_reader(tmp_path):
    from store import open_store
    from tui.app import ReaderApp

    store = open_store(tmp_path / "figures.db")
    store.add_document(Document(id="figures", title="Figures in every line", text=FIGURES))
    yield ReaderApp(store, "tester")
    store.close()


WHOLE = ["2,493", "6.4%", "2017-2018", "$500,000", "US$12m", "No. 1", "next-generation",
         "two-thirds", "£1.2bn", "30 per cent", "€6.5 billion"]


@pytest.mark.parametrize("word", WHOLE)
async def test_number_key_on_any_character_of_a_figure_tags_it_whole(figures_reader, word):
    app = figures_reader
    async with app.run_test(size=SIZE) as pilot:
        view = app.focused_view
        start = FIGURES.index(word)
        for offset in (start, start + len(word) // 2, start + len(word) - 1):
            view.move_to(offset)
            await pilot.press("3")
        stored = app.store.annotations("figures")
        assert [a.text for a in stored] == [word] * 3
        assert all(FIGURES[a.start:a.end] == word for a in stored)


async def test_w_and_b_stop_at_the_same_boundaries_as_tagging(figures_reader):
    app = figures_reader
    async with app.run_test(size=SIZE) as pilot:
        view = app.focused_view
        view.move_to(FIGURES.index("worth"))
        stops = []
        for _ in range(6):
            await pilot.press("w")
            stops.append(view.cursor)
        # worth -> $500,000 -> and -> US$12m -> more -> , -> the
        expected = [FIGURES.index(w) for w in ("$500,000", "and US", "US$12m", "more", ", the No", "the No")]
        assert stops == expected
        view.move_to(FIGURES.index("supplier"))
        await pilot.press("b")
        assert view.cursor == FIGURES.index("No. 1")
        await pilot.press("b", "b")
        assert view.cursor == FIGURES.index(", the No")


async def test_the_span_just_tagged_stays_current_for_note_delete_and_adjust(figures_reader):
    app = figures_reader
    async with app.run_test(size=SIZE) as pilot:
        view = app.focused_view
        await pilot.press("v", ")", "2")  # the first sentence, as a claim
        [claim] = app.store.annotations("figures")
        assert claim.text == FIGURES[: FIGURES.index(" The deal")]
        assert view.cursor > claim.end  # the cursor sits past the span, on the next sentence
        await pilot.press("m")
        from tui.screens.note import NoteScreen

        assert isinstance(app.screen, NoteScreen)
        await pilot.press("G", "e", "a", "ctrl+s")  # typed into the note, not run as commands
        assert app.store.annotation(claim.id).note == "Gea"
        assert view.cursor > claim.end and app.store.count_annotations() == 1
        await pilot.press("e")
        from tui.screens.adjust import AdjustScreen

        assert isinstance(app.screen, AdjustScreen)
        await pilot.press("escape")
        await pilot.press("d")
        assert app.store.count_annotations() == 0


async def test_the_span_just_tagged_stops_being_current_once_the_cursor_moves(figures_reader):
    app = figures_reader
    async with app.run_test(size=SIZE) as pilot:
        view = app.focused_view
        await pilot.press("v", ")", "2", "w", "w")
        await pilot.press("m")
        assert app.screen is app.screen_stack[0]  # no note editor: nothing under the cursor
        messages = [notice.message for notice in app._notifications]
        assert any("Put the cursor on an annotation" in m for m in messages)
        assert view.cursor > app.store.annotations("figures")[0].end


async def test_one_adjustment_session_is_one_undo_step(figures_reader):
    app = figures_reader
    async with app.run_test(size=SIZE) as pilot:
        view = app.focused_view
        view.move_to(FIGURES.index("Germany"))
        await pilot.press("4")
        [actor] = app.store.annotations("figures")
        await pilot.press("e", "l", "l", "s", "h", "h", "escape")  # end +2, start -2
        moved = app.store.annotation(actor.id)
        assert moved.text == FIGURES[moved.start:moved.end] == "n Germany, "
        assert (moved.start, moved.end) == (actor.start - 2, actor.end + 2)
        await pilot.press("u")  # one press undoes the whole session
        back = app.store.annotation(actor.id)
        assert (back.start, back.end, back.text) == (actor.start, actor.end, "Germany")
        await pilot.press("ctrl+r")
        again = app.store.annotation(actor.id)
        assert (again.start, again.end) == (moved.start, moved.end)
        await pilot.press("u", "u")  # the session, then the tag itself
        assert app.store.count_annotations() == 0


async def test_an_adjustment_that_ends_where_it_began_leaves_no_undo_step(figures_reader):
    app = figures_reader
    async with app.run_test(size=SIZE) as pilot:
        view = app.focused_view
        view.move_to(FIGURES.index("Germany"))
        await pilot.press("4", "e", "l", "l", "h", "h", "escape")
        [actor] = app.store.annotations("figures")
        assert actor.text == "Germany"
        await pilot.press("u")  # undoes the tag, not an invisible adjustment
        assert app.store.count_annotations() == 0


async def test_an_annotation_deleted_by_another_process_is_dropped_with_a_message(figures_reader,
                                                                                  monkeypatch):
    import tui.outside_changes
    from store.connect import open_another

    # The view must still draw the deleted span when the key comes (the reader's poll would redraw
    # it away within half a second): that is the moment that crashed.
    monkeypatch.setattr(tui.outside_changes, "POLL_SECONDS", 3600)
    app = figures_reader
    async with app.run_test(size=SIZE) as pilot:
        view = app.focused_view
        view.move_to(FIGURES.index("Germany"))
        await pilot.press("4")
        [actor] = app.store.annotations("figures")
        other = open_another(app.store)
        try:
            other.delete_annotation(actor.id)
        finally:
            other.close()
        for key in ("d", "m", "e"):
            view.move_to(actor.start + 1)
            await pilot.press("left", key)
            assert app.screen is app.screen_stack[0]
        assert view.spans.get(actor.id) is None
        messages = [notice.message for notice in app._notifications]
        assert any("deleted elsewhere" in m for m in messages)
        await pilot.press("4")  # the reader goes on
        assert app.store.count_annotations() == 1
