from wirportal.core.testing import Case

# the ministry's programme staff watch the mail delivery (and the superuser)
MAIL_STAFF = frozenset({"programme_staff", "admin"})


def build(world):
    """A failed mail (its task row written in the test's transaction, never run)."""
    from django.db import transaction

    from wirportal.notifications.tasks import send_mail_task

    with transaction.atomic():
        result = send_mail_task.enqueue(subject="Test", body="B", to=["x@example.org"])
    row = result.db_result
    row.claim("matrix")
    row.set_failed(ConnectionRefusedError("Connection refused"))
    world.objects["failed_mail"] = row


CASES = [
    Case("notifications:undelivered", MAIL_STAFF),
    Case(
        "notifications:retry",
        MAIL_STAFF,
        kwargs=lambda w: {"task_id": w["failed_mail"].id},
        method="post",
    ),
]
