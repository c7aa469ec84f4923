"""The reader's two lines under the panes: the legend (each tag's key and colour) and the status line."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual.color import Color

from tui.widgets.pane_chrome import one_line

if TYPE_CHECKING:
    from store.records import Tag
    from store.store import Store
    from tui.reading import StatusPart
    from tui.widgets.article_view import ArticleView

FALLBACK_TAG_COLOUR = "#9ca3af"


def usable_colour(colour: str | None) -> str:
    """`colour` if Textual can draw it, else a neutral grey (a hand-edited `tags` row once crashed
    start-up with ColorParseError)."""
    from textual.color import ColorParseError

    try:
        Color.parse(colour or "")
    except (ColorParseError, ValueError):
        return FALLBACK_TAG_COLOUR
    return colour or FALLBACK_TAG_COLOUR


def legend_text(tags: Iterable[Tag], background: Color, passage: Style) -> Text:
    """Each tag's key and name on its colour (blended into `background`, as the panes draw it)."""
    legend = Text(no_wrap=True, overflow="ellipsis")
    for tag in tags:
        colour = background.blend(Color.parse(usable_colour(tag.colour)), 0.55).rich_color
        if tag.key:
            legend.append(f" {one_line(tag.key)} ", style=Style(bold=True))
        legend.append(one_line(tag.name), style=Style(bgcolor=colour))
        legend.append(" ")
    legend.append("  ▌", style=passage)
    legend.append(" shared passage  ", style="dim")
    return legend


def status_text(view: ArticleView, store: Store, parts: Iterable[StatusPart], extra: str = "") -> Text:
    """Where the cursor is in the focused pane, the counts, each controller's part, the database."""
    assert view.document is not None
    selection = view.selection
    status = Text(no_wrap=True, overflow="ellipsis")
    status.append(one_line(view.document.id), style="bold")
    status.append(f"  offset {view.cursor}/{len(view.text)}")
    status.append(f"  sel {selection[1] - selection[0] if selection else 0}")
    if view.sticky_anchor:
        status.append(" (anchor)", style="bold")
    status.append(f"  annotations {len(view.spans)} here · {store.count_annotations()} total")
    for part in parts:
        shown = part(view)
        if shown:
            status.append(f"  {one_line(shown)}", style="bold")  # a part may quote a span or a name
    if store.read_only:
        status.append("  READ-ONLY", style="bold reverse")
    status.append(f"  {Path(store.path).name}", style="dim")
    if extra:
        status.append(f"  {extra}", style="bold")
    return status
