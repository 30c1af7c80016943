"""The one pattern for pages that call a service (`core.views.form_page`, `button_action`)."""

import pytest
from django import forms
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.test import RequestFactory

from wirportal.core.exceptions import DomainError
from wirportal.core.views import Saved, button_action, form_page

TEMPLATE = "core/imprint.html"  # any page: these tests look at the form and the response


class NameForm(forms.Form):
    name = forms.CharField()
    email = forms.EmailField(required=False)


def _request(method="post", data=None):
    request = getattr(RequestFactory(), method)("/", data or {})
    request.session = SessionStore()
    request._messages = FallbackStorage(request)  # as Django's docs do for RequestFactory
    request.user = AnonymousUser()
    return request


def _texts(request):
    return [(m.level, str(m)) for m in messages.get_messages(request)]


def _refuse(field=None):
    def save(data):
        raise DomainError("Nein.", field=field)

    return save


@pytest.mark.django_db
class TestFormPage:
    def test_success_redirects_with_the_done_message(self):
        request = _request(data={"name": "Ada"})
        response = form_page(
            request, NameForm(request.POST), lambda data: "/weiter/", template=TEMPLATE, done="Ok."
        )
        assert (response.status_code, response.url) == (302, "/weiter/")
        assert _texts(request) == [(messages.SUCCESS, "Ok.")]

    def test_a_refusal_goes_next_to_its_field_and_keeps_the_input(self):
        request = _request(data={"name": "Ada", "email": "ada@example.org"})
        form = NameForm(request.POST)
        response = form_page(request, form, _refuse("email"), template=TEMPLATE, done="Ok.")
        assert response.status_code == 422
        assert form.errors == {"email": ["Nein."]}
        assert form["name"].value() == "Ada"
        assert _texts(request) == []

    def test_a_refusal_without_a_field_goes_to_the_default_field(self):
        request = _request(data={"name": "Ada"})
        form = NameForm(request.POST)
        form_page(request, form, _refuse(), template=TEMPLATE, error_field="name")
        assert form.errors == {"name": ["Nein."]}

    def test_a_refusal_naming_another_field_goes_to_the_default_field_too(self):
        request = _request(data={"name": "Ada"})
        form = NameForm(request.POST)
        form_page(request, form, _refuse("iban"), template=TEMPLATE, error_field="name")
        assert form.errors == {"name": ["Nein."]}

    def test_without_a_default_field_it_stands_above_the_form(self):
        request = _request(data={"name": "Ada"})
        form = NameForm(request.POST)
        form_page(request, form, _refuse("iban"), template=TEMPLATE)
        assert form.non_field_errors() == ["Nein."]

    def test_show_error_replaces_the_placement(self):
        request = _request(data={"name": "Ada"})
        form = NameForm(request.POST)
        seen = []
        form_page(
            request,
            form,
            _refuse("name"),
            template=TEMPLATE,
            show_error=lambda f, error: seen.append(error.message),
        )
        assert seen == ["Nein."]

    def test_the_lazy_context_is_built_only_when_the_page_is_shown(self):
        built = []

        def context():
            built.append(1)
            return {}

        request = _request(data={"name": "Ada"})
        form_page(
            request, NameForm(request.POST), lambda d: "/", template=TEMPLATE, context=context
        )
        assert built == []
        request = _request(data={})
        response = form_page(
            request, NameForm(request.POST), lambda d: "/", template=TEMPLATE, context=context
        )
        assert (response.status_code, built) == (422, [1])

    def test_saved_brings_its_own_message_and_none_shows_the_page_again(self):
        request = _request(data={"name": "Ada"})
        save = lambda d: Saved("/da/", "Anders.", level=messages.INFO)  # noqa: E731
        response = form_page(request, NameForm(request.POST), save, template=TEMPLATE, done="Ok.")
        assert (response.url, _texts(request)) == ("/da/", [(messages.INFO, "Anders.")])
        request = _request(data={"name": "Ada"})
        response = form_page(request, NameForm(request.POST), lambda d: None, template=TEMPLATE)
        assert response.status_code == 200

    def test_get_shows_the_empty_form(self):
        request = _request("get")
        form = NameForm(None)
        response = form_page(request, form, _refuse(), template=TEMPLATE)
        assert response.status_code == 200 and not form.errors


@pytest.mark.django_db
class TestButtonAction:
    def test_success_goes_back_with_the_message(self):
        request = _request()
        response = button_action(request, lambda: object(), back="/zurueck/", done="Erledigt.")
        assert (response.url, _texts(request)) == ("/zurueck/", [(messages.SUCCESS, "Erledigt.")])

    def test_a_refusal_goes_back_as_an_error_message(self):
        request = _request()
        response = button_action(request, _refuse_now, back="/zurueck/", done="Erledigt.")
        assert (response.url, _texts(request)) == ("/zurueck/", [(messages.ERROR, "Nein.")])


def _refuse_now():
    raise DomainError("Nein.")
