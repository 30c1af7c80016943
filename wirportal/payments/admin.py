from django.contrib import admin

from .models import PaymentRules


@admin.register(PaymentRules)
class PaymentRulesAdmin(admin.ModelAdmin):
    """The call-down period per funding line (ANBest-P Nr. 1.4: 6 weeks federal; verify HE).
    Requests, orders and runs change only through the services (four eyes, locks, ledger)."""

    list_display = ["line", "call_down_weeks"]
