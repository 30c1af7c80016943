from wirportal.core.testing import LAND, LOGGED_IN, ROLES, Case

# programme staff and the unit's own coordinators maintain a unit's team and actors
X_KEEPERS = frozenset({"coordinator_x", "programme_staff"})


def build(world):
    """A team entry of unit X (linked to coordinator X) and actors of X, of Y and of both.

    An actor is kept by its first unit: actor_xy by X; actor_yx is kept by Y and linked by X,
    which lets X show it but not change it (issue 9)."""
    from wirportal.offices import services
    from wirportal.offices.tests.factories import RegionalActorFactory, StaffEntryFactory

    office_x, office_y = world["office_x"], world["office_y"]
    world.objects["staff_x"] = StaffEntryFactory(
        office=office_x, user=world.users["coordinator_x"], name="Fatma Muster"
    )
    world.objects["actor_x"] = RegionalActorFactory(offices=[office_x], is_public=True)
    world.objects["actor_y"] = RegionalActorFactory(offices=[office_y])
    world.objects["actor_xy"] = RegionalActorFactory(offices=[office_x, office_y])
    world.objects["actor_yx"] = RegionalActorFactory(offices=[office_y, office_x])
    # organisation A invited applicant B's address; only B's account may accept
    world.objects["invitation_b"] = services.organisation_invite_member(
        organisation=world["org_a"], email="b@example.org", by=world.users["applicant_a"]
    )


def _staff(w):
    return {"slug": w["office_x"].slug, "pk": w["staff_x"].pk}


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
        "offices:organisation-invitation",
        frozenset({"applicant_b"}),
        kwargs=lambda w: {"token": w["invitation_b"].token()},
    ),
    Case(
        "offices:organisation-invitation",
        frozenset({"applicant_b"}),
        kwargs=lambda w: {"token": w["invitation_b"].token()},
        method="post",
    ),
    Case(
        "offices:organisation-invitation-withdraw",
        frozenset({"applicant_a"}),
        kwargs=lambda w: {"pk": w["org_a"].pk, "invitation_pk": w["invitation_b"].pk},
        method="post",
    ),
    Case(
        "offices:organisation-member-remove",
        frozenset({"applicant_a"}),
        kwargs=lambda w: {"pk": w["org_a"].pk, "membership_pk": w["org_a"].memberships.get().pk},
        method="post",
    ),
    # network: the team of unit X
    Case("offices:staff-create", X_KEEPERS, kwargs=lambda w: {"slug": w["office_x"].slug}),
    Case(
        "offices:staff-create",
        X_KEEPERS,
        kwargs=lambda w: {"slug": w["office_x"].slug},
        method="post",
        data=lambda w: {"function": "support", "name": "Neue Kollegin", "sort_order": "0"},
    ),
    Case("offices:staff-update", X_KEEPERS, kwargs=_staff),
    Case(
        "offices:staff-update",
        X_KEEPERS,
        kwargs=_staff,
        method="post",
        data=lambda w: {"function": "coordination", "name": "Fatma Muster", "sort_order": "1"},
    ),
    Case("offices:staff-delete", X_KEEPERS, kwargs=_staff, method="post"),
    # only the person linked to the entry decides what is published about them
    Case("offices:staff-publication", frozenset({"coordinator_x"}), kwargs=_staff),
    Case(
        "offices:staff-publication",
        frozenset({"coordinator_x"}),
        kwargs=_staff,
        method="post",
        data=lambda w: {"publish": "on", "publish_email": "on"},
    ),
    # network: regional actors (directory for everyone logged in)
    Case("offices:actor-list", LOGGED_IN),
    Case("offices:actor-list", LOGGED_IN, query="topic=sprache&region=nord&q=Verein"),
    Case(
        "offices:actor-create",
        frozenset({"coordinator_x", "coordinator_y", "programme_staff"}),
    ),
    Case("offices:actor-detail", LOGGED_IN, kwargs=lambda w: {"pk": w["actor_x"].pk}),
    Case("offices:actor-update", X_KEEPERS, kwargs=lambda w: {"pk": w["actor_x"].pk}),
    Case(
        "offices:actor-update",
        X_KEEPERS,
        kwargs=lambda w: {"pk": w["actor_x"].pk},
        method="post",
        data=lambda w: {
            "name": "Geänderter Name",
            "kind": "welfare",
            "offices": [w["office_x"].pk],
        },
    ),
    Case(
        "offices:actor-delete",
        X_KEEPERS,
        kwargs=lambda w: {"pk": w["actor_x"].pk},
        method="post",
    ),
    # linked to X but kept by Y: only Y's coordinators (and programme staff) change it
    Case(
        "offices:actor-update",
        frozenset({"coordinator_y", "programme_staff"}),
        kwargs=lambda w: {"pk": w["actor_yx"].pk},
    ),
    Case(
        "offices:actor-update",
        frozenset({"coordinator_y", "programme_staff"}),
        kwargs=lambda w: {"pk": w["actor_yx"].pk},
        method="post",
        data=lambda w: {"name": "Von X geändert", "kind": "welfare"},
    ),
    Case(
        "offices:actor-delete",
        frozenset({"programme_staff"}),
        kwargs=lambda w: {"pk": w["actor_yx"].pk},
        method="post",
    ),
    # an actor that also works in Y can only be deleted by programme staff
    Case(
        "offices:actor-delete",
        frozenset({"programme_staff"}),
        kwargs=lambda w: {"pk": w["actor_xy"].pk},
        method="post",
    ),
    Case(
        "offices:actor-link",
        X_KEEPERS,
        kwargs=lambda w: {"slug": w["office_x"].slug, "pk": w["actor_y"].pk},
        method="post",
    ),
    # X takes an actor kept by Y off its own page again
    Case(
        "offices:actor-unlink",
        X_KEEPERS,
        kwargs=lambda w: {"slug": w["office_x"].slug, "pk": w["actor_yx"].pk},
        method="post",
    ),
]
