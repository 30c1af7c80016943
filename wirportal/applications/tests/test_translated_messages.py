"""Issue #10: refusals are shown in the reader's language (German source, English catalogue).

A refusal kept in the database (`Application.invalid_input`) is stored as its German source
text with its values and translated when it is shown, never stored in the reader's language."""

from datetime import date

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from wirportal.applications import services
from wirportal.applications.models import Application
from wirportal.core.exceptions import DeadlineMissed, NotAllowed
from wirportal.programmes.tests.factories import CallFactory

pytestmark = pytest.mark.django_db


def _english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _autosave(client, application, data):
    return client.post(
        reverse("applications:application-autosave", kwargs={"pk": application.pk}),
        data,
        headers={"HX-Request": "true"},
    )


def _editor(client, application) -> str:
    response = client.get(reverse("applications:application-edit", kwargs={"pk": application.pk}))
    assert response.status_code == 200
    return response.content.decode()


def test_a_domain_error_is_english_for_an_english_reader(world, today):
    call = CallFactory()
    applicant = world.users["applicant_a"]
    with translation.override("en"), pytest.raises(NotAllowed) as refusal:
        services.application_create(call=call, organisation=world["org_b"], by=applicant)
    assert refusal.value.message == "You are not a member of this organisation."
    with pytest.raises(NotAllowed) as refusal:  # German stays the source language
        services.application_create(call=call, organisation=world["org_b"], by=applicant)
    assert refusal.value.message == "Sie sind nicht Mitglied dieses Trägers."


def test_a_domain_error_with_values_is_english_with_the_readers_date_format(world, today):
    closed = CallFactory(opens_at=date(2025, 9, 1), closes_at=date(2025, 12, 31))
    applicant = world.users["applicant_a"]
    with translation.override("en"), pytest.raises(DeadlineMissed) as refusal:
        services.application_create(call=closed, organisation=world["org_a"], by=applicant)
    assert refusal.value.message == (
        "The call for proposals is not open (applications from 01/09/2025 to 31/12/2025)."
    )
    with pytest.raises(DeadlineMissed) as refusal:
        services.application_create(call=closed, organisation=world["org_a"], by=applicant)
    assert refusal.value.message == (
        "Der Förderaufruf ist nicht geöffnet (Antragstellung 01.09.2025 bis 31.12.2025)."
    )
    assert not Application.objects.exists()


def test_submission_refusals_are_english_on_the_english_page(draft, world, client):
    client.force_login(world.users["applicant_a"])
    response = _english(client).post(
        reverse("applications:application-submit", kwargs={"pk": draft.pk}),
        {"title": "", "_complete": "1"},
    )
    assert response.status_code == 422
    content = response.content.decode()
    assert "Please enter a project title." in content
    assert "Bitte geben Sie einen Projekttitel an." not in content


def test_stored_input_error_is_kept_in_german_and_shown_in_the_readers_language(
    draft, world, client
):
    client.force_login(world.users["applicant_a"])
    response = _autosave(_english(client), draft, {"participants_planned": "zwanzig"})
    assert "Please enter a whole number." in response.content.decode()
    stored = Application.objects.get(pk=draft.pk).invalid_input["participants_planned"]
    assert stored["error"] == "Bitte geben Sie eine ganze Zahl an."  # never English in the DB
    assert stored["value"] == "zwanzig"
    assert "Please enter a whole number." in _editor(client, draft)
    del client.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert "Bitte geben Sie eine ganze Zahl an." in _editor(client, draft)


def test_stored_input_error_with_a_value_is_translated_with_its_value(draft, world, client):
    client.force_login(world.users["applicant_a"])
    _autosave(_english(client), draft, {"participants_planned": "123456789"})
    stored = Application.objects.get(pk=draft.pk).invalid_input["participants_planned"]
    assert stored["error"] == "Bitte geben Sie eine Zahl mit höchstens %(digits)s Stellen an."
    assert stored["params"] == {"digits": "7"}
    assert "Please enter a number with at most 7 digits." in _editor(client, draft)
    del client.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert "Bitte geben Sie eine Zahl mit höchstens 7 Stellen an." in _editor(client, draft)


def test_an_older_entry_stored_as_german_text_is_still_shown(draft, world, client):
    draft.invalid_input = {"title": {"value": "x", "error": "Bitte prüfen Sie diese Eingabe."}}
    draft.save(update_fields=["invalid_input"])
    client.force_login(world.users["applicant_a"])
    assert "Please check this input." in _editor(_english(client), draft)
