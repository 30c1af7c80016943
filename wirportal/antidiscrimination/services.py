"""Every write of the report channel (issue #16): one function per use case, audited.

Audit entries name the report by its public id only (`Report.__str__`) and never carry content,
contact data, an address or a browser: the reporter's own steps are recorded without an actor.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wirportal.audit.services import audit_record
from wirportal.core.exceptions import DomainError
from wirportal.documents.models import StoredDocument
from wirportal.documents.services import document_delete, document_store_generated
from wirportal.documents.validation import ValidatedUpload
from wirportal.notifications.services import notify
from wirportal.offices.models import Office

from . import receipt
from .models import (
    EVIDENCE_KIND,
    CounsellingCentre,
    Ground,
    Message,
    Report,
    ReportGround,
    ReportStatus,
    RetentionPolicy,
)
from .sanitize import strip_metadata
from .selectors import report_documents


@dataclass(frozen=True)
class Submitted:
    report: Report
    code: str  # shown once, never stored


def _store_files(report: Report, files: Sequence[ValidatedUpload], *, by) -> None:
    """Each file without its metadata and under a neutral name: a file name like
    "Kündigung_Anna_Muster.pdf" would name the reporter (threat model T4)."""
    start = StoredDocument.objects.filter(owner_id=report.pk, kind=EVIDENCE_KIND).count()
    for number, upload in enumerate(files, start=start + 1):
        upload.file.seek(0)
        content = strip_metadata(upload.file.read(), upload.kind)
        document_store_generated(
            content=content,
            filename=f"Datei-{number}.{upload.extension}",
            attach_to=report,
            kind=EVIDENCE_KIND,
            by=by,
            allowed=(upload.kind,),
        )


@transaction.atomic
def report_submit(
    *,
    description: str,
    happened_on: date,
    region: Office,
    place: str = "",
    life_area: str,
    grounds: Sequence[str],
    files: Sequence[ValidatedUpload] = (),
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    contact_consent: bool = False,
    referral_wanted: bool = False,
    share_description: bool = False,
    share_contact: bool = False,
    share_files: bool = False,
) -> Submitted:
    """Record a report; return it with its receipt code (the only time the code exists).

    Contact data is kept only with the consent to be contacted (Art. 6 Abs. 1 lit. a DSGVO);
    what may go to a counselling centre is kept only with the wish to be referred."""
    today = timezone.localdate()
    if happened_on > today:
        raise DomainError(_("Das Datum liegt in der Zukunft."), field="happened_on")
    if not grounds or any(ground not in Ground.values for ground in grounds):
        raise DomainError(_("Bitte wählen Sie mindestens ein Merkmal."), field="grounds")
    has_contact = bool(contact_name or contact_email or contact_phone)
    if has_contact and not contact_consent:
        raise DomainError(
            _("Wir speichern Kontaktdaten nur, wenn Sie einer Kontaktaufnahme zustimmen."),
            field="contact_consent",
        )
    if contact_consent and not (contact_email or contact_phone):
        raise DomainError(
            _("Für eine Kontaktaufnahme brauchen wir eine E-Mail-Adresse oder Telefonnummer."),
            field="contact_email",
        )
    secret = receipt.new_secret()
    for _attempt in range(20):
        try:
            with transaction.atomic():
                report = Report.objects.create(
                    public_id=receipt.new_public_id(),
                    code_hash=receipt.hash_secret(secret),
                    description=description,
                    happened_on=happened_on,
                    region=region,
                    place=place,
                    life_area=life_area,
                    contact_name=contact_name if contact_consent else "",
                    contact_email=contact_email if contact_consent else "",
                    contact_phone=contact_phone if contact_consent else "",
                    contact_consent=contact_consent,
                    referral_wanted=referral_wanted,
                    share_description=referral_wanted and share_description,
                    share_contact=referral_wanted and contact_consent and share_contact,
                    share_files=referral_wanted and share_files,
                    received_on=today,
                    last_activity_on=today,
                )
            break
        except IntegrityError:  # the random public id is taken: draw another one
            continue
    else:
        raise RuntimeError("no free public id for a report")
    ReportGround.objects.bulk_create(
        [ReportGround(report=report, ground=ground) for ground in dict.fromkeys(grounds)]
    )
    _store_files(report, files, by=None)
    audit_record(action="antidiscrimination.report_received", target=report, by=None)
    return Submitted(report=report, code=receipt.format_code(report.public_id, secret))


@transaction.atomic
def reporter_add(*, report: Report, text: str, files: Sequence[ValidatedUpload] = ()) -> Message:
    """The reporter adds information (with the receipt code; the view checked it)."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status == ReportStatus.CLOSED:
        raise DomainError(
            _("Diese Meldung ist abgeschlossen. Sie können gern eine neue Meldung abgeben."),
            field="text",
        )
    today = timezone.localdate()
    message = Message.objects.create(report=report, from_staff=False, text=text, sent_on=today)
    _store_files(report, files, by=None)
    report.last_activity_on = today
    report.save(update_fields=["last_activity_on"])
    audit_record(action="antidiscrimination.reporter_added", target=report, by=None)
    return message


@transaction.atomic
def staff_reply(*, report: Report, text: str, by) -> Message:
    """A reply the reporter reads with the receipt code (no mail: there may be no address)."""
    today = timezone.localdate()
    message = Message.objects.create(
        report=report, from_staff=True, author=by, text=text, sent_on=today
    )
    fields = ["last_activity_on"]
    report.last_activity_on = today
    if report.status == ReportStatus.NEW:
        report.status = ReportStatus.IN_PROGRESS
        fields.append("status")
    report.save(update_fields=fields)
    audit_record(action="antidiscrimination.replied", target=report, by=by)
    return message


@transaction.atomic
def report_triage(*, report: Report, status: str, internal_note: str, by) -> Report:
    if status not in (ReportStatus.NEW, ReportStatus.IN_PROGRESS):
        raise DomainError(
            _("Weitergeben und Abschließen haben eigene Schaltflächen."), field="status"
        )
    if report.status == ReportStatus.CLOSED:
        raise DomainError(_("Die Meldung ist abgeschlossen."), field="status")
    report.status = status
    report.internal_note = internal_note
    report.last_activity_on = timezone.localdate()
    report.save(update_fields=["status", "internal_note", "last_activity_on"])
    audit_record(action="antidiscrimination.triaged", target=report, by=by, data={"status": status})
    return report


def shared_content(report: Report) -> dict:
    """Exactly what a counselling centre receives: what the person agreed to share, and the
    facts needed to help (region, life area, grounds, date). Shown to staff before they send."""
    return {
        "public_id": report.public_id,
        "region": report.region.name,
        "place": report.place if report.share_description else "",
        "life_area": report.get_life_area_display(),
        "grounds": ", ".join(g.get_ground_display() for g in report.grounds.all()),
        "happened_on": report.happened_on.isoformat(),
        "description": report.description if report.share_description else "",
        "contact_name": report.contact_name if report.share_contact else "",
        "contact_email": report.contact_email if report.share_contact else "",
        "contact_phone": report.contact_phone if report.share_contact else "",
        "file_count": len(report_documents(report)) if report.share_files else 0,
    }


@transaction.atomic
def report_refer(*, report: Report, centre: CounsellingCentre, by) -> Report:
    """Pass the report to a counselling centre by mail: only what the person agreed to share
    (Art. 6 Abs. 1 lit. a, Art. 9 Abs. 2 lit. a DSGVO: the consent names what may be shared)."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    if not report.referral_wanted:
        raise DomainError(
            _("Die Person hat einer Weitergabe an eine Beratungsstelle nicht zugestimmt."),
            field="centre",
        )
    if report.status == ReportStatus.CLOSED:
        raise DomainError(_("Die Meldung ist abgeschlossen."), field="centre")
    if not centre.active:
        raise DomainError(_("Diese Beratungsstelle nimmt keine Weitergaben an."), field="centre")
    attachments = []
    if report.share_files:
        for document in report_documents(report):
            with default_storage.open(document.storage_name, "rb") as handle:
                attachments.append((document.display_name, handle.read(), document.mime_type))
    notify(
        to=[centre.email],
        template="antidiscrimination/email/referral",
        context={"centre": centre.name, **shared_content(report)},
        attachments=attachments,
    )
    today = timezone.localdate()
    report.referred_to = centre
    report.referred_on = today
    report.status = ReportStatus.REFERRED
    report.last_activity_on = today
    report.save(update_fields=["referred_to", "referred_on", "status", "last_activity_on"])
    audit_record(
        action="antidiscrimination.referred",
        target=report,
        by=by,
        data={"centre": centre.pk, "shared": _shared_parts(report)},
    )
    return report


def _shared_parts(report: Report) -> list[str]:
    parts = ["description"] if report.share_description else []
    if report.share_contact:
        parts.append("contact")
    if report.share_files:
        parts.append("files")
    return parts


@transaction.atomic
def report_close(*, report: Report, by) -> Report:
    if report.status == ReportStatus.CLOSED:
        raise DomainError(_("Die Meldung ist bereits abgeschlossen."))
    today = timezone.localdate()
    report.status = ReportStatus.CLOSED
    report.closed_on = today
    report.last_activity_on = today
    report.save(update_fields=["status", "closed_on", "last_activity_on"])
    audit_record(action="antidiscrimination.closed", target=report, by=by)
    return report


@transaction.atomic
def centre_save(
    *,
    centre: CounsellingCentre | None = None,
    name: str,
    regions: Sequence[Office],
    languages: str,
    email: str,
    phone: str = "",
    website: str = "",
    address: str = "",
    active: bool = True,
    by,
) -> CounsellingCentre:
    """Add or change a counselling centre of the network."""
    created = centre is None
    centre = centre or CounsellingCentre()
    centre.name = name
    centre.languages = ", ".join(p.strip() for p in languages.split(",") if p.strip())
    centre.email = email
    centre.phone = phone
    centre.website = website
    centre.address = address
    centre.active = active
    centre.full_clean(exclude=["regions"])
    centre.save()
    centre.regions.set(regions)
    audit_record(
        action="antidiscrimination.centre_added"
        if created
        else "antidiscrimination.centre_changed",
        target=centre,
        by=by,
    )
    return centre


def retention_policy() -> RetentionPolicy:
    policy, _created = RetentionPolicy.objects.get_or_create(pk=1)
    return policy


@transaction.atomic
def retention_update(*, closed_days: int, inactive_days: int, by) -> RetentionPolicy:
    if closed_days < 1 or inactive_days < 30:
        raise DomainError(
            _("Bitte mindestens 1 Tag nach Abschluss und 30 Tage ohne Aktivität."),
            field="closed_days",
        )
    policy = retention_policy()
    policy.closed_days = closed_days
    policy.inactive_days = inactive_days
    policy.save()
    audit_record(
        action="antidiscrimination.retention_changed",
        target=policy,
        by=by,
        data={"closed_days": closed_days, "inactive_days": inactive_days},
    )
    return policy


@transaction.atomic
def purge_expired(*, today: date | None = None) -> int:
    """Delete reports (with messages and files) past the configured period (Art. 17 Abs. 1
    lit. a, Art. 5 Abs. 1 lit. e DSGVO). Idempotent; run daily by the scheduler."""
    today = today or timezone.localdate()
    policy = retention_policy()
    expired = list(
        Report.objects.filter(
            Q(status=ReportStatus.CLOSED, closed_on__lte=today - timedelta(days=policy.closed_days))
            | Q(last_activity_on__lte=today - timedelta(days=policy.inactive_days))
        )
    )
    if not expired:
        return 0
    for document in StoredDocument.objects.filter(
        owner_type__app_label="antidiscrimination",
        owner_type__model="report",
        owner_id__in=[report.pk for report in expired],
    ).select_related("owner_type"):
        document_delete(document=document, by=None)
    Report.objects.filter(pk__in=[report.pk for report in expired]).delete()
    audit_record(action="antidiscrimination.reports_deleted", by=None, data={"count": len(expired)})
    return len(expired)
