"""The portal's forms: what an officer types is checked here first, in the officer's language, field by field;
the services check it again (they are the rules) and what they still refuse is shown on the form.

A form that sends something carries a ``submission`` id made when the form was shown: the services take it as the
idempotency key, so a form submitted twice (a double click, a reload) sends once.
"""

from __future__ import annotations

import uuid

from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from ncbnet.access.policy import Actor
from ncbnet.members.models import Organisation, OrgKind, RegionalGroup, country_names
from ncbnet.portal.labels import choices


class SignInForm(forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150,
                               widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}))
    password = forms.CharField(label=_("Password"), max_length=256,
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))
    code = forms.CharField(label=_("Code from your authenticator app"), max_length=10, required=False,
                           widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}))


def int_param(value: str | None) -> int | None:
    """A whole number from the query string (a page's ``before``, a division); None when absent or not one."""
    try:
        return int(value) if value else None
    except ValueError:
        return None


def country_choices() -> list[tuple[str, str]]:
    """Member countries by name in the active language."""
    return list(country_names(translation.get_language() or "en").items())


def _choices(form: forms.Form, name: str) -> forms.ChoiceField:
    """A choice field of ``form``, to set its choices for this actor and language."""
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    return field


def new_submission() -> str:
    return uuid.uuid4().hex


class Submitted(forms.Form):
    """A form that creates something: its one-time id, made when it is shown (absent only when a client posts
    without showing the form; then nothing guards a repeat)."""

    submission = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("submission", new_submission())


class Addressed(Submitted):
    """Recipients picked by country, regional group, the General Secretariat, all members or own agencies.

    A national agency has nothing to pick: it writes to its own NCB, which forwards abroad."""

    countries = forms.MultipleChoiceField(label=_("National Central Bureaus"), required=False,
                                          widget=forms.SelectMultiple(attrs={"size": 8}))
    regions = forms.MultipleChoiceField(label=_("Regional groups"), required=False,
                                        widget=forms.CheckboxSelectMultiple)
    general_secretariat = forms.BooleanField(label=_("General Secretariat"), required=False)
    all_members = forms.BooleanField(label=_("All member countries"), required=False)
    agencies = forms.MultipleChoiceField(label=_("Our national agencies"), required=False,
                                         widget=forms.CheckboxSelectMultiple)

    def __init__(self, actor: Actor, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        if actor.is_agency:
            for name in ("countries", "regions", "general_secretariat", "all_members", "agencies"):
                del self.fields[name]
            return
        _choices(self, "countries").choices = country_choices()
        _choices(self, "regions").choices = list(RegionalGroup.objects.order_by("name").values_list("code", "name"))
        agencies = list(Organisation.objects.filter(kind=OrgKind.AGENCY, parent_id=actor.organisation_id)
                        .order_by("name").values_list("code", "name"))
        if agencies:
            _choices(self, "agencies").choices = agencies
        else:
            del self.fields["agencies"]

    def addresses(self) -> list[str]:
        """The recipients in the services' address form (NCB:FR, REGION:europe, GS, ALL, AGENCY:FR-PAF)."""
        if self.actor.is_agency:
            return [f"NCB:{self.actor.country}"]
        data = self.cleaned_data
        found = [f"NCB:{code}" for code in data.get("countries", [])]
        found += [f"REGION:{code}" for code in data.get("regions", [])]
        found += [f"AGENCY:{code}" for code in data.get("agencies", [])]
        if data.get("general_secretariat"):
            found.append("GS")
        if data.get("all_members"):
            found.append("ALL")
        return found

    def clean(self):
        cleaned = super().clean()
        if not self.actor.is_agency and not self.addresses():
            self.add_error(None, forms.ValidationError(_("Choose at least one recipient."), code="no_recipient"))
        return cleaned


class ComposeForm(Addressed):
    subject = forms.CharField(label=_("Subject"), max_length=300)
    body = forms.CharField(label=_("Message"), max_length=200_000, widget=forms.Textarea(attrs={"rows": 12}))
    language = forms.ChoiceField(label=_("Language of the message"), required=False,
                                 help_text=_("Left empty, it is detected from the text."))
    priority = forms.ChoiceField(label=_("Priority"), initial="routine")
    crime_area = forms.ChoiceField(label=_("Crime area"), initial="other")
    classification = forms.TypedChoiceField(label=_("Classification"), coerce=int, initial=1)
    restriction_mode = forms.ChoiceField(label=_("Who may see it"), initial="none")
    restricted_countries = forms.MultipleChoiceField(label=_("Listed countries"), required=False,
                                                     widget=forms.SelectMultiple(attrs={"size": 6}))
    agencies_may_view = forms.BooleanField(label=_("National agencies may see it"), required=False, initial=True)
    case_reference = forms.CharField(label=_("Case reference"), max_length=64, required=False)

    def __init__(self, actor: Actor, *args, **kwargs):
        super().__init__(actor, *args, **kwargs)
        _choices(self, "language").choices = [("", _("detect")), *choices("language")]
        _choices(self, "priority").choices = choices("priority")
        _choices(self, "crime_area").choices = choices("crime_area")
        _choices(self, "classification").choices = [(level, name) for level, name in choices("classification")
                                                 if int(str(level)) <= actor.clearance]
        _choices(self, "restriction_mode").choices = choices("restriction")
        _choices(self, "restricted_countries").choices = country_choices()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("restriction_mode") == "allow" and not cleaned.get("restricted_countries"):
            self.add_error("restricted_countries", _("An allow-list needs at least one country."))
        return cleaned


class ReplyForm(Submitted):
    body = forms.CharField(label=_("Your answer"), max_length=200_000, widget=forms.Textarea(attrs={"rows": 6}))
    priority = forms.ChoiceField(label=_("Priority"), initial="routine")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _choices(self, "priority").choices = choices("priority")


class ForwardForm(Addressed):
    note = forms.CharField(label=_("Note to the recipients"), max_length=500, required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the mailbox"), max_length=200)
