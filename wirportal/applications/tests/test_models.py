from wirportal.applications.models import Application


def _pairs() -> set[tuple[str, str, str]]:
    field = Application._meta.get_field("status")
    return {
        (transition.name, transition.source, transition.target)
        for transition in field.get_all_transitions(Application)
    }


def test_the_lifecycle_graph_is_exactly_as_documented():
    assert _pairs() == {
        ("submit", "draft", "submitted"),
        ("submit", "changes_requested", "submitted"),
        ("start_review", "submitted", "in_review"),
        ("request_changes", "submitted", "changes_requested"),
        ("request_changes", "in_review", "changes_requested"),
        ("approve", "in_review", "approved"),
        ("approve_partially", "in_review", "partially_approved"),
        ("reject", "submitted", "rejected"),
        ("reject", "in_review", "rejected"),
        ("withdraw", "draft", "withdrawn"),
        ("withdraw", "submitted", "withdrawn"),
        ("withdraw", "in_review", "withdrawn"),
        ("withdraw", "changes_requested", "withdrawn"),
    }
