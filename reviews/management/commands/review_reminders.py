"""Mail the owners of published items whose review is overdue or soon due."""

import datetime
from collections import defaultdict

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.management.base import BaseCommand
from django.utils import timezone

from reviews.models import PublishedVersion


class Command(BaseCommand):
    help = (
        "E-mail each owner (the author) of a published item whose next review "
        "is overdue or due within --days days: one message per owner."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.REVIEW_REMINDER_DAYS,
            help="Also remind about reviews due within this many days.",
        )

    def handle(self, *args, days, **options):
        today = timezone.localdate()
        due = (
            PublishedVersion.objects.due_by(today + datetime.timedelta(days=days))
            .prefetch_related("item", "item__created_by")
            .order_by("next_review_due")
        )
        by_owner = defaultdict(list)
        for version in due:
            owner = getattr(version.item, "created_by", None)
            if owner is not None and owner.is_active and owner.email:
                by_owner[owner].append(version)
        messages = [
            EmailMessage(
                f"[{settings.SITE_NAME}] {len(versions)} item(s) due for review",
                self.body(versions, today),
                to=[owner.email],
            )
            for owner, versions in by_owner.items()
        ]
        sent = get_connection().send_messages(messages) if messages else 0
        self.stdout.write(
            f"{due.count()} item(s) overdue or due within {days} days; "
            f"{sent or 0} reminder(s) sent."
        )

    def body(self, versions, today) -> str:
        lines = ["These published items you own need their next review:", ""]
        for version in versions:
            when = "OVERDUE since" if version.next_review_due < today else "due"
            lines.append(f"- {version.item}: {when} {version.next_review_due:%d %b %Y}")
        return "\n".join(lines)
