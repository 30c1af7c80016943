"""Organisations (Träger): registration, editing by members, bank details, members, history."""

import pytest
from django.urls import reverse

from wirportal.accounts.roles import Role
from wirportal.accounts.tests.factories import UserFactory
from wirportal.audit.models import AuditEntry
from wirportal.core.testing import assert_constant_queries
from wirportal.offices.models import Organisation
from wirportal.offices.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

VALID = {
    "name": "Neue Nachbarschaft Kassel e. V.",
    "kind": "association",
    "public_benefit": "on",
    "street": "Wilhelmshöher Allee 1",
    "postcode": "34117",
    "city": "Kassel",
    "account_holder": "Neue Nachbarschaft Kassel e. V.",
    "iban": "DE89 3704 0044 0532 0130 00",
}


def test_applicant_registers_an_organisation_and_becomes_its_member(client, reference_data):
    user = UserFactory(role=Role.APPLICANT)
    client.force_login(user)
    response = client.post(reverse("offices:organisation-create"), VALID)
    organisation = Organisation.objects.get(name=VALID["name"])
    assert response["Location"] == reverse(
        "offices:organisation-detail", kwargs={"pk": organisation.pk}
    )
    assert organisation.iban == "DE89370400440532013000"
    assert organisation.bic == "COBADEFFXXX"
    assert organisation.bank_name  # derived from the bundled bank registry
    assert organisation.memberships.get().user == user
    assert AuditEntry.objects.filter(action="organisation.created").count() == 1


def test_invalid_iban_gets_a_german_error_and_keeps_everything_entered(client, reference_data):
    client.force_login(UserFactory(role=Role.APPLICANT))
    data = {**VALID, "iban": "DE89 3704 0044 0532 0130 01", "postcode": "341"}
    response = client.post(reverse("offices:organisation-create"), data)
    html = response.content.decode()
    assert response.status_code == 422  # core.views.form_page: a refused form, as on every page
    assert "Diese IBAN ist ungültig" in html
    assert "Bitte geben Sie eine fünfstellige Postleitzahl an." in html
    assert 'value="Neue Nachbarschaft Kassel e. V."' in html
    assert 'value="DE89 3704 0044 0532 0130 01"' in html
    assert 'aria-invalid="true"' in html
    assert not Organisation.objects.filter(name=VALID["name"]).exists()


def test_bank_account_needs_a_holder(client, reference_data):
    client.force_login(UserFactory(role=Role.APPLICANT))
    response = client.post(reverse("offices:organisation-create"), {**VALID, "account_holder": ""})
    assert "Bitte geben Sie an, auf wen das Konto lautet." in response.content.decode()


def test_members_edit_their_organisation_and_mass_assignment_is_ignored(client, world):
    org_a = world["org_a"]
    client.force_login(world.users["applicant_a"])
    data = {
        **VALID,
        "name": "Verein A (neu) e. V.",
        "members": [world.users["applicant_b"].pk],
        "id": 999,
    }
    response = client.post(reverse("offices:organisation-update", kwargs={"pk": org_a.pk}), data)
    assert response.status_code == 302
    org_a.refresh_from_db()
    assert org_a.name == "Verein A (neu) e. V."
    assert org_a.pk != 999
    assert list(org_a.members.all()) == [world.users["applicant_a"]]


def test_a_refused_change_keeps_what_was_typed_next_to_its_field(client, world):
    org_a = world["org_a"]
    client.force_login(world.users["applicant_a"])
    data = {**VALID, "name": "Verein A (geändert) e. V.", "iban": "DE00 1234"}
    response = client.post(reverse("offices:organisation-update", kwargs={"pk": org_a.pk}), data)
    html = response.content.decode()
    assert response.status_code == 422
    assert "Diese IBAN ist ungültig" in html
    assert 'value="Verein A (geändert) e. V."' in html
    org_a.refresh_from_db()
    assert org_a.name != "Verein A (geändert) e. V."


def test_other_members_see_only_a_masked_iban(client, world):
    client.force_login(world.users["case_worker"])
    html = client.get(
        reverse("offices:organisation-detail", kwargs={"pk": world["org_a"].pk})
    ).content.decode()
    assert "DE89 **** **** 3000" in html
    assert "DE89370400440532013000" not in html


def test_admin_member_invites_a_colleague_and_cannot_remove_the_last_admin(client, world):
    """Adding is an invitation (issue 9, offices/tests/test_member_invitations.py)."""
    org_a = world["org_a"]
    colleague = UserFactory(role=Role.APPLICANT, email="kollegin@example.org")
    client.force_login(world.users["applicant_a"])
    url = reverse("offices:organisation-member-add", kwargs={"pk": org_a.pk})
    assert client.post(url, {"email": "kollegin@example.org"}).status_code == 302
    assert not org_a.members.filter(pk=colleague.pk).exists()  # only once they accept
    again = client.post(url, {"email": world.users["applicant_a"].email})
    assert "bereits Mitglied" in again.content.decode()
    own = org_a.memberships.get(user=world.users["applicant_a"])
    client.post(
        reverse(
            "offices:organisation-member-remove", kwargs={"pk": org_a.pk, "membership_pk": own.pk}
        )
    )
    assert org_a.memberships.filter(pk=own.pk).exists()


def test_coordinators_see_only_organisations_of_their_unit(client, world):
    client.force_login(world.users["coordinator_x"])
    html = client.get(reverse("offices:organisation-list")).content.decode()
    assert "Verein A e. V." in html and "Verein B e. V." not in html


def test_applicants_see_only_their_own_organisations(client, world):
    client.force_login(world.users["applicant_b"])
    html = client.get(reverse("offices:organisation-list")).content.decode()
    assert "Verein B e. V." in html and "Verein A e. V." not in html


def test_history_is_shown_to_staff_but_not_to_foreign_applicants(client, world):
    org_a = world["org_a"]
    client.force_login(world.users["applicant_a"])
    client.post(
        reverse("offices:organisation-update", kwargs={"pk": org_a.pk}),
        {**VALID, "name": "Umbenannt e. V."},
    )
    client.force_login(world.users["auditor"])
    html = client.get(
        reverse("offices:organisation-detail", kwargs={"pk": org_a.pk})
    ).content.decode()
    assert "Änderungsverlauf" in html and "geändert" in html
    client.force_login(world.users["coordinator_x"])
    html = client.get(
        reverse("offices:organisation-detail", kwargs={"pk": org_a.pk})
    ).content.decode()
    assert "Änderungsverlauf" not in html


def test_organisation_list_has_a_constant_number_of_queries(
    client, world, django_assert_num_queries
):
    client.force_login(world.users["case_worker"])
    assert_constant_queries(
        django_assert_num_queries,
        lambda: client.get(reverse("offices:organisation-list")),
        lambda: OrganisationFactory.create_batch(15),
    )


def test_unit_directory_has_a_constant_number_of_queries(
    client, reference_data, django_assert_num_queries
):
    from wirportal.offices.models import OfficeKey

    def add_keys():
        for office in __import__(
            "wirportal.offices.models", fromlist=["Office"]
        ).Office.objects.all()[:10]:
            OfficeKey.objects.create(
                office=office,
                key=office.keys.first().key,
                kind=office.kind,
                valid_from="2030-01-01",
            )

    assert_constant_queries(
        django_assert_num_queries, lambda: client.get(reverse("offices:office-list")), add_keys
    )


def test_unit_directory_filters_by_region_and_kind(client, reference_data):
    html = client.get(
        reverse("offices:office-list"), {"region": "nord", "kind": "sonderstatusstadt"}
    ).content.decode()
    assert "Gießen" in html and "Fulda" in html and "Bad Homburg" not in html


def test_programme_staff_changes_the_conference_region(client, world):
    office = world["office_x"]
    client.force_login(world.users["programme_staff"])
    client.post(
        reverse("offices:office-region", kwargs={"slug": office.slug}),
        {"conference_region": "sued"},
    )
    office.refresh_from_db()
    assert office.conference_region == "sued"
    assert AuditEntry.objects.get(action="office.region_changed").data == {
        "from": "nord",
        "to": "sued",
    }


@pytest.mark.parametrize("postcode", ["²²²²²", "٣٤١١٧", "３４１１７"])
def test_a_postcode_of_non_ascii_digits_is_refused_and_kept(client, reference_data, postcode):
    """str.isdigit() is true for '²', Arabic-Indic and full-width digits: none is a postcode."""
    client.force_login(UserFactory(role=Role.APPLICANT))
    response = client.post(reverse("offices:organisation-create"), {**VALID, "postcode": postcode})
    html = response.content.decode()
    assert response.status_code == 422
    assert "Bitte geben Sie eine fünfstellige Postleitzahl an." in html
    assert f'value="{postcode}"' in html
    assert not Organisation.objects.filter(name=VALID["name"]).exists()
