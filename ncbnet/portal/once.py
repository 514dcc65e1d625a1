"""A form that creates something acts once, however often it is sent.

Forms that send a message carry their ``submission`` id to the messaging services as the idempotency key. For the
other creating forms (a notice request, a diffusion, a record, a bulk file) the portal keeps the id itself:
``once`` writes the id (unique per user) and runs the action in ONE transaction. A second submission of the same
form waits for the first (the unique index) and then finds the id taken: it is sent to the first one's result
instead of acting again. If the action is refused, the transaction rolls back with the id, so the corrected form
can be sent again.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.utils import timezone

from ncbnet.access.policy import Actor
from ncbnet.portal.models import Submission


class AlreadyDone(Exception):
    def __init__(self, result: str):
        super().__init__(result)
        self.result = result


def once(actor: Actor, key: str, act: Callable[[], str]) -> str:
    """Run ``act`` (which does the work and returns the URL of its result) unless this user's form ``key`` was
    already carried out; then raise ``AlreadyDone`` with the first result. Without a key, ``act`` simply runs."""
    if not key:
        return act()
    with transaction.atomic():
        try:
            with transaction.atomic():
                done = Submission.objects.create(user_id=actor.user_id, key=key, created_at=timezone.now())
        except IntegrityError:
            first = Submission.objects.filter(user_id=actor.user_id, key=key).values_list("result", flat=True).first()
            raise AlreadyDone(first or "") from None
        result = act()
        done.result = result[:300]
        done.save(update_fields=["result"])
    return result
