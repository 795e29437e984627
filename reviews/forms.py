"""Forms for the review workflow in the admin."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone

from reviews.models import PERM_VERIFY_PROFILE, ReviewerProfile, ReviewKind
from reviews.services import MSG_STALE_EDIT


class ReviewableAdminForm(forms.ModelForm):
    """A content form that refuses to overwrite a revision it did not start from.

    It carries the revision it was loaded with; on save it locks the row and
    compares. A refused form is shown again with the user's own text, now
    pointing at the saved revision, so saving again after merging works.
    """

    review_revision = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and not self.is_bound:
            # Read from the row, not the instance: simple-history's revert
            # form hands us a historical copy without the workflow fields.
            self.initial["review_revision"] = self._stored_revision(lock=False)

    def _stored_revision(self, *, lock: bool) -> str:
        rows = type(self.instance)._default_manager.filter(pk=self.instance.pk)
        if lock:
            # Held until the admin's transaction ends, after the content and
            # the new revision hash are written: a concurrent save waits here.
            rows = rows.select_for_update()
        return rows.values_list("revision_hash", flat=True).get()

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            return cleaned
        stored = self._stored_revision(lock=True)
        if cleaned.get("review_revision", "") != stored:
            self.data = self.data.copy()
            self.data[self.add_prefix("review_revision")] = stored
            raise forms.ValidationError(MSG_STALE_EDIT, code="stale")
        return cleaned


class SignOffForm(forms.Form):
    """What an approval records besides the approver (always the user)."""

    review_kind = forms.ChoiceField(
        choices=ReviewKind.choices, initial=ReviewKind.FULL, required=False
    )
    evidence_current_through = forms.DateField(required=False)
    conflicts = forms.CharField(required=False)


class PassOnForm(forms.Form):
    to = forms.ModelChoiceField(queryset=get_user_model().objects.all())


MSG_VERIFY_OWN_PROFILE = (
    "You cannot verify your own profile: another site admin has to check your "
    "credentials."
)
MSG_VERIFICATION_LAPSED = (
    "The public details changed, so this profile is off the advisory board "
    "until a site admin verifies them again."
)


class ReviewerProfileForm(forms.ModelForm):
    """A reviewer's profile; site admins also verify it for the public board.

    The admin sets ``by`` (the user saving); only users with the verify
    permission get the "verified" box. Verifying records who and when; nobody
    verifies their own profile; changing what the board shows
    (``ReviewerProfile.VERIFIED_FIELDS``) without a new check withdraws it.
    """

    by = None

    verified = forms.BooleanField(
        label="Credentials verified",
        required=False,
        help_text="I checked this reviewer's registration and credentials: the "
        "profile may appear on the public advisory board.",
    )

    class Meta:
        model = ReviewerProfile
        fields = [
            "user",
            "credentials",
            "specialty",
            "affiliation",
            "bio",
            "conflicts_of_interest",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.by is not None and self.by.has_perm(PERM_VERIFY_PROFILE):
            self.fields["verified"].initial = self.instance.is_verified
        else:
            del self.fields["verified"]
        self.verification_lapsed = False

    def clean(self):
        cleaned = super().clean()
        profile_user = cleaned.get("user") or getattr(self.instance, "user", None)
        public_changed = bool(
            {"user", *ReviewerProfile.VERIFIED_FIELDS} & set(self.changed_data)
        )
        if "verified" in self.fields:
            verified = cleaned.get("verified", False)
        else:
            verified = self.instance.is_verified and not public_changed
            self.verification_lapsed = self.instance.is_verified and public_changed
        if not verified:
            self.instance.verified_at = self.instance.verified_by = None
        elif public_changed or not self.instance.is_verified:
            # A new check of what readers will see, by this user (only users
            # who may verify have the box).
            if profile_user is not None and profile_user.pk == self.by.pk:
                self.add_error("verified", MSG_VERIFY_OWN_PROFILE)
                return cleaned
            self.instance.verified_at = timezone.now()
            self.instance.verified_by = self.by
        return cleaned
