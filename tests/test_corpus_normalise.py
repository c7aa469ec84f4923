"""Decoding bytes to normalised text, and the exact refusals for inputs that are not text."""
import pytest

from corpus.normalise import CorpusError, decode_text, line_and_column, normalise_newlines


@pytest.mark.parametrize(
    "raw, expected",
    [
        (b"\xef\xbb\xbfHeadline\nBody", "Headline\nBody"),  # one leading BOM dropped
        (b"a\r\nb\r\n", "a\nb\n"),  # CRLF
        (b"a\rb\r", "a\nb\n"),  # lone CR
        (b"a\r\nb\rc\nd\r\r\n", "a\nb\nc\nd\n\n"),  # mixed: CR then CRLF is two breaks
        (b"\r\n\r\nx", "\n\nx"),
    ],
)
def test_newlines_and_bom(raw, expected):
    assert decode_text(raw) == expected


@pytest.mark.parametrize(
    "text",
    [
        "non\u00a0breaking space",
        "tab\there\t\tand\ttrailing\t",
        "emoji \U0001F600 and family \U0001F468\u200d\U0001F469\u200d\U0001F467",
        "combining e\u0301 vs precomposed \u00e9",  # must NOT be NFC-normalised
        "RTL \u05e9\u05dc\u05d5\u05dd and \u0645\u0631\u062d\u0628\u0627 \u200f mark",
        "line\u2028separator and para\u2029separator",
        "form\x0cfeed and vertical\x0btab",
        "  leading and trailing spaces  \n\n\n",
        "zero\u200bwidth and BOM in the middle \ufeff stays",
    ],
)
def test_other_characters_kept_exactly(text):
    assert decode_text(text.encode("utf-8")) == text


def test_only_one_bom_is_dropped():
    assert decode_text(b"\xef\xbb\xbf\xef\xbb\xbfx") == "\ufeffx"


def test_normalise_newlines_on_decoded_text():
    assert normalise_newlines("a\r\nb\rc\u2028d\x85e") == "a\nb\nc\u2028d\x85e"
    assert normalise_newlines("\ufeffkept") == "\ufeffkept"  # BOM handling is decode_text's job


def test_not_utf8_names_byte_offset_line_and_column():
    raw = b"line one\nline two\ncaf" + b"\xe9 au lait"
    with pytest.raises(CorpusError) as info:
        decode_text(raw)
    message = str(info.value)
    assert message == (
        "not UTF-8: byte 0xe9 at byte 21 (line 3, column 4) is not valid UTF-8; save the file as UTF-8"
    )
    assert raw[21] == 0xE9


def test_not_utf8_column_counts_characters_not_bytes():
    raw = "€€\r\n€x".encode() + b"\xff"
    with pytest.raises(CorpusError, match=r"byte 0xff at byte 12 \(line 2, column 3\)"):
        decode_text(raw)


def test_not_utf8_latin1_file_on_first_line():
    raw = "Schöne Grüße".encode("latin-1")
    with pytest.raises(CorpusError, match=r"^not UTF-8: byte 0xf6 at byte 3 \(line 1, column 4\)"):
        decode_text(raw)


def test_truncated_character_at_end_of_file():
    raw = b"ok " + "€".encode()[:2]
    with pytest.raises(CorpusError, match=r"not UTF-8: byte 0xe2 at byte 3 \(line 1, column 4\)"):
        decode_text(raw)


def test_line_and_column_ignores_bom_and_handles_lone_cr():
    assert line_and_column(b"\xef\xbb\xbfab", 4) == (1, 2)
    assert line_and_column(b"a\rb\r\ncd", 6) == (3, 2)


def test_nul_byte_is_binary_with_offset():
    with pytest.raises(CorpusError) as info:
        decode_text(b"PK\x03\x04\x00\x00rest")
    assert str(info.value).startswith("binary file: NUL byte at byte 4;")


def test_utf16_is_named():
    with pytest.raises(CorpusError, match="UTF-16"):
        decode_text("hello".encode("utf-16"))


def test_empty():
    with pytest.raises(CorpusError, match=r"^empty file \(0 bytes\)$"):
        decode_text(b"")


@pytest.mark.parametrize("raw", [b" ", b"\n\r\n\t \x0c", b"\xef\xbb\xbf", "\u00a0\u2028".encode()])
def test_blank(raw):
    with pytest.raises(CorpusError, match="^blank: the file holds only whitespace$"):
        decode_text(raw)


def test_corpus_error_is_a_value_error():
    assert issubclass(CorpusError, ValueError)
