"""Questionnaire versions, kept by programme staff."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wirportal.core.permissions import check_perm
from wirportal.core.views import Saved, button_action, form_page

from .. import selectors, services
from ..forms import (
    ActionFieldForm,
    IndicatorForm,
    QuestionnaireForm,
)
from ..models import ActionField, Indicator, Questionnaire


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
