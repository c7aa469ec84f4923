"""Deterministic news-like articles and annotation rows for benchmarks/reader.py.

Everything is drawn from random.Random(seed): the same sizes give the same text and spans.
"""
from __future__ import annotations

import re
from random import Random

ACTORS = ["the minister", "Ms Okafor", "Mr Lindqvist", "the ambassador", "a spokesperson for the agency",
          "the mayor", "Dr Haddad", "the union's leader", "officials", "the central bank", "Senator Ruiz",
          "the company", "residents", "the opposition", "analysts at Brightwater"]
ROLES = ["who leads the inquiry", "speaking on Tuesday", "in a statement", "at a press conference",
         "in an interview", "according to a transcript", "after the vote"]
NOUNS = ["budget", "plan", "report", "investigation", "harbour project", "election", "agreement",
         "inflation figure", "rail line", "hospital", "tariff", "ceasefire", "water supply", "strike",
         "council", "border crossing", "energy price", "school programme", "pension reform"]
VERBS = ["rise", "fall", "stall", "expand", "be delayed", "cost more", "collapse", "recover", "double",
         "be reviewed", "resume", "be cancelled"]
ADJECTIVES = ["new", "contested", "long-awaited", "regional", "emergency", "provisional", "revised",
              "unexpected", "controversial", "modest", "sweeping", "temporary"]
PLACES = ["the capital", "the northern province", "Port Ellis", "the coastal towns", "Valmora",
          "the eastern districts", "the river delta", "Kessler County"]
FILLER = ("the of and to in that for on with as by at from it was were has have had this which but not "
          "after before during while week month year since under over about between against").split()


def _number(rng: Random) -> str:
    return rng.choice([
        f"{rng.randint(2, 98)} percent", f"${rng.randint(1, 900)} million", f"{rng.randint(1, 40)},{rng.randint(100, 999)}",
        f"{rng.randint(1990, 2030)}", f"{rng.randint(2, 12)} months", f"{rng.randint(1, 9)}.{rng.randint(0, 9)} billion euros",
    ])


def _sentence(rng: Random) -> str:
    kind = rng.random()
    actor, noun = rng.choice(ACTORS), rng.choice(NOUNS)
    if kind < 0.25:
        quote = f"The {rng.choice(ADJECTIVES)} {noun} will {rng.choice(VERBS)}, and we will not hide that"
        if rng.random() < 0.5:
            quote += f" from the people of {rng.choice(PLACES)}"
        return f"\u201c{quote},\u201d said {actor}, {rng.choice(ROLES)}."
    if kind < 0.5:
        return (f"{actor[0].upper()}{actor[1:]} said the {rng.choice(ADJECTIVES)} {noun} would "
                f"{rng.choice(VERBS)} by {_number(rng)} in {rng.choice(PLACES)}.")
    if kind < 0.65:
        return (f"According to figures released on {rng.choice(['Monday', 'Wednesday', 'Friday'])}, the {noun} "
                f"reached {_number(rng)}, up from {_number(rng)} a year earlier.")
    words = rng.choices(FILLER + NOUNS + ADJECTIVES, k=rng.randint(8, 22))
    body = " ".join(words)
    tail = rng.choice(["", f" \u2018{rng.choice(ADJECTIVES)}\u2019", f", {rng.choice(ROLES)}"])
    return f"{body[0].upper()}{body[1:]}{tail}."


def make_article(chars: int, seed: int = 7) -> str:
    """Paragraphs of 2-6 sentences separated by blank lines, cut at a paragraph end near `chars`."""
    rng = Random(seed)
    paragraphs: list[str] = []
    size = 0
    while size < chars:
        paragraph = " ".join(_sentence(rng) for _ in range(rng.randint(2, 6)))
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    text = "\n\n".join(paragraphs)
    return text[:chars].rstrip()


_WORD = re.compile(r"\w[\w'\u2019-]*")
TAGS = ("quote", "claim", "number", "actor")


def make_spans(text: str, count: int, seed: int = 11) -> list[tuple[int, int, str]]:
    """`count` (start, end, tag) spans on word boundaries, spread evenly over the text.

    About 15% are nested inside the previous span and 10% overlap its end, so rows carry
    several layers, as a well-annotated article does.
    """
    rng = Random(seed)
    spans: list[tuple[int, int, str]] = []
    step = max(1, len(text) // count)
    previous: tuple[int, int] | None = None
    for index in range(count):
        roll = rng.random()
        if previous and roll < 0.15 and previous[1] - previous[0] > 4:
            lo, hi = previous
            start = rng.randint(lo, lo + (hi - lo) // 2)
            end = rng.randint(start + 1, hi)
        elif previous and roll < 0.25:
            lo, hi = previous
            first = _WORD.search(text, rng.randint(lo, max(lo, hi - 1)))
            start = first.start() if first and first.start() < hi else lo
            last = None
            for last in _WORD.finditer(text, hi, min(len(text), hi + 60)):
                if rng.random() < 0.4:
                    break
            end = last.end() if last else min(len(text), hi + 5)
        else:
            origin = min(len(text) - 1, index * step + rng.randint(0, max(0, step // 2)))
            first = _WORD.search(text, origin) or _WORD.search(text, 0)
            start = first.start()
            end = first.end()
            for _ in range(rng.randint(0, 7)):
                more = _WORD.search(text, end)
                if more is None or more.start() - end > 3:
                    break
                end = more.end()
        end = min(max(end, start + 1), len(text))
        if start >= end:
            continue
        spans.append((start, end, rng.choice(TAGS)))
        previous = (start, end)
    return spans
