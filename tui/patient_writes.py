"""Writes that wait while another process holds the database's write lock, with the keys live."""
from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from tui.reading import Say

# The reader's own connection gives up on a held lock quickly, so a key never freezes the screen
# for long; this module keeps trying in the background instead, and says so in the status line.
READER_BUSY_TIMEOUT_MS = 150
RETRY_SECONDS = 0.5
GIVE_UP_SECONDS = 60.0


class Reader(Protocol):
    def set_timer(self, delay: float, callback: Callable[[], Any]) -> Any: ...

    def update_status(self, extra: str = "") -> None: ...


class PatientWriter:
    """Runs one store write now, or keeps retrying it while the database is busy elsewhere.

    Only one write waits at a time: a change made while another waits would be saved before it
    (and undo would then take them in the wrong order), so it is refused with a message.
    """

    def __init__(self, reader: Reader, say: Say) -> None:
        self.reader = reader
        self.say = say
        self.waiting: str | None = None  # what is waiting to be saved, for the status line

    def write(self, what: str, call: Callable[[], Any], then: Callable[[Any], None]) -> None:
        """Save `call()` (a store write), then `then(result)`; `what` names it in messages."""
        if self.waiting is not None:
            self.say(f"Still waiting for the database to save {self.waiting}: try again after", "warning")
            return
        self._attempt(what, call, then, time.monotonic())

    def _attempt(self, what: str, call: Callable[[], Any], then: Callable[[Any], None], started: float) -> None:
        from store.errors import DatabaseBusyError, StoreError

        try:
            result = call()
        except DatabaseBusyError:
            waited = time.monotonic() - started
            if waited >= GIVE_UP_SECONDS:
                self.waiting = None
                self.reader.update_status()
                self.say(f"database busy for {waited:.0f} s (another process holds its write lock): "
                         f"{what} was not saved; everything saved before it is kept", "error")
                return
            self.waiting = what
            self.reader.update_status(f"database busy: waiting to save {what} ({waited:.0f} s)")
            self.reader.set_timer(RETRY_SECONDS, lambda: self._attempt(what, call, then, started))
            return
        except StoreError as error:
            self.waiting = None
            self.reader.update_status()
            self.say(str(error), "error")
            return
        was_waiting, self.waiting = self.waiting, None
        then(result)
        if was_waiting:
            self.reader.update_status("saved")
