"""Short-lived threads leave no database connection and no file open (issue #13).

The prepared queries kept every thread's connection alive (compiled state keyed weakly by the
connection but referring to it: 1,768 open file handles after an hour of `make run`). Every
thread of a threaded server (runserver, gunicorn gthread) opens its own connection; when the
thread ends, nothing may keep that connection.
"""

import gc
import os
import threading

import pytest
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client
from django.urls import reverse

from wirportal.accounts.roles import Role


def _open_connections() -> int:
    gc.collect()
    return sum(
        isinstance(thing, BaseDatabaseWrapper) and thing.connection is not None
        for thing in gc.get_objects()
    )


def _open_files() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.mark.django_db(transaction=True)
def test_many_short_lived_threads_leave_connections_and_files_flat(reference_data):
    from wirportal.accounts.tests.factories import UserFactory
    from wirportal.applications.tests.factories import ApplicationFactory
    from wirportal.offices.tests.factories import OrganisationMembershipFactory

    user = UserFactory(role=Role.APPLICANT)
    application = ApplicationFactory()
    OrganisationMembershipFactory(organisation=application.organisation, user=user)
    signed_in = Client()
    signed_in.force_login(user)
    urls = [
        reverse("accounts:me"),  # session and person
        reverse("applications:application-detail", args=[application.pk]),
        reverse("events:event-list"),
    ]
    errors: list[BaseException] = []

    def requests() -> None:
        try:
            client = Client()
            client.cookies = signed_in.cookies
            for url in urls:
                assert client.get(url).status_code == 200, url
        except BaseException as error:  # reported by the test's thread
            errors.append(error)

    def threads(count: int) -> None:
        for _ in range(count):
            thread = threading.Thread(target=requests)
            thread.start()
            thread.join()

    threads(3)  # one-off work of the first requests (templates, translations)
    connections_before, files_before = _open_connections(), _open_files()
    threads(30)
    assert not errors, errors[0]
    assert _open_connections() <= connections_before
    assert _open_files() <= files_before + 2  # logging, a template file being read
