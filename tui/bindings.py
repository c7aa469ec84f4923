"""Every key of the reader in one registry: each binding has an id (for keymaps) and a description."""
from __future__ import annotations

from textual.binding import Binding

MOVES = [
    # (how, keys, extend keys, description)
    ("left", "left,h", "shift+left,H", "Character left"),
    ("right", "right,l", "shift+right,L", "Character right"),
    ("up", "up,k", "shift+up,K", "Line up"),
    ("down", "down,j", "shift+down,J", "Line down"),
    ("word_next", "w", "W,shift+ctrl+right", "Next word"),
    ("word_previous", "b", "B,shift+ctrl+left", "Previous word"),
    ("sentence_next", "right_parenthesis", "", "Next sentence"),
    ("sentence_previous", "left_parenthesis", "", "Previous sentence"),
    ("page_down", "pagedown", "shift+pagedown", "Page down"),
    ("page_up", "pageup", "shift+pageup", "Page up"),
    ("line_start", "home", "shift+home", "Start of line"),
    ("line_end", "end", "shift+end", "End of line"),
    ("document_start", "g,ctrl+home", "shift+ctrl+home", "Start of document"),
    ("document_end", "G,ctrl+end", "shift+ctrl+end", "End of document"),
]


def _view_bindings() -> list[Binding]:
    bindings = []
    for how, keys, extend_keys, description in MOVES:
        bindings.append(Binding(keys, f"move('{how}')", description, show=False, id=f"move.{how}"))
        if extend_keys:
            bindings.append(Binding(extend_keys, f"move('{how}', True)", f"Extend selection: {description.lower()}",
                                    show=False, id=f"select.{how}"))
    return bindings


VIEW_BINDINGS = _view_bindings()

TAG_KEYS = "123456789"

APP_BINDINGS = [
    Binding("q", "quit", "Quit", id="app.quit"),
    Binding("question_mark", "help", "Keys", id="app.help", key_display="?"),
    Binding("1", "tag('1')", "Quote", show=False, id="tag.1"),
    Binding("2", "tag('2')", "Claim", show=False, id="tag.2"),
    Binding("3", "tag('3')", "Number", show=False, id="tag.3"),
    Binding("4", "tag('4')", "Actor", show=False, id="tag.4"),
    *[Binding(key, f"tag('{key}')", f"Tag with key {key}", show=False, id=f"tag.{key}") for key in TAG_KEYS[4:]],
    Binding("v", "anchor", "Select", id="select.anchor"),
    Binding("escape", "escape", "Clear selection", show=False, id="select.clear"),
    Binding("d,delete", "delete", "Delete", id="annotation.delete"),
    Binding("u", "undo", "Undo", id="history.undo"),
    Binding("ctrl+r", "redo", "Redo", show=False, id="history.redo"),
    Binding("m", "note", "Note", id="annotation.note"),
    Binding("e", "adjust", "Adjust span", show=False, id="annotation.adjust"),
    Binding("a", "annotations", "List", id="annotation.list"),
    Binding("right_square_bracket", "next_annotation", "Next annotation", show=False, id="annotation.next"),
    Binding("left_square_bracket", "previous_annotation", "Previous annotation", show=False,
            id="annotation.previous"),
    Binding("slash", "search", "Search", id="search.start", key_display="/"),
    Binding("n", "search_step(1)", "Next hit", show=False, id="search.next"),
    Binding("N", "search_step(-1)", "Previous hit", show=False, id="search.previous"),
    Binding("o", "picker", "Open", id="pane.picker"),
    Binding("right_curly_bracket", "step_document(1)", "Next document", show=False, id="pane.next_document"),
    Binding("left_curly_bracket", "step_document(-1)", "Previous document", show=False,
            id="pane.previous_document"),
    Binding("tab", "focus_pane(1)", "Next pane", show=False, id="pane.next"),
    Binding("shift+tab", "focus_pane(-1)", "Previous pane", show=False, id="pane.previous"),
    Binding("x", "export", "Export", id="app.export"),
    Binding("s", "toggle_passages", "Shared marks", show=False, id="compare.toggle_marks"),
    Binding("S", "toggle_boilerplate", "Show or hide boilerplate passages (one outlet's footers)", show=False,
            id="compare.boilerplate"),
    Binding("equals_sign", "align", "Align passage", id="compare.align", key_display="="),
    Binding("greater_than_sign", "shared_step(1)", "Next shared passage", show=False, id="compare.next_shared"),
    Binding("less_than_sign", "shared_step(-1)", "Previous shared passage", show=False,
            id="compare.previous_shared"),
    Binding("U", "next_unique", "Next passage unique to this document", show=False, id="compare.next_unique"),
    Binding("y", "toggle_linked", "Linked scrolling", show=False, id="compare.linked"),
    Binding("P", "passages", "Passages", id="compare.passages"),
    Binding("V", "variants", "Variants of this passage", show=False, id="compare.variants"),
    Binding("c", "coverage", "Coverage", id="compare.coverage"),
    Binding("F", "corpus_search", "Search all documents", show=False, id="compare.corpus_search"),
    Binding("i", "summary", "Overlap summary", show=False, id="compare.summary"),
]

ADJUST_HELP = "Adjust span: ←/→ or h/l by character, w/b by word, s switches start/end, Esc or Enter done"
