from allauth.mfa.models import Authenticator
from allauth.mfa.totp import forms as allauth_totp_forms
from allauth.mfa.totp.internal.auth import TOTP
from allauth.mfa.utils import encrypt
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import User


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name"]
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
        }


class ActivateTOTPForm(allauth_totp_forms.ActivateTOTPForm):
    """allauth's set-up form, with the activation code spent like a login code.

    RFC 6238 § 5.2 (and ASVS 5.0 V6.5.1): a verifier accepts each one-time password once. allauth
    marks login codes used, but not the code that confirmed the set-up, so that code could log in
    again within its 30 seconds. Checking it through allauth's own device check (which records it
    as used) closes that.
    """

    def clean_code(self) -> str:
        code = super().clean_code()
        pending = Authenticator(
            user=self.user, type=Authenticator.Type.TOTP, data={"secret": encrypt(self.secret)}
        )
        TOTP(pending).validate_code(code)
        return code


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Bezeichnung des Tokens"),
        max_length=100,
        help_text=_("Wofür Sie das Token nutzen, z. B. „Auswertung Fachverfahren“."),
    )
