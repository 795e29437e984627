"""Keep again the article pages a deploy made stale."""

import time

from django.core.management.base import BaseCommand

from conditions.frozen_pages import keep_pages, stale_pages


class Command(BaseCommand):
    help = (
        "Render and keep the page most readers get of every published article "
        "whose kept page is missing or was rendered by other templates, code or "
        "settings (after a deploy) or from older versions. Until then those "
        "pages are rendered for each request: correct, but slower. Running it "
        "twice keeps nothing twice."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        kept = keep_pages(stale_pages())
        seconds = time.monotonic() - started
        self.stdout.write(f"Kept {kept} article page(s) in {seconds:.1f} s.")
