"""Writes that SQLite refuses (busy, read-only, disk full) are StoreErrors, and the reader goes on."""
from __future__ import annotations

import sqlite3

import pytest
from textual import events

from corpus.document import Document
from store import open_store
from store.errors import DatabaseBusyError, DiskFullError, ReadOnlyDatabaseError

SIZE = (160, 40)


@pytest.fixture
def one_doc(tmp_path):
    store = open_store(tmp_path / "faults.db")
    store.add_document(Document(id="d", title="D", text="Huawei said 40% of its staff agreed. " * 50))
    yield store
    store.close()


def _hold_write_lock(path) -> sqlite3.Connection:
    other = sqlite3.connect(str(path), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    return other


def _fill_the_disk(store) -> None:
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages}")


def test_each_refused_write_is_a_store_error_that_names_its_cause(one_doc):
    one_doc.conn.execute("PRAGMA busy_timeout = 50")
    other = _hold_write_lock(one_doc.path)
    with pytest.raises(DatabaseBusyError, match="database busy"):
        one_doc.add_annotation("d", 0, 6, "actor")
    other.execute("ROLLBACK")
    other.close()
    one_doc.conn.execute("PRAGMA query_only = ON")
    with pytest.raises(ReadOnlyDatabaseError, match="read-only"):
        one_doc.add_annotation("d", 0, 6, "actor")
    one_doc.conn.execute("PRAGMA query_only = OFF")
    kept = one_doc.add_annotation("d", 0, 6, "actor")
    _fill_the_disk(one_doc)
    with pytest.raises(DiskFullError, match="disk full"):
        for start in range(0, 1800, 3):
            one_doc.add_annotation("d", start, start + 2, "claim", note="x" * 2000)
    assert one_doc.annotation(kept.id) == kept
    assert one_doc.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


async def test_a_change_made_while_the_database_is_locked_waits_with_the_keys_live(one_doc):
    from tui.app import ReaderApp

    app = ReaderApp(one_doc, "tester")
    async with app.run_test(size=SIZE) as pilot:
        view = app.focused_view
        await pilot.press("4")
        other = _hold_write_lock(one_doc.path)
        try:
            await pilot.press("w", "4")
            await pilot.pause(0.6)
            assert "database busy: waiting to save the actor “said”" in str(app.query_one("#status").render())
            await pilot.press("l", "l")  # moving goes on meanwhile
            assert view.cursor == 9
            await pilot.press("u")  # a second change would overtake the waiting one: refused
            assert any("Still waiting for the database" in n.message for n in app._notifications)
            assert one_doc.count_annotations() == 1
        finally:
            other.execute("ROLLBACK")
            other.close()
        for _ in range(30):
            await pilot.pause(0.1)
            if one_doc.count_annotations() == 2:
                break
        assert [a.text for a in one_doc.annotations()] == ["Huawei", "said"]
        assert len(view.spans) == 2
        assert "saved" in str(app.query_one("#status").render())


async def test_a_lock_held_past_the_limit_gives_up_saying_what_was_not_saved(one_doc, monkeypatch):
    import tui.patient_writes as patient
    from tui.app import ReaderApp

    monkeypatch.setattr(patient, "GIVE_UP_SECONDS", 0.8)
    app = ReaderApp(one_doc, "tester")
    async with app.run_test(size=SIZE) as pilot:
        other = _hold_write_lock(one_doc.path)
        try:
            await pilot.press("4")
            for _ in range(30):
                await pilot.pause(0.1)
                if any("was not saved" in n.message for n in app._notifications):
                    break
            [message] = [n.message for n in app._notifications if "was not saved" in n.message]
            assert message.startswith("database busy for 1 s") and "the actor “Huawei” was not saved" in message
        finally:
            other.execute("ROLLBACK")
            other.close()
        await pilot.press("4")  # the next change goes through
        assert one_doc.count_annotations() == 1


async def test_the_reader_on_a_full_disk_keeps_every_saved_annotation(one_doc):
    from tui.app import ReaderApp

    app = ReaderApp(one_doc, "tester")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        _fill_the_disk(one_doc)
        for _ in range(300):
            await pilot.press("w", "3")
            if any("disk full" in notice.message for notice in app._notifications):
                break
        assert any("disk full" in notice.message for notice in app._notifications)
        saved = one_doc.count_annotations()
        assert saved >= 1 and len(app.focused_view.spans) == saved
        await pilot.press("q")
    assert app.return_code in (0, None)


async def test_q_while_the_database_is_locked_quits_and_says_the_positions_were_not_saved(one_doc, capsys):
    from tui.app import ReaderApp

    app = ReaderApp(one_doc, "tester")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        other = _hold_write_lock(one_doc.path)
        try:
            await pilot.press("q")
        finally:
            other.execute("ROLLBACK")
            other.close()
    assert "Pane positions not saved: database busy" in " ".join(capsys.readouterr().err.split())
    assert one_doc.count_annotations() == 1


async def test_keys_sent_in_one_burst_after_q_are_not_commands(one_doc):
    from tui.app import ReaderApp

    app = ReaderApp(one_doc, "tester")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        app.focused_view.move_to(40)
        for key in "question":  # as a terminal delivers them: all queued before q is handled
            app.post_message(events.Key(key, key))
        await pilot.pause(0.3)
    assert app._exception is None
    assert one_doc.count_annotations() == 1  # u did not undo the tag
    assert one_doc.get_state("panes")[0]["cursor"] == 40


async def test_a_stored_tag_colour_that_does_not_parse_draws_grey_instead_of_crashing(one_doc):
    from tui.app import FALLBACK_TAG_COLOUR, ReaderApp

    with one_doc.conn:
        one_doc.conn.execute("UPDATE tags SET colour = 'not-a-colour' WHERE name = 'actor'")
    app = ReaderApp(one_doc, "tester")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        assert app.reader.tag_colours()["actor"] == FALLBACK_TAG_COLOUR
        assert app.reader.tag_colours()["quote"] != FALLBACK_TAG_COLOUR
        assert "actor" in str(app.query_one("#legend").render())
        assert one_doc.count_annotations() == 1
