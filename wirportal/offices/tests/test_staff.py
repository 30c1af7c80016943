"""Office teams: who keeps them, what the public sees, consent to publication."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from wirportal.audit.models import AuditEntry
from wirportal.core.exceptions import DomainError
from wirportal.core.testing import assert_constant_queries
from wirportal.offices import services
from wirportal.offices.models import OfficeFunction, StaffEntry
from wirportal.offices.tests.factories import StaffEntryFactory

pytestmark = pytest.mark.django_db


def _create(world, **fields):
    defaults = {
        "function": OfficeFunction.CASE_MANAGEMENT,
        "name": "Samir Haddad",
        "email": "s.haddad@kassel.example.org",
        "phone": "0561 787-5012",
        "languages": "Deutsch, Arabisch",
    }
    return services.staff_entry_create(
        office=world["office_x"], by=world.users["coordinator_x"], **(defaults | fields)
    )


def test_staff_entry_create_records_consent_time_and_audit(world):
    entry = _create(world, publish=True, publish_email=True)

    assert entry.consent_at is not None
    audit = AuditEntry.objects.get(action="staff_entry.created")
    assert audit.target_id == str(entry.pk)
    assert audit.data == {"office": "kassel", "published": True}


def test_contact_fields_cannot_be_published_without_consent(world):
    with pytest.raises(ValidationError) as error:
        _create(world, publish=False, publish_phone=True)

    assert "publish_phone" in error.value.message_dict
    assert not StaffEntry.objects.exists()


def test_database_refuses_published_field_without_consent(world):
    entry = StaffEntryFactory(office=world["office_x"])

    with pytest.raises(IntegrityError), transaction.atomic():
        StaffEntry.objects.filter(pk=entry.pk).update(publish=False, publish_email=True)


def test_publishing_an_empty_field_is_refused(world):
    with pytest.raises(ValidationError) as error:
        _create(world, phone="", publish=True, publish_phone=True)

    assert error.value.message_dict["publish_phone"] == ["Es ist keine Telefonnummer eingetragen."]


def test_withdrawing_consent_unpublishes_every_field(world):
    entry = _create(world, publish=True, publish_email=True, publish_phone=True)

    services.staff_entry_update(entry=entry, by=world.users["coordinator_x"], publish=False)

    entry.refresh_from_db()
    assert (entry.publish, entry.publish_email, entry.publish_phone, entry.consent_at) == (
        False,
        False,
        False,
        None,
    )


def test_only_accounts_of_the_unit_can_be_linked(world):
    with pytest.raises(DomainError) as error:
        _create(world, user=world.users["coordinator_y"])

    assert error.value.field == "user"


def test_an_account_is_linked_to_one_entry_per_unit(world):
    _create(world, user=world.users["coordinator_x"])

    with pytest.raises(DomainError):
        _create(world, name="Zweiter Eintrag", user=world.users["coordinator_x"])


def test_person_sets_own_publication_and_it_is_audited(world, login):
    entry = _create(world, user=world.users["coordinator_x"])
    client = login(world.users["coordinator_x"])

    response = client.post(
        reverse("offices:staff-publication", args=["kassel", entry.pk]),
        {"publish": "on", "publish_languages": "on"},
    )

    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.publish, entry.publish_email, entry.publish_languages) == (True, False, True)
    audit = AuditEntry.objects.get(action="staff_entry.publication_changed")
    assert audit.data["publish_languages"] is True


def test_public_unit_page_shows_only_published_fields(world, client):
    _create(world, publish=True, publish_email=True)  # phone and languages stay private
    _create(world, name="Olena Kowalenko", email="o.k@kassel.example.org", publish=False)

    html = client.get(reverse("offices:office-detail", args=["kassel"])).content.decode()

    assert "Samir Haddad" in html
    assert "s.haddad@kassel.example.org" in html
    assert "0561 787-5012" not in html
    assert "Arabisch" not in html
    assert "Olena Kowalenko" not in html
    assert "o.k@kassel.example.org" not in html


def test_applicants_see_the_public_view_too(world, login):
    _create(world, publish=False)

    html = login(world.users["applicant_a"]).get(reverse("offices:office-detail", args=["kassel"]))

    assert "Samir Haddad" not in html.content.decode()


@pytest.mark.parametrize("role", ["case_worker", "coordinator_y", "auditor"])
def test_staff_roles_see_full_entries(world, login, role):
    _create(world, publish=False)

    html = login(world.users[role]).get(reverse("offices:office-detail", args=["kassel"]))

    content = html.content.decode()
    assert "Samir Haddad" in content
    assert "0561 787-5012" in content
    assert "nicht öffentlich" in content


def test_own_coordinator_gets_edit_actions_foreign_does_not(world, login):
    entry = _create(world)
    edit_url = reverse("offices:staff-update", args=["kassel", entry.pk])

    own = login(world.users["coordinator_x"]).get(reverse("offices:office-detail", args=["kassel"]))
    assert edit_url in own.content.decode()
    foreign = login(world.users["coordinator_y"]).get(
        reverse("offices:office-detail", args=["kassel"])
    )
    assert edit_url not in foreign.content.decode()


def test_foreign_coordinator_cannot_add_to_another_unit(world, login):
    response = login(world.users["coordinator_y"]).post(
        reverse("offices:staff-create", args=["kassel"]),
        {"function": "support", "name": "Eindringling", "sort_order": "0"},
    )

    assert response.status_code == 403
    assert not StaffEntry.objects.exists()


def test_entry_of_another_unit_is_not_reachable_through_own_unit_url(world, login):
    entry = StaffEntryFactory(office=world["office_y"])

    response = login(world.users["coordinator_x"]).post(
        reverse("offices:staff-delete", args=["kassel", entry.pk])
    )

    assert response.status_code == 404
    assert StaffEntry.objects.filter(pk=entry.pk).exists()


def test_staff_form_errors_are_german_and_keep_the_input(world, login):
    response = login(world.users["coordinator_x"]).post(
        reverse("offices:staff-create", args=["kassel"]),
        {
            "function": "coordination",
            "name": "Aylin Demir",
            "email": "keine-adresse",
            "phone": "06172 100-4412",
            "sort_order": "0",
            "publish_phone": "on",
        },
    )

    assert response.status_code == 422
    html = response.content.decode()
    assert "Kontaktangaben können nur veröffentlicht werden" in html
    assert "Bitte gültige E-Mail-Adresse eingeben." in html
    assert 'value="Aylin Demir"' in html
    assert 'value="06172 100-4412"' in html
    assert not StaffEntry.objects.exists()


def test_staff_form_offers_only_accounts_of_the_unit(world, login):
    html = login(world.users["coordinator_x"]).get(reverse("offices:staff-create", args=["kassel"]))

    content = html.content.decode()
    assert "x@example.org" in content
    assert "y@example.org" not in content
    assert "a@example.org" not in content


def test_staff_delete_is_audited(world, login):
    entry = _create(world)

    login(world.users["programme_staff"]).post(
        reverse("offices:staff-delete", args=["kassel", entry.pk])
    )

    assert not StaffEntry.objects.exists()
    assert AuditEntry.objects.filter(action="staff_entry.deleted", target_id=str(entry.pk)).exists()
    assert entry.history.filter(history_type="-").exists()


@pytest.mark.parametrize("role", ["anonymous", "case_worker"])
def test_unit_page_has_constant_queries(world, login, django_assert_num_queries, role):
    from wirportal.offices.tests.factories import RegionalActorFactory, TopicFactory

    client = login(world.users[role])
    office = world["office_x"]
    url = reverse("offices:office-detail", args=[office.slug])
    StaffEntryFactory(office=office, publish=True, publish_email=True)
    RegionalActorFactory(offices=[office], is_public=True, topics=[TopicFactory()])

    def add_rows():
        for n in range(5):
            StaffEntryFactory(office=office, publish=True, publish_phone=True)
            RegionalActorFactory(
                offices=[office, world["office_y"]],
                is_public=True,
                topics=[TopicFactory(), TopicFactory()],
            )

    assert_constant_queries(django_assert_num_queries, lambda: client.get(url), add_rows)


def test_concurrent_link_of_the_same_account_ends_as_domain_error(world):
    """If two saves pass the pre-check at once, the unique constraint decides without a 500."""
    _create(world, user=world.users["coordinator_x"])
    twin = StaffEntry(
        office=world["office_x"],
        function=OfficeFunction.SUPPORT,
        name="Zweiter Eintrag",
        user=world.users["coordinator_x"],
    )

    with pytest.raises(DomainError) as error:
        services._save_entry(twin)

    assert error.value.field == "user"
    assert StaffEntry.objects.count() == 1
