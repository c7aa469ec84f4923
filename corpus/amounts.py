"""Regular-expression pieces for amounts as written: digit groups, currencies, magnitudes, number words.

Every piece is a plain string to embed in a larger pattern (non-capturing, no nested unbounded
repetition, so the patterns built from them stay linear on any input).
"""
from __future__ import annotations

_SPACE = "[ \u00a0\u202f\u2009]"  # a space, no-break space, narrow no-break space or thin space

# 1,000,000.5 | 1.000.000,5 | 10 000 | 2018 | 6.5 — the grouped forms first, so they win over \d+.
DIGITS = (r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?"
          r"|\d{1,3}(?:\.\d{3})+(?:,\d+)?"
          rf"|\d{{1,3}}(?:{_SPACE}\d{{3}})+(?:[.,]\d+)?"
          r"|\d+(?:[.,]\d+)?)")
# Dates and clock times written with digits: 2019-03-15, 15/03/2019, 10:30.
DATE = r"(?:\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{1,2}:\d{2})"
# Decades: the 1990s, the ’90s.
DECADE = r"(?:\d{3}0s|['’]\d0s)"

CURRENCY_SIGN = r"(?:US\$|A\$|C\$|HK\$|NZ\$|R\$|[$€£¥₹₽₩₺₴])"
CURRENCY_CODE = r"(?:USD|EUR|GBP|JPY|CHF|CNY|RMB|INR|RUB|CAD|AUD)"
CURRENCY_WORD = (r"(?:euros?|dollars?|pounds?(?: sterling)?|yuan|renminbi|yen|francs?|roubles?|rubles?"
                 r"|rupees?|pesos?|cents?|pence|kronor|kroner|krona|zloty|lira|won)")
# Magnitudes glued to digits ($5bn, 10m, 3k) and written as words after a space (6.5 billion).
MAGNITUDE_GLUED = r"(?:bn|mn|m|k|tn|trn)"
MAGNITUDE_WORD = r"(?:thousand|million|billion|trillion|bn|mn|tn|trn|lakh|crore)"
# Units glued to digits that make the digits a quantity (10km, 5kg), not a name (5G, 4K, G7).
UNIT_GLUED = r"(?:km|kg|mg|cm|mm|ml|mph|kmh|kph|ha|GW|MW|kW|kWh|GB|MB|TB|Mbps|Gbps)"
PERCENT = rf"(?:{_SPACE}?%|{_SPACE}?‰|\s(?i:per\s?cent|percent|percentage points?)\b)"
# A lowercase hyphenated unit: 10-year, five-day, 30-strong.
HYPHEN_UNIT = r"(?:-(?:year|month|week|day|hour|minute|second|mile|metre|meter|kilometre|kilometer|"\
              r"point|member|strong|fold|page|man|person|seat|nation|country|state|storey|story)s?(?:-old)?)"

UNITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
         "nineteen")
TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
SCALES = ("hundred", "thousand", "million", "billion", "trillion", "dozen")
FRACTIONS = ("half", "halves", "third", "thirds", "quarter", "quarters", "fifth", "fifths",
             "tenth", "tenths")
# Plural vague quantities that stand on their own: dozens of, hundreds of, thousands.
VAGUE = ("dozens", "hundreds", "thousands", "millions", "billions", "trillions")


def _words(words: tuple[str, ...]) -> str:
    return "(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")"


# One number word: twenty-five counts as one word (TENS-UNITS), as do the scales.
NUMBER_WORD = rf"(?:{_words(TENS)}(?:-{_words(UNITS[1:10])})?|{_words(UNITS)}|{_words(SCALES)})"
# A spelled-out number: three, twenty-five, two hundred and fifty, three million, two-thirds, a dozen.
# Case-insensitive, for sentence-initial words (Twenty-five people).
SPELLED = (rf"(?i:(?:\ban?\s(?={_words(SCALES)}\b))?\b{NUMBER_WORD}"
           rf"(?:(?:\sand\s|[\s-]){NUMBER_WORD}){{0,6}}"
           rf"(?:(?:-|\s)(?:and\s)?(?:an?\s)?{_words(FRACTIONS)})?\b)")
VAGUE_WORD = rf"(?i:\b{_words(VAGUE)}\b)"
