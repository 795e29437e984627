from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from condition_site.totp import AlreadyEnrolled, base32_key, totp_enrol


class Command(BaseCommand):
    help = (
        "Set up a staff member's second factor for /admin/: make a TOTP device "
        "and print the key and otpauth:// URI for their authenticator app."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username}.")
        if not user.is_staff:
            raise CommandError(
                f"{username} is not staff: readers sign in without a second factor."
            )
        try:
            device = totp_enrol(user=user)
        except AlreadyEnrolled as refused:
            raise CommandError(str(refused)) from refused
        self.stdout.write(
            f"Give {username} this key for their authenticator app: "
            f"{base32_key(device)}\n"
            f"or this URI (many apps read it as a QR code): {device.config_url}"
        )
