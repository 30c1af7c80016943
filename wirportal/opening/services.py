"""Every write of the IKÖ self-check (issue #15): one function per use case, atomic, audited."""

from collections.abc import Iterable, Mapping
from datetime import date, datetime

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from wirportal.accounts.roles import Role
from wirportal.audit.services import audit_record
from wirportal.core.exceptions import DomainError, NotAllowed
from wirportal.core.tokens import new_secret
from wirportal.documents.models import StoredDocument
from wirportal.documents.services import document_store
from wirportal.documents.validation import ValidatedUpload
from wirportal.notifications.services import notify
from wirportal.offices.models import Office

from . import catalogue
from .models import (
    MAX_LEVEL,
    ActionField,
    Answer,
    CheckStatus,
    Contributor,
    Indicator,
    Measure,
    MeasureStatus,
    Questionnaire,
    SelfCheck,
)

EVIDENCE_KIND = "ikoe-beleg"


def _allowed(user, perm: str, obj, message: str, field: str | None = None) -> None:
    if not user.has_perm(perm, obj):
        raise NotAllowed(message, field=field)


# --- questionnaire versions (programme staff) ----------------------------------------------------


@transaction.atomic
def questionnaire_default_load(*, by=None) -> Questionnaire:
    """The first version from `catalogue.py`, published; nothing happens if a version exists."""
    existing = Questionnaire.objects.order_by("version").first()
    if existing is not None:
        return existing
    questionnaire = Questionnaire.objects.create(
        version=1, title=catalogue.TITLE, levels=list(catalogue.LEVELS), published_at=timezone.now()
    )
    for position, (code, name, description, suggestions, indicators) in enumerate(
        catalogue.FIELDS, start=1
    ):
        field = ActionField.objects.create(
            questionnaire=questionnaire,
            code=code,
            position=position,
            name=name,
            description=description,
            suggestions=list(suggestions),
        )
        Indicator.objects.bulk_create(
            Indicator(field=field, position=number, text=text)
            for number, text in enumerate(indicators, start=1)
        )
    audit_record(action="opening.questionnaire_loaded", target=questionnaire, by=by)
    return questionnaire


def _draft_only(questionnaire: Questionnaire) -> None:
    if questionnaire.is_published:
        raise DomainError(
            _(
                "Version %(version)s ist veröffentlicht und bleibt unverändert, damit die "
                "Antworten früherer Jahre dazu passen. Bitte legen Sie eine neue Version an."
            )
            % {"version": questionnaire.version}
        )


@transaction.atomic
def questionnaire_new_version(*, by) -> Questionnaire:
    """A draft copy of the newest version: fields, indicators, levels and suggestions."""
    _allowed(by, "opening.change_questionnaire", None, _("Nur das Programmreferat."))
    latest = Questionnaire.objects.select_for_update().order_by("-version").first()
    if latest is None:
        return questionnaire_default_load(by=by)
    if not latest.is_published:
        raise DomainError(
            _("Version %(version)s ist noch ein Entwurf: bitte bearbeiten Sie diese.")
            % {"version": latest.version}
        )
    draft = Questionnaire.objects.create(
        version=latest.version + 1, title=latest.title, levels=list(latest.levels)
    )
    for field in latest.fields.prefetch_related("indicators"):
        copy = ActionField.objects.create(
            questionnaire=draft,
            code=field.code,
            position=field.position,
            name=field.name,
            description=field.description,
            suggestions=list(field.suggestions),
        )
        Indicator.objects.bulk_create(
            Indicator(field=copy, position=i.position, text=i.text, help_text=i.help_text)
            for i in field.indicators.all()
        )
    audit_record(
        action="opening.questionnaire_drafted", target=draft, by=by, data={"from": latest.pk}
    )
    return draft


@transaction.atomic
def questionnaire_update(*, questionnaire: Questionnaire, by, title: str, levels: list[str]):
    _allowed(by, "opening.change_questionnaire", questionnaire, _("Nur das Programmreferat."))
    _draft_only(questionnaire)
    if len(levels) != MAX_LEVEL + 1 or not all(label.strip() for label in levels):
        raise DomainError(_("Bitte benennen Sie alle fünf Stufen 0 bis 4."), field="level_0")
    questionnaire.title = title.strip()
    questionnaire.levels = [label.strip() for label in levels]
    questionnaire.save()
    audit_record(action="opening.questionnaire_changed", target=questionnaire, by=by)
    return questionnaire


@transaction.atomic
def questionnaire_publish(*, questionnaire: Questionnaire, by) -> Questionnaire:
    """From now on new self-checks use this version; it is never changed again."""
    _allowed(by, "opening.change_questionnaire", questionnaire, _("Nur das Programmreferat."))
    questionnaire = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
    _draft_only(questionnaire)
    if not Indicator.objects.filter(field__questionnaire=questionnaire).exists():
        raise DomainError(_("Eine Version ohne Indikatoren kann nicht veröffentlicht werden."))
    questionnaire.published_at = timezone.now()
    questionnaire.save()
    audit_record(action="opening.questionnaire_published", target=questionnaire, by=by)
    return questionnaire


@transaction.atomic
def field_update(
    *, field: ActionField, by, name: str, description: str, suggestions: list[str]
) -> ActionField:
    _allowed(by, "opening.change_questionnaire", None, _("Nur das Programmreferat."))
    _draft_only(field.questionnaire)
    if not name.strip():
        raise DomainError(_("Bitte geben Sie einen Namen an."), field="name")
    field.name = name.strip()
    field.description = description.strip()
    field.suggestions = [text.strip() for text in suggestions]
    field.save()
    audit_record(action="opening.field_changed", target=field, by=by)
    return field


@transaction.atomic
def indicator_save(
    *,
    by,
    text: str,
    help_text: str = "",
    indicator: Indicator | None = None,
    field: ActionField | None = None,
) -> Indicator:
    """Add an indicator to a field of a draft version, or change one."""
    _allowed(by, "opening.change_questionnaire", None, _("Nur das Programmreferat."))
    target_field = indicator.field if indicator is not None else field
    assert target_field is not None
    _draft_only(target_field.questionnaire)
    if not text.strip():
        raise DomainError(_("Bitte geben Sie den Indikator ein."), field="text")
    if indicator is None:
        last = target_field.indicators.order_by("-position").first()
        indicator = Indicator(field=target_field, position=(last.position + 1) if last else 1)
    indicator.text = text.strip()
    indicator.help_text = help_text.strip()
    indicator.save()
    audit_record(action="opening.indicator_saved", target=indicator, by=by)
    return indicator


@transaction.atomic
def indicator_delete(*, indicator: Indicator, by) -> None:
    _allowed(by, "opening.change_questionnaire", None, _("Nur das Programmreferat."))
    _draft_only(indicator.field.questionnaire)
    audit_record(
        action="opening.indicator_deleted", target=indicator.field, by=by, data={"id": indicator.pk}
    )
    indicator.delete()


# --- the self-check of a unit and year ------------------------------------------------------------


@transaction.atomic
def self_check_start(*, office: Office, year: int, by) -> SelfCheck:
    """A unit's self-check of a year, with the newest published questionnaire version."""
    _allowed(by, "opening.start_selfcheck", None, _("Nur die Koordination der Einheit."))
    membership = getattr(by, "office_membership", None)
    if membership is None or membership.office_id != office.pk:
        raise NotAllowed(_("Nur die Koordination der Einheit."))
    if not 2000 <= year <= timezone.localdate().year + 1:
        raise DomainError(_("Bitte wählen Sie ein gültiges Jahr."), field="year")
    questionnaire = (
        Questionnaire.objects.filter(published_at__isnull=False).order_by("-version").first()
    )
    if questionnaire is None:
        raise DomainError(_("Es gibt noch keinen veröffentlichten Fragebogen."), field="year")
    if SelfCheck.objects.filter(office=office, year=year).exists():
        raise DomainError(
            _("Für %(year)s gibt es schon einen Selbstcheck.") % {"year": year}, field="year"
        )
    check = SelfCheck.objects.create(office=office, year=year, questionnaire=questionnaire)
    audit_record(action="opening.self_check_started", target=check, by=by)
    return check


def _lock(check: SelfCheck) -> SelfCheck:
    return SelfCheck.objects.select_for_update().select_related("office").get(pk=check.pk)


def answerable_field_ids(user, check: SelfCheck) -> set[int] | None:
    """The fields `user` may answer: None for all (the unit's coordinators), else the ids."""
    if user.role == Role.OPENING_CONTRIBUTOR:
        contributor = Contributor.objects.filter(self_check=check, user=user).first()
        if contributor is None:
            return set()
        return set(contributor.fields.values_list("pk", flat=True))
    return None


def _answerable_indicators(user, check: SelfCheck, ids: Iterable[int]) -> dict[int, Indicator]:
    allowed_fields = answerable_field_ids(user, check)
    indicators = Indicator.objects.filter(pk__in=set(ids), field__questionnaire=check.questionnaire)
    found = {indicator.pk: indicator for indicator in indicators}
    if allowed_fields is not None and any(
        indicator.field_id not in allowed_fields for indicator in found.values()
    ):
        raise NotAllowed(_("Dieses Handlungsfeld ist Ihnen nicht zugewiesen."))
    return found


@transaction.atomic
def answers_save(
    *,
    check: SelfCheck,
    by,
    values: Mapping[int, Mapping[str, object]],
    audit: bool = True,
) -> datetime:
    """Save ratings and evidence by indicator (`{indicator_id: {"rating", "evidence",
    "evidence_url"}}`, each key optional). Only what changed is written, with who and when.
    The autosave calls it with `audit=False` (it runs at every pause in typing); the history
    rows of django-simple-history still record every change."""
    check = _lock(check)
    _allowed(
        by,
        "opening.answer_selfcheck",
        check,
        _("Der Selbstcheck ist abgeschlossen und kann nicht mehr geändert werden."),
    )
    indicators = _answerable_indicators(by, check, values.keys())
    existing = {a.indicator_id: a for a in Answer.objects.filter(self_check=check)}
    now = timezone.now()
    changed = []
    for indicator_id, given in values.items():
        if indicator_id not in indicators:
            continue
        rating = given.get("rating", None)
        if rating is not None and not 0 <= int(rating) <= MAX_LEVEL:  # type: ignore[call-overload]
            raise DomainError(_("Die Bewertung liegt zwischen 0 und 4."))
        answer = existing.get(indicator_id) or Answer(
            self_check=check, indicator_id=indicator_id, answered_at=now
        )
        dirty = answer.pk is None
        for name in ("rating", "evidence", "evidence_url"):
            if name in given:
                value = given[name]
                if name != "rating":
                    value = str(value or "").strip()
                if getattr(answer, name) != value:
                    setattr(answer, name, value)
                    dirty = True
        if dirty:
            answer.answered_by = by
            answer.answered_at = now
            answer.save()
            changed.append(indicator_id)
    SelfCheck.objects.filter(pk=check.pk).update(updated_at=now)
    if audit and changed:
        audit_record(
            action="opening.answers_saved", target=check, by=by, data={"indicators": changed}
        )
    return now


def answers_autosave(
    *, check: SelfCheck, by, values: Mapping[int, Mapping[str, object]]
) -> tuple[datetime | None, str | None]:
    """The draft as people type (`form[data-autosave]`): (when it was saved, None) or (None,
    the refusal) for the status line; not audited (history rows still record each change)."""
    try:
        return answers_save(check=check, by=by, values=values, audit=False), None
    except DomainError as error:
        return None, error.message


@transaction.atomic
def evidence_upload(
    *, check: SelfCheck, indicator: Indicator, upload: ValidatedUpload, by
) -> StoredDocument:
    """A file as evidence of one answer (validated by the shared `validate_upload`)."""
    check = _lock(check)
    _allowed(
        by,
        "opening.answer_selfcheck",
        check,
        _("Der Selbstcheck ist abgeschlossen und kann nicht mehr geändert werden."),
    )
    _answerable_indicators(by, check, [indicator.pk])
    answer, _created = Answer.objects.get_or_create(
        self_check=check,
        indicator=indicator,
        defaults={"answered_by": by, "answered_at": timezone.now()},
    )
    return document_store(
        upload=upload, attach_to=answer, kind=EVIDENCE_KIND, by=by, label=indicator.text[:200]
    )


@transaction.atomic
def self_check_submit(*, check: SelfCheck, by) -> SelfCheck:
    """The coordinator closes the whole self-check; every indicator needs a rating."""
    check = _lock(check)
    _allowed(
        by,
        "opening.manage_selfcheck",
        check,
        _("Nur die Koordination kann einen offenen Selbstcheck abschließen."),
    )
    total = Indicator.objects.filter(field__questionnaire=check.questionnaire).count()
    rated = Answer.objects.filter(self_check=check, rating__isnull=False).count()
    if rated < total:
        raise DomainError(
            _("Es fehlen noch %(count)s von %(total)s Bewertungen.")
            % {"count": total - rated, "total": total}
        )
    check.status = CheckStatus.SUBMITTED
    check.submitted_at = timezone.now()
    check.submitted_by = by
    check.save()
    audit_record(action="opening.self_check_submitted", target=check, by=by)
    return check


@transaction.atomic
def self_check_set_visibility(*, check: SelfCheck, by, named: bool) -> SelfCheck:
    """The unit's choice: its profile named for other units, or anonymised."""
    check = _lock(check)
    _allowed(by, "opening.set_visibility", check, _("Nur die Koordination der Einheit."))
    if check.named != named:
        check.named = named
        check.save()
        audit_record(
            action="opening.visibility_changed", target=check, by=by, data={"named": named}
        )
    return check


# --- invited colleagues -------------------------------------------------------------------------


@transaction.atomic
def contributor_invite(
    *, check: SelfCheck, email: str, fields: Iterable[ActionField], by
) -> Contributor:
    """Invite a colleague of the same administration to answer some fields.

    An address without an account gets one with the role `opening_contributor` (no password
    yet; the link in the mail sets it and confirms the address). An address with an account of
    another role is refused: such an account cannot be scoped to one self-check."""
    check = _lock(check)
    _allowed(by, "opening.manage_selfcheck", check, _("Nur die Koordination der Einheit."))
    fields = list(fields)
    if not fields:
        raise DomainError(_("Bitte wählen Sie mindestens ein Handlungsfeld."), field="fields")
    if any(field.questionnaire_id != check.questionnaire_id for field in fields):
        raise DomainError(_("Dieses Handlungsfeld gehört nicht zum Selbstcheck."), field="fields")
    email = email.strip().lower()
    user = get_user_model().objects.filter(email__iexact=email).first()
    if user is None:
        user = get_user_model().objects.create_user(email, None, role=Role.OPENING_CONTRIBUTOR)
    elif user.role != Role.OPENING_CONTRIBUTOR:
        raise DomainError(
            _(
                "Diese Adresse gehört zu einem Konto mit einer anderen Rolle. Bitte laden Sie "
                "eine dienstliche Adresse ein, die noch kein Konto im Portal hat."
            ),
            field="email",
        )
    contributor, _created = Contributor.objects.get_or_create(
        self_check=check,
        user=user,
        defaults={"secret": new_secret(), "sent_at": timezone.now(), "invited_by": by},
    )
    contributor.secret = new_secret()
    contributor.sent_at = timezone.now()
    contributor.invited_by = by
    contributor.save()
    contributor.fields.set(fields)
    notify(
        to=[email],
        template="opening/email/invitation",
        context={
            "office": check.office.name,
            "year": check.year,
            "inviter": by.display_name,
            "fields": ", ".join(field.name for field in fields),
            "path": contributor.accept_path() if not user.has_usable_password() else "",
            "check_path": check.get_absolute_url(),
            "valid_until": date_format(timezone.localtime(contributor.valid_until), "DATE_FORMAT"),
        },
    )
    # the address is personal data of someone who has not agreed to anything: not logged
    audit_record(
        action="opening.contributor_invited",
        target=check,
        by=by,
        data={"contributor": contributor.pk, "fields": [f.code for f in fields]},
    )
    return contributor


@transaction.atomic
def contributor_accept(*, contributor: Contributor, password: str) -> Contributor:
    """The invited person sets a password through the link; the link proves the address."""
    contributor = (
        Contributor.objects.select_for_update().select_related("user").get(pk=contributor.pk)
    )
    if not contributor.is_open():
        raise DomainError(_("Die Einladung ist abgelaufen oder wurde schon angenommen."))
    user = contributor.user
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise DomainError(" ".join(error.messages), field="password1") from error
    user.set_password(password)
    user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    contributor.accepted_at = timezone.now()
    contributor.save()
    audit_record(action="opening.invitation_accepted", target=contributor.self_check, by=user)
    return contributor


@transaction.atomic
def contributor_remove(*, contributor: Contributor, by) -> None:
    check = _lock(contributor.self_check)
    _allowed(by, "opening.manage_selfcheck", check, _("Nur die Koordination der Einheit."))
    audit_record(
        action="opening.contributor_removed",
        target=check,
        by=by,
        data={"contributor": contributor.pk},
    )
    contributor.delete()


# --- action plan ------------------------------------------------------------------------------


def _measure_values(check: SelfCheck, field: ActionField, title: str, owner: str) -> None:
    if field.questionnaire_id != check.questionnaire_id:
        raise DomainError(_("Dieses Handlungsfeld gehört nicht zum Selbstcheck."), field="field")
    if not title.strip():
        raise DomainError(_("Bitte geben Sie die Maßnahme an."), field="title")
    if not owner.strip():
        raise DomainError(_("Bitte geben Sie an, wer verantwortlich ist."), field="owner")


@transaction.atomic
def measure_create(
    *, check: SelfCheck, by, field: ActionField, title: str, owner: str, deadline: date
) -> Measure:
    _allowed(by, "opening.change_plan", check, _("Nur die Koordination der Einheit."))
    _measure_values(check, field, title, owner)
    measure = Measure.objects.create(
        self_check=check, field=field, title=title.strip(), owner=owner.strip(), deadline=deadline
    )
    audit_record(action="opening.measure_created", target=measure, by=by)
    return measure


@transaction.atomic
def measure_update(
    *,
    measure: Measure,
    by,
    field: ActionField,
    title: str,
    owner: str,
    deadline: date,
    status: str,
    completion_evidence: str,
) -> Measure:
    """Change a measure; "umgesetzt" needs the evidence of completion and records the day."""
    measure = Measure.objects.select_for_update().select_related("self_check").get(pk=measure.pk)
    _allowed(by, "opening.change_measure", measure, _("Nur die Koordination der Einheit."))
    _measure_values(measure.self_check, field, title, owner)
    if status == MeasureStatus.DONE and not completion_evidence.strip():
        raise DomainError(
            _("Bitte beschreiben Sie, woran man sieht, dass die Maßnahme umgesetzt ist."),
            field="completion_evidence",
        )
    if status == MeasureStatus.DONE and measure.status != MeasureStatus.DONE:
        measure.completed_on = timezone.localdate()
    elif status != MeasureStatus.DONE:
        measure.completed_on = None
    measure.field = field
    measure.title = title.strip()
    measure.owner = owner.strip()
    measure.deadline = deadline
    measure.status = status
    measure.completion_evidence = completion_evidence.strip()
    measure.save()
    audit_record(action="opening.measure_changed", target=measure, by=by, data={"status": status})
    return measure
