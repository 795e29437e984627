from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from conditions.bulk_catalogue import build_catalogue
from conditions.models import Condition


class Command(BaseCommand):
    help = (
        "Add a large approved catalogue (benchmark conditions, each with an "
        "approved overview) with bulk inserts: for benchmarks, never for a "
        "real site."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=1000)
        parser.add_argument(
            "--no-search-index",
            action="store_false",
            dest="search_index",
            help="Leave the new articles out of the search index (faster).",
        )

    def handle(self, *args, count, search_index, **options):
        if count < 1:
            raise CommandError("--count must be at least 1.")
        approver = get_user_model().objects.filter(is_superuser=True).first()
        if approver is None:
            raise CommandError("Create a superuser first (or run load_demo).")
        start = Condition.objects.filter(slug__startswith="benchmark-").count()
        build_catalogue(
            count, approver=approver, start=start, search_index=search_index
        )
        # As after any bulk load: the planner's statistics of the new rows
        # (without them PostgreSQL read every code for each ICD look-up).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(f"Added {count} approved conditions and overviews.")
