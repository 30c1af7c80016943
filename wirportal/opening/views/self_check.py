"""The unit's self-check: start, answer by field, autosave, evidence, contributors, submit, visibility, PDF."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wirportal.core.exceptions import DomainError
from wirportal.core.permissions import check_perm
from wirportal.core.views import Saved, button_action, form_page
from wirportal.offices.selectors import office_of

from .. import exports, selectors, services
from ..forms import (
    AcceptForm,
    EvidenceUploadForm,
    FieldAnswerForm,
    InviteForm,
    StartForm,
    VisibilityForm,
)
from ..models import ActionField, Contributor


def _check(request, pk, perm="opening.view_selfcheck"):
    check = selectors.check_for_page(pk)
    if check is None:
        raise Http404
    check_perm(request.user, perm, check)
    return check


@login_required
def index(request):
    check_perm(request.user, "opening.view_index")
    office = office_of(request.user)
    form = StartForm(request.POST or None)

    def start(data):
        if office is None:
            raise DomainError(_("Sie sind keiner WIR-Einheit zugeordnet."), field="year")
        return services.self_check_start(office=office, year=data["year"], by=request.user)

    if request.method == "POST":
        check_perm(request.user, "opening.start_selfcheck")
    return form_page(
        request,
        form,
        lambda data: start(data).get_absolute_url(),
        template="opening/index.html",
        context=lambda: {
            "checks": list(selectors.units_with_checks(request.user)[:100]),
            "office": office,
            "may_start": request.user.has_perm("opening.start_selfcheck"),
        },
        done=_("Der Selbstcheck ist angelegt."),
    )


@login_required
def check_detail(request, pk):
    check = _check(request, pk)
    page = selectors.check_page(check, request.user)
    return render(
        request,
        "opening/check_detail.html",
        {
            "check": check,
            "page": page,
            "visibility_form": VisibilityForm(initial={"named": "1" if check.named else "0"}),
            "may_answer": request.user.has_perm("opening.answer_selfcheck", check),
            "may_manage": request.user.has_perm("opening.manage_selfcheck", check),
            "may_set_visibility": request.user.has_perm("opening.set_visibility", check),
            "may_view_plan": request.user.has_perm("opening.view_plan", check),
            # the full change history for the unit's coordinators and the Land (not contributors)
            "history": (
                selectors.change_history(check)
                if request.user.has_perm("opening.view_plan", check)
                else []
            ),
        },
    )


def _field(check, code) -> ActionField:
    return get_object_or_404(
        ActionField.objects.prefetch_related("indicators"),
        questionnaire_id=check.questionnaire_id,
        code=code,
    )


def _answer_form(request, check, action_field, data=None):
    allowed = services.answerable_field_ids(request.user, check)
    if allowed is not None and action_field.pk not in allowed:
        raise Http404
    answers, _documents = selectors.answers_with_documents(check)
    return FieldAnswerForm(
        data, action_field=action_field, levels=check.questionnaire.levels, answers=answers
    )


@login_required
def field_edit(request, pk, code):
    check = _check(request, pk, "opening.answer_selfcheck")
    action_field = _field(check, code)
    form = _answer_form(request, check, action_field, request.POST or None)

    def save(_data):
        services.answers_save(check=check, by=request.user, values=form.values())
        return check.get_absolute_url()

    return form_page(
        request,
        form,
        save,
        template="opening/field_edit.html",
        context=lambda: {
            "check": check,
            "action_field": action_field,
            "file_rows": [
                (indicator.text, document)
                for indicator in action_field.indicators.all()
                for document in selectors.answers_with_documents(check)[1].get(indicator.pk, [])
            ],
            "upload_form": EvidenceUploadForm(indicators=action_field.indicators.all()),
        },
        done=_("Die Antworten sind gespeichert."),
    )


@login_required
@require_POST
def field_autosave(request, pk, code):
    """The draft as people type (portal.js `form[data-autosave]`): what can be read is saved,
    the answer is the save status."""
    check = selectors.check_for_page(pk)
    if check is None:
        raise Http404
    if not request.user.has_perm("opening.answer_selfcheck", check):
        # once submitted, the people who answered learn it in the status; anyone else: 403
        if check.is_draft:
            raise PermissionDenied
        check_perm(request.user, "opening.view_selfcheck", check)
        return render(
            request,
            "opening/field_edit.html#save-status",
            {
                "save_error": _(
                    "Der Selbstcheck ist abgeschlossen und kann nicht mehr geändert werden."
                )
            },
        )
    action_field = _field(check, code)
    form = _answer_form(request, check, action_field, request.POST)
    form.is_valid()
    saved_at, refusal = services.answers_autosave(
        check=check, by=request.user, values=form.values()
    )
    if refusal is not None:
        return render(request, "opening/field_edit.html#save-status", {"save_error": refusal})
    assert saved_at is not None
    save_errors = [
        (form[name].auto_id, form[name].label, " ".join(str(e) for e in errors))
        for name, errors in form.errors.items()
        if name in form.fields
    ]
    return render(
        request,
        "opening/field_edit.html#save-status",
        {"saved_at": timezone.localtime(saved_at), "save_errors": save_errors},
    )


@login_required
def evidence_upload(request, pk, code):
    check = _check(request, pk, "opening.answer_selfcheck")
    action_field = _field(check, code)
    _answer_form(request, check, action_field)  # the field must be the person's
    indicators = {i.pk: i for i in action_field.indicators.all()}
    form = EvidenceUploadForm(
        request.POST or None, request.FILES or None, indicators=indicators.values()
    )
    back = reverse("opening:field-edit", kwargs={"pk": check.pk, "code": code})

    def save(data):
        services.evidence_upload(
            check=check,
            indicator=indicators[data["indicator"]],
            upload=data["file"],
            by=request.user,
        )
        return back

    return form_page(
        request,
        form,
        save,
        template="opening/evidence_upload.html",
        context={"check": check, "action_field": action_field},
        done=_("Der Beleg ist hochgeladen."),
    )


@login_required
def contributor_invite(request, pk):
    check = _check(request, pk, "opening.manage_selfcheck")
    form = InviteForm(request.POST or None, questionnaire=check.questionnaire)
    return form_page(
        request,
        form,
        lambda data: (
            services.contributor_invite(
                check=check, email=data["email"], fields=data["action_fields"], by=request.user
            )
            and check.get_absolute_url()
        ),
        template="opening/simple_form.html",
        context={
            "check": check,
            "heading": _("Kollegin oder Kollegen einladen"),
            "intro": _(
                "Laden Sie Kolleginnen und Kollegen anderer Ämter Ihrer Verwaltung ein. Sie sehen "
                "nur diesen Selbstcheck und beantworten nur die gewählten Handlungsfelder."
            ),
            "submit_label": _("Einladung senden"),
            "back": check.get_absolute_url(),
        },
        done=_("Die Einladung ist verschickt."),
    )


@login_required
@require_POST
def contributor_remove(request, pk, contributor_pk):
    check = _check(request, pk, "opening.manage_selfcheck")
    contributor = get_object_or_404(Contributor, pk=contributor_pk, self_check=check)
    return button_action(
        request,
        lambda: services.contributor_remove(contributor=contributor, by=request.user),
        back=check.get_absolute_url(),
        done=_("Die Person kann nicht mehr mitwirken."),
    )


def invitation(request, token):
    """The link in the invitation mail: the colleague sets a password and can then sign in."""
    contributor = Contributor.from_token(token)
    if contributor is None:
        raise Http404
    if not contributor.is_open():
        return render(request, "opening/invitation.html", {"expired": True}, status=410)
    form = AcceptForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda data: (
            services.contributor_accept(contributor=contributor, password=data["password1"])
            and Saved(
                reverse("account_login"),
                _(
                    "Ihr Zugang ist eingerichtet. Bitte melden Sie sich mit Ihrer E-Mail-Adresse an."
                ),
            )
        ),
        template="opening/invitation.html",
        context={"contributor": contributor},
    )


@login_required
@require_POST
def check_submit(request, pk):
    check = _check(request, pk)
    check_perm(request.user, "opening.manage_selfcheck", check)
    return button_action(
        request,
        lambda: services.self_check_submit(check=check, by=request.user),
        back=check.get_absolute_url(),
        done=_("Der Selbstcheck ist abgeschlossen."),
    )


@login_required
def check_visibility(request, pk):
    check = _check(request, pk, "opening.set_visibility")
    form = VisibilityForm(request.POST or None, initial={"named": "1" if check.named else "0"})
    return form_page(
        request,
        form,
        lambda data: (
            services.self_check_set_visibility(check=check, by=request.user, named=data["named"])
            and check.get_absolute_url()
        ),
        template="opening/simple_form.html",
        context={
            "check": check,
            "heading": _("Sichtbarkeit für andere Einheiten"),
            "intro": _(
                "Das Landesmittel enthält Ihre Werte immer. Ob andere WIR-Einheiten Ihr Profil "
                "mit Namen sehen, entscheiden Sie."
            ),
            "back": check.get_absolute_url(),
        },
        done=_("Ihre Wahl ist gespeichert."),
    )


@login_required
def check_pdf(request, pk):
    check = _check(request, pk)
    pdf = exports.check_report_pdf(check, request.user)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"ikoe-selbstcheck-{check.office.slug}-{check.year}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
