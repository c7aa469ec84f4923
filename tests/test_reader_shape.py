"""The reader's shape: the screen owns the reading keys, each hands its work to a typed controller."""
from __future__ import annotations

import inspect
from pathlib import Path

from textual import actions

ROOT = Path(__file__).resolve().parent.parent
CONTROLLERS = ["tui/annotating.py", "tui/searching.py", "tui/comparing.py", "tui/corpus_views.py"]


def test_every_reading_key_runs_an_action_of_the_screen_or_of_the_app():
    from tui.app import ReaderApp
    from tui.bindings import APP_BINDINGS
    from tui.screens.reader import ReaderScreen

    for binding in APP_BINDINGS:
        namespace, name, _params = actions.parse(binding.action)
        owner = ReaderApp if namespace == "app" else ReaderScreen
        assert namespace in ("", "app"), binding.action
        assert callable(getattr(owner, f"action_{name}", None)), f"{binding.id}: no {owner.__name__}.action_{name}"


def test_the_app_binds_no_reading_key_of_its_own():
    from tui.app import ReaderApp
    from tui.bindings import APP_BINDINGS

    ids = {binding.id for binding in APP_BINDINGS}
    assert not ids & {getattr(binding, "id", None) for binding in ReaderApp.BINDINGS}
    reading = {actions.parse(binding.action)[1] for binding in APP_BINDINGS if not binding.action.startswith("app.")}
    assert not [name for name in reading if hasattr(ReaderApp, f"action_{name}")]


def test_controllers_are_plain_classes_that_reach_nothing_they_were_not_given():
    import tui.annotating
    import tui.comparing
    import tui.corpus_views
    import tui.searching

    for module in (tui.annotating, tui.comparing, tui.corpus_views, tui.searching):
        classes = [c for _, c in inspect.getmembers(module, inspect.isclass)
                   if c.__module__ == module.__name__ and c.__name__.endswith(("Controller", "Views"))]
        assert classes, module.__name__
        for cls in classes:
            assert cls.__bases__ == (object,), f"{cls.__name__} is a mixin or a widget: {cls.__bases__}"
    for path in CONTROLLERS:
        text = (ROOT / path).read_text(encoding="utf-8")
        assert "type: ignore" not in text, path
        assert "self.app" not in text, path


async def test_the_reading_screen_is_the_first_screen_and_keeps_its_pane_under_a_modal(make_reader):
    from tui.screens.reader import ReaderScreen
    from tui.screens.search import SearchScreen

    app = make_reader()
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        assert app.screen_stack == [app.reader] and isinstance(app.reader, ReaderScreen)
        await pilot.press("tab")
        second = app.panes[1]
        assert app.focused_view is second
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        assert app.reader.focused_view is second  # the status line still speaks of the pane in use
        await pilot.press("escape")
        assert app.screen is app.reader and app.focused is second
