from wirportal.core.testing import LAND, LOGGED_IN, NOBODY, Case

from .factories import ApplicationFactory, CostItemFactory, FundingSourceFactory

OWNER = frozenset({"applicant_a"})
# reviewers are not among the readers: they read only applications assigned to them (ADR 0005,
# rows in reviews/tests/matrix.py); nobody but the applicant organisation reads a draft
READERS = LAND | {"applicant_a", "coordinator_x"}
# a request for an early start: Land staff and the applicant organisation; not coordinators,
# reviewers or other organisations
EARLY_START_READERS = LAND | {"applicant_a"}


def build(world):
    from wirportal.applications import services

    org_a = world["org_a"]
    draft = ApplicationFactory(organisation=org_a, created_by=world.users["applicant_a"])
    submitted = ApplicationFactory(organisation=org_a, created_by=world.users["applicant_a"])
    CostItemFactory(application=submitted)
    # move to 'submitted' through the graph without the full check (matrix only)
    submitted.submit()
    submitted.save()
    world.objects["draft"] = draft
    world.objects["submitted"] = submitted
    world.objects["cost_item"] = CostItemFactory(application=draft)
    world.objects["funding_source"] = FundingSourceFactory(application=draft)
    world.objects["open_call"] = draft.call
    from wirportal.documents.tests.factories import stored_document

    by = world.users["applicant_a"]
    world.objects["draft_attachment"] = stored_document(attach_to=draft, by=by, name="E.pdf")
    world.objects["submitted_attachment"] = stored_document(attach_to=submitted, by=by)
    withdrawn_draft = ApplicationFactory(organisation=org_a, created_by=by)
    withdrawn_draft.withdraw()
    withdrawn_draft.save()
    world.objects["withdrawn_draft"] = withdrawn_draft
    # early start: a request sent from the draft (staff see the request, never the draft)
    from datetime import date

    from wirportal.applications.models import OtherFunding

    early_start = services.early_start_request(
        application=draft,
        by=by,
        project_title="Sprachcafé",
        planned_start=date(2099, 1, 1),
        reasons="Kursbeginn",
        contracts="Honorarvertrag",
    )
    world.objects["early_start"] = early_start
    world.objects["early_start_letter"] = stored_document(
        attach_to=early_start, by=world.users["case_worker"], name="Zustimmung.pdf", kind="x"
    )
    world.objects["other_funding"] = OtherFunding.objects.create(application=draft)


def _pk(name):
    return lambda w: {"pk": w[name].pk}


CASES = [
    Case("applications:application-list", LOGGED_IN),
    Case("applications:application-list", LOGGED_IN, query="status=submitted&q=WIR"),
    Case(
        "applications:application-create",
        frozenset({"applicant_a", "applicant_b"}),
        kwargs=lambda w: {"call_pk": w["open_call"].pk},
    ),
    # applicant_b may post, but gets a form error (org A is not one of theirs; 422, nothing
    # created: test_views.test_applicant_cannot_create_for_a_foreign_organisation)
    Case(
        "applications:application-create",
        frozenset({"applicant_a", "applicant_b"}),
        kwargs=lambda w: {"call_pk": w["open_call"].pk},
        method="post",
        data=lambda w: {"organisation": w["org_a"].pk},
    ),
    Case("applications:application-detail", READERS, kwargs=_pk("submitted")),
    # drafts are the applicant organisation's own: no staff role, not even the superuser
    Case("applications:application-detail", OWNER, kwargs=_pk("draft"), rule_binds_admin=True),
    Case(
        "applications:application-detail",
        OWNER,
        kwargs=_pk("withdrawn_draft"),
        rule_binds_admin=True,
    ),
    Case(
        "documents:download",
        OWNER,
        kwargs=lambda w: {"public_id": w["draft_attachment"].public_id},
        rule_binds_admin=True,
    ),
    Case(
        "documents:download",
        READERS,
        kwargs=lambda w: {"public_id": w["submitted_attachment"].public_id},
    ),
    Case("reviews:review-detail", NOBODY, kwargs=_pk("draft"), rule_binds_admin=True),
    Case("decisions:summary", NOBODY, kwargs=_pk("draft"), rule_binds_admin=True),
    Case("applications:application-edit", OWNER, kwargs=_pk("draft"), rule_binds_admin=True),
    Case("applications:application-edit", frozenset(), kwargs=_pk("submitted")),
    Case(
        "applications:application-edit",
        OWNER,
        kwargs=_pk("draft"),
        method="post",
        data=lambda w: {"title": "Neu", "_complete": "1"},
        rule_binds_admin=True,
    ),
    Case(
        "applications:application-autosave",
        OWNER,
        kwargs=_pk("draft"),
        method="post",
        data=lambda w: {"title": "Neu"},
        rule_binds_admin=True,
    ),
    Case(
        "applications:cost-item-add",
        OWNER,
        kwargs=_pk("draft"),
        method="post",
        rule_binds_admin=True,
    ),
    Case(
        "applications:cost-item-remove",
        OWNER,
        kwargs=lambda w: {"pk": w["draft"].pk, "item_pk": w["cost_item"].pk},
        method="post",
        rule_binds_admin=True,
    ),
    Case(
        "applications:funding-source-add",
        OWNER,
        kwargs=_pk("draft"),
        method="post",
        rule_binds_admin=True,
    ),
    Case(
        "applications:funding-source-remove",
        OWNER,
        kwargs=lambda w: {"pk": w["draft"].pk, "source_pk": w["funding_source"].pk},
        method="post",
        rule_binds_admin=True,
    ),
    Case(
        "applications:attachment-upload",
        OWNER,
        kwargs=_pk("draft"),
        method="post",
        data=lambda w: {"label": "Konzept"},
        rule_binds_admin=True,
    ),
    Case(
        "applications:application-submit",
        OWNER,
        kwargs=_pk("draft"),
        method="post",
        rule_binds_admin=True,
    ),
    Case(
        "applications:application-withdraw", OWNER, kwargs=_pk("submitted"), rule_binds_admin=True
    ),
    Case(
        "applications:application-withdraw",
        OWNER,
        kwargs=_pk("draft"),
        method="post",
        data=lambda w: {"reason": "Projekt entfällt"},
        rule_binds_admin=True,
    ),
    Case(
        "applications:other-funding-add",
        OWNER,
        kwargs=_pk("draft"),
        method="post",
        rule_binds_admin=True,
    ),
    Case(
        "applications:other-funding-remove",
        OWNER,
        kwargs=lambda w: {"pk": w["draft"].pk, "other_pk": w["other_funding"].pk},
        method="post",
        rule_binds_admin=True,
    ),
    Case("applications:early-start-create", OWNER, kwargs=_pk("draft"), rule_binds_admin=True),
    Case("applications:early-start-create", frozenset(), kwargs=_pk("submitted")),
    Case(
        "applications:early-start-create",
        OWNER,
        kwargs=_pk("draft"),
        method="post",
        data=lambda w: {"project_title": "Sprachcafé"},
        rule_binds_admin=True,
    ),
    Case("applications:early-start-list", LAND | {"applicant_a", "applicant_b"}),
    Case(
        "applications:early-start-detail",
        EARLY_START_READERS,
        kwargs=_pk("early_start"),
        rule_binds_admin=True,
    ),
    # only the granting authority's case workers decide (invalid form here: 422, nothing saved)
    Case(
        "applications:early-start-decide",
        frozenset({"case_worker"}),
        kwargs=_pk("early_start"),
        method="post",
        rule_binds_admin=True,
    ),
    Case(
        "documents:download",
        EARLY_START_READERS,
        kwargs=lambda w: {"public_id": w["early_start_letter"].public_id},
        rule_binds_admin=True,
    ),
]
