"""Put on the air the approved versions whose go-live time has come."""

from django.core.management.base import BaseCommand

from reviews.services import release_scheduled


class Command(BaseCommand):
    help = (
        "Publish every approved version whose go-live time has passed. The task "
        "worker does it at each go-live time; run this from cron (every minute) "
        "where no worker runs, or as a safety net. Running it twice publishes "
        "nothing twice."
    )

    def handle(self, *args, **options):
        released = release_scheduled()
        self.stdout.write(f"{released} scheduled version(s) went live.")
