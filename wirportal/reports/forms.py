"""The filter form of the dashboards (GET, carried in the URL)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .selectors import Filters, Options


def _choices(empty, items) -> list[tuple[str, str]]:
    return [("", empty)] + [(str(key), str(label)) for key, label in items]


class DashboardFilterForm(forms.Form):
    jahr = forms.TypedChoiceField(label=_("Jahr"), required=False, coerce=int, empty_value=None)
    linie = forms.TypedChoiceField(
        label=_("Förderlinie"), required=False, coerce=int, empty_value=None
    )
    bezirk = forms.TypedChoiceField(
        label=_("Regierungsbezirk"), required=False, coerce=int, empty_value=None
    )
    einheit = forms.TypedChoiceField(
        label=_("WIR-Einheit"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, data, *, opts: Options, own_unit: bool):
        super().__init__(data)
        self._field("jahr").choices = _choices(_("Alle Jahre"), [(y, y) for y in opts.years])
        self._field("linie").choices = _choices(
            _("Alle Förderlinien"), [(pk, line.name) for pk, line in opts.lines.items()]
        )
        if own_unit:  # a coordinator: their unit only
            del self.fields["bezirk"]
            del self.fields["einheit"]
        else:
            self._field("bezirk").choices = _choices(
                _("Alle Regierungsbezirke"), [(pk, d.name) for pk, d in opts.districts.items()]
            )
            self._field("einheit").choices = _choices(
                _("Alle WIR-Einheiten"), [(pk, o.name) for pk, o in opts.offices.items()]
            )

    def _field(self, name: str) -> forms.ChoiceField:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        return field

    def filters(self, *, office_id: int | None) -> Filters:
        """The valid choices; a refused one counts as "all" (its message stands at the field)."""
        data: dict = {}
        if self.is_bound:
            self.is_valid()  # a field that fails stays out of cleaned_data
            data = self.cleaned_data
        return Filters(
            year=data.get("jahr"),
            line_id=data.get("linie"),
            district_id=None if office_id else data.get("bezirk"),
            office_id=office_id or data.get("einheit"),
        )
