"""Access matrix of payments: members of the recipient call down and see their organisation's
requests; the case worker checks, a second person orders (never the checker, T16), and only
the authority's staff build, download and execute payment runs. Reviewers, coordinators and
other organisations are refused."""

from wirportal.core.testing import Case

AUTHORITY = frozenset({"case_worker", "programme_staff", "auditor", "admin"})
PAYMENT_STAFF = frozenset({"case_worker", "programme_staff", "admin"})
RECIPIENT = frozenset({"applicant_a"})


def build(world):
    import uuid
    from datetime import date
    from decimal import Decimal

    from wirportal.accounts.roles import Role
    from wirportal.accounts.tests.factories import UserFactory
    from wirportal.payments import services

    from .factories import accepted_grant

    case_worker = world.users["case_worker"]
    grant = accepted_grant(
        organisation=world["org_a"],
        applicant=world.users["applicant_a"],
        case_worker=case_worker,
        year_amounts={"2027": "6500.00"},
    )
    world.objects["grant"] = grant

    def request(amount: str):
        return services.payment_request_create(
            decision=grant,
            by=world.users["applicant_a"],
            amount=Decimal(amount),
            needed_on=date(2027, 3, 10),
            due_expenses=Decimal("2000.00"),
            token=uuid.uuid4(),
            today=date(2027, 3, 2),
        )

    world.objects["requested"] = request("100.00")
    # checked by another case worker: every role of the matrix may order it (four eyes)
    other = UserFactory(role=Role.CASE_WORKER, email="case-matrix@example.org")
    checked = request("200.00")
    world.objects["checked"] = services.payment_request_check(payment=checked, by=other)
    own_check = request("300.00")
    world.objects["own_check"] = services.payment_request_check(payment=own_check, by=case_worker)
    to_run = request("400.00")
    services.payment_request_check(payment=to_run, by=other)
    services.payment_request_order(payment=to_run, by=case_worker)
    world.objects["run"] = services.payment_run_build(
        by=world.users["programme_staff"], execution_date=date(2027, 3, 5)
    )


def _pk(name):
    return lambda w: {"pk": w[name].pk}


CASES = [
    Case("payments:request-list", AUTHORITY | frozenset({"applicant_a", "applicant_b"})),
    Case("payments:request-list", AUTHORITY | RECIPIENT | {"applicant_b"}, query="status=checked"),
    Case("payments:call-down", RECIPIENT, kwargs=lambda w: {"decision_pk": w["grant"].pk}),
    Case(
        "payments:call-down",
        RECIPIENT,
        kwargs=lambda w: {"decision_pk": w["grant"].pk},
        method="post",
        data=lambda w: {"amount": "10,00", "needed_on": "2027-03-10", "due_expenses": "20,00"},
    ),
    Case("payments:request-detail", AUTHORITY | RECIPIENT, kwargs=_pk("requested")),
    Case(
        "payments:request-check",
        frozenset({"case_worker", "admin"}),
        kwargs=_pk("requested"),
        method="post",
    ),
    Case("payments:request-order", PAYMENT_STAFF, kwargs=_pk("checked"), method="post"),
    # four eyes: the case worker who checked may not order (403), others may
    Case(
        "payments:request-order",
        frozenset({"programme_staff", "admin"}),
        kwargs=_pk("own_check"),
        method="post",
    ),
    Case("payments:request-refuse", PAYMENT_STAFF, kwargs=_pk("requested")),
    Case(
        "payments:request-refuse",
        PAYMENT_STAFF,
        kwargs=_pk("requested"),
        method="post",
        data=lambda w: {"reason": "Belege fehlen"},
    ),
    Case("payments:run-list", AUTHORITY),
    Case(
        "payments:run-list",
        PAYMENT_STAFF,
        method="post",
        data=lambda w: {"execution_date": "2027-03-05"},
    ),
    Case("payments:run-detail", AUTHORITY, kwargs=_pk("run")),
    Case("payments:run-download", PAYMENT_STAFF, kwargs=_pk("run")),
    Case("payments:run-execute", PAYMENT_STAFF, kwargs=_pk("run"), method="post"),
]
