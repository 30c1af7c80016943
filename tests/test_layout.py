"""The layout around every page (core/templatetags/layout.py): what each person sees in the header."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from wirportal.accounts.roles import Role
from wirportal.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_visitor_gets_the_login_button_and_no_account_links(client):
    html = client.get(reverse("offices:office-list")).content.decode()
    assert reverse("account_login") in html
    assert reverse("account_logout") not in html
    assert '<a class="portal-nav__link" href="/einheiten/" aria-current="page">' in html
    assert 'href="/sprache/en/?next=/einheiten/"' in html


def test_a_signed_in_person_sees_the_own_name_and_logs_out_with_the_header_form():
    user = UserFactory(role=Role.APPLICANT, first_name="Ayşe", last_name="<Kaya>")
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    html = client.get(reverse("accounts:me")).content.decode()
    assert "Ayşe &lt;Kaya&gt;" in html  # escaped
    form = re.search(
        r'<form action="/accounts/logout/" method="post"><input type="hidden" '
        r'name="csrfmiddlewaretoken" value="([^"]+)">',
        html,
    )
    assert form is not None
    client.post(reverse("account_logout"), {"csrfmiddlewaretoken": form.group(1)})
    assert client.get(reverse("accounts:me")).status_code == 302


def test_the_navigation_follows_the_role(client):
    client.force_login(UserFactory(role=Role.APPLICANT))
    applicant = client.get(reverse("accounts:me")).content.decode()
    assert "Meine Anträge" in applicant and reverse("programmes:budget-overview") not in applicant
    client.force_login(UserFactory(role=Role.PROGRAMME_STAFF))
    staff = client.get(reverse("accounts:me")).content.decode()
    assert "Meine Anträge" not in staff and reverse("programmes:budget-overview") in staff


def test_messages_are_shown_escaped_with_their_level(rf):
    from django.contrib import messages
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.db import SessionStore
    from django.template import engines

    page = engines["django"].from_string(
        '{% extends "base.html" %}{% block content %}x{% endblock %}'
    )
    request = rf.get("/einheiten/")
    request.user, request.session = AnonymousUser(), SessionStore()
    request._messages = FallbackStorage(request)
    messages.error(request, "Nicht gespeichert <b>")
    html = page.render({}, request)
    assert 'class="kern-alert kern-alert--danger" role="alert"' in html
    assert "Nicht gespeichert &lt;b&gt;" in html


def test_the_server_error_page_renders_without_a_request():
    from django.template.loader import get_template

    html = get_template("500.html").render({})
    assert reverse("account_login") in html and "portal-nav" in html


def test_english_header_links_back_to_german():
    client = Client()
    client.cookies["django_language"] = "en"
    html = client.get(reverse("offices:office-list")).content.decode()
    assert 'href="/sprache/de/?next=/einheiten/" lang="de" hreflang="de"' in html
    assert "Zum Inhalt springen" not in html


def test_all_forms_of_a_page_carry_the_same_valid_token():
    """Header, page forms and cached fragments share one masked token (core/csrf.py)."""
    user = UserFactory(role=Role.APPLICANT)
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    html = client.get(reverse("accounts:me")).content.decode()
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert len(tokens) >= 2 and len(set(tokens)) == 1
    again = client.get(reverse("accounts:me")).content.decode()
    assert re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', again)[0] != tokens[0]


def test_the_navigation_marks_its_section_on_the_pages_below_it(client):
    client.force_login(UserFactory(role=Role.APPLICANT))
    html = client.get(reverse("offices:office-detail", args=[_any_office_pk()])).content.decode()
    current = re.findall(r'<a class="portal-nav__link" href="([^"]+)" aria-current="page">', html)
    assert current == [reverse("offices:office-list")]


def _any_office_pk() -> int:
    from wirportal.offices.models import Office

    return Office.objects.values_list("pk", flat=True).first()


def test_the_header_is_one_balanced_element_with_the_user_box_inside(client):
    """The layout's parts are balanced HTML: the header opens and closes in core/layout/
    header.html, the user box and the navigation sit in its slots."""
    from wirportal.core.templatetags.layout import _rendered_part

    template = _rendered_part("header", "de")
    assert template.count("<header") == template.count("</header>") == 1
    assert template.count("<div") == template.count("</div>")
    html = client.get(reverse("offices:office-list")).content.decode()
    header = html[html.index("<header") : html.index("</header>")]
    assert 'class="portal-userbox"' in header and reverse("account_login") in header
    assert 'class="portal-nav"' in header
    assert "wir-slot" not in html


def test_the_navigation_is_shared_by_role_not_by_person():
    """Two people of one role get the same navigation; the other role's differs."""
    first, second = UserFactory(role=Role.APPLICANT), UserFactory(role=Role.APPLICANT)
    staff = UserFactory(role=Role.PROGRAMME_STAFF)

    def navigation(user) -> str:
        client = Client()
        client.force_login(user)
        html = client.get(reverse("accounts:me")).content.decode()
        return html[html.index('<nav class="portal-nav"') : html.index("</header>")]

    assert navigation(first) == navigation(second) != navigation(staff)
