"""A small corpus whose two articles share a passage straddling the cut between two windows.

Each of the two wire stories has one overlong sentence (a run-on list of measures, more than
MAX_SENTENCE characters without a full stop), so it is split into two sentence units; the
shared passage sits across the cut, and each unit sees it whole through its margin. So units
0 and 1 of the pair both match, with the same span: the case that listed one cluster twice.
A third article shares an ordinary one-sentence quote with the first, so the passages view has
more than one row.
"""
from __future__ import annotations

SHARED = ("the ambassador warned that any government letting the Chinese company into its "
          "fifth generation network would find intelligence sharing curtailed")
QUOTE = ("“We will not let anybody else decide who builds the backbone of our networks,” "
         "the minister told reporters in Berlin.")

WIRE = (
    "US envoy steps up pressure on Berlin over Huawei\n\n"
    "The measures discussed in Berlin on Monday include stricter security checks for every "
    "supplier of network equipment, a review of contracts already signed with operators, an audit "
    "of the software updates pushed to base stations, and a promise by the chancellery to "
    "consult its allies before any decision, while "
    + SHARED +
    ", according to two officials familiar with the exchange who asked not to be named because "
    "the talks were confidential; operators said they had not been told of any change to the "
    "rules.\n\n"
    + QUOTE + " Deutsche Telekom declined to comment.\n"
)

DAILY = (
    "Washington threatens to curb intelligence ties over 5G\n\n"
    "Officials in the capital spent the weekend weighing a package that would oblige operators "
    "to certify the origin of their antennas, to open their source code to inspectors, to keep "
    "spare parts from at least two vendors, and to accept "
    "spot checks by the federal office for information security at any of their sites, even as "
    + SHARED +
    ", a warning that reached the ministry on Friday and that the government has not answered "
    "in public; a spokeswoman said only that the cabinet would decide in the spring.\n\n"
    "Shares in the country's largest operators fell slightly in early trading.\n"
)

BRIEFING = (
    "Minister defends open tender for network equipment\n\n"
    "Germany's economy minister said on Tuesday that the country would set its own rules. "
    + QUOTE + " Industry groups welcomed the statement.\n"
)

TEXTS = {"wire": WIRE, "daily": DAILY, "briefing": BRIEFING}
TITLES = {doc_id: text.split("\n", 1)[0] for doc_id, text in TEXTS.items()}


def import_into(store) -> None:
    """Add the three articles to a store, in the order above."""
    from corpus.document import Document

    for doc_id, text in TEXTS.items():
        store.add_document(Document(id=doc_id, title=TITLES[doc_id], text=text, source="test"))
