"""A codebook's tags in the real reader and on the command line: bound by key, shown in the legend, the
help and the codebook view, grouped in coverage; a bad codebook refused before anything opens."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from textual.widgets import DataTable, OptionList, Static

from store import open_store
from store.importer import import_seeds
from tests.test_codebook import FRAME  # the example codebook
from tests.test_reader_views import help_sections
from tui.cli import main
from tui.codebook_loading import read_checked

SIZE = (200, 50)


@pytest.fixture
def frame_file(tmp_path) -> Path:
    path = tmp_path / "codebook.toml"
    path.write_text(FRAME, encoding="utf-8")
    return path


async def test_a_codebook_tag_works_by_key_in_the_legend_help_view_and_coverage(make_reader, seeded_store,
                                                                                 frame_file):
    seeded_store.apply_codebook(read_checked(str(frame_file), {}))
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert " 5 frame " in str(app.query_one("#legend", Static).render())
        # The tag keys join the bindings Textual built, the command palette's key among them.
        assert any(binding.action == "command_palette" for _, binding in app._bindings)
        for pane in app.panes[:2]:  # the same word in two documents
            pane.focus()
            pane.move_to(pane.text.index("Huawei") + 1)
            await pilot.press("5")
        assert [(a.tag, a.text) for a in app.store.annotations()] == [("frame", "Huawei")] * 2

        await pilot.press("question_mark")
        await pilot.pause()
        sections = dict(help_sections(app))
        assert "5 Tag the selection (else the word under the cursor) as frame" in sections["Tag"]
        definitions = " ".join(sections["Codebook: what each tag means (C in the reader)"])
        assert "5 frame A framing device: metaphor, catchphrase or depiction." in definitions
        assert "4 actor A person, organisation or country" in definitions
        await pilot.press("escape")

        await pilot.press("C")  # the cursor is on the frame span just tagged
        await pilot.pause()
        view = app.screen
        assert view.highlighted_tag == "frame"
        options = view.query_one(OptionList)
        assert "A framing device" in str(options.get_option_at_index(options.highlighted).prompt)
        assert "said_by" in str(view.query_one("#codebook-relations", Static).render())
        await pilot.press("escape")

        await pilot.press("c")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1  # one item carried by two documents
        assert app.screen.shown_rows[0].tag == "frame" and app.screen.shown_rows[0].reach == 2


async def test_a_tag_on_a_letter_and_a_renamed_tag_work_in_the_reader(make_reader, seeded_store, tmp_path):
    book = tmp_path / "b.toml"
    book.write_text('[[tag]]\nname = "speaker"\nrenamed_from = "actor"\nkey = "f"\n', encoding="utf-8")
    seeded_store.apply_codebook(read_checked(str(book), {}))
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        view = app.focused_view
        view.move_to(view.text.index("Grenell"))
        await pilot.press("f")
        await pilot.press("4")  # actor's old key: the key moved with the file
        assert [a.tag for a in app.store.annotations()] == ["speaker"]
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("f")  # the list filters by the tag's letter too
        assert app.screen.status.plain == "Showing: speaker (1 of 1)"


async def test_coverage_with_no_annotations_names_the_codebooks_tags(make_reader, seeded_store, frame_file):
    seeded_store.apply_codebook(read_checked(str(frame_file), {}))
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert app.screen.status.plain == ("No annotations yet: tag spans (1 quote, 2 claim, 3 number, 4 actor, "
                                           "5 frame) to compare coverage")


def test_codebook_import_and_export_on_the_command_line(tmp_path, frame_file):
    db = str(tmp_path / "study.db")
    runner = CliRunner()
    result = runner.invoke(main, ["codebook", "import", str(frame_file), "--db", db])
    assert result.exit_code == 0, result.output
    assert "added tag frame" in result.output and "5 tags" in result.output
    toml = runner.invoke(main, ["codebook", "export", "--db", db])
    assert toml.exit_code == 0 and 'name = "frame"' in toml.output and "replace_defaults = true" in toml.output
    again = tmp_path / "again.toml"
    again.write_text(toml.output, encoding="utf-8")
    assert runner.invoke(main, ["codebook", "import", str(again), "--db", db]).exit_code == 0
    csv_out = runner.invoke(main, ["codebook", "export", "--format", "csv", "--db", db])
    assert csv_out.output.splitlines()[0] == "name,description,key,color,groups_by"
    assert csv_out.output.splitlines()[5] == "frame,\"A framing device: metaphor, catchphrase or depiction.\",5,#aa00ff,text"


def test_a_bad_codebook_is_refused_with_its_line_and_nothing_is_created(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[[tag]]\nname = "frame"\nkey = "5"\n\n[[tag]]\nname = "device"\nkey = "5"\n', encoding="utf-8")
    db = tmp_path / "study.db"
    result = CliRunner().invoke(main, ["codebook", "import", str(bad), "--db", str(db)])
    assert result.exit_code == 1
    assert f"codebook {bad}, line 7: duplicate key '5': tags 'frame' and 'device' both use it" in result.output
    assert not db.exists()


def test_the_reader_refuses_a_bad_codebook_before_opening_and_loads_a_good_one(tmp_path, frame_file, monkeypatch):
    import tui.app
    from tui.launch import LaunchError, open_reader

    monkeypatch.setattr("tui.launch.require_terminal", lambda: None)  # pytest's output is no terminal
    opened: list[tuple[list[str], list[str]]] = []

    class Reader:
        def __init__(self, store, annotator, requested, refused, keymap, warnings) -> None:
            opened.append(([t.name for t in store.tags()], warnings))
            self.crash_report = None

        def run(self) -> None:
            pass

    monkeypatch.setattr(tui.app, "ReaderApp", Reader)
    db = tmp_path / "study.db"
    bad = tmp_path / "bad.toml"
    bad.write_text('[[tag]]\nname = "frame"\ncolor = "purple"\n', encoding="utf-8")
    with pytest.raises(LaunchError, match=r"bad.toml, line 3: tag 'frame': bad colour 'purple'"):
        open_reader((), str(db), "ana", None, str(bad))
    assert not db.exists() and not opened
    store = open_store(db)
    import_seeds(store)
    store.close()
    open_reader((), str(db), "ana", None, str(frame_file))
    [(names, warnings)] = opened
    assert names == ["quote", "claim", "number", "actor", "frame"]
    assert "codebook: added tag frame" in warnings


async def test_u_in_the_reader_undoes_a_codebook_import_whole_and_the_keys_follow(make_reader, seeded_store,
                                                                                  frame_file):
    runner = CliRunner()
    result = runner.invoke(main, ["codebook", "import", str(frame_file), "--db", str(seeded_store.path),
                                  "--annotator", "tester"])
    assert result.exit_code == 0, result.output
    app = make_reader()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert " 5 frame " in str(app.query_one("#legend", Static).render())
        await pilot.press("u")  # tester's last action is the import
        await pilot.pause()
        assert "frame" not in [t.name for t in app.store.tags()]
        assert " 5 frame " not in str(app.query_one("#legend", Static).render())
        pane = app.panes[0]
        pane.move_to(pane.text.index("Huawei") + 1)
        await pilot.press("5")  # no longer a tag key
        assert app.store.annotations() == []
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert " 5 frame " in str(app.query_one("#legend", Static).render())
        await pilot.press("5")
        assert [(a.tag, a.text) for a in app.store.annotations()] == [("frame", "Huawei")]
