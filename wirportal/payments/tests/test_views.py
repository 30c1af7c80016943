"""Pages of money out: a refused call-down says why next to the field and keeps the input;
four eyes in the view; the SEPA file is offered as built; constant queries."""

from datetime import date

import pytest
from django.utils import timezone

from wirportal.payments import services
from wirportal.payments.models import PaymentRequest, PaymentRun, RequestStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def march_2027(monkeypatch):
    fixed = date(2027, 3, 2)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: fixed)
    return fixed


def test_refused_amount_says_why_next_to_the_field_and_keeps_the_input(
    world, grant, login, march_2027
):
    client = login(world.users["applicant_a"])
    url = f"/mittelabrufe/abruf/{grant.pk}/"
    response = client.post(
        url,
        {
            "amount": "1.950,01",
            "needed_on": "2027-04-13",
            "due_expenses": "2.400,00",
            "token": "8d4c2f2e-0f4e-4d8e-9a59-2f8e3e0c1a11",
        },
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "höchstens 1.950,00" in html
    assert (
        'value="1.950,01"' in html and 'value="2.400,00"' in html and 'value="2027-04-13"' in html
    )
    assert 'aria-invalid="true"' in html
    assert not PaymentRequest.objects.exists()


def test_too_late_date_is_refused_at_the_date_field(world, grant, login, march_2027):
    client = login(world.users["applicant_a"])
    response = client.post(
        f"/mittelabrufe/abruf/{grant.pk}/",
        {
            "amount": "100,00",
            "needed_on": "2027-04-20",
            "due_expenses": "200,00",
            "token": "8d4c2f2e-0f4e-4d8e-9a59-2f8e3e0c1a12",
        },
    )
    assert response.status_code == 422
    assert "13.04.2027" in response.content.decode()


def test_call_down_sent_twice_is_one_request(world, grant, login, march_2027):
    client = login(world.users["applicant_a"])
    data = {
        "amount": "1.950,00",
        "needed_on": "2027-04-13",
        "due_expenses": "2.400,00",
        "token": "8d4c2f2e-0f4e-4d8e-9a59-2f8e3e0c1a13",
    }
    first = client.post(f"/mittelabrufe/abruf/{grant.pk}/", data)
    second = client.post(f"/mittelabrufe/abruf/{grant.pk}/", data)
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]
    assert PaymentRequest.objects.count() == 1


def test_the_checker_gets_403_when_ordering(world, grant, login, march_2027):
    payment = services.payment_request_create(
        decision=grant,
        by=world.users["applicant_a"],
        amount=100,
        needed_on=date(2027, 3, 10),
        due_expenses=200,
        token="8d4c2f2e-0f4e-4d8e-9a59-2f8e3e0c1a14",
    )
    services.payment_request_check(payment=payment, by=world.users["case_worker"])
    client = login(world.users["case_worker"])
    assert client.post(f"/mittelabrufe/{payment.pk}/anordnen/").status_code == 403
    detail = client.get(f"/mittelabrufe/{payment.pk}/").content.decode()
    assert "Eine andere Person muss die Zahlung anordnen" in detail
    assert "Zahlung anordnen</span>" not in detail
    client = login(world.users["admin"])  # not even the technical administration, once it checked
    PaymentRequest.objects.filter(pk=payment.pk).update(checked_by=world.users["admin"])
    assert client.post(f"/mittelabrufe/{payment.pk}/anordnen/").status_code == 403
    assert PaymentRequest.objects.get(pk=payment.pk).status == RequestStatus.CHECKED


def test_other_organisations_see_none_of_the_requests(world, grant, login, march_2027):
    services.payment_request_create(
        decision=grant,
        by=world.users["applicant_a"],
        amount=100,
        needed_on=date(2027, 3, 10),
        due_expenses=200,
        token="8d4c2f2e-0f4e-4d8e-9a59-2f8e3e0c1a15",
    )
    page = login(world.users["applicant_b"]).get("/mittelabrufe/").content.decode()
    assert grant.application.reference not in page
    page = login(world.users["applicant_a"]).get("/mittelabrufe/").content.decode()
    assert grant.application.reference in page


def test_download_serves_the_file_as_built(world, grant, login, march_2027, second_case_worker):
    payment = services.payment_request_create(
        decision=grant,
        by=world.users["applicant_a"],
        amount=100,
        needed_on=date(2027, 3, 10),
        due_expenses=200,
        token="8d4c2f2e-0f4e-4d8e-9a59-2f8e3e0c1a16",
    )
    services.payment_request_check(payment=payment, by=world.users["case_worker"])
    services.payment_request_order(payment=payment, by=second_case_worker)
    client = login(world.users["programme_staff"])
    response = client.post("/zahllaeufe/", {"execution_date": "2027-03-05"})
    run = PaymentRun.objects.get()
    assert response.headers["Location"] == f"/zahllaeufe/{run.pk}/"
    download = client.get(f"/zahllaeufe/{run.pk}/datei/")
    assert download.content.decode() == run.xml
    assert download.headers["Content-Disposition"] == f'attachment; filename="{run.filename}"'
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    from wirportal.audit.models import AuditEntry

    entry = AuditEntry.objects.get(action="payment_run.downloaded")
    assert entry.actor == world.users["programme_staff"] and entry.data["sha256"] == run.sha256


def test_request_list_constant_queries(world, grant, login, march_2027, django_assert_num_queries):
    from wirportal.core.testing import assert_constant_queries

    client = login(world.users["case_worker"])
    counter = iter(range(100))

    def add_rows():
        for _ in range(3):
            services.payment_request_create(
                decision=grant,
                by=world.users["applicant_a"],
                amount=10,
                needed_on=date(2027, 3, 10),
                due_expenses=20,
                token=f"8d4c2f2e-0f4e-4d8e-9a59-2f8e3e0c1b{next(counter):02d}",
            )

    add_rows()
    assert_constant_queries(
        django_assert_num_queries, lambda: client.get("/mittelabrufe/"), add_rows
    )


def test_cached_call_down_page_fresh_tokens_and_new_payments_shown(
    world, grant, login, march_2027, page_cache, django_capture_on_commit_callbacks, settings
):
    """The page body is a cached fragment (core.caching): every response has its own one-time
    token and CSRF token, and a new call-down shows on the next request (negative control: the
    entry is used while nothing changed)."""
    import re

    client = login(world.users["applicant_a"])
    url = f"/mittelabrufe/abruf/{grant.pk}/"

    def token(html: str) -> str:
        return re.search(r'name="token" value="([0-9a-f-]{36})"', html).group(1)

    first, second = client.get(url).content.decode(), client.get(url).content.decode()
    assert token(first) != token(second)
    assert any(":fragment:" in key for key in page_cache._cache)
    assert "1.234,00" not in second  # nothing called yet
    with django_capture_on_commit_callbacks(execute=True):
        services.payment_request_create(
            decision=grant,
            by=world.users["applicant_a"],
            amount=1234,
            needed_on=date(2027, 4, 13),
            due_expenses=2400,
            token="8d4c2f2e-0f4e-4d8e-9a59-2f8e3e0c1a20",
        )
    third = client.get(url).content.decode()
    assert "1.234,00" in third  # the plan shows the new call-down
    # negative control: a write without a bump (QuerySet.update) stays invisible: cached
    settings.WIR_CACHE_VERIFY = False  # the cache-verify run would refuse to serve it
    PaymentRequest.objects.update(amount=1000)
    assert "1.234,00" in client.get(url).content.decode()


def test_call_down_page_cached_by_another_server_still_gets_a_fresh_token(
    world, grant, login, march_2027, page_cache
):
    """The one-time token (idempotency key of a call-down) is new in every response, also when
    the cached page was rendered by another process or server (they share the Redis entries):
    a token served twice would turn the second call-down into a resend of the first."""
    import importlib
    import re

    from wirportal.payments import views

    client = login(world.users["applicant_a"])
    url = f"/mittelabrufe/abruf/{grant.pk}/"

    def token(html: str) -> str:
        return re.search(r'name="token" value="([0-9a-f-]{36})"', html).group(1)

    client.get(url)  # rendered and stored by "this" process
    # another process: the module's values computed anew, the shared entries are the same
    importlib.reload(views)
    tokens = {token(client.get(url).content.decode()) for _ in range(3)}
    assert len(tokens) == 3
