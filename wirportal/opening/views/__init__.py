"""Pages of the IKÖ self-check (issue #15): thin, permission first, selectors and services.
A package by sub-domain: the unit's self-check, the action plan, the Land's view, the
questionnaire versions."""

from .land import comparison, land_csv
from .plan import measure_edit, plan, progress
from .questionnaire import (
    action_field_edit,
    indicator_add,
    indicator_delete,
    indicator_edit,
    questionnaire_detail,
    questionnaire_list,
    questionnaire_new,
    questionnaire_publish,
)
from .self_check import (
    check_detail,
    check_pdf,
    check_submit,
    check_visibility,
    contributor_invite,
    contributor_remove,
    evidence_upload,
    field_autosave,
    field_edit,
    index,
    invitation,
)

__all__ = [
    "action_field_edit",
    "check_detail",
    "check_pdf",
    "check_submit",
    "check_visibility",
    "comparison",
    "contributor_invite",
    "contributor_remove",
    "evidence_upload",
    "field_autosave",
    "field_edit",
    "index",
    "indicator_add",
    "indicator_delete",
    "indicator_edit",
    "invitation",
    "land_csv",
    "measure_edit",
    "plan",
    "progress",
    "questionnaire_detail",
    "questionnaire_list",
    "questionnaire_new",
    "questionnaire_publish",
]
