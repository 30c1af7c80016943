from decimal import Decimal

import pytest
from django import forms
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from wirportal.core import numbers
from wirportal.core.numbers import InputError, parse_money, parse_number, parse_whole_number

NOT_ASCII_DIGITS = ["²", "1²", "١٢", "１２", "٣", "1_000", "½", "Ⅻ", "𝟙"]


@pytest.mark.parametrize("typed", NOT_ASCII_DIGITS)
def test_whole_numbers_are_ascii_digits_only(typed):
    with pytest.raises(InputError, match=r"^Bitte geben Sie eine ganze Zahl an\.$"):
        parse_whole_number(typed)


@pytest.mark.parametrize("typed", NOT_ASCII_DIGITS)
def test_numbers_and_amounts_are_ascii_digits_only(typed):
    with pytest.raises(InputError, match=r"^Bitte geben Sie eine Zahl an"):
        parse_number(typed, max_digits=10, decimal_places=2)
    with pytest.raises(InputError, match=r"^Bitte geben Sie einen Betrag in Euro an"):
        parse_money(typed)


def test_values_are_checked_against_the_column_after_rounding():
    assert parse_number("99999999,99", max_digits=10, decimal_places=2) == Decimal("99999999.99")
    with pytest.raises(InputError, match="zu groß"):
        parse_number("99999999,995", max_digits=10, decimal_places=2)  # rounds to 100000000.00
    assert parse_money("999.999.999.999,99") == Decimal("999999999999.99")
    with pytest.raises(InputError, match="zu groß"):
        parse_money("999999999999,995")


def test_german_and_plain_notations():
    assert parse_money("1.234,50") == Decimal("1234.50")
    assert parse_money("1 234 €") == Decimal("1234.00")
    assert parse_money("1234.5") == Decimal("1234.50")
    assert parse_money("") is None
    assert parse_number("12,5", max_digits=10, decimal_places=2) == Decimal("12.50")
    assert parse_whole_number(" 12 ") == 12
    with pytest.raises(InputError, match="0 oder mehr"):
        parse_money("-5")


def test_a_german_thousands_point_without_cents_is_thousands_not_a_decimal_point():
    """'3.000' typed in a German form means three thousand euros (DIN 5008 groups digits with a
    point); money has two decimals, so three digits after a single point are never cents."""
    assert parse_money("3.000") == Decimal("3000.00")
    assert parse_money("12.500 €") == Decimal("12500.00")
    assert parse_money("600.000") == Decimal("600000.00")
    assert parse_money("1.5") == Decimal("1.50")  # one or two digits after the point: cents
    assert parse_money("1.25") == Decimal("1.25")


@given(st.text(max_size=30))
def test_any_text_is_a_value_that_fits_or_a_german_refusal(text):
    for parse, limit in (
        (lambda t: parse_number(t, max_digits=10, decimal_places=2), Decimal("1e8")),
        (parse_money, Decimal("1e12")),
        (parse_whole_number, Decimal("1e7")),
    ):
        try:
            value = parse(text)
        except InputError as error:
            assert str(error).startswith(("Bitte", "Der Betrag", "Die Zahl")), str(error)
        else:
            assert value is None or 0 <= value < limit


@pytest.mark.parametrize("typed", ["²", "1²"])
def test_djangos_number_fields_used_in_forms_refuse_it_in_german(typed):
    """The portal's Django forms (events, programmes) use Django's number fields: they refuse
    '²' with Django's German message, not Python's text."""
    with translation.override("de"):
        for field in (forms.IntegerField(), forms.DecimalField(max_digits=14, decimal_places=2)):
            with pytest.raises(forms.ValidationError) as refused:
                field.clean(typed)
            assert "Zahl" in " ".join(refused.value.messages)


def test_messages_are_german():
    assert numbers.WHOLE_NUMBER == "Bitte geben Sie eine ganze Zahl an."
