"""The network permissions per role, against objects of unit X, unit Y and both."""

import pytest
from django.contrib.auth.models import AnonymousUser

from wirportal.offices.tests.factories import RegionalActorFactory, StaffEntryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def objects(world):
    x, y = world["office_x"], world["office_y"]
    return {
        "office_x": x,
        "entry_x": StaffEntryFactory(office=x, user=world.users["coordinator_x"]),
        "entry_y": StaffEntryFactory(office=y),
        "actor_x": RegionalActorFactory(offices=[x]),
        "actor_y": RegionalActorFactory(offices=[y]),
        "actor_xy": RegionalActorFactory(offices=[x, y]),  # kept by X (its first unit)
        "actor_yx": RegionalActorFactory(offices=[y, x]),  # kept by Y, linked by X
    }


# (permission, object key, roles that hold it; "admin" is the superuser)
EXPECTED = [
    ("offices.add_staffentry", "office_x", {"coordinator_x", "programme_staff", "admin"}),
    ("offices.change_staffentry", "entry_x", {"coordinator_x", "programme_staff", "admin"}),
    ("offices.change_staffentry", "entry_y", {"coordinator_y", "programme_staff", "admin"}),
    ("offices.delete_staffentry", "entry_y", {"coordinator_y", "programme_staff", "admin"}),
    ("offices.change_staffentry_publication", "entry_x", {"coordinator_x", "admin"}),
    ("offices.change_staffentry_publication", "entry_y", {"admin"}),
    (
        "offices.view_staffentry_contacts",
        None,
        {
            "coordinator_x",
            "coordinator_y",
            "case_worker",
            # not reviewers: they see only what their assigned reviews need (ADR 0005)
            "programme_staff",
            "auditor",
            "admin",
        },
    ),
    ("offices.change_regionalactor", "actor_x", {"coordinator_x", "programme_staff", "admin"}),
    # linking an actor to one's unit gives no right to change it: only the keeping unit does
    ("offices.change_regionalactor", "actor_xy", {"coordinator_x", "programme_staff", "admin"}),
    ("offices.change_regionalactor", "actor_yx", {"coordinator_y", "programme_staff", "admin"}),
    ("offices.delete_regionalactor", "actor_yx", {"programme_staff", "admin"}),
    ("offices.delete_regionalactor", "actor_x", {"coordinator_x", "programme_staff", "admin"}),
    ("offices.delete_regionalactor", "actor_xy", {"programme_staff", "admin"}),
    ("offices.link_regionalactor", "office_x", {"coordinator_x", "programme_staff", "admin"}),
    (
        "offices.add_regionalactor",
        None,
        {"coordinator_x", "coordinator_y", "programme_staff", "admin"},
    ),
    ("offices.assign_regionalactor_offices", None, {"programme_staff", "admin"}),
]


@pytest.mark.parametrize(
    ("perm", "key", "holders"), EXPECTED, ids=[f"{p}:{k}" for p, k, _ in EXPECTED]
)
def test_permission_holders(world, objects, perm, key, holders):
    obj = objects[key] if key else None
    got = {
        role for role, user in world.users.items() if (user or AnonymousUser()).has_perm(perm, obj)
    }
    assert got == holders
