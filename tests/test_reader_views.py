"""Pilot tests of the reader's dialogs: note, annotation list, search, picker, help, palette, refusals."""
from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input, TextArea

SIZE = (200, 50)


@pytest.fixture
def reader_on(tmp_path):
    """A reader on a new database holding one Document; the store is closed afterwards."""
    from store import open_store
    from tui.app import ReaderApp

    stores = []

    def build(document):
        store = open_store(tmp_path / f"{document.id}.db")
        stores.append(store)
        store.add_document(document)
        return ReaderApp(store, "tester")

    yield build
    for store in stores:
        store.close()


async def _tag_word(pilot, view, word: str, key: str) -> None:
    view.move_to(view.text.index(word) + 1)
    await pilot.press(key)


async def test_note_key_writes_and_edits_a_memo(make_reader):
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        view = app.focused_view
        await _tag_word(pilot, view, "Grenell", "4")
        await pilot.press("m")
        await pilot.pause()
        area = app.screen.query_one(TextArea)
        area.text = "ambassador [sic] — check title"
        await pilot.press("ctrl+s")
        [annotation] = app.store.annotations()
        assert annotation.note == "ambassador [sic] — check title"
        await pilot.press("m")
        await pilot.pause()
        app.screen.query_one(TextArea).text = "changed"
        await pilot.press("escape")
        assert app.store.annotations()[0].note == "ambassador [sic] — check title"
        await pilot.press("u")
        assert app.store.annotations()[0].note == ""


async def test_annotation_list_filters_by_tag_and_jumps(make_reader):
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        view = app.focused_view
        await _tag_word(pilot, view, "Grenell", "4")
        await _tag_word(pilot, view, "Altmaier", "4")
        await _tag_word(pilot, view, "Huawei", "2")
        view.move_to(0)
        await pilot.press("a")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.row_count == 3
        await pilot.press("4")
        assert table.row_count == 2
        await pilot.press("down", "enter")
        await pilot.pause()
        assert view.text[view.cursor:].startswith("Altmaier")


async def test_search_and_step_through_hits(make_reader):
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        view = app.focused_view
        hits = [i for i in range(len(view.text)) if view.text.lower().startswith("huawei", i)]
        await pilot.press("slash")
        await pilot.pause()
        app.screen.query_one(Input).value = "HUAWEI"
        await pilot.press("enter")
        await pilot.pause()
        assert view.cursor == hits[0]
        assert len(view.layer_ranges("hits")) == len(hits)
        await pilot.press("n")
        assert view.cursor == hits[1]
        await pilot.press("N", "N")
        assert view.cursor == hits[-1]


async def test_picker_chooses_the_document_of_the_focused_pane(make_reader):
    app = make_reader()
    async with app.run_test(size=(100, 40)) as pilot:
        ids = app.store.document_ids()
        await pilot.press("tab", "o")
        await pilot.pause()
        app.screen.query_one(Input).value = "Pompeo"
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.panes[1].document.id == ids[4]
        assert app.panes[0].document.id == ids[0]


def help_sections(app) -> list[tuple[str, list[str]]]:
    """The keys overlay as shown: each heading with its lines (keys and what they do)."""
    from tui.screens.help import HelpScreen

    assert isinstance(app.screen, HelpScreen)
    widgets = list(app.screen.query("#help-body > Static"))
    sections = []
    for widget in widgets:
        text = str(widget.render())
        if widget.has_class("help-heading"):
            sections.append((text, []))
        else:
            sections[-1][1].extend(" ".join(line.split()) for line in text.split("\n"))
    return sections


async def test_help_lists_every_binding_under_its_group_in_group_order(make_reader):
    from tui.bindings import APP_BINDINGS, GROUPS, VIEW_BINDINGS, group_of, help_line

    app = make_reader()
    async with app.run_test(size=(100, 24)) as pilot:  # far too small to show it all at once
        await pilot.press("question_mark")
        await pilot.pause()
        sections = help_sections(app)
    headings = [heading for heading, _ in sections]
    assert headings[:len(GROUPS)] == list(GROUPS.values())
    lines = dict(sections)
    # The tag keys come from the database's codebook: the seed database's four tags.
    assert [binding.key for binding in app.reader.tag_bindings] == ["1", "2", "3", "4"]
    listed = [*VIEW_BINDINGS, *APP_BINDINGS, *app.reader.tag_bindings]
    assert len(listed) == sum(len(rows) for _, rows in sections[:len(GROUPS)])
    for binding in listed:
        keys = app._keys_of(binding)
        group = lines[GROUPS[group_of(binding.id)]]
        assert any(line.startswith(" ".join(keys.split())) and line.endswith(help_line(binding))
                   for line in group), (binding.id, group)
    for binding in [*APP_BINDINGS, *app.reader.tag_bindings]:  # what the key does, not only its name
        assert len(help_line(binding).split()) >= 4, binding.id
    assert "Tag the selection (else the word under the cursor) as quote" in " ".join(lines["Tag"])
    assert any(line.startswith("i ") and "each document the others share" in line for line in lines["Compare"])


async def test_help_gives_each_key_one_line_at_100_columns(make_reader):
    app = make_reader()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        for widget in app.screen.query(".help-rows"):
            assert widget.size.height == len(str(widget.render()).split("\n")), str(widget.render())


async def test_help_lists_a_tag_key_once_a_tag_uses_it(make_reader, seeded_store):
    seeded_store.conn.execute("INSERT INTO tags (name, key, colour, position) VALUES ('frame', '5', '#ef4444', 5)")
    seeded_store.conn.commit()
    app = make_reader()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        tag_lines = dict(help_sections(app))["Tag"]
    assert [line.split()[0] for line in tag_lines] == ["1", "2", "3", "4", "5", "C"]
    assert tag_lines[4].endswith("as frame")


async def test_command_palette_offers_actions(make_reader):
    app = make_reader()
    async with app.run_test(size=SIZE):
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for expected in ("Tag as quote", "Delete", "Undo", "Export", "Next word", "Search"):
            assert expected in titles


async def test_keymap_remaps_a_binding_by_id(make_reader):
    app = make_reader(keymap={"tag.1": "f5"})
    async with app.run_test(size=SIZE) as pilot:
        view = app.focused_view
        view.move_to(view.text.index("Germany"))
        await pilot.press("f5")
        assert [a.tag for a in app.store.annotations()] == ["quote"]


async def test_refused_inputs_are_listed_and_dismissible(make_reader):
    app = make_reader(refused=["bad[/].txt: not UTF-8: byte 0xff at byte 3 (line 1, column 4)"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = " ".join(str(widget.render()) for widget in app.screen.query("*"))
        assert "bad[/].txt" in shown
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is app.panes[0]


async def test_hostile_text_is_shown_literally(reader_on):
    from corpus.document import Document

    text = "[bold]not bold[/] [@click=app.quit]x[/] [sic]\x1b[31mred\x07 bell\ttab"
    app = reader_on(Document(id="h", title="[/] title [b", text=text))
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.pause()
        view = app.focused_view
        row = view.render_line(1).text  # row 0 is the header
        assert "[bold]not bold[/]" in row and "[sic]" in row
        assert "\x1b" not in row and "\x07" not in row
        assert "␛[31mred␇" in row
        header = view.render_line(0).text
        assert "[/] title [b" in header
        await pilot.click(view, offset=(2 + text.index("x"), 1))
        assert app.is_running  # a click on text that looks like an action does nothing
        assert view.cursor == text.index("x")


async def test_wide_characters_select_and_store_exact_text(reader_on):
    from corpus.document import Document

    text = "記者 習近平 said 👍🏽 and café\u0301 with e\u0301t\u00e9."
    app = reader_on(Document(id="w", title="wide", text=text))
    async with app.run_test(size=(100, 20)) as pilot:
        view = app.focused_view
        name = text.index("習近平")
        await pilot.click(view, offset=(2 + 2 * 2 + 1, 1))  # the cell of 習 (after 記者 and a space)
        assert view.cursor == name
        await pilot.press("shift+right", "shift+right", "shift+right", "4")
        emoji = text.index("👍")
        view.move_to(emoji)
        await pilot.press("shift+right", "shift+right", "1")
        combining = text.index("café")
        view.move_to(combining)
        await pilot.press("shift+right", "shift+right", "shift+right", "shift+right", "shift+right", "2")
        stored = {a.tag: a.text for a in app.store.annotations()}
        assert stored == {"actor": "習近平", "quote": "👍🏽", "claim": "café\u0301"}
        for annotation in app.store.annotations():
            assert text[annotation.start:annotation.end] == annotation.text
        assert view.layout_.column_of(emoji) == view.layout_.column_of(name) + 6 + len(" said ")


async def test_theme_change_repaints_rows_with_the_new_colours(make_reader):
    from textual.color import Color

    app = make_reader()
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.focused_view
        await pilot.press("4", "w")  # an actor span on the first word; the cursor moves off it
        dark = view.render_line(1)
        app.theme = "textual-light"
        await pilot.pause()
        light = view.render_line(1)
        assert [s.style for s in dark] != [s.style for s in light]
        # The tag's highlight is blended over the new background, not the old one.
        colour = Color.parse(next(tag.colour for tag in app.reader.tags if tag.name == "actor"))
        expected = view.styles.background.blend(colour, 0.55).rich_color
        assert list(light)[1].style.bgcolor == expected != list(dark)[1].style.bgcolor


async def test_a_theme_change_recolours_selection_tags_and_legend_even_on_the_same_surface(make_reader):
    from textual.theme import BUILTIN_THEMES

    dark = BUILTIN_THEMES["textual-dark"]
    # Only the selection's colour (secondary) and the passage colour (accent) differ: the panes'
    # own CSS is unchanged, so only the theme signal can tell them to redraw.
    other = dark.__class__(**{**dark.__dict__, "name": "same-surface", "secondary": "#ff0000",
                              "accent": "#00ff00"})
    app = make_reader()
    app.register_theme(other)
    async with app.run_test(size=(100, 30)) as pilot:
        app.theme = "textual-dark"
        await pilot.pause()
        view = app.focused_view
        await pilot.press("shift+right", "shift+right")
        row_before = [segment.style for segment in view.render_line(1)]
        legend_before = app.query_one("#legend").render()
        app.theme = "same-surface"
        await pilot.pause()
        row_after = [segment.style for segment in view.render_line(1)]
        assert row_after[1] != row_before[1]  # the selected characters, after the gutter
        assert row_after[2:] == row_before[2:]
        assert str(app.query_one("#legend").render()) == str(legend_before)
        assert app.query_one("#legend").render().spans != legend_before.spans


async def test_help_scrolls_to_its_last_section_on_a_small_terminal(make_reader):
    from textual.containers import VerticalScroll

    app = make_reader()
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        body = app.screen.query_one("#help-body", VerticalScroll)
        assert body.max_scroll_y > 0
        await pilot.press("end")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y


async def test_markdown_styling_is_shown_and_offsets_refer_to_rendered_text(tmp_path):
    from store import open_store
    from store.importer import import_corpus
    from tui.app import ReaderApp

    source = tmp_path / "story.md"
    source.write_text("# Headline here\n\nThe **minister** said [a thing](http://x.test).\n", encoding="utf-8")
    store = open_store(tmp_path / "md.db")
    assert import_corpus(store, [source]).ok
    app = ReaderApp(store, "tester")
    async with app.run_test(size=(100, 20)) as pilot:
        view = app.focused_view
        assert "http://x.test" not in view.text and "a thing" in view.text
        row = view.layout_.row_of(view.text.index("minister"))
        segments = list(view.render_line(1 + row - int(view.scroll_y)))
        bold = [s.text for s in segments if s.style and s.style.bold]
        assert "minister" in "".join(bold)
        view.move_to(view.text.index("minister") + 1)
        await pilot.press("4")
        assert store.annotations()[0].text == "minister"


async def test_note_typed_fast_then_saved_keeps_every_character(make_reader):
    """Keys arriving in one burst (a fast typist, tmux send-keys) are all in the note when ctrl+s lands."""
    from textual import events

    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        view = app.focused_view
        await _tag_word(pilot, view, "Grenell", "4")
        await pilot.press("m")
        await pilot.pause()
        note = "attribution differs: senior State Department official vs Senior US"
        for char in note:
            app.post_message(events.Key(char, char))
        app.post_message(events.Key("ctrl+s", None))
        await pilot.pause()
        await pilot.pause()
        assert app.store.annotations()[0].note == note
