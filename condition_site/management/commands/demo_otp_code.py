from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from condition_site.totp import current_code


class Command(BaseCommand):
    help = (
        "Development only: print the current /admin/ code of a demo account, "
        "instead of reading it from an authenticator app."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        if not settings.DEBUG:
            raise CommandError(
                "demo_otp_code works only with DJANGO_DEBUG on: in production the "
                "code comes from the staff member's authenticator app."
            )
        device = TOTPDevice.objects.filter(user__username=username).first()
        if device is None:
            raise CommandError(
                f"{username} has no authenticator app set up "
                "(manage.py load_demo sets one up for each demo account)."
            )
        self.stdout.write(current_code(device))
