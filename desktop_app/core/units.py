"""Units of measurement as news copy writes them, and their conversion to one base unit.

"295-foot", "315ft", "5,800 sq km", "2,239 square miles", "a trillion tonnes", "1.12 trillion
U.S. tons", "17 days": each unit written is mapped to a pint unit name; pint (a well-kept
library of physical units, https://pint.readthedocs.io) gives its factor to the base unit of
its dimension (metre, square metre, kilogram, day). pint is imported on first use and every
factor is cached, so reading 100,000 claims costs a dictionary look-up per unit, not a parse.

Why a table of surface forms before pint: pint parses unit expressions ("km**2"), not the
prose of newspapers ("sq km", "square-miles", "U.S. tons"), and an unknown word must give no
value rather than a guess.
"""

from __future__ import annotations

import functools
import re
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pint


class Dimension(StrEnum):
    """What a value measures, in the sense of physics: values of different dimensions are
    never compared."""

    LENGTH = "length"
    AREA = "area"
    MASS = "mass"
    DURATION = "duration"
    AGE = "age"


#: Surface form (lower case, spaces single) -> (pint unit, dimension).
UNITS: dict[str, tuple[str, Dimension]] = {}


def _add(pint_name: str, dimension: Dimension, *forms: str) -> None:
    for form in forms:
        UNITS[form] = (pint_name, dimension)


_add("meter", Dimension.LENGTH, "m", "metre", "metres", "meter", "meters", "-metre",
     "-meter")
_add("kilometer", Dimension.LENGTH, "km", "kms", "kilometre", "kilometres", "kilometer",
     "kilometers")
_add("centimeter", Dimension.LENGTH, "cm", "centimetre", "centimetres", "centimeter",
     "centimeters")
_add("foot", Dimension.LENGTH, "ft", "foot", "feet")
_add("inch", Dimension.LENGTH, "inch", "inches")
_add("mile", Dimension.LENGTH, "mile", "miles", "mi")
_add("yard", Dimension.LENGTH, "yard", "yards", "yd")
_add("kilometer**2", Dimension.AREA, "sq km", "km2", "km²", "square kilometres",
     "square kilometers", "square kilometre", "square kilometer", "square km")
_add("mile**2", Dimension.AREA, "sq miles", "sq mile", "sq mi", "square miles", "square mile")
_add("meter**2", Dimension.AREA, "sq m", "m2", "m²", "square metres", "square meters",
     "square metre", "square meter")
_add("foot**2", Dimension.AREA, "sq ft", "square feet", "square foot")
_add("hectare", Dimension.AREA, "hectare", "hectares", "ha")
_add("acre", Dimension.AREA, "acre", "acres")
_add("metric_ton", Dimension.MASS, "tonne", "tonnes", "metric tons", "metric ton", "t",
     "tons", "ton")
_add("short_ton", Dimension.MASS, "u.s. tons", "us tons", "short tons", "u.s. ton",
     "short ton")
_add("long_ton", Dimension.MASS, "long tons", "long ton", "imperial tons")
_add("kilogram", Dimension.MASS, "kg", "kilos", "kilogram", "kilograms", "kilogrammes")
_add("gram", Dimension.MASS, "g", "gram", "grams")
_add("pound", Dimension.MASS, "lb", "lbs")
_add("minute", Dimension.DURATION, "minute", "minutes", "min", "mins")
_add("hour", Dimension.DURATION, "hour", "hours", "hrs", "hr")
_add("day", Dimension.DURATION, "day", "days")
_add("week", Dimension.DURATION, "week", "weeks")
_add("month", Dimension.DURATION, "month", "months")
_add("year", Dimension.DURATION, "year", "years")

#: The base unit each dimension is compared in.
BASE = {Dimension.LENGTH: "meter", Dimension.AREA: "meter**2", Dimension.MASS: "kilogram",
        Dimension.DURATION: "day", Dimension.AGE: "year"}


def unit_pattern() -> str:
    """A regular-expression alternative of every surface form, longest first, written so
    that spaces and hyphens inside a form match either ("square-miles")."""
    forms = sorted(UNITS, key=len, reverse=True)
    out = []
    for form in forms:
        escaped = re.escape(form.lstrip("-")).replace(r"\ ", r"[\s-]")
        out.append(escaped)
    return "|".join(out)


def lookup(surface: str) -> tuple[str, Dimension] | None:
    """The pint unit and dimension of a unit as written, or None for a word we do not know."""
    key = re.sub(r"[\s-]+", " ", surface.strip().lower())
    return UNITS.get(key)


@functools.lru_cache(maxsize=256)
def factor(pint_name: str, dimension: Dimension) -> float:
    """How many base units of ``dimension`` one ``pint_name`` is (1 foot = 0.3048 metre).

    pint is loaded here, the first time a unit is converted. Raises pint's
    ``UndefinedUnitError`` for a name not in its registry (a bug in :data:`UNITS`)."""
    if dimension is Dimension.AGE:
        return 1.0
    return float(_registry().Quantity(1, pint_name).to(BASE[dimension]).magnitude)


@functools.lru_cache(maxsize=1)
def _registry() -> pint.UnitRegistry[float]:
    import pint  # noqa: PLC0415 - heavy: loaded when the first unit is converted

    return pint.UnitRegistry()


def symbol(dimension: Dimension) -> str:
    """The base unit as a person reads it in an explanation."""
    return {Dimension.LENGTH: "m", Dimension.AREA: "km²", Dimension.MASS: "t",
            Dimension.DURATION: "days", Dimension.AGE: "years"}[dimension]


def display_scale(dimension: Dimension) -> float:
    """The factor from the base unit to :func:`symbol`'s unit (km² for areas, tonnes)."""
    return {Dimension.AREA: 1e-6, Dimension.MASS: 1e-3}.get(dimension, 1.0)
