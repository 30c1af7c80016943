"""Access matrix of decisions: case workers propose, another person approves (never the
proposer, T16), the recipient sees released decisions and accepts; coordinators are denied."""

from wirportal.core.testing import LOGGED_IN, Case

AUTHORITY = frozenset({"case_worker", "programme_staff", "auditor", "admin"})
APPROVERS = frozenset({"case_worker", "programme_staff", "admin"})
RECIPIENT = frozenset({"applicant_a"})
REVOKERS = frozenset({"case_worker", "programme_staff", "admin"})
# paper acceptance, deadline extension, reinstatement: the granting authority's staff only;
# recipients, reviewers, auditors and coordinators are refused
DEADLINE_STAFF = frozenset({"case_worker", "programme_staff", "admin"})


def build(world):
    from django.utils import timezone

    from wirportal.decisions.models import Outcome
    from wirportal.reviews.tests.factories import application_in_review, record_all_steps

    from .factories import GrantDecisionFactory

    org, applicant = world["org_a"], world.users["applicant_a"]
    case_worker = world.users["case_worker"]

    to_propose = application_in_review(organisation=org, applicant=applicant)
    record_all_steps(to_propose, by=case_worker)
    world.objects["to_propose"] = to_propose

    proposed = GrantDecisionFactory(
        application=application_in_review(organisation=org, applicant=applicant)
    )
    world.objects["proposed"] = proposed
    own = GrantDecisionFactory(
        application=application_in_review(organisation=org, applicant=applicant),
        proposed_by=case_worker,
    )
    world.objects["own_proposal"] = own

    approved = GrantDecisionFactory(
        application=application_in_review(organisation=org, applicant=applicant),
        approved_by=case_worker,
    )
    approved.approve()
    approved.save()
    world.objects["approved"] = approved

    issued = GrantDecisionFactory(
        application=application_in_review(organisation=org, applicant=applicant),
        approved_by=case_worker,
        acceptance_deadline=timezone.localdate() + timezone.timedelta(days=30),
        outcome=Outcome.APPROVE,
    )
    issued.approve()
    issued.issue()
    from wirportal.documents.services import document_store_generated
    from wirportal.documents.tests.corpus import pdf_bytes

    issued.letter = document_store_generated(
        content=pdf_bytes(),
        filename="Zuwendungsbescheid.pdf",
        attach_to=issued,
        kind="zuwendungsbescheid",
        by=case_worker,
        label="Zuwendungsbescheid",
    )
    issued.save()
    world.objects["issued"] = issued

    lapsed = GrantDecisionFactory(
        application=application_in_review(organisation=org, applicant=applicant),
        approved_by=case_worker,
        acceptance_deadline=timezone.localdate() - timezone.timedelta(days=3),
        bekanntgabe_on=timezone.localdate() - timezone.timedelta(days=40),
        outcome=Outcome.APPROVE,
    )
    lapsed.approve()
    lapsed.issue()
    lapsed.lapse()
    lapsed.save()
    world.objects["lapsed"] = lapsed


def _pk(name):
    return lambda w: {"pk": w[name].pk}


CASES = [
    Case("decisions:decision-list", LOGGED_IN),
    Case("decisions:decision-list", LOGGED_IN, query="status=issued"),
    Case("decisions:summary", AUTHORITY, kwargs=_pk("to_propose")),
    Case(
        "decisions:propose",
        frozenset({"case_worker", "admin"}),
        kwargs=_pk("to_propose"),
        method="post",
        data=lambda w: {"outcome": "approve", "amount": "10.000,00"},
    ),
    Case("decisions:decision-detail", AUTHORITY, kwargs=_pk("proposed")),
    Case("decisions:decision-detail", AUTHORITY | RECIPIENT, kwargs=_pk("issued")),
    # the Bescheid: a recipient's first download is recorded (Bekanntgabe, § 41 Abs. 2a HVwVfG)
    Case("decisions:letter", AUTHORITY | RECIPIENT, kwargs=_pk("issued")),
    Case("decisions:approve", APPROVERS, kwargs=_pk("proposed"), method="post"),
    # four eyes: the case worker who proposed may not approve (403), others may
    Case(
        "decisions:approve",
        frozenset({"programme_staff", "admin"}),
        kwargs=_pk("own_proposal"),
        method="post",
    ),
    Case(
        "decisions:return",
        APPROVERS,
        kwargs=_pk("proposed"),
        method="post",
        data=lambda w: {"reason": "Betrag prüfen"},
    ),
    Case(
        "decisions:issue",
        frozenset({"case_worker", "admin"}),
        kwargs=_pk("approved"),
        method="post",
        data=lambda w: {"delivery": "post"},
    ),
    Case("decisions:accept", RECIPIENT, kwargs=_pk("issued")),
    Case(
        "decisions:accept",
        RECIPIENT,
        kwargs=_pk("issued"),
        method="post",
        data=lambda w: {"bank_details_confirmed": "on", "declaration": "on"},
    ),
    # Widerruf: reason form, confirmation step (POST without `confirmed`), the revocation itself
    Case("decisions:revoke", REVOKERS, kwargs=_pk("issued")),
    Case(
        "decisions:revoke",
        REVOKERS,
        kwargs=_pk("issued"),
        method="post",
        data=lambda w: {"reason": "Zweck entfallen"},
    ),
    Case(
        "decisions:revoke",
        REVOKERS,
        kwargs=_pk("issued"),
        method="post",
        data=lambda w: {"reason": "Zweck entfallen", "confirmed": "True"},
    ),
    # acceptance on paper (§ 41 HVwVfG), extension (§ 31 Abs. 7), reinstatement (§ 32 HVwVfG);
    # a POST with nothing filled in is re-rendered (422) for those allowed
    Case("decisions:paper-acceptance", DEADLINE_STAFF, kwargs=_pk("issued")),
    Case("decisions:paper-acceptance", DEADLINE_STAFF, kwargs=_pk("issued"), method="post"),
    Case("decisions:extend-deadline", DEADLINE_STAFF, kwargs=_pk("issued")),
    Case(
        "decisions:extend-deadline",
        DEADLINE_STAFF,
        kwargs=_pk("issued"),
        method="post",
        data=lambda w: {"new_deadline": "", "reason": "Krankheit"},
    ),
    Case("decisions:extend-deadline", DEADLINE_STAFF, kwargs=_pk("lapsed")),
    Case("decisions:reinstate", DEADLINE_STAFF, kwargs=_pk("lapsed")),
    # a declaration received in time but recorded after the lapse can still be recorded
    Case("decisions:paper-acceptance", DEADLINE_STAFF, kwargs=_pk("lapsed")),
    Case("decisions:reinstate", DEADLINE_STAFF, kwargs=_pk("lapsed"), method="post"),
    # nothing to reinstate while the decision is issued: refused for everyone but the superuser
    Case("decisions:reinstate", frozenset({"admin"}), kwargs=_pk("issued")),
]
