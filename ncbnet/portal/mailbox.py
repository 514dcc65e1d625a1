"""The inbox and everything around it: read, acknowledge, reply, forward, compose, sent, search, attachments.

Views only: every rule (who may see a message, who may forward, what a message must hold) is the messaging
services'; a message the officer may not see answers exactly as one that does not exist.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from ncbnet.access.policy import Action, Actor, Denied, allows, require
from ncbnet.members.models import Division
from ncbnet.messaging import services
from ncbnet.messaging.attachments import IntegrityFailure
from ncbnet.messaging.recipients import UnknownRecipient
from ncbnet.messaging.services import AttachmentUpload, Draft
from ncbnet.portal.explain import translate
from ncbnet.portal.forms import ComposeForm, ForwardForm, ReplyForm, SearchForm, int_param
from ncbnet.portal.labels import choices
from ncbnet.portal.session import landing, page, portal_view

PAGE_SIZE = 50
# Service error keys that are not form fields: shown above the form.
_FIELDLESS = {"attachments", "language"}


def _uploads(request: HttpRequest) -> list[AttachmentUpload]:
    return [AttachmentUpload(f.name or "attachment", f.read(), f.content_type) for f in request.FILES.getlist("attachments")]


def _refused(form, exc: Exception) -> None:
    """What the services refused, on the form: field by field where the field is on it."""
    if isinstance(exc, services.InvalidMessage):
        for key, text in exc.errors.items():
            if key in form.fields and key not in _FIELDLESS:
                form.add_error(key, translate(text))
            else:
                form.add_error(None, _("%(field)s: %(reason)s") % {"field": key, "reason": translate(text)})
    elif isinstance(exc, UnknownRecipient):
        form.add_error(None, _("Recipient %(address)s: %(reason)s") % {"address": exc.address,
                                                                       "reason": translate(exc.reason)})
    elif isinstance(exc, services.IdempotencyConflict):
        form.add_error(None, _("This form was already sent with other content. Open a new form to send again."))
    elif isinstance(exc, Denied):
        form.add_error(None, _("Not allowed: %(reason)s") % {"reason": translate(exc.reason)})
    else:
        raise exc


@portal_view
def inbox(request: HttpRequest, actor: Actor) -> HttpResponse:
    if not allows(actor, Action.MESSAGE_READ):  # an auditor, say: sent to the first desk the role has
        return HttpResponseRedirect(landing(actor))
    crime_area = request.GET.get("crime_area") or None
    priority = request.GET.get("priority") or None
    division = int_param(request.GET.get("division"))
    unacknowledged = request.GET.get("unacknowledged") == "1"
    before = int_param(request.GET.get("before"))
    divisions = list(Division.objects.filter(ncb_id=actor.organisation_id).order_by("name").values_list("pk", "name"))
    try:
        listing = services.inbox(actor, before=before, limit=PAGE_SIZE, crime_area=crime_area, priority=priority,
                                 division_id=division, unacknowledged=unacknowledged)
    except services.NotVisible as exc:
        raise Http404(str(exc)) from exc
    due = services.awaiting_acknowledgement(actor) if before is None else []
    filters = {k: v for k, v in request.GET.items() if k != "before" and v}
    return page(request, "portal/inbox.html", {
        "section": "inbox", "now": timezone.now(), "deliveries": listing.items, "next_before": listing.next_before, "due": due,
        "filters": filters, "divisions": divisions, "crime_areas": choices("crime_area"),
        "priorities": choices("priority"), "chosen": {"crime_area": crime_area or "", "priority": priority or "",
                                                      "division": division, "unacknowledged": unacknowledged},
    })


@portal_view
def sent(request: HttpRequest, actor: Actor) -> HttpResponse:
    listing = services.outbox(actor, before=int_param(request.GET.get("before")), limit=PAGE_SIZE)
    return page(request, "portal/sent.html", {"section": "sent", "sent": listing.items,
                                              "next_before": listing.next_before})


@portal_view
def search(request: HttpRequest, actor: Actor) -> HttpResponse:
    form = SearchForm(request.GET or None)
    found = None
    next_before = None
    if form.is_bound and form.is_valid():
        try:
            result = services.search(actor, form.cleaned_data["q"], before=int_param(request.GET.get("before")),
                                     limit=PAGE_SIZE)
        except services.InvalidMessage:
            form.add_error("q", _("Type at least one word."))
        else:
            found, next_before = result.items, result.next_before
    return page(request, "portal/search.html", {"section": "search", "form": form, "found": found,
                                                "next_before": next_before, "q": request.GET.get("q", "")},
                status=400 if form.is_bound and form.errors else 200)


def _message_page(request: HttpRequest, actor: Actor, message_id: int, *, reply: ReplyForm | None = None,
                  forward: ForwardForm | None = None, status: int = 200) -> HttpResponse:
    try:
        msg, delivery = services.read_message(actor, message_id)
        thread = services.thread(actor, message_id)
    except services.NotVisible as exc:
        raise Http404(str(exc)) from exc
    may_forward = allows(actor, Action.MESSAGE_FORWARD)
    return page(request, "portal/message.html", {
        "section": "inbox", "msg": msg, "delivery": delivery, "thread": thread,
        "attachments": list(msg.attachments.all()),
        "may_acknowledge": delivery is not None and delivery.acknowledged_at is None
        and allows(actor, Action.MESSAGE_ACKNOWLEDGE),
        "reply_form": reply or ReplyForm(), "may_reply": allows(actor, Action.MESSAGE_SEND),
        "forward_form": (forward or ForwardForm(actor)) if may_forward else None,
    }, status=status)


@portal_view
def message(request: HttpRequest, actor: Actor, message_id: int) -> HttpResponse:
    return _message_page(request, actor, message_id)


@portal_view
@require_POST
def acknowledge(request: HttpRequest, actor: Actor, message_id: int) -> HttpResponse:
    try:
        services.acknowledge(actor, message_id)
    except services.NotVisible as exc:
        raise Http404(str(exc)) from exc
    except Denied:
        messages.error(request, _("Only a recipient acknowledges a message."))
    else:
        messages.success(request, _("Acknowledged."))
    return HttpResponseRedirect(reverse("portal:message", args=[message_id]))


def _sent(request: HttpRequest, result: services.SendResult) -> HttpResponse:
    if result.created:
        count = len(result.recipients) or result.message.deliveries.count()
        messages.success(request, ngettext("Message sent to %(count)s recipient.", "Message sent to %(count)s recipients.",
                                           count) % {"count": count})
    else:
        messages.info(request, _("This form had already been sent: the message was sent once."))
    return HttpResponseRedirect(reverse("portal:message", args=[result.message.pk]))


def _key(data: dict) -> str | None:
    """The form's one-time id as the messaging services' idempotency key (none when the form carried none)."""
    return f"portal:{data['submission']}" if data.get("submission") else None


_REFUSALS = (services.InvalidMessage, UnknownRecipient, services.IdempotencyConflict, Denied)


def _send(request: HttpRequest, form, send: Callable[[], services.SendResult]) -> HttpResponse | None:
    """Run one sending service: the redirect to what was sent, or None with the refusal on ``form``."""
    try:
        result = send()
    except services.NotVisible as exc:
        raise Http404(str(exc)) from exc
    except _REFUSALS as exc:
        _refused(form, exc)
        return None
    return _sent(request, result)


@portal_view
@require_POST
def reply(request: HttpRequest, actor: Actor, message_id: int) -> HttpResponse:
    form = ReplyForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        draft = Draft(subject="", body=data["body"], recipients=[], priority=data["priority"],
                      attachments=_uploads(request))
        done = _send(request, form, lambda: services.reply_message(actor, message_id, draft,
                                                                   idempotency_key=_key(data)))
        if done is not None:
            return done
    return _message_page(request, actor, message_id, reply=form, status=400)


@portal_view
@require_POST
def forward(request: HttpRequest, actor: Actor, message_id: int) -> HttpResponse:
    form = ForwardForm(actor, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        done = _send(request, form, lambda: services.forward_message(
            actor, message_id, form.addresses(), data["note"], idempotency_key=_key(data)))
        if done is not None:
            return done
    return _message_page(request, actor, message_id, forward=form, status=400)


@portal_view
@require_http_methods(["GET", "POST"])
def compose(request: HttpRequest, actor: Actor) -> HttpResponse:
    require(actor, Action.MESSAGE_SEND)  # before the form is shown, not only when it is sent
    form = ComposeForm(actor, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        draft = Draft(
            subject=data["subject"], body=data["body"], recipients=form.addresses(), language=data["language"] or None,
            priority=data["priority"], crime_area=data["crime_area"], classification=data["classification"],
            restriction_mode=data["restriction_mode"], restricted_countries=data["restricted_countries"],
            agencies_may_view=data["agencies_may_view"], case_reference=data["case_reference"],
            attachments=_uploads(request),
        )
        done = _send(request, form, lambda: services.send_message(actor, draft,
                                                                  idempotency_key=_key(data)))
        if done is not None:
            return done
    return page(request, "portal/compose.html", {"section": "compose", "form": form},
                status=400 if request.method == "POST" else 200)


@portal_view
def attachment(request: HttpRequest, actor: Actor, message_id: int, sha256: str) -> HttpResponse:
    try:
        att, content = services.attachment_content(actor, message_id, sha256)
    except services.NotVisible as exc:
        raise Http404(str(exc)) from exc
    except IntegrityFailure:
        messages.error(request, _("This attachment failed its integrity check and is not shown. Tell your "
                                  "administrator."))
        return HttpResponseRedirect(reverse("portal:message", args=[message_id]))
    response = HttpResponse(content, content_type=att.blob.content_type)
    safe_name = att.filename.replace('"', "").replace("\\", "")
    response["Content-Disposition"] = f'attachment; filename="{safe_name}"'
    response["Cache-Control"] = "no-store"
    return response
