"""Access matrix rows of the IKÖ self-check (issue #15). Unit X (office_x) has a draft
self-check to which `opening_contributor_x` is invited for the first field only, a submitted
earlier year, a measure; the questionnaire's draft version is programme staff's."""

from wirportal.core.testing import ROLES, Case

LAND_READ = frozenset({"programme_staff", "auditor", "admin"})
X_VIEW = LAND_READ | {"coordinator_x", "opening_contributor_x"}
X_COORD = frozenset({"coordinator_x", "admin"})
STAFF = frozenset({"programme_staff", "admin"})


def build(world):
    from django.utils import timezone

    from wirportal.core.tokens import new_secret
    from wirportal.opening import services
    from wirportal.opening.models import Contributor
    from wirportal.opening.tests import factories

    version = factories.questionnaire()
    check = factories.self_check(world["office_x"], 2026)
    earlier = factories.self_check(world["office_x"], 2025, submitted=True)
    first, second = list(version.fields.order_by("position")[:2])
    contributor = Contributor.objects.create(
        self_check=check,
        user=world.users["opening_contributor_x"],
        secret=new_secret(),
        sent_at=timezone.now(),
    )
    contributor.fields.set([first])
    pending = Contributor.objects.create(
        self_check=check,
        user=world.users["programme_staff"],  # only a token holder: the link itself is the key
        secret=new_secret(),
        sent_at=timezone.now(),
    )
    draft = services.questionnaire_new_version(by=world.users["programme_staff"])
    world.objects.update(
        ikoe_check=check,
        ikoe_earlier=earlier,
        ikoe_first=first,
        ikoe_second=second,
        ikoe_contributor=contributor,
        ikoe_pending=pending,
        ikoe_measure=factories.measure(check),
        ikoe_draft=draft,
        ikoe_draft_field=draft.fields.order_by("position").first(),
        ikoe_draft_indicator=draft.fields.order_by("position").first().indicators.first(),
    )


def _check(w):
    return {"pk": w["ikoe_check"].pk}


def _field(w, name="ikoe_first"):
    return {"pk": w["ikoe_check"].pk, "code": w[name].code}


CASES = [
    Case("opening:index", X_VIEW | {"coordinator_y"}),
    Case(
        "opening:index",
        frozenset({"coordinator_x", "coordinator_y", "admin"}),
        method="post",
        data=lambda w: {"year": "2026"},
    ),
    Case("opening:check-detail", X_VIEW, kwargs=_check),
    Case(
        "opening:check-detail",
        LAND_READ | {"coordinator_x"},
        kwargs=lambda w: {"pk": w["ikoe_earlier"].pk},
    ),
    Case("opening:field-edit", X_COORD | {"opening_contributor_x"}, kwargs=_field),
    # the contributor answers only the field assigned to them
    Case("opening:field-edit", X_COORD, kwargs=lambda w: _field(w, "ikoe_second")),
    Case(
        "opening:field-edit",
        X_COORD | {"opening_contributor_x"},
        kwargs=_field,
        method="post",
        data=lambda w: {f"rating_{w['ikoe_first'].indicators.first().pk}": "3"},
    ),
    Case(
        "opening:field-autosave",
        X_COORD | {"opening_contributor_x"},
        kwargs=_field,
        method="post",
        data=lambda w: {f"rating_{w['ikoe_first'].indicators.first().pk}": "2"},
    ),
    Case("opening:evidence-upload", X_COORD | {"opening_contributor_x"}, kwargs=_field),
    Case("opening:contributor-invite", X_COORD, kwargs=_check),
    Case(
        "opening:contributor-invite",
        X_COORD,
        kwargs=_check,
        method="post",
        data=lambda w: {"email": "kollegin@example.org", "action_fields": [w["ikoe_first"].pk]},
    ),
    Case(
        "opening:contributor-remove",
        X_COORD,
        kwargs=lambda w: {"pk": w["ikoe_check"].pk, "contributor_pk": w["ikoe_contributor"].pk},
        method="post",
    ),
    Case("opening:check-submit", X_COORD, kwargs=_check, method="post"),
    Case("opening:check-visibility", X_COORD, kwargs=_check),
    Case(
        "opening:check-visibility",
        X_COORD,
        kwargs=_check,
        method="post",
        data=lambda w: {"named": "1"},
    ),
    # the contributor was invited to 2026 only, not to the earlier year
    Case(
        "opening:check-pdf",
        LAND_READ | {"coordinator_x"},
        kwargs=lambda w: {"pk": w["ikoe_earlier"].pk},
    ),
    Case("opening:plan", LAND_READ | {"coordinator_x"}, kwargs=_check),
    Case(
        "opening:plan",
        X_COORD,
        kwargs=_check,
        method="post",
        data=lambda w: {
            "title": "Leitbild",
            "field": w["ikoe_first"].pk,
            "owner": "Büro OB",
            "deadline": "2026-12-31",
        },
    ),
    Case("opening:measure-edit", X_COORD, kwargs=lambda w: {"pk": w["ikoe_measure"].pk}),
    Case(
        "opening:progress",
        LAND_READ | {"coordinator_x"},
        kwargs=lambda w: {"slug": w["office_x"].slug},
    ),
    Case("opening:comparison", LAND_READ | {"coordinator_x", "coordinator_y"}),
    Case("opening:land-csv", LAND_READ),
    # the link in the mail is the key: whoever holds it may set the password (no login needed)
    Case(
        "opening:invitation",
        ROLES,
        kwargs=lambda w: {"token": w["ikoe_pending"].token()},
    ),
    Case("opening:questionnaire-list", LAND_READ),
    Case("opening:questionnaire-new", STAFF, method="post"),
    Case("opening:questionnaire-detail", LAND_READ, kwargs=lambda w: {"pk": w["ikoe_draft"].pk}),
    Case(
        "opening:questionnaire-publish",
        STAFF,
        kwargs=lambda w: {"pk": w["ikoe_draft"].pk},
        method="post",
    ),
    Case("opening:action-field-edit", STAFF, kwargs=lambda w: {"pk": w["ikoe_draft_field"].pk}),
    Case("opening:indicator-add", STAFF, kwargs=lambda w: {"pk": w["ikoe_draft_field"].pk}),
    Case("opening:indicator-edit", STAFF, kwargs=lambda w: {"pk": w["ikoe_draft_indicator"].pk}),
    Case(
        "opening:indicator-delete",
        STAFF,
        kwargs=lambda w: {"pk": w["ikoe_draft_indicator"].pk},
        method="post",
    ),
]
