"""Reads for applications: scoped lists, detail, computed grant, completeness, snapshots and diffs.

The reviews/decisions apps build on `applications_visible_to`, `application_detail`,
`grant_for`, `snapshot_diff` and `application_inbox`.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, prefetch_related_objects
from django.utils.translation import gettext_lazy as _

from wirportal.accounts.roles import LAND_ROLES, Role
from wirportal.audit.models import AuditEntry
from wirportal.audit.selectors import audit_entries_for
from wirportal.core import numbers
from wirportal.core.dates import format_date
from wirportal.core.exceptions import DomainError
from wirportal.core.money import format_eur
from wirportal.core.permissions import has_rule
from wirportal.core.prepared import PreparedQuery
from wirportal.documents.models import StoredDocument
from wirportal.notifications.models import MailRecord
from wirportal.notifications.selectors import mail_log, mail_log_version
from wirportal.offices.models import Organisation, OrganisationMembership, membership_version
from wirportal.offices.selectors import office_of
from wirportal.programmes.grants import GrantComputation, UnitLine, compute_grant
from wirportal.programmes.models import CapLevel

from .models import (
    NEVER_SUBMITTED,
    Application,
    ApplicationSnapshot,
    ApplicationStatus,
    CostItem,
    EarlyStartRequest,
    EarlyStartStatus,
    FundingSource,
    FundingSourceKind,
    OtherFunding,
    OtherFundingDeclaration,
    OtherFundingStatus,
    TargetGroup,
)
from .rules import remember_membership


def applications_visible_to(user) -> QuerySet[Application]:
    """Land staff see every submitted application; coordinators the submitted ones of
    organisations in their unit; applicants their organisations' own, drafts included.

    No staff role sees an application before it is submitted (`NEVER_SUBMITTED`, ADR 0005).
    Reviewers see none here: their list is the review inbox (`reviews.selectors.inbox_visible_to`:
    the applications assigned to them), as the reviews app owns the assignment."""
    applications = Application.objects.all()
    if not user.is_authenticated:
        return applications.none()
    if user.is_superuser or user.role in LAND_ROLES:
        return applications.exclude(NEVER_SUBMITTED)
    if user.role == Role.COORDINATOR:
        office = office_of(user)
        if office is None:
            return applications.none()
        return applications.filter(organisation__office=office).exclude(NEVER_SUBMITTED)
    if user.role == Role.APPLICANT:
        return applications.filter(organisation__memberships__user=user)
    return applications.none()


def application_list_scope(user, *, status: str = "") -> tuple[str, tuple[str, ...]]:
    """For cache keys (core.caching): whose list this is, and which content versions it shows.

    Land staff share one list; everyone else, reviewers included, has their own, which depends
    on their memberships (unit or organisations) as well. Only applicants' lists show drafts, so
    only theirs depend on the "drafts" version."""
    depends_on: tuple[str, ...] = ("applications", "organisations", "programmes")
    if user.is_superuser or user.role in LAND_ROLES:
        return "land", depends_on
    if user.role == Role.APPLICANT and status in {"", ApplicationStatus.DRAFT}:
        depends_on += ("drafts",)
    return f"user:{user.pk}", (*depends_on, membership_version(user.pk))


def application_list(*, user, status: str = "", query: str = "") -> QuerySet[Application]:
    applications = applications_visible_to(user).select_related("organisation", "line", "call")
    if status:
        applications = applications.filter(status=status)
    if query:
        applications = applications.filter(
            Q(reference__icontains=query)
            | Q(title__icontains=query)
            | Q(organisation__name__icontains=query)
        )
    return applications.order_by("-created_at")


def application_inbox(*, statuses=(ApplicationStatus.SUBMITTED,)) -> QuerySet[Application]:
    """For case workers: submitted applications, oldest first (the reviews app adds assignment)."""
    return (
        Application.objects.filter(status__in=list(statuses))
        .select_related("organisation__office", "line", "call")
        .order_by("submitted_at")
    )


def application_detail(*, pk: int) -> Application:
    return (
        Application.objects.select_related(
            "organisation__office", "line__programme", "call", "created_by"
        )
        .prefetch_related(
            Prefetch("cost_items", queryset=CostItem.objects.select_related("unit_rate")),
            Prefetch("funding_sources", queryset=FundingSource.objects.order_by("pk")),
            Prefetch("other_funding", queryset=OtherFunding.objects.order_by("pk")),
            Prefetch(
                "early_start_requests",
                queryset=EarlyStartRequest.objects.order_by("-sent_at", "-pk"),
            ),
            "line__unit_rates",
            Prefetch("snapshots", queryset=ApplicationSnapshot.objects.order_by("number")),
        )
        .get(pk=pk)
    )


def changes_request_of(application: Application) -> AuditEntry | None:
    """The open request to improve the application or send documents (status "Nachbesserung
    angefordert"): the latest `application.changes_requested` entry, whose reason is the text the
    applicant was mailed (with the deadline, reviews.services.documents_request)."""
    if application.status != ApplicationStatus.CHANGES_REQUESTED:
        return None
    return audit_entries_for(application).filter(action="application.changes_requested").first()


def _is_member(user) -> Exists:
    """Whether the person (a prepared query's parameter) is a member of the applicant
    organisation, read with the application (`rules.remember_membership`)."""
    return Exists(
        OrganisationMembership.objects.filter(
            organisation_id=OuterRef("organisation_id"), user_id=user
        )
    )


_APPLICATION_WITH_LINE = PreparedQuery(
    lambda pk, user: (
        Application.objects.select_related("line")
        .annotate(viewer_is_member=_is_member(user))
        .filter(pk=pk)
    ),
    pk=int,
    user=int,
)
_COST_ITEMS = PreparedQuery(
    lambda application: CostItem.objects.filter(application_id=application).select_related(
        "unit_rate"
    ),
    application=int,
)
_FUNDING_SOURCES = PreparedQuery(
    lambda application: FundingSource.objects.filter(application_id=application).order_by("pk"),
    application=int,
)


def application_for_autosave(*, pk: int, user=None) -> Application | None:
    """The application with its line (financing type, rate, cap): one prepared lookup, enough
    for the permission rules and for `services.application_autosave` to work on. With `user`,
    whether they are a member of the applicant organisation is read in the same query and
    remembered for the rules (`rules.remember_membership`): every pause in typing asks it."""
    application = _APPLICATION_WITH_LINE.first(pk=pk, user=user.pk if user else 0)
    if application is not None and user is not None:
        remember_membership(user, application.organisation_id, application.viewer_is_member)  # type: ignore[attr-defined]
    return application


def cost_plan_rows(application: Application) -> tuple[list[CostItem], list[FundingSource]]:
    """Cost items (with their unit rate) and funding sources in editor order; attached to
    `application` as if prefetched, so `grant_for` and `financing_totals` query no more."""
    items = _COST_ITEMS.fetch(application=application.pk)
    sources = _FUNDING_SOURCES.fetch(application=application.pk)
    for row in (*items, *sources):
        row.application = application  # type: ignore[union-attr]
    application._prefetched_objects_cache = {  # type: ignore[attr-defined]
        "cost_items": items,
        "funding_sources": sources,
    }
    return items, sources


_APPLICATION_FOR_PAGE = PreparedQuery(
    lambda pk, user: (
        Application.objects.select_related("organisation")
        .only(
            "id",
            "status",
            "submitted_at",
            "reference",
            "organisation_id",
            "organisation__office_id",
        )
        .annotate(viewer_is_member=_is_member(user))
        .filter(pk=pk)
    ),
    pk=int,
    user=int,
)


def application_for_page(*, pk: int, user) -> Application | None:
    """What the permission checks (rules of applications, reviews, decisions), the links and the
    page title read of an application, on every request of the application, review and
    decision-summary pages: a prepared query (core.prepared) of these columns only (the whole
    row with JSON and dates costs 3x). Whether `user` is a member of the applicant organisation
    is read with it and remembered for the rules (`rules.remember_membership`), so the
    permission checks need no query of their own. The page bodies load the whole application
    on a cache miss."""
    application = _APPLICATION_FOR_PAGE.first(pk=pk, user=user.pk)
    if application is not None:
        remember_membership(user, application.organisation_id, application.viewer_is_member)  # type: ignore[attr-defined]
    return application


@dataclass(frozen=True)
class MailLog:
    rows: list[MailRecord]
    own_only: bool  # only the mails sent to the person looking


def mail_log_scope(application: Application, user) -> str | None:
    """Which mails about the application this person sees (issue #12): "*" every mail (the
    granting authority and programme staff), their own address only (a member of the applicant),
    None no mail log. Part of the cache key of the page's body; no query."""
    if has_rule(user, "applications.view_mail_log", application):
        return "*"
    if has_rule(user, "applications.view_own_mails", application):
        return user.email
    return None


def mail_log_version_of(application: Application) -> str:
    return mail_log_version(application.mail_log_key)


def mail_log_for(application: Application, scope: str | None) -> MailLog | None:
    """The mail log in the scope `mail_log_scope` gave, newest first; None for no section. One
    query."""
    if scope is None:
        return None
    if scope == "*":
        return MailLog(mail_log(about=application.mail_log_key), own_only=False)
    return MailLog(mail_log(about=application.mail_log_key, recipient=scope), own_only=True)


def documents_of_application(application: Application) -> list[StoredDocument]:
    return list(
        StoredDocument.objects.filter(
            owner_type=ContentType.objects.get_for_model(Application), owner_id=application.pk
        ).order_by("kind", "label", "uploaded_at")
    )


def eligible_organisations(*, user, call) -> QuerySet[Organisation]:
    kinds = call.line.eligible_kinds or []
    return Organisation.objects.filter(memberships__user=user, kind__in=kinds).order_by("name")


def prefetch_cost_plan(application: Application) -> None:
    """Read the cost items (with their unit rates) and funding sources once, into the
    application's prefetch cache (Django's `prefetch_related_objects`): `submission_errors`,
    `grant_for` and `snapshot_data` then read no more. Rows already prefetched are kept."""
    prefetch_related_objects(
        [application],
        Prefetch("cost_items", queryset=CostItem.objects.select_related("unit_rate")),
        "funding_sources",
    )


def _rows(application: Application) -> tuple[list[CostItem], list[FundingSource]]:
    # use prefetched rows when present (detail page), else query
    cache = getattr(application, "_prefetched_objects_cache", {})
    items = (
        list(cache["cost_items"])
        if "cost_items" in cache
        else list(application.cost_items.select_related("unit_rate"))
    )
    sources = (
        list(cache["funding_sources"])
        if "funding_sources" in cache
        else list(application.funding_sources.all())
    )
    return items, sources


def project_years(application: Application) -> int:
    """The project years a cap "je Antrag und Jahr" applies to (brief A9, A10): the project's
    months rounded up to whole years of twelve months (24 months → 2, 2026–2030 → 5); 1 without
    a complete period."""
    start, end = application.period_start, application.period_end
    if start is None or end is None or end < start:
        return 1
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    return max(1, -(-months // 12))


def grant_for(application: Application) -> GrantComputation:
    """The requested grant as the line's financing type computes it (shown to the applicant).

    Eligible costs A are the real costs of the plan (a unit-rate row's own amount, brief A11);
    the unit-rate rows give the Festbetrag with the caps at their level (per person, client,
    course or year, brief A5–A10); own and third-party funds are E for every financing type
    (no over-financing, § 23 LHO, ANBest-P Nr. 1.2)."""
    items, sources = _rows(application)
    line = application.line
    costs = sum((item.real_costs for item in items), Decimal(0))
    own = sum((source.amount or Decimal(0) for source in sources), Decimal(0))
    unit_lines = [
        UnitLine(
            label=item.unit_rate.label,
            units=item.units or Decimal(0),
            amount=item.unit_rate.amount,
            max_units=item.unit_rate.max_units,
            max_amount=item.unit_rate.max_amount,
            count=item.count or 1,
        )
        for item in items
        if item.unit_rate is not None
    ]
    return compute_grant(
        financing_type=line.financing_type,
        eligible_costs=costs,
        own_funds=own,
        rate=line.rate,
        cap=line.cap,
        cap_years=project_years(application) if line.cap_level == CapLevel.YEAR else 1,
        unit_lines=unit_lines,
        rounding=line.rounding,
    )


def financing_totals(
    application: Application, *, grant: GrantComputation | None = None
) -> dict[str, Decimal]:
    """Costs (the real eligible costs), own and third-party funds, the grant and the gap that
    is left unfinanced; `grant` if already computed."""
    items, sources = _rows(application)
    costs = sum((item.real_costs for item in items), Decimal(0))
    own = sum(
        (s.amount or Decimal(0) for s in sources if s.kind == FundingSourceKind.OWN), Decimal(0)
    )
    third = sum(
        (s.amount or Decimal(0) for s in sources if s.kind == FundingSourceKind.THIRD_PARTY),
        Decimal(0),
    )
    amount = (grant or grant_for(application)).amount
    return {
        "costs": costs,
        "own": own,
        "third": third,
        "grant": amount,
        "gap": costs - own - third - amount,
    }


def unfinanced_message(gap: Decimal) -> str:
    """Gesamtfinanzierung must be secured before a grant (VV zu § 44 LHO,
    Bewilligungsvoraussetzungen; brief A4)."""
    message = _(
        "Die Gesamtfinanzierung ist nicht gesichert: Es fehlen %(gap)s. Bitte erhöhen Sie die "
        "Eigen- oder Drittmittel oder senken Sie die Ausgaben."
    )
    return str(message) % {"gap": format_eur(gap)}


def submission_errors(application: Application, *, day: date) -> dict[str, list[str]]:
    """Everything that blocks submission, as German messages per field (or row key)."""
    errors: dict[str, list[str]] = {}

    def add(key: str, message) -> None:
        errors.setdefault(key, []).append(str(message))

    for key, entry in (application.invalid_input or {}).items():
        add(key, numbers.shown_error(entry) or str(_("Ungültige Eingabe.")))
    if not application.title:
        add("title", _("Bitte geben Sie einen Projekttitel an."))
    if not application.summary:
        add("summary", _("Bitte beschreiben Sie das Projekt."))
    if not application.target_groups:
        add("target_groups", _("Bitte wählen Sie mindestens eine Zielgruppe."))
    call = application.call
    if application.period_start is None:
        add("period_start", _("Bitte geben Sie den Projektbeginn an."))
    if application.period_end is None:
        add("period_end", _("Bitte geben Sie das Projektende an."))
    if application.period_start and application.period_end:
        if application.period_end < application.period_start:
            add("period_end", _("Das Projektende liegt vor dem Projektbeginn."))
        if application.period_start.year < call.first_year or application.period_end.year > (
            call.last_year
        ):
            add(
                "period_start",
                _("Der Projektzeitraum muss in den Förderjahren %(years)s liegen.")
                % {
                    "years": f"{call.first_year}–{call.last_year}"
                    if call.last_year != call.first_year
                    else call.first_year
                },
            )
        if application.period_start <= day:
            # a start on or before the submission day is before the decision: only with
            # written consent to an early start (VV Nr. 1.3 zu § 44 LHO; Hessian number to verify)
            message = _early_start_missing(application, application.period_start)
            if message:
                add("period_start", message)
    if not application.participants_planned:
        add("participants_planned", _("Bitte geben Sie die geplante Zahl der Teilnehmenden an."))
    if not application.not_started_declared:
        add(
            "not_started_declared",
            _("Bitte bestätigen Sie, dass mit dem Projekt noch nicht begonnen wurde."),
        )
    declaration = application.other_funding_declaration
    others = _other_funding(application)
    if declaration not in OtherFundingDeclaration.values:
        add(
            "other_funding_declaration",
            _(
                "Bitte erklären Sie, ob Sie für dieses Projekt weitere Förderungen beantragt "
                "oder erhalten haben."
            ),
        )
    elif declaration == OtherFundingDeclaration.DECLARED and not others:
        add("other_funding_declaration", _("Bitte tragen Sie die anderen Förderungen ein."))
    elif declaration == OtherFundingDeclaration.NONE and others:
        add(
            "other_funding_declaration",
            _(
                "Sie haben „keine“ gewählt, aber andere Förderungen eingetragen. Bitte wählen "
                "Sie die zweite Möglichkeit oder entfernen Sie die Zeilen."
            ),
        )
    if declaration == OtherFundingDeclaration.DECLARED:
        for other in others:
            if not other.funder:
                add(f"other-{other.pk}-funder", _("Bitte nennen Sie den Geldgeber."))
            if other.amount is None:
                add(f"other-{other.pk}-amount", _("Bitte geben Sie einen Betrag an."))
            if other.on is None:
                add(f"other-{other.pk}-on", _("Bitte geben Sie das Datum an."))
    items, sources = _rows(application)
    if not items:
        add("cost_items", _("Bitte tragen Sie mindestens eine Kostenposition ein."))
    for item in items:
        if not item.description:
            add(f"cost-{item.pk}-description", _("Bitte beschreiben Sie die Kostenposition."))
        if item.unit_rate_id is None and item.amount is None:
            add(f"cost-{item.pk}-amount", _("Bitte geben Sie einen Betrag an."))
        if item.unit_rate_id is not None and not item.units:
            add(f"cost-{item.pk}-units", _("Bitte geben Sie die Anzahl der Einheiten an."))
        if item.unit_rate_id is not None and item.amount is None:
            # unit rates and the real costs they stand for are separate: a Festbetrag never
            # exceeds the real eligible costs (brief A11, ANBest-P Nr. 2)
            add(
                f"cost-{item.pk}-amount",
                str(
                    _("Bitte geben Sie die tatsächlichen Ausgaben an, für die die Pauschale steht.")
                ),
            )
    for source in sources:
        if source.amount is None:
            add(f"source-{source.pk}-amount", _("Bitte geben Sie einen Betrag an."))
        if source.kind == FundingSourceKind.THIRD_PARTY and not source.name:
            add(f"source-{source.pk}-name", _("Bitte nennen Sie den Geldgeber."))
    computation = grant_for(application)
    grant = computation.amount
    if items and grant <= 0:
        add("cost_items", _("Nach dem Kosten- und Finanzierungsplan ergibt sich keine Zuwendung."))
    elif items and computation.unfinanced > 0:
        # Gesamtfinanzierung gesichert (VV zu § 44 LHO): no submission with an unfinanced gap.
        add("financing", unfinanced_message(computation.unfinanced))
    labels = {doc.label for doc in documents_of_application(application) if doc.kind == "anlage"}
    for required in application.line.required_attachments or []:
        if required not in labels:
            add("attachments", _("Es fehlt die Anlage „%(label)s“.") % {"label": required})
    if not application.line.is_eligible(application.organisation):
        add("organisation", _("Der Träger ist in dieser Förderlinie nicht antragsberechtigt."))
    if application.status == ApplicationStatus.DRAFT and not call.is_open(day):
        add(
            "call",
            _(
                "Die Antragsfrist ist am %(deadline)s abgelaufen; der Antrag kann nicht mehr "
                "eingereicht werden."
            )
            % {"deadline": format_date(call.deadline, "SHORT_DATE_FORMAT")},
        )
    return errors


FIELD_LABELS = {
    "title": _("Projekttitel"),
    "summary": _("Projektbeschreibung"),
    "goals": _("Ziele und erwartete Wirkung"),
    "target_groups": _("Zielgruppen"),
    "period_start": _("Projektbeginn"),
    "period_end": _("Projektende"),
    "participants_planned": _("Geplante Teilnehmende"),
    "not_started_declared": _("Erklärung: Projekt nicht begonnen"),
    "other_funding_declaration": _("Erklärung zu anderen Förderungen"),
    "requested_amount": _("Beantragte Zuwendung"),
}


_ROW_LABELS = {
    "cost": _("Kostenposition"),
    "source": _("Eigen- oder Drittmittel"),
    "other": _("Andere Förderung"),
}
_ROW_FIELD_LABELS = {
    "category": _("Kostenart"),
    "description": _("Beschreibung"),
    "amount": _("Betrag in Euro"),
    "units": _("Anzahl Einheiten"),
    "count": _("Anzahl Personen, Klienten, Kurse oder Jahre"),
    "kind": _("Art"),
    "name": _("Geldgeber"),
    "funder": _("Geldgeber"),
    "status": _("Status"),
    "on": _("Datum"),
}


def autosave_errors(errors: dict[str, str]) -> list[tuple[str, str, str]]:
    """The autosave's invalid inputs as (field id, field name, message), so the save status can
    name each field and link to it (the field shows the same message itself after
    a reload)."""
    named = []
    for key, message in errors.items():
        kind, _sep, rest = key.partition("-")
        attribute = rest.rpartition("-")[2]
        if kind in _ROW_LABELS and rest:
            label = f"{_ROW_LABELS[kind]}, {_ROW_FIELD_LABELS.get(attribute, attribute)}"
        else:
            label = str(FIELD_LABELS.get(key, key))
        named.append((key, label, message))
    return named


def snapshot_data(application: Application) -> dict:
    """All submitted content as plain JSON (money as strings, dates ISO)."""
    items, sources = _rows(application)
    groups = dict(TargetGroup.choices)
    return {
        "fields": {
            "title": application.title,
            "summary": application.summary,
            "goals": application.goals,
            "target_groups": ", ".join(str(groups.get(g, g)) for g in application.target_groups),
            "period_start": application.period_start.isoformat()
            if application.period_start
            else "",
            "period_end": application.period_end.isoformat() if application.period_end else "",
            "participants_planned": application.participants_planned,
            "not_started_declared": application.not_started_declared,
            "other_funding_declaration": application.other_funding_declaration,
            "requested_amount": str(application.requested_amount),
        },
        "cost_items": [
            {
                "category": str(item.get_category_display()),
                "description": item.description,
                "unit_rate": item.unit_rate.label if item.unit_rate else "",
                "units": str(item.units) if item.units is not None else "",
                # only for unit-rate rows, so rows of earlier snapshots compare unchanged
                "count": f"× {item.count}" if item.unit_rate and item.count != 1 else "",
                # the row's real costs (A, brief A11); a unit-rate row's unit total apart
                "total": str(item.real_costs),
                "unit_total": f"{item.total} (Pauschale)"
                if item.unit_rate and item.amount is not None
                else "",
            }
            for item in items
        ],
        "funding_sources": [
            {
                "kind": str(source.get_kind_display()),
                "name": source.name,
                "amount": str(source.amount),
            }
            for source in sources
        ],
        "other_funding": [
            {
                "funder": other.funder,
                "amount": str(other.amount),
                "status": other.status,
                "on": other.on.isoformat() if other.on else "",
            }
            for other in _other_funding(application)
        ]
        if application.other_funding_declaration == OtherFundingDeclaration.DECLARED
        else [],
        "attachments": [
            {"label": doc.label, "name": doc.display_name, "sha256": doc.sha256}
            for doc in documents_of_application(application)
            if doc.kind == "anlage"
        ],
    }


def _row_text(row: dict) -> str:
    parts = [str(v) for k, v in row.items() if v not in ("", None) and k != "sha256"]
    text = " · ".join(parts)
    if "total" in row:
        text = text.replace(row["total"], format_eur(Decimal(row["total"])))
    if "sha256" in row:
        text += f" (SHA-256 {row['sha256'][:12]}…)"
    return text


def snapshot_diff(application: Application) -> list[tuple[str, str, str]]:
    """What changed between the last two submissions: (what, before, after); empty if only one."""
    snapshots = list(application.snapshots.order_by("-number")[:2])
    if len(snapshots) < 2:
        return []
    new, old = snapshots[0].data, snapshots[1].data
    changes: list[tuple[str, str, str]] = []
    for key, field_label in FIELD_LABELS.items():
        before, after = old["fields"].get(key), new["fields"].get(key)
        if before != after:
            changes.append((str(field_label), str(before or "–"), str(after or "–")))
    for key, label in (
        ("cost_items", "Kostenplan"),
        ("funding_sources", "Finanzierungsplan"),
        ("other_funding", "Andere Förderungen"),
        ("attachments", "Anlagen"),
    ):
        before_rows = [_row_text(r) for r in old.get(key, [])]
        after_rows = [_row_text(r) for r in new.get(key, [])]
        for row in before_rows:
            if row not in after_rows:
                changes.append((label, row, "entfernt"))
        for row in after_rows:
            if row not in before_rows:
                changes.append((label, "neu", row))
    return changes


# --- other funding for the same project (Doppelförderung) -----------------------------------


def _other_funding(application: Application) -> list[OtherFunding]:
    cache = getattr(application, "_prefetched_objects_cache", {})
    if "other_funding" in cache:
        return list(cache["other_funding"])
    return list(application.other_funding.order_by("pk"))


def other_funding_rows(application: Application) -> list[OtherFunding]:
    """The declared rows in editor order (all of them, also while the declaration is 'keine')."""
    return _other_funding(application)


@dataclass
class OtherFundingCheck:
    """What the case worker sees in the arithmetic check (Rechnerische Prüfung)."""

    declaration: str  # "" (not declared), "keine", "angegeben"
    rows: list[OtherFunding]
    open_amount: Decimal  # applied for or granted
    third_party: Decimal  # third-party funds in the financing plan
    differences: list[str]


def other_funding_check(application: Application) -> OtherFundingCheck:
    """Double funding (Doppelförderung): other funding applied for or granted for the same project
    must appear in the financing plan as third-party funds, else the grant would pay for what
    others pay too (§ 23 LHO, subsidiarity; ANBest-P Nr. 1.2: other funding reduces the grant;
    ANBest-P Nr. 5.1: the recipient must report other funding). Refused funding does not count.

    Worked example: applied for 3.000 € at a foundation, granted 2.000 € by the district, the
    plan holds 2.000 € third-party funds: 5.000 € declared, 3.000 € not covered → flagged."""
    declaration = application.other_funding_declaration
    rows = _other_funding(application) if declaration == OtherFundingDeclaration.DECLARED else []
    open_amount = sum(
        (
            row.amount or Decimal(0)
            for row in rows
            if row.status in {OtherFundingStatus.APPLIED, OtherFundingStatus.GRANTED}
        ),
        Decimal(0),
    )
    _items, sources = _rows(application)
    third = sum(
        (s.amount or Decimal(0) for s in sources if s.kind == FundingSourceKind.THIRD_PARTY),
        Decimal(0),
    )
    differences: list[str] = []
    if declaration not in OtherFundingDeclaration.values:
        differences.append(
            str(_("Es liegt keine Erklärung zu anderen Förderungen (Doppelförderung) vor."))
        )
    elif open_amount > third:
        differences.append(
            str(
                _(
                    "Andere Förderungen (beantragt oder bewilligt) von %(other)s sind im "
                    "Finanzierungsplan nur mit Drittmitteln von %(third)s berücksichtigt: "
                    "%(missing)s nicht gedeckt, Gefahr der Doppelförderung (§ 23 LHO, "
                    "ANBest-P Nr. 1.2 und 5.1)."
                )
            )
            % {
                "other": format_eur(open_amount),
                "third": format_eur(third),
                "missing": format_eur(open_amount - third),
            }
        )
    return OtherFundingCheck(
        declaration=declaration,
        rows=rows,
        open_amount=open_amount,
        third_party=third,
        differences=differences,
    )


# --- early start (vorzeitiger Maßnahmebeginn) -----------------------------------------------

#: Lines in which no project may start before the decision, consent or not: Deutsch 4U
#: ("kein Beginn vor Bewilligung", brief domain.md 3.4 [89]). A setting by line code, as the
#: funding lines (programmes app) carry no such flag yet.
NO_EARLY_START_LINES: frozenset[str] = frozenset({"deutsch4u"})


def early_start_possible(line) -> bool:
    codes = getattr(settings, "WIR_NO_EARLY_START_LINES", NO_EARLY_START_LINES)
    return line.code not in codes


def approved_early_start(application: Application) -> EarlyStartRequest | None:
    """The latest consent to an early start given for this application (if the line allows it)."""
    if not early_start_possible(application.line):
        return None
    return (
        EarlyStartRequest.objects.filter(
            application_id=application.pk, status=EarlyStartStatus.APPROVED
        )
        .order_by("-decided_on", "-pk")
        .first()
    )


def _consent_problem(application: Application, start: date) -> str | None:
    """Whether a consent to an early start covers a start on `start`: '' if it does, the reason
    if a consent or the line rules it out, None if there is simply no consent."""
    consent = approved_early_start(application)
    if consent is not None and consent.approved_start is not None:
        if consent.approved_start <= start:
            return ""
        return str(
            _(
                "Der vorzeitige Maßnahmebeginn ist erst ab %(date)s zugelassen; bitte wählen Sie "
                "einen späteren Projektbeginn."
            )
            % {"date": format_date(consent.approved_start, "SHORT_DATE_FORMAT")}
        )
    if not early_start_possible(application.line):
        return str(_("In dieser Förderlinie darf das Projekt nicht vor der Bewilligung beginnen."))
    return None


def _early_start_missing(application: Application, start: date) -> str:
    """At submission: why a start on or before the submission day is refused ('' if covered).
    Such a start is before any decision, so it needs the consent (VV Nr. 1.3 zu § 44 LHO)."""
    problem = _consent_problem(application, start)
    if problem is None:
        return str(
            _(
                "Der Projektbeginn muss nach der Antragstellung liegen "
                "(kein vorzeitiger Maßnahmebeginn)."
            )
        )
    return problem


def check_period_start(application: Application, start: date, on: date) -> None:
    """Raise DomainError(field="period_start") if the project starts before `on` (the decision
    date, for the decision) and no consent to an early start covers `start`.

    Norm: § 44 LHO with VV Nr. 1.3 zu § 44 LHO (Hessian VV number to verify): grants only for
    projects not yet begun; signing a delivery or service contract counts as the start; an
    exception only with prior written consent, which gives no right to funding. In lines without
    early start (Deutsch 4U) no consent counts.

    Worked example: decision on 15.03.2027, start 01.03.2027, no consent → refused; with a
    consent for 01.03.2027 given on 20.02.2027 → accepted; a start on 15.03.2027 → accepted."""
    if start >= on:
        return
    problem = _consent_problem(application, start)
    if problem is None:
        raise DomainError(
            _(
                "Der Projektbeginn (%(start)s) liegt vor dem Datum der Entscheidung (%(on)s); "
                "einem vorzeitigen Maßnahmebeginn wurde nicht zugestimmt."
            )
            % {
                "start": format_date(start, "SHORT_DATE_FORMAT"),
                "on": format_date(on, "SHORT_DATE_FORMAT"),
            },
            field="period_start",
        )
    if problem:
        raise DomainError(problem, field="period_start")


def early_starts_visible_to(user) -> QuerySet[EarlyStartRequest]:
    """Land staff see every sent request (nothing of the draft); applicants their
    organisations' own. Coordinators and reviewers see none."""
    requests = EarlyStartRequest.objects.select_related("organisation", "line", "application")
    if not user.is_authenticated:
        return requests.none()
    if user.is_superuser or user.role in LAND_ROLES:
        return requests
    if user.role == Role.APPLICANT:
        return requests.filter(organisation__memberships__user=user)
    return requests.none()


def early_start_list(*, user, status: str = "") -> QuerySet[EarlyStartRequest]:
    requests = early_starts_visible_to(user)
    if status:
        requests = requests.filter(status=status)
    return requests.order_by("status", "sent_at")


def early_starts_of(application: Application) -> list[EarlyStartRequest]:
    """Newest first (as prefetched by `application_detail`)."""
    return list(application.early_start_requests.all())


def early_start_detail(*, pk: int) -> EarlyStartRequest:
    return EarlyStartRequest.objects.select_related(
        "organisation", "line", "application", "sent_by", "decided_by"
    ).get(pk=pk)


def documents_of_early_start(request: EarlyStartRequest) -> list[StoredDocument]:
    return list(
        StoredDocument.objects.filter(
            owner_type=ContentType.objects.get_for_model(EarlyStartRequest), owner_id=request.pk
        ).order_by("uploaded_at")
    )
