from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wirportal.core.exceptions import DomainError
from wirportal.core.permissions import check_perm

from . import selectors, services
from .forms import (
    AddMemberForm,
    OfficeFilterForm,
    OfficeRegionForm,
    OrganisationFilterForm,
    OrganisationForm,
)
from .models import Office, Organisation, OrganisationMembership


def office_list(request):
    form = OfficeFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    offices = list(
        selectors.office_list(
            region=filters.get("region", ""),
            kind=filters.get("kind", ""),
            query=filters.get("q", ""),
        )
    )
    context = {"form": form, "offices": offices}
    if request.htmx:
        return render(request, "offices/office_list.html#results", context)
    return render(request, "offices/office_list.html", context)


def office_detail(request, slug):
    try:
        office = selectors.office_detail(slug=slug)
    except Office.DoesNotExist:
        return render(request, "404.html", status=404)
    can_edit_region = request.user.has_perm("offices.change_office_region", office)
    context = {
        "office": office,
        "region_form": OfficeRegionForm(instance=office) if can_edit_region else None,
        "history": selectors.history_of(office)
        if request.user.has_perm("offices.view_office_history", office)
        else None,
    }
    return render(request, "offices/office_detail.html", context)


@login_required
@require_POST
def office_region(request, slug):
    office = get_object_or_404(Office, slug=slug)
    check_perm(request.user, "offices.change_office_region", office)
    form = OfficeRegionForm(request.POST, instance=Office.objects.get(pk=office.pk))
    if form.is_valid():
        services.office_set_conference_region(
            office=office, region=form.cleaned_data["conference_region"], by=request.user
        )
        messages.success(request, _("Die Konferenzregion wurde geändert."))
    else:
        messages.error(request, _("Bitte wählen Sie eine Konferenzregion."))
    return redirect("offices:office-detail", slug=office.slug)


@login_required
def organisation_list(request):
    check_perm(request.user, "offices.list_organisations")
    form = OrganisationFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    organisations = selectors.organisation_list(
        user=request.user, query=filters.get("q", ""), kind=filters.get("kind", "")
    )
    page = Paginator(organisations, 50).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "can_add": request.user.has_perm("offices.add_organisation"),
    }
    if request.htmx:
        return render(request, "offices/organisation_list.html#results", context)
    return render(request, "offices/organisation_list.html", context)


@login_required
def organisation_create(request):
    check_perm(request.user, "offices.add_organisation")
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(by=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("Der Träger wurde angelegt."))
            return redirect("offices:organisation-detail", pk=organisation.pk)
    return render(request, "offices/organisation_form.html", {"form": form, "organisation": None})


@login_required
def organisation_detail(request, pk):
    organisation = get_object_or_404(Organisation, pk=pk)
    check_perm(request.user, "offices.view_organisation", organisation)
    organisation = selectors.organisation_detail(pk=pk)
    user = request.user
    context = {
        "organisation": organisation,
        "can_change": user.has_perm("offices.change_organisation", organisation),
        "can_manage_members": user.has_perm("offices.manage_organisation_members", organisation),
        "member_form": AddMemberForm(),
        "history": selectors.history_of(organisation)
        if user.has_perm("offices.view_organisation_history", organisation)
        else None,
    }
    return render(request, "offices/organisation_detail.html", context)


@login_required
def organisation_update(request, pk):
    organisation = get_object_or_404(Organisation, pk=pk)
    check_perm(request.user, "offices.change_organisation", organisation)
    form = OrganisationForm(request.POST or None, instance=Organisation.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        services.organisation_update(
            organisation=organisation, by=request.user, **form.cleaned_data
        )
        messages.success(request, _("Die Angaben des Trägers wurden gespeichert."))
        return redirect("offices:organisation-detail", pk=organisation.pk)
    return render(
        request, "offices/organisation_form.html", {"form": form, "organisation": organisation}
    )


@login_required
@require_POST
def organisation_member_add(request, pk):
    organisation = get_object_or_404(Organisation, pk=pk)
    check_perm(request.user, "offices.manage_organisation_members", organisation)
    form = AddMemberForm(request.POST)
    if form.is_valid():
        user = get_user_model().objects.filter(email__iexact=form.cleaned_data["email"]).first()
        if user is None:
            form.add_error("email", _("Unter dieser E-Mail-Adresse ist niemand registriert."))
        else:
            try:
                services.organisation_add_member(
                    organisation=organisation,
                    user=user,
                    by=request.user,
                    is_admin=form.cleaned_data["is_admin"],
                )
            except DomainError as error:
                form.add_error("email", error.message)
            else:
                messages.success(request, _("Die Person wurde als Mitglied hinzugefügt."))
                return redirect("offices:organisation-detail", pk=organisation.pk)
    organisation = selectors.organisation_detail(pk=pk)
    context = {
        "organisation": organisation,
        "can_change": request.user.has_perm("offices.change_organisation", organisation),
        "can_manage_members": True,
        "member_form": form,
        "history": selectors.history_of(organisation),
    }
    return render(request, "offices/organisation_detail.html", context, status=422)


@login_required
@require_POST
def organisation_member_remove(request, pk, membership_pk):
    organisation = get_object_or_404(Organisation, pk=pk)
    check_perm(request.user, "offices.manage_organisation_members", organisation)
    membership = get_object_or_404(
        OrganisationMembership, pk=membership_pk, organisation=organisation
    )
    try:
        services.organisation_remove_member(membership=membership, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Die Mitgliedschaft wurde beendet."))
    return redirect("offices:organisation-detail", pk=organisation.pk)
