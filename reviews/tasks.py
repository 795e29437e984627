"""Background tasks (django-tasks): run by the worker, never in a request."""

from django_tasks import task

from reviews.notifications import send_event_mail


@task()
def send_review_mail(*, event_id: int, user_ids: list[int]) -> int:
    """Mail the people concerned by one review event; returns how many sent."""
    return send_event_mail(event_id=event_id, user_ids=user_ids)
