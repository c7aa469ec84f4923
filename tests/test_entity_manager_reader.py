"""The entity manager (ctrl+e) in the real reader: rename, merge, delete by key; what is shown and stored; u."""
from __future__ import annotations

import pytest

from corpus.document import Document

SIZE = (140, 40)
DOCS = {
    "a": "Ambassador Richard Grenell said the pipeline was a risk. Grenell spoke in Berlin on Monday.",
    "b": "Richard A. Grenell, the US ambassador, warned Berlin. Merkel said nothing.",
    "c": "Dick Grenell told reporters the deal was a mistake.",
}


def _span(store, doc_id: str, needle: str):
    start = DOCS[doc_id].index(needle)
    return store.add_annotation(doc_id, start, start + len(needle), "actor")


@pytest.fixture
def reader(tmp_path):
    from store import open_store
    from tui.app import ReaderApp

    store = open_store(tmp_path / "manager.db")
    for doc_id, text in DOCS.items():
        store.add_document(Document(id=doc_id, title=f"Doc {doc_id}", text=text))
    a, b, c = _span(store, "a", "Richard Grenell"), _span(store, "b", "Richard A. Grenell"), _span(store, "c", "Dick")
    first = store.create_and_link_entity(a.id, "Richard Grenell")
    store.link_entity(c.id, first.id)
    store.create_and_link_entity(b.id, "Richard A. Grenell")
    store.create_entity("[b]Merkel[/b] [@click=app.quit]x[/]")  # markup in a name is only text
    app = ReaderApp(store, "tester")
    app.spans = (a, b, c)
    yield app
    store.close()


def rows(screen) -> list[tuple[str, str, str]]:
    table = screen.query_one("#entity-list-table")
    return [tuple(str(cell) for cell in table.get_row_at(index)) for index in range(table.row_count)]


def message(screen) -> str:
    return str(screen.query_one("#entity-list-message").render())


def entity_names(app) -> dict[str, str]:
    return {counted.entity.name: counted.entity.id for counted in app.store.entities()}


async def test_ctrl_e_lists_every_entity_with_spans_and_documents_literally(reader):
    from tui.screens.entities import EntitiesScreen

    app = reader
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+e")
        screen = app.screen
        assert isinstance(screen, EntitiesScreen)
        assert rows(screen) == [("Richard Grenell", "2", "2"), ("Richard A. Grenell", "1", "1"),
                                ("[b]Merkel[/b] [@click=app.quit]x[/]", "0", "0")]
        assert "4 entities" not in str(screen.query_one("#entity-list-status").render())
        assert "3 entities naming 3 spans" in str(screen.query_one("#entity-list-status").render())
        await pilot.press("escape")
        assert not isinstance(app.screen, EntitiesScreen)


async def test_r_renames_and_u_in_the_reader_undoes(reader):
    from tui.screens.entity_dialogs import EntityNameScreen

    app = reader
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+e", "r")
        assert isinstance(app.screen, EntityNameScreen)
        name_box = app.screen.query_one("#entity-name")
        assert name_box.value == "Richard Grenell"
        name_box.value = ""
        await pilot.press(*"Ric Grenell", "enter")
        screen = app.screen
        assert rows(screen)[0] == ("Ric Grenell", "2", "2")
        assert "Renamed to “Ric Grenell”" in message(screen)
        assert "Ric Grenell" in entity_names(app)
        await pilot.press("escape", "u")
        assert "Richard Grenell" in entity_names(app) and "Ric Grenell" not in entity_names(app)
        await pilot.press("ctrl+e")
        assert rows(app.screen)[0] == ("Richard Grenell", "2", "2")


async def test_renaming_to_another_entitys_name_offers_a_merge(reader):
    from tui.screens.confirm import ConfirmScreen

    app = reader
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+e", "r")
        app.screen.query_one("#entity-name").value = "richard a. grenell"
        await pilot.press("enter")
        assert isinstance(app.screen, ConfirmScreen)
        question = str(app.screen.query_one("#confirm-lines").render())
        assert "Another entity is named Richard A. Grenell (1 span)" in question
        await pilot.press("n")  # no: nothing changes, and the manager says why
        assert "two entities cannot share one name" in message(app.screen)
        assert len(app.store.entities()) == 3
        await pilot.press("r")
        app.screen.query_one("#entity-name").value = "Richard A. Grenell"
        await pilot.press("enter", "y")
        assert rows(app.screen)[0] == ("Richard A. Grenell", "3", "3")
        assert "Merged: 2 spans now name “Richard A. Grenell”" in message(app.screen)


async def test_m_merges_into_the_closest_name_and_one_u_undoes_it(reader):
    from tui.screens.coverage import CoverageScreen
    from tui.screens.entity_dialogs import MergeTargetScreen

    app = reader
    a, b, c = app.spans
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+e", "m")
        picker = app.screen
        assert isinstance(picker, MergeTargetScreen)
        assert picker.rows[0] == entity_names(app)["Richard A. Grenell"]  # the most alike first
        await pilot.press("enter")
        screen = app.screen
        assert rows(screen) == [("Richard A. Grenell", "3", "3"), ("[b]Merkel[/b] [@click=app.quit]x[/]", "0", "0")]
        target = entity_names(app)["Richard A. Grenell"]
        assert {app.store.annotation(span.id).entity_id for span in (a, b, c)} == {target}
        await pilot.press("escape", "c")  # coverage follows at once: one actor row over three documents
        assert isinstance(app.screen, CoverageScreen)
        actors = [row for row in app.screen.coverage.rows if row.tag == "actor"]
        assert [(row.label, row.reach) for row in actors] == [("Richard A. Grenell", 3)]
        await pilot.press("escape", "u")
        assert app.store.annotation(a.id).entity_id == entity_names(app)["Richard Grenell"]
        assert app.store.annotation(b.id).entity_id == target


async def test_d_asks_then_deletes_keeping_the_spans_and_u_relinks_them(reader):
    from tui.screens.confirm import ConfirmScreen

    app = reader
    a, _, c = app.spans
    first = entity_names(app)["Richard Grenell"]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+e", "d")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Its 2 spans in 2 documents stay" in str(app.screen.query_one("#confirm-lines").render())
        await pilot.press("escape")  # no
        assert "Richard Grenell" in entity_names(app)
        await pilot.press("d", "y")
        assert [row[0] for row in rows(app.screen)] == ["Richard A. Grenell", "[b]Merkel[/b] [@click=app.quit]x[/]"]
        assert "its 2 spans name no entity now" in message(app.screen)
        assert app.store.annotation(a.id).entity_id is None and app.store.annotation(a.id).text == "Richard Grenell"
        await pilot.press("down", "d")  # no spans: no question
        assert [row[0] for row in rows(app.screen)] == ["Richard A. Grenell"]
        await pilot.press("escape", "u", "u")
        assert app.store.annotation(a.id).entity_id == first and app.store.annotation(c.id).entity_id == first
        assert len(app.store.entities()) == 3


async def test_ctrl_e_in_the_E_picker_opens_the_manager_and_the_list_shows_entities(reader):
    from tui.screens.entities import EntitiesScreen
    from tui.screens.entity_picker import EntityPickerScreen

    app = reader
    async with app.run_test(size=SIZE) as pilot:
        app.reader.open_in_focused("a", 0)
        await pilot.pause()
        app.focused_view.move_to(DOCS["a"].index("Richard"))
        await pilot.press("E")
        assert isinstance(app.screen, EntityPickerScreen)
        assert "ctrl+e manage entities" in str(app.screen.query_one(".modal-hint").render())
        await pilot.press("ctrl+e")
        assert isinstance(app.screen, EntitiesScreen)
