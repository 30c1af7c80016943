from wirportal.core.testing import LAND, LOGGED_IN, ROLES, Case

CASES = [
    Case("offices:office-list", ROLES),
    Case("offices:office-detail", ROLES, kwargs=lambda w: {"slug": w["office_x"].slug}),
    Case(
        "offices:office-region",
        frozenset({"programme_staff", "admin"}),
        kwargs=lambda w: {"slug": w["office_x"].slug},
        method="post",
        data=lambda w: {"conference_region": "nord"},
    ),
    Case("offices:organisation-list", LOGGED_IN),
    Case("offices:organisation-create", frozenset({"applicant_a", "applicant_b"})),
    Case(
        "offices:organisation-detail",
        LAND | {"applicant_a", "coordinator_x"},
        kwargs=lambda w: {"pk": w["org_a"].pk},
    ),
    Case(
        "offices:organisation-update",
        frozenset({"applicant_a"}),
        kwargs=lambda w: {"pk": w["org_a"].pk},
    ),
    Case(
        "offices:organisation-member-add",
        frozenset({"applicant_a"}),
        kwargs=lambda w: {"pk": w["org_a"].pk},
        method="post",
        data=lambda w: {"email": "b@example.org"},
    ),
    Case(
        "offices:organisation-member-remove",
        frozenset({"applicant_a"}),
        kwargs=lambda w: {"pk": w["org_a"].pk, "membership_pk": w["org_a"].memberships.get().pk},
        method="post",
    ),
]
