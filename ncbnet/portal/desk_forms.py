"""The forms of the desks: the auditors' search of the trail, a supervisor's authorisation of an agency and
issue of an API token. Checked here in the officer's language; the services check again (they are the rules)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ncbnet.members.models import User
from ncbnet.members.services import DATABASES
from ncbnet.portal.forms import Submitted
from ncbnet.portal.labels import choices, label


class DateInput(forms.DateInput):
    input_type = "date"  # the browser's own date picker; the value is always YYYY-MM-DD


def day_start(day: date) -> datetime:
    """Midnight at the start of ``day`` in the server's time zone (the dates the forms show)."""
    return timezone.make_aware(datetime.combine(day, time.min))


class AuditSearchForm(forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150, required=False)
    organisation = forms.CharField(label=_("Organisation"), max_length=40, required=False,
                                   help_text=_("Its code, e.g. NCB-FR or GS."))
    action = forms.CharField(label=_("Action"), max_length=64, required=False,
                             help_text=_("e.g. message.read, login, token.issue"))
    outcome = forms.ChoiceField(label=_("Outcome"), required=False)
    object_type = forms.CharField(label=_("Object type"), max_length=40, required=False)
    object_id = forms.CharField(label=_("Object id"), max_length=100, required=False,
                                help_text=_("Found among the objects and among the results."))
    since = forms.DateField(label=_("From (date)"), required=False, widget=DateInput)
    until = forms.DateField(label=_("Until (date, included)"), required=False, widget=DateInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["outcome"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("any")), *choices("audit_outcome")]

    def clean(self):
        cleaned = super().clean() or {}
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", _("This date is before the first one."))
        return cleaned

    def search(self) -> dict:
        """The arguments of ``audit.services.search_trail``, from the valid form."""
        data = self.cleaned_data
        return {
            "filters": {name: data[name].strip() for name in ("username", "organisation", "action", "outcome",
                                                            "object_type") if data[name].strip()},
            "object_id": data["object_id"].strip(),
            "since": day_start(data["since"]) if data["since"] else None,
            "until": day_start(data["until"] + timedelta(days=1)) if data["until"] else None,
        }


class AgencyScopeForm(forms.Form):
    """What one national agency may do; one form per agency on the bureau page (prefixed with its code)."""

    databases = forms.MultipleChoiceField(label=_("Databases it may search"), required=False,
                                          widget=forms.CheckboxSelectMultiple)
    may_contribute = forms.BooleanField(label=_("It may contribute records to them"), required=False)
    valid_until = forms.DateField(label=_("Valid until"), required=False, widget=DateInput,
                                  help_text=_("Left empty, the authorisation has no end date."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["databases"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(name, label("database", name)) for name in DATABASES]


class TokenIssueForm(Submitted):
    """A new API token for one account of the bureau or of its agencies."""

    account = forms.ChoiceField(label=_("Account"))
    name = forms.CharField(label=_("Name of the token"), max_length=100,
                           help_text=_("What it is for, e.g. the border gate at terminal 2."))
    days = forms.IntegerField(label=_("Valid for (days)"), min_value=1, max_value=366,
                              initial=settings.API_TOKEN_DEFAULT_DAYS)

    def __init__(self, accounts: list[User], *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["account"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(u.username, f"{u.username} ({u.organisation.code if u.organisation else '-'})")
                         for u in accounts if u.is_active]
