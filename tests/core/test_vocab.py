"""The closed vocabularies accept what a person types and refuse the rest clearly."""

import pytest

from desktop_app.core import vocab
from desktop_app.core.errors import InvalidValueError


@pytest.mark.parametrize("typed,stored", [("Mostly-True", "mostly true"), ("FALSE", "false"),
                                          ("not_checkable", "not checkable")])
def test_verdicts_are_matched_forgivingly(typed, stored):
    assert vocab.verdict(typed) == stored


def test_unknown_verdict_lists_the_scale():
    with pytest.raises(InvalidValueError) as caught:
        vocab.verdict("pants on fire")
    assert "pants on fire" in str(caught.value) and "mostly false" in str(caught.value)


def test_default_scale_is_the_documented_one():
    assert vocab.VERDICTS == ("unverified", "true", "mostly true", "mixed", "mostly false",
                              "false", "unproven", "not checkable")
    assert vocab.REVIEW_STATUSES == ("draft", "needs review", "reviewed")


def test_british_spelling_of_organisation_is_accepted():
    assert vocab.entity_type("Organisation") == "organization"


def test_empty_tag_is_refused():
    with pytest.raises(InvalidValueError):
        vocab.tag_name("   ")
