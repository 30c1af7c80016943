"""Worked examples of grant-law-examples.md section B (pure computations)."""

from datetime import date
from decimal import Decimal

from wirportal.payments import calldown
from wirportal.programmes.models import FinancingType


def test_b3_six_weeks_from_tuesday_2_march_2027_end_on_13_april():
    assert calldown.call_down_until(date(2027, 3, 2), 6) == date(2027, 4, 13)
    assert date(2027, 4, 20) > calldown.call_down_until(date(2027, 3, 2), 6)


def test_b2_fehlbedarf_share_is_81_25_percent_and_2400_due_allow_1950():
    assert calldown.grant_share(Decimal("6500"), Decimal("8000")) == Decimal("0.8125")
    assert calldown.pro_rata_maximum(
        due_expenses=Decimal("2400.00"),
        grant=Decimal("6500"),
        eligible_costs=Decimal("8000"),
        financing_type=FinancingType.GAP,
    ) == Decimal("1950.00")


def test_b2_anteil_75_percent_of_4000_due_is_3000():
    assert calldown.pro_rata_maximum(
        due_expenses=Decimal("4000.00"),
        grant=Decimal("15000"),
        eligible_costs=Decimal("20000"),
        financing_type=FinancingType.SHARE,
    ) == Decimal("3000.00")


def test_b2_festbetrag_is_not_cut_pro_rata():
    assert calldown.pro_rata_maximum(
        due_expenses=Decimal("5625.00"),
        grant=Decimal("5625"),
        eligible_costs=Decimal("9000"),
        financing_type=FinancingType.FIXED,
    ) == Decimal("5625.00")


def test_pro_rata_rounds_down_to_the_cent():
    # 1,000.00 × 2/3 = 666.666… → 666.66, never a cent more than the share
    assert calldown.pro_rata_maximum(
        due_expenses=Decimal("1000"),
        grant=Decimal("2000"),
        eligible_costs=Decimal("3000"),
        financing_type=FinancingType.GAP,
    ) == Decimal("666.66")


def test_b5_remittance_reference_first_no_umlauts():
    assert calldown.remittance_text("WIR-2027-000006", 1) == "WIR-2027-000006 Zuwendung 1. Rate"
    assert calldown.sepa_text("Förderverein Mühlental & Söhne – Straße") == (
        "Foerderverein Muehlental + Soehne Strasse"
    )


def test_remittance_never_longer_than_140_characters():
    text = calldown.remittance_text("WIR-2027-000006", 2, purpose="Ä" * 300)
    assert len(text) <= 140
    assert text.startswith("WIR-2027-000006 Ae")
