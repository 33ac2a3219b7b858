"""Amounts, percentages, multipliers and counts in English text, normalised to intervals.

"over $1 billion" is the interval (1e9, ∞) in USD; "60–90 percent" is [60, 90] %;
"$1.3 billion" is 1.3e9 give or take the rounding of the last digit written; "nineteen
nations" is a count of 19. Every value keeps its span in the text, so a person can see the
words it came from. Comparing values is then a question of whether two intervals meet.

Why not quantulum3: it finds a number and a unit, but drops the bound ("over", "at least",
"up to"), reads "60–90 percent" as two unrelated values, loads a classifier at import and
needs a pickled model; the bound is what decides whether two sources disagree. Our patterns
are the few forms news copy uses, and they are fast enough for 100,000 claims.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

SMALL_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a dozen": 12, "dozen": 12,
    "a hundred": 100,
}
SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "mln": 1e6,
          "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12}
CURRENCY_SIGNS = {"us$": "USD", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "s/": "PEN"}
CURRENCY_WORDS = {
    "usd": "USD", "us dollars": "USD", "u.s. dollars": "USD", "dollars": "USD",
    "dollar": "USD", "eur": "EUR", "euros": "EUR", "euro": "EUR", "gbp": "GBP",
    "pounds": "GBP", "yuan": "CNY", "rmb": "CNY", "cny": "CNY", "yen": "JPY", "jpy": "JPY",
    "soles": "PEN", "pen": "PEN",
}
BOUNDS = {
    "over": "over", "more than": "over", "above": "over", "exceeding": "over",
    "in excess of": "over", "upwards of": "over", "greater than": "over",
    "at least": "at least", "no less than": "at least", "a minimum of": "at least",
    "up to": "up to", "as much as": "up to", "as many as": "up to", "no more than": "up to",
    "at most": "up to", "a maximum of": "up to",
    "less than": "less than", "fewer than": "less than", "under": "less than",
    "below": "less than", "just under": "nearly",
    "nearly": "nearly", "almost": "nearly", "close to": "nearly",
    "about": "about", "around": "about", "roughly": "about", "approximately": "about",
    "some": "about", "an estimated": "about", "estimated": "about",
}


def _alternatives(words) -> str:  # type: ignore[no-untyped-def]
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_WORD_NUMBER = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s]"
                r"(?:one|two|three|four|five|six|seven|eight|nine))?|"
                + _alternatives(k for k in SMALL_NUMBERS if not k.startswith(
                    ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
                     "ninety"))) + ")")
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_NUM = rf"(?:{_DIGITS}|\b{_WORD_NUMBER}\b)"
_SCALE = r"(?:thousand|million|billion|trillion|mln|mn|bn|tn|[kmb](?![a-z]))"
_SIGN = r"(?:US\$|\$|€|£|¥|S/)"
_CODE_BEFORE = r"(?:USD|EUR|GBP|CNY|RMB|JPY|PEN)\s?"
_CURRENCY_AFTER = _alternatives(CURRENCY_WORDS)
_RANGE = r"\s*(?:–|—|-|to|and)\s*"

QUANTITY = re.compile(
    rf"(?:\b(?P<from>from|between)\s+)?"
    rf"(?:\b(?P<bound>{_alternatives(BOUNDS)})\s+)?"
    rf"(?P<cur1>{_SIGN}|{_CODE_BEFORE})?(?P<n1>{_NUM})(?:\s?(?P<sc1>{_SCALE})\b)?"
    rf"(?:(?P<sep>{_RANGE})(?P<cur2>{_SIGN}|{_CODE_BEFORE})?(?P<n2>{_NUM})"
    rf"(?:\s?(?P<sc2>{_SCALE})\b)?)?"
    rf"(?:\s*(?P<cur3>\b(?:{_CURRENCY_AFTER})\b))?"
    rf"(?P<pct>\s*%|\s+percent\b|\s+per\s?cent\b|\s+percentage points?\b)?"
    rf"(?P<fold>-fold\b|\s+times\s+(?=(?:more|higher|larger|bigger|greater|as)\b))?"
    rf"(?:\s+(?:per|a|each)\s+(?P<per>year|month|week|day|annum)\b)?",
    re.IGNORECASE,
)
_COUNT_NOUN = re.compile(r"\s+(?:(?:[a-z]+)\s+){0,2}?"
                         r"(?P<noun>[a-z]{3,}s|people|children|men|women|staff|police)\b")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A value as written, and the interval of what it can mean."""

    kind: str  # money, percent, multiplier, count
    low: float  # -inf when unbounded below
    high: float  # inf when unbounded above
    unit: str  # ISO currency code, "%", "x", or the counted noun ("nations")
    bound: str  # exact, over, at least, up to, less than, nearly, about, range
    per: str | None  # "year" for "65 million USD per year"
    start: int
    end: int
    text: str

    def overlaps(self, other: Quantity) -> bool:
        """Whether both values can be true at once (same unit assumed)."""
        return self.low <= other.high and other.low <= self.high

    def describe(self) -> str:
        return self.text


def parse_number(token: str) -> tuple[float, float] | None:
    """The value of a number as written and half the step of its last digit."""
    token = token.strip().lower()
    if token in SMALL_NUMBERS:
        return float(SMALL_NUMBERS[token]), 0.0
    parts = re.split(r"[-\s]", token)
    if len(parts) == 2 and parts[0] in SMALL_NUMBERS and parts[1] in SMALL_NUMBERS:
        return float(SMALL_NUMBERS[parts[0]] + SMALL_NUMBERS[parts[1]]), 0.0
    plain = token.replace(",", "")
    try:
        value = float(plain)
    except ValueError:
        return None
    decimals = len(plain.split(".")[1]) if "." in plain else 0
    return value, 0.5 * 10 ** -decimals if decimals else 0.0


def _currency(*tokens: str | None) -> str | None:
    for token in tokens:
        if not token:
            continue
        key = token.strip().lower()
        if key in CURRENCY_SIGNS:
            return CURRENCY_SIGNS[key]
        if key in CURRENCY_WORDS:
            return CURRENCY_WORDS[key]
    return None


def _interval(value: float, step: float, bound: str) -> tuple[float, float]:
    if bound == "over":
        return value, math.inf
    if bound == "at least":
        return value, math.inf
    if bound == "up to":
        return -math.inf, value
    if bound == "less than":
        return -math.inf, value
    if bound == "nearly":
        return value * 0.9, value
    if bound == "about":
        return value * 0.9, value * 1.1
    return value - step, value + step


def find_quantities(text: str, skip: list[tuple[int, int]] | None = None) -> list[Quantity]:
    """Every amount, percentage, multiplier and count in ``text``; ``skip`` holds spans
    already read as dates, whose numbers are not quantities."""
    taken = list(skip or [])
    found: list[Quantity] = []
    pos = 0
    while (m := QUANTITY.search(text, pos)) is not None:
        pos = max(m.end(), pos + 1)
        if any(m.start("n1") < end and start < m.end("n1") for start, end in taken):
            pos = m.end("n1")
            continue
        quantity, resume = _read(text, m)
        if resume is not None:
            pos = resume
        if quantity is not None:
            found.append(quantity)
    return found


def _read(text: str, m: re.Match[str]) -> tuple[Quantity | None, int | None]:
    """The quantity of one match, and where to search next when only its first value was
    used ("from $12 billion to $315 billion" is a change between two values, not a range)."""
    first = parse_number(m.group("n1"))
    if first is None:
        return None, None
    sep = (m.group("sep") or "").strip().lower()
    second = parse_number(m.group("n2")) if m.group("n2") else None
    if second is not None and (m.group("from") == "from" and sep not in ("-", "–", "—")
                               or sep == "and" and m.group("from") != "between"
                               or _is_year(m.group("n1")) and _is_year(m.group("n2"))):
        second = None
    resume = None
    if m.group("n2") and second is None:
        end = m.end("sc1") if m.group("sc1") else m.end("n1")
        resume = end
        cur = _currency(m.group("cur1"))
        is_pct = is_fold = False
        per = None
    else:
        end = m.end()
        cur = _currency(m.group("cur1"), m.group("cur2"), m.group("cur3"))
        is_pct, is_fold = bool(m.group("pct")), bool(m.group("fold"))
        per = (m.group("per") or "").lower() or None
    sc1_word, sc2_word = (m.group("sc1") or "").lower(), (m.group("sc2") or "").lower()
    if cur is None and sc1_word in ("k", "m", "b"):
        return None, resume  # "5 m" is five metres, not five million, without a currency
    sc1, sc2 = SCALES.get(sc1_word, 1.0), SCALES.get(sc2_word, 1.0)
    if second is not None and not sc1_word and sc2_word:
        sc1 = sc2  # "1-2 billion"
    kind, unit = _kind(m, cur, is_pct, is_fold, text, second is not None)
    if kind is None:
        return None, resume
    if kind == "count":
        noun = _COUNT_NOUN.match(text, end)
        if noun is None:
            return None, resume
        unit = noun.group("noun").lower()
        end = noun.end()
    bound = BOUNDS.get((m.group("bound") or "").lower(), "exact")
    value, step = first[0] * sc1, first[1] * sc1
    if second is not None:
        top = second[0] * sc2
        low, high = min(value, top), max(value, top)
        if bound == "up to" or bound == "less than":
            low = -math.inf
        elif bound in ("over", "at least"):
            high = math.inf
        bound = "range" if bound == "exact" else bound
    else:
        low, high = _interval(value, step, bound)
    start = m.start("bound") if m.group("bound") else (
        m.start("cur1") if m.group("cur1") else m.start("n1"))
    end = len(text[:end].rstrip())
    return Quantity(kind, low, high, unit, bound, per, start, end, text[start:end]), resume


def _is_year(token: str) -> bool:
    return token.isdigit() and len(token) == 4 and 1800 <= int(token) <= 2100


def _kind(m: re.Match[str], cur: str | None, is_pct: bool, is_fold: bool, text: str,
          ranged: bool) -> tuple[str | None, str]:
    if cur is not None:
        return "money", cur
    if is_pct:
        return "percent", "%"
    if is_fold:
        return "multiplier", "x"
    n1 = m.group("n1")
    if _is_year(n1) and not m.group("sc1"):
        return None, ""
    after = text[m.end("n1"): m.end("n1") + 1]
    if after == "-" and not ranged:
        return None, ""  # "10-year roadmap": a compound adjective, not a count
    if m.group("bound") and m.group("bound").lower() == "some" and not n1[0].isdigit():
        return None, ""
    return "count", ""
