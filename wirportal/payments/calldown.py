"""Pure computations of money out (no database): call-down period, pro-rata maximum, SEPA text.

Figures in the docstrings are the worked examples of grant-law-examples.md section B; each has
a test in tests/test_calldown.py.
"""

import re
import unicodedata
from datetime import date, timedelta
from decimal import ROUND_DOWN, Decimal

from wirportal.core.money import CENT
from wirportal.programmes.models import FinancingType

# ANBest-P Nr. 1.4: pro rata for Anteil and Fehlbedarf; a Festbetrag (and Vollfinanzierung,
# where the grant is all the money) is paid as it falls due, without a pro-rata cut
PRO_RATA_TYPES = frozenset({FinancingType.SHARE, FinancingType.GAP})

REMITTANCE_MAX = 140  # SEPA unstructured remittance information (Ustrd), EPC rulebook
_TRANSLITERATION = {
    "ä": "ae",
    "ö": "oe",
    "ü": "ue",
    "Ä": "Ae",
    "Ö": "Oe",
    "Ü": "Ue",
    "ß": "ss",
    "€": "EUR",
    "&": "+",
}
# EPC SEPA basic Latin character set
_NOT_SEPA = re.compile(r"[^A-Za-z0-9/\-?:().,'+ ]")


def call_down_until(request_day: date, weeks: int) -> date:
    """Last due day a call-down may cover (ANBest-P Nr. 1.4; weeks per line, verify HE).

    B3: a request dated Tue 02.03.2027 with 6 weeks covers payments due up to Tue 13.04.2027;
    a payment due 20.04.2027 is refused.
    """
    return request_day + timedelta(weeks=weeks)


def grant_share(grant: Decimal, eligible_costs: Decimal) -> Decimal:
    """Z / A: the part of every euro spent that the grant may bear (ANBest-P Nr. 1.4).

    B2 Fehlbedarf: A = 8,000, E = 1,500, Z = 6,500 → 6,500 / 8,000 = 0.8125.
    """
    if eligible_costs <= 0:
        return Decimal(1)
    return min(Decimal(grant) / Decimal(eligible_costs), Decimal(1))


def pro_rata_maximum(
    *, due_expenses: Decimal, grant: Decimal, eligible_costs: Decimal, financing_type: str
) -> Decimal:
    """Most that may be called for the payments due in the call-down period (ANBest-P Nr. 1.4).

    Anteil and Fehlbedarf only in proportion to the other funds: B2 Fehlbedarf 2,400.00 due ×
    0.8125 = 1,950.00; Anteil 75 %, 4,000.00 due → 3,000.00. Rounded down to the cent (never
    more than the share). A Festbetrag may be called in full as it falls due.
    """
    if financing_type not in PRO_RATA_TYPES:
        return Decimal(due_expenses).quantize(CENT, rounding=ROUND_DOWN)
    value = Decimal(due_expenses) * grant_share(grant, eligible_costs)
    return value.quantize(CENT, rounding=ROUND_DOWN)


def sepa_text(text: str, limit: int = REMITTANCE_MAX) -> str:
    """Text for a SEPA field: umlauts transliterated (ä → ae, ß → ss), other accents dropped,
    anything outside the EPC basic Latin set replaced by a space, cut at `limit` (B5)."""
    text = "".join(_TRANSLITERATION.get(char, char) for char in text)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = " ".join(_NOT_SEPA.sub(" ", text).split())
    return text[:limit].rstrip()


def remittance_text(
    reference: str, number: int, purpose: str = "Zuwendung", set_off: Decimal | None = None
) -> str:
    """Verwendungszweck with the application number first (B5):
    "WIR-2027-000006 Zuwendung 1. Rate"; at most 140 characters, no umlauts. A rate lowered by
    a set-off (brief F2) says so: "… 2. Rate abzgl. Verrechnung 8000,00 EUR"."""
    text = f"{reference} {purpose} {number}. Rate"
    if set_off:
        amount = f"{set_off:.2f}".replace(".", ",")
        text += f" abzgl. Verrechnung {amount} EUR"
    return sepa_text(text)
