"""Read-only admin list of stored documents; deletion goes through the service (audited)."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import StoredDocument


@admin.register(StoredDocument)
class StoredDocumentAdmin(admin.ModelAdmin):
    list_display = ["display_name", "kind", "owner_type", "owner_id", "size", "uploaded_at", "link"]
    list_filter = ["kind", "file_kind", "owner_type"]
    search_fields = ["display_name", "label", "sha256"]
    readonly_fields = [field.name for field in StoredDocument._meta.fields] + ["link"]

    @admin.display(description=_("Herunterladen"))
    def link(self, obj):
        url = reverse("documents:download", kwargs={"public_id": obj.public_id})
        return format_html('<a href="{}">{}</a>', url, obj.display_name)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
