"""Pages of the IKÖ self-check (issue #15): thin, permission first, selectors and services."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wirportal.core.caching import cached_fragment
from wirportal.core.exceptions import DomainError
from wirportal.core.permissions import check_perm
from wirportal.core.views import Saved, button_action, form_page
from wirportal.offices.models import Office
from wirportal.offices.selectors import office_of

from . import exports, selectors, services
from .forms import (
    AcceptForm,
    ActionFieldForm,
    EvidenceUploadForm,
    FieldAnswerForm,
    IndicatorForm,
    InviteForm,
    MeasureForm,
    MeasureUpdateForm,
    QuestionnaireForm,
    StartForm,
    VisibilityForm,
)
from .models import CONTENT, ActionField, Contributor, Indicator, Questionnaire


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


# --- action plan ------------------------------------------------------------------------------


@login_required
def plan(request, pk):
    check = _check(request, pk, "opening.view_plan")
    may_change = request.user.has_perm("opening.change_plan", check)
    form = MeasureForm(request.POST or None, questionnaire=check.questionnaire)
    if request.method == "POST":
        check_perm(request.user, "opening.change_plan", check)
    return form_page(
        request,
        form,
        lambda data: (
            services.measure_create(
                check=check,
                by=request.user,
                field=data["field"],
                title=data["title"],
                owner=data["owner"],
                deadline=data["deadline"],
            )
            and reverse("opening:plan", kwargs={"pk": check.pk})
        ),
        template="opening/plan.html",
        context=lambda: {
            "check": check,
            "measures": selectors.measures_of(check),
            "may_change": may_change,
            "today": timezone.localdate(),
        },
        done=_("Die Maßnahme ist eingetragen."),
    )


@login_required
def measure_edit(request, pk):
    measure = selectors.measure_for_page(pk)
    if measure is None:
        raise Http404
    check_perm(request.user, "opening.change_measure", measure)
    check = measure.self_check
    form = MeasureUpdateForm(
        request.POST or None,
        questionnaire=check.questionnaire,
        initial={
            "title": measure.title,
            "field": measure.field,
            "owner": measure.owner,
            "deadline": measure.deadline,
            "status": measure.status,
            "completion_evidence": measure.completion_evidence,
        },
    )
    return form_page(
        request,
        form,
        lambda data: (
            services.measure_update(measure=measure, by=request.user, **data)
            and reverse("opening:plan", kwargs={"pk": check.pk})
        ),
        template="opening/measure_edit.html",
        context={"check": check, "measure": measure},
        done=_("Die Maßnahme ist gespeichert."),
    )


@login_required
def progress(request, slug):
    office = get_object_or_404(Office, slug=slug)
    check_perm(request.user, "opening.view_progress", office)
    return render(request, "opening/progress.html", {"progress": selectors.progress(office)})


# --- the Land -------------------------------------------------------------------------------


def _year(request) -> int | None:
    try:
        return int(request.GET.get("jahr", ""))
    except ValueError:
        return None


@login_required
def comparison(request):
    """All units side by side. The body is a shared fragment under the IKÖ content versions,
    keyed by the year and the reader's scope (the Land, or one unit: its own row and the named
    ones); it renders without the request."""
    check_perm(request.user, "opening.view_comparison")
    land = request.user.has_perm("opening.view_land_aggregate")
    office = office_of(request.user)
    scope = "land" if land else f"unit:{office.pk if office else 0}"
    year = _year(request)
    user = request.user

    def context():
        years = selectors.comparison_years()
        chosen = year if year is not None else (years[0] if years else timezone.localdate().year)
        return {
            "comparison": selectors.comparison(user, chosen, years),
            "aggregate": selectors.land_aggregate() if land else None,
            "schema": exports.AGGREGATE_SCHEMA,
        }

    body = cached_fragment(
        "opening/_comparison_body.html",
        context,
        key=("comparison", scope, year),
        depends_on=CONTENT,
    )
    return render(request, "opening/comparison.html", {"body": body})


@login_required
def land_csv(request):
    check_perm(request.user, "opening.view_land_aggregate")
    return exports.aggregate_csv_response(selectors.land_aggregate())


# --- questionnaire versions (programme staff) ------------------------------------------------


@login_required
def questionnaire_list(request):
    check_perm(request.user, "opening.view_questionnaire")
    return render(
        request,
        "opening/questionnaire_list.html",
        {
            "questionnaires": selectors.questionnaires(),
            "may_change": request.user.has_perm("opening.change_questionnaire"),
        },
    )


@login_required
@require_POST
def questionnaire_new(request):
    check_perm(request.user, "opening.change_questionnaire")
    return button_action(
        request,
        lambda: Saved(
            reverse(
                "opening:questionnaire-detail",
                kwargs={"pk": services.questionnaire_new_version(by=request.user).pk},
            ),
            _("Die neue Version ist als Entwurf angelegt."),
        ),
        back=reverse("opening:questionnaire-list"),
    )


@login_required
def questionnaire_detail(request, pk):
    check_perm(request.user, "opening.view_questionnaire")
    questionnaire = get_object_or_404(Questionnaire, pk=pk)
    levels = list(questionnaire.levels) + [""] * 5
    form = QuestionnaireForm(
        request.POST or None,
        initial={"title": questionnaire.title, **{f"level_{i}": levels[i] for i in range(5)}},
    )
    if request.method == "POST":
        check_perm(request.user, "opening.change_questionnaire")
    return form_page(
        request,
        form,
        lambda data: (
            services.questionnaire_update(
                questionnaire=questionnaire,
                by=request.user,
                title=data["title"],
                levels=[data[f"level_{i}"] for i in range(5)],
            )
            and request.path
        ),
        template="opening/questionnaire_detail.html",
        context=lambda: {
            "questionnaire": questionnaire,
            "fields": selectors.questionnaire_structure(questionnaire),
            "may_change": request.user.has_perm("opening.change_questionnaire")
            and not questionnaire.is_published,
        },
        done=_("Gespeichert."),
    )


@login_required
@require_POST
def questionnaire_publish(request, pk):
    check_perm(request.user, "opening.change_questionnaire")
    questionnaire = get_object_or_404(Questionnaire, pk=pk)
    back = reverse("opening:questionnaire-detail", kwargs={"pk": pk})
    return button_action(
        request,
        lambda: services.questionnaire_publish(questionnaire=questionnaire, by=request.user),
        back=back,
        done=_("Die Version ist veröffentlicht; neue Selbstchecks verwenden sie."),
    )


@login_required
def action_field_edit(request, pk):
    check_perm(request.user, "opening.change_questionnaire")
    action_field = get_object_or_404(ActionField.objects.select_related("questionnaire"), pk=pk)
    suggestions = list(action_field.suggestions) + [""] * 5
    form = ActionFieldForm(
        request.POST or None,
        initial={
            "name": action_field.name,
            "description": action_field.description,
            **{f"suggestion_{i}": suggestions[i] for i in range(5)},
        },
    )
    back = reverse("opening:questionnaire-detail", kwargs={"pk": action_field.questionnaire_id})
    return form_page(
        request,
        form,
        lambda data: (
            services.field_update(
                field=action_field,
                by=request.user,
                name=data["name"],
                description=data["description"],
                suggestions=[data[f"suggestion_{i}"] for i in range(5)],
            )
            and back
        ),
        template="opening/questionnaire_form.html",
        context={"heading": action_field.name, "back": back},
        done=_("Gespeichert."),
    )


@login_required
def indicator_add(request, pk):
    check_perm(request.user, "opening.change_questionnaire")
    action_field = get_object_or_404(ActionField.objects.select_related("questionnaire"), pk=pk)
    back = reverse("opening:questionnaire-detail", kwargs={"pk": action_field.questionnaire_id})
    form = IndicatorForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda data: services.indicator_save(field=action_field, by=request.user, **data) and back,
        template="opening/questionnaire_form.html",
        context={
            "heading": _("Indikator hinzufügen: %(field)s") % {"field": action_field.name},
            "back": back,
        },
        done=_("Der Indikator ist hinzugefügt."),
    )


@login_required
def indicator_edit(request, pk):
    check_perm(request.user, "opening.change_questionnaire")
    indicator = get_object_or_404(Indicator.objects.select_related("field__questionnaire"), pk=pk)
    back = reverse("opening:questionnaire-detail", kwargs={"pk": indicator.field.questionnaire_id})
    form = IndicatorForm(
        request.POST or None, initial={"text": indicator.text, "help_text": indicator.help_text}
    )
    return form_page(
        request,
        form,
        lambda data: services.indicator_save(indicator=indicator, by=request.user, **data) and back,
        template="opening/questionnaire_form.html",
        context={"heading": _("Indikator ändern"), "back": back, "indicator": indicator},
        done=_("Gespeichert."),
    )


@login_required
@require_POST
def indicator_delete(request, pk):
    check_perm(request.user, "opening.change_questionnaire")
    indicator = get_object_or_404(Indicator.objects.select_related("field__questionnaire"), pk=pk)
    back = reverse("opening:questionnaire-detail", kwargs={"pk": indicator.field.questionnaire_id})
    return button_action(
        request,
        lambda: services.indicator_delete(indicator=indicator, by=request.user),
        back=back,
        done=_("Der Indikator ist entfernt."),
    )
