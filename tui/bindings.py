"""Every key of the reader in one registry: each binding has an id (for keymaps) and a description."""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

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

TAG_KEYS = "123456789"  # the keys list screens filter by (a tag on a letter filters with that letter)

# The reading screen's keys (tui/screens/reader.py); q and ? are the App's own (quitting, help).
APP_BINDINGS = [
    Binding("q", "app.quit", "Quit", id="app.quit",
            tooltip="Quit; each pane's document and position come back next time"),
    Binding("question_mark", "app.help", "Keys", id="app.help", key_display="?", tooltip="Show this list of keys"),
    # The tag keys are not here: tag_bindings builds them from the database's codebook.
    Binding("v", "anchor", "Select", id="select.anchor",
            tooltip="Drop an anchor: moves extend the selection until it is used"),
    Binding("escape", "escape", "Clear selection", show=False, id="select.clear",
            tooltip="Clear the selection and search hits; cancel a link"),
    Binding("d,delete", "delete", "Delete", id="annotation.delete",
            tooltip="Delete the innermost annotation under the cursor"),
    Binding("u", "undo", "Undo", id="history.undo",
            tooltip="Undo the last create, delete, note or span change"),
    Binding("ctrl+r", "redo", "Redo", show=False, id="history.redo", tooltip="Redo what undo took back"),
    Binding("m", "note", "Note", id="annotation.note",
            tooltip="Write or edit the note on the annotation under the cursor"),
    Binding("t", "attributes", "Attributes", show=False, id="annotation.attributes",
            tooltip="Set the attributes of the annotation under the cursor"),
    Binding("e", "adjust", "Adjust span", show=False, id="annotation.adjust",
            tooltip="Move the start or end of the annotation under the cursor"),
    Binding("E", "entity", "Entity", show=False, id="annotation.entity",
            tooltip="Link the actor span under the cursor to one entity"),
    Binding("ctrl+e", "manage_entities", "Entities", show=False, id="annotation.entities",
            tooltip="Every entity and its spans: rename, merge, delete (ctrl+e in E too)"),
    Binding("p", "propagate", "Propagate", show=False, id="annotation.propagate",
            tooltip="Tag every other occurrence of this span's text, after showing where"),
    Binding("r", "link", "Link", show=False, id="relation.start",
            tooltip="Link the span under the cursor to another (its speaker)"),
    Binding("enter", "link_confirm", "Confirm link", show=False, id="relation.confirm",
            tooltip="While linking: link to the span under the cursor"),
    Binding("R", "relations", "Relations", show=False, id="relation.list",
            tooltip="List this document's relations; d deletes, Enter jumps"),
    Binding("z", "toggle_suggestions", "Suggestions", show=False, id="suggest.toggle",
            tooltip="Show or hide the spans the rules suggest (dim: not saved)"),
    Binding("Z", "next_suggestion", "Next suggestion", show=False, id="suggest.next",
            tooltip="Jump to the next suggestion (showing them if hidden)"),
    Binding("plus", "accept_suggestion", "Accept suggestion", show=False, id="suggest.accept", key_display="+",
            tooltip="Make the suggestion under the cursor an annotation"),
    Binding("minus", "reject_suggestion", "Reject suggestion", show=False, id="suggest.reject", key_display="-",
            tooltip="Reject the suggestion under the cursor, for good (u undoes)"),
    Binding("C", "codebook", "Codebook", show=False, id="codebook.view",
            tooltip="Every tag's definition, open at the tag under the cursor"),
    Binding("a", "annotations", "List", id="annotation.list",
            tooltip="List this document's annotations, filter by tag; Enter jumps"),
    Binding("A", "all_annotations", "All annotations", show=False, id="annotation.all",
            tooltip="Every annotation of every document: type to filter; Enter opens it"),
    Binding("right_square_bracket", "next_annotation", "Next annotation", show=False, id="annotation.next",
            tooltip="Jump to the next annotation (linking: the next target)"),
    Binding("left_square_bracket", "previous_annotation", "Previous annotation", show=False,
            id="annotation.previous",
            tooltip="Jump to the previous annotation (or link target)"),
    Binding("slash", "search", "Search", id="search.start", key_display="/",
            tooltip="Search this document (literal, any case)"),
    Binding("n", "search_step(1)", "Next hit", show=False, id="search.next", tooltip="Jump to the next search hit"),
    Binding("N", "search_step(-1)", "Previous hit", show=False, id="search.previous",
            tooltip="Jump to the previous search hit"),
    Binding("o", "picker", "Open", id="pane.picker", tooltip="Pick the document this pane shows"),
    Binding("D", "progress", "Mark progress", show=False, id="progress.cycle",
            tooltip="Mark this document to do, in progress or done (for your annotator name)"),
    Binding("right_curly_bracket", "step_document(1)", "Next document", show=False, id="pane.next_document",
            tooltip="Show the next document in this pane"),
    Binding("left_curly_bracket", "step_document(-1)", "Previous document", show=False,
            id="pane.previous_document", tooltip="Show the previous document in this pane"),
    Binding("tab", "focus_pane(1)", "Next pane", show=False, id="pane.next", tooltip="Go to the next pane"),
    Binding("shift+tab", "focus_pane(-1)", "Previous pane", show=False, id="pane.previous",
            tooltip="Go to the previous pane"),
    Binding("x", "export", "Export", id="app.export",
            tooltip="Export annotations, relations and progress next to the database"),
    Binding("s", "toggle_passages", "Shared marks", show=False, id="compare.toggle_marks",
            tooltip="Show or hide the marks on passages other documents share"),
    Binding("S", "toggle_boilerplate", "Boilerplate", show=False, id="compare.boilerplate",
            tooltip="Show or hide boilerplate passages (one outlet's footers, hidden by default)"),
    Binding("equals_sign", "align", "Align passage", id="compare.align", key_display="=",
            tooltip="Line the other panes up on the shared passage under the cursor"),
    Binding("greater_than_sign", "shared_step(1)", "Next shared passage", show=False, id="compare.next_shared",
            tooltip="Jump to the next passage another document shares"),
    Binding("less_than_sign", "shared_step(-1)", "Previous shared passage", show=False,
            id="compare.previous_shared", tooltip="Jump to the previous passage another document shares"),
    Binding("U", "next_unique", "Next passage unique to this document", show=False, id="compare.next_unique",
            tooltip="Jump to the next passage no other document has"),
    Binding("y", "toggle_linked", "Linked scrolling", show=False, id="compare.linked",
            tooltip="Scroll the other panes with this one, level on shared passages"),
    Binding("P", "passages", "Passages", id="compare.passages",
            tooltip="List passages several documents share; Enter opens them"),
    Binding("V", "variants", "Variants of this passage", show=False, id="compare.variants",
            tooltip="Every document's wording of the passage under the cursor"),
    Binding("c", "coverage", "Coverage", id="compare.coverage",
            tooltip="Who carries what: each tagged item, per document"),
    Binding("F", "corpus_search", "Search all documents", show=False, id="compare.corpus_search",
            tooltip="Search every document at once; Enter opens a hit"),
    Binding("i", "summary", "Overlap summary", show=False, id="compare.summary",
            tooltip="How much of each document the others share"),
]

def usable_tag_key(key: str | None) -> bool:
    """Whether the reader can bind `key` to a tag: one digit 1-9 or ASCII letter (as codebooks allow)."""
    return key is not None and len(key) == 1 and key.isascii() and key.isalnum() and key != "0"


def reserved_keys(keymap: Mapping[str, str] | None = None) -> dict[str, str]:
    """Every key the reader binds to something other than a tag (after `keymap`), with what it does."""
    keymap = keymap or {}
    reserved: dict[str, str] = {}
    for binding in [*VIEW_BINDINGS, *APP_BINDINGS]:
        if binding.id is None or binding.id.startswith("tag."):
            continue
        for key in keymap.get(binding.id, binding.key).split(","):
            reserved.setdefault(key.strip(), f"{binding.description} ({binding.id})")
    return reserved


_PLAIN = re.compile(r"[\w .,:'()-]*")


def palette_safe(text: str) -> str | None:
    """`text` if the command palette, which reads its titles as markup, can show it as it is; else None."""
    return text if _PLAIN.fullmatch(text) else None


def tag_bindings(tags: Iterable[Any], keymap: Mapping[str, str] | None = None) -> tuple[list[Binding], list[str]]:
    """A binding per tag of the codebook that has a key (id tag.<key>, for keymaps), and a warning
    for each key the reader cannot give its tag (not a single digit or letter, or another binding's)."""
    reserved = reserved_keys(keymap)
    bindings: list[Binding] = []
    problems: list[str] = []
    for tag in tags:
        if tag.key is None or tag.key == "":
            continue
        if not usable_tag_key(tag.key):
            problems.append(f"tag {tag.name!r} has key {tag.key!r}, which is not one digit or letter: not bound")
        elif tag.key in reserved:
            problems.append(f"tag {tag.name!r} has key {tag.key!r}, the key of {reserved[tag.key]}: not bound")
        else:
            bindings.append(Binding(tag.key, f"tag('{tag.key}')", f"Tag as {tag.name}", show=False,
                                    id=f"tag.{tag.key}",
                                    tooltip=f"Tag the selection (else the word under the cursor) as {tag.name}"))
    return bindings, problems


# The keys overlay shows one section per group, in this order; a binding's group comes from its id:
# the whole id when GROUP_OF lists it, else the part before the dot.
GROUPS = {"move": "Move", "select": "Select", "tag": "Tag", "annotations": "Annotations",
          "compare": "Compare", "documents": "Documents", "reader": "The reader"}
GROUP_OF = {"move": "move", "search": "move", "select": "select", "tag": "tag", "codebook": "tag",
            "annotation": "annotations", "relation": "annotations", "history": "annotations", "suggest": "annotations",
            "app.export": "annotations",
            "compare": "compare", "pane": "documents", "progress": "documents", "app": "reader"}


def group_of(binding_id: str) -> str:
    """The group (a key of GROUPS) of the binding with this id; KeyError for an unknown prefix."""
    return GROUP_OF.get(binding_id) or GROUP_OF[binding_id.split(".", 1)[0]]


def help_line(binding: Binding) -> str:
    """What the key does, in a few words: its tooltip, else its description."""
    return binding.tooltip or binding.description


# The keys of the span adjuster (e), one help line each.
ADJUST_KEYS = [("←/→, h/l", "Move the chosen end by a character"), ("w/b", "Move the chosen end by a word"),
               ("s", "Switch between the start and the end"), ("esc, enter", "Done")]
# The keys of the attribute form (t).
ATTRIBUTE_KEYS = [("a choice's key", "Pick that choice (its key is shown beside it)"),
                  ("tab/shift+tab, ↓/↑", "Next / previous attribute"), ("backspace", "Clear a choice"),
                  ("enter, ctrl+s", "Save"), ("esc", "Cancel")]
# Making a link (r) and the relations list (R).
LINK_KEYS = [("moves, ] / [", "Pick the target (] [: the spans the link may end on)"),
             ("enter", "Link; a type's key when several fit"), ("esc", "Cancel the link"),
             ("R, then d / enter", "Delete a relation (u undoes) / go to its source")]
# The keys of the entity manager (ctrl+e).
ENTITY_KEYS = [("r, enter", "Rename the entity (another's name offers a merge)"),
               ("m", "Merge it into another: its spans move, it goes"),
               ("d, delete", "Delete it, asking first: its spans stay, unlinked"),
               ("esc", "Close; u in the reader undoes each change")]
ADJUST_HELP = "Adjust span: ←/→ or h/l by character, w/b by word, s switches start/end, Esc or Enter done"
