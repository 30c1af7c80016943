"""What the Bescheide say: court, letterhead, ANBest version, the Zuwendungsbescheid's and the
Ablehnungsbescheid's context, the embedded annexes."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _

from wirportal.applications.models import FundingSourceKind
from wirportal.core.dates import (
    format_date,
)
from wirportal.core.exceptions import NotAllowed
from wirportal.core.money import to_money
from wirportal.documents.models import AnbestKind, AnbestVersion
from wirportal.documents.pdf import EmbeddedFile, render_pdf
from wirportal.documents.selectors import anbest_version_on
from wirportal.documents.services import anbest_content, document_store
from wirportal.documents.validation import ValidatedUpload, validate_upload
from wirportal.offices.courts import Court, court_for_office
from wirportal.offices.models import OrganisationKind
from wirportal.programmes.deadlines import proof_of_use_due, proof_of_use_rule_text

from .. import selectors
from ..models import (
    Delivery,
    GrantDecision,
    Outcome,
)
from .common import REJECTION_KIND, _name


def competent_court(decision: GrantDecision, *, on: date) -> Court:
    """The administrative court for the legal remedy notice: the one of the recipient's seat
    (§ 52 Nr. 3 Satz 2 VwGO, court districts § 1 Abs. 2 HessAGVwGO; `offices.courts`).

    A letter without the right court cannot be signed, so a recipient without a seat (WIR unit)
    on record is refused rather than sent to a guessed court.
    """
    found = court_for_office(decision.application.organisation.office, on)
    if found is None:
        raise NotAllowed(
            _(
                "Für den Träger ist kein Sitz (WIR-Einheit) hinterlegt; das zuständige "
                "Verwaltungsgericht (§ 52 Nr. 3 VwGO) kann nicht bestimmt werden. Bitte ergänzen Sie "
                "die Angaben zum Träger."
            )
        )
    return found[0]


def letter_common(decision: GrantDecision, *, issued: date) -> dict:
    """Letterhead, address, reference data and court every Bescheid on an application shares."""
    application = decision.application
    organisation = application.organisation
    line = application.line
    return {
        "court": competent_court(decision, on=issued),
        "recipient_lines": [
            organisation.name,
            organisation.street,
            f"{organisation.postcode} {organisation.city}".strip(),
        ],
        "reference": application.reference,
        "your_reference": "",
        "date": issued,
        "contact_name": _name(decision.proposed_by),
        "contact_phone": "",
        "contact_email": decision.proposed_by.email,
        "programme": line.programme.name if line.programme_id else "Landesprogramm WIR",
        "funding_line": line.name,
        "project_title": application.title,
        "application_date": timezone.localdate(application.submitted_at)
        if application.submitted_at
        else issued,
        "signatory_name": _name(decision.approved_by),
        "signatory_title": "Bewilligungsbehörde",
    }


# ANBest-P Nr. 1.4 (federal wording): money may be called down only for payments due within six
# weeks after payout. The Hessian value was not found (verify HE; brief B3): a line's own value is
# read from its payment rules when the payments app keeps one (`line.payment_rules`).
DEFAULT_CALL_DOWN_WEEKS = 6
_NUMBER_WORDS = {
    1: "einer",
    2: "zwei",
    3: "drei",
    4: "vier",
    5: "fünf",
    6: "sechs",
    7: "sieben",
    8: "acht",
    9: "neun",
    10: "zehn",
    11: "elf",
    12: "zwölf",
}
# Local authorities get the ANBest-GK (VV zu § 44 LHO, annex for Gebietskörperschaften and their
# Zusammenschlüsse, e.g. Zweckverbände); every other recipient the ANBest-P.
LOCAL_AUTHORITY_KINDS = frozenset(
    {OrganisationKind.MUNICIPALITY, OrganisationKind.DISTRICT, OrganisationKind.ZWECKVERBAND}
)


def anbest_kind_for(organisation) -> str:
    """ANBest-GK for Gemeinden/Städte, Landkreise and Zweckverbände, ANBest-P for all others."""
    return AnbestKind.GK if organisation.kind in LOCAL_AUTHORITY_KINDS else AnbestKind.P


def letter_anbest(decision: GrantDecision, *, on: date) -> AnbestVersion:
    """The ANBest version the Bescheid of `on` embeds. A Bescheid without its ANBest is not
    complete (the Nebenbestimmungen are part of it, § 36 HVwVfG), so none on record is refused."""
    kind = anbest_kind_for(decision.application.organisation)
    version = anbest_version_on(kind, on)
    if version is None or (version.document_id is None and not version.is_demo):
        raise NotAllowed(
            _(
                "Für den %(date)s ist keine Fassung der ANBest-%(kind)s hinterlegt; der "
                "Zuwendungsbescheid kann ohne sie nicht erlassen werden. Bitte laden Sie die "
                "geltende Fassung auf der Seite „ANBest-Fassungen“ hoch."
            )
            % {"date": format_date(on, "SHORT_DATE_FORMAT"), "kind": kind}
        )
    return version


def _call_down_weeks(line) -> int:
    rules = getattr(line, "payment_rules", None)  # payments app, a later layer: no import
    return int(getattr(rules, "call_down_weeks", None) or DEFAULT_CALL_DOWN_WEEKS)


def _weeks_text(weeks: int) -> str:
    word = _NUMBER_WORDS.get(weeks, str(weeks))
    return "einer Woche" if weeks == 1 else f"{word} Wochen"


def _plan_lines(items) -> list[dict[str, Any]]:
    """The application's cost rows, for a decision that has no eligible costs per row."""
    return [
        {
            "label": selectors.cost_item_label(item),
            "requested": item.real_costs,
            "eligible": item.real_costs,
            "reason": "",
        }
        for item in items
    ]


def _legal_basis(line) -> list[str]:
    """§§ 23, 44 LHO with the VV zu § 44, the programme's guideline and the IntTG (domain 3.1)."""
    items = [
        "§§ 23 und 44 der Hessischen Landeshaushaltsordnung (LHO) und die "
        "Verwaltungsvorschriften zu § 44 LHO"
    ]
    guideline = (line.programme.legal_basis or "").strip() if line.programme_id else ""
    if guideline:
        items.append(guideline)
    if "IntTG" not in guideline:
        items.append(
            "§§ 11 und 12 des Hessischen Integrations- und Teilhabegesetzes (IntTG) vom "
            "22. März 2023"
        )
    return items


def _safe_name(text: str) -> str:
    return "".join(c if c.isalnum() or c == "-" else "-" for c in text).strip("-")


def annex_names(reference: str, anbest_kind: str) -> dict[str, str]:
    """File names of the files embedded in the Zuwendungsbescheid (PDF/A-3 associated files)."""
    return {
        "anbest": f"ANBest-{anbest_kind}.pdf",
        "declaration": f"Erklaerung-zum-Zuwendungsbescheid-{_safe_name(reference)}.pdf",
    }


def letter_context(
    decision: GrantDecision,
    *,
    issued: date,
    deadline: date | None,
    bekanntgabe: date | None = None,
    delivery: str = Delivery.POST,
    anbest: AnbestVersion | None = None,
) -> dict:
    """Plain data for `documents/decision_letter.html` (deadline and Bekanntgabe are known at
    issue for a letter by post, not for one offered for download).

    The decided figures (period, yearly amounts, eligible costs per row, proof-of-use date and
    rule, partial reasons) come from the decision; a decision made before the decision form had
    them falls back to the application's period and cost plan.
    """
    application = decision.application
    organisation = application.organisation
    line = application.line
    decided_lines: list[dict[str, Any]] = [
        {"label": c.label, "requested": c.requested, "eligible": c.eligible, "reason": c.reason}
        for c in decision.cost_lines.all()
    ]
    items, sources = selectors.plan_of(application)
    plan_lines = decided_lines or _plan_lines(items)
    own = [
        (s.name or str(s.get_kind_display()), to_money(s.amount or 0))
        for s in sources
        if s.kind == FundingSourceKind.OWN
    ]
    third = [
        (s.name or str(s.get_kind_display()), to_money(s.amount or 0))
        for s in sources
        if s.kind == FundingSourceKind.THIRD_PARTY
    ]
    amount = to_money(decision.amount or 0)
    partial = decision.outcome == Outcome.PARTIAL
    financing = str(line.financing_type)
    own_total = sum((value for _n, value in own), Decimal(0))
    third_total = sum((value for _n, value in third), Decimal(0))
    requested_costs = sum((row["requested"] for row in plan_lines), Decimal(0))
    if decision.eligible_costs is not None:
        eligible = to_money(decision.eligible_costs)
    elif partial and financing in {"fehlbedarf", "voll"}:
        # a decision without eligible costs per row (before the decision form had them): a cut
        # gap grant means lower eligible costs, A = Z + E (ANBest-P Nr. 2.1.2)
        eligible = amount + own_total + third_total
    else:
        eligible = sum((row["eligible"] for row in plan_lines), Decimal(0))
    if not decided_lines and eligible != requested_costs:
        # no row claims an eligible amount the case worker did not decide for it
        plan_lines = [{**row, "eligible": None} for row in plan_lines]
    period_start = decision.period_start or application.period_start
    period_end = decision.period_end or application.period_end
    rule = decision.proof_of_use_rule or line.proof_of_use_rule
    proof_deadline = decision.proof_of_use_due or (
        proof_of_use_due(rule, period_end) if period_end else None
    )
    proof_rule = (
        "Der Verwendungsnachweis (Sachbericht und zahlenmäßiger Nachweis) ist "
        f"{proof_of_use_rule_text(rule)} vorzulegen"
    )
    kind = anbest_kind_for(organisation)
    anbest = anbest or letter_anbest(decision, on=issued)
    common = letter_common(decision, issued=issued)
    names = annex_names(common["reference"] or "", kind)
    weeks = _call_down_weeks(line)
    return {
        **common,
        "amount": amount,
        "requested_amount": decision.requested_amount,
        "purpose_text": (line.description or "").strip(),
        "programme_purpose": (line.programme.description or "").strip()
        if line.programme_id
        else "",
        "financing_type": financing,
        "funding_share": line.rate,
        "period_start": period_start,
        "period_end": period_end,
        "year_amounts": decision.year_amount_list,
        "eligible_costs": eligible,
        "eligible_cost_lines": plan_lines,
        "requested_costs": requested_costs,
        "own_funds": own,
        "own_total": own_total,
        "third_funds": third,
        "third_total": third_total,
        "total_financing": own_total + third_total + amount,
        "nebenbestimmungen": "anbest_gk" if kind == AnbestKind.GK else "anbest_p",
        "anbest": {
            "kind": kind,
            "short_name": f"ANBest-{kind}",
            "title": anbest.title,
            "version_date": anbest.version_date,
            "source": anbest.source,
            "is_demo": anbest.is_demo,
        },
        "annex_names": names,
        "legal_basis": _legal_basis(line),
        "call_down_period": _weeks_text(weeks),
        "conditions": decision.condition_list,
        "acceptance_deadline": deadline,
        "bekanntgabe": bekanntgabe,
        "delivery": str(delivery),
        "proof_of_use_deadline": proof_deadline,
        "proof_of_use_rule_text": proof_rule,
        "partial": partial,
        "partial_reasons": decision.reason_paragraphs if partial else [],
        "account_holder": organisation.account_holder,
        "iban_display": " ".join(
            organisation.iban[i : i + 4] for i in range(0, len(organisation.iban or ""), 4)
        ),
        "bank_name": organisation.bank_name,
    }


def letter_attachments(context: dict, anbest: AnbestVersion) -> list[EmbeddedFile]:
    """The ANBest version and the prefilled acceptance declaration, embedded in the PDF/A-3
    Zuwendungsbescheid as associated files (rendered before any write transaction)."""
    names = context["annex_names"]
    declaration = render_pdf("documents/acceptance_declaration.html", context)
    return [
        EmbeddedFile(
            name=names["anbest"],
            content=anbest_content(anbest),
            description=f"Anlage 1: {anbest.title}, Fassung vom {anbest.version_date:%d.%m.%Y}",
            relationship="Supplement",
        ),
        EmbeddedFile(
            name=names["declaration"],
            content=declaration,
            description="Anlage 2: Erklärung zum Zuwendungsbescheid (Annahmeerklärung)",
            relationship="Supplement",
        ),
    ]


def rejection_letter_context(decision: GrantDecision, *, issued: date) -> dict:
    """Plain data for `documents/rejection_letter.html`: the case worker's reasons by paragraph."""
    paragraphs = [p.strip() for p in decision.reasons.split("\n\n") if p.strip()]
    return {
        **letter_common(decision, issued=issued),
        "requested_amount": decision.requested_amount or None,
        "reasons": [" ".join(p.split()) for p in paragraphs],
    }


@dataclass(frozen=True)
class _CheckedLetter:
    """A rendered letter, already checked as every stored file is (`validate_upload`: pikepdf,
    clamd): both before the write transaction, so storing it under the lock only writes the file
    and its row (ADR 0014)."""

    pdf: bytes
    filename: str
    upload: ValidatedUpload


def _checked_letter(pdf: bytes, filename: str, *, embedded_pdfs: bool = False) -> _CheckedLetter:
    upload = validate_upload(
        ContentFile(pdf, name=filename), allowed=("pdf",), embedded_pdfs=embedded_pdfs
    )
    return _CheckedLetter(pdf=pdf, filename=filename, upload=upload)


def _rejection_letter_checked(decision: GrantDecision, *, issued: date) -> _CheckedLetter:
    """Render and check the Ablehnungsbescheid (before the write transaction)."""
    pdf = render_pdf(
        "documents/rejection_letter.html", rejection_letter_context(decision, issued=issued)
    )
    return _checked_letter(pdf, f"Ablehnungsbescheid-{decision.application.reference}.pdf")


def _rejection_letter(decision: GrantDecision, *, by, letter: _CheckedLetter) -> tuple[bytes, str]:
    """Store the rendered Ablehnungsbescheid (PDF/A) on the decision; returns PDF and name."""
    application = decision.application
    decision.letter = document_store(
        upload=letter.upload,
        attach_to=decision,
        kind=REJECTION_KIND,
        by=by,
        label=f"Ablehnungsbescheid {application.reference}",
    )
    decision.issued_at = timezone.now()
    return letter.pdf, letter.filename
