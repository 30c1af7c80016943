"""Funding: budget overview, application page, case workers' list, draft autosave, submission.

Scale 10 = ten budget years (2017–2026) of one programme with 7 lines, 33 unit allocations per
year on the Vielfaltszentren line, 70 calls and about 20,000 applications with 3 cost items and a
funding source each; about a third of them approved with ledger commitments.
"""

import random
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model

from bench.generate import BENCH_ORGANISATION
from bench.harness import Context, Mix, Scenario, Step
from wirportal.applications.models import Application, CostItem, FundingSource
from wirportal.offices.models import Office, Organisation
from wirportal.programmes.models import (
    BudgetYear,
    Call,
    FinancingType,
    FundingLine,
    LedgerEntry,
    LineBudget,
    OfficeAllocation,
    Programme,
)

APPLICATIONS_PER_SCALE = 2000
# complete drafts of the bench applicant, each submitted once (application-submit): what the
# in-process measurement and the deadline-day mix's paced submissions use up, with room to spare
SUBMISSIONS_BASE, SUBMISSIONS_PER_SCALE = 30, 10
LAST_DAY = date(2027, 1, 31)  # the drafts' project starts 2027-02-01: no early start needed
YEARS = list(range(2017, 2027))
LINES = [
    ("vielfaltszentren", "WIR-Vielfaltszentren", FinancingType.FIXED, True),
    ("innovation", "Innovative Projekte", FinancingType.GAP, False),
    ("lotsen", "Integrationslotsen", FinancingType.FIXED, False),
    ("dolmetscher", "Laiendolmetscher", FinancingType.FIXED, False),
    ("mo", "Migrantenorganisationen", FinancingType.FIXED, False),
    ("kiv", "KIV", FinancingType.GAP, False),
    ("deutsch4u", "Deutsch 4U", FinancingType.SHARE, False),
]
KINDS = ["municipality", "district", "welfare", "church", "association", "migrant_organisation"]
STATUSES = [
    ("submitted", 0.15),
    ("in_review", 0.10),
    ("approved", 0.35),
    ("rejected", 0.10),
    ("withdrawn", 0.05),
    ("draft", 0.25),
]


def generate(scale: int) -> None:
    staff = get_user_model().objects.get(email="bench.programme_staff@bench.invalid")
    programme = Programme.objects.create(
        name="Bench WIR – Vielfalt und Teilhabe", short_name="BENCH", valid_from=date(2017, 1, 1)
    )
    BudgetYear.objects.bulk_create(
        BudgetYear(programme=programme, year=y, total=Decimal("50000000")) for y in [*YEARS, 2027]
    )
    lines = FundingLine.objects.bulk_create(
        FundingLine(
            programme=programme,
            code=code,
            name=name,
            financing_type=kind,
            rate=Decimal("75") if kind == FinancingType.SHARE else None,
            cap=Decimal("50000"),
            eligible_kinds=KINDS,
            allocated_per_office=allocated,
        )
        for code, name, kind, allocated in LINES
    )
    budgets = LineBudget.objects.bulk_create(
        LineBudget(line=line, year=year, amount=Decimal("5000000"))
        for line in lines
        for year in [*YEARS, 2027]
    )
    offices = list(Office.objects.order_by("pk"))
    OfficeAllocation.objects.bulk_create(
        OfficeAllocation(line_budget=budget, office=office, amount=Decimal("145000"))
        for budget in budgets
        if budget.line.allocated_per_office
        for office in offices
    )
    calls = Call.objects.bulk_create(
        Call(
            line=line,
            title=f"{line.name} {year}",
            first_year=year,
            last_year=year,
            opens_at=date(year - 1, 9, 1),
            # the open 2027 calls stay open for a while after the data is generated (submissions)
            closes_at=max(date(year - 1, 12, 31), min(date.today() + timedelta(days=90), LAST_DAY))
            if year == 2027
            else date(year - 1, 12, 31),
        )
        for line in lines
        for year in [*YEARS, 2027]
    )
    budget_of = {(b.line_id, b.year): b for b in budgets}
    organisations = list(Organisation.objects.exclude(name=BENCH_ORGANISATION).order_by("pk"))
    weights = [w for _, w in STATUSES]
    old_calls = [c for c in calls if c.first_year < 2027]
    applications = []
    for i in range(APPLICATIONS_PER_SCALE * scale):
        call = random.choice(old_calls)
        organisation = random.choice(organisations)
        status = random.choices([s for s, _ in STATUSES], weights)[0]
        applications.append(
            Application(
                reference=f"WIR-{call.first_year}-B{i:06d}",
                organisation=organisation,
                call=call,
                line_id=call.line_id,
                created_by=staff,
                title=f"Projekt {i} {organisation.city}",
                summary="Ein Integrationsprojekt mit Beratung, Kursen und Begegnung.",
                target_groups=["gefluechtete", "familien"],
                period_start=date(call.first_year, 2, 1),
                period_end=date(call.first_year, 11, 30),
                participants_planned=random.randint(10, 200),
                not_started_declared=True,
                requested_amount=Decimal(random.randint(2000, 50000)),
                status=status,
                # every application past its draft was submitted within its call (the
                # dashboards' funnel and processing times and scenario_reports count on it)
                submitted_at=None
                if status == "draft"
                else datetime(call.first_year - 1, 12, random.randint(1, 28), 10, tzinfo=UTC),
            )
        )
    applications = Application.objects.bulk_create(applications, batch_size=1000)
    CostItem.objects.bulk_create(
        (
            CostItem(
                application=a,
                position=n,
                category=category,
                description=description,
                amount=Decimal(random.randint(500, 20000)),
            )
            for a in applications
            for n, (category, description) in enumerate(
                [("personal", "Projektleitung"), ("honorare", "Honorare"), ("miete", "Räume")],
                start=1,
            )
        ),
        batch_size=2000,
    )
    FundingSource.objects.bulk_create(
        (
            FundingSource(application=a, kind="eigenmittel", name="Eigenmittel", amount=1000)
            for a in applications
        ),
        batch_size=2000,
    )
    allocated = {line.pk for line in lines if line.allocated_per_office}
    LedgerEntry.objects.bulk_create(
        (
            LedgerEntry(
                line_budget=budget_of[(a.line_id, a.call.first_year)],
                office_id=a.organisation.office_id if a.line_id in allocated else None,
                kind="commitment",
                amount=a.requested_amount,
                source_key=f"application:{a.pk}",
            )
            for a in applications
            if a.status == "approved"
        ),
        batch_size=2000,
    )
    # 16 drafts of the bench applicant in an open 2027 call (for the autosave scenario)
    bench_org = Organisation.objects.get(name=BENCH_ORGANISATION)
    applicant = get_user_model().objects.get(email="bench.applicant@bench.invalid")
    open_call = next(c for c in calls if c.first_year == 2027 and c.line.code == "innovation")
    drafts = Application.objects.bulk_create(
        Application(
            reference=f"WIR-2027-D{n:06d}",
            organisation=bench_org,
            call=open_call,
            line_id=open_call.line_id,
            created_by=applicant,
            title=f"Entwurf {n}",
        )
        for n in range(16)
    )
    CostItem.objects.bulk_create(
        CostItem(application=d, position=1, description="Honorare", amount=Decimal("9000"))
        for d in drafts
    )
    # complete drafts, ready to submit (Fehlbedarf: 19,000 EUR costs, 4,000 EUR own funds)
    complete = Application.objects.bulk_create(
        Application(
            reference=f"WIR-2027-S{n:06d}",
            organisation=bench_org,
            call=open_call,
            line_id=open_call.line_id,
            created_by=applicant,
            title=f"Sprachcafé im Quartier {n}",
            summary="Wöchentliches Sprachcafé mit Ehrenamtlichen für neu Zugewanderte.",
            target_groups=["gefluechtete", "frauen"],
            period_start=date(2027, 2, 1),
            period_end=date(2027, 11, 30),
            participants_planned=25,
            not_started_declared=True,
            other_funding_declaration="keine",
            requested_amount=Decimal("15000"),
        )
        for n in range(SUBMISSIONS_BASE + SUBMISSIONS_PER_SCALE * scale)
    )
    CostItem.objects.bulk_create(
        CostItem(
            application=a, position=1, description="Honorar Kursleitung", amount=Decimal(19000)
        )
        for a in complete
    )
    FundingSource.objects.bulk_create(
        FundingSource(application=a, kind="eigenmittel", name="Eigenmittel", amount=Decimal(4000))
        for a in complete
    )


def _drafts(ctx: Context) -> list[dict]:
    applicant = ctx.user("applicant")
    return [
        {"user": applicant, "app": a.pk}
        for a in Application.objects.filter(created_by=applicant, status="draft").order_by("pk")[
            :16
        ]
    ]


def _complete_drafts(ctx: Context) -> list[dict]:
    applicant = ctx.user("applicant")
    return [
        {"user": applicant, "app": pk}
        for pk in Application.objects.filter(
            created_by=applicant, status="draft", reference__contains="-S"
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    ]


def _submitted_page(ctx: Context) -> str:
    application = (
        Application.objects.filter(status="submitted", reference__contains="-B")
        .order_by("pk")
        .first()
    )
    assert application is not None
    return f"/antraege/{application.pk}/"


SCENARIOS = [
    Scenario(
        "budget-overview",
        path="/haushalt/?jahr=2026",
        role="programme_staff",
        baseline="one-query",
        target=0.5,
    ),
    Scenario(
        "application-page",
        path=_submitted_page,
        role="case_worker",
        baseline="one-query",
        target=0.5,
    ),
    Scenario(
        "application-list",
        path="/antraege/?status=submitted",
        role="case_worker",
        baseline="one-query",
        target=0.5,
    ),
    Scenario(
        "draft-autosave",
        actors=_drafts,
        baseline="one-query",
        target=0.5,
        steps=(
            Step(
                "POST",
                "/antraege/{app}/zwischenspeichern/",
                status=200,
                data={"title": "Projekt {n}", "participants_planned": "12"},
                headers={"HX-Request": "true"},
            ),
        ),
    ),
    Scenario(
        "application-submit",
        actors=_complete_drafts,
        consumes_actor=True,
        note="An applicant submits a complete draft (the receipt rendered as PDF/A and checked "
        "before the lock, ADR 0014) and sees the confirmation; each draft once: in process and "
        "as the paced background of funding-deadline-day-submissions, not at full load.",
        steps=(
            Step("POST", "/antraege/{app}/einreichen/", status=302, data={}),
            Step("GET", "{location}", expect="Ihr Antrag ist eingereicht."),
        ),
    ),
]
MIXES = [
    Mix(
        "funding-deadline-day",
        foreground="application-list",
        background=(("draft-autosave", 20.0),),
        target=0.7,
    ),
    Mix(
        "funding-deadline-day-submissions",
        foreground="application-list",
        background=(("draft-autosave", 20.0), ("application-submit", 1.0)),
        target=0.7,
        note="Deadline day with submissions (issue #3: hundreds of applicants saving and "
        "submitting in the last hour must not slow the case workers' pages; one a second is ten "
        "times that): each submission renders and checks its receipt before taking a lock "
        "(ADR 0014), so the autosaves beside it do not wait for it (their p99).",
    ),
]
