"""Issue #17: a block of German text on a page in another language says it is German.

Event and unit texts are written in German only; the English pages showed them under the
page's lang="en" (screen readers read German words with an English voice)."""

import pytest

pytestmark = pytest.mark.django_db


def test_english_event_page_marks_the_german_texts(reference_data, client, settings):
    from wirportal.events.tests.factories import EventFactory

    event = EventFactory(title="Vernetzungstreffen Nord", description="Austausch der Träger.")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(f"/veranstaltungen/{event.slug}/").content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert '<h1 class="kern-heading-x-large" lang="de">Vernetzungstreffen Nord</h1>' in html
    assert '<div class="kern-body portal-section" lang="de">' in html


def test_english_unit_page_marks_the_german_texts(reference_data, client, settings):
    from wirportal.offices.models import Office

    office = Office.objects.get(slug="kassel")
    office.office_name = "WIR-Vielfaltszentrum der Stadt Kassel"
    office.save()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(f"/einheiten/{office.slug}/").content.decode()
    assert '<p class="kern-body kern-body--large" lang="de">WIR-Vielfaltszentrum' in html
