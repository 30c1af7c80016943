"""Materials: upload by organisers, authorised download by whoever may see the event."""

from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from wirportal.core.views import form_page
from wirportal.documents.views import content_disposition

from .. import services
from ..forms import (
    MaterialForm,
)
from ..models import (
    Material,
)
from .common import _event


def material_download(request, slug, pk):
    """The authorised download: whoever may see the event gets its materials (also anonymous)."""
    event = _event(request, slug, "events.view_material")
    material = get_object_or_404(Material.objects.select_related("document"), pk=pk, event=event)
    document = material.document
    try:
        handle = default_storage.open(document.storage_name, "rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(handle, content_type=document.mime_type)
    response["Content-Disposition"] = content_disposition(document.display_name)
    response["Content-Length"] = str(document.size)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'; frame-ancestors 'none'"
    return response


@login_required
def material_upload(request, slug):
    event = _event(request, slug, "events.upload_material")
    form = MaterialForm(request.POST or None, request.FILES or None)

    def save(data) -> str:
        services.material_upload(
            event=event, by=request.user, title=data["title"], upload=data["file"]
        )
        return reverse("events:event-detail", kwargs={"slug": event.slug})

    return form_page(
        request,
        form,
        save,
        template="events/material_form.html",
        context={"event": event},
        done=_("Das Material ist hochgeladen."),
    )
