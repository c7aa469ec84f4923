"""Actor rules: titled and capitalised names with particles, organisation acronyms, names already known."""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from corpus.actor_words import (
    ABBREVIATIONS,
    ACRONYMS_LIKE_WORDS,
    COUNTRIES,
    DEMONYMS,
    MONTHS_AND_DAYS,
    NOT_ACTOR_ACRONYMS,
    NOT_NAMES,
    ORG_HEADS,
    ORG_WORDS,
    PARTICLES,
    PLACES,
    TITLES,
    TO_HEADS,
)
from corpus.headlines import LineIndex, headline_lines

# A word starting with a letter, not inside another word; dots, hyphens and apostrophes stay inside it.
_TOKEN = re.compile(r"(?<![\w’'])[^\W\d_][\w’'.\-]*")
# Only the words a name can hold: not starting with a lowercase ASCII letter, or a particle. Skipping
# the rest makes the scan several times faster; a skipped word still breaks a run (the gap check).
_NAME_TOKEN = re.compile(r"(?<![\w’'])(?:(?:" + "|".join(sorted(PARTICLES | {"to", "for"})) +
                         r")(?![\w’'.\-])|(?:al|el)-[\w’'.\-]*|[^\W\d_a-z][\w’'.\-]*)")
_POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$")
_CONTRACTION = re.compile(r"['’](?:t|re|ve|ll|d|m)$", re.IGNORECASE)
_DOTTED = re.compile(r"(?:[A-Z]\.)+")
_LOWER_WORD = re.compile(r"(?<![\w’'])[a-z][a-z]*(?![\w’'])")
_ROMAN = re.compile(r"[IVXLC]+")
_LOWER_TAIL = re.compile(r"-[a-z]+$")
_PREPOSITION_BEFORE = re.compile(r"(?<![\w])(?:to|in|from|at)[ \u00a0]$")
_ADMINISTRATION = re.compile(r"[ \u00a0]administration\b")
MAX_NAME_WORDS = 10  # Chinese Foreign Ministry Spokesperson Lu Kang is 6
_GAP = re.compile(r"[ \u00a0]{1,2}")


class _Token:
    """A word of the text, as the name rules see it."""

    __slots__ = ("start", "end", "word", "possessive", "initial", "capitalised", "acronym")

    def __init__(self, start: int, word: str, possessive: bool, initial: bool) -> None:
        self.start, self.end, self.word = start, start + len(word), word
        self.possessive = possessive  # ends its name: Merkel's government
        self.initial = initial  # starts a sentence or a line
        # Munich-based, US-led: an adjective made from a name, not a name
        self.capitalised = not _LOWER_TAIL.search(word) and (
            word[:1].isupper() or word[:3] in ("al-", "el-") and word[3:4].isupper())
        letters = word.replace(".", "").replace("-", "")
        self.acronym = len(letters) >= 2 and letters.isupper() and letters.isalpha()


def actor_spans(text: str, known_actors: Iterable[str] = ()) -> Iterator[tuple[int, int, str]]:
    """Spans of actors: names found by shape, then every whole-word mention of a name found or known."""
    tokens = _tokens(text, _NAME_TOKEN)
    evidence = _Evidence(text, tokens)
    headlines = LineIndex(headline_lines(text))
    found = [_with_administration(text, span) for run in _runs(tokens, text) if run[0].start not in headlines
             for span in _name_span(run, evidence)]
    names = {text[start:end] for start, end, _ in found}
    names |= {surname for start, end, rule in found if (surname := _surname(text[start:end].split(), rule))}
    found += _Names(names, "name-elsewhere").find(text, tokens)
    known = _known_names(known_actors if isinstance(known_actors, tuple) else tuple(known_actors))
    found += known.find(text, tokens if known.name_words_only else _tokens(text, _TOKEN))
    reach = -1
    for start, end, rule in sorted(found, key=lambda s: (s[0], -s[1])):
        if start >= reach:
            yield start, end, rule
            reach = end


def _tokens(text: str, pattern: re.Pattern[str]) -> list[_Token]:
    tokens: list[_Token] = []
    for match in pattern.finditer(text):
        word, start = match.group(), match.start()
        if _CONTRACTION.search(word):
            continue
        if word.endswith(".") and not (_DOTTED.fullmatch(word) or word in ABBREVIATIONS):
            word = word.rstrip(".")
        possessive = bool(_POSSESSIVE.search(word))
        word = _POSSESSIVE.sub("", word).rstrip("-’'")
        if word:
            tokens.append(_Token(start, word, possessive, _starts_sentence(text, start, tokens)))
    return tokens


def _starts_sentence(text: str, start: int, before: list[_Token]) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \u00a0\t\"“‘«»([":
        i -= 1
    if i < 0 or text[i] == "\n":
        return True
    if text[i] not in ".!?:;":
        return False
    # "the U.S. Secretary": a dotted abbreviation does not end the sentence
    return not (before and before[-1].end == i + 1 and (before[-1].word in ABBREVIATIONS or
                                                        _DOTTED.fullmatch(before[-1].word) is not None))


class _Evidence:
    """What the whole text says about its words: which are written lowercase, which are capitalised mid-sentence."""

    def __init__(self, text: str, tokens: list[_Token]) -> None:
        self.mid_caps = {t.word for t in tokens if t.capitalised and not t.initial}
        self.lower = set(_LOWER_WORD.findall(text))

    def common_word(self, token: _Token, alone: bool) -> bool:
        """A sentence-initial word that is not a name: written lowercase elsewhere in this text, or,
        standing alone, never capitalised mid-sentence."""
        if token.word in TITLES or token.word in PLACES or token.acronym or token.word in self.mid_caps:
            return False
        return alone or token.word.lower() in self.lower or token.word.endswith(("ing", "ly"))

    def shouted_word(self, token: _Token) -> bool:
        """SEE, BREAKING, UPDATE: an ordinary word in capitals, not an organisation's initials."""
        word = token.word
        if not token.acronym or word in COUNTRIES or word in ACRONYMS_LIKE_WORDS:
            return False
        return word.capitalize() in NOT_NAMES or len(word) >= 4 and word.lower() in self.lower

    def shouted_name(self, token: _Token) -> bool:
        """HUAWEI beside Huawei: a name in capitals (a ticker, a logo), not an organisation acronym."""
        return token.acronym and len(token.word) > 4 and token.word.capitalize() in self.mid_caps


def _runs(tokens: list[_Token], text: str) -> Iterator[list[_Token]]:
    """Maximal runs of capitalised words, with particles between them, on one line."""
    run: list[_Token] = []
    for token in tokens:
        if run and _joins(run, token, text):
            run.append(token)
            continue
        if run:
            yield run
        run = [token] if token.capitalised else []
    if run:
        yield run


def _joins(run: list[_Token], token: _Token, text: str) -> bool:
    last = run[-1]
    if last.possessive or _GAP.fullmatch(text, last.end, token.start) is None:
        return False
    if token.capitalised:
        return not (_place_before_name(run, token, text) or _person_after_organisation(run, token))
    if token.word == "to":
        return last.word in TO_HEADS
    if token.word == "for":
        return last.word in ORG_HEADS
    return token.word in PARTICLES


def _person_after_organisation(run: list[_Token], token: _Token) -> bool:
    """"the European Commission Jean-Claude Juncker": an organisation's name ends where a person's begins."""
    last = run[-1].word
    return (len(run) >= 2 and last in ORG_HEADS and last not in TITLES and token.word not in TITLES
            and token.word not in ORG_WORDS)


def _with_administration(text: str, span: tuple[int, int, str]) -> tuple[int, int, str]:
    """"the Trump administration" names the government, not the man: the span takes the noun."""
    start, end, rule = span
    after = _ADMINISTRATION.match(text, end)
    if after is None or text[start:end] in COUNTRIES or span[2] == "acronym":
        return span
    return start, after.end(), rule


def _place_before_name(run: list[_Token], token: _Token, text: str) -> bool:
    """"ambassador to Germany Richard Grenell": a country after a preposition ends where the name begins."""
    if len(run) != 1 or run[0].word not in COUNTRIES or token.word in TITLES:
        return False
    return _PREPOSITION_BEFORE.search(text, max(0, run[0].start - 6), run[0].start) is not None


def _name_span(run: list[_Token], evidence: _Evidence) -> Iterator[tuple[int, int, str]]:
    """The name a run holds once leading common words and trailing particles and titles are cut."""
    if _shouting(run) or len(run) > MAX_NAME_WORDS:
        return  # a longer run of capitals is title-case prose, and would make name look-ups quadratic
    run = _trim(run, evidence)
    if not run:
        return
    words = [t.word for t in run]
    if all(w in TITLES or w in DEMONYMS for w in words):
        return
    if len(run) == 1 and (words[0] in DEMONYMS or words[0] in MONTHS_AND_DAYS or len(words[0]) < 2 or
                          words[0] in NOT_ACTOR_ACRONYMS or evidence.shouted_word(run[0]) or
                          _ROMAN.fullmatch(words[0]) or evidence.shouted_name(run[0])):
        return
    rule = "title-name" if words[0] in TITLES else "acronym" if len(run) == 1 and run[0].acronym else "name"
    yield run[0].start, run[-1].end, rule


def _trim(run: list[_Token], evidence: _Evidence) -> list[_Token]:
    start, end = 0, len(run)
    while start < end and (run[start].word in NOT_NAMES or not run[start].capitalised or
                           run[start].word in MONTHS_AND_DAYS or
                           (run[start].initial and start == 0 and evidence.common_word(run[start], len(run) == 1))):
        start += 1
    while end > start and (not run[end - 1].capitalised or run[end - 1].word in MONTHS_AND_DAYS or
                           run[end - 1].word in NOT_NAMES):
        end -= 1
    while end - start > 1 and run[end - 1].word in TITLES and any(
            t.word not in TITLES and t.word not in DEMONYMS for t in run[start:end - 1]):
        end -= 1
    return run[start:end]


def _surname(words: list[str], rule: str) -> str | None:
    """The last word of a person's name (Pompeo of Mike Pompeo), which stands for the person later on."""
    if not 2 <= len(words) <= 6 or rule not in ("name", "title-name") or not words[-1].isalpha():
        return None
    body = words[:-1] if rule == "name" else words[-3:-1]
    if len(words) > 3 and rule == "name" or any(w in ORG_WORDS or w.isupper() or w in COUNTRIES for w in words):
        return None
    return words[-1] if all(w[:1].isupper() or w in PARTICLES for w in body) else None


def _shouting(run: list[_Token]) -> bool:
    """Two or more all-capital words together (SEE ALSO, BREAKING NEWS) are a shout, not acronyms."""
    plain = [t for t in run if t.acronym and not _DOTTED.fullmatch(t.word)]
    return len(plain) >= 2 and len(plain) == len(run)


class _Names:
    """Whole-word, same-case mentions of a set of names, found by their first word."""

    def __init__(self, names: set[str], rule: str) -> None:
        self.rule = rule
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        self.odd: list[str] = []  # names that do not read as words (digits, symbols): found by pattern
        self.name_words_only = True  # every word capitalised or a particle: the name tokens find them
        for name in names:
            tokens = _tokens(name, _TOKEN)
            words = tuple(t.word for t in tokens)
            self.name_words_only &= all(t.capitalised or t.word in PARTICLES for t in tokens)
            if not words or " ".join(words) != " ".join(name.split()):
                self.odd.append(name)
            else:
                self.by_first.setdefault(words[0], []).append(words)

    def find(self, text: str, tokens: list[_Token]) -> list[tuple[int, int, str]]:
        found = [(m.start(), m.end(), self.rule) for m in self._odd_pattern().finditer(text)] if self.odd else []
        for i, token in enumerate(tokens):
            for words in self.by_first.get(token.word, ()):
                last = i + len(words) - 1
                if last < len(tokens) and _same_words(tokens, i, words, text):
                    found.append((token.start, tokens[last].end, self.rule))
        return found

    def _odd_pattern(self) -> re.Pattern[str]:
        parts = [r"\s+".join(re.escape(w) for w in name.split()) for name in sorted(self.odd, key=len, reverse=True)]
        return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)")


@lru_cache(maxsize=8)
def _known_names(names: tuple[str, ...]) -> _Names:
    """The corpus's known actors, prepared once for every document they are looked for in."""
    return _Names({name.strip() for name in names if name.strip()}, "known-actor")


def _same_words(tokens: list[_Token], first: int, words: tuple[str, ...], text: str) -> bool:
    for k, word in enumerate(words):
        token = tokens[first + k]
        if token.word != word:
            return False
        if k and (tokens[first + k - 1].possessive or text[tokens[first + k - 1].end:token.start].strip()):
            return False
    return True
