"""Access matrix of the proof of use: the recipient organisation's members write and submit it;
the granting authority sees it once submitted, case workers check it, case workers and programme
staff settle it; reviewers, coordinators and other organisations are refused. The rules decide
for the superuser too (drafts are the recipient's alone)."""

from wirportal.core.testing import LOGGED_IN, Case

RECIPIENT = frozenset({"applicant_a"})
RECLAIMERS = frozenset({"case_worker", "programme_staff", "admin"})
AUTHORITY = frozenset({"case_worker", "programme_staff", "auditor", "admin"})


def build(world):
    from datetime import date
    from decimal import Decimal

    from wirportal.settlement import services
    from wirportal.settlement.models import CheckResult

    from .factories import accepted_decision

    org, applicant = world["org_a"], world.users["applicant_a"]
    case_worker = world.users["case_worker"]

    def filled(proof):
        services.proof_save(
            proof=proof,
            by=applicant,
            report="Bericht",
            participants=10,
            own_funds=Decimal("1500"),
            third_party_funds=Decimal("0"),
            lines={row.pk: (row.planned, None) for row in proof.cost_lines.all()},
        )
        return proof

    world.objects["proof_decision"] = accepted_decision(organisation=org, applicant=applicant)
    draft = services.proof_start(
        decision=accepted_decision(organisation=org, applicant=applicant), by=applicant
    )
    world.objects["proof_draft"] = draft
    world.objects["proof_receipt"] = services.receipt_add(
        proof=draft,
        by=applicant,
        paid_on=date(2027, 3, 1),
        payee="Druckerei",
        purpose="Flyer",
        amount=Decimal("100"),
    )
    submitted = filled(
        services.proof_start(
            decision=accepted_decision(organisation=org, applicant=applicant), by=applicant
        )
    )
    world.objects["proof_submitted"] = services.proof_submit(proof=submitted, by=applicant)
    sampled = filled(
        services.proof_start(
            decision=accepted_decision(organisation=org, applicant=applicant), by=applicant
        )
    )
    services.receipt_add(
        proof=sampled,
        by=applicant,
        paid_on=date(2027, 3, 1),
        payee="Druckerei",
        purpose="Flyer",
        amount=Decimal("100"),
    )
    world.objects["proof_sampled"] = services.proof_submit(proof=sampled, by=applicant)
    (sampled_receipt,) = services.receipt_sample_draw(proof=sampled, by=case_worker)
    world.objects["sampled_receipt_pk"] = sampled_receipt
    checked = filled(
        services.proof_start(
            decision=accepted_decision(organisation=org, applicant=applicant), by=applicant
        )
    )
    services.proof_submit(proof=checked, by=applicant)
    world.objects["proof_checked"] = services.proof_check(
        proof=checked, by=case_worker, result=CheckResult.PASSED
    )

    from django.utils import timezone

    today = timezone.localdate()
    hearing = accepted_decision(organisation=org, applicant=applicant)
    world.objects["recovery_decision"] = hearing
    world.objects["recovery_hearing"] = services.recovery_open(
        decision=hearing,
        by=case_worker,
        principal=Decimal("800"),
        reason="Geringere Ausgaben",
        effective_from=date(2025, 3, 3),
        facts_known_on=today,
        hearing_posted_on=today,
    )
    earlier = today - timezone.timedelta(days=30)
    revoked = services.recovery_open(
        decision=accepted_decision(organisation=org, applicant=applicant),
        by=case_worker,
        principal=Decimal("800"),
        reason="Geringere Ausgaben",
        effective_from=date(2025, 3, 3),
        facts_known_on=earlier,
        hearing_posted_on=earlier,
    )
    world.objects["recovery_revoked"] = services.recovery_revoke(recovery=revoked, by=case_worker)
    # brief F2: a submitted interim proof whose year left 8,000 unspent (the check page shows
    # the year balance; confirming it sets the money off against the next payment)
    from .factories import submitted_interim, two_year_grant

    world.objects["proof_interim"] = submitted_interim(world, two_year_grant(world))


def _pk(name):
    return lambda w: {"pk": w[name].pk}


def _csv():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(
        "belege.csv",
        "Datum;Empfänger;Zweck;Betrag\n01.03.2027;Druckerei;Flyer;10,00\n".encode(),
        content_type="text/csv",
    )


def _draft_data(w):
    proof = w["proof_draft"]
    data = {"report": "Bericht", "own_funds": "1.500,00", "third_party_funds": "0"}
    for row in proof.cost_lines.all():
        data[f"actual_{row.pk}"] = "100,00"
    return data


CASES = [
    Case("settlement:proof-list", LOGGED_IN),
    Case(
        "settlement:proof-start",
        RECIPIENT,
        kwargs=_pk("proof_decision"),
        method="post",
        rule_binds_admin=True,
    ),
    Case("settlement:proof-detail", RECIPIENT, kwargs=_pk("proof_draft"), rule_binds_admin=True),
    Case(
        "settlement:proof-detail",
        RECIPIENT | AUTHORITY,
        kwargs=_pk("proof_submitted"),
        rule_binds_admin=True,
    ),
    Case("settlement:proof-edit", RECIPIENT, kwargs=_pk("proof_draft"), rule_binds_admin=True),
    Case(
        "settlement:proof-edit",
        RECIPIENT,
        kwargs=_pk("proof_draft"),
        method="post",
        data=_draft_data,
        rule_binds_admin=True,
    ),
    Case(
        "settlement:proof-autosave",
        RECIPIENT,
        kwargs=_pk("proof_draft"),
        method="post",
        data=_draft_data,
        rule_binds_admin=True,
    ),
    Case(
        "settlement:receipt-add",
        RECIPIENT,
        kwargs=_pk("proof_draft"),
        method="post",
        data=lambda w: {
            "paid_on": "02.03.2027",
            "payee": "Raumvermietung",
            "purpose": "Miete März",
            "amount": "250,00",
        },
        rule_binds_admin=True,
    ),
    Case(
        "settlement:receipt-import",
        RECIPIENT,
        kwargs=_pk("proof_draft"),
        method="post",
        data=lambda w: {"file": _csv()},
        rule_binds_admin=True,
    ),
    Case(
        "settlement:receipt-remove",
        RECIPIENT,
        kwargs=lambda w: {"pk": w["proof_draft"].pk, "receipt_pk": w["proof_receipt"].pk},
        method="post",
        rule_binds_admin=True,
    ),
    Case(
        "settlement:proof-check",
        frozenset({"case_worker"}),
        kwargs=_pk("proof_submitted"),
        method="post",
        data=lambda w: {"result": "ohne_beanstandung"},
        rule_binds_admin=True,
    ),
    Case(
        "settlement:proof-detail",
        RECIPIENT | AUTHORITY,
        kwargs=_pk("proof_interim"),
        rule_binds_admin=True,
    ),
    Case(
        "settlement:proof-check",
        frozenset({"case_worker"}),
        kwargs=_pk("proof_interim"),
        method="post",
        data=lambda w: {"result": "ohne_beanstandung", "spent": "112.000,00", "confirmed": "1"},
        rule_binds_admin=True,
    ),
    Case(
        "settlement:sample-draw",
        frozenset({"case_worker"}),
        kwargs=_pk("proof_sampled"),
        method="post",
        rule_binds_admin=True,
    ),
    Case(
        "settlement:sample-save",
        frozenset({"case_worker"}),
        kwargs=_pk("proof_sampled"),
        method="post",
        data=lambda w: {f"verdict-{w['sampled_receipt_pk']}": "in_ordnung"},
        rule_binds_admin=True,
    ),
    Case(
        "settlement:proof-settle",
        frozenset({"case_worker", "programme_staff", "admin"}),
        kwargs=_pk("proof_checked"),
        method="post",
        data=lambda w: {"paid": "6.500,00", "confirmed": "1"},
        rule_binds_admin=True,
    ),
    Case(
        "settlement:recovery-open",
        RECLAIMERS,
        kwargs=_pk("recovery_decision"),
        rule_binds_admin=True,
    ),
    Case(
        "settlement:recovery-open",
        RECLAIMERS,
        kwargs=_pk("recovery_decision"),
        method="post",
        data=lambda w: {
            "principal": "500,00",
            "reason": "Zweck verfehlt",
            "effective_from": "03.03.2025",
            "facts_known_on": "01.12.2026",
            "hearing_posted_on": "01.12.2026",
        },
        rule_binds_admin=True,
    ),
    Case(
        "settlement:recovery-detail",
        RECIPIENT | AUTHORITY,
        kwargs=_pk("recovery_hearing"),
        rule_binds_admin=True,
    ),
    Case(
        "settlement:recovery-revoke",
        RECLAIMERS,
        kwargs=_pk("recovery_hearing"),
        method="post",
        rule_binds_admin=True,
    ),
    Case(
        "settlement:repayment-book",
        RECLAIMERS,
        kwargs=_pk("recovery_revoked"),
        method="post",
        data=lambda w: {"received_on": "01.12.2026", "amount": "100,00", "reference": "Erstattung"},
        rule_binds_admin=True,
    ),
    Case(
        "settlement:grant-close",
        RECIPIENT | AUTHORITY,
        kwargs=_pk("proof_decision"),
        rule_binds_admin=True,
    ),
    Case(
        "settlement:grant-close",
        frozenset({"case_worker"}),
        kwargs=_pk("proof_decision"),
        method="post",
        rule_binds_admin=True,
    ),
]
