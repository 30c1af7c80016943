"""The acceptance panel of the decision page (channel, receipt, scan, deadline history and the
authority's actions), kept apart from the page's view so that it stays one include."""

from django import template

from wirportal.accounts.roles import Role

from .. import selectors

register = template.Library()


@register.inclusion_tag("decisions/_acceptance_panel.html", takes_context=True)
def acceptance_panel(context, decision):
    user = context["request"].user
    return {
        "decision": selectors.acceptance_of(decision),
        "changes": selectors.deadline_changes(decision),
        "show_staff": getattr(user, "role", "") != Role.APPLICANT,
        "can_record_paper": user.has_perm("decisions.record_paper_acceptance", decision),
        "can_extend": user.has_perm("decisions.extend_deadline", decision),
        "can_reinstate": user.has_perm("decisions.reinstate_grantdecision", decision),
    }
