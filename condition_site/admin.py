"""The editorial admin: staff sign in with a password and a TOTP code.

django-otp's admin site lets in only staff verified by one of their devices
in this session; readers' log-ins (``/accounts/login/``) need no second
factor. A site admin gives a staff member a device with ``manage.py
totp_enrol USERNAME``, which prints the key for their authenticator app.
"""

from django import forms
from django.conf import settings
from django_otp.admin import OTPAdminAuthenticationForm, OTPAdminSite
from django_otp.plugins.otp_totp.models import TOTPDevice

MSG_NO_DEVICE = (
    "Your account has no authenticator app set up yet, so it cannot open the "
    "admin. Ask a site admin to run “manage.py totp_enrol {username}” and to "
    "give you the key it prints."
)


class EditorialAuthenticationForm(OTPAdminAuthenticationForm):
    otp_error_messages = {
        **OTPAdminAuthenticationForm.otp_error_messages,
        "token_required": "Enter the 6-digit code from your authenticator app.",
        "invalid_token": "That code is wrong or has expired: enter the current one.",
    }

    def clean_otp(self, user):
        if user is not None:
            # One authenticator app per staff member (totp_enrol), so there is
            # no device to choose: the code is checked against theirs.
            device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
            if device is None:
                raise forms.ValidationError(
                    MSG_NO_DEVICE.format(username=user.get_username()),
                    code="no_device",
                )
            self.cleaned_data["otp_device"] = device.persistent_id
        super().clean_otp(user)


class EditorialAdminSite(OTPAdminSite):
    site_header = f"{settings.SITE_NAME} editorial"
    site_title = f"{settings.SITE_NAME} editorial"
    login_form = EditorialAuthenticationForm
    login_template = "admin/login_otp.html"

    def __init__(self, name="admin"):
        super().__init__(name)
