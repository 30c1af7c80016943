"""Brief C1: the proof of use is due by the rule of the funding line."""

from datetime import date

import pytest

from wirportal.programmes.deadlines import proof_of_use_due, proof_of_use_rule_text
from wirportal.programmes.models import FundingLine, ProofOfUseRule


@pytest.mark.parametrize(
    ("rule", "end", "due"),
    [
        (ProofOfUseRule.WIR_THREE_MONTHS, date(2027, 12, 15), date(2028, 3, 15)),
        (ProofOfUseRule.ANBEST_SIXTH_MONTH, date(2027, 12, 15), date(2028, 6, 30)),
        (ProofOfUseRule.MARCH_NEXT_YEAR, date(2027, 12, 15), date(2028, 3, 31)),
        # the portal gave 30.12.2027 (end + 6 months); ANBest-P: end of the sixth month after
        (ProofOfUseRule.ANBEST_SIXTH_MONTH, date(2027, 6, 30), date(2027, 12, 31)),
        (ProofOfUseRule.WIR_THREE_MONTHS, date(2027, 11, 30), date(2028, 2, 29)),
    ],
)
def test_c1_proof_of_use_due_by_rule_of_the_line(rule, end, due):
    assert proof_of_use_due(rule, end) == due


def test_wir_practice_is_the_default_rule_and_every_rule_has_a_letter_text():
    field = FundingLine._meta.get_field("proof_of_use_rule")
    assert field.default == ProofOfUseRule.WIR_THREE_MONTHS
    assert "drei Monate" in proof_of_use_rule_text(ProofOfUseRule.WIR_THREE_MONTHS)
    for rule in ProofOfUseRule.values:
        assert proof_of_use_rule_text(rule).startswith("spätestens")
