from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wirportal.core.caching import public_page, render_filtered_list
from wirportal.core.exceptions import DomainError
from wirportal.core.links import object_links
from wirportal.core.permissions import check_perm
from wirportal.core.routers import replica_reads
from wirportal.core.views import Saved, button_action, form_page

from . import selectors, services
from .forms import (
    ActorFilterForm,
    AddMemberForm,
    OfficeFilterForm,
    OfficeRegionForm,
    OrganisationFilterForm,
    OrganisationForm,
    RegionalActorForm,
    StaffEntryForm,
    StaffPublicationForm,
)
from .models import (
    Office,
    Organisation,
    OrganisationInvitation,
    OrganisationMembership,
    RegionalActor,
    StaffEntry,
)


@replica_reads
@public_page("offices")
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


@replica_reads
@public_page("offices", "events")
def office_detail(request, slug):
    try:
        office = selectors.office_detail(slug=slug)
    except Office.DoesNotExist:
        return render(request, "404.html", status=404)
    user = request.user
    can_edit_region = user.has_perm("offices.change_office_region", office)
    full_staff = user.has_perm("offices.view_staffentry_contacts")
    context = {
        "office": office,
        "region_form": OfficeRegionForm(instance=office) if can_edit_region else None,
        "history": selectors.history_of(office)
        if user.has_perm("offices.view_office_history", office)
        else None,
        # staff roles see every entry in full; everyone else only what people chose to publish
        "staff": selectors.office_staff(office=office) if full_staff else None,
        "published_staff": None if full_staff else selectors.office_staff_published(office=office),
        "public_actors": selectors.office_public_actors(office=office),
        "can_manage_staff": user.has_perm("offices.add_staffentry", office),
        "can_manage_actors": user.has_perm("offices.link_regionalactor", office),
        "can_add_actor": user.has_perm("offices.add_regionalactor"),
        "can_list_actors": user.has_perm("offices.list_regionalactors"),
        # its partnership page and the events it hosts (partnership.links, events.links:
        # offices may import neither)
        "unit_links": object_links(office, user),
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
    """Filter form and table are cached fragments (core.caching): shared by Land staff, per
    person otherwise."""
    check_perm(request.user, "offices.list_organisations")
    user = request.user
    form = SimpleLazyObject(lambda: OrganisationFilterForm(request.GET or None))

    def results() -> dict:
        filters = form.cleaned_data if form.is_valid() else {}
        organisations = selectors.organisation_list(
            user=user, query=filters.get("q", ""), kind=filters.get("kind", "")
        )
        page = Paginator(organisations, 50).get_page(request.GET.get("page"))
        return {"page": page, "query": request.GET}

    return render_filtered_list(
        request,
        "offices/organisation_list.html",
        form=form,
        results=results,
        key=(selectors.organisation_list_scope(user), request.GET.urlencode()),
        depends_on=("organisations", "offices"),
        context={"can_add": user.has_perm("offices.add_organisation")},
    )


@login_required
def organisation_create(request):
    check_perm(request.user, "offices.add_organisation")

    def save(data) -> str:
        organisation = services.organisation_create(by=request.user, **data)
        return reverse("offices:organisation-detail", kwargs={"pk": organisation.pk})

    return form_page(
        request,
        OrganisationForm(request.POST or None),
        save,
        template="offices/organisation_form.html",
        context={"organisation": None},
        done=_("Der Träger wurde angelegt."),
    )


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
        "invitations": selectors.open_invitations(organisation=organisation)
        if user.has_perm("offices.manage_organisation_members", organisation)
        else [],
        "history": selectors.history_of(organisation)
        if user.has_perm("offices.view_organisation_history", organisation)
        else None,
    }
    return render(request, "offices/organisation_detail.html", context)


@login_required
def organisation_update(request, pk):
    organisation = get_object_or_404(Organisation, pk=pk)
    check_perm(request.user, "offices.change_organisation", organisation)
    # the form works on its own copy: the service compares the stored values with the new ones
    form = OrganisationForm(request.POST or None, instance=Organisation.objects.get(pk=pk))

    def save(data) -> str:
        services.organisation_update(organisation=organisation, by=request.user, **data)
        return reverse("offices:organisation-detail", kwargs={"pk": organisation.pk})

    return form_page(
        request,
        form,
        save,
        template="offices/organisation_form.html",
        context={"organisation": organisation},
        done=_("Die Angaben des Trägers wurden gespeichert."),
    )


def _next_to_the_email(form, error) -> None:
    form.add_error("email", error.message if isinstance(error, DomainError) else error)


@login_required
@require_POST
def organisation_member_add(request, pk):
    """Invite by e-mail: the same answer whether the address has an account, and of which kind."""
    organisation = get_object_or_404(Organisation, pk=pk)
    check_perm(request.user, "offices.manage_organisation_members", organisation)

    def save(data) -> Saved:
        services.organisation_invite_member(
            organisation=organisation,
            email=data["email"],
            by=request.user,
            is_admin=data["is_admin"],
        )
        invited = _(
            "Wir haben eine Einladung an %(email)s gesendet. Die Person wird Mitglied, "
            "sobald sie die Einladung mit ihrem Konto annimmt."
        ) % {"email": data["email"]}
        return Saved(reverse("offices:organisation-detail", kwargs={"pk": pk}), invited)

    def detail_page(form, status):
        full = selectors.organisation_detail(pk=pk)
        context = {
            "organisation": full,
            "can_change": request.user.has_perm("offices.change_organisation", full),
            "can_manage_members": True,
            "member_form": form,
            "invitations": selectors.open_invitations(organisation=full),
            "history": selectors.history_of(full),
        }
        return render(request, "offices/organisation_detail.html", context, status=422)

    return form_page(
        request,
        AddMemberForm(request.POST),
        save,
        page=detail_page,
        show_error=_next_to_the_email,
    )


@login_required
def organisation_invitation(request, token):
    """The invited person's page: join the Träger with their own account."""
    invitation = OrganisationInvitation.from_token(token)
    if invitation is None:
        raise Http404
    check_perm(request.user, "offices.accept_organisation_invitation", invitation)
    if request.method == "POST":
        return button_action(
            request,
            lambda: services.organisation_accept_invitation(invitation=invitation, by=request.user),
            back=reverse("offices:organisation-detail", kwargs={"pk": invitation.organisation_id}),
            done=_("Sie sind jetzt Mitglied von %(organisation)s.")
            % {"organisation": invitation.organisation},
        )
    return render(request, "offices/organisation_invitation.html", {"invitation": invitation})


@login_required
@require_POST
def organisation_invitation_withdraw(request, pk, invitation_pk):
    organisation = get_object_or_404(Organisation, pk=pk)
    check_perm(request.user, "offices.manage_organisation_members", organisation)
    invitation = get_object_or_404(
        OrganisationInvitation, pk=invitation_pk, organisation=organisation, accepted_at=None
    )
    services.organisation_withdraw_invitation(invitation=invitation, by=request.user)
    messages.success(request, _("Die Einladung wurde zurückgezogen; ihr Link gilt nicht mehr."))
    return redirect("offices:organisation-detail", pk=organisation.pk)


@login_required
@require_POST
def organisation_member_remove(request, pk, membership_pk):
    organisation = get_object_or_404(Organisation, pk=pk)
    check_perm(request.user, "offices.manage_organisation_members", organisation)
    membership = get_object_or_404(
        OrganisationMembership, pk=membership_pk, organisation=organisation
    )
    return button_action(
        request,
        lambda: services.organisation_remove_member(membership=membership, by=request.user),
        back=reverse("offices:organisation-detail", kwargs={"pk": organisation.pk}),
        done=_("Die Mitgliedschaft wurde beendet."),
    )


# --- network: office staff ------------------------------------------------------------------------


def _office_or_404(slug: str) -> Office:
    return get_object_or_404(Office, slug=slug)


@login_required
def staff_create(request, slug):
    office = _office_or_404(slug)
    check_perm(request.user, "offices.add_staffentry", office)

    def save(data) -> str:
        services.staff_entry_create(office=office, by=request.user, **data)
        return reverse("offices:office-detail", kwargs={"slug": office.slug})

    return form_page(
        request,
        StaffEntryForm(request.POST or None, office=office),
        save,
        template="offices/staff_form.html",
        context={"office": office},
        done=_("Der Eintrag wurde angelegt."),
    )


@login_required
def staff_update(request, slug, pk):
    entry = get_object_or_404(StaffEntry.objects.select_related("office"), pk=pk, office__slug=slug)
    check_perm(request.user, "offices.change_staffentry", entry)
    form = StaffEntryForm(
        request.POST or None, instance=StaffEntry.objects.get(pk=pk), office=entry.office
    )

    def save(data) -> str:
        services.staff_entry_update(entry=entry, by=request.user, **data)
        return reverse("offices:office-detail", kwargs={"slug": entry.office.slug})

    return form_page(
        request,
        form,
        save,
        template="offices/staff_form.html",
        context={"office": entry.office, "entry": entry},
        done=_("Der Eintrag wurde gespeichert."),
    )


@login_required
@require_POST
def staff_delete(request, slug, pk):
    entry = get_object_or_404(StaffEntry.objects.select_related("office"), pk=pk, office__slug=slug)
    check_perm(request.user, "offices.delete_staffentry", entry)
    services.staff_entry_delete(entry=entry, by=request.user)
    messages.success(request, _("Der Eintrag wurde entfernt."))
    return redirect("offices:office-detail", slug=slug)


@login_required
def staff_publication(request, slug, pk):
    """The person's own page: what the public directory may show about them."""
    entry = get_object_or_404(StaffEntry.objects.select_related("office"), pk=pk, office__slug=slug)
    check_perm(request.user, "offices.change_staffentry_publication", entry)
    form = StaffPublicationForm(request.POST or None, instance=StaffEntry.objects.get(pk=pk))
    context = {"form": form, "entry": entry, "office": entry.office}
    if request.method == "POST":
        if form.is_valid():
            services.staff_entry_set_publication(entry=entry, by=request.user, **form.cleaned_data)
            messages.success(
                request, _("Ihre Auswahl für das öffentliche Verzeichnis gilt ab sofort.")
            )
            return redirect("offices:office-detail", slug=entry.office.slug)
        return render(request, "offices/staff_publication.html", context, status=422)
    return render(request, "offices/staff_publication.html", context)


# --- network: regional actors ---------------------------------------------------------------------

ACTORS_PER_PAGE = 25


@login_required
def actor_list(request):
    check_perm(request.user, "offices.list_regionalactors")
    form = ActorFilterForm(
        request.GET or None,
        topics=selectors.topic_choices(),
        offices=list(Office.objects.order_by("name").only("slug", "name")),
    )
    filters = form.cleaned_data if form.is_valid() else {}
    actors = selectors.actor_list(
        user=request.user,
        query=filters.get("q", ""),
        topic=filters.get("topic", ""),
        office=filters.get("office", ""),
        kind=filters.get("kind", ""),
        region=filters.get("region", ""),
    )
    page = Paginator(actors, ACTORS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "filter_query": query.urlencode(),
        "can_add": request.user.has_perm("offices.add_regionalactor"),
    }
    if request.htmx:
        return render(request, "offices/actor_list.html#results", context)
    return render(request, "offices/actor_list.html", context)


def _actor_form_context(request, form, actor=None) -> dict:
    return {"form": form, "actor": actor, "own_office": selectors.office_of(request.user)}


@login_required
def actor_create(request):
    check_perm(request.user, "offices.add_regionalactor")
    can_choose = request.user.has_perm("offices.assign_regionalactor_offices")
    form = RegionalActorForm(request.POST or None, can_choose_offices=can_choose)

    def save(data) -> str:
        fields = dict(data)
        if not can_choose:
            own = selectors.office_of(request.user)
            fields["offices"] = [own] if own else []
        actor = services.actor_create(by=request.user, **fields)
        return reverse("offices:actor-detail", kwargs={"pk": actor.pk})

    return form_page(
        request,
        form,
        save,
        template="offices/actor_form.html",
        context=lambda: _actor_form_context(request, form),
        done=_("Der Akteur wurde angelegt."),
    )


@login_required
def actor_detail(request, pk):
    actor = get_object_or_404(RegionalActor, pk=pk)
    check_perm(request.user, "offices.view_regionalactor", actor)
    actor = selectors.actor_detail(pk=pk)
    user = request.user
    own = selectors.office_of(user)
    context = {
        "actor": actor,
        "own_office": own,
        "own_office_linked": own is not None and own in actor.offices.all(),
        "can_change": user.has_perm("offices.change_regionalactor", actor),
        "can_delete": user.has_perm("offices.delete_regionalactor", actor),
        "can_link": own is not None and user.has_perm("offices.link_regionalactor", own),
        "history": selectors.actor_history(actor)
        if user.has_perm("offices.view_regionalactor_history", actor)
        else None,
    }
    return render(request, "offices/actor_detail.html", context)


@login_required
def actor_update(request, pk):
    actor = get_object_or_404(RegionalActor, pk=pk)
    check_perm(request.user, "offices.change_regionalactor", actor)
    can_choose = request.user.has_perm("offices.assign_regionalactor_offices")
    form = RegionalActorForm(
        request.POST or None,
        instance=RegionalActor.objects.get(pk=pk),
        can_choose_offices=can_choose,
    )

    def save(data) -> str:
        services.actor_update(actor=actor, by=request.user, **data)
        return reverse("offices:actor-detail", kwargs={"pk": actor.pk})

    return form_page(
        request,
        form,
        save,
        template="offices/actor_form.html",
        context=lambda: _actor_form_context(request, form, actor),
        done=_("Die Angaben wurden gespeichert."),
    )


@login_required
@require_POST
def actor_delete(request, pk):
    actor = get_object_or_404(RegionalActor, pk=pk)
    check_perm(request.user, "offices.delete_regionalactor", actor)
    services.actor_delete(actor=actor, by=request.user)
    messages.success(request, _("Der Akteur wurde gelöscht."))
    return redirect("offices:actor-list")


@login_required
@require_POST
def actor_link(request, slug, pk):
    office = _office_or_404(slug)
    check_perm(request.user, "offices.link_regionalactor", office)
    actor = get_object_or_404(RegionalActor, pk=pk)
    return button_action(
        request,
        lambda: services.actor_link_office(actor=actor, office=office, by=request.user),
        back=reverse("offices:actor-detail", kwargs={"pk": actor.pk}),
        done=_("Der Akteur ist jetzt der WIR-Einheit %(office)s zugeordnet.") % {"office": office},
    )


@login_required
@require_POST
def actor_unlink(request, slug, pk):
    office = _office_or_404(slug)
    check_perm(request.user, "offices.link_regionalactor", office)
    actor = get_object_or_404(RegionalActor, pk=pk, offices=office)

    def unlink() -> Saved:
        services.actor_unlink_office(actor=actor, office=office, by=request.user)
        unlinked = _("Der Akteur ist der WIR-Einheit %(office)s nicht mehr zugeordnet.") % {
            "office": office
        }
        return Saved(reverse("offices:office-detail", kwargs={"slug": office.slug}), unlinked)

    return button_action(
        request, unlink, back=reverse("offices:actor-detail", kwargs={"pk": actor.pk})
    )
