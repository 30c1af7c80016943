from datetime import date

import pytest

from wirportal.programmes.models import next_working_day

from .factories import CallFactory


def test_deadline_on_second_christmas_day_saturday_moves_to_monday():
    # 26.12.2026 is a Saturday and a public holiday
    assert next_working_day(date(2026, 12, 26)) == date(2026, 12, 28)


def test_deadline_on_corpus_christi_in_hessen_moves_to_friday():
    assert next_working_day(date(2026, 6, 4)) == date(2026, 6, 5)


def test_deadline_on_a_working_day_stays():
    assert next_working_day(date(2026, 12, 31)) == date(2026, 12, 31)


@pytest.mark.django_db
def test_call_is_open_until_the_moved_deadline():
    call = CallFactory(opens_at=date(2026, 9, 1), closes_at=date(2026, 12, 26))
    assert call.deadline == date(2026, 12, 28)
    assert call.deadline_moved
    assert call.is_open(date(2026, 12, 28))
    assert not call.is_open(date(2026, 12, 29))
    assert not call.is_open(date(2026, 8, 31))


@pytest.mark.django_db
def test_extended_call_uses_the_extension():
    call = CallFactory(closes_at=date(2026, 12, 31), extended_until=date(2027, 1, 15))
    assert call.is_open(date(2027, 1, 15))
