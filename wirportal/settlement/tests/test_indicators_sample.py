"""Indicators of the line in the Sachbericht, the proof draft's autosave and the Stichprobe of the
Belegliste in the check (issue #11)."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.urls import reverse

from wirportal.audit.models import AuditEntry
from wirportal.core.exceptions import DomainError
from wirportal.core.testing import assert_constant_queries
from wirportal.settlement import sampling, services
from wirportal.settlement.models import (
    CheckResult,
    LineIndicator,
    LineSettlementRules,
    ProofIndicatorValue,
    ProofOfUse,
    ProofReceipt,
    ProofStatus,
    SampleVerdict,
)

from .factories import accepted_decision, sample_checked
from .test_services import fill

pytestmark = pytest.mark.django_db


@pytest.fixture
def decision(world):
    return accepted_decision(
        organisation=world["org_a"], applicant=world.users["applicant_a"], code="deutsch4u"
    )


def _receipts(proof, count):
    ProofReceipt.objects.bulk_create(
        ProofReceipt(
            proof=proof, paid_on=date(2027, 3, 1), payee=f"E {n}", purpose="H", amount=D("10")
        )
        for n in range(count)
    )


def _submitted(decision, world, *, receipts=0):
    applicant = world.users["applicant_a"]
    proof = services.proof_start(decision=decision, by=applicant)
    fill(proof, applicant)
    services.proof_save(
        proof=proof,
        by=applicant,
        report="Zwei Kurse.",
        own_funds=D("1500"),
        third_party_funds=D("0"),
        lines={},
        indicators={
            "courses": D(2),
            "participants": D(24),
            "women_share": D("75"),
            "teaching_units": D("120"),
        },
    )
    _receipts(proof, receipts)
    return services.proof_submit(proof=proof, by=applicant)


# --- indicators -------------------------------------------------------------------------------


def test_line_gets_its_default_indicators_when_the_first_proof_starts(decision, world):
    services.proof_start(decision=decision, by=world.users["applicant_a"])
    rows = LineIndicator.objects.filter(line=decision.application.line).order_by("position")
    assert [(r.key, r.kind, r.required) for r in rows] == [
        ("courses", "ganzzahl", True),
        ("participants", "ganzzahl", True),
        ("women_share", "prozent", True),
        ("teaching_units", "dezimal", True),
    ]
    assert AuditEntry.objects.filter(action="line_indicator.defaults_created").count() == 1


def test_values_are_rows_one_per_proof_and_indicator(decision, world):
    proof = _submitted(decision, world)
    values = {
        v.indicator.key: v.value
        for v in ProofIndicatorValue.objects.filter(proof=proof).select_related("indicator")
    }
    assert values == {
        "courses": D("2"),
        "participants": D("24"),
        "women_share": D("75"),
        "teaching_units": D("120"),
    }
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        ProofIndicatorValue.objects.create(
            proof=proof, indicator=LineIndicator.objects.get(key="courses"), value=D(1)
        )


def test_required_indicator_is_enforced_at_submit_next_to_its_field(decision, world):
    applicant = world.users["applicant_a"]
    proof = services.proof_start(decision=decision, by=applicant)
    fill(proof, applicant)  # participants only
    with pytest.raises(DomainError) as error:
        services.proof_submit(proof=proof, by=applicant)
    assert error.value.field == "indicator_courses"


def test_service_refuses_a_percentage_over_100_and_a_fraction_of_a_whole_number(decision, world):
    applicant = world.users["applicant_a"]
    proof = services.proof_start(decision=decision, by=applicant)
    for key, value in (("women_share", D("101")), ("courses", D("2.5"))):
        with pytest.raises(DomainError) as error:
            services.proof_save(
                proof=proof,
                by=applicant,
                report="",
                own_funds=None,
                third_party_funds=None,
                lines={},
                indicators={key: value},
            )
        assert error.value.field == f"indicator_{key}"


def test_form_shows_the_lines_indicators_and_errors_next_to_them(decision, world, login):
    applicant = world.users["applicant_a"]
    proof = services.proof_start(decision=decision, by=applicant)
    client = login(applicant)
    url = reverse("settlement:proof-edit", args=[proof.pk])
    html = client.get(url).content.decode()
    for label in (
        "Durchgeführte Kurse",
        "Anteil der Frauen in %",
        "Gehaltene Unterrichtseinheiten",
    ):
        assert label in html
    response = client.post(
        url,
        {
            "report": "Bericht bleibt",
            "indicator_courses": "2,5",
            "indicator_women_share": "120",
            "indicator_participants": "-3",
            "indicator_teaching_units": "12,5",
        },
    )
    assert response.status_code == 422
    errors = response.context["form"].errors
    assert set(errors) == {"indicator_courses", "indicator_women_share", "indicator_participants"}
    assert "zwischen 0 und 100" in " ".join(errors["indicator_women_share"])
    page = response.content.decode()
    assert "Bericht bleibt" in page and 'value="120"' in page  # nothing lost

    response = client.post(
        url,
        {
            "report": "Bericht",
            "indicator_courses": "2",
            "indicator_women_share": "72,5",
            "indicator_participants": "24",
            "submit": "1",
        },
    )
    assert response.status_code == 422  # teaching units missing, shown next to the field
    assert "indicator_teaching_units" in response.context["form"].errors


def test_check_page_shows_the_indicators(decision, world, login):
    proof = _submitted(decision, world)
    html = (
        login(world.users["case_worker"])
        .get(reverse("settlement:proof-detail", args=[proof.pk]))
        .content.decode()
    )
    assert "Anteil der Frauen in %" in html and "75 %" in html


# --- autosave ---------------------------------------------------------------------------------


def test_autosave_saves_what_can_be_read_and_says_when(decision, world, login):
    applicant = world.users["applicant_a"]
    proof = services.proof_start(decision=decision, by=applicant)
    row = proof.cost_lines.first()
    response = login(applicant).post(
        reverse("settlement:proof-autosave", args=[proof.pk]),
        {
            "report": "Zwischenstand",
            "indicator_courses": "3",
            "indicator_women_share": "150",
            f"actual_{row.pk}": "1.000,00",
        },
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Entwurf gespeichert um" in html and "Anteil der Frauen in %" in html
    proof = ProofOfUse.objects.get(pk=proof.pk)
    assert proof.report == "Zwischenstand"
    assert proof.cost_lines.get(pk=row.pk).actual == D("1000.00")
    values = {v.indicator.key: v.value for v in proof.indicator_values.select_related("indicator")}
    assert values == {"courses": D("3")}  # the 150 % is not stored, stays in the form


def test_autosave_refuses_somebody_else_and_a_submitted_proof(decision, world, login):
    proof = _submitted(decision, world)
    url = reverse("settlement:proof-autosave", args=[proof.pk])
    response = login(world.users["applicant_a"]).post(url, {"report": "später"})
    assert response.status_code == 200 and "data-refused" in response.content.decode()
    assert ProofOfUse.objects.get(pk=proof.pk).report == "Zwei Kurse."
    draft = services.proof_start(
        decision=accepted_decision(
            organisation=world["org_a"], applicant=world.users["applicant_a"]
        ),
        by=world.users["applicant_a"],
    )
    other = login(world.users["applicant_b"]).post(
        reverse("settlement:proof-autosave", args=[draft.pk]), {"report": "fremd"}
    )
    assert other.status_code == 403
    assert ProofOfUse.objects.get(pk=draft.pk).report == ""


# --- Stichprobe -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "size"), [(0, 0), (3, 3), (5, 5), (12, 5), (50, 5), (80, 8), (123, 13)]
)
def test_sample_size_10_percent_at_least_5_or_all(count, size):
    assert sampling.sample_size(count, percent=D("10"), minimum=5) == size


def test_sample_is_reproducible_from_its_seed(decision, world):
    proof = _submitted(decision, world, receipts=60)
    chosen = services.receipt_sample_draw(proof=proof, by=world.users["case_worker"])
    proof = ProofOfUse.objects.get(pk=proof.pk)
    ids = list(ProofReceipt.objects.filter(proof=proof).values_list("pk", flat=True))
    assert len(chosen) == 6
    assert sampling.draw(list(reversed(ids)), seed=proof.sample_seed, size=6) == chosen
    assert (
        sorted(ProofReceipt.objects.filter(proof=proof, sampled=True).values_list("pk", flat=True))
        == chosen
    )
    # drawn once: drawing again gives the same receipts
    assert services.receipt_sample_draw(proof=proof, by=world.users["case_worker"]) == chosen
    entry = AuditEntry.objects.get(action="proof_of_use.sample_drawn")
    assert entry.data["seed"] == proof.sample_seed and entry.data["receipts"] == chosen


def test_sample_size_is_a_setting_of_the_line(decision, world):
    LineSettlementRules.objects.create(
        line=decision.application.line, sample_percent=D("50"), sample_min=2
    )
    proof = _submitted(decision, world, receipts=9)
    assert len(services.receipt_sample_draw(proof=proof, by=world.users["case_worker"])) == 5


def test_no_check_without_objection_while_a_sampled_receipt_is_open_or_objected(decision, world):
    worker = world.users["case_worker"]
    proof = _submitted(decision, world, receipts=7)
    with pytest.raises(DomainError) as error:  # not drawn yet
        services.proof_check(proof=proof, by=worker, result=CheckResult.PASSED)
    assert error.value.field == "result"
    chosen = services.receipt_sample_draw(proof=proof, by=worker)
    first, *rest = (ProofReceipt.objects.get(pk=pk) for pk in chosen)
    with pytest.raises(DomainError) as error:  # objected without a note
        services.receipt_sample_record(receipt=first, by=worker, verdict=SampleVerdict.OBJECTED)
    assert error.value.field == "note"
    services.receipt_sample_record(
        receipt=first, by=worker, verdict=SampleVerdict.OBJECTED, note="Rechnung fehlt"
    )
    for receipt in rest[:-1]:
        services.receipt_sample_record(receipt=receipt, by=worker, verdict=SampleVerdict.OK)
    with pytest.raises(DomainError) as error:  # one still open
        services.proof_check(proof=proof, by=worker, result=CheckResult.PASSED)
    assert error.value.field == "result" and "1 Belege" in error.value.message
    services.receipt_sample_record(receipt=rest[-1], by=worker, verdict=SampleVerdict.OK)
    with pytest.raises(DomainError) as error:  # one objected
        services.proof_check(proof=proof, by=worker, result=CheckResult.PASSED)
    assert error.value.field == "result"
    services.receipt_sample_record(receipt=first, by=worker, verdict=SampleVerdict.OK)
    proof = services.proof_check(proof=proof, by=worker, result=CheckResult.PASSED)
    assert proof.status == ProofStatus.CHECKED
    assert AuditEntry.objects.filter(action="proof_of_use.receipt_checked").count() == 6


def test_sample_findings_are_saved_together_or_not_at_all(decision, world):
    """The whole Stichprobe in one form: rows left empty stay open, a refused row saves nothing,
    an unchanged row is not recorded again."""
    worker = world.users["case_worker"]
    proof = _submitted(decision, world, receipts=30)
    first, second, third, *rest = services.receipt_sample_draw(proof=proof, by=worker)
    with pytest.raises(services.SampleFindingsInvalid) as error:
        services.receipt_sample_record_all(
            proof=proof,
            by=worker,
            findings={
                first: (SampleVerdict.OK, ""),
                second: (SampleVerdict.OBJECTED, ""),
                third: ("", "nur ein Vermerk"),
            },
        )
    assert set(error.value.errors) == {second, third}
    assert set(error.value.errors[second]) == {"note"}
    assert set(error.value.errors[third]) == {"verdict"}
    assert not ProofReceipt.objects.filter(proof=proof).exclude(sample_verdict="").exists()
    findings = {
        first: (SampleVerdict.OK, ""),
        second: (SampleVerdict.OBJECTED, "Rechnung fehlt"),
        third: ("", ""),
    }
    assert services.receipt_sample_record_all(proof=proof, by=worker, findings=findings) == 2
    verdicts = dict(
        ProofReceipt.objects.filter(proof=proof, sampled=True).values_list("pk", "sample_verdict")
    )
    assert verdicts == {
        first: SampleVerdict.OK,
        second: SampleVerdict.OBJECTED,
        third: "",
        **dict.fromkeys(rest, ""),
    }
    audited = AuditEntry.objects.filter(action="proof_of_use.receipt_checked").count()
    assert services.receipt_sample_record_all(proof=proof, by=worker, findings=findings) == 0
    assert AuditEntry.objects.filter(action="proof_of_use.receipt_checked").count() == audited
    with pytest.raises(services.SampleFindingsInvalid) as error:  # not a receipt of the sample
        unsampled = ProofReceipt.objects.filter(proof=proof, sampled=False).first()
        services.receipt_sample_record_all(
            proof=proof, by=worker, findings={unsampled.pk: (SampleVerdict.OK, "")}
        )
    assert set(error.value.errors) == {unsampled.pk}


def test_objections_may_be_recorded_with_an_objected_receipt(decision, world):
    worker = world.users["case_worker"]
    proof = _submitted(decision, world, receipts=2)
    chosen = services.receipt_sample_draw(proof=proof, by=worker)
    services.receipt_sample_record(
        receipt=ProofReceipt.objects.get(pk=chosen[0]),
        by=worker,
        verdict=SampleVerdict.OBJECTED,
        note="Kein Zahlungsnachweis",
    )
    proof = services.proof_check(
        proof=proof, by=worker, result=CheckResult.OBJECTIONS, note="Beleg 1 fehlt"
    )
    assert proof.check_result == CheckResult.OBJECTIONS


def test_check_page_draw_record_and_refusal_next_to_the_field(decision, world, login):
    proof = _submitted(decision, world, receipts=30)
    client = login(world.users["case_worker"])
    detail = reverse("settlement:proof-detail", args=[proof.pk])
    response = client.post(
        reverse("settlement:proof-check", args=[proof.pk]), {"result": "ohne_beanstandung"}
    )
    assert response.status_code == 422 and "result" in response.context["check_form"].errors
    client.post(reverse("settlement:sample-draw", args=[proof.pk]))
    sample = list(ProofReceipt.objects.filter(proof=proof, sampled=True))
    assert len(sample) == 5
    page = client.get(detail + "?belege=2")
    html = page.content.decode()
    assert page.context["receipts"].number == 2
    assert all(f'id="receipt-{r.pk}"' in html for r in sample)  # the sample on every page
    save = reverse("settlement:sample-save", args=[proof.pk])
    # one form for the whole Stichprobe: an objection without a note is refused next to its
    # field and nothing is saved, every value entered stays in the form
    entered = {f"verdict-{r.pk}": "in_ordnung" for r in sample[1:]}
    entered |= {f"verdict-{sample[0].pk}": "beanstandet", f"note-{sample[1].pk}": "Kopie geprüft"}
    bad = client.post(save, entered)
    assert bad.status_code == 422
    html = bad.content.decode()
    assert f'id="note-{sample[0].pk}-error"' in html
    assert 'value="Kopie geprüft"' in html
    assert f'id="verdict-{sample[0].pk}-objected" checked' in html
    assert f'id="verdict-{sample[2].pk}-ok" checked' in html
    assert not ProofReceipt.objects.filter(proof=proof).exclude(sample_verdict="").exists()
    ok = client.post(save, {f"verdict-{r.pk}": "in_ordnung" for r in sample})
    assert ok.status_code == 302
    assert ok["Location"].endswith("#sample-heading")
    assert not ProofReceipt.objects.filter(proof=proof, sampled=True, sample_verdict="").exists()
    done = client.post(
        reverse("settlement:proof-check", args=[proof.pk]), {"result": "ohne_beanstandung"}
    )
    assert done.status_code == 302
    assert ProofOfUse.objects.get(pk=proof.pk).status == ProofStatus.CHECKED


def test_check_page_queries_stay_constant_with_a_sample_and_ten_times_the_receipts(
    decision, world, login, django_assert_num_queries
):
    proof = _submitted(decision, world, receipts=12)
    sample_checked_first = services.receipt_sample_draw(proof=proof, by=world.users["case_worker"])
    assert sample_checked_first
    client = login(world.users["case_worker"])
    url = reverse("settlement:proof-detail", args=[proof.pk])
    page = client.get(url)
    assert len(page.context["receipts"].object_list) == 12
    assert_constant_queries(
        django_assert_num_queries, lambda: client.get(url), lambda: _receipts(proof, 108)
    )
    assert len(client.get(url).context["receipts"].object_list) == 25  # one page


def test_sample_checked_helper_allows_the_check(decision, world):
    proof = _submitted(decision, world, receipts=3)
    sample_checked(proof, world.users["case_worker"])
    assert (
        services.proof_check(
            proof=proof, by=world.users["case_worker"], result=CheckResult.PASSED
        ).status
        == ProofStatus.CHECKED
    )


# --- the check page as a cached fragment (core.caching) ------------------------------------------


def test_check_page_is_cached_and_shows_every_change_on_the_next_request(
    decision,
    world,
    login,
    page_cache,
    django_assert_max_num_queries,
    django_capture_on_commit_callbacks,
):
    """On PostgreSQL the tokens change when the write commits (core.caching.bump): the test runs
    the commit callbacks as a commit would."""
    proof = _submitted(decision, world, receipts=12)
    worker = world.users["case_worker"]
    client = login(worker)
    url = reverse("settlement:proof-detail", args=[proof.pk])
    assert "Stichprobe ziehen" in client.get(url).content.decode()
    with django_assert_max_num_queries(7):  # a hit: session, user, proof, versions, …
        client.get(url)
    with django_capture_on_commit_callbacks(execute=True):  # QuerySet.update: bumped
        chosen = services.receipt_sample_draw(proof=proof, by=worker)
    html = client.get(url).content.decode()
    assert all(f'id="receipt-{pk}"' in html for pk in chosen)
    with django_capture_on_commit_callbacks(execute=True):
        services.receipt_sample_record(
            receipt=ProofReceipt.objects.get(pk=chosen[0]), by=worker, verdict=SampleVerdict.OK
        )
    assert "Offen: 4, beanstandet: 0." in client.get(url).content.decode()
    # the cached forms carry this person's CSRF token, never the shared entry's placeholder
    assert 'name="csrfmiddlewaretoken"' in html and "<wir-csrf-token" not in html


def test_negative_control_a_write_without_a_bump_stays_invisible(
    decision, world, login, page_cache, django_capture_on_commit_callbacks
):
    proof = _submitted(decision, world, receipts=1)
    client = login(world.users["case_worker"])
    url = reverse("settlement:proof-detail", args=[proof.pk])
    assert "1 Beleg, Summe" in client.get(url).content.decode()
    _receipts(proof, 2)  # bulk_create sends no signal and is not bumped here
    assert "1 Beleg, Summe" in client.get(url).content.decode()  # stale: the cache is in use
    from wirportal.core.caching import bump

    with django_capture_on_commit_callbacks(execute=True):
        bump(f"proof:{proof.pk}")
    assert "3 Belege, Summe" in client.get(url).content.decode()
