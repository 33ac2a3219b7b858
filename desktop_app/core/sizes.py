"""How long each piece of text may be: one set of limits, the bundle format's, enforced
wherever data enters (command line, app, imports) so that nothing can be stored that a
bundle could not carry. Lengths are in code points."""

from __future__ import annotations

from desktop_app.core.errors import InvalidValueError

#: An article's whole text.
ARTICLE_TEXT = 20_000_000
#: Titles, names of outlets and authors, URLs, file names.
SHORT_TEXT = 2_000
#: A claim's quoted words.
QUOTE = 1_000_000
#: A claim's note, a flag's note.
NOTE = 100_000
#: One tag.
TAG = 100
#: An entity's name, one alias.
NAME = 300
#: An entity's description.
DESCRIPTION = 10_000


def check_length(what: str, value: str | None, limit: int) -> None:
    """Refuse ``value`` when it is longer than ``limit`` code points.

    Raises:
        InvalidValueError: the value is too long (the message says how long it may be).
    """
    if value is not None and len(value) > limit:
        raise InvalidValueError(
            f"the {what} is {len(value):,} characters long; Factdesk keeps (and bundles carry) "
            f"at most {limit:,}: nothing was changed")
