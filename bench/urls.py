"""The portal's URLs plus the two baseline views every scenario is compared with."""

from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.urls import include, path

HELLO = "<!doctype html><html lang=de><title>Hallo</title><p>Hallo WIR-Portal</p></html>"
ONE_QUERY_EMAIL = "bench.case_worker@bench.invalid"


def hello(request):
    """No database, full middleware stack: the ceiling of this server for a Django view."""
    return HttpResponse(HELLO)


def one_query(request):
    """Exactly one query on a unique index (the user table grows with the data)."""
    email = get_user_model().objects.filter(email=ONE_QUERY_EMAIL).values_list("email", flat=True)
    return HttpResponse(f"<!doctype html><html lang=de><title>Eins</title><p>{email.first()}</p>")


urlpatterns = [
    path("bench/hello", hello, name="bench-hello"),
    path("bench/one-query", one_query, name="bench-one-query"),
    path("", include("config.urls")),
]
