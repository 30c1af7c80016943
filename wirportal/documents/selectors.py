"""Reads on stored documents."""

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from .models import AnbestVersion, StoredDocument


def documents_of(obj: models.Model, *, kind: str | None = None) -> QuerySet[StoredDocument]:
    """The documents attached to one object, newest first (one query)."""
    queryset = StoredDocument.objects.filter(
        owner_type=ContentType.objects.get_for_model(obj), owner_id=obj.pk
    ).select_related("uploaded_by")
    if kind is not None:
        queryset = queryset.filter(kind=kind)
    return queryset


def document_for_download(*, public_id) -> StoredDocument:
    """The document with its owner loaded (raises StoredDocument.DoesNotExist)."""
    document = StoredDocument.objects.select_related("owner_type").get(public_id=public_id)
    return document


def anbest_version_on(kind: str, day: date) -> AnbestVersion | None:
    """The ANBest version of this kind (P or GK) valid on `day`: the latest one whose validity
    began on or before it (one query). None if there is none on record."""
    return (
        AnbestVersion.objects.filter(kind=kind, valid_from__lte=day)
        .select_related("document")
        .order_by("-valid_from", "-pk")
        .first()
    )


def anbest_versions() -> QuerySet[AnbestVersion]:
    return AnbestVersion.objects.select_related("document").order_by("kind", "-valid_from")
