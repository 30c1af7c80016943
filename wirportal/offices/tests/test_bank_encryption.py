"""Bank details at rest: the IBAN column holds ciphertext, the model gives the IBAN back (issue 9)."""

from importlib import import_module

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from wirportal.accounts.tests.factories import UserFactory
from wirportal.offices import services
from wirportal.offices.models import Organisation
from wirportal.offices.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

IBAN = "DE89370400440532013000"


def _raw(table: str, pk_column: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT iban FROM {table} WHERE {pk_column} = %s", [pk])
        rows = cursor.fetchall()
    return " ".join(row[0] for row in rows)


def test_iban_column_holds_no_clear_text_and_the_model_returns_it(reference_data):
    organisation = OrganisationFactory(iban=IBAN)
    raw = _raw("offices_organisation", "id", organisation.pk)
    assert raw and IBAN not in raw and "0532013000" not in raw
    assert Organisation.objects.get(pk=organisation.pk).iban == IBAN
    assert Organisation.objects.values_list("iban", flat=True).get(pk=organisation.pk) == IBAN
    assert Organisation.objects.get(pk=organisation.pk).iban_masked == "DE89 **** **** 3000"


def test_the_history_table_holds_no_clear_text_either(reference_data):
    organisation = OrganisationFactory(iban=IBAN)
    raw = _raw("offices_historicalorganisation", "id", organisation.pk)
    assert raw and IBAN not in raw
    assert organisation.history.first().iban == IBAN


def test_an_empty_iban_stays_empty(reference_data):
    organisation = OrganisationFactory(iban="", account_holder="")
    assert _raw("offices_organisation", "id", organisation.pk) == ""
    assert Organisation.objects.filter(iban="").filter(pk=organisation.pk).exists()


def test_service_normalises_validates_and_derives_the_bank(reference_data):
    user = UserFactory(role="applicant")
    organisation = services.organisation_create(
        by=user,
        name="Verein e. V.",
        kind="association",
        street="Weg 1",
        postcode="34117",
        city="Kassel",
        account_holder="Verein e. V.",
        iban="de89 3704 0044 0532 0130 00",
    )
    organisation.refresh_from_db()
    assert organisation.iban == IBAN
    assert organisation.bic == "COBADEFFXXX"
    with pytest.raises(ValidationError) as error:
        services.organisation_update(organisation=organisation, by=user, iban="DE00123")
    assert "iban" in error.value.message_dict


def test_iban_needs_an_account_holder_in_the_service(reference_data):
    """The rule lives on the model, so every writer (form, service, admin) gets it."""
    user = UserFactory(role="applicant")
    with pytest.raises(ValidationError) as error:
        services.organisation_create(
            by=user,
            name="Verein ohne Kontoinhaber e. V.",
            kind="association",
            street="Weg 1",
            postcode="34117",
            city="Kassel",
            iban=IBAN,
        )
    assert "account_holder" in error.value.message_dict


def test_migration_encrypts_existing_rows_and_can_be_reversed(reference_data):
    """The data step of migration 0003 on the models as that migration sees them: its reverse
    writes the clear IBAN back (table and history), its forward encrypts it again, twice changes
    nothing. (Migrating the database back to 0002 for this took 95 s: every later migration of
    every app depending on offices was unapplied and applied again.)"""
    migration = import_module("wirportal.offices.migrations.0003_encrypt_iban")
    state_apps = MigrationLoader(connection).project_state(("offices", "0003_encrypt_iban")).apps
    organisation = OrganisationFactory(iban=IBAN)

    migration.decrypt_existing(state_apps, None)
    # before the migration the IBANs were clear text, in the table and in its history
    assert _raw("offices_organisation", "id", organisation.pk) == IBAN
    assert IBAN in _raw("offices_historicalorganisation", "id", organisation.pk)

    for _twice in range(2):
        migration.encrypt_existing(state_apps, None)
        assert IBAN not in _raw("offices_organisation", "id", organisation.pk)
        assert IBAN not in _raw("offices_historicalorganisation", "id", organisation.pk)
        assert Organisation.objects.get(pk=organisation.pk).iban == IBAN
