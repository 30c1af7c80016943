import pytest

from wirportal.decisions.models import DecisionStatus, GrantDecision

pytestmark = pytest.mark.django_db


def test_demo_builds_every_stage_and_is_idempotent(world, today, settings, tmp_path):
    from wirportal.documents.services import orphan_files
    from wirportal.offices import demo as offices_demo
    from wirportal.programmes import demo as programmes_demo
    from wirportal.reviews import demo as reviews_demo

    from .. import demo

    settings.MEDIA_ROOT = tmp_path
    offices_demo.load()
    programmes_demo.load()
    assert reviews_demo.load()
    assert demo.load()
    assert reviews_demo.load() == ""
    assert demo.load() == ""
    decisions = {d.status: d for d in GrantDecision.objects.all()}
    assert set(decisions) == {
        DecisionStatus.PROPOSED,
        DecisionStatus.ISSUED,
        DecisionStatus.ACCEPTED,
    }
    assert decisions[DecisionStatus.ISSUED].letter is not None
    assert (
        decisions[DecisionStatus.PROPOSED].proposed_by
        != decisions[DecisionStatus.ISSUED].approved_by
    )
    # attempts the demo gives up (lines whose financing gives no grant) leave no files behind
    assert orphan_files() == []
