"""The pop-ups share one base and one stylesheet: each screen's own file says only what is its own."""
from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

from textual.screen import ModalScreen

import tui.screens
from tui.screens.modal import MODAL_CSS, ModalBase

SCREENS = Path(tui.screens.__file__).parent
SHARED_LINES = ("align: center middle;", "background: $surface;", "border: round $accent;")
NOT_BOXES = {"AdjustScreen"}  # a bar over the article, not a box


def pop_ups() -> list[type]:
    found = []
    for module in pkgutil.iter_modules([str(SCREENS)]):
        loaded = importlib.import_module(f"tui.screens.{module.name}")
        found += [cls for _, cls in inspect.getmembers(loaded, inspect.isclass)
                  if issubclass(cls, ModalScreen) and cls.__module__ == loaded.__name__ and cls is not ModalBase]
    return found


def test_every_pop_up_is_a_modal_base_reading_the_shared_stylesheet_first():
    screens = [cls for cls in pop_ups() if cls.__name__ not in NOT_BOXES]
    assert len(screens) >= 15
    for cls in screens:
        assert issubclass(cls, ModalBase), cls
        paths = [Path(path) for path in cls.CSS_PATH]
        assert paths[0] == MODAL_CSS and len(paths) == 2 and paths[1].is_file(), (cls, paths)


def test_no_screen_stylesheet_repeats_what_every_pop_up_shares():
    own = [path for path in SCREENS.glob("*.tcss") if path != MODAL_CSS]
    assert own
    for path in own:
        text = path.read_text(encoding="utf-8")
        lines = {line.strip() for line in text.splitlines()}
        assert not [line for line in SHARED_LINES if line in lines], path.name
        assert "\n.modal-hint" not in text and "\n.modal-title" not in text, path.name  # scoped to the box


async def test_the_shared_look_reaches_a_screen_from_its_base(make_reader):
    app = make_reader()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        box = app.screen.query_one("#help-box")
        assert box.styles.border_top[0] == "round" and box.styles.width.value == 92  # shared, then its own
        hint = app.screen.query_one(".modal-hint")
        title = app.screen.query_one(".modal-title")
        assert hint.styles.dock == "bottom" and hint.styles.color != title.styles.color  # muted
        assert title.styles.content_align_horizontal == "center"
        await pilot.press("escape", "slash")
        await pilot.pause()
        search_hint = app.screen.query_one(".modal-hint")
        assert search_hint.styles.color == hint.styles.color  # one rule for every pop-up's hint
        assert search_hint.styles.dock != "bottom"  # the help's docked hint stays the help's
