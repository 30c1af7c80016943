"""The Zuwendungsbescheid is legally complete: every mandatory element is read back from the
rendered PDF/A-3, with the ANBest and the acceptance declaration embedded as associated files.

Norms: §§ 23, 44 LHO with the VV zu § 44 LHO (mandatory content, ANBest as annex), § 36 HVwVfG
(Nebenbestimmungen, auflösende Bedingung), § 39 HVwVfG (reasons of a partial rejection),
§ 41 HVwVfG (Bekanntgabe), § 52 Nr. 3 VwGO (court), §§ 11, 12 IntTG; brief domain.md 3.1–3.4 and
grant-law-examples.md C1 (proof-of-use rule), B3 (call-down period), F1 (yearly amounts).
"""

import io
from datetime import date
from decimal import Decimal

import pikepdf
import pytest

from wirportal.decisions import services
from wirportal.decisions.models import DecisionStatus, GrantDecision, Outcome
from wirportal.documents.tests.pdf_text import normalised, pdf_text

pytestmark = pytest.mark.django_db

GUIDELINE = "Förderrichtlinie „WIR – Vielfalt und Teilhabe“"
# letters rendered once per scenario and process (rendering costs seconds); tests stay independent
_RENDERED: dict[str, tuple[bytes, str, dict]] = {}


def _stored_pdf(decision: GrantDecision) -> bytes:
    from django.core.files.storage import default_storage

    decision = GrantDecision.objects.select_related("letter").get(pk=decision.pk)
    assert decision.letter is not None
    with default_storage.open(decision.letter.storage_name) as handle:
        return handle.read()


def _application(world, *, kind=None, financing=None, rate=None):
    """20,000 costs, 4,000 own funds, 1,000 from the city, 15,000 requested (Fehlbedarf)."""
    from wirportal.applications.models import FundingSource
    from wirportal.reviews.tests.factories import application_in_review, record_all_steps

    organisation = world["org_a"]
    if kind is not None:
        organisation.kind = kind
        organisation.save()
    application = application_in_review(
        organisation=organisation, applicant=world.users["applicant_a"]
    )
    FundingSource.objects.filter(application=application).update(
        amount=Decimal("4000"), name="Eigenmittel des Vereins"
    )
    FundingSource.objects.create(
        application=application, kind="drittmittel", name="Stadt Kassel", amount=Decimal("1000")
    )
    line = application.line
    line.programme.legal_basis = GUIDELINE
    line.programme.save()
    if financing is not None:
        line.financing_type = financing
        line.rate = rate
        line.save()
    record_all_steps(application, by=world.users["case_worker"])
    return application


def _issue(world, second_case_worker, *, outcome=Outcome.APPROVE, delivery="post", **kwargs):
    application = _application(world, **kwargs)
    cut = {}
    if outcome == Outcome.PARTIAL:  # eligible 17,000 of 20,000: gap grant 17,000 - 5,000
        item = application.cost_items.get()
        cut = {
            "eligible": {item.pk: Decimal("17000")},
            "eligible_reasons": {item.pk: "Honorarsätze über dem Üblichen."},
        }
    decision = services.decision_propose(
        application=application,
        by=world.users["case_worker"],
        outcome=outcome,
        reasons="Die Honorare sind nur bis 17.000 € angemessen.\n\nDer Rest ist nicht belegt."
        if outcome == Outcome.PARTIAL
        else "",
        conditions="Bericht halbjährlich",
        **cut,
    )
    decision = services.decision_approve(decision=decision, by=second_case_worker)
    return services.decision_issue(
        decision=decision, by=second_case_worker, today=date(2026, 11, 6), delivery=delivery
    )


def _scenario(name, world, second_case_worker, **kwargs) -> tuple[bytes, str, dict]:
    if name not in _RENDERED:
        decision = _issue(world, second_case_worker, **kwargs)
        pdf = _stored_pdf(decision)
        application = decision.application
        facts = {"title": application.title, "line": application.line.name}
        _RENDERED[name] = (pdf, normalised(pdf_text(pdf)), facts)
    return _RENDERED[name]


@pytest.fixture
def standard(world, second_case_worker, today):
    return _scenario("standard", world, second_case_worker)


# element → phrases the letter must contain (Fehlbedarf, 01.02.–30.11.2027, posted 06.11.2026)
ELEMENTS = {
    "zuwendungszweck": ["Zuwendungszweck Durchführung des Vorhabens „{title}“", "„{line}“"],
    "programmzweck": ["Ziel des Programms:"],
    "bis_zu_hoechstbetrag": ["Zuwendung in Höhe von bis zu 15.000,00 € (Höchstbetrag)"],
    "finanzierungsart": ["im Wege der Fehlbedarfsfinanzierung als nicht rückzahlbarer Zuschuss"],
    "zuwendungsfaehige_ausgaben": ["Zuwendungsfähige Ausgaben insgesamt 20.000,00 € 20.000,00 €"],
    "finanzierungsplan": [
        "Verbindlicher Finanzierungsplan",
        "Eigenmittel insgesamt 4.000,00 €",
        "Drittmittel: Stadt Kassel 1.000,00 €",
        "Drittmittel insgesamt 1.000,00 €",
        "Zuwendung des Landes 15.000,00 €",
        "Finanzierung insgesamt 20.000,00 €",
    ],
    "bewilligungszeitraum": ["Bewilligungszeitraum vom 01.02.2027 bis 30.11.2027"],
    "haushaltsjahr": ["im Haushaltsjahr 2027"],
    "rechtsgrundlagen": [
        "§§ 23 und 44 der Hessischen Landeshaushaltsordnung (LHO)",
        "Verwaltungsvorschriften zu § 44 LHO",
        GUIDELINE,
        "§§ 11 und 12 des Hessischen Integrations- und Teilhabegesetzes (IntTG)",
    ],
    "mittelabruf": [
        "Mittelabruf",
        "innerhalb von sechs Wochen nach der Auszahlung für fällige Zahlungen",
        "nur anteilig mit den Eigen- und Drittmitteln",
    ],
    "mitteilungspflichten": [
        "Mitteilungspflichten",
        "weitere Zuwendungen für denselben Zweck",
        "zuwendungsfähigen Ausgaben ermäßigen",
        "Zuwendungszweck oder sonstige für die Bewilligung maßgebliche Umstände ändern",
        "Vergabe von Aufträgen",
        "Insolvenzverfahren",
    ],
    # WIR practice: three months after the end (domain.md 3.2; brief C1), 30.11.2027 → 29.02.2028
    "verwendungsnachweis": [
        "Der Verwendungsnachweis (Sachbericht und zahlenmäßiger Nachweis) ist spätestens drei "
        "Monate nach Ende des Bewilligungszeitraums vorzulegen, also bis zum 29.02.2028.",
    ],
    "aufloesende_bedingung": [
        "Dieser Bescheid wird unwirksam, wenn die Annahmeerklärung nicht innerhalb eines Monats "
        "nach Bekanntgabe dieses Bescheides, also nicht bis zum 09.12.2026, bei der "
        "Bewilligungsbehörde eingeht",
    ],
    "annahmewege": [
        "online im WIR-Portal durch ein Mitglied Ihrer Organisation",
        "unterschriebene Erklärung zum Zuwendungsbescheid (Anlage 2), die per Post",
    ],
    "bekanntgabe": ["09.11.2026 als bekanntgegeben (§ 41 Abs. 2 HVwVfG)"],
    "rechtsbehelfsbelehrung": ["Rechtsbehelfsbelehrung", "Klage beim Verwaltungsgericht Kassel"],
    "besserstellungsverbot": ["Besserstellungsverbot", "(TV-H)"],
    "nebenbestimmungen": [
        "Besondere Nebenbestimmungen",
        "Bericht halbjährlich",
        "(ANBest-P) – DEMOFASSUNG, nicht der amtliche Text“ (Fassung vom 01.01.2021",
    ],
    "anlagen": [
        "Anlagen Die Anlagen sind in diese PDF-Datei eingebettet",
        "„ANBest-P.pdf“",
        "Erklärung zum Zuwendungsbescheid (Annahmeerklärung), vorausgefüllt",
    ],
}


@pytest.mark.parametrize("element", ELEMENTS)
def test_zuwendungsbescheid_carries(standard, element):
    _pdf, text, facts = standard
    missing = [p.format(**facts) for p in ELEMENTS[element] if p.format(**facts) not in text]
    assert missing == []


def test_a_full_approval_does_not_reject_anything(standard):
    assert "Im Übrigen wird der Antrag abgelehnt" not in standard[1]


# --- partial approval (§ 39 HVwVfG) -----------------------------------------------------------


def test_partial_approval_gives_reasons_and_rejects_the_rest(world, second_case_worker, today):
    _pdf, text, _facts = _scenario("partial", world, second_case_worker, outcome=Outcome.PARTIAL)
    assert "bis zu 12.000,00 € (Höchstbetrag)" in text
    assert "Im Übrigen wird der Antrag abgelehnt." in text
    assert "Begründung der teilweisen Ablehnung" in text and "§ 39 HVwVfG" in text
    assert "Die Honorare sind nur bis 17.000 € angemessen." in text
    assert "Honorarsätze über dem Üblichen." in text  # the reason of the cut row
    assert "Der Rest ist nicht belegt." in text
    # the binding plan adds up: eligible costs = own 4,000 + third 1,000 + grant 12,000
    assert "Zuwendungsfähige Ausgaben insgesamt 20.000,00 € 17.000,00 €" in text
    assert "Finanzierung insgesamt 17.000,00 €" in text


# --- financing types --------------------------------------------------------------------------


def test_vollfinanzierung_is_printed_as_such(world, second_case_worker, today):
    _pdf, text, _facts = _scenario(
        "voll", world, second_case_worker, financing="voll", outcome=Outcome.APPROVE
    )
    assert "im Wege der Vollfinanzierung als nicht rückzahlbarer Zuschuss" in text
    assert "Finanzierungsart Vollfinanzierung" in text
    assert "Fehlbedarfsfinanzierung" not in text


def test_anteilfinanzierung_names_its_rate(world, second_case_worker, today):
    context = services.letter_context(
        _approved(world, second_case_worker, financing="anteil", rate=Decimal("75")),
        issued=date(2026, 11, 6),
        deadline=None,
    )
    from wirportal.documents.pdf import render_pdf

    text = normalised(pdf_text(render_pdf("documents/decision_letter.html", context)))
    assert "Anteilfinanzierung in Höhe von 75 % der zuwendungsfähigen Ausgaben" in text
    assert "Finanzierungsart Anteilfinanzierung (75 %)" in text
    assert "ermäßigt sich die Zuwendung nach Maßgabe der ANBest-P anteilig" in text


def _approved(world, second_case_worker, **kwargs) -> GrantDecision:
    decision = services.decision_propose(
        application=_application(world, **kwargs),
        by=world.users["case_worker"],
        outcome=Outcome.APPROVE,
    )
    return services.decision_approve(decision=decision, by=second_case_worker)


# --- multi-year grant (brief F1) ----------------------------------------------------------------


def test_multi_year_grant_lists_the_five_yearly_amounts(world, second_case_worker, today):
    """Bad Homburg 2026–2030: 600,000.00 = 5 × 120,000.00, whole amounts per year as decided."""
    from wirportal.applications.models import CostItem, FundingSource
    from wirportal.decisions.tests.factories import GrantDecisionFactory

    application = _application(world)
    application.period_start, application.period_end = date(2026, 1, 1), date(2030, 12, 31)
    application.requested_amount = Decimal("600000")
    application.save()
    CostItem.objects.filter(application=application).update(amount=Decimal("600000"))
    FundingSource.objects.filter(application=application).delete()
    decision = GrantDecisionFactory(
        application=application,
        amount=Decimal("600000"),
        requested_amount=Decimal("600000"),
        year_amounts={str(year): "120000.00" for year in range(2026, 2031)},
        status=DecisionStatus.APPROVED,
        approved_by=second_case_worker,
    )
    decision = services.decision_issue(
        decision=decision, by=second_case_worker, today=date(2025, 12, 1)
    )
    text = normalised(pdf_text(_stored_pdf(decision)))
    assert "Aufteilung auf die Haushaltsjahre" in text
    for year in range(2026, 2031):
        assert f"{year} 120.000,00 €" in text
    assert "Summe 600.000,00 €" in text
    assert "Bewilligungszeitraum vom 01.01.2026 bis 31.12.2030" in text


# --- Bekanntgabe in the portal: the rule, not a date --------------------------------------------


def test_portal_letter_states_the_condition_as_a_rule(world, second_case_worker, today):
    _pdf, text, _facts = _scenario("portal", world, second_case_worker, delivery="portal")
    assert (
        "Dieser Bescheid wird unwirksam, wenn die Annahmeerklärung nicht innerhalb eines Monats "
        "nach Bekanntgabe dieses Bescheides bei der Bewilligungsbehörde eingeht"
    ) in text
    assert "also nicht bis zum" not in text


# --- embedded files: ANBest and acceptance declaration (PDF/A-3 associated files) --------------


def test_anbest_and_declaration_are_embedded_as_associated_files(standard):
    pdf, _text, _facts = standard
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert document.open_metadata().get("pdfaid:part") == "3"
        associated = list(document.Root.AF)
        assert len(associated) == 2
        assert {str(spec.AFRelationship) for spec in associated} == {"/Supplement"}
        names = list(document.Root.Names.EmbeddedFiles.Names)[::2]
        assert len(names) == 2 and str(names[0]) == "ANBest-P.pdf"
        assert str(names[1]).startswith("Erklaerung-zum-Zuwendungsbescheid-WIR-")
        for spec in associated:
            assert str(spec.EF.F.Subtype) == "/application/pdf"
            assert spec.Desc  # "Anlage 1: …", "Anlage 2: …"
        files = {name: spec.get_file().read_bytes() for name, spec in document.attachments.items()}
    assert "DEMOFASSUNG" in normalised(pdf_text(files["ANBest-P.pdf"]))
    declaration = next(content for name, content in files.items() if name.startswith("Erkl"))
    with pikepdf.open(io.BytesIO(declaration)) as inner:
        assert inner.open_metadata().get("pdfaid:part") == "3"
    text = normalised(pdf_text(declaration))
    assert "Erklärung zum Zuwendungsbescheid vom 06.11.2026, Az. WIR-" in text
    assert "bis zu 15.000,00 €" in text
    assert "Verein A e. V." in text
    assert "DE89 3704 0044 0532 0130 00" in text  # the bank details to confirm
    assert "Ort, Datum" in text and "Rechtsverbindliche Unterschrift" in text
    assert "bis zum 09.12.2026" in text


def test_zweckverband_gets_the_anbest_gk(world, second_case_worker, today):
    from wirportal.offices.models import OrganisationKind

    pdf, text, _facts = _scenario(
        "zweckverband", world, second_case_worker, kind=OrganisationKind.ZWECKVERBAND
    )
    assert "„ANBest-GK.pdf“" in text and "(ANBest-GK)" in text
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert "ANBest-GK.pdf" in document.attachments


@pytest.mark.parametrize(
    ("kind", "anbest"),
    [
        ("municipality", "GK"),
        ("district", "GK"),
        ("zweckverband", "GK"),
        ("association", "P"),
        ("welfare", "P"),
        ("church", "P"),
        ("migrant_organisation", "P"),
        ("other", "P"),
    ],
)
def test_anbest_kind_by_recipient(kind, anbest):
    from wirportal.offices.models import Organisation

    assert services.anbest_kind_for(Organisation(kind=kind)) == anbest


# --- ANBest versions as data, chosen by the letter date --------------------------------------


def test_the_letter_takes_the_anbest_version_valid_on_its_date(world, second_case_worker, today):
    from django.core.files.base import ContentFile

    from wirportal.documents.services import _anbest_demo_pdf, anbest_version_create
    from wirportal.documents.validation import validate_upload

    anbest_version_create(
        kind="P",
        title="ANBest-P (Fassung 2026)",
        version_date=date(2026, 11, 20),
        valid_from=date(2026, 12, 1),
        source="StAnz. 48/2026 (Beispiel)",
        upload=validate_upload(ContentFile(_anbest_demo_pdf("P"), name="anbest.pdf")),
        by=world.users["programme_staff"],
    )
    decision = _approved(world, second_case_worker)
    before = services.letter_context(decision, issued=date(2026, 11, 30), deadline=None)
    after = services.letter_context(decision, issued=date(2026, 12, 1), deadline=None)
    assert before["anbest"]["is_demo"] and before["anbest"]["version_date"] == date(2021, 1, 1)
    assert after["anbest"]["title"] == "ANBest-P (Fassung 2026)"
    assert after["anbest"]["source"] == "StAnz. 48/2026 (Beispiel)"


def test_issue_without_an_anbest_version_is_refused(world, second_case_worker, today):
    from wirportal.core.exceptions import NotAllowed
    from wirportal.documents.models import AnbestVersion

    decision = _approved(world, second_case_worker)
    AnbestVersion.objects.filter(kind="P").delete()
    with pytest.raises(NotAllowed, match="keine Fassung der ANBest-P hinterlegt"):
        services.decision_issue(decision=decision, by=second_case_worker)
    decision = GrantDecision.objects.get(pk=decision.pk)
    assert decision.status == DecisionStatus.APPROVED and decision.letter is None


def test_anbest_version_valid_only_later_is_not_used(world, second_case_worker, today):
    from wirportal.core.exceptions import NotAllowed
    from wirportal.documents.models import AnbestVersion

    decision = _approved(world, second_case_worker)
    AnbestVersion.objects.filter(kind="P").update(valid_from=date(2027, 1, 1))
    with pytest.raises(NotAllowed, match="ANBest-P"):
        services.decision_issue(decision=decision, by=second_case_worker, today=date(2026, 12, 1))


# --- our own letters pass the upload check; uploads with embedded files never do -------------


def test_embedded_files_pass_only_for_generated_letters_and_only_as_pdf(standard):
    from django.core.exceptions import ValidationError
    from django.core.files.base import ContentFile

    from wirportal.documents.pdf import EmbeddedFile, render_pdf
    from wirportal.documents.tests.test_pdf import CONTEXT
    from wirportal.documents.validation import validate_upload

    pdf = standard[0]
    with pytest.raises(ValidationError, match="eingebettete"):
        validate_upload(ContentFile(pdf, name="bescheid.pdf"))
    assert validate_upload(ContentFile(pdf, name="bescheid.pdf"), embedded_pdfs=True).kind == "pdf"
    with_text = render_pdf(
        "documents/decision_letter.html",
        CONTEXT,
        attachments=[EmbeddedFile(name="notiz.txt", content=b"Hallo")],
    )
    with pytest.raises(ValidationError, match="eingebettete"):
        validate_upload(ContentFile(with_text, name="bescheid.pdf"), embedded_pdfs=True)


# --- Ablehnungsbescheid stays complete -------------------------------------------------------


def test_ablehnungsbescheid_has_reasons_remedy_and_court(world, second_case_worker, today):
    application = _application(world)
    decision = services.decision_propose(
        application=application,
        by=world.users["case_worker"],
        outcome=Outcome.REJECT,
        reasons="Das Vorhaben hat keinen Bezug zur Teilhabe.\n\nDie Mittel sind erschöpft.",
    )
    decision = services.decision_approve(decision=decision, by=second_case_worker)
    text = normalised(pdf_text(_stored_pdf(decision)))
    assert "wird abgelehnt" in text
    assert "Begründung Das Vorhaben hat keinen Bezug zur Teilhabe." in text
    assert "Die Mittel sind erschöpft." in text
    assert "§§ 23, 44 der Hessischen Landeshaushaltsordnung" in text
    assert "Rechtsbehelfsbelehrung" in text and "Klage beim Verwaltungsgericht Kassel" in text
