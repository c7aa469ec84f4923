"""Reading a codebook file for the reader and the command line: its tag keys checked against every other key."""
from __future__ import annotations

from collections.abc import Mapping

from store.codebook_file import Codebook, read_codebook


def read_checked(path: str, keymap: Mapping[str, str] | None) -> Codebook:
    """The codebook at `path`; CodebookError (file, line, problem) if it cannot be used, including
    a tag key that another binding of the reader (after `keymap`, else the user's default keymap) has."""
    from tui.bindings import reserved_keys

    if keymap is None:
        from tui.keymap import load_keymap

        keymap = load_keymap(None)
    return read_codebook(path, reserved_keys(keymap))
