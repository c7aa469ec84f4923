"""Generated news corpora for benchmarks/passages.py: many outlets, agency copy, outlets' footers.

Every article is about 3,000 characters of sentences over a Zipf-weighted vocabulary (common
words collide, as in prose). Reuse as a real corpus has it:

* agency copy: about a third of articles are built on a wire story (10-16 sentences) that 2-12
  outlets run, each keeping most of its sentences, in order, now and then with a word changed;
* quotes: about 5% of articles carry a quote from a pool (each reaching about five articles),
  with a varying attribution tail;
* boilerplate: each outlet (about one per 200 articles) ends most of its articles with its own
  footer ("Sign up for ... newsletters"), and a few agency stories end with an agency credit
  line that many outlets carry ("The agency contributed to this report.").

Everything is drawn from random.Random(seed): the same size and seed give the same corpus.
"""
from __future__ import annotations

import itertools
from collections.abc import Iterator
from random import Random
from typing import NamedTuple

ARTICLE_CHARS = 3000
ARTICLES_PER_OUTLET = 200
AGENCY_SHARE = 0.33  # share of articles built on a wire story
OUTLETS_PER_STORY = (2, 12)
QUOTE_SHARE = 0.05
ARTICLES_PER_QUOTE = 5
FOOTER_SHARE = 0.7  # share of an outlet's articles that end with its footer
CREDIT_SHARE = 0.1  # share of wire-based articles that end with the agency's credit line
TAILS = ["said {name}", "{name} told reporters", "a spokesperson for {name} said",
         "according to {name}", "{name} said in a statement on {day}"]
NAMES = ["Smith", "the minister", "Ms Okafor", "the ambassador", "Mr Lindqvist", "the agency"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
FOOTERS = ["Sign up for {o} {w} newsletters", "Media playback of {o} {w} is unsupported",
           "Follow {o} {w} for the latest updates", "Copyright {o} {w} all rights reserved"]
CREDITS = ["The Associated Press contributed to this report.",
           "Reuters and the Associated Press contributed reporting to this article."]


class Article(NamedTuple):
    id: str
    source: str
    text: str


def make_vocabulary(rng: Random, size: int = 6000) -> tuple[list[str], list[float]]:
    """Pronounceable pseudo-words and cumulative Zipf weights (rank r drawn with weight 1/r)."""
    syllables = [c + v for c in "bcdfghklmnprstvwz" for v in "aeiou"]
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(syllables) for _ in range(rng.choice((1, 2, 2, 3, 3, 4)))))
    ranked = sorted(words)
    rng.shuffle(ranked)
    return ranked, list(itertools.accumulate(1 / r for r in range(1, size + 1)))


def make_sentence(rng: Random, words: list[str], cum: list[float], lo: int = 8, hi: int = 28) -> str:
    body = " ".join(rng.choices(words, cum_weights=cum, k=rng.randint(lo, hi)))
    return body[0].upper() + body[1:] + rng.choice(".....?!")


def _edited(rng: Random, sentence: str, words: list[str]) -> str:
    """A wire sentence as an outlet may run it: now and then one word changed."""
    if rng.random() >= 0.15:
        return sentence
    parts = sentence.split(" ")
    parts[rng.randrange(1, len(parts))] = rng.choice(words[:200])
    return " ".join(parts)


def generate(n: int, seed: int = 3) -> Iterator[Article]:
    """n articles in import order (ids news-00000...), each with its outlet as source."""
    rng = Random(seed)
    words, cum = make_vocabulary(rng)
    outlets = [f"outlet-{i:03d}" for i in range(max(2, round(n / ARTICLES_PER_OUTLET)))]
    # A footer of the outlet's own words: templates that differ only in the outlet's name would
    # read as one near-verbatim passage across every outlet.
    footers = {o: rng.choice(FOOTERS).format(o=o.replace("-", " ").title(),
                                              w=make_sentence(rng, words, cum, 8, 12).rstrip(".?!").lower())
               + "." for o in outlets}
    quotes = [make_sentence(rng, words, cum, 14, 30).rstrip(".?!")
              for _ in range(max(2, round(n * QUOTE_SHARE / ARTICLES_PER_QUOTE)))]
    story_runs: list[list[str]] = []  # the wire story the next wire-based articles run
    for i in range(n):
        outlet = rng.choice(outlets)
        sentences: list[str] = []
        wire = rng.random() < AGENCY_SHARE
        if wire:
            if not story_runs or rng.random() < 1 / (sum(OUTLETS_PER_STORY) / 2):
                story = [make_sentence(rng, words, cum) for _ in range(rng.randint(10, 16))]
                story_runs.append(story)
                if len(story_runs) > 50:
                    story_runs.pop(0)
            story = rng.choice(story_runs[-20:])
            sentences = [_edited(rng, s, words) for s in story if rng.random() < 0.85]
        size = sum(len(s) + 1 for s in sentences)
        while size < ARTICLE_CHARS:
            s = make_sentence(rng, words, cum)
            sentences.append(s)
            size += len(s) + 1
        if rng.random() < QUOTE_SHARE:
            tail = rng.choice(TAILS).format(name=rng.choice(NAMES), day=rng.choice(DAYS))
            open_q, close_q = rng.choice((("\u201c", "\u201d"), ('"', '"')))
            sentences.insert(rng.randrange(len(sentences)), f"{open_q}{rng.choice(quotes)},{close_q} {tail}.")
        if wire and rng.random() < CREDIT_SHARE:
            sentences.append(rng.choice(CREDITS))
        if rng.random() < FOOTER_SHARE:
            sentences.append(footers[outlet])
        paragraphs, at = [], 0
        while at < len(sentences):
            step = rng.randint(2, 5)
            paragraphs.append(" ".join(sentences[at:at + step]))
            at += step
        yield Article(f"news-{i:05d}", outlet, "\n\n".join(paragraphs))
