from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import AgendaItem, AttendanceFigure, Event, Exhibitor


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0


class ExhibitorInline(admin.TabularInline):
    model = Exhibitor
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(Event)
class EventAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "host_office", "starts_at", "capacity", "status"]
    list_filter = ["kind", "status", "region"]
    search_fields = ["title", "slug"]
    inlines = [AgendaItemInline, ExhibitorInline]
    # places, workshops and states change only through the services (locks, promotion, mails)
    readonly_fields = ["status", "capacity", "workshop_mode"]


@admin.register(AttendanceFigure)
class AttendanceFigureAdmin(admin.ModelAdmin):
    list_display = [
        "event",
        "workshop",
        "registered",
        "confirmed",
        "waiting",
        "cancelled",
        "attended",
    ]
    list_filter = ["event"]

    def has_change_permission(self, request, obj=None):
        return False
