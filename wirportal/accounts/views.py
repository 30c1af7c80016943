from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wirportal.core.permissions import check_perm
from wirportal.core.views import form_page

from .forms import ApiTokenForm, ProfileForm
from .mfa import user_has_totp
from .models import ApiToken
from .services import api_token_create, api_token_revoke, user_update_profile


def _me_page(request, *, form=None, token_form=None, new_token: str = "", status: int = 200):
    return render(
        request,
        "accounts/me.html",
        {
            "form": form or ProfileForm(instance=request.user),
            "token_form": token_form or ApiTokenForm(),
            "new_token": new_token,
            "tokens": ApiToken.objects.filter(user=request.user),
            "has_totp": user_has_totp(request.user),
        },
        status=status,
    )


@login_required
def me(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user_update_profile(user=request.user, by=request.user, **form.cleaned_data)
        messages.success(request, _("Ihre Angaben wurden gespeichert."))
        return redirect("accounts:me")
    return _me_page(request, form=form, status=422 if form.errors else 200)


@login_required
@require_POST
def api_token_new(request):
    """Make a personal API token and show it once, in this response only (never in the session,
    never again: only its hash is kept)."""
    check_perm(request.user, "accounts.add_apitoken")

    def save(data) -> HttpResponseBase:
        _token, text = api_token_create(user=request.user, name=data["name"], by=request.user)
        return _me_page(request, new_token=text)  # shown in this response only

    return form_page(
        request,
        ApiTokenForm(request.POST),
        save,
        page=lambda form, status: _me_page(request, token_form=form, status=status),
    )


@login_required
@require_POST
def api_token_revoke_view(request, pk: int):
    token = get_object_or_404(ApiToken, pk=pk)
    check_perm(request.user, "accounts.revoke_apitoken", token)
    api_token_revoke(token=token, by=request.user)
    messages.success(request, _("Das Token „%(name)s“ wurde widerrufen.") % {"name": token.name})
    return redirect("accounts:me")


@login_required
def mfa_required(request):
    return render(request, "accounts/mfa_required.html")
