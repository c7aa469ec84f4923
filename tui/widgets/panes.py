"""The row of article panes, which also holds the styles every pane draws with."""
from __future__ import annotations

from textual.containers import Horizontal


class Panes(Horizontal):
    """The article panes side by side; the styles their cursor, selection, header and layers draw in.

    The styles are component classes of this one container, not of each ArticleView: Textual
    styles every component class of every widget when it mounts and again for the first frame
    (about 0.1 ms each), which with five classes on each of four panes was 50 passes at start-up.
    Style them in CSS as `Panes > .article--cursor` and so on; the header of the focused pane is
    `.article--header-focused`. A view's layers (ArticleView.set_layer) name one of these as their
    style: hits, the aligned passage's flash, shared passages, suggestions, a relation's target.
    """

    COMPONENT_CLASSES = {"article--cursor", "article--selection", "article--hit", "article--flash",
                         "article--passage", "article--suggestion", "article--relation-target",
                         "article--header", "article--header-focused"}
