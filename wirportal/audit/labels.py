"""What an audit action means, as a sentence for the people who read a history (issue #12).

The codes stay in the database (they are the log's vocabulary); pages show `action_label(code)`.
An action without a sentence here is shown with its code, so nothing is hidden.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

LABELS = {
    "application.created": _("Antrag angelegt"),
    "application.submitted": _("Antrag eingereicht"),
    "application.review_started": _("Prüfung begonnen"),
    "application.in_review": _("Prüfung begonnen"),
    "application.changes_requested": _("Nachbesserung oder Unterlagen angefordert"),
    "application.withdrawn": _("Antrag zurückgezogen"),
    "application.approved": _("Antrag bewilligt"),
    "application.partially_approved": _("Antrag teilweise bewilligt"),
    "application.rejected": _("Antrag abgelehnt"),
    "application.attachment_added": _("Anlage hinzugefügt"),
    "application.early_start_requested": _("Vorzeitiger Maßnahmebeginn beantragt"),
    "application.early_start_approved": _("Vorzeitigem Maßnahmebeginn zugestimmt"),
    "application.early_start_refused": _("Vorzeitiger Maßnahmebeginn abgelehnt"),
    "review.assigned": _("Zuständige Sachbearbeitung bestimmt"),
    "review.reviewers_assigned": _("Gutachterinnen und Gutachter bestimmt"),
    "review.completeness_recorded": _("Vollständigkeitsprüfung erfasst"),
    "review.content_recorded": _("Sachliche Prüfung erfasst"),
    "review.arithmetic_recorded": _("Rechnerische Prüfung erfasst"),
    "review.scored": _("Bewertung abgegeben"),
    "review.criterion_added": _("Bewertungskriterium hinzugefügt"),
    "review.criterion_removed": _("Bewertungskriterium entfernt"),
    "decision.proposed": _("Entscheidung vorgeschlagen"),
    "decision.returned": _("Vorschlag zurückgegeben"),
    "decision.approved": _("Vorschlag freigegeben (Vier-Augen-Prinzip)"),
    "decision.issued": _("Bescheid erlassen"),
    "decision.downloaded": _("Bescheid abgerufen"),
    "decision.accepted": _("Bescheid angenommen"),
    "decision.deadline_extended": _("Frist zur Annahme verlängert"),
    "decision.lapsed": _("Bescheid unwirksam (nicht angenommen)"),
    "decision.reinstated": _("Wiedereinsetzung gewährt"),
    "decision.revoked": _("Bescheid widerrufen"),
    "budget.committed": _("Haushaltsmittel gebunden"),
    "budget.released": _("Haushaltsmittel freigegeben"),
    "budget.receivable_booked": _("Erstattungsforderung gebucht"),
    "budget.repaid": _("Rückzahlung gebucht"),
    "payment.requested": _("Mittel abgerufen"),
    "payment.checked": _("Mittelabruf sachlich richtig gezeichnet"),
    "payment.ordered": _("Auszahlung angeordnet"),
    "payment.refused": _("Mittelabruf abgelehnt"),
    "proof_of_use.started": _("Verwendungsnachweis begonnen"),
    "proof_of_use.saved": _("Verwendungsnachweis gespeichert"),
    "proof_of_use.submitted": _("Verwendungsnachweis eingereicht"),
    "proof_of_use.checked": _("Verwendungsnachweis geprüft"),
    "proof_of_use.settled": _("Schlussabrechnung erstellt"),
    "proof_of_use.receipt_added": _("Beleg hinzugefügt"),
    "proof_of_use.receipt_removed": _("Beleg entfernt"),
    "proof_of_use.receipts_imported": _("Belege eingelesen"),
    "proof_of_use.receipts_purged": _("Belege nach Ablauf der Aufbewahrungsfrist gelöscht"),
    "recovery.hearing_opened": _("Anhörung zur Rückforderung eröffnet"),
    "recovery.repayment_booked": _("Rückzahlung gebucht"),
    "recovery.revoked": _("Widerruf und Rückforderung erlassen"),
}


def action_label(action: str) -> str:
    """The sentence for an audit action; an unknown one is named with its code."""
    label = LABELS.get(action)
    if label is not None:
        return str(label)
    return pgettext("audit", "Vorgang „%(code)s“") % {"code": action}
