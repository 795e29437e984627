"""The mail people get about a review event.

``reviews.tasks`` queues it after commit and sends it from the worker.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.urls import NoReverseMatch, reverse

from reviews.models import ReviewEvent, ReviewState, display_name

SUBJECTS = {
    ReviewState.SUBMITTED: "“{item}” is waiting for review",
    ReviewState.UNDER_REVIEW: "You were asked to review “{item}”",
    ReviewState.CHANGES_REQUESTED: "Changes requested on “{item}”",
    ReviewState.APPROVED: "“{item}” was approved and is now public",
    ReviewState.ARCHIVED: "“{item}” was withdrawn from readers",
    ReviewState.DRAFT: "“{item}” was withdrawn from review",
}


def admin_url(event: ReviewEvent) -> str:
    opts = event.content_type.model_class()._meta
    try:
        path = reverse(
            f"admin:{opts.app_label}_{opts.model_name}_change", args=[event.object_id]
        )
    except NoReverseMatch:
        return ""
    return settings.SITE_URL.rstrip("/") + path


def build_messages(event: ReviewEvent, user_ids: list[int]) -> list[EmailMessage]:
    """One message per recipient with an address: nobody sees the others'."""
    item = event.item
    subject = SUBJECTS.get(event.to_state, "Review update on “{item}”").format(
        item=item
    )
    actor = display_name(event.actor)
    lines = [
        f"{actor} moved “{item}” from {event.get_from_state_display()} "
        f"to {event.get_to_state_display()}.",
    ]
    if event.comment:
        lines += ["", event.comment]
    if url := admin_url(event):
        lines += ["", f"Open it: {url}"]
    body = "\n".join(lines)
    users = get_user_model().objects.filter(pk__in=user_ids, is_active=True)
    return [
        EmailMessage(f"[{settings.SITE_NAME}] {subject}", body, to=[user.email])
        for user in users.exclude(email="").order_by("pk")
    ]


def send_event_mail(*, event_id: int, user_ids: list[int]) -> int:
    event = ReviewEvent.objects.select_related("actor", "content_type").get(pk=event_id)
    messages = build_messages(event, user_ids)
    if not messages:
        return 0
    return get_connection().send_messages(messages) or 0
