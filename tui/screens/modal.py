"""The base of the reader's pop-up screens: one stylesheet (modal.tcss) for what every box shares."""
from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any, TypeVar

from textual.screen import ModalScreen

ResultT = TypeVar("ResultT")
MODAL_CSS = Path(__file__).with_name("modal.tcss")


class ModalBase(ModalScreen[ResultT]):
    """A pop-up: a `.modal-box` centred over the reader, with a `.modal-title` and a `.modal-hint`.

    The shared look is in modal.tcss, read before each screen's own CSS_PATH, which keeps only what
    is that screen's (its box's size, its table, its extra lines). A subclass names its own file as
    usual (CSS_PATH = "picker.tcss"); the base puts modal.tcss first, so the screen's rules, read
    later, win where they say otherwise. Paths are made absolute here, against the file that names
    them, so a subclass of a screen elsewhere still finds them.
    """

    CSS_PATH = [MODAL_CSS]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        own = cls.__dict__.get("CSS_PATH")
        if own is None:
            return  # inherited: already the base's list
        folder = Path(inspect.getfile(cls)).parent
        paths = [own] if isinstance(own, (str, Path)) else list(own)
        resolved = [path if Path(path).is_absolute() else folder / path for path in paths]
        cls.CSS_PATH = [MODAL_CSS, *(Path(path) for path in resolved if Path(path) != MODAL_CSS)]
