from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .forms import ProfileForm
from .mfa import user_has_totp
from .services import user_update_profile


@login_required
def me(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user_update_profile(user=request.user, by=request.user, **form.cleaned_data)
        messages.success(request, _("Ihre Angaben wurden gespeichert."))
        return redirect("accounts:me")
    return render(
        request,
        "accounts/me.html",
        {"form": form, "has_totp": user_has_totp(request.user)},
    )


@login_required
def mfa_required(request):
    return render(request, "accounts/mfa_required.html")
