"""Amounts, percentages, multipliers, counts and measurements in English news, as intervals.

"over $1 billion" is the interval (1e9, ∞) in USD; "60–90 percent" is [60, 90] %;
"$1.3 billion" is 1.3e9 give or take the rounding of the last digit written; "nineteen
nations" is a count of 19; "295-foot" is 89.9 m; "5,800 sq km" is 5.8e9 m²; "aged between 11
and 16" is the extent 11 to 16 years; "€2,5 Mio" is 2.5 million euros. Every value keeps its
span in the text, so a person can see the words it came from. Comparing values is then a
question of whether two intervals meet (:meth:`Quantity.overlaps`).

A number touched by a scale word or unit we do not know ("€3 zillion", "40 Mn.") gives no
value at all: no value beats a truncated one.

Why not quantulum3: it finds a number and a unit, but drops the bound ("over", "at least",
"up to"), reads "60–90 percent" as two unrelated values, and loads a classifier; the bound is
what decides whether two sources disagree. Units are converted with pint (see
:mod:`desktop_app.core.units`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from desktop_app.core.numbers import (
    DIGITS,
    FRACTIONS,
    SMALL_NUMBERS,
    TENS,
    VAGUE,
    WORD_NUMBER,
    alternatives,
    implied_rounding,
    parse_number,
)
from desktop_app.core.units import Dimension, factor, lookup, unit_pattern

SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "mln": 1e6,
          "mio": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9, "mrd": 1e9, "trillion": 1e12,
          "tn": 1e12, "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7,
          "million million": 1e12}
CURRENCY_SIGNS = {"us$": "USD", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "s/": "PEN",
                  "s$": "SGD", "a$": "AUD", "c$": "CAD", "₹": "INR", "rs": "INR"}
CURRENCY_WORDS = {
    "usd": "USD", "us dollars": "USD", "u.s. dollars": "USD", "dollars": "USD",
    "dollar": "USD", "eur": "EUR", "euros": "EUR", "euro": "EUR", "gbp": "GBP",
    "pounds": "GBP", "pounds sterling": "GBP", "yuan": "CNY", "rmb": "CNY", "cny": "CNY",
    "yen": "JPY", "jpy": "JPY", "soles": "PEN", "pen": "PEN", "rupees": "INR", "inr": "INR",
    "sgd": "SGD",
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
    "some": "about", "an estimated": "about", "estimated": "about", "approx.": "about",
    "circa": "about", "an approximate": "about",
}
PER = {"year": "year", "annum": "year", "season": "year", "month": "month", "week": "week",
       "day": "day", "hour": "hour"}

_NUM = rf"(?:{DIGITS}|\b{WORD_NUMBER}\b)"
_SCALE = (r"(?:million[\s-]million|thousand|million|billion|trillion|mln|mn|bn|tn|mio|mrd|"
          r"lakhs?|crores?|[kmb](?![a-z]))")
_SIGN = r"(?:US\$|S\$|A\$|C\$|\$|€|£|¥|₹|S/|Rs\.?)"
_CODE_BEFORE = r"(?:USD|EUR|GBP|CNY|RMB|JPY|PEN|SGD|INR)\s?"
_CURRENCY_AFTER = alternatives(CURRENCY_WORDS)
_RANGE = r"\s*(?:–|—|-|to|and)\s*"
_UNIT = unit_pattern()
_PER = r"(?:[\s-]+(?:per|a|an|each|every)[\s-]+(?P<per>year|month|week|day|hour|annum|season)\b)"

QUANTITY = re.compile(
    r"(?:\b|(?=[$€£¥₹]))"  # only where a word or a currency sign starts: fast to reject
    rf"(?:\b(?P<from>from|between)\s+)?"
    rf"(?:\b(?P<bound>{alternatives(BOUNDS)})\s+)?"
    rf"(?P<cur1>{_SIGN}|{_CODE_BEFORE})?(?P<n1>{_NUM})(?:[\s-]?(?P<sc1>{_SCALE})\b)?"
    rf"(?:(?P<sep>{_RANGE})(?P<cur2>{_SIGN}|{_CODE_BEFORE})?(?P<n2>{_NUM})"
    rf"(?:[\s-]?(?P<sc2>{_SCALE})\b)?)?"
    rf"(?:[\s-]*(?P<cur3>\b(?:{_CURRENCY_AFTER})\b))?"
    rf"(?P<pct>\s*%|\s+percent\b|\s+per[\s-]?cent\b|\s+percentage points?\b)?"
    rf"(?P<fold>-fold\b|\s+times\s+(?=(?:more|higher|larger|bigger|greater|as)\b))?"
    rf"(?P<age>[\s-]+years?[\s-]+old\b|[\s-]+years?-old\b)?"
    rf"(?:(?P<usep>\s?-?\s?)(?P<unit>(?:{_UNIT}))(?![\w²]))?"
    rf"{_PER}?",
    re.IGNORECASE,
)
_NUMBER_WORDS = frozenset(
    w for key in (*SMALL_NUMBERS, *TENS, "million", "billion", "trillion") for w in key.split()
) - {"a", "half"}
_ANCHOR = re.compile(rf"\d+|[$€£¥₹]|\b(?:{alternatives(_NUMBER_WORDS)})\b", re.IGNORECASE)
_MAYBE_VAGUE = re.compile(r"(?i:dozens|scores|hundreds|thousands|millions|billions|half|"
                          r"third|quarter)")
_VAGUE = re.compile(rf"\b(?P<w>{alternatives(VAGUE)})\s+of\b", re.IGNORECASE)
_FRACTION = re.compile(rf"\b(?P<w>{alternatives(FRACTIONS)})\s+of\b", re.IGNORECASE)
_AGED = re.compile(r"\b(?:aged|ages?(?:\s+of)?|ranging\s+in\s+age\s+from)\s+$", re.IGNORECASE)
_COUNT_NOUN = re.compile(r"\s+(?:(?:[a-z]+)\s+){0,2}?"
                         r"(?P<noun>[a-z]{3,}s|people|children|men|women|staff|police)\b")
_COMPOUND = re.compile(r"-(?P<noun>[a-z]{3,})\b(?!-)")
#: Words before a bare number that say what it counts ("killed 12", "rose to 79").
_TALLY_BEFORE = re.compile(
    r"\b(?:kill(?:ed|ing)|injur(?:ed|ing)|wound(?:ed|ing)|rescu(?:ed|ing)|arrest(?:ed|ing)|"
    r"evacuat(?:ed|ing)|displac(?:ed|ing)|hospitali[sz](?:ed|ing)|toll|tally|"
    r"(?:rose|risen|climbed|jumped|increased|fell|dropped) to|stood at|stands at)\s+"
    r"(?:(?:at least|more than|about|around|some|nearly|almost|over)\s+)?$", re.IGNORECASE)
_MAGNITUDE_BEFORE = re.compile(r"\bmagnitude(?:\s+of)?[\s-]+(?:(?:about|around|nearly)\s+)?$",
                               re.IGNORECASE)
_MAGNITUDE_AFTER = re.compile(r"[\s-]+magnitude\b", re.IGNORECASE)
_UNKNOWN_SCALE = re.compile(r"(?:[A-Za-z]{1,4}\.?)(?![\w])")
_KNOWN_AFTER = frozenset("""a an the and or of in on at to for by per from with as is was
were are be been its his her their this that which who each every into than over under""".split())


@dataclass(frozen=True, slots=True)
class Quantity:
    """A value as written, and the interval of what it can mean, in its base unit."""

    kind: str  # money, percent, multiplier, count, length, area, mass, duration, age
    low: float  # -inf when unbounded below
    high: float  # inf when unbounded above
    unit: str  # ISO currency code, "%", "x", the counted noun, or the base unit
    bound: str  # exact, over, at least, up to, less than, nearly, about, range
    per: str | None  # "year" for "65 million USD per year"
    start: int
    end: int
    text: str
    slack: float = 0.0  # how far the written figure may be from what it rounds
    extent: bool = False  # a range that gives a group's spread ("aged 11 to 17")
    written_unit: str = ""  # the unit as written, before conversion ("ft")

    def overlaps(self, other: Quantity) -> bool:
        """Whether both values can be true at once (same unit assumed), allowing each the
        rounding its figure implies. Two extents agree only when both ends do."""
        slack = self.slack + other.slack
        if self.extent and other.extent:
            return abs(self.low - other.low) <= slack and abs(self.high - other.high) <= slack
        return self.low <= other.high + slack and other.low <= self.high + slack

    def describe(self) -> str:
        return self.text


def _currency(*tokens: str | None) -> str | None:
    for token in tokens:
        if not token:
            continue
        key = " ".join(token.strip().lower().split())
        if key in CURRENCY_SIGNS:
            return CURRENCY_SIGNS[key]
        if key.rstrip(".") in CURRENCY_SIGNS:
            return CURRENCY_SIGNS[key.rstrip(".")]
        if key in CURRENCY_WORDS:
            return CURRENCY_WORDS[key]
    return None


def _interval(value: float, step: float, bound: str) -> tuple[float, float]:
    if bound in ("over", "at least"):
        return value, math.inf
    if bound in ("up to", "less than"):
        return -math.inf, value
    if bound == "nearly":
        return value * 0.9, value
    if bound == "about":
        return value * 0.9, value * 1.1
    return value - step, value + step


def find_quantities(text: str, skip: list[tuple[int, int]] | None = None) -> list[Quantity]:
    """Every amount, percentage, multiplier, count and measurement in ``text``; ``skip``
    holds spans already read as dates or times, whose numbers are not quantities."""
    taken = list(skip or [])
    found: list[Quantity] = []
    found.extend(_vague(text, taken))
    taken.extend((q.start, q.end) for q in found)
    pos = 0
    anchors = _anchors(text)
    index = 0
    while index < len(anchors):
        anchor = anchors[index]
        if anchor < pos:
            index += 1
            continue
        m = QUANTITY.search(text, max(pos, anchor - 30), min(len(text), anchor + 120))
        if m is None:
            index += 1
            continue
        pos = max(m.end(), pos + 1)
        if any(m.start("n1") < end and start < m.end("n1") for start, end in taken):
            pos = m.end("n1")
            continue
        if m.start("n1") > 0 and (text[m.start("n1") - 1].isalnum()
                                  or text[m.start("n1") - 1] in ".,:/"
                                  and m.start("n1") > 1 and text[m.start("n1") - 2].isdigit()):
            continue  # the tail of a longer token ("A68", "6:50", "29.8")
        quantity, resume = _read(text, m)
        if resume is not None:
            pos = resume
        if quantity is not None:
            found.append(quantity)
    return sorted(found, key=lambda q: q.start)


def _anchors(text: str) -> list[int]:
    """Where a number can start: a digit, a currency sign, or a number word. The big pattern
    is tried only near these places (at most 30 characters before, for "more than"), which
    keeps reading fast on long sentences."""
    return [m.start() for m in _ANCHOR.finditer(text)]


def _vague(text: str, taken: list[tuple[int, int]]) -> list[Quantity]:
    """"tens of thousands of people" as a range of counts, "a third of" as a share."""
    out: list[Quantity] = []
    if _MAYBE_VAGUE.search(text) is None:
        return out
    for m in _VAGUE.finditer(text):
        noun = _COUNT_NOUN.match(text, m.end())
        if noun is None:
            continue
        low, high = VAGUE[m.group("w").lower()]
        end = noun.end()
        out.append(Quantity("count", low, high, noun.group("noun").lower(), "range", None,
                            m.start(), end, text[m.start():end]))
    for m in _FRACTION.finditer(text):
        share = FRACTIONS[m.group("w").lower()]
        out.append(Quantity("percent", share - 1, share + 1, "%", "about", None, m.start(),
                            m.end("w"), m.group("w")))
    return out


def _unknown_scale(text: str, m: re.Match[str]) -> bool:
    """Whether an amount is touched by a word that looks like a scale or unit we do not
    know ("€3 zillion", "£40Mn.") – then the figure as read would be truncated."""
    end = m.end()
    rest = text[end:end + 12]
    if m.group("sc1") or m.group("unit") or m.group("pct") or m.group("cur3"):
        return bool(re.match(r"[A-Za-z]", rest))
    glued = re.match(r"[A-Za-z]+", rest)
    if glued and m.group("cur1"):
        return True
    spaced = re.match(r"[\s-](" + _UNKNOWN_SCALE.pattern + ")", rest)
    if spaced and m.group("cur1"):
        word = spaced.group(1).lower().rstrip(".")
        return word not in _KNOWN_AFTER and (spaced.group(1)[0].isupper() or "." in
                                              spaced.group(1) or word.endswith("illion"))
    if m.group("cur1") and re.match(r"\s+\w*illion\b", rest):
        return True
    return False


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
        per = unit = age = None
    else:
        if _unknown_scale(text, m):
            return None, None
        end = m.end()
        cur = _currency(m.group("cur1"), m.group("cur2"), m.group("cur3"))
        is_pct, is_fold = bool(m.group("pct")), bool(m.group("fold"))
        per = PER.get((m.group("per") or "").lower()) or None
        unit, age = m.group("unit"), m.group("age")
    sc1_word = " ".join((m.group("sc1") or "").lower().replace("-", " ").split())
    sc2_word = " ".join((m.group("sc2") or "").lower().replace("-", " ").split())
    if cur is None and sc1_word in ("k", "m", "b"):
        if sc1_word == "m" and not unit and m.group("sc1") == "m":
            unit, sc1_word = "m", ""
        else:
            return None, resume  # "5 b" is nothing we can read without a currency
    sc1, sc2 = SCALES.get(sc1_word, 1.0), SCALES.get(sc2_word, 1.0)
    if second is not None and not sc1_word and sc2_word:
        sc1 = sc2  # "1-2 billion"
    if unit and len(unit.strip("- ")) == 1 and unit.strip("- ").isupper():
        return None, resume  # "5300M", "12T": a model's name or a scale, not metres
    measured = lookup(unit) if unit and cur is None and not is_pct else None
    if unit and measured is None and cur is None and not is_pct:
        end = m.start("usep") if m.group("usep") is not None else m.start("unit")
    before = text[max(0, m.start() - 30):m.start()]
    aged = bool(age) or (bool(_AGED.search(before)) and cur is None and not is_pct
                         and measured is None)
    kind, unit_name = _kind(m, cur, is_pct, is_fold, text, second is not None, measured,
                            aged)
    if kind is None:
        return None, resume
    conversion = 1.0
    written = ""
    if measured is not None and not aged:
        conversion = factor(measured[0], measured[1])
        written = (m.group("unit") or "").strip("- ")
    if kind == "count" and unit_name:
        end = m.end("n1") + 1 + len(unit_name)
    elif kind == "count":
        noun = _COUNT_NOUN.match(text, end)
        tally = _TALLY_BEFORE.search(text[max(0, m.start() - 40):m.start()])
        if _MAGNITUDE_BEFORE.search(text[max(0, m.start() - 25):m.start()]):
            kind, unit_name = "magnitude", "magnitude"  # "a magnitude 7.8 earthquake"
        elif (after_m := _MAGNITUDE_AFTER.match(text, end)) is not None:
            kind, unit_name, end = "magnitude", "magnitude", after_m.end()  # "7.8 magnitude"
        elif noun is not None:
            unit_name = noun.group("noun").lower()
            end = noun.end()
        elif tally is not None:
            unit_name = ""  # "injured 527", "the toll rose to 79": the verb says what
        else:
            return None, resume
    if kind == "count" and unit_name == "magnitude":
        kind = "magnitude"  # "a 7.8-magnitude quake"
    bound = BOUNDS.get((m.group("bound") or "").lower(), "exact")
    value, step = first[0] * sc1 * conversion, first[1] * sc1 * conversion
    slack = implied_rounding(first[0], first[1]) * sc1 * conversion
    extent = False
    if second is not None:
        top = second[0] * sc2 * conversion
        low, high = min(value, top), max(value, top)
        if bound in ("up to", "less than"):
            low = -math.inf
        elif bound in ("over", "at least"):
            high = math.inf
        bound = "range" if bound == "exact" else bound
        extent = kind == "age"
    else:
        low, high = _interval(value, step, bound)
    if kind not in ("count", "percent", "multiplier", "age"):
        slack = max(slack, 0.01 * abs(value))  # conversions and rounding of measurements
    if kind in ("length", "area", "mass") and not first[1]:
        # a whole measurement is rounded to its last non-zero digit: "6 miles" is 5.5 to 6.5
        slack = max(slack, _half_unit(first[0]) * sc1 * conversion)
    if bound in ("about", "nearly"):
        slack = 0.0  # the width "about" gives already covers the rounding
    start = m.start("bound") if m.group("bound") else (
        m.start("cur1") if m.group("cur1") else m.start("n1"))
    end = len(text[:end].rstrip(" -"))
    return Quantity(kind, low, high, unit_name, bound, per, start, end, text[start:end],
                    slack, extent, written), resume


def _half_unit(value: float) -> float:
    digits = f"{value:.0f}"
    zeros = len(digits) - len(digits.rstrip("0"))
    return float(0.5 * 10 ** zeros)


def _is_year(token: str) -> bool:
    return token.isdigit() and len(token) == 4 and 1800 <= int(token) <= 2100


def _kind(m: re.Match[str], cur: str | None, is_pct: bool, is_fold: bool, text: str,
          ranged: bool, measured: tuple[str, Dimension] | None,
          aged: bool) -> tuple[str | None, str]:
    if cur is not None:
        return "money", cur
    if is_pct:
        return "percent", "%"
    if is_fold:
        return "multiplier", "x"
    n1 = m.group("n1")
    if aged:
        return "age", "years"
    if measured is not None:
        return str(measured[1]), str(measured[1])
    if _is_year(n1) and not m.group("sc1"):
        return None, ""
    after = text[m.end("n1"): m.end("n1") + 1]
    if after == "-" and not ranged:
        compound = _COMPOUND.match(text, m.end("n1"))
        if compound is None:
            return None, ""
        return "count", compound.group("noun").lower()  # "a 24-storey block"
    if m.group("bound") and m.group("bound").lower() == "some" and not n1[0].isdigit():
        return None, ""
    return "count", ""
