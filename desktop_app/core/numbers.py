"""Numbers as news copy writes them: digits in English or European grouping, and words.

"1,234.5", "1.234,5", "2 500" and "2,5" (a decimal comma: a comma followed by one or two
digits cannot group thousands) are read with the step of their last written digit, so a
reader knows how precise they are. Number words ("forty", "fifty-eight", "a dozen", "two
dozen", "a trillion", "a million million", "tens of thousands") are a small closed set in
news copy; they are read here rather than with text2num, whose ``alpha2digit`` rewrites the
sentence and loses the offsets every value must keep, and which does not know ranges such as
"tens of thousands" or common misspellings such as "fourty".
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

SMALL_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a dozen": 12,
    "dozen": 12, "a hundred": 100, "two dozen": 24, "three dozen": 36, "half a dozen": 6,
    "a thousand": 1000, "a million": 1e6, "a billion": 1e9, "a trillion": 1e12,
    "a million million": 1e12, "million": 1e6, "billion": 1e9, "trillion": 1e12,
}
TENS = ("twenty", "thirty", "forty", "fourty", "fifty", "sixty", "seventy", "eighty", "ninety")
#: "a third of" and the like: shares, as percentages.
FRACTIONS = {"a half": 50.0, "half": 50.0, "a third": 100 / 3, "one third": 100 / 3,
             "two thirds": 200 / 3, "two-thirds": 200 / 3, "a quarter": 25.0,
             "one quarter": 25.0, "three quarters": 75.0, "three-quarters": 75.0}
#: "tens of thousands" and the like: the interval a reader gives them.
VAGUE = {"dozens": (24.0, 99.0), "scores": (40.0, 99.0), "hundreds": (200.0, 999.0),
         "thousands": (2e3, 9999.0), "tens of thousands": (2e4, 99999.0),
         "hundreds of thousands": (2e5, 999999.0), "millions": (2e6, 9.99e6),
         "tens of millions": (2e7, 9.99e7), "hundreds of millions": (2e8, 9.99e8),
         "billions": (2e9, 9.99e9)}


def alternatives(words: Iterable[str]) -> str:
    """A regular-expression alternative of ``words``, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


WORD_NUMBER = (rf"(?:(?:{'|'.join(TENS)})(?:[-\s](?:one|two|three|four|five|six|seven|eight|"
               r"nine))?|" + alternatives(k for k in SMALL_NUMBERS if not k.startswith(TENS))
               + ")")
#: Digits: English grouping, European grouping with a decimal comma, spaces grouping
#: thousands, a decimal comma alone, plain digits.
DIGITS = (r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![,.]?\d)"
          r"|\d{1,3}(?:\.\d{3})+,\d+(?!\d)"
          r"|\d{1,3}(?:\.\d{3}){2,}(?![,.]?\d)"
          r"|\d{1,3}(?:[\u00a0\u202f ]\d{3})+(?![\d,.])"
          r"|\d+,\d{1,2}(?![\d])"
          r"|\d+(?:\.\d+)?|\.\d+")


def parse_number(token: str) -> tuple[float, float] | None:
    """The value of a number as written and half the step of its last written decimal.

    "2,5" is 2.5 (a comma before one or two digits is a decimal comma), "1.234,5" is
    1234.5, "1,234" is 1234, "2 500" is 2500. None when the token is not a number."""
    token = " ".join(token.strip().lower().split())
    if token in SMALL_NUMBERS:
        return float(SMALL_NUMBERS[token]), 0.0
    parts = re.split(r"[-\s]", token)
    if len(parts) == 2 and parts[0] in TENS and parts[1] in SMALL_NUMBERS:
        return float(SMALL_NUMBERS[parts[0]] + SMALL_NUMBERS[parts[1]]), 0.0
    plain = token.replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+,\d+", plain):
        plain = plain.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(?:\.\d{3}){2,}", plain):
        plain = plain.replace(".", "")
    elif re.fullmatch(r"\d+,\d{1,2}", plain):
        plain = plain.replace(",", ".")
    else:
        plain = plain.replace(",", "")
    try:
        value = float(plain)
    except ValueError:
        return None
    decimals = len(plain.split(".")[1]) if "." in plain else 0
    return value, 0.5 * 10 ** -decimals if decimals else 0.0


def implied_rounding(value: float, step: float) -> float:
    """How far a round figure may be from the truth it rounds: "£200m" may be £198m.

    A whole number with trailing zeros is taken as rounded to its last non-zero digit, but
    never by more than 2.5% of itself (so "200 firefighters" and "250" still differ);
    a number written with decimals keeps its own step."""
    if step or value < 100 or not math.isfinite(value):
        return step
    digits = f"{value:.0f}"
    zeros = len(digits) - len(digits.rstrip("0"))
    if zeros == 0:
        return 0.0
    return float(min(0.5 * 10 ** zeros, 0.025 * value))
