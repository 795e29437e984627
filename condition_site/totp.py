"""Staff members' authenticator apps (django-otp TOTP devices)."""

from base64 import b32encode

from django.contrib.auth.base_user import AbstractBaseUser
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

MSG_ALREADY_ENROLLED = (
    "{username} already has an authenticator app set up. To issue a new key, "
    "delete their device in the admin (TOTP devices) and run this again."
)


class AlreadyEnrolled(Exception):
    pass


def totp_enrol(*, user: AbstractBaseUser, key: str | None = None) -> TOTPDevice:
    """Give ``user`` a confirmed TOTP device, with ``key`` (hex) if given, else
    a random one. Refused if they already have one: a key once handed out is
    replaced only on purpose."""
    if TOTPDevice.objects.filter(user=user).exists():
        raise AlreadyEnrolled(MSG_ALREADY_ENROLLED.format(username=user.get_username()))
    fields = {"key": key} if key else {}
    return TOTPDevice.objects.create(
        user=user, name="Authenticator app", confirmed=True, **fields
    )


def base32_key(device: TOTPDevice) -> str:
    """The key as authenticator apps take it when typed in."""
    return b32encode(device.bin_key).decode()


def current_code(device: TOTPDevice) -> str:
    """The code ``device`` accepts now."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"
