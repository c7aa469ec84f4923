"""A tiny host app for testing one modal screen at a time, shared by the screen tests."""
from __future__ import annotations

from textual.app import App


class Host(App):
    """Pushes one screen on mount and records what it dismisses with."""

    def __init__(self, make_screen) -> None:
        super().__init__()
        self.make_screen = make_screen
        self.results: list = []

    def on_mount(self) -> None:
        self.push_screen(self.make_screen(), self.results.append)


def no_blink(app: App) -> None:
    """Stop text cursors blinking, so what a test reads does not depend on timing."""
    for widget in app.screen.query("Input, TextArea"):
        widget.cursor_blink = False


async def searched(pilot, screen, timeout: float = 10.0) -> None:
    """Wait until a streaming corpus search has read every document (it runs in a thread)."""
    import time

    deadline = time.monotonic() + timeout
    await pilot.pause()
    while getattr(screen, "searching", False):
        assert time.monotonic() < deadline, "the corpus search never finished"
        await pilot.pause(0.02)
