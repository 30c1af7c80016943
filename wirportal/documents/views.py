"""Downloads only through this authorised view (never from MEDIA_URL), and deletion."""

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from wirportal.audit.services import audit_record
from wirportal.core.permissions import check_perm, check_rule
from wirportal.core.views import form_page

from . import selectors, services
from .forms import AnbestVersionForm
from .models import StoredDocument


def content_disposition(display_name: str) -> str:
    """RFC 6266: an ASCII fallback plus the UTF-8 name (RFC 8187 `filename*`)."""
    fallback = "".join(
        ch if 32 <= ord(ch) < 127 and ch not in '"\\;%' else "_" for ch in display_name
    )
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(display_name, safe='')}"


def _is_staff_access(user) -> bool:
    # documents sits below accounts in the layers, so the role is read as a plain value
    return bool(user.is_superuser or user.is_staff or getattr(user, "role", "") != "applicant")


def _get(public_id) -> StoredDocument:
    try:
        return selectors.document_for_download(public_id=public_id)
    except StoredDocument.DoesNotExist as error:
        raise Http404 from error


@login_required
@require_GET
def download(request, public_id):
    document = _get(public_id)
    check_rule(request.user, "documents.view_document", document)
    try:
        handle = default_storage.open(document.storage_name, "rb")
    except FileNotFoundError as error:
        raise Http404 from error
    if _is_staff_access(request.user):
        audit_record(action="document.downloaded", target=document, by=request.user)
    response = FileResponse(handle, content_type=document.mime_type)
    response["Content-Disposition"] = content_disposition(document.display_name)
    response["Content-Length"] = str(document.size)
    response["X-Content-Type-Options"] = "nosniff"
    # the file is never interpreted as a page of ours, even if a browser tried to render it
    response["Content-Security-Policy"] = "sandbox; default-src 'none'; frame-ancestors 'none'"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def delete(request, public_id):
    document = _get(public_id)
    check_perm(request.user, "documents.delete_document", document)
    services.document_delete(document=document, by=request.user)
    messages.success(request, _("Das Dokument wurde gelöscht."))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    return HttpResponseRedirect(target)


@login_required
def anbest_versions(request):
    """The ANBest-P/-GK versions on record and the upload of a new one (programme staff)."""
    check_perm(request.user, "documents.manage_anbest")

    def save(data) -> str:
        services.anbest_version_create(
            kind=data["kind"],
            title=data["title"],
            version_date=data["version_date"],
            valid_from=data["valid_from"],
            source=data["source"],
            upload=data["file"],
            by=request.user,
        )
        return reverse("documents:anbest-versions")

    return form_page(
        request,
        AnbestVersionForm(request.POST or None, request.FILES or None),
        save,
        template="documents/anbest_versions.html",
        context={"versions": selectors.anbest_versions()},
        done=_("Die Fassung der ANBest wurde gespeichert."),
    )
