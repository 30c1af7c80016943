"""Due date of the Verwendungsnachweis (proof of use) by the rule of the funding line; pure.

Worked examples: shared/brief/grant-law-examples.md C1 (tests: programmes/tests/test_deadlines.py).
"""

import calendar
from datetime import date

from django.utils.translation import gettext_lazy as _

from wirportal.core.dates import add_months

from .models import ProofOfUseRule


def proof_of_use_due(rule: str, period_end: date) -> date:
    """The day the proof of use is due for a Bewilligungszeitraum ending on `period_end`.

    - `WIR_THREE_MONTHS` (WIR practice, domain.md §3.2): three months after the end, the day with
      the same number or the month's last day (§ 188 Abs. 2, 3 BGB via § 31 Abs. 1 HVwVfG):
      15.12.2027 → 15.03.2028.
    - `ANBEST_SIXTH_MONTH` (ANBest-P Nr. 6.1: "spätestens mit Ablauf des sechsten auf den
      Bewilligungszeitraum folgenden Monats"): the last day of the sixth month after the month of
      the end: 15.12.2027 → 30.06.2028; 30.06.2027 → 31.12.2027.
    - `MARCH_NEXT_YEAR` (Integrationslotsen): 31 March of the following year: 15.12.2027 →
      31.03.2028.
    """
    if rule == ProofOfUseRule.ANBEST_SIXTH_MONTH:
        month = period_end.month - 1 + 6
        year, month = period_end.year + month // 12, month % 12 + 1
        return date(year, month, calendar.monthrange(year, month)[1])
    if rule == ProofOfUseRule.MARCH_NEXT_YEAR:
        return date(period_end.year + 1, 3, 31)
    if rule == ProofOfUseRule.WIR_THREE_MONTHS:
        return add_months(period_end, 3)
    raise ValueError(f"unknown proof-of-use rule {rule!r}")


# The wording the Zuwendungsbescheid uses for each rule (after "Der Verwendungsnachweis ist ...
# vorzulegen").
RULE_TEXT = {
    ProofOfUseRule.WIR_THREE_MONTHS: _(
        "spätestens drei Monate nach Ende des Bewilligungszeitraums"
    ),
    ProofOfUseRule.ANBEST_SIXTH_MONTH: _(
        "spätestens mit Ablauf des sechsten auf den Bewilligungszeitraum folgenden Monats"
    ),
    ProofOfUseRule.MARCH_NEXT_YEAR: _(
        "spätestens bis zum 31. März des auf das Ende des Bewilligungszeitraums folgenden Jahres"
    ),
}


def proof_of_use_rule_text(rule: str) -> str:
    return str(RULE_TEXT[ProofOfUseRule(rule)])
