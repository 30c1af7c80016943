from wirportal.core.testing import LAND, Case


def build(world):
    from .factories import stored_document

    world.objects["document_a"] = stored_document(
        attach_to=world["org_a"], by=world.users["applicant_a"]
    )


CASES = [
    # offices.view_organisation decides: Land staff, members of A, the coordinator of A's unit
    Case(
        "documents:download",
        LAND | {"applicant_a", "coordinator_x"},
        kwargs=lambda w: {"public_id": w["document_a"].public_id},
    ),
    # offices.change_organisation decides: members of A
    Case(
        "documents:delete",
        frozenset({"applicant_a"}),
        kwargs=lambda w: {"public_id": w["document_a"].public_id},
        method="post",
        data=lambda w: {"next": "/"},
    ),
    # the ANBest versions: programme staff only (documents.manage_anbest)
    Case("documents:anbest-versions", frozenset({"programme_staff", "admin"})),
]
