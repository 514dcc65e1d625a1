"""The supervisors' desk: the bureau's national agencies and what each may do, the accounts of the bureau and of its
agencies, and their API tokens (issue, revoke).

``members.services`` decides: a supervisor sees and manages only its own bureau and its own agencies
(``bureau_*``, ``authorise_agency``, ``_require_manages``); this page shows what they return and what they refuse.
A new token's plaintext is shown once, in the answer to the form that issued it, and is kept nowhere.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ncbnet.access.policy import Actor
from ncbnet.members import services as members
from ncbnet.members.models import ApiToken, Organisation
from ncbnet.portal.desk import refusals_shown
from ncbnet.portal.desk_forms import AgencyScopeForm, TokenIssueForm
from ncbnet.portal.explain import translate
from ncbnet.portal.session import page, portal_view

# Submission ids of token forms already answered in this session: a second submission must not issue a second token.
ISSUED_KEY = "bureau_token_submissions"
_REMEMBERED = 20


def _scope_form(agency: Organisation, data=None) -> AgencyScopeForm:
    auth = getattr(agency, "authorisation", None)
    initial = ({"databases": auth.databases, "may_contribute": auth.may_contribute, "valid_until": auth.valid_until}
               if auth is not None else {})
    return AgencyScopeForm(data, prefix=agency.code, initial=initial)


def _bureau_page(request: HttpRequest, actor: Actor, *, bound: AgencyScopeForm | None = None,
                 bound_code: str = "", token_form: TokenIssueForm | None = None,
                 issued: members.IssuedToken | None = None, status: int = 200) -> HttpResponse:
    agencies = members.bureau_agencies(actor)
    accounts = members.bureau_accounts(actor)
    tokens = members.bureau_tokens(actor)
    return page(request, "portal/bureau.html", {
        "section": "bureau", "now": timezone.now(), "accounts": accounts, "tokens": tokens, "issued": issued,
        "agencies": [(a, bound if bound is not None and a.code == bound_code else _scope_form(a)) for a in agencies],
        "token_form": token_form or TokenIssueForm(accounts),
    }, status=status)


@portal_view
@refusals_shown
@require_GET
def bureau(request: HttpRequest, actor: Actor) -> HttpResponse:
    return _bureau_page(request, actor)


@portal_view
@refusals_shown
@require_POST
def authorise(request: HttpRequest, actor: Actor, code: str) -> HttpResponse:
    agency = members.agency_or_404(code)
    form = _scope_form(agency, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            members.authorise_agency(actor, agency, databases=data["databases"], may_contribute=data["may_contribute"],
                                     valid_until=data["valid_until"])
        except ValueError as exc:  # the service's own check of the databases (the form offers only known ones)
            form.add_error("databases", translate(str(exc)))
        else:
            messages.success(request, _("The authorisation of %(agency)s was changed.") % {"agency": agency.code})
            return HttpResponseRedirect(reverse("portal:bureau"))
    return _bureau_page(request, actor, bound=form, bound_code=agency.code, status=400)


@portal_view
@refusals_shown
@require_POST
def revoke(request: HttpRequest, actor: Actor, code: str) -> HttpResponse:
    agency = members.agency_or_404(code)
    members.revoke_agency(actor, agency)
    messages.success(request, _("The authorisation of %(agency)s was revoked: it may search and contribute nothing "
                                "until it is granted again.") % {"agency": agency.code})
    return HttpResponseRedirect(reverse("portal:bureau"))


@portal_view
@refusals_shown
@require_POST
def issue_token(request: HttpRequest, actor: Actor) -> HttpResponse:
    accounts = members.bureau_accounts(actor)
    form = TokenIssueForm(accounts, request.POST)
    if not form.is_valid():
        return _bureau_page(request, actor, token_form=form, status=400)
    data = form.cleaned_data
    answered = request.session.get(ISSUED_KEY, [])
    if data["submission"] in answered:
        messages.info(request, _("This form was already sent: its token was issued once and shown then. If it was "
                                 "not copied, revoke it and issue another."))
        return HttpResponseRedirect(reverse("portal:bureau"))
    user = next(u for u in accounts if u.username == data["account"])
    issued = members.issue_token(user, data["name"], days=data["days"], issued_by=actor)
    request.session[ISSUED_KEY] = [*answered, data["submission"]][-_REMEMBERED:]
    return _bureau_page(request, actor, issued=issued)


@portal_view
@refusals_shown
@require_POST
def revoke_token(request: HttpRequest, actor: Actor, prefix: str) -> HttpResponse:
    token = ApiToken.objects.select_related("user", "user__organisation").filter(prefix=prefix).first()
    if token is None:
        raise Http404(f"no token {prefix}")
    members.revoke_token(token, by=actor)
    messages.success(request, _("The token %(prefix)s was revoked.") % {"prefix": token.prefix})
    return HttpResponseRedirect(reverse("portal:bureau"))
