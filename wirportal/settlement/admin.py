"""Staff maintain the reference data the settlement rules run on: the Basiszinssatz per
half-year (§ 247 BGB), the settlement settings of each funding line and the retention rules."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import BaseRate, LineSettlementRules, RetentionRule


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
    ]


@admin.register(RetentionRule)
class RetentionRuleAdmin(SimpleHistoryAdmin):
    list_display = ["record_class", "label", "start_event", "years", "legal_basis"]
