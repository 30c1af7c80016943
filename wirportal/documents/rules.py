"""Who may see or delete a document: the app that owns the attached object decides.

By default `documents.view_document` asks `<app>.view_<model>` on the owner and
`documents.delete_document` asks `<app>.change_<model>`. An owner app that needs finer control
(e.g. internal review notes an applicant must not see) registers `<app>.view_<model>_document` /
`<app>.delete_<model>_document`; those are then asked instead, with the document as object, and
their rule decides for superusers too (an application's attachments before it is submitted are
the applicant organisation's alone, ADR 0005; the download view asks with `check_rule`).
"""

import rules


def _owner(document):
    try:
        return document.owner
    except AttributeError:
        return None


def _ask_owner_app(user, document, verb: str, default_verb: str) -> bool:
    owner = _owner(document) if document is not None else None
    if owner is None or not user.is_authenticated:
        return False
    app, model = owner._meta.app_label, owner._meta.model_name
    specific = f"{app}.{verb}_{model}_document"
    if rules.perm_exists(specific):
        # the owner's finer rule decides, for superusers too (Django would grant them anything)
        return rules.has_perm(specific, user, document)
    return user.has_perm(f"{app}.{default_verb}_{model}", owner)


@rules.predicate
def may_view_owner(user, document) -> bool:
    return _ask_owner_app(user, document, "view", "view")


@rules.predicate
def may_change_owner(user, document) -> bool:
    return _ask_owner_app(user, document, "delete", "change")


rules.add_perm("documents.view_document", may_view_owner)
rules.add_perm("documents.delete_document", may_change_owner)


# The ANBest versions: programme staff upload them (roles read as plain values: documents sits
# below accounts in the layers). The text itself is public: every signed-in person may download it.
@rules.predicate
def is_programme_staff(user) -> bool:
    return bool(user.is_authenticated and getattr(user, "role", "") == "programme_staff")


@rules.predicate
def is_signed_in(user) -> bool:
    return bool(user.is_authenticated)


rules.add_perm("documents.manage_anbest", is_programme_staff)
rules.add_perm("documents.view_anbestversion", is_signed_in)
