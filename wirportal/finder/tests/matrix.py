"""Access matrix of the finder: the public pages are the same for every role; only members of
the recipient organisation (organisation A's applicant) change, publish, withdraw and translate
its offers; every applicant has the (own-scoped) list; the coordinators of the unit that keeps a
public actor's entry make that actor's offers (every coordinator has the own-scoped list)."""

from wirportal.core.testing import ROLES, Case

MEMBER = frozenset({"applicant_a"})
APPLICANTS = frozenset({"applicant_a", "applicant_b"})
# the coordinators of the unit that keeps a public actor's entry (unit X) make its offers
ACTOR_KEEPER = frozenset({"coordinator_x"})
MANAGERS = APPLICANTS | {"coordinator_x", "coordinator_y"}


def build(world):
    from wirportal.finder import services
    from wirportal.payments.tests.factories import accepted_grant

    from .factories import offer_data

    grant = world.objects.get("grant") or accepted_grant(
        organisation=world["org_a"],
        applicant=world.users["applicant_a"],
        case_worker=world.users["case_worker"],
    )
    world.objects["finder_grant"] = grant
    offer = services.offer_create(by=world.users["applicant_a"], decision=grant, data=offer_data())
    world.objects["offer"] = services.offer_publish(
        by=world.users["applicant_a"], offer=offer, consent=True
    )
    from wirportal.offices.tests.factories import RegionalActorFactory

    world.objects["finder_actor"] = RegionalActorFactory(
        owner_office=world["office_x"], is_public=True
    )


def _offer(world) -> dict:
    return {"pk": world["offer"].pk}


def _offer_data(world) -> dict:
    data = {k: ("" if v is None else v) for k, v in offer_data().items()}
    return data


def offer_data():
    from .factories import offer_data as make

    return make()


CASES = [
    Case("finder:search", ROLES),
    Case("finder:search", ROLES, query="wo=Kassel&umkreis=25&sprache=ar&frei=on"),
    Case("finder:search-lang", ROLES, kwargs=lambda w: {"lang": "ar"}),
    Case("finder:detail", ROLES, kwargs=_offer),
    Case("finder:detail-lang", ROLES, kwargs=lambda w: {"lang": "de-ls", "pk": w["offer"].pk}),
    Case("finder:manage", MANAGERS),
    Case(
        "finder:create-for-actor", ACTOR_KEEPER, kwargs=lambda w: {"actor_pk": w["finder_actor"].pk}
    ),
    Case(
        "finder:create-for-actor",
        ACTOR_KEEPER,
        kwargs=lambda w: {"actor_pk": w["finder_actor"].pk},
        method="post",
        data=_offer_data,
    ),
    Case("finder:create", MEMBER, kwargs=lambda w: {"decision_pk": w["finder_grant"].pk}),
    Case(
        "finder:create",
        MEMBER,
        kwargs=lambda w: {"decision_pk": w["finder_grant"].pk},
        method="post",
        data=_offer_data,
    ),
    Case("finder:edit", MEMBER, kwargs=_offer),
    Case("finder:edit", MEMBER, kwargs=_offer, method="post", data=_offer_data),
    Case("finder:publish", MEMBER, kwargs=_offer),
    Case("finder:publish", MEMBER, kwargs=_offer, method="post", data=lambda w: {"consent": "on"}),
    Case("finder:withdraw", MEMBER, kwargs=_offer, method="post"),
    Case("finder:translate", MEMBER, kwargs=_offer),
    Case(
        "finder:translate",
        MEMBER,
        kwargs=_offer,
        method="post",
        data=lambda w: {"language": "tr", "name": "Almanca kursu"},
    ),
]
