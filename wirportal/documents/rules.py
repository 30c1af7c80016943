"""Who may see or delete a document: the app that owns the attached object decides."""

import rules


def _owner(document):
    try:
        return document.owner
    except AttributeError:
        return None


@rules.predicate
def may_view_owner(user, document) -> bool:
    owner = _owner(document) if document is not None else None
    if owner is None or not user.is_authenticated:
        return False
    return user.has_perm(f"{owner._meta.app_label}.view_{owner._meta.model_name}", owner)


@rules.predicate
def may_change_owner(user, document) -> bool:
    owner = _owner(document) if document is not None else None
    if owner is None or not user.is_authenticated:
        return False
    return user.has_perm(f"{owner._meta.app_label}.change_{owner._meta.model_name}", owner)


rules.add_perm("documents.view_document", may_view_owner)
rules.add_perm("documents.delete_document", may_change_owner)
