"""Named layers of decorations over an article: ranges, a style and an order each, looked up by visible rows."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import accumulate

from rich.segment import Segment
from rich.style import Style

from tui.spans import Span, SpanIndex
from tui.textlayout import Layout
from tui.widgets.row_render import RowDecorations

StyleRef = str | Style  # a component class of the Panes container ("article--hit"), or a Style
StyleOf = Callable[[str], Style]  # the view's lookup of a component class's style
Range = tuple[int, int]

# The view's own layers and their places; a layer set with the default order 0 is drawn over the
# tags and under search hits. The selection and the cursor are drawn over every layer.
MARKDOWN, TAGS, HITS, FLASH, PASSAGES = "markdown", "tags", "hits", "flash", "passages"
RESERVED = frozenset({MARKDOWN, TAGS})  # set by show_document, not by set_layer
ORDER_MARKDOWN, ORDER_TAGS, ORDER_HITS, ORDER_FLASH = -200, -100, 100, 200
UNKNOWN_TAG = Style(reverse=True)  # a tag with no colour of its own
EXACT_ROWS = 256  # a change covering more rows than this is matched against the rows drawn instead


class RangeIndex:
    """(start, end) ranges sorted, with a running maximum of ends: which overlap a row, by bisection.

    `lookups` and `examined` count the questions asked and the ranges looked at to answer them, so a
    test can tell that drawing a screen reads only the ranges near it, whatever the text's size.
    """

    __slots__ = ("ranges", "_starts", "_max_ends", "lookups", "examined")

    def __init__(self, ranges: Iterable[Range], *, presorted: bool = False) -> None:
        given = ranges if presorted else sorted({(start, end) for start, end in ranges if end > start})
        self.ranges: tuple[Range, ...] = tuple(given)
        self._starts = [start for start, _ in self.ranges]
        self._max_ends = list(accumulate((end for _, end in self.ranges), max))
        self.lookups = 0
        self.examined = 0

    def __len__(self) -> int:
        return len(self.ranges)

    def positions(self, lo: int, hi: int) -> list[int]:
        """Positions in `ranges` of the ranges sharing a code point with [lo, hi)."""
        first = bisect_right(self._max_ends, lo)  # the running maximum skips every range ending by lo
        last = bisect_left(self._starts, hi, first)
        self.lookups += 1
        self.examined += max(0, last - first)
        ranges = self.ranges
        return [i for i in range(first, last) if ranges[i][1] > lo]

    def overlapping(self, lo: int, hi: int) -> list[Range]:
        ranges = self.ranges
        return [ranges[i] for i in self.positions(lo, hi)]


class Layer:
    """One named kind of decoration: its ranges in one style (or one style each), at an order.

    With `mark`, the layer draws that text in the gutter of every row it touches instead of
    styling the text (the shared passages' bar).
    """

    __slots__ = ("name", "index", "style", "order", "mark", "styles")

    def __init__(self, name: str, index: RangeIndex, style: StyleRef, order: int = 0, mark: str | None = None,
                 styles: Sequence[Style] | None = None) -> None:
        self.name, self.index, self.style, self.order, self.mark = name, index, style, order, mark
        self.styles = styles  # one per range, in the index's order (the markdown styles)

    def ranges(self) -> list[Range]:
        return list(self.index.ranges)

    def looks_like(self, other: Layer) -> bool:
        """Drawn alike range for range: then only the ranges that differ need drawing again."""
        return (self.style == other.style and self.order == other.order and self.mark == other.mark
                and self.styles is None and other.styles is None)

    def draw(self, start: int, end: int, decorations: RowDecorations, style_of: StyleOf) -> None:
        """Add what this layer draws on the row showing text[start:end] to its decorations."""
        found = self.index.positions(start, end if end > start else start + 1)
        if not found:
            return
        style = style_of(self.style) if isinstance(self.style, str) else self.style
        if self.mark is not None:
            decorations.gutter = Segment(self.mark, style)
            return
        ranges, styles = self.index.ranges, self.styles
        if styles is None:
            decorations.layers.extend((*ranges[i], style) for i in found)
        else:
            decorations.layers.extend((*ranges[i], styles[i]) for i in found)


def _outer_first(span: Span) -> int:
    return span.start - span.end  # longest first: inner spans are drawn over outer ones


class TagLayer(Layer):
    """The document's annotations, each in its tag's colour with its first character marked.

    The spans stay in a SpanIndex, which the annotating controller updates in place as tags are
    added and removed (and then repaints the lines they cover).
    """

    __slots__ = ("spans", "tag_styles")

    def __init__(self, spans: SpanIndex, tag_styles: dict[str, Style]) -> None:
        super().__init__(TAGS, RangeIndex(()), UNKNOWN_TAG, ORDER_TAGS)
        self.spans, self.tag_styles = spans, tag_styles

    def ranges(self) -> list[Range]:
        return [(span.start, span.end) for span in self.spans]

    def looks_like(self, other: Layer) -> bool:
        return False

    def draw(self, start: int, end: int, decorations: RowDecorations, style_of: StyleOf) -> None:
        overlapping = self.spans.overlapping(start, end if end > start else start + 1)
        if not overlapping:
            return
        tag_styles, layers, starts = self.tag_styles, decorations.layers, decorations.starts
        if len(overlapping) > 1:
            overlapping.sort(key=_outer_first)
        for span in overlapping:
            span_start = span.start
            layers.append((span_start, span.end, tag_styles.get(span.tag, UNKNOWN_TAG)))
            if span_start >= start:
                starts.add(span_start)


class Layers:
    """The layers of one view by name, and in drawing order (by order, then by when first set)."""

    def __init__(self) -> None:
        self._by_name: dict[str, Layer] = {}
        self._placed: dict[str, int] = {}  # name -> when it was first set: ties in order keep that
        self._count = 0
        self._drawn: list[Layer] = []

    def __contains__(self, name: str) -> bool:
        return name in self._by_name

    def __iter__(self) -> Iterator[Layer]:
        return iter(self._drawn)

    def get(self, name: str) -> Layer | None:
        return self._by_name.get(name)

    def ranges(self, name: str) -> tuple[Range, ...]:
        """A plain layer's ranges as stored (sorted, read-only: no copy); () when it is not set."""
        layer = self._by_name.get(name)
        return layer.index.ranges if layer is not None else ()

    def put(self, layer: Layer) -> Layer | None:
        """Set `layer` under its name; returns the one it replaced."""
        old = self._by_name.get(layer.name)
        self._by_name[layer.name] = layer
        if layer.name not in self._placed:
            self._placed[layer.name] = self._count
            self._count += 1
        self._sort()
        return old

    def remove(self, name: str) -> Layer | None:
        old = self._by_name.pop(name, None)
        self._placed.pop(name, None)
        if old is not None:
            self._sort()
        return old

    def _sort(self) -> None:
        placed = self._placed
        self._drawn = sorted(self._by_name.values(), key=lambda layer: (layer.order, placed[layer.name]))


def rows_showing(layout: Layout, changed: RangeIndex, drawn: Callable[[], Iterable[int]]) -> set[int]:
    """The rows that show part of the `changed` ranges, of those `drawn()` (the others are drawn fresh).

    A few short ranges name their rows (row_of, by bisection); many, or long ones (a new search's
    hits over 5 MB), are matched against the drawn rows instead: a thousand at most.
    """
    rows: set[int] = set()
    if len(changed) <= EXACT_ROWS:
        for lo, hi in changed.ranges:
            first, last = layout.row_of(lo), layout.row_of(hi - 1)
            if last - first > EXACT_ROWS:
                break
            rows.update(range(first, last + 1))
        else:
            return rows
    starts, ends, height = layout.starts, layout.ends, layout.height
    return {row for row in drawn()
            if row < height and changed.positions(starts[row], max(ends[row], starts[row] + 1))}
