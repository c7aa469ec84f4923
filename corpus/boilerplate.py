"""Which shared passages are boilerplate: one outlet's footer or sign-up line, not reporting.

The rule: a passage is boilerplate when at least BOILERPLATE_MIN_DOCUMENTS of the documents
carrying it come from one source (outlet) and they are at least BOILERPLATE_SOURCE_SHARE of all
the documents carrying it. "Sign up for Daily Newsletters" in 252 articles of one outlet is; a
quote carried by 30 articles of 10 outlets is not, however far it reaches.

A document without a source (none given, or only whitespace) counts as "unknown": it counts
among the documents carrying the passage, but never towards any source, so documents without
sources never make a passage boilerplate on their own. Sources compare with case and
surrounding whitespace ignored ("BBC News" == "bbc news ").

Separate from corpus.align_index's shingle limit, which keeps a run of words found in more than
half of a large corpus from linking sentences at all: that one is about cost, this one is a label.
"""
from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable, Mapping

from corpus.align import Cluster

BOILERPLATE_MIN_DOCUMENTS = 10  # documents of one source that carry the passage, at least
BOILERPLATE_SOURCE_SHARE = 0.8  # that source's share of the documents carrying it, at least


def source_key(source: str | None) -> str | None:
    """The source as compared: casefolded and stripped; None when there is none."""
    if source is None:
        return None
    key = source.strip().casefold()
    return key or None


def is_boilerplate(document_ids: Iterable[str], source_of: Mapping[str, str | None]) -> bool:
    """Whether a passage carried by these documents is boilerplate (see the module's rule)."""
    documents = set(document_ids)
    counts = Counter(key for key in (source_key(source_of.get(d)) for d in documents) if key is not None)
    if not counts:
        return False
    top = counts.most_common(1)[0][1]
    return top >= BOILERPLATE_MIN_DOCUMENTS and top >= BOILERPLATE_SOURCE_SHARE * len(documents)


def mark_boilerplate(clusters: Iterable[Cluster], source_of: Mapping[str, str | None]) -> list[Cluster]:
    """The clusters in the same order, each with `boilerplate` set by the rule."""
    marked = []
    for cluster in clusters:
        flag = is_boilerplate((m.document_id for m in cluster.members), source_of)
        marked.append(cluster if cluster.boilerplate == flag else dataclasses.replace(cluster, boilerplate=flag))
    return marked


__all__ = ["BOILERPLATE_MIN_DOCUMENTS", "BOILERPLATE_SOURCE_SHARE", "is_boilerplate", "mark_boilerplate",
           "source_key"]
