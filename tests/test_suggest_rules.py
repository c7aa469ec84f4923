"""Suggestion rules on hard cases: quotes, numbers, actors; offsets are code points."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.suggest import TAGS, Suggestion, suggest


def spans(text: str, tag: str, known: tuple[str, ...] = ()) -> list[str]:
    return [text[s.start:s.end] for s in suggest(text, known) if s.tag == tag]


# Quotes

def test_a_straight_quote_is_suggested_with_its_marks():
    text = 'He said "we will go there now" and left.'
    assert spans(text, "quote") == ['"we will go there now"']
    assert all(isinstance(s, Suggestion) and s.rule == "quote-marks" for s in suggest(text) if s.tag == "quote")


@pytest.mark.parametrize("quoted", [
    "“We will not back down,”", "«Nous ne céderons jamais sur ce point»", "»Wir geben niemals auf, sagte sie«",
    "„Wir schaffen das ganz sicher“", "‘We will never give up now’",
])
def test_curly_guillemet_german_and_single_quotes_are_quotes(quoted: str):
    text = f"The minister said {quoted} to reporters."
    assert spans(text, "quote") == [quoted]


def test_nested_quotes_give_the_outer_quote_only():
    text = "She said “he told me ‘never again, not ever’ before he left” and went home."
    assert spans(text, "quote") == ["“he told me ‘never again, not ever’ before he left”"]


def test_apostrophes_are_not_quote_marks():
    text = "Merkel’s aides don’t remember the ’90s, and the Siemens’ office said ‘we are fine with it now’."
    assert spans(text, "quote") == ["‘we are fine with it now’"]


def test_a_quote_running_over_paragraphs_is_one_span_from_its_first_mark_to_its_last():
    text = ("“We will take our own decisions about this network.\n\n"
            "“And we will speak to them openly about the risks,” Pompeo said.\n\nNext paragraph.")
    [quote] = [s for s in suggest(text) if s.tag == "quote"]
    assert text[quote.start:quote.end].startswith("“We will take")
    assert text[quote.start:quote.end].endswith("the risks,”")
    assert quote.rule == "quote-paragraphs"


def test_an_unclosed_quote_that_does_not_continue_is_dropped():
    text = "“We will take our own decisions about this network.\n\nThe minister left."
    assert spans(text, "quote") == []


@pytest.mark.parametrize("text", [
    'Huawei says its kit is "safe" for networks.', 'Only "trusted vendors" may bid.',
    'It called the policy an "Open Door" for migrants.',
])
def test_short_scare_quotes_are_not_quotes(text: str):
    assert spans(text, "quote") == []


def test_a_short_quote_that_reads_as_speech_is_a_quote():
    assert spans('He said: "Never." Then he left.', "quote") == ['"Never."']
    assert spans("“No,” she said.", "quote") == ["“No,”"]


# Numbers

@pytest.mark.parametrize(("text", "expected"), [
    ("It costs €6.5 billion in all.", ["€6.5 billion"]),
    ("A rise of 30 per cent, then 5% and 12 percent.", ["30 per cent", "5%", "12 percent"]),
    ("About two-thirds of twenty-five people and a dozen more.", ["two-thirds", "twenty-five", "a dozen"]),
    ("He paid $5bn and £10 million and 6.5 billion euros.", ["$5bn", "£10 million", "6.5 billion euros"]),
    ("Made 1,000 or 1.000 or 10 000 or 2.5 units.", ["1,000", "1.000", "10 000", "2.5"]),
    ("From 2019-2021, by 10 to 20 percent.", ["2019-2021", "10 to 20 percent"]),
    ("In 2018 three million people came.", ["2018", "three million"]),
])
def test_numbers_are_suggested_with_currency_magnitude_and_percent(text: str, expected: list[str]):
    assert spans(text, "number") == expected


@pytest.mark.parametrize("text", [
    "Its 5G and 4G networks.", "During COVID-19 the G7 met.", "The F-16 and the A380 flew.",
    "Nord Stream 2 ranked No. 1 there.", "Call ID x86_64 or abc123 or 3.5.6 now.", "No one came, one of them said.",
])
def test_digits_inside_names_and_identifiers_are_not_numbers(text: str):
    assert spans(text, "number") == []


def test_a_day_of_a_month_is_a_number_after_its_capitalised_month():
    assert spans("It opens on March 5 in Berlin.", "number") == ["5"]


# Actors

def test_titles_join_the_names_they_precede():
    text = ("Then President Donald Trump met Chancellor Angela Merkel, and Secretary of State Mike Pompeo "
            "spoke with Ambassador Richard Grenell.")
    assert spans(text, "actor") == ["President Donald Trump", "Chancellor Angela Merkel",
                                    "Secretary of State Mike Pompeo", "Ambassador Richard Grenell"]


def test_names_with_particles_and_hyphens_are_one_span():
    text = "They met Ursula von der Leyen and Jean-Claude Juncker in the morning."
    assert spans(text, "actor") == ["Ursula von der Leyen", "Jean-Claude Juncker"]


def test_organisation_acronyms_are_actors_but_not_i_or_a_shouted_headline():
    text = "SEE ALSO: the talks\nI think NATO, the EU and the FBI agreed with the U.S. on it."
    assert spans(text, "actor") == ["NATO", "EU", "FBI", "U.S."]


def test_sentence_initial_common_words_and_demonyms_are_not_actors():
    text = "Meanwhile, the Chinese firm waited. However, Huawei said no. Instead, Germans voted."
    assert spans(text, "actor") == ["Huawei"]


def test_known_actors_are_found_anywhere_as_whole_words_in_the_same_case():
    text = "the ambassador met dick grenell; later the ambassador left. ambassadors met."
    assert spans(text, "actor", ("the ambassador",)) == ["the ambassador", "the ambassador"]
    assert spans("Group of 20 and the G7 met", "actor", ("Group of 20", "G7")) == ["Group of 20", "G7"]


def test_a_name_found_once_is_suggested_in_a_headline_too():
    text = "Pompeo Again Threatens Germany Over Huawei\n\nOn Friday Mike Pompeo warned Germany about Huawei."
    assert spans(text, "actor") == ["Pompeo", "Germany", "Huawei", "Mike Pompeo", "Germany", "Huawei"]


# Offsets, shape and robustness

def test_offsets_are_code_points_after_an_emoji():
    text = "🙂🇩🇪 “We will go there now together,” said Angela Merkel about 30 per cent."
    found = {s.tag: text[s.start:s.end] for s in suggest(text)}
    assert found == {"quote": "“We will go there now together,”", "actor": "Angela Merkel", "number": "30 per cent"}


def test_suggestions_are_sorted_by_start_then_end():
    text = 'In 2018 Huawei said "we will never ever stop" and NATO paid €3 million.'
    found = suggest(text)
    assert [(s.start, s.end) for s in found] == sorted((s.start, s.end) for s in found)
    assert [s.tag for s in found] == ["number", "actor", "quote", "actor", "number"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("aZ5 ,.-'\"“”‘’«»„\n%€$GIUS") + ["per cent", "von", "The ", "two", "Mr."]))
       .map("".join))
def test_any_text_gives_valid_suggestions(text: str):
    for s in suggest(text, ("Z", "a a")):
        assert 0 <= s.start < s.end <= len(text)
        assert s.tag in TAGS


@settings(max_examples=100, deadline=None)
@given(st.text(), st.lists(st.text(max_size=12), max_size=4))
def test_arbitrary_unicode_and_known_actors_raise_nothing(text: str, known: list[str]):
    assert all(0 <= s.start < s.end <= len(text) for s in suggest(text, known))


@pytest.mark.parametrize("unit", ["“a ", '"' * 7, "1 000 ", "1,000,", "Aa ", "A. ", "von ", "‘", "5G ", "«»",
                                  "two-", "$", "\n“x\n"])
def test_long_repetitive_input_finishes(unit: str):
    # Catastrophic backtracking would take minutes here; linear rules take well under a second.
    text = unit * (200_000 // len(unit))
    assert all(0 <= s.start < s.end <= len(text) for s in suggest(text))


def test_only_the_families_asked_for_run():
    text = 'In 2018 Huawei said "we will never ever stop" to NATO.'
    assert {s.tag for s in suggest(text, tags=("number",))} == {"number"}
    assert suggest(text, tags=()) == []


def test_words_shouted_in_capitals_are_not_acronyms_but_initials_that_spell_words_are():
    text = "BREAKING: the WHO and NATO met.\nSEE ALSO: an update. UPDATE: the EU agreed."
    assert spans(text, "actor") == ["WHO", "NATO", "EU"]


def test_a_wrong_opening_mark_before_digits_is_an_apostrophe():
    assert spans("In the ‘90s the Siemens’ office said nothing.", "quote") == []


def test_formations_and_models_are_not_ranges():
    assert spans("They played 4-3-3 in 3-D.", "number") == []


def test_many_long_runs_of_capitals_stay_linear():
    # Each run of capitals is a name candidate looked up at every word: long runs must not make it quadratic.
    text = ("Aa " * 500 + ". ") * 200
    assert all(s.end - s.start < 100 for s in suggest(text) if s.tag == "actor")


def test_an_organisation_before_a_person_gives_two_names_but_a_title_joins_them():
    text = "Then the head of the European Commission Jean-Claude Juncker met German Foreign Minister Heiko Maas."
    assert spans(text, "actor") == ["European Commission", "Jean-Claude Juncker", "German Foreign Minister Heiko Maas"]


def test_a_capital_standing_for_its_government_is_an_actor_at_a_sentence_start():
    assert spans("Athens has struggled to pay. Beijing sees no threat.", "actor") == ["Athens", "Beijing"]


def test_an_ambassador_to_a_country_is_named_apart_from_the_country():
    text = "The letter came from the ambassador to Germany Richard A. Grenell last week."
    assert spans(text, "actor") == ["Germany", "Richard A. Grenell"]


def test_known_actors_may_be_any_iterable_and_blank_names_are_ignored():
    text = "the envoy met the minister"
    names = ["the envoy", "  ", "", "the minister "]
    assert spans(text, "actor", tuple(names)) == ["the envoy", "the minister"]
    assert [text[s.start:s.end] for s in suggest(text, (n for n in names))] == ["the envoy", "the minister"]
