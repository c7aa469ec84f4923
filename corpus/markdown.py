"""Render markdown to the plain text a reader sees, with style spans over it."""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from corpus.document import StyleSpan

if TYPE_CHECKING:  # markdown_it is imported lazily so `import corpus` stays fast
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

BLOCK_GAP = "\n\n"
TIGHT_GAP = "\n"  # between items of a tight list, so a list reads as written
BULLET = "• "
INDENT = "  "  # per level of list nesting
RULE = "* * *"
_INLINE_STYLES = {"strong": "bold", "em": "italic"}


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    # CommonMark: no typographer (quotes stay as typed) and no linkify (text stays as typed).
    return MarkdownIt("commonmark")


def render_markdown(source: str) -> tuple[str, tuple[StyleSpan, ...]]:
    """Plain text of `source` and its StyleSpans (code point offsets into that text, end exclusive)."""
    renderer = _Renderer()
    renderer.blocks(_parser().parse(source))
    return renderer.result()


class _Renderer:
    """Walks markdown-it block tokens, writing text and recording spans as it goes."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.spans: list[StyleSpan] = []
        self.gap = ""  # separator owed before the next text
        self.after_marker = False  # a list marker was just written: its block follows on the same line
        self.lists: list[dict[str, Any]] = []
        self.quotes: list[int | None] = []  # start of each open blockquote, once its text begins

    def result(self) -> tuple[str, tuple[StyleSpan, ...]]:
        spans = [s for s in self.spans if s.end > s.start]  # empty emphasis styles nothing
        return "".join(self.parts), tuple(sorted(spans, key=lambda s: (s.start, s.end, s.style)))

    # -- writing -------------------------------------------------------------------------------

    def write(self, text: str) -> None:
        if text:
            self.parts.append(text)
            self.length += len(text)

    def begin_block(self) -> None:
        """Pay the separator owed to the previous block, and mark where open quotes start."""
        if self.after_marker:
            self.after_marker = False
        elif self.length:
            self.write(self.gap or BLOCK_GAP)
        self.gap = ""
        self.quotes = [self.length if q is None else q for q in self.quotes]

    def block_text(self, text: str, style: str | None = None) -> None:
        self.begin_block()
        start = self.length
        self.write(text)
        if style:
            self.spans.append(StyleSpan(start, self.length, style))
        self.gap = BLOCK_GAP

    # -- block tokens --------------------------------------------------------------------------

    def blocks(self, tokens: list[Token]) -> None:
        i = 0
        while i < len(tokens):
            token = tokens[i]
            kind = token.type
            if kind in ("paragraph_open", "heading_open"):
                self.leaf(token, tokens[i + 1])
                i += 3  # open, inline, close
                continue
            if kind in ("fence", "code_block"):
                self.block_text(token.content.rstrip("\n"), "code")
            elif kind == "html_block":
                self.block_text(token.content.rstrip("\n"))
            elif kind == "hr":
                self.block_text(RULE)
            elif kind in ("bullet_list_open", "ordered_list_open"):
                start = token.attrs.get("start", 1) if kind == "ordered_list_open" else None
                self.lists.append({"level": token.level, "tight": True, "number": start})
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.lists.pop()
                self.gap = BLOCK_GAP
            elif kind == "list_item_open":
                self.list_marker(token)
            elif kind == "list_item_close":
                self.after_marker = False  # an empty item: its marker stands alone
                self.gap = TIGHT_GAP if self.lists[-1]["tight"] else BLOCK_GAP
            elif kind == "blockquote_open":
                self.quotes.append(None)
            elif kind == "blockquote_close":
                start = self.quotes.pop()
                if start is not None:
                    self.spans.append(StyleSpan(start, self.length, "quote"))
                self.gap = BLOCK_GAP
            i += 1

    def leaf(self, opener: Token, inline: Token) -> None:
        in_list = self.lists and opener.level == self.lists[-1]["level"] + 2
        if in_list and not opener.hidden:
            self.lists[-1]["tight"] = False  # markdown-it hides paragraphs only in tight lists
        self.begin_block()
        start = self.length
        self.inline(inline.children or [])
        if opener.type == "heading_open":
            self.spans.append(StyleSpan(start, self.length, "heading"))
        self.gap = TIGHT_GAP if opener.hidden else BLOCK_GAP

    def list_marker(self, token: Token) -> None:
        current = self.lists[-1]
        if current["number"] is None:
            marker = BULLET
        else:
            # Numbered as a browser would show it: from the list's start, counting up.
            marker = f"{current['number']}{token.markup or '.'} "
            current["number"] += 1
        self.begin_block()
        self.write(INDENT * (len(self.lists) - 1) + marker)
        self.after_marker = True

    # -- inline tokens -------------------------------------------------------------------------

    def inline(self, tokens: list[Token]) -> None:
        open_at: dict[str, list[int]] = {}
        for token in tokens:
            kind = token.type
            if kind in ("text", "html_inline"):
                self.write(token.content)
            elif kind in ("softbreak", "hardbreak"):
                self.write("\n")  # keep lines as written
            elif kind == "code_inline":
                start = self.length
                self.write(token.content)
                self.spans.append(StyleSpan(start, self.length, "code"))
            elif kind == "image":
                self.inline(token.children or [])  # the alt text, with its own emphasis
            elif kind.endswith("_open") and kind[:-5] in _INLINE_STYLES:
                open_at.setdefault(kind[:-5], []).append(self.length)
            elif kind.endswith("_close") and kind[:-6] in _INLINE_STYLES:
                name = kind[:-6]
                self.spans.append(StyleSpan(open_at[name].pop(), self.length, _INLINE_STYLES[name]))
            # link_open/link_close carry only the target, which a reader does not see.
