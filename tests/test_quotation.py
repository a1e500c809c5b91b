"""How much of an appearance is quoted: one rule for a row and for a query."""

from __future__ import annotations

import pytest

from claims.models import Appearance, Quotation, quotation_is
from tests.factories import appear, make_article, make_claim


@pytest.mark.django_db
def test_the_query_condition_agrees_with_each_rows_quotation():
    article = make_article("Bridge", text="The bridge will close. It is unsafe. Fine.")
    cases = {
        "direct": (True, "quote+quoted/named"),
        "partial": (False, "clause+quoted/named"),
        "indirect": (False, "clause/named"),
        "sentence": (False, ""),  # picked for being check-worthy
    }
    made = {}
    for key, (direct, found_by) in cases.items():
        claim = make_claim(f"{key} claim")
        made[key] = appear(claim, article, direct=direct, found_by=found_by)
    got = {key: Appearance.objects.get(pk=ap.pk).quotation for key, ap in made.items()}
    assert got == {
        "direct": "direct",
        "partial": "partial",
        "indirect": "indirect",
        "sentence": "indirect",
    }
    for value in Quotation.values:
        chosen = set(Appearance.objects.filter(quotation_is(value)).values_list("pk"))
        assert chosen == {(ap.pk,) for key, ap in made.items() if got[key] == value}
