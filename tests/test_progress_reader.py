"""Progress in the reader: D cycles the focused document's status, the status line and the picker show it."""
from __future__ import annotations

from textual.widgets import DataTable, Static


def _status_line(app) -> str:
    return str(app.reader.query_one("#status", Static).render())


async def test_D_cycles_the_status_says_it_and_stores_it_for_this_annotator(seeded_store, make_reader):
    first = seeded_store.document_ids()[0]
    seeded_store.set_progress(first, "someone-else", "done")  # another annotator's: not counted here
    app = make_reader(annotator="alice")
    async with app.run_test(size=(200, 48)) as pilot:
        await pilot.pause()
        assert "to do · 0/5 done" in _status_line(app)
        await pilot.press("D")
        assert seeded_store.progress(first, "alice") == "in_progress"
        assert "in progress · 0/5 done" in _status_line(app)
        await pilot.press("D")
        assert seeded_store.progress(first, "alice") == "done"
        assert "done · 1/5 done" in _status_line(app)
        await pilot.press("D")
        assert "to do · 0/5 done" in _status_line(app)
        await pilot.press("D", "D")
        await pilot.press("u")  # one step back: done -> in progress
        assert seeded_store.progress(first, "alice") == "in_progress"
        assert "in progress · 0/5 done" in _status_line(app)
        await pilot.press("right_curly_bracket")  # the next document has its own status
        assert "to do · 0/5 done" in _status_line(app)
    assert seeded_store.progress(first, "someone-else") == "done"


async def test_the_picker_shows_each_status_the_counts_and_filters_by_status(seeded_store, make_reader):
    ids = seeded_store.document_ids()
    seeded_store.set_progress(ids[1], "alice", "done")
    seeded_store.set_progress(ids[2], "alice", "in_progress")
    seeded_store.set_progress(ids[3], "bob", "done")
    app = make_reader(annotator="alice")
    async with app.run_test(size=(200, 48)) as pilot:
        await pilot.press("D")  # the first document, in progress
        await pilot.press("o")
        await pilot.pause()
        picker = app.screen
        counts = str(picker.query_one("#picker-progress", Static).render())
        assert "1/5 done" in counts and "2 in progress" in counts and "2 to do" in counts
        table = picker.query_one(DataTable)
        column = [table.get_row(doc_id)[1].plain for doc_id in ids]
        assert column == ["in progress", "done ✓", "in progress", "to do", "to do"]  # bob's done is not alice's
        for char in "status:in":
            await pilot.press(char)
        assert [key.value for key in table.rows] == [ids[0], ids[2]]
        for _ in "in":
            await pilot.press("backspace")
        for char in "done":
            await pilot.press(char)
        assert [key.value for key in table.rows] == [ids[1]]
        await pilot.press("ctrl+a", "ctrl+k")  # a cleared filter lists every document again
        for char in "status:todo":
            await pilot.press(char)
        assert [key.value for key in table.rows] == [ids[3], ids[4]]
        await pilot.press("enter")
        await pilot.pause()
        assert app.reader.focused_view.document.id == ids[3]


async def test_keys_arriving_together_act_on_the_pane_tab_moved_to(seeded_store, make_reader):
    """A terminal read can hold Tab and D at once: D marks the pane Tab went to, not the one it left."""
    from textual import events

    first, second = seeded_store.document_ids()[:2]
    app = make_reader(annotator="alice")
    async with app.run_test(size=(200, 48)) as pilot:
        await pilot.pause()
        app.post_message(events.Key("tab", None))  # both queued before either is handled
        app.post_message(events.Key("D", "D"))
        await pilot.pause()
        await pilot.pause()
        assert app.reader.focused_view.document.id == second
        assert (seeded_store.progress(first, "alice"), seeded_store.progress(second, "alice")) == (
            "todo", "in_progress")
