"""Background tasks (django-tasks): run by the worker, never in a request.

Services decide who is concerned by an event while they hold the item's lock;
``send_after_commit`` drops the actor and duplicates and queues one task per
event after the transaction commits, so neither a rollback nor a slow mail
server can reach the person who clicked.
"""

from collections.abc import Iterable

from django.db import transaction
from django_tasks import task

from reviews.models import ReviewEvent
from reviews.notifications import send_event_mail


@task()
def send_review_mail(*, event_id: int, user_ids: list[int]) -> int:
    """Mail the people concerned by one review event; returns how many sent."""
    return send_event_mail(event_id=event_id, user_ids=user_ids)


def send_after_commit(*, event: ReviewEvent, user_ids: Iterable[int | None]) -> None:
    """Queue mail about ``event`` for ``user_ids``, once each, never the actor."""
    recipients = sorted({pk for pk in user_ids if pk and pk != event.actor_id})
    if not recipients:
        return
    transaction.on_commit(
        lambda: send_review_mail.enqueue(event_id=event.pk, user_ids=recipients)
    )
