"""A damaged database file is refused with how to recover, and never written to."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from corpus.document import Document
from store import open_store
from store.errors import DamagedDatabaseError


@pytest.fixture
def good(tmp_path):
    path = tmp_path / "good.db"
    store = open_store(path)
    for i in range(20):
        store.add_document(Document(id=f"d{i}", title="t", text=(f"word {i} " * 600)))
    for i in range(50):
        store.add_annotation("d1", i, i + 3, "quote")
    store.close()
    return path


def _page_size(path) -> int:
    return int.from_bytes(path.read_bytes()[16:18], "big")


@pytest.mark.parametrize("cut_from_end", ["page - 1", 688, 1])
def test_a_file_cut_inside_its_last_page_is_refused_untouched(good, tmp_path, cut_from_end):
    size = good.stat().st_size
    cut = size - (_page_size(good) - 1 if cut_from_end == "page - 1" else cut_from_end)
    damaged = tmp_path / "cut.db"
    damaged.write_bytes(good.read_bytes()[:cut])
    before = damaged.read_bytes()
    with pytest.raises(DamagedDatabaseError, match=r"cut short: .* of .* bytes.*\.recover"):
        open_store(damaged)
    assert damaged.read_bytes() == before


def test_a_damaged_page_is_refused_by_the_quick_check(good, tmp_path):
    damaged = tmp_path / "scribbled.db"
    data = bytearray(good.read_bytes())
    page = _page_size(good)
    for page_number in range(2, len(data) // page):  # scribble over every b-tree page header
        offset = page_number * page
        data[offset:offset + 12] = b"\xff" * 12
    damaged.write_bytes(bytes(data))
    with pytest.raises(DamagedDatabaseError, match="damaged .*it was not changed"):
        open_store(damaged)
    assert damaged.read_bytes() == bytes(data)


def test_export_of_a_damaged_database_fails_saying_how_to_recover(good, tmp_path):
    from tui.cli import main

    damaged = tmp_path / "cut.db"
    damaged.write_bytes(good.read_bytes()[:-100])
    result = CliRunner().invoke(main, ["export", "--format", "jsonl", "--db", str(damaged)])
    assert result.exit_code != 0
    assert "damaged" in result.output and ".recover" in result.output


async def test_the_reader_finds_damage_after_its_first_frame_and_writes_nothing(good, tmp_path):
    import sqlite3

    from tui.app import ReaderApp
    from tui.screens.message import MessageScreen

    # Damage only the undo log's page: the reader can draw every document, quick_check cannot pass.
    conn = sqlite3.connect(good)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'changes'").fetchone()[0]
    conn.close()
    data = bytearray(good.read_bytes())
    offset = (root - 1) * _page_size(good)
    data[offset:offset + 8] = b"\xff" * 8
    good.write_bytes(bytes(data))
    store = open_store(good, check=False)  # as the reader's launcher opens it
    try:
        app = ReaderApp(store, "tester")
        async with app.run_test(size=(160, 40)) as pilot:
            for _ in range(40):
                await pilot.pause(0.05)
                if isinstance(app.screen, MessageScreen):
                    break
            assert isinstance(app.screen, MessageScreen)
            await pilot.press("escape", "1")
            assert "READ-ONLY" in str(app.query_one("#status").render())
            assert any("open read-only (the file is damaged)" in n.message for n in app._notifications)
    finally:
        store.close()
    assert good.read_bytes() == bytes(data)  # nothing was written
