"""Notices in the portal: the list (with renewals due), the request form of each type, the request's page with
its screening before submission, the reviewers' queue and decision with the criteria beside the request, renewal
and withdrawal by the requesting bureau, and the diffusions received and sent.

Views only: ``notices.services``, ``notices.review`` and ``notices.changes`` hold every rule."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ncbnet.access.policy import Action, Actor, Denied, allows
from ncbnet.access.restrictions import Restrictions
from ncbnet.messaging.recipients import UnknownRecipient
from ncbnet.notices import changes, diffusions, lifecycle, review, services
from ncbnet.notices.content import InvalidNotice, NoticeType
from ncbnet.notices.lifecycle import NotAllowedNow
from ncbnet.notices.models import NoticeState
from ncbnet.portal.explain import field_name, translate
from ncbnet.portal.labels import choices, notice_reference
from ncbnet.portal.notice_forms import DiffusionForm, NoticeRequestForm, ReasonsForm, ReviewForm, content_rows
from ncbnet.portal.once import AlreadyDone, once
from ncbnet.portal.session import page, portal_view


def _carried_out(request: HttpRequest, actor: Actor, key: str, act: Callable[[], str],
                 refused: Callable[[str, str], None], done: str) -> HttpResponse | None:
    """A creating form's action, once (``portal.once``): the redirect to its result, or None when the services
    refused it (each reason given to ``refused(field, text)``; a policy refusal under no field)."""
    try:
        target = once(actor, key, act)
    except AlreadyDone as already:
        messages.info(request, _("This form had already been sent: it was carried out once."))
        return HttpResponseRedirect(already.result or reverse("portal:notices"))
    except InvalidNotice as exc:
        for field, text in exc.errors.items():
            refused(field, text)
        return None
    except (Denied, UnknownRecipient) as exc:
        refused("", _("Not allowed: %(reason)s") % {"reason": translate(str(getattr(exc, "reason", exc)))})
        return None
    messages.success(request, done)
    return HttpResponseRedirect(target)


def _type(value: str) -> NoticeType:
    try:
        return NoticeType(value)
    except ValueError:
        raise Http404(value) from None


@portal_view
def notice_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    kind = request.GET.get("type", "")
    state = request.GET.get("state", "")
    own = request.GET.get("own") == "1"
    try:
        rows = services.list_notices(actor, notice_type_=kind, state=state, own=own)
    except InvalidNotice:
        raise Http404(kind or state) from None
    renewals = []
    if allows(actor, Action.NOTICE_REQUEST) and actor.country:
        horizon = timezone.now() + timedelta(days=31 * lifecycle.RENEWAL_NOTICE_MONTHS)
        renewals = services.list_notices(actor, state=NoticeState.PUBLISHED, own=True, expires_before=horizon,
                                         limit=200)
    return page(request, "portal/notices.html", {
        "section": "notices", "notices": [(n, notice_reference(n)) for n in rows], "renewals": [(n, notice_reference(n)) for n in renewals],
        "types": choices("notice_type"), "states": NoticeState.choices, "chosen": {"type": kind, "state": state, "own": own},
        "may_request": allows(actor, Action.NOTICE_REQUEST), "may_review": allows(actor, Action.NOTICE_REVIEW),
    })


def _restrictions(data: dict) -> Restrictions:
    return Restrictions(data["restriction_mode"], tuple(sorted(data["restricted_countries"])), True,
                        data["classification"])


@portal_view
@require_http_methods(["GET", "POST"])
def request_notice(request: HttpRequest, actor: Actor, kind: str) -> HttpResponse:
    notice_type = _type(kind)
    form = NoticeRequestForm(notice_type, actor, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        def act() -> str:
            notice = services.request_notice(actor, services.NoticeRequest(
                notice_type=notice_type.value, content=form.content(), subject_person_id=data.get("subject_person_id"),
                language=data["language"], restrictions=_restrictions(data),
                public_consent=bool(data.get("public_consent"))))
            return reverse("portal:notice", args=[notice.pk])

        def refused(key: str, text: str) -> None:
            field = form.field_of(key) if key else None
            form.add_error(field, translate(text) if field or not key else f"{field_name(key)}: {translate(text)}")

        done = _carried_out(request, actor, data["submission"], act, refused,
                            _("The request is saved as a draft. Check the screening below, then submit it."))
        if done is not None:
            return done
    return page(request, "portal/notice_request.html", {
        "section": "notices", "kind": notice_type.value, "form": form,
        "types": choices("notice_type"),
    }, status=400 if form.errors else 200)


def _notice_page(request: HttpRequest, actor: Actor, notice_id: int, *, review_form: ReviewForm | None = None,
                 reasons_form: ReasonsForm | None = None, status: int = 200) -> HttpResponse:
    try:
        notice = services.read_notice(actor, notice_id)
    except services.NoticeNotFound as exc:
        raise Http404(str(exc)) from exc
    requester = services.is_requester(actor, notice)
    preview = None
    if requester and notice.state in (NoticeState.DRAFT, NoticeState.RETURNED):
        preview = services.screen_notice(notice).as_dict()  # what submission would find; nothing is written
    reviewable = False
    if allows(actor, Action.NOTICE_REVIEW) and (notice.state == NoticeState.IN_REVIEW or notice.pending_content):
        try:
            reviewable = notice in review.review_queue(actor)
        except InvalidNotice:  # a reviewer without a recorded nationality reviews nothing
            reviewable = False
    return page(request, "portal/notice.html", {
        "section": "notices", "notice": notice, "reference": notice_reference(notice), "requester": requester,
        "preview": preview, "screening": notice.screening or None, "content": content_rows(notice.content),
        "review_form": (review_form or ReviewForm()) if reviewable else None,
        "reasons_form": (reasons_form or ReasonsForm()) if requester and notice.state == NoticeState.PUBLISHED else None,
        "renewable": requester and notice.state == NoticeState.PUBLISHED and notice.expires_at is not None
        and timezone.now() >= lifecycle.renewal_window_opens(notice.expires_at),
    }, status=status)


@portal_view
def notice(request: HttpRequest, actor: Actor, notice_id: int) -> HttpResponse:
    return _notice_page(request, actor, notice_id)


def _act(request: HttpRequest, done: str, call) -> HttpResponse | str:
    """Run one notices service; the redirect to the notice, or the reason it was refused."""
    try:
        result = call()
    except services.NoticeNotFound as exc:
        raise Http404(str(exc)) from exc
    except InvalidNotice as exc:
        return "; ".join(translate(text) for text in exc.errors.values())
    except (NotAllowedNow, Denied) as exc:
        return translate(str(getattr(exc, "reason", exc)))
    messages.success(request, done)
    return HttpResponseRedirect(reverse("portal:notice", args=[getattr(result, "pk", None) or result[0].pk]))


@portal_view
@require_POST
def submit(request: HttpRequest, actor: Actor, notice_id: int) -> HttpResponse:
    outcome = _act(request, _("Submitted to the General Secretariat for review."),
                   lambda: services.submit_notice(actor, notice_id))
    if isinstance(outcome, HttpResponse):
        return outcome
    messages.error(request, _("Not submitted: %(reason)s") % {"reason": outcome})
    return HttpResponseRedirect(reverse("portal:notice", args=[notice_id]))


@portal_view
@require_POST
def decide(request: HttpRequest, actor: Actor, notice_id: int) -> HttpResponse:
    form = ReviewForm(request.POST)
    if form.is_valid():
        outcome = _act(request, _("Your decision is recorded."), lambda: review.review_notice(
            actor, notice_id, form.cleaned_data["decision"], form.cleaned_data["reasons"]))
        if isinstance(outcome, HttpResponse):
            return outcome
        form.add_error(None, outcome)
    return _notice_page(request, actor, notice_id, review_form=form, status=400)


@portal_view
@require_POST
def owner_action(request: HttpRequest, actor: Actor, notice_id: int, action: str) -> HttpResponse:
    calls = {"renew": (changes.renew_notice, _("Renewed for five more years.")),
             "withdraw": (changes.withdraw_notice, _("Withdrawn: members and the public no longer see it."))}
    if action not in calls:
        raise Http404(action)
    form = ReasonsForm(request.POST)
    if form.is_valid():
        call, done = calls[action]
        outcome = _act(request, done, lambda: call(actor, notice_id, form.cleaned_data["reasons"]))
        if isinstance(outcome, HttpResponse):
            return outcome
        form.add_error(None, outcome)
    return _notice_page(request, actor, notice_id, reasons_form=form, status=400)


@portal_view
def review_queue(request: HttpRequest, actor: Actor) -> HttpResponse:
    try:
        queue = review.review_queue(actor)
    except (Denied, InvalidNotice) as exc:
        messages.error(request, translate(str(getattr(exc, "reason", exc))))
        queue = []
    return page(request, "portal/review_queue.html", {"section": "notices",
                                                      "queue": [(n, notice_reference(n)) for n in queue]})


@portal_view
def diffusion_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    received = request.GET.get("received") == "1"
    rows = diffusions.list_diffusions(actor, received=received)
    return page(request, "portal/diffusions.html", {"section": "notices", "diffusions": rows, "received": received})


@portal_view
@require_http_methods(["GET", "POST"])
def send_diffusion(request: HttpRequest, actor: Actor) -> HttpResponse:
    form = DiffusionForm(actor, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        def act() -> str:
            sent = diffusions.send_diffusion(actor, diffusions.DiffusionRequest(
                kind=data["kind"], title=data["title"], body=data["body"], recipients=form.addresses(),
                subject_person_id=data["subject_person_id"], urgent=data["urgent"],
                restrictions={"restriction_mode": data["restriction_mode"],
                              "restricted_countries": data["restricted_countries"],
                              "classification": data["classification"]}))
            return reverse("portal:message", args=[sent.message_id])

        done = _carried_out(request, actor, data["submission"], act,
                            lambda key, text: form.add_error(key if key in form.fields else None, translate(text)),
                            _("Diffusion sent."))
        if done is not None:
            return done
    return page(request, "portal/diffusion_form.html", {"section": "notices", "form": form},
                status=400 if form.errors else 200)
