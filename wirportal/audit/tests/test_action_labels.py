"""Issue #12: the case worker's history shows German sentences, not internal codes such as
`review.arithmetic_recorded`. Gate: every action of the funding file that a service records has a
sentence, also the ones built from a status."""

import re
from pathlib import Path

import pytest
from django.utils import translation

from wirportal.audit.labels import action_label

ROOT = Path(__file__).resolve().parents[2]
PREFIXES = (
    "application.",
    "review.",
    "decision.",
    "budget.",
    "payment.",
    "proof_of_use.",
    "recovery.",
)
# the actions built with an f-string, spelled out
DYNAMIC = [
    "application.submitted",
    "application.in_review",
    "application.changes_requested",
    "application.withdrawn",
    "application.approved",
    "application.partially_approved",
    "application.rejected",
    "application.early_start_approved",
    "application.early_start_refused",
    "review.completeness_recorded",
    "review.content_recorded",
    "review.arithmetic_recorded",
]


def _recorded_actions() -> set[str]:
    found = set()
    for path in ROOT.glob("*/*.py"):
        found |= set(re.findall(r'action="([a-z_]+\.[a-z_.]+)"', path.read_text()))
    return {action for action in found if action.startswith(PREFIXES)}


@pytest.mark.parametrize("action", sorted(_recorded_actions() | set(DYNAMIC)))
def test_every_action_of_the_funding_file_has_a_sentence(action):
    label = str(action_label(action))
    assert label != action
    assert "." not in label.rstrip(".") or " " in label  # a sentence, not a code


def test_arithmetic_check_reads_as_a_sentence():
    with translation.override("de"):
        assert str(action_label("review.arithmetic_recorded")) == "Rechnerische Prüfung erfasst"


def test_an_unknown_action_is_still_shown():
    assert "x.unknown" in str(action_label("x.unknown"))
