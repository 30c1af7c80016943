from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from wirportal.core.money import format_eur, format_money, to_money


def test_rounds_commercially_to_cents():
    assert to_money("2.345") == Decimal("2.35")
    assert to_money("-2.345") == Decimal("-2.35")
    assert to_money(3) == Decimal("3.00")


def test_refuses_floats():
    with pytest.raises(TypeError):
        to_money(0.1)  # type: ignore[arg-type]


def test_formats_german_currency():
    assert format_eur(Decimal("8850000")) == "8.850.000,00 €"
    assert format_eur(Decimal("-1234.5")) == "-1.234,50 €"
    assert format_eur(None) == "–"


@given(
    st.decimals(
        min_value=-(10**9), max_value=10**9, places=2, allow_nan=False, allow_infinity=False
    )
)
def test_format_round_trips(value):
    text = format_eur(value).removesuffix(" €").replace(".", "").replace(",", ".")
    assert Decimal(text) == value


def test_money_follows_the_reader_language_on_pages():
    template = Template("{{ amount|eur }}")
    context = Context({"amount": Decimal("24500")})
    with translation.override("en"):
        assert format_money(Decimal("-1234.5")) == "-€1,234.50"
        assert format_money(None) == "–"
        assert template.render(context) == "€24,500.00"
        assert format_eur(Decimal("24500")) == "24.500,00 €"  # letters and mails stay German
    with translation.override("de"):
        assert template.render(context) == "24.500,00 €"
