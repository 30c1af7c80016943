"""The project's URLs plus two public pages for tests/test_page_cache.py: one that puts a CSRF
token into its form, one that does not."""

from django.http import HttpResponse
from django.template import engines
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns
from wirportal.core.caching import public_page

_FORM = engines["django"].from_string(
    '<form method="post">{% csrf_token %}<button type="submit">Los</button></form>'
)


@public_page()
def with_form(request):
    return HttpResponse(_FORM.render({}, request))


@public_page()
def without_form(request):
    return HttpResponse("<p>Nur Text</p>")


urlpatterns = [
    path("test-public/with-form/", with_form),
    path("test-public/without-form/", without_form),
    *project_urlpatterns,
]
