"""Reader accounts: sign-up and log-in here; log out and password reset are
Django's own auth views (see condition_site/urls.py)."""

from django.contrib.auth import login
from django.contrib.auth.views import LoginView, RedirectURLMixin
from django.shortcuts import redirect
from django.views.generic import CreateView

from conditions.forms import ReaderLogInForm, SignUpForm


class SignUpView(RedirectURLMixin, CreateView):
    """Create a reader account, sign it in and go back where the reader was
    (``next``, only if it points at this site)."""

    form_class = SignUpForm
    template_name = "registration/signup.html"
    next_page = "conditions:home"

    def form_valid(self, form):
        user = form.save()
        login(self.request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect(self.get_success_url())

    def get_context_data(self, **kwargs):
        return super().get_context_data(next=self.get_redirect_url(), **kwargs)


class ReaderLogInView(LoginView):
    """Django's log-in for readers; staff are sent to the admin's, which asks
    for their second factor. Failed attempts count towards django-axes'
    lockout, as the admin's do."""

    authentication_form = ReaderLogInForm
