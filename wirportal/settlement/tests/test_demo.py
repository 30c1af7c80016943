import pytest

from wirportal.settlement.models import ProofStatus, RecoveryStatus

pytestmark = pytest.mark.django_db


def test_demo_settles_the_accepted_grant_and_is_idempotent(world, settings, tmp_path):
    from wirportal.decisions import demo as decisions_demo
    from wirportal.offices import demo as offices_demo
    from wirportal.payments import demo as payments_demo
    from wirportal.payments.models import PaymentRequest, RequestStatus
    from wirportal.programmes import demo as programmes_demo
    from wirportal.programmes.selectors import source_position
    from wirportal.reviews import demo as reviews_demo
    from wirportal.settlement import demo
    from wirportal.settlement.models import ProofOfUse, Recovery

    settings.MEDIA_ROOT = tmp_path
    offices_demo.load()
    programmes_demo.load()
    reviews_demo.load()
    decisions_demo.load()
    assert payments_demo.load()
    assert payments_demo.load() == ""
    payments = list(PaymentRequest.objects.select_related("decision").order_by("pk"))
    assert len(payments) == 2
    for paid in payments:  # checked, ordered by a second person, paid in an executed run
        assert paid.status == RequestStatus.PAID and paid.ordered_by != paid.checked_by
        assert paid.run_item.run.status == "executed"
        ledger = source_position(
            line=paid.decision.application.line, source_key=paid.decision.source_key
        )
        assert ledger.payments == paid.amount  # the ledger and the payments agree
    payment = payments[0]
    assert demo.load()
    assert demo.load() == ""
    proof = ProofOfUse.objects.get()
    assert proof.status == ProofStatus.SETTLED and proof.repayment > 0
    recovery = Recovery.objects.get()
    assert recovery.status == RecoveryStatus.REVOKED
    assert recovery.principal == proof.repayment
    # money out and back, consistently: paid = the payment; the repayment is owed in the ledger
    assert proof.paid == payment.amount and proof.decision == payment.decision
    ledger = source_position(
        line=proof.decision.application.line, source_key=proof.decision.source_key
    )
    assert ledger.payments == payment.amount
    assert ledger.open_receivable == recovery.principal
    assert ledger.bound == payment.amount  # paid money stays bound until it is repaid
