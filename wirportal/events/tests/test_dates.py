"""Event dates on pages follow the reader's language; mails and the check-in list stay German."""

import csv
import io
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pikepdf
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from .factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def event(world):
    return EventFactory(
        slug="maerz",
        description="Austausch der Koordinationen.",  # random words could contain "Uhr"
        host_office=world["office_x"],
        starts_at=datetime(2027, 3, 10, 10, 0, tzinfo=BERLIN),
        ends_at=datetime(2027, 3, 10, 16, 0, tzinfo=BERLIN),
        registration_opens_at=timezone.now() - timedelta(days=1),
        registration_closes_at=datetime(2027, 3, 8, 18, 0, tzinfo=BERLIN),
    )


def _english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_event_page_in_english_writes_british_dates(event, client):
    html = _english(client).get(reverse("events:event-detail", args=[event.slug])).content
    text = html.decode()
    assert "Wednesday 10 March 2027, 10:00–16:00" in text
    assert "8 March 2027, 18:00" in text
    assert "Uhr" not in text and "März" not in text


def test_event_page_in_german_writes_german_dates(event, client):
    text = client.get(reverse("events:event-detail", args=[event.slug])).content.decode()
    assert "Mittwoch, 10. März 2027, 10:00–16:00 Uhr" in text
    assert "8. März 2027, 18:00 Uhr" in text


def test_event_list_uses_the_short_format_of_the_language(event, client):
    german = client.get(reverse("events:event-list")).content.decode()
    english = _english(client).get(reverse("events:event-list")).content.decode()
    assert "10.03.2027 10:00" in german
    assert "10/03/2027 10:00" in english and "10.03.2027" not in english


def test_mail_is_german_even_when_the_person_reads_english(
    event, client, mailoutbox, django_capture_on_commit_callbacks
):
    data = {
        "first_name": "Ada",
        "last_name": "Muster",
        "email": "ada@example.org",
        "organisation_name": "Caritas",
        "consent": "on",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = _english(client).post(reverse("events:event-register", args=[event.slug]), data)
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert "Mittwoch, 10. März 2027, 10:00–16:00 Uhr" in mailoutbox[0].body


def test_check_in_list_stays_german_with_the_english_cookie(event, login, world):
    RegistrationFactory(event=event, last_name="Öztürk")
    client = _english(login(world.users["coordinator_x"]))
    response = client.get(reverse("events:check-in-pdf", args=[event.slug]))
    assert response.status_code == 200
    with pikepdf.open(io.BytesIO(response.content)) as pdf:
        title = str(pdf.docinfo["/Title"])
    assert title == f"Einlassliste – {event.title}"


def test_export_dates_follow_the_language_of_the_header(event, login, world):
    RegistrationFactory(event=event)
    client = _english(login(world.users["programme_staff"]))
    response = client.get(reverse("events:registration-export", args=[event.slug, "csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] != "Nachname"  # the header row is English
    assert re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d", rows[1][10])
