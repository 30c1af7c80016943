"""IBAN validation and BIC lookup with schwifty (bundled bank registry, no network)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from schwifty import IBAN
from schwifty.exceptions import SchwiftyException


def normalise_iban(value: str) -> str:
    return "".join(value.split()).upper()


def validate_iban(value: str) -> None:
    if not value:
        return
    try:
        IBAN(normalise_iban(value))
    except SchwiftyException:
        raise ValidationError(
            _("Diese IBAN ist ungültig. Bitte prüfen Sie Länderkennung, Prüfziffer und Länge."),
            code="invalid_iban",
        ) from None


def bank_for_iban(value: str) -> tuple[str, str]:
    """Return (BIC, bank name) for a valid IBAN, or empty strings when the registry does not know it."""
    iban = IBAN(normalise_iban(value))
    bic = iban.bic
    if bic is None:
        return "", ""
    names = getattr(bic, "bank_names", None) or []
    name = names[0] if names else (getattr(bic, "bank_name", "") or "")
    return str(bic), name
