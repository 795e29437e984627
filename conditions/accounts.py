"""Reader accounts: sign-up here; log in, log out and password reset are
Django's own auth views (see condition_site/urls.py)."""

from django.contrib.auth import login
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import CreateView

from conditions.forms import SignUpForm


def safe_next_url(request, default: str = "/") -> str:
    """The ``next`` parameter if it points at this site, else ``default``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


class SignUpView(CreateView):
    form_class = SignUpForm
    template_name = "registration/signup.html"

    def form_valid(self, form):
        user = form.save()
        login(self.request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect(safe_next_url(self.request))

    def get_context_data(self, **kwargs):
        return super().get_context_data(next=safe_next_url(self.request, ""), **kwargs)
