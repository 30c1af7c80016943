import pytest

from wirportal.settlement.models import ProofStatus, RecoveryStatus

pytestmark = pytest.mark.django_db


def test_demo_settles_the_accepted_grant_and_is_idempotent(world, settings, tmp_path):
    from wirportal.decisions import demo as decisions_demo
    from wirportal.offices import demo as offices_demo
    from wirportal.programmes import demo as programmes_demo
    from wirportal.reviews import demo as reviews_demo
    from wirportal.settlement import demo
    from wirportal.settlement.models import ProofOfUse, Recovery

    settings.MEDIA_ROOT = tmp_path
    offices_demo.load()
    programmes_demo.load()
    reviews_demo.load()
    decisions_demo.load()
    assert demo.load()
    assert demo.load() == ""
    proof = ProofOfUse.objects.get()
    assert proof.status == ProofStatus.SETTLED and proof.repayment > 0
    recovery = Recovery.objects.get()
    assert recovery.status == RecoveryStatus.REVOKED
    assert recovery.principal == proof.repayment
