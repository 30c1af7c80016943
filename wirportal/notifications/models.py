"""The mail log: which mail about a case went to whom, and whether it went out (issue #12)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


def mail_log_version(about: str) -> str:
    """The content-version name of a case's mail log (core.caching): the page that shows the log
    caches it under this token; a new mail and each outcome renew it (`bump`)."""
    return f"mails:{about}"


class MailStatus(models.TextChoices):
    QUEUED = "queued", _("in Warteschlange")
    SENT = "sent", _("gesendet")
    FAILED = "failed", _("fehlgeschlagen")


class MailRecord(models.Model):
    """One row per recipient of a mail that `notify(about=…)` queued about a case.

    `about` is a plain key of the case, e.g. `application:<pk>`: notifications sits below the
    apps whose objects the mails report (import-linter layers), so it keeps no foreign key to them;
    the owning app reads its log by that key (`applications.selectors.mail_log`).

    Personal data kept to what the log needs: the recipient's address (to show who got what and
    to show applicants only the mails sent to themselves), the subject line (to recognise the
    mail; it carries the reference and the title the case already shows), the template (what kind
    of mail), when it was queued and sent, and the status. Not kept: the body, the attachments,
    the error text (the task row keeps those until django-tasks-db prunes it).

    Kept as long as the case it is about: no application is deleted today; whatever deletes one
    at the end of its retention period calls `notifications.services.mail_log_erase(about=…)`.
    """

    about = models.CharField(_("Vorgang"), max_length=60)
    recipient = models.EmailField(_("Empfänger"))
    subject = models.CharField(_("Betreff"), max_length=255)
    template = models.CharField(_("Vorlage"), max_length=120)
    queued_at = models.DateTimeField(_("Eingereiht am"), auto_now_add=True)
    sent_at = models.DateTimeField(_("Gesendet am"), null=True, blank=True)
    status = models.CharField(
        _("Status"), max_length=10, choices=MailStatus.choices, default=MailStatus.QUEUED
    )

    class Meta:
        verbose_name = _("Protokollierte E-Mail")
        verbose_name_plural = _("E-Mail-Protokoll")
        ordering = ["-queued_at", "-pk"]
        indexes = [models.Index(fields=["about", "recipient"], name="mailrecord_about_recipient")]

    def __str__(self) -> str:
        return f"{self.about}: {self.subject}"
