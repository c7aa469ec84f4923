"""Child process for benchmarks/reader.py: start an app headless, note when its first frame is painted.

    python benchmarks/_first_paint.py static OUT          # a minimal Textual app showing one Static
    python benchmarks/_first_paint.py reader OUT          # `sidebyside` in the current folder (README)
    python benchmarks/_first_paint.py options OUT DB      # `sidebyside --db DB --annotator bench`
    python benchmarks/_first_paint.py shape OUT           # the reader's layout in plain Textual widgets

Writes `time.time()` at the first painted frame to OUT and exits. The parent records
`time.time()` just before spawning, so the difference is process start -> first frame
(interpreter start-up, imports, database, import of the seeds on a fresh database, layout, render).

"First frame" is the first `App._display` call with a real compositor update, after which
Textual would write to the terminal; for the reader it must also show article text (an
ArticleView with a document whose rows were rendered, wrapped to the pane's width), not an empty
screen before the panes mount nor text wrapped to a provisional width.
The driver is headless (no terminal needed); everything else is the real start-up path.
"""
from __future__ import annotations

import sys
import time

SIZE = (160, 48)  # a wide terminal: the reader opens four panes of the seed corpus


def install(ready) -> None:
    from textual.app import App

    original_display = App._display
    original_run = App.run
    done = False

    def _display(self, screen, renderable):
        nonlocal done
        original_display(self, screen, renderable)
        if not done and renderable is not None and ready(self):
            done = True
            painted = time.time()
            with open(sys.argv[2], "w") as out:
                out.write(f"{painted!r} {time.process_time()!r}")
            self.exit()

    def run(self, *args, **kwargs):
        kwargs["headless"] = True
        kwargs.setdefault("size", SIZE)
        return original_run(self, *args, **kwargs)

    App._display = _display
    App.run = run


def main() -> None:
    mode = sys.argv[1]
    if mode == "static":
        install(lambda app: True)
        from textual.app import App, ComposeResult
        from textual.widgets import Static

        class Minimal(App[None]):
            def compose(self) -> ComposeResult:
                yield Static("Hello, first frame.")

        Minimal().run()
    elif mode == "shape":
        # For context: four panes of text and two lines below them, as Static widgets in a
        # Horizontal, the way one would first build the reader's screen in Textual.
        install(lambda app: True)
        from textual.app import App, ComposeResult
        from textual.containers import Horizontal
        from textual.widgets import Static

        text = "\n".join("Officials said the figures would be revised next week." for _ in range(46))

        class Shape(App[None]):
            CSS = "Horizontal { height: 1fr; } Horizontal > Static { width: 1fr; height: 1fr; }"

            def compose(self) -> ComposeResult:
                yield Horizontal(*(Static(text) for _ in range(4)))
                yield Static("1 quote  2 claim  3 number  4 actor")
                yield Static("status")

        Shape().run()
    elif mode in ("reader", "options"):
        def ready(app) -> bool:
            from tui.widgets.article_view import ArticleView

            # Text on screen, wrapped to each pane's real width (not a provisional layout).
            views = [view for view in app.query(ArticleView) if view.document is not None]
            return bool(views) and any(view._cache for view in views) and all(
                view.layout_.text is view.text and view.layout_.width == view._content_width()
                for view in views)

        install(ready)
        from tui.entry import main as sidebyside  # the `sidebyside` console script

        try:
            sidebyside([] if mode == "reader" else ["--db", sys.argv[3], "--annotator", "bench"])
        except SystemExit as done:
            if done.code:
                raise
    else:
        raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    main()
