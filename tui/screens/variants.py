"""The versions of one shared passage under one another, with what each outlet changed marked."""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from corpus.align import token_diff
from corpus.matchtext import WORD_RE
from tui.screens._text import visible
from tui.screens.modal import ModalBase
from tui.textlayout import glyph

if TYPE_CHECKING:
    from corpus.align import Cluster, Passage

TITLE_CHARS = 70
MEMBER_CHARS = 20_000  # a cluster member is a passage, not an article; this only bounds a pathological one

INSERTED = "bold underline green"  # words this version has that the first lacks
DELETED = "strike red"  # words of the first version this one dropped


def block(text: str) -> str:
    """Passage text kept on its lines, tabs and other control characters shown as symbols."""
    return "".join(c if c == "\n" else "→" if c == "\t" else glyph(c) for c in text[:MEMBER_CHARS])


def diff_ops(reference: str, version: str) -> list[tuple[str, str]]:
    """`version` against `reference` as ("equal" | "insert" | "delete", text) in reading order.

    "equal" and "insert" text is spelled as in `version` (so joining them gives it back exactly);
    "delete" is the reference's text that `version` lacks, placed before what replaced it."""
    # token_diff(a, b) keeps a's spelling for equal runs, so diff the version against the reference
    # and swap the roles: a "delete" there is a word only this version has.
    ops: list[tuple[str, str]] = []
    pending: list[tuple[str, str]] = []  # this version's own words, held until the reference's are out
    for kind, text in token_diff(version, reference):
        if kind == "delete":
            pending.append(("insert", text))
        elif kind == "insert":
            ops.append(("delete", text))
            ops.extend(pending)
            pending = []
        else:
            ops.extend(pending)
            pending = []
            ops.append((kind, text))
    ops.extend(pending)
    return ops


# Punctuation inside a word ("U.S.", "don't", "well-known") joins it; anywhere else it is no word.
_JOINER = re.compile(r"(?<=\w)['’.\-](?=\w)")


def words(text: str) -> int:
    """Words in a piece of a diff, as the passage matcher sees them: punctuation is not one."""
    return len(WORD_RE.findall(_JOINER.sub("", text)))


def marked(reference: str, version: str) -> tuple[Text, int, int]:
    """The version with insertions and deletions styled, and the number of words added and dropped."""
    shown = Text()
    added = dropped = 0
    for kind, text in diff_ops(reference, version):
        if kind == "insert":
            added += words(text)
            shown.append(block(text), style=INSERTED)
        elif kind == "delete":
            dropped += words(text)
            shown.append(block(text), style=DELETED)
        else:
            shown.append(block(text))
    return shown, added, dropped


class VariantsScreen(ModalBase[None]):
    """Every version of one passage, each against the first; dismisses with None."""

    CSS_PATH = "variants.tcss"
    BINDINGS = [
        Binding("escape,q", "close", "Close", id="variants.close"),
    ]

    def __init__(self, cluster: Cluster, titles: Mapping[str, str], **kwargs) -> None:
        super().__init__(**kwargs)
        self.cluster = cluster
        self.titles = dict(titles)

    def heading(self, member: Passage, note: Text | str) -> Text:
        title = visible(self.titles.get(member.document_id) or member.document_id, TITLE_CHARS)
        return Text.assemble((title, "bold"), "  ", (f"{member.start}–{member.end}", "dim"), "  ", note)

    def versions(self) -> list[tuple[Text, Text]]:
        """(heading, body) per member: the first as it is, the others marked against it."""
        members = list(self.cluster.members)
        if not members:
            return []
        first = members[0]
        result = [(self.heading(first, Text("reference", style="italic")), Text(block(first.text)))]
        for member in members[1:]:
            body, added, dropped = marked(first.text, member.text)
            if not added and not dropped:
                marks = bool(body.spans)  # only insertions and deletions are styled
                note = Text("same words, punctuation differs" if marks else "same words as the reference",
                            style="dim italic")
            else:
                note = Text.assemble((f"+{added} words", INSERTED.replace("underline ", "")), " ",
                                     (f"−{dropped} words", "red"))
            result.append((self.heading(member, note), body))
        return result

    def compose(self) -> ComposeResult:
        cluster = self.cluster
        with Vertical(id="variants-box", classes="modal-box"):
            title = Text.assemble(("Versions of a passage", "bold"), "  ",
                                  (f"{cluster.kind} · score {cluster.score:.0f} · "
                                   f"{cluster.reach} documents", "dim"))
            yield Static(title, classes="modal-title")
            legend = Text.assemble("against the first version: ", ("added words", INSERTED), " · ",
                                   ("dropped words", DELETED))
            yield Static(legend, id="variants-legend")
            with VerticalScroll(id="variants-body"):
                for index, (heading, body) in enumerate(self.versions()):
                    yield Static(heading, classes="variant-heading" + (" variant-later" if index else ""))
                    yield Static(body, classes="variant-text")
            yield Static(Text("↑↓ pgup pgdn scroll · esc close"), classes="modal-hint")

    def on_mount(self) -> None:
        self.query_one("#variants-body", VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss(None)
