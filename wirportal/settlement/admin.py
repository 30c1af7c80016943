"""Staff maintain the reference data the settlement rules run on: the Basiszinssatz per
half-year (§ 247 BGB), the settlement settings of each funding line, the indicators of the
Sachbericht per line and the retention rules."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import BaseRate, LineIndicator, LineSettlementRules, RetentionRule


@admin.register(BaseRate)
class BaseRateAdmin(SimpleHistoryAdmin):
    list_display = ["effective_from", "rate", "source"]
    ordering = ["-effective_from"]


@admin.register(LineSettlementRules)
class LineSettlementRulesAdmin(SimpleHistoryAdmin):
    list_display = [
        "line",
        "prompt_use_weeks",
        "prompt_use_months",
        "unused_interest_start",
        "item_tolerance_percent",
        "small_amount_limit",
        "sample_percent",
        "sample_min",
    ]


@admin.register(LineIndicator)
class LineIndicatorAdmin(SimpleHistoryAdmin):
    """The indicators the recipients of a line report in the Sachbericht (domain.md 4.2)."""

    list_display = ["line", "position", "key", "label", "kind", "required"]
    list_filter = ["line__programme", "kind", "required"]
    list_select_related = ["line"]
    ordering = ["line", "position", "pk"]


@admin.register(RetentionRule)
class RetentionRuleAdmin(SimpleHistoryAdmin):
    list_display = ["record_class", "label", "start_event", "years", "legal_basis"]
