"""/healthz watches the mail worker (issue #9): its last beat and the oldest waiting task."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from wirportal.core.worker import BEAT_KEY, ResilientWorker
from wirportal.notifications.tasks import send_mail_task


@pytest.fixture
def watched(settings):
    settings.WIR_WORKER_BEAT_MAX_AGE = 300
    settings.WIR_TASK_MAX_WAIT = 600
    cache.delete(BEAT_KEY)
    yield settings
    cache.delete(BEAT_KEY)


def _queue_mail(waiting: timedelta) -> DBTaskResult:
    with transaction.atomic():
        result = send_mail_task.enqueue(subject="S", body="B", to=["a@example.org"])
    DBTaskResult.objects.filter(id=result.id).update(enqueued_at=timezone.now() - waiting)
    return DBTaskResult.objects.get(id=result.id)


def _beat(ago: timedelta) -> None:
    cache.set(BEAT_KEY, timezone.now() - ago, timeout=None)


@pytest.mark.django_db
def test_healthy_worker_and_short_queue(client, watched):
    _beat(timedelta(seconds=10))
    _queue_mail(timedelta(seconds=30))
    response = client.get(reverse("core:healthz"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["database"] == "ok"
    assert 9 <= body["worker_last_beat_seconds"] <= 60
    assert 29 <= body["oldest_queued_task_seconds"] <= 90


@pytest.mark.django_db
def test_a_task_waiting_too_long_gives_503(client, watched):
    _beat(timedelta(seconds=5))
    _queue_mail(timedelta(minutes=20))
    _queue_mail(timedelta(minutes=1))
    response = client.get(reverse("core:healthz"))
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error" and body["database"] == "ok"
    assert body["problems"] == ["queue"]
    assert 1199 <= body["oldest_queued_task_seconds"] <= 1260


@pytest.mark.django_db
def test_a_stale_or_missing_worker_beat_gives_503(client, watched):
    _beat(timedelta(minutes=10))
    response = client.get(reverse("core:healthz"))
    assert response.status_code == 503
    assert response.json()["problems"] == ["worker"]
    assert response.json()["oldest_queued_task_seconds"] is None

    cache.delete(BEAT_KEY)  # the worker never ran
    response = client.get(reverse("core:healthz"))
    assert response.status_code == 503
    assert response.json()["worker_last_beat_seconds"] is None


@pytest.mark.django_db(transaction=True)
def test_the_worker_beats_and_empties_the_queue(client, watched, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    task = _queue_mail(timedelta(minutes=20))
    assert client.get(reverse("core:healthz")).status_code == 503

    ResilientWorker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
        excluded_queue_names=[],
    ).run()

    task.refresh_from_db()
    assert task.status == "SUCCESSFUL" and len(mail.outbox) == 1
    response = client.get(reverse("core:healthz"))
    assert response.status_code == 200
    assert response.json()["worker_last_beat_seconds"] < 60
    assert response.json()["oldest_queued_task_seconds"] is None
