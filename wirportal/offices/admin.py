from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    GovernmentDistrict,
    Office,
    OfficeKey,
    OfficeMembership,
    Organisation,
    OrganisationMembership,
    RegionalActor,
    StaffEntry,
    Topic,
)


class OfficeKeyInline(admin.TabularInline):
    model = OfficeKey
    extra = 0


@admin.register(Office)
class OfficeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "district", "conference_region", "population"]
    list_filter = ["kind", "district", "conference_region"]
    search_fields = ["name", "keys__key"]
    inlines = [OfficeKeyInline]


class MembershipInline(admin.TabularInline):
    model = OrganisationMembership
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "city", "office", "public_benefit"]
    list_filter = ["kind", "public_benefit"]
    search_fields = ["name", "city"]
    inlines = [MembershipInline]


admin.site.register(GovernmentDistrict)
admin.site.register(OfficeMembership, SimpleHistoryAdmin)


@admin.register(Topic)
class TopicAdmin(SimpleHistoryAdmin):
    """Programme staff keep the list of network topics here."""

    list_display = ["name", "slug", "sort_order"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(StaffEntry)
class StaffEntryAdmin(SimpleHistoryAdmin):
    list_display = ["name", "office", "function", "publish"]
    list_filter = ["function", "publish"]
    search_fields = ["name", "office__name"]
    raw_id_fields = ["user"]


@admin.register(RegionalActor)
class RegionalActorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "is_public"]
    list_filter = ["kind", "is_public", "topics"]
    search_fields = ["name", "city"]
    filter_horizontal = ["topics", "offices"]
