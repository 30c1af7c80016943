"""KERN form rendering: every Django form renders with KERN markup, errors next to the field."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms import BaseForm, BoundField, Form
from django.forms.renderers import TemplatesSetting


class DateInput(forms.DateInput):
    """An HTML date picker; the value is written ISO (the browser shows it localised)."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


_SELECT_TYPES = {"select", "selectmultiple", "nullbooleanselect"}
_NO_CLASS_TYPES = {"radioselect", "checkboxselectmultiple", "hidden", "multiplehidden"}


class KernBoundField(BoundField):
    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget_type = self.widget_type
        if widget_type in _NO_CLASS_TYPES:
            return attrs
        if widget_type == "checkbox":
            base = "kern-form-check__checkbox"
        elif widget_type in _SELECT_TYPES:
            base = "kern-form-input__select"
        else:
            base = "kern-form-input__input"
        classes = [base]
        if self.errors:
            classes.append(f"{base}--error")
        existing = attrs.get("class") or self.field.widget.attrs.get("class")
        if existing:
            classes.append(existing)
        attrs["class"] = " ".join(classes)
        return attrs


class KernFormRenderer(TemplatesSetting):
    form_template_name = "kern/forms/form.html"
    field_template_name = "kern/forms/field.html"
    bound_field_class = KernBoundField


class FilterForm(Form):
    """Base for list filters: every field is optional, so the '– optional' marker is left out."""

    hide_optional_marker = True


def add_domain_error(form: BaseForm, error) -> None:
    """Show a service's refusal on the form: a `DomainError` next to its field (or above the form
    when the field is not on it), a model `ValidationError` above the form. Input is kept."""
    if isinstance(error, ValidationError):
        form.add_error(None, error)
    else:
        form.add_error(error.field if error.field in form.fields else None, error.message)
