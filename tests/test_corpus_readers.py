"""Reading files, folders and JSONL corpora into Documents, refusing what cannot be read."""
import json
import os
from pathlib import Path

import pytest

from corpus.document import Document, Refusal
from corpus.readers import read_corpus, read_path
from corpus.seeds import read_seeds, seed_dir


def write(path: Path, data) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def jsonl(path: Path, *lines) -> Path:
    return write(path, "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n")


# -- plain text files -------------------------------------------------------------------------


def test_text_file_becomes_document_with_headline_title(tmp_path):
    path = write(tmp_path / "berlin.txt", b"\xef\xbb\xbfUS warns Germany\r\n\r\nBody text.\r\n")
    result = read_path(path)
    assert result.refused == []
    [doc] = result.documents
    assert doc == Document(id="berlin", title="US warns Germany", text="US warns Germany\n\nBody text.\n",
                           source=None, path=str(path), format="text", styles=())


LONG_SENTENCE = ("The US is trying to recruit Germany in its campaign against Huawei, "
                 "its allies and the rest of Europe.")


@pytest.mark.parametrize(
    "first_line, title",
    [
        ("A headline", "A headline"),
        ("Is this a headline?", "Is this a headline?"),
        ("Breaking: news!", "Breaking: news!"),
        ("  padded headline  ", "padded headline"),
        # Not headlines: the first words of the first line that has any, cut at a word with "…".
        ("A sentence that ends with a full stop.", "A sentence that ends with a full stop."),
        (LONG_SENTENCE, "The US is trying to recruit Germany in its campaign against…"),
        ("x" * 150, "x" * 150),
        ("x" * 151, "x" * 59 + "…"),
        ("Officials\tsaid, in a statement read out on Tuesday afternoon, that it was over.",
         "Officials said, in a statement read out on Tuesday…"),
        ("", "body"),
        ("   ", "body"),
    ],
)
def test_title_rules(tmp_path, first_line, title):
    path = write(tmp_path / "doc.txt", first_line + "\nbody\n")
    [doc] = read_path(path).documents
    assert doc.title == title
    assert len(doc.title) <= 150
    assert doc.text.startswith(first_line)  # the title line stays in the text


def test_a_document_of_white_space_and_one_word_is_titled_by_that_word_and_the_id_stays(tmp_path):
    path = write(tmp_path / "note-7.txt", "\n\n   Update.\n")
    [doc] = read_path(path).documents
    assert (doc.id, doc.title) == ("note-7", "Update.")


def test_unknown_extension_given_explicitly_is_read_as_text(tmp_path):
    path = write(tmp_path / "notes.article", "# not markdown\nplain")
    [doc] = read_path(path).documents
    assert (doc.id, doc.format, doc.text, doc.styles) == ("notes", "text", "# not markdown\nplain", ())


def test_accepts_a_single_path_not_only_a_list(tmp_path):
    write(tmp_path / "a.txt", "A")
    assert [d.id for d in read_corpus(tmp_path / "a.txt").documents] == ["a"]
    assert [d.id for d in read_corpus(str(tmp_path / "a.txt")).documents] == ["a"]


# -- markdown files ----------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".md", ".markdown", ".MD"])
def test_markdown_file_is_rendered_with_styles(tmp_path, suffix):
    path = write(tmp_path / f"story{suffix}", "# Pompeo *warns*\r\n\r\nA **bold** claim.\r\n")
    [doc] = read_path(path).documents
    assert doc.format == "markdown"
    assert doc.text == "Pompeo warns\n\nA bold claim."
    assert doc.title == "Pompeo warns"
    styled = {(s.style, doc.text[s.start:s.end]) for s in doc.styles}
    assert styled == {("heading", "Pompeo warns"), ("italic", "warns"), ("bold", "bold")}


def test_markdown_that_renders_to_nothing_is_refused(tmp_path):
    path = write(tmp_path / "empty.md", "[](http://x)\n")
    result = read_path(path)
    assert result.documents == []
    assert result.refused == [Refusal(str(path), "the markdown renders to no text")]


# -- refusals ----------------------------------------------------------------------------------


def test_missing_path(tmp_path):
    result = read_corpus([tmp_path / "nope.txt"])
    assert result.refused == [Refusal(str(tmp_path / "nope.txt"), "no such file or folder")]
    assert str(result.refused[0]).endswith("nope.txt: no such file or folder")


def test_dangling_symlink(tmp_path):
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "target.txt")
    [refusal] = read_path(link).refused
    assert refusal.path == str(link)
    assert refusal.reason.startswith("broken link: points to ") and "target.txt" in refusal.reason


def test_directory_named_like_a_file_with_no_articles(tmp_path):
    folder = tmp_path / "x.txt"
    folder.mkdir()
    write(folder / "image.png", b"\x89PNG")
    result = read_path(folder)
    assert result.documents == []
    assert result.refused == [Refusal(str(folder), "no .txt or .md articles in this folder")]


def test_unreadable_file_is_refused(tmp_path, monkeypatch):
    # chmod 000 does not stop root, so simulate the OS refusing the read instead.
    path = write(tmp_path / "secret.txt", "text")
    real = Path.read_bytes

    def deny(self):
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", deny)
    write(tmp_path / "open.txt", "fine")
    result = read_corpus([path, tmp_path / "open.txt"])
    assert [d.id for d in result.documents] == ["open"]
    assert result.refused == [Refusal(str(path), "cannot read: permission denied")]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read a chmod 000 file")
def test_chmod_000_file_is_refused(tmp_path):
    path = write(tmp_path / "locked.txt", "text")
    path.chmod(0)
    try:
        assert read_path(path).refused == [Refusal(str(path), "cannot read: permission denied")]
    finally:
        path.chmod(0o644)


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty file (0 bytes)"),
        (b" \n\t\n", "blank: the file holds only whitespace"),
        (b"ab\x00cd", "binary file: NUL byte at byte 2; sidebyside reads UTF-8 text (.txt, .md, .jsonl)"),
        (b"ok\nna\xefve", "not UTF-8: byte 0xef at byte 5 (line 2, column 3) is not valid UTF-8; "
                          "save the file as UTF-8"),
    ],
)
def test_corpus_errors_become_refusals_and_others_still_load(tmp_path, data, reason):
    bad = write(tmp_path / "bad.txt", data)
    good = write(tmp_path / "good.txt", "Fine")
    result = read_corpus([bad, good])
    assert result.refused == [Refusal(str(bad), reason)]
    assert [d.id for d in result.documents] == ["good"]


def test_not_a_path_is_refused_not_raised():
    result = read_corpus([None])
    assert result.documents == [] and result.refused == [Refusal("None", "not a file or folder name")]


def test_duplicate_id_second_refused_naming_first(tmp_path):
    first = write(tmp_path / "a" / "x.txt", "First")
    second = write(tmp_path / "b" / "x.md", "Second")
    result = read_corpus([first, second])
    assert [d.text for d in result.documents] == ["First"]
    assert result.refused == [Refusal(str(second), f'duplicate id "x": already read from {first}')]


# -- folders -----------------------------------------------------------------------------------


def test_folder_recursion_sorted_by_path_skipping_hidden_and_other_files(tmp_path):
    for name in ["b.txt", "a/z.md", "a/b/c.txt", "a-c.txt", "d.TXT", ".hidden.txt",
                 ".git/d.txt", "a/.cache/e.txt", "notes.docx", "export.jsonl", "a/readme"]:
        write(tmp_path / name, f"Title of {name}\n")
    result = read_path(tmp_path)
    assert result.refused == []
    found = [Path(d.path).relative_to(tmp_path).as_posix() for d in result.documents]
    # Path order: a folder's contents come together ("a/..." before "a-c.txt").
    assert found == ["a/b/c.txt", "a/z.md", "a-c.txt", "b.txt", "d.TXT"]
    assert [d.format for d in result.documents] == ["text", "markdown", "text", "text", "text"]
    assert all(d.path.startswith(str(tmp_path)) for d in result.documents)


def test_folder_keeps_input_order_between_inputs(tmp_path):
    write(tmp_path / "one" / "b.txt", "B")
    write(tmp_path / "two" / "a.txt", "A")
    result = read_corpus([tmp_path / "two", tmp_path / "one"])
    assert [d.id for d in result.documents] == ["a", "b"]


def test_folder_with_a_bad_file_loads_the_rest(tmp_path):
    write(tmp_path / "a.txt", "A")
    write(tmp_path / "b.txt", b"\xff")
    write(tmp_path / "c.txt", "C")
    result = read_path(tmp_path)
    assert [d.id for d in result.documents] == ["a", "c"]
    assert [r.path for r in result.refused] == [str(tmp_path / "b.txt")]
    assert result.refused[0].reason.startswith("not UTF-8: byte 0xff at byte 0 (line 1, column 1)")


def test_empty_folder_is_refused(tmp_path):
    assert read_path(tmp_path).refused == [Refusal(str(tmp_path), "no .txt or .md articles in this folder")]


def test_duplicate_stems_in_subfolders(tmp_path):
    write(tmp_path / "a" / "same.txt", "one")
    write(tmp_path / "b" / "same.txt", "two")
    result = read_path(tmp_path)
    assert [d.text for d in result.documents] == ["one"]
    [refusal] = result.refused
    assert refusal == Refusal(str(tmp_path / "b" / "same.txt"),
                              f'duplicate id "same": already read from {tmp_path / "a" / "same.txt"}')


# -- JSONL -------------------------------------------------------------------------------------


def test_jsonl_good_lines(tmp_path):
    path = jsonl(
        tmp_path / "feed.jsonl",
        {"id": 7, "title": "Given title.", "text": "Headline\r\nBody\rMore", "source": "Reuters",
         "url": "https://r.example/7", "date": "2019-03-12"},
        "",
        {"text": "No id here\n", "extra": "ignored"},
        {"id": "md1", "format": "markdown", "text": "# Big *news*\n\nbody"},
    )
    result = read_path(path)
    assert result.refused == []
    first, second, third = result.documents
    assert first == Document(id="7", title="Given title.", text="Headline\nBody\nMore", source="Reuters",
                             url="https://r.example/7", date="2019-03-12", path=str(path))
    assert (second.id, second.title, second.text) == ("feed-3", "No id here", "No id here\n")
    assert (third.format, third.text, third.title) == ("markdown", "Big news\n\nbody", "Big news")
    assert {(s.style, third.text[s.start:s.end]) for s in third.styles} == {
        ("heading", "Big news"), ("italic", "news")}


def test_jsonl_bom_dropped_and_line_separator_inside_text_kept(tmp_path):
    line = json.dumps({"id": "u", "text": "a\u2028b\u0085c"}, ensure_ascii=False)
    path = write(tmp_path / "c.jsonl", b"\xef\xbb\xbf" + line.encode() + b"\r\n")
    result = read_path(path)
    assert result.refused == []
    assert [d.text for d in result.documents] == ["a\u2028b\u0085c"]


def test_jsonl_bad_lines_refused_others_load(tmp_path):
    path = jsonl(
        tmp_path / "corpus.jsonl",
        {"id": "ok1", "text": "Fine"},
        "{not json",
        {"id": "no-text", "title": "x"},
        {"id": "num", "text": 42},
        ["a", "list"],
        {"id": "blank", "text": " \n "},
        {"id": "fmt", "text": "t", "format": "html"},
        {"id": "ok2", "text": "Also fine"},
        {"id": "ok1", "text": "Duplicate"},
        {"id": {"nested": 1}, "text": "bad id"},
    )
    result = read_path(path)
    assert [d.id for d in result.documents] == ["ok1", "ok2"]
    refusals = {r.path.rsplit(":", 1)[1]: r.reason for r in result.refused}
    assert all(r.path.startswith(f"{path}:") for r in result.refused)
    assert refusals["2"].startswith("invalid JSON: ") and "column 2" in refusals["2"]
    assert refusals["3"] == 'missing "text"'
    assert refusals["4"] == '"text" must be a string, not a number'
    assert refusals["5"] == "expected a JSON object, found an array"
    assert refusals["6"] == '"text" is blank'
    assert refusals["7"] == "unknown \"format\" 'html': expected \"text\" or \"markdown\""
    assert refusals["9"] == f'duplicate id "ok1": already read from {path}:1'
    assert refusals["10"] == '"id" must be a string, not an object'
    assert len(result.refused) == 8
    assert str(result.refused[1]) == f'{path}:3: missing "text"'


def test_jsonl_id_collides_with_file_stem(tmp_path):
    text_file = write(tmp_path / "x.txt", "From file")
    corpus = jsonl(tmp_path / "c.jsonl", {"id": "x", "text": "From JSONL"})
    result = read_corpus([text_file, corpus])
    assert [d.text for d in result.documents] == ["From file"]
    assert result.refused == [Refusal(f"{corpus}:1", f'duplicate id "x": already read from {text_file}')]


def test_empty_jsonl_file_refused(tmp_path):
    path = write(tmp_path / "e.jsonl", b"")
    assert read_path(path).refused == [Refusal(str(path), "empty file (0 bytes)")]


def test_jsonl_not_picked_up_from_folders(tmp_path):
    write(tmp_path / "a.txt", "A")
    jsonl(tmp_path / "annotations.jsonl", {"text": "an exported annotation"})
    assert [d.id for d in read_path(tmp_path).documents] == ["a"]


# -- seeds -------------------------------------------------------------------------------------


def test_seeds_are_five_documents_whose_text_is_the_file():
    result = read_seeds()
    assert result.refused == []
    assert len(result.documents) == 5
    files = sorted(seed_dir().glob("*.txt"))
    assert [d.id for d in result.documents] == [f.stem for f in files]
    for doc, file in zip(result.documents, files):
        assert file.read_bytes().decode("utf-8") == doc.text
        assert doc.format == "text" and doc.styles == ()


def test_seed_titles():
    titles = [d.title for d in read_seeds().documents]
    assert titles == [
        "U.S. Tells Germany to Drop Huawei or Face a Cut in Intelligence Sharing",
        "The US is trying to recruit Germany in its campaign against…",  # a sentence ending with "."
        "Germany can forget about getting as much intelligence from…",  # longer than a headline
        "Germany asserts independence after US warning on Huawei",
        "Pompeo Again Threatens Germany: Drop Huawei Or Intelligence Sharing Blocked",
    ]
