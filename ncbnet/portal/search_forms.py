"""The search forms of the police databases: one per kind of search, each checked here in the officer's language
before the search services (which check again and are the rules)."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from ncbnet.portal.forms import country_choices

_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class _Purpose(forms.Form):
    purpose = forms.CharField(label=_("Purpose of the search (recorded in the audit trail)"), max_length=500,
                              required=False)


class PersonSearchForm(_Purpose):
    names = forms.CharField(label=_("Names"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
                            help_text=_("One name per line, in any script; order, spelling and transliteration may "
                                        "differ."))
    birth_date = forms.CharField(label=_("Date of birth"), max_length=10, required=False,
                                 help_text=_("YYYY, YYYY-MM or YYYY-MM-DD"))
    sex = forms.ChoiceField(label=_("Sex"), required=False,
                            choices=[("", _("any")), ("M", _("male")), ("F", _("female"))])
    nationality = forms.ChoiceField(label=_("Nationality"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        nationality = self.fields["nationality"]
        assert isinstance(nationality, forms.ChoiceField)
        nationality.choices = [("", _("any")), *country_choices()]

    def clean_names(self) -> list[str]:
        names = [line.strip() for line in self.cleaned_data["names"].splitlines() if line.strip()]
        if not names:
            raise forms.ValidationError(_("Type at least one name."))
        if len(names) > 10:
            raise forms.ValidationError(_("At most 10 names."))
        return names

    def clean_birth_date(self) -> str:
        value = self.cleaned_data["birth_date"].strip()
        if value and not _PARTIAL_DATE.match(value):
            raise forms.ValidationError(_("Write the date as YYYY, YYYY-MM or YYYY-MM-DD."))
        return value


class DocumentSearchForm(_Purpose):
    number = forms.CharField(label=_("Document number"), max_length=40, required=False)
    country = forms.CharField(label=_("Issuing country (ICAO code, optional)"), max_length=3, required=False)
    mrz = forms.CharField(label=_("Or the machine-readable zone, pasted as read"), max_length=200, required=False,
                          widget=forms.Textarea(attrs={"rows": 3, "spellcheck": "false", "dir": "ltr",
                                                       "class": "mono"}))

    def clean(self):
        cleaned = super().clean() or {}
        if not cleaned.get("number", "").strip() and not cleaned.get("mrz", "").strip():
            self.add_error(None, _("Type a document number or paste the machine-readable zone."))
        return cleaned


class VehicleSearchForm(_Purpose):
    vin = forms.CharField(label=_("Vehicle identification number (VIN)"), max_length=30, required=False)
    plate = forms.CharField(label=_("Registration plate"), max_length=20, required=False)

    def clean(self):
        cleaned = super().clean() or {}
        if not cleaned.get("vin", "").strip() and not cleaned.get("plate", "").strip():
            self.add_error(None, _("Type a VIN or a registration plate."))
        return cleaned


class FirearmSearchForm(_Purpose):
    serial_number = forms.CharField(label=_("Serial number"), max_length=40)


class ArtSearchForm(_Purpose):
    text = forms.CharField(label=_("Words of the title, artist or description"), max_length=200)


class HitAnswerForm(forms.Form):
    decision = forms.ChoiceField(label=_("Does the record still stand?"), widget=forms.RadioSelect,
                                 choices=[("confirm", _("Yes: confirm the hit")),
                                          ("deny", _("No: deny the hit"))])
    note = forms.CharField(label=_("Note to the searching bureau"), max_length=4000, required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))
