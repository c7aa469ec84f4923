"""The corpus-wide annotation list: keyed pages from SQL, filters, and key A in the real reader."""
from __future__ import annotations

import pytest
from textual.widgets import DataTable

from store import corpus_annotations as ca
from store.corpus_annotations import Cancelled, Filter, parse_filter

TAG_NAMES = ["quote", "claim", "number", "actor"]


def _tag_many(store, count_per_document=30):
    """Annotations in every seed document, by two annotators, some sharing a start."""
    made = []
    for n, doc_id in enumerate(store.document_ids()):
        text = store.document(doc_id).text
        for k in range(count_per_document):
            start = (k * 7) % max(1, len(text) - 20)
            tag = TAG_NAMES[(k + n) % 4]
            made.append(store.add_annotation(doc_id, start, start + 5 + k % 3, tag,
                                             annotator="alice" if k % 2 else "bob"))
    return made


def _all_pages(conn, chosen, limit):
    rows, after = [], None
    while True:
        page = ca.page(conn, chosen, after, limit)
        rows += page
        if len(page) < limit:
            return rows
        after = page[-1]


def test_pages_by_key_give_every_annotation_once_in_the_store_order(seeded_store):
    _tag_many(seeded_store)
    expected = [a.id for a in seeded_store.annotations()]
    for limit in (1, 7, 200):
        assert [row.id for row in _all_pages(seeded_store.conn, Filter(), limit)] == expected


@pytest.mark.parametrize("walk_seconds", [ca.WALK_SECONDS, 0.0])
def test_filters_by_tag_annotator_and_text_with_either_plan(seeded_store, monkeypatch, walk_seconds):
    made = _tag_many(seeded_store)
    monkeypatch.setattr(ca, "WALK_SECONDS", walk_seconds)  # 0: the scan answers every filtered page
    order = [a.id for a in seeded_store.annotations()]
    chosen = parse_filter("tag:QU by:ali", TAG_NAMES)
    assert chosen == Filter((), ("quote",), "ali")
    wanted = [i for i in order if any(a.id == i and a.tag == "quote" and a.annotator == "alice" for a in made)]
    assert wanted and [row.id for row in _all_pages(seeded_store.conn, chosen, 3)] == wanted
    assert ca.count(seeded_store.conn, chosen) == len(wanted)
    word = made[5].text.split()[0] if made[5].text.split() else made[5].text
    by_text = [row for row in _all_pages(seeded_store.conn, parse_filter(word.upper(), TAG_NAMES), 4)]
    assert by_text and all(word.casefold() in row.text.casefold() for row in by_text)
    assert [row.id for row in by_text] == [a.id for a in seeded_store.annotations()
                                           if word.casefold() in a.text.casefold()]


def test_like_wildcards_in_the_filter_are_literal(seeded_store):
    doc_id = seeded_store.document_ids()[0]
    seeded_store.add_annotation(doc_id, 0, 4, "quote", annotator="a_b")
    assert ca.count(seeded_store.conn, parse_filter("%", TAG_NAMES)) == 0
    assert ca.count(seeded_store.conn, parse_filter("by:a_", TAG_NAMES)) == 1
    assert ca.count(seeded_store.conn, parse_filter("by:a%", TAG_NAMES)) == 0
    assert ca.count(seeded_store.conn, parse_filter("tag:nosuch", TAG_NAMES)) == 0


def test_a_cancelled_query_stops_inside_sqlite(seeded_store, monkeypatch):
    _tag_many(seeded_store)
    monkeypatch.setattr(ca, "_CHECK_EVERY", 50)  # look often: the seed corpus's queries are short
    looks = []

    def cancelled() -> bool:  # not yet when the query starts, then at SQLite's first look
        looks.append(1)
        return len(looks) > 1

    with pytest.raises(Cancelled):
        ca.page(seeded_store.conn, parse_filter("zzz-absent", TAG_NAMES), cancelled=cancelled)
    assert len(looks) == 2
    with pytest.raises(Cancelled):  # given up before it started: SQLite is not asked
        ca.count(seeded_store.conn, Filter(), cancelled=lambda: True)
    assert ca.count(seeded_store.conn, Filter()) == 150  # the connection still answers


async def test_A_lists_every_document_filters_as_typed_and_enter_lands_on_the_span(seeded_store, make_reader):
    import tui.screens.corpus_annotations as screen_module

    made = _tag_many(seeded_store)
    target = next(a for a in made if a.document_id == seeded_store.document_ids()[2] and a.tag == "actor"
                  and a.annotator == "alice")
    app = make_reader()
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("A")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        table = screen.query_one(DataTable)
        assert "All 150 annotations" in screen.status.plain
        in_order = [a.id for a in seeded_store.annotations()]  # every document's, in the store's order
        assert [key.value for key in table.rows] == in_order[:table.row_count]
        assert table.row_count == min(150, screen_module.PAGE_ROWS)  # one page read, not the lot
        for char in f"tag:act by:alice {target.text}":
            await pilot.press("space" if char == " " else char)
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = [key.value for key in table.rows]
        assert target.id in shown, (screen.status.plain, screen.query_one("#all-annotations-filter").value)
        wrong = [(a.tag, a.annotator, a.text) for a in made if a.id in shown and (a.tag, a.annotator) != ("actor", "alice")]
        assert not wrong, (wrong[:3], screen.status.plain, screen.query_one("#all-annotations-filter").value, screen.filter)
        assert f"{len(shown)} of 150 annotations match" in screen.status.plain
        while table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value != target.id:
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is app.reader
        view = app.reader.focused_view
        assert view.document.id == target.document_id and view.cursor == target.start


async def test_A_reads_more_pages_as_the_cursor_moves_down(seeded_store, make_reader, monkeypatch):
    import tui.screens.corpus_annotations as screen_module

    _tag_many(seeded_store)
    monkeypatch.setattr(screen_module, "PAGE_ROWS", 10)
    app = make_reader()
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("A")
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        # The first page, and the next because the cursor is within MORE_WHEN_WITHIN rows of its end.
        assert 10 <= table.row_count < 150
        for _ in range(5):
            await pilot.press("pagedown")
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert 50 <= table.row_count <= 150
        assert [key.value for key in table.rows] == [a.id for a in seeded_store.annotations()][:table.row_count]
        await pilot.press("escape")
        assert app.screen is app.reader


async def test_typing_with_the_table_focused_still_filters(seeded_store, make_reader):
    _tag_many(seeded_store)
    app = make_reader()
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("A")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        screen.query_one(DataTable).focus()
        await pilot.pause()
        await pilot.press("t", "a", "g", ":", "q")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.query_one("#all-annotations-filter").value == "tag:q"
        assert screen.filter.tags == ("quote",)
        assert {seeded_store.annotation(key.value).tag for key in screen.query_one(DataTable).rows} == {"quote"}
