"""Forms readers fill in: enquiries, the audience choice, sign-up."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm

from conditions.models import Condition, Enquiry

MSG_CONSENT_REQUIRED = (
    "We can only keep and answer your question if you agree to us storing it."
)


class EnquiryForm(forms.ModelForm):
    # A field people never see: bots that fill in every field give themselves away.
    website = forms.CharField(
        required=False,
        label="Leave this field empty",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    consent = forms.BooleanField(
        label=f"I agree that {settings.SITE_NAME} stores my name, e-mail address and "
        "question to answer me, and deletes them after the retention period.",
        error_messages={"required": MSG_CONSENT_REQUIRED},
    )

    class Meta:
        model = Enquiry
        fields = ["name", "email", "question", "consent"]
        labels = {"email": "E-mail address", "question": "Your question"}
        help_texts = {
            "question": "Please do not include details that identify other people. "
            "We cannot give personal medical advice."
        }

    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class ConsultationRequestForm(EnquiryForm):
    condition = forms.ModelChoiceField(
        queryset=Condition.objects.with_published_articles(),
        required=False,
        label="Condition (if you know it)",
    )

    class Meta(EnquiryForm.Meta):
        fields = ["name", "email", "condition", "question", "consent"]
        labels = {**EnquiryForm.Meta.labels, "question": "What would you like to ask?"}


class SignUpForm(UserCreationForm):
    email = forms.EmailField(
        label="E-mail address", help_text="Used only to reset your password."
    )

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ["username", "email"]


MSG_STAFF_LOG_IN = (
    "This is a staff account: sign in at /admin/, with the code from your "
    "authenticator app."
)


class ReaderLogInForm(AuthenticationForm):
    """Readers' log-in. Staff sign in only through the admin, which also asks
    for their second factor, so no staff session ever skips it."""

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if user.is_staff:
            raise forms.ValidationError(MSG_STAFF_LOG_IN, code="staff")
