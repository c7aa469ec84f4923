"""Loading a user's key remapping (binding id -> keys) from a TOML file, and checking its ids."""
from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path


class KeymapError(ValueError):
    """A keymap file that is missing, not a regular file, not TOML, or not a [keys] table of strings."""


def default_keymap_path() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "sidebyside" / "keymap.toml"


def load_keymap(path: str | None, warnings: list[str] | None = None) -> dict[str, str]:
    """Read `[keys]` from the file given, else from the default place if it exists.

    A default file that cannot be read (an unreadable ~/.config) is skipped with a line added to
    `warnings`; a file given by name that cannot be read is a KeymapError.

    Example file:
        [keys]
        "tag.1" = "f1"
        "move.down" = "down,j,ctrl+n"
    """
    target = Path(path) if path else default_keymap_path()
    try:
        exists = target.exists()
        if exists and not target.is_file():
            # A FIFO or a device would block the start-up forever on reading it.
            raise KeymapError(f"keymap {target} is not a regular file")
        text = target.read_text(encoding="utf-8") if exists else None
    except OSError as error:
        if path:
            raise KeymapError(f"keymap {target} cannot be read: {error.strerror or error}") from error
        if warnings is not None:
            warnings.append(f"keymap {target} cannot be read ({error.strerror or error}): default keys used")
        return {}
    except UnicodeDecodeError as error:
        raise KeymapError(f"keymap {target}: not UTF-8 text ({error.reason} at byte {error.start})") from error
    if text is None:
        if path:
            raise KeymapError(f"keymap file not found: {path}")
        return {}
    import tomllib  # only when there is a keymap: it costs start-up 3 ms otherwise

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise KeymapError(f"keymap {target}: {error}") from error
    keys = data.get("keys", {})
    if not isinstance(keys, dict) or not all(isinstance(v, str) for v in keys.values()):
        raise KeymapError(f'keymap {target}: expected a [keys] table of "binding.id" = "key,key"')
    return dict(keys)


def known_binding_ids() -> set[str]:
    """Every binding id of the reader, its panes and its screens (imports every screen module:
    only when a keymap is given)."""
    import importlib
    import pkgutil
    import string

    import tui.screens
    import tui.widgets
    from tui.bindings import APP_BINDINGS, VIEW_BINDINGS, usable_tag_key

    ids = {binding.id for binding in [*APP_BINDINGS, *VIEW_BINDINGS] if binding.id}
    # A tag's key is bound as tag.<key> from the database's codebook: any key a codebook may give.
    ids.update(f"tag.{key}" for key in string.digits + string.ascii_letters if usable_tag_key(key))
    for package in (tui.screens, tui.widgets):
        for module_info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{module_info.name}")
            for value in vars(module).values():
                for binding in getattr(value, "BINDINGS", None) or []:
                    binding_id = getattr(binding, "id", None)
                    if binding_id:
                        ids.add(binding_id)
    return ids


def unknown_ids(keys: Mapping[str, str]) -> list[str]:
    """The binding ids in `keys` that no binding has (a typo, or a binding renamed since)."""
    if not keys:
        return []
    known = known_binding_ids()
    return sorted(binding_id for binding_id in keys if binding_id not in known)
