"""Delete readers' enquiries, and the personal data in them, past retention."""

from django.core.management.base import BaseCommand, CommandError

from conditions.models import Enquiry


class Command(BaseCommand):
    help = "Delete enquiries older than --older-than DAYS (names, e-mails, texts)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            required=True,
            metavar="DAYS",
            help="Delete enquiries received more than DAYS days ago.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only say how many would be deleted.",
        )

    def handle(self, *args, older_than, dry_run=False, **options):
        if older_than < 1:
            raise CommandError(
                "--older-than must be a whole number of days, 1 or more."
            )
        expired = Enquiry.objects.older_than(older_than)
        count = expired.count()
        if dry_run:
            self.stdout.write(
                f"{count} enquiries older than {older_than} days would be deleted."
            )
            return
        expired.delete()
        self.stdout.write(f"Deleted {count} enquiries older than {older_than} days.")
