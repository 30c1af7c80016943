from datetime import timedelta

from django.utils import timezone

from wirportal.core.testing import ROLES, Case

ORGANISERS = frozenset({"programme_staff", "coordinator_x", "admin"})
# Files, not HTML pages: requested like any GET; the axe suite probes the content type first and
# does not open downloads in Chromium.
FILE = "get"


def _pdf() -> bytes:
    import io

    import pikepdf

    buffer = io.BytesIO()
    document = pikepdf.new()
    document.add_blank_page()
    document.save(buffer)
    return buffer.getvalue()


def build(world):
    """A public event of unit X (first come) and a ranked one whose registration has closed."""
    from wirportal.documents.services import document_store_generated
    from wirportal.events.models import MATERIAL_KIND, AgendaItem, Exhibitor, Material, WorkshopMode
    from wirportal.events.tokens import registration_token

    from .factories import EventFactory, RegistrationFactory, WorkshopFactory

    event = EventFactory(slug="treffen-x", host_office=world["office_x"], exhibitor_slots=3)
    workshop = WorkshopFactory(event=event)
    item = AgendaItem.objects.create(event=event, title="Begrüßung", starts_at=event.starts_at)
    exhibitor = Exhibitor.objects.create(
        event=event, organisation=world["org_a"], project_title="Sprachcafé", slot_number=1
    )
    registration = RegistrationFactory(event=event)
    ranked = EventFactory(
        slug="konferenz-x",
        host_office=world["office_x"],
        workshop_mode=WorkshopMode.RANKED,
        registration_closes_at=timezone.now() - timedelta(hours=1),
        registration_opens_at=timezone.now() - timedelta(days=10),
    )
    WorkshopFactory(event=ranked)
    RegistrationFactory(event=ranked)
    document = document_store_generated(
        content=_pdf(), filename="doku.pdf", attach_to=event, kind=MATERIAL_KIND, by=None
    )
    material = Material.objects.create(event=event, title="Dokumentation", document=document)
    world.objects.update(
        event_x=event,
        ranked_x=ranked,
        registration_x=registration,
        token_x=registration_token(registration),
        material_x=material,
        workshop_x=workshop,
        agenda_item_x=item,
        exhibitor_x=exhibitor,
    )


def _slug(w):
    return {"slug": w["event_x"].slug}


def _part(key):
    return lambda w: {"slug": w["event_x"].slug, "pk": w[key].pk}


def _edit_and_delete(name: str, key: str, data) -> list[Case]:
    """GET and POST of the edit page and of the delete confirmation of one programme part."""
    return [
        Case(f"events:{name}-update", ORGANISERS, kwargs=_part(key)),
        Case(f"events:{name}-update", ORGANISERS, kwargs=_part(key), method="post", data=data),
        Case(f"events:{name}-delete", ORGANISERS, kwargs=_part(key)),
        Case(f"events:{name}-delete", ORGANISERS, kwargs=_part(key), method="post"),
    ]


CASES = [
    Case("events:event-list", ROLES),
    Case("events:ical-feed", ROLES, method=FILE),
    Case("events:event-create", frozenset({"programme_staff", "coordinator_x", "coordinator_y"})),
    Case("events:event-detail", ROLES, kwargs=_slug),
    Case("events:event-ical", ROLES, kwargs=_slug, method=FILE),
    Case("events:event-register", ROLES, kwargs=_slug),
    Case(
        "events:event-register",
        ROLES,
        kwargs=_slug,
        method="post",
        data=lambda w: {
            "first_name": "Ada",
            "last_name": "Muster",
            "email": "ada.muster@example.org",
            "consent": "on",
        },
    ),
    Case("events:registration-manage", ROLES, kwargs=lambda w: {"token": w["token_x"]}),
    Case("events:registration-pending", ROLES, kwargs=_slug),
    Case(
        "events:registration-confirm",
        ROLES,
        kwargs=lambda w: {"token": w["token_x"]},
        method="post",
    ),
    Case("events:registration-cancel", ROLES, kwargs=lambda w: {"token": w["token_x"]}),
    Case(
        "events:registration-cancel",
        ROLES,
        kwargs=lambda w: {"token": w["token_x"]},
        method="post",
    ),
    Case("events:event-update", ORGANISERS, kwargs=_slug),
    Case("events:event-publish", ORGANISERS, kwargs=_slug, method="post"),
    Case("events:event-participants", ORGANISERS, kwargs=_slug),
    Case(
        "events:event-participants",
        ORGANISERS,
        kwargs=_slug,
        method="post",
        data=lambda w: {"offices": [w["office_y"].pk], "published": "on"},
    ),
    Case("events:event-cancel", ORGANISERS, kwargs=_slug),
    Case(
        "events:event-cancel",
        ORGANISERS,
        kwargs=_slug,
        method="post",
        data=lambda w: {"reason": "Der Saal ist nicht nutzbar."},
    ),
    Case("events:workshop-add", ORGANISERS, kwargs=_slug),
    Case("events:agenda-item-add", ORGANISERS, kwargs=_slug),
    Case("events:exhibitor-add", ORGANISERS, kwargs=_slug),
    *_edit_and_delete(
        "agenda-item",
        "agenda_item_x",
        lambda w: {"title": "Grußwort", "starts_at": "2027-03-01T10:00"},
    ),
    *_edit_and_delete("workshop", "workshop_x", lambda w: {"title": "Forum A", "capacity": "30"}),
    *_edit_and_delete(
        "exhibitor",
        "exhibitor_x",
        lambda w: {
            "organisation": w["org_a"].pk,
            "project_title": "Lernwerkstatt",
            "slot_number": "2",
        },
    ),
    Case("events:registration-list", ORGANISERS, kwargs=_slug),
    Case(
        "events:registration-export",
        ORGANISERS,
        kwargs=lambda w: {**_slug(w), "fmt": "csv"},
        method=FILE,
    ),
    Case(
        "events:registration-export",
        ORGANISERS,
        kwargs=lambda w: {**_slug(w), "fmt": "xlsx"},
        method=FILE,
    ),
    Case("events:check-in-pdf", ORGANISERS, kwargs=_slug, method=FILE),
    Case("events:check-in", ORGANISERS, kwargs=_slug),
    Case(
        "events:check-in-toggle",
        ORGANISERS,
        kwargs=lambda w: {**_slug(w), "pk": w["registration_x"].pk},
        method="post",
    ),
    Case("events:assignment", ORGANISERS, kwargs=lambda w: {"slug": w["ranked_x"].slug}),
    Case(
        "events:assignment-publish",
        ORGANISERS,
        kwargs=lambda w: {"slug": w["ranked_x"].slug},
        method="post",
    ),
    Case("events:material-upload", ORGANISERS, kwargs=_slug),
    Case(
        "events:material-download",
        ROLES,
        kwargs=lambda w: {**_slug(w), "pk": w["material_x"].pk},
        method=FILE,
    ),
]
