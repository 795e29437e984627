"""The editorial admin: staff sign in with a password and a TOTP code.

django-otp's admin site lets in only staff verified by one of their devices
in this session; readers' log-ins (``/accounts/login/``) need no second
factor. A site admin gives a staff member a device with ``manage.py
totp_enrol USERNAME``, which prints the key for their authenticator app.
"""

from functools import wraps

from django import forms
from django.conf import settings
from django.template.response import TemplateResponse
from django_otp.admin import OTPAdminAuthenticationForm, OTPAdminSite
from django_otp.plugins.otp_totp.models import TOTPDevice

from reviews.dashboard import dashboard

# Longer searches are refused: each word is one more condition on every
# searched column, and thousands of them exhaust the database's stack.
MAX_SEARCH_WORDS = 20
MAX_SEARCH_CHARACTERS = 300
MSG_NUL = (
    "This address contains a NUL character (%00), which no search or filter "
    "can hold. Remove it and try again."
)
MSG_SEARCH_TOO_LONG = (
    "Search for at most {words} words ({characters} characters) at a time: this "
    "search had {found} words and {length} characters."
)
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

    def index(self, request, extra_context=None):
        """The admin home: the dashboard of review queues above the app list."""
        # reviews.admin registers with this site: imported once both exist.
        from reviews.admin import ReviewableAdminMixin

        reviewable = [
            model
            for model, model_admin in self._registry.items()
            if isinstance(model_admin, ReviewableAdminMixin)
            and model_admin.has_view_permission(request)
        ]
        extra_context = {
            **(extra_context or {}),
            "dashboard": dashboard(request.user, reviewable),
        }
        return super().index(request, extra_context)

    def admin_view(self, view, cacheable=False):
        """Every admin page, with the query checked first: input no page can
        use answers 400 with the reason, never a server error."""
        inner = super().admin_view(view, cacheable)

        @wraps(inner)
        def checked(request, *args, **kwargs):
            problem = query_problem(request)
            if problem:
                context = {**self.each_context(request), "title": "Bad request"}
                return TemplateResponse(
                    request,
                    "admin/bad_request.html",
                    {**context, "problem": problem},
                    status=400,
                )
            return inner(request, *args, **kwargs)

        return checked


def query_problem(request) -> str:
    """Why the admin can't use this request's address, or "" if it can."""
    values = [request.path, *(key + "".join(v) for key, v in request.GET.lists())]
    if any("\x00" in value for value in values):
        return MSG_NUL
    search = request.GET.get("q", "")
    words = search.split()
    if len(words) > MAX_SEARCH_WORDS or len(search) > MAX_SEARCH_CHARACTERS:
        return MSG_SEARCH_TOO_LONG.format(
            words=MAX_SEARCH_WORDS,
            characters=MAX_SEARCH_CHARACTERS,
            found=len(words),
            length=len(search),
        )
    return ""
