"""Start-up: the collector paused by the reader's launcher comes back on, and commands still work."""
from __future__ import annotations

import gc
import os
import subprocess
import sys
import weakref
from pathlib import Path

from tests.pty_terminal import run_on_terminal

ROOT = Path(__file__).resolve().parents[1]


def run_in_child(code: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


async def test_reader_turns_the_collector_back_on_after_its_first_frame(make_reader):
    gc.disable()
    try:
        app = make_reader()
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert gc.isenabled()
            assert app.focused_view.document is not None
            assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.enable()


async def test_reader_leaves_an_enabled_collector_alone(make_reader):
    assert gc.isenabled()
    app = make_reader()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_other_commands_run_with_the_collector_on(tmp_path):
    code = ("import gc, sys\n"
            "import store.importer as importer\n"
            "original = importer.import_corpus\n"
            "def spy(*args, **options):\n"
            "    print('collector on:', gc.isenabled())\n"
            "    return original(*args, **options)\n"
            "importer.import_corpus = spy\n"
            "from tui.entry import main\n"
            "main(sys.argv[1:])\n")
    article = tmp_path / "a.txt"
    article.write_text("One sentence.\n", encoding="utf-8")
    result = run_in_child(code, "import", str(article), "--db", str(tmp_path / "x.db"))
    assert result.returncode == 0, result.stderr
    assert "collector on: True" in result.stdout


def test_python_dash_m_tui_runs_the_command_line():
    result = subprocess.run([sys.executable, "-m", "tui", "--help"], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Read news articles side by side" in result.stdout


async def test_first_frame_already_shows_text_wrapped_to_the_pane(make_reader, seeded_store, monkeypatch):
    from tui.app import ReaderApp

    frames = []
    original = ReaderApp._display

    def display(self, screen, renderable):
        original(self, screen, renderable)
        if renderable is not None:
            frames.append([(view.layout_.width, view._content_width(), view.scroll_y)
                           for view in self.panes if view.document is not None and view._cache])

    monkeypatch.setattr(ReaderApp, "_display", display)
    doc_id = seeded_store.document_ids()[0]
    seeded_store.set_state("panes", [{"document": doc_id, "cursor": 900, "top": 12}])
    app = make_reader()
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
    first_with_text = next(frame for frame in frames if frame)
    assert all(wrapped == width for wrapped, width, _ in first_with_text)
    assert first_with_text[0][2] == 12, "the saved scroll position is shown from the first frame"


async def test_footer_arrives_after_the_first_frame_and_lists_the_main_keys(make_reader):
    from textual.widgets import Footer
    from textual.widgets._footer import FooterKey

    app = make_reader()
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        footer = app.query_one(Footer)
        await pilot.pause()
        descriptions = {key.description for key in footer.query(FooterKey)}
        assert {"Quit", "Keys", "Select", "Delete", "Undo", "Export"} <= descriptions


PLAIN_START = """
import gc, sys
from textual.app import App

def display(self, screen, renderable):
    if renderable is not None and self.query("ArticleView"):
        views = self.query("ArticleView")
        print("click loaded:", "click" in sys.modules, "documents:", sum(1 for v in views if v.document),
              "collector on:", gc.isenabled())
        self.exit()

App._display = display
original_run = App.run
App.run = lambda self, *a, **k: original_run(self, headless=True, size=(160, 48))
from tui.entry import main
main([])
"""


def test_sidebyside_alone_opens_the_seeds_in_the_current_folder_without_the_option_parser(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SIDEBYSIDE_ANNOTATOR": "plain"}
    status, shown, _ = run_on_terminal([sys.executable, "-c", PLAIN_START], cwd=tmp_path, env=env, timeout=120)
    assert status == 0, shown
    assert "click loaded: False documents: 4 collector on: False" in shown
    assert (tmp_path / "sidebyside.db").exists()


def test_sidebyside_alone_refuses_a_foreign_database_like_the_option_path_does(tmp_path):
    (tmp_path / "sidebyside.db").write_bytes(b"not a database at all, just text" * 10)
    before = (tmp_path / "sidebyside.db").read_bytes()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    plain = run_on_terminal([sys.executable, "-m", "tui"], cwd=tmp_path, env=env, timeout=120)
    with_option = run_on_terminal([sys.executable, "-m", "tui", "--db", "sidebyside.db"], cwd=tmp_path,
                                  env=env, timeout=120)
    assert plain[0] == with_option[0] == 1
    assert plain[1].startswith("Error: ") and "not a sidebyside database" in plain[1]
    assert plain[1] == with_option[1]
    assert (tmp_path / "sidebyside.db").read_bytes() == before


async def test_a_large_document_opened_later_is_kept_out_of_the_collectors_passes(make_reader, monkeypatch):
    import tui.launch

    monkeypatch.setattr(tui.launch, "LARGE_DOCUMENT_CHARS", 1)  # every seed article counts as large
    gc.disable()
    try:
        app = make_reader()
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert app.manages_collector
            frozen = gc.get_freeze_count()
            thresholds = gc.get_threshold()
            gc.set_threshold(0)  # no automatic pass: only the settling collection can free the cycle
            try:
                cycle = Cycle()
                freed = weakref.ref(cycle)
                del cycle
                await pilot.press("right_curly_bracket")  # the focused pane steps to the next document
                await pilot.pause()
            finally:
                gc.set_threshold(*thresholds)
            assert gc.get_freeze_count() > frozen
            assert freed() is None  # collected before the freeze, not kept forever
            assert gc.isenabled()
    finally:
        gc.unfreeze()
        gc.enable()


class Cycle:
    def __init__(self) -> None:
        self.me = self


async def test_a_reader_that_did_not_pause_the_collector_never_freezes(make_reader):
    app = make_reader()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert not app.manages_collector
        await pilot.press("right_curly_bracket")
        await pilot.pause()
    assert gc.get_freeze_count() == 0
