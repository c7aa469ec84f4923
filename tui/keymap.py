"""Loading a user's key remapping (binding id -> keys) from a TOML file."""
from __future__ import annotations

import os
from pathlib import Path


class KeymapError(ValueError):
    """A keymap file that is missing, not TOML, or not a [keys] table of strings."""


def default_keymap_path() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "sidebyside" / "keymap.toml"


def load_keymap(path: str | None) -> dict[str, str]:
    """Read `[keys]` from the file given, else from the default place if it exists.

    Example file:
        [keys]
        "tag.1" = "f1"
        "move.down" = "down,j,ctrl+n"
    """
    target = Path(path) if path else default_keymap_path()
    if not target.exists():
        if path:
            raise KeymapError(f"keymap file not found: {path}")
        return {}
    import tomllib  # only when there is a keymap: it costs start-up 3 ms otherwise

    try:
        data = tomllib.loads(target.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise KeymapError(f"keymap {target}: {error}") from error
    keys = data.get("keys", {})
    if not isinstance(keys, dict) or not all(isinstance(v, str) for v in keys.values()):
        raise KeymapError(f'keymap {target}: expected a [keys] table of "binding.id" = "key,key"')
    return dict(keys)
