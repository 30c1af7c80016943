import pytest
from django.core import mail
from django.db import transaction

from wirportal.notifications.services import notify

pytestmark = pytest.mark.django_db(transaction=True)


def test_mail_is_sent_by_the_task_only_after_commit(tmp_path, settings):
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "hello_subject.txt").write_text("Hallo {{ name }}")
    (tmp_path / "t" / "hello_body.txt").write_text(
        "Guten Tag {{ name }}, Ihr Antrag ist eingegangen."
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    with transaction.atomic():
        notify(
            to=["a@example.org", "a@example.org", ""],
            template="t/hello",
            context={"name": "Frau Demir"},
        )
        assert mail.outbox == []
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["a@example.org"]
    assert message.subject == "[WIR-Portal] Hallo Frau Demir"
    assert "Ihr Antrag ist eingegangen" in message.body


def test_nothing_is_sent_when_the_transaction_rolls_back(tmp_path, settings):
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "x_subject.txt").write_text("S")
    (tmp_path / "t" / "x_body.txt").write_text("B")
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    with pytest.raises(RuntimeError), transaction.atomic():
        notify(to=["a@example.org"], template="t/x", context={})
        raise RuntimeError
    assert mail.outbox == []


def test_binary_attachments_survive_the_task_queue(tmp_path, settings):
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "r_subject.txt").write_text("Eingangsbestätigung")
    (tmp_path / "t" / "r_body.txt").write_text("Anbei")
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    pdf = b"%PDF-1.7\n\x00\xff binary"
    with transaction.atomic():
        notify(
            to=["a@example.org"],
            template="t/r",
            context={},
            attachments=[
                ("eingang.pdf", pdf, "application/pdf"),
                ("termin.ics", "BEGIN:VCALENDAR", "text/calendar"),
            ],
        )
    names = {name: content for name, content, _mime in mail.outbox[0].attachments}
    assert names["eingang.pdf"] == pdf
    assert "BEGIN:VCALENDAR" in str(names["termin.ics"])
