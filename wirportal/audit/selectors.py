from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet

from .models import AuditEntry


def audit_entries_for(obj: Model) -> QuerySet[AuditEntry]:
    return (
        AuditEntry.objects.filter(
            target_type=ContentType.objects.get_for_model(obj), target_id=str(obj.pk)
        )
        .select_related("actor")
        .order_by("-at", "-id")
    )
