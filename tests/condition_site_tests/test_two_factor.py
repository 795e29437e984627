"""Staff open the admin with a password and the code from an authenticator app
(django-otp TOTP); readers sign in with a password alone."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from condition_site.admin import MSG_NO_DEVICE
from condition_site.totp import current_code
from conditions.forms import MSG_STAFF_LOG_IN
from tests.factories import PASSWORD, make_user, sign_in, totp_device

pytestmark = pytest.mark.django_db


def admin_log_in(client, username, code=""):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": PASSWORD, "otp_token": code},
    )


def opens_admin(client) -> bool:
    return client.get(reverse("admin:index")).status_code == 200


def test_the_right_password_alone_does_not_open_the_admin(client, editor):
    totp_device(editor)

    response = admin_log_in(client, "editor")

    assert "Enter the 6-digit code from your authenticator app." in (
        response.content.decode()
    )
    assert not opens_admin(client)


def test_a_wrong_code_does_not_open_the_admin(client, editor):
    code = current_code(totp_device(editor))
    wrong = f"{(int(code) + 500_000) % 1_000_000:06d}"

    response = admin_log_in(client, "editor", wrong)

    assert "That code is wrong or has expired" in response.content.decode()
    assert not opens_admin(client)


def test_password_and_current_code_open_the_admin(client, editor):
    response = admin_log_in(client, "editor", current_code(totp_device(editor)))

    assert response.status_code == 302
    assert opens_admin(client)


def test_staff_without_an_authenticator_are_told_how_to_get_one(client, editor):
    response = admin_log_in(client, "editor", "123456")

    assert MSG_NO_DEVICE.format(username="editor") in response.content.decode()
    assert not opens_admin(client)


def test_a_session_without_the_second_factor_does_not_open_the_admin(client, editor):
    client.force_login(editor)  # a password-only session

    response = client.get(reverse("admin:index"), follow=True)

    assert "Code from your authenticator app" in response.content.decode()
    assert "but the admin also needs the code" in response.content.decode()


def test_staff_cannot_skip_the_code_through_the_readers_log_in(client, editor):
    response = client.post(
        reverse("login"), {"username": "editor", "password": PASSWORD}
    )

    assert MSG_STAFF_LOG_IN in response.content.decode()
    assert not client.get("/").context["user"].is_authenticated


def test_readers_sign_in_without_a_code(client, reader):
    response = client.post(
        reverse("login"), {"username": "reader", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert client.get("/").context["user"] == reader
    assert not TOTPDevice.objects.exists()


def test_totp_enrol_prints_a_key_that_opens_the_admin(client, editor):
    out = io.StringIO()

    call_command("totp_enrol", "editor", stdout=out)

    device = TOTPDevice.objects.get(user=editor)
    assert "otpauth://totp/" in out.getvalue()
    assert "Condition%20Site" in out.getvalue()
    admin_log_in(client, "editor", current_code(device))
    assert opens_admin(client)


@pytest.mark.parametrize(
    ("username", "error"),
    [
        ("nobody", "No user named nobody."),
        ("reader", "reader is not staff"),
        ("editor", "editor already has an authenticator app set up"),
    ],
)
def test_totp_enrol_refuses_clearly_and_changes_nothing(
    editor, reader, username, error
):
    device = totp_device(editor)

    with pytest.raises(CommandError, match=error):
        call_command("totp_enrol", username, stdout=io.StringIO())

    assert list(TOTPDevice.objects.all()) == [device]
    assert TOTPDevice.objects.get().key == device.key


def test_demo_accounts_open_the_admin_with_the_demo_code(client, settings):
    demo = io.StringIO()
    call_command("load_demo", allow_production=True, stdout=demo)
    assert "manage.py demo_otp_code editor" in demo.getvalue()
    assert "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ" in demo.getvalue()
    settings.DEBUG = True
    out = io.StringIO()

    call_command("demo_otp_code", "reviewer", stdout=out)

    client.post(
        reverse("admin:login"),
        {
            "username": "reviewer",
            "password": "reviewer-demo-2026",
            "otp_token": out.getvalue().strip(),
        },
    )
    assert opens_admin(client)


def test_demo_otp_code_refuses_with_debug_off():
    make_user("editor", "Editors")

    with pytest.raises(CommandError, match="only with DJANGO_DEBUG on"):
        call_command("demo_otp_code", "editor", stdout=io.StringIO())


def test_the_admin_lists_devices_but_never_shows_a_key(client, editor):
    root = make_user("root", "Editors", is_superuser=True)
    device = totp_device(editor)
    sign_in(client, root)

    page = client.get(
        reverse("admin:otp_totp_totpdevice_change", args=[device.pk])
    ).content.decode()

    assert "Authenticator app" in page
    assert device.key not in page
    assert "qrcode" not in page
