"""The roles of the programme, declared once in code."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PROGRAMME_STAFF = "programme_staff", _("Programmreferat (Ministerium)")
    CASE_WORKER = "case_worker", _("Sachbearbeitung (Bewilligungsbehörde)")
    REVIEWER = "reviewer", _("Begutachtung")
    COORDINATOR = "coordinator", _("WIR-Koordination (Vielfaltszentrum)")
    APPLICANT = "applicant", _("Antragstellende Organisation")
    AUDITOR = "auditor", _("Prüfung (nur lesen)")
    # Issue #16: staff of the anti-discrimination unit. A role of its own that no other role
    # includes: only they read reports of discrimination (and never funding data).
    ANTIDISCRIMINATION = "antidiscrimination", _("Antidiskriminierungsstelle")
    # Issue #15: colleagues of other departments of a unit's administration, invited by the
    # coordinator to answer their fields of that unit's IKÖ self-check, and nothing else.
    OPENING_CONTRIBUTOR = "opening_contributor", _("Mitwirkung IKÖ-Selbstcheck")


# Roles that work with other people's data; they must use two-factor authentication.
STAFF_ROLES = frozenset(
    {
        Role.PROGRAMME_STAFF,
        Role.CASE_WORKER,
        Role.REVIEWER,
        Role.COORDINATOR,
        Role.AUDITOR,
        Role.ANTIDISCRIMINATION,
    }
)
# Roles of the Land (ministry, granting authority, audit) that see all submitted funding data.
# Reviewers are not among them: they see only the applications assigned to them (ADR 0005).
# No role sees an application before it is submitted (drafts are the applicant's).
LAND_ROLES = frozenset({Role.PROGRAMME_STAFF, Role.CASE_WORKER, Role.AUDITOR})
