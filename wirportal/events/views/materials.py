"""Materials: upload by organisers, authorised download by whoever may see the event."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from wirportal.core.exceptions import DomainError
from wirportal.core.forms import add_domain_error
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
    if request.method == "POST" and form.is_valid():
        try:
            services.material_upload(
                event=event,
                by=request.user,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Das Material ist hochgeladen."))
            return redirect("events:event-detail", slug=event.slug)
    return render(
        request,
        "events/material_form.html",
        {"form": form, "event": event},
        status=422 if form.errors else 200,
    )
