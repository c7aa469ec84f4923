"""Markdown renders to the text a reader sees, and every style span covers exactly its words."""
from __future__ import annotations

from corpus.document import StyleSpan
from corpus.markdown import render_markdown


def styled(source):
    """Rendered text and a list of (style, covered text) pairs, for readable assertions."""
    text, spans = render_markdown(source)
    for span in spans:
        assert isinstance(span, StyleSpan)
        assert 0 <= span.start < span.end <= len(text)
    return text, [(s.style, text[s.start:s.end]) for s in spans]


def test_heading_and_paragraphs_separated_by_one_blank_line():
    text, spans = styled("# The *big* story\n\nFirst paragraph.\n\n\n\nSecond one.\n")
    assert text == "The big story\n\nFirst paragraph.\n\nSecond one."
    assert ("heading", "The big story") in spans
    assert ("italic", "big") in spans


def test_setext_heading():
    text, spans = styled("Headline\n========\n\nBody")
    assert text == "Headline\n\nBody"
    assert spans == [("heading", "Headline")]


def test_bold_italic_code_offsets():
    source = "Plain **bold words** then _italic_ and `x = 1` and ***both***."
    text, spans = styled(source)
    assert text == "Plain bold words then italic and x = 1 and both."
    assert ("bold", "bold words") in spans
    assert ("italic", "italic") in spans
    assert ("code", "x = 1") in spans
    assert ("bold", "both") in spans and ("italic", "both") in spans


def test_offsets_count_code_points_not_bytes_or_utf16_units():
    text, spans = styled("\U0001F600 é\u0301 **ünïcödé** after")
    assert text == "\U0001F600 é\u0301 ünïcödé after"
    assert spans == [("bold", "ünïcödé")]
    span = render_markdown("\U0001F600 **x**")[1][0]
    assert (span.start, span.end) == (2, 3)


def test_links_keep_text_and_drop_target_images_become_alt():
    text, spans = styled("See [the *report*](https://example.org/r) and ![a chart](c.png).")
    assert text == "See the report and a chart."
    assert "example.org" not in text and "c.png" not in text
    assert spans == [("italic", "report")]


def test_autolink_shows_the_address_as_written():
    text, _ = styled("Go to <https://example.org>.")
    assert text == "Go to https://example.org."


def test_soft_and_hard_breaks_become_newlines():
    text, _ = styled("line one\nline two  \nline three\\\nline four")
    assert text == "line one\nline two\nline three\nline four"


def test_bullet_and_ordered_lists():
    text, _ = styled("- apples\n- pears\n\n3. three\n4. four\n\nAfter.")
    assert text == "• apples\n• pears\n\n3. three\n4. four\n\nAfter."


def test_ordered_list_numbers_count_up_like_a_browser():
    text, _ = styled("1. a\n1. b\n1. c")
    assert text == "1. a\n2. b\n3. c"


def test_nested_list_is_indented():
    text, spans = styled("- top\n  - **inner**\n- next")
    assert text == "• top\n  • inner\n• next"
    assert spans == [("bold", "inner")]


def test_loose_list_items_are_separate_blocks():
    text, _ = styled("- one\n\n- two")
    assert text == "• one\n\n• two"


def test_blockquote_is_styled_as_quote():
    text, spans = styled("Before.\n\n> Quoted **claim**\n> goes on.\n>\n> Second para.\n\nAfter.")
    assert text == "Before.\n\nQuoted claim\ngoes on.\n\nSecond para.\n\nAfter."
    assert ("quote", "Quoted claim\ngoes on.\n\nSecond para.") in spans
    assert ("bold", "claim") in spans


def test_quote_inside_list_starts_after_the_marker():
    text, spans = styled("- > said she")
    assert text == "• said she"
    assert spans == [("quote", "said she")]


def test_code_blocks_kept_as_text():
    text, spans = styled("Intro\n\n```python\nx = 1\n\n  y = 2\n```\n\n    indented code\n\nEnd")
    assert text == "Intro\n\nx = 1\n\n  y = 2\n\nindented code\n\nEnd"
    assert ("code", "x = 1\n\n  y = 2") in spans
    assert ("code", "indented code") in spans


def test_html_is_kept_literally():
    text, spans = styled("<div class=\"x\">block</div>\n\nSome <b>inline</b> html.")
    assert text == '<div class="x">block</div>\n\nSome <b>inline</b> html.'
    assert spans == []


def test_entities_are_decoded_and_characters_kept():
    text, _ = styled("AT&amp;T\u00a0said\tthis \u05e9\u05dc\u05d5\u05dd")
    assert text == "AT&T\u00a0said\tthis \u05e9\u05dc\u05d5\u05dd"


def test_no_typographer_quotes_stay_as_typed():
    text, _ = styled('He said "no" -- twice...')
    assert text == 'He said "no" -- twice...'


def test_empty_input_renders_empty():
    assert render_markdown("") == ("", ())


def test_spans_are_sorted_by_start():
    _, spans = render_markdown("**a** _b_ `c`\n\n# d")
    starts = [s.start for s in spans]
    assert starts == sorted(starts)
